"""truth.py, the reader of the services' own session lists, pinned on small snippets: the
headers are copied from real exports (the real_logs folders and the shared corpus), the
rows from real rows, shortened or changed only where a case needs it."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from truth import (METRE_PER_MILE, clock_seconds, decimal_mark, find_lists, fold, has_fraction, list_kind,
                   number, parse_start, read_list, read_truth, run_rule)

STRAVA_2024_HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,"
    "Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,"
    "Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,Elevation Gain,Elevation Loss,"
    "Elevation Low,Elevation High,Max Grade,Average Grade,Average Positive Grade,Average Negative Grade,"
    "Max Cadence,Average Cadence,Max Heart Rate,Average Heart Rate,Max Watts,Average Watts,Calories,"
    "Max Temperature,Average Temperature,Relative Effort,Total Work,Number of Runs,Uphill Time,Downhill Time,"
    "Other Time,Perceived Exertion,Type,Start Time,Weighted Average Power,Power Count,"
    "Prefer Perceived Exertion,Perceived Relative Effort,Commute,Total Weight Lifted,From Upload,"
    "Grade Adjusted Distance,Weather Observation Time,Weather Condition,Weather Temperature,"
    "Apparent Temperature,Dewpoint,Humidity,Weather Pressure,Wind Speed,Wind Gust,Wind Bearing,"
    "Precipitation Intensity,Sunrise Time,Sunset Time,Moon Phase,Bike,Gear,Precipitation Probability,"
    "Precipitation Type,Cloud Cover,Weather Visibility,UV Index,Weather Ozone,Jump Count,Total Grit,"
    "Average Flow,Flagged,Average Elapsed Speed,Dirt Distance,Newly Explored Distance,"
    "Newly Explored Dirt Distance,Activity Count,Total Steps,Carbon Saved,Pool Length,Training Load,"
    "Intensity,Average Grade Adjusted Pace,Timer Time,Total Cycles,Recovery,With Pet,Competition,Long Run,"
    "For a Cause,Media")
STRAVA_2024 = STRAVA_2024_HEADER + """
11573601446,"Jun 4, 2024, 4:39:40 PM",Evening Run,Run,,5381,9.83,,,false,,,activities/12352754193.fit.gz,,,5381.0,2950.0,9833.3,7.436,3.333
11573601308,"Jun 4, 2024, 6:13:47 AM",Morning Ride,Ride,,611,3.52,,,false,,,activities/12352754226.fit.gz,,,611.0,543.0,3519.4,8.3,6.481
14200212246,"Apr 17, 2025, 4:50:47 AM",Morning Swim,Swim,,2005,"1,073",168.0,45,false,,,activities/15155170675.fit.gz,,,2005.0,1247.0,1073.0,1.94,0.86
13477894163,"Jan 28, 2025, 11:30:00 PM",Evening Run,Run,"Cserben hagyott az óra :/
(manual)",2890,8.50,,,false,"",ASICS GT 2000 II,,,,2890.0,2890.0,,,2.941
"""
STRAVA_2018 = """id,date,name,type,description,elapsed_time,distance,commute,gear,filename
193569569,2014-09-12 16:54:28,Evening Ride,Ride,,9462,43057.4,false,,activities/193569569.gpx
202171828,2014-10-02 04:00:55,GUC Run,Run,,2627,8866.5,false,,activities/202171828.gpx
"""
STRAVA_2020_EN_GB = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,"
    "Relative Effort,Commute,Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,"
    "Distance,Max Speed\n"
    '4512261173,"24 Dec 2020, 08:13:59",Test activity cycling ,Ride,"",19595,101.17,,false,Lynskey,'
    "activities/4821174253.fit.gz,,10.0,19595.0,18566.0,101178.203125,11.5\n")
RUNKEEPER = """Date,Type,Route Name,Distance (mi),Duration,Average Pace,Average Speed (mph),Calories Burned,Climb (ft),Average Heart Rate (bpm),Notes,GPX File
2016-02-06 07:48:44,Running,,4.45,30:21,6:49,8.79,587.0,1.00,,,2016-02-06-0748.gpx
2015-03-06 08:55:49,Running,,17.07,2:10:48,7:40,7.83,2293.0,261.85,,,2015-03-06-0855.gpx
2014-05-19 08:37:16,Running,,5.00,37:00,7:24,8.11,704.0,,,"+ bball
+ jumps",
2014-05-05 16:58:53,Walking,,1.27,16:59,13:24,4.48,157.0,20.64,,,2014-05-05-1658.gpx
2014-03-06 06:30:00,Running,,1.00,7:00,7:00,8.57,137.0,,,,
"""
RUNKEEPER_KM = """Activity Id,Date,Type,Route Name,Distance (km),Duration,Average Pace,Average Speed (km/h),Calories Burned,Climb (m),Average Heart Rate (bpm),Friend's Tagged,Notes,GPX File
a1b2c3d4-0001,2019-05-04 09:12:00,Running,,10.02,52:10,5:12,11.52,700,45,151,,,2019-05-04-091200.gpx
a1b2c3d4-0002,2019-05-05 17:00:00,Cycling,,30.50,1:05:00,2:08,28.15,800,120,,,,
"""
GARMIN_SV_HEADER = (
    "Aktivitetstyp,Datum,Favorit,Namn,Distans,Kalorier,Tid,Medelpuls,Maxpuls,Aerobisk Training Effect,"
    "Medellöpkadens,Maximal löpkadens,Medeltempo,Bästa tempo,Total stigning,Totalt nedför,Medelsteglängd,"
    "Medelvärde för vertikal kvot,Medelvärde för vertikal rörelse,Medeltid för markkontakt,"
    "Medelkontakttidsbalans,Medelvärde GAP,Normalized Power® (NP®),Training Stress Score®,Med. kraft,"
    "Maxkraft,Totalt antal årtag,Medel-Swolf,Medelårtagstempo,Steg,Totalt antal repetitioner,"
    "Totalt antal set,Urladdning av Body Battery,Minsta temperatur,Dekompression,Bästa varvtid,Antal varv,"
    "Maximal temperatur,Genomsnittlig andning,Minsta andningshastighet,Maximal andningshastighet,"
    "Stressändring,Start för stress,Slut för stress,Medestress,Maxbelastning,Färdtid,Total tid,Min. höjd,"
    "Max. höjd")
GARMIN_SV = GARMIN_SV_HEADER + """
Löpband,2026-02-08 11:03:22,false,"Löpband","5.10","377","00:29:36","145","164","3.0","141","248","5:48","3:36","--","--","1.36","7.1","9.4","258","52.3% vänster/47.7% höger","--","360","0.0","292","438","--","--","--","4,030","--","--","-6","--","Nej","00:00:28.1","10","--","33","22","45","--","--","--","--","--","00:24:33","00:29:36","--","--"
Löpning,2026-01-31 09:44:14,false,"Lund Löpning","17.16","1,078","01:37:07","126","139","3.1","170","182","5:40","4:09","154","145","1.04","8.8","9.4","264","49.7% vänster/50.3% höger","5:37","307","0.0","302","487","--","--","--","16,298","--","--","-21","8.0","Nej","00:00:45.6","18","26.0","36","20","46","--","--","--","--","--","01:37:03","01:37:07","29","89"
Simbassäng,2024-06-24 11:41:06,false,"Simbassäng","1,500","332","00:45:55","124","152","--","--","--","2:11","1:38","--","--","--","--","--","--","--","--","--","0.0","--","--","847","94","26","--","--","--","--","--","Nej","00:00:14.4","51","--","--","--","--","--","--","--","--","--","00:32:40","00:46:08","--","--"
Styrketräning,2026-01-30 17:23:03,false,"Strength","0.00","432","00:52:10","117","169","2.2","--","--","--","--","--","--","--","--","--","--","--","--","--","0.0","--","--","--","--","--","--","--","1","-6","--","Nej","00:52:10","1","--","--","--","--","--","--","--","--","--","00:52:10","00:52:10","--","--"
"""
GARMIN_HU = """Tevékenység típusa,Dátum,Kedvenc,Cím,Távolság,Kalóriaszám,Idő,Átlagos pulzusszám,Max. pulzus,Átl. pedálütem,Max. pedálütem,Átlagos tempó,Legjobb tempó,Teljes emelkedés,Teljes süllyedés,Átlagos lépéshossz,Átl. pedálütem,Max. pedálütem,Training Stress Score®,Teljes csapásszám,Lépések,Összes ismétlés,Összes szett,Dekompressziós,Legjobb köridő,Körök száma,Ált. légzés,Min. légzés,Max. légzés,Stresszadatok változása,Kezdő stressz,Befejező stressz,Átl. stressz,Max. stressz,Menetidő,Eltelt idő,Minimális magasság,Maximális magasság
Futás,2024-08-09 18:31:09,false,"Bp Futás","3.40","368","01:01:34","123","167","43","198","18:06","3:31","18","19","1.29","--","--","0.0","--","4,224","--","--","Nem","00:13:35","4","--","--","--","--","--","--","--","--","00:24:57","01:01:34","97","104"
Futás,2024-08-08 19:31:50,false,"Szeged Futás","3.18","278","01:00:51","108","145","47","207","19:08","4:03","2","3","1.11","--","--","0.0","--","5,084","--","--","Nem","00:02:59.3","4","--","--","--","--","--","--","--","--","00:29:41","01:00:51","81","90"
Nyíltvízi úszás,2023-08-22 15:27:54,false,"Sándorfalva úszás ","950","132","00:55:40","85","113","3","186","5:52","1:43","55","52","6.20","--","--","0.0","--","364","--","--","Nem","00:55:40","1","--","--","--","--","--","--","--","--","00:01:39","00:55:40","75","109"
Kerékpározás,2024-07-10 12:36:56,false,"Szeged Kerékpározás","18.50","400","02:15:07","100","140","--","--","13.7","30.1","50","49","--","--","--","0.0","--","--","--","--","Nem","00:30:00","5","--","--","--","--","--","--","--","--","01:01:14","02:15:07","75","99"
"""
GARMIN_EN_MILES = """Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR,Avg Run Cadence,Max Run Cadence,Avg Pace,Best Pace,Total Ascent,Total Descent,Avg Stride Length,Avg Vertical Ratio,Avg Vertical Oscillation,Training Stress Score®,Grit,Flow,Dive Time,Min Temp,Surface Interval,Decompression,Best Lap Time,Number of Laps,Max Temp,Moving Time,Elapsed Time,Min Elevation,Max Elevation
Running,2021-07-01 09:47:34,false,"Eugene Running","1.46","270","00:20:33","133","179","127","170","14:06","8:46","46","43","0.90","0.0","0.0","0.0","0.0","0.0","0:00","0.0","0:00","No","06:04.46","2","0.0","00:20:24","00:20:43","474","543"
Running,2021-07-31 10:38:56,false,"Eugene - C25k week 6 day 3","2.60","386","00:30:01","163","191","152","167","11:34","9:24","82","72","0.91","0.0","0.0","0.0","0.0","0.0","0:00","0.0","0:00","No","00:01.44","5","0.0","00:00:00","00:30:01","415","455"
Running,2021-11-21 07:21:45,false,"10k week 3 day 3 Failed :(","2.00","235","00:22:10","157","182","164","173","11:04","9:49","52","56","0.89","0.0","0.0","0.0","0.0","0.0","0:00","0.0","0:00","No","00:00.97","3","0.0","00:22:09","00:22:10","4,221","4,256"
"""
GARMIN_ES = """Tipo de actividad,Fecha,Favorito,Título,Distancia,Calorías,Tiempo,Frecuencia cardiaca media,FC máxima,TE aeróbico,Cadencia de carrera media,Cadencia de carrera máxima,Ritmo medio,Ritmo óptimo,Ascenso total,Descenso total,Longitud media de zancada,GAP medio,Normalized Power® (NP®),Training Stress Score®,Potencia media,Potencia máxima,Pasos,Repeticiones totales,Series totales,Descompresión,Mejor tiempo de vuelta,Número de vueltas,Tiempo en movimiento,Tiempo transcurrido,Altura mínima,Altura máxima
Carrera,2025-11-13 18:35:58,false,"Bilbao Carrera","8.78","602","00:53:55","152","165","3.5","165","180","6:08","4:45","55","46","0.99","6:08","267","0.0","260","413","8,966","--","--","No","00:04:53.5","9","00:53:04","01:02:30","7","32"
Entrenamiento en cinta,2025-10-09 20:11:04,false,"Entrenamiento en cinta","4.88","367","00:30:05","157","169","3.6","157","163","6:10","5:55","--","--","1.04","--","251","0.0","250","269","4,690","--","--","No","00:00:20.4","4","00:30:04","00:30:05","--","--"
"""
GARMIN_DE_2012 = """Aktivitäten von magicmike23
 
 Favorit,Aktivitätsname,Aktivitätstyp,Course,Start,Zeit,Distanz,Positiver Höhenunterschied,Ø Geschw(Ø Pace),Max. Geschw.(Beste Pace),Ø HF,Max. HF,Kalorien,Züge insgesamt,Durchschnittliche Anzahl von Zügen,Mindestanzahl von Zügen,Durchschnittlicher SWOLF-Wert,Bester SWOLF-Wert,Beste Effizienz,Training Effect,
 false,Lauf,Laufen,--,"Fr, 25 Mai 2012 20:31",1:05:11,"10,20",38,6:24,3:10,138,150,588,--,--,--,--,--,--,--,
 false,Auslaufen,Laufen,--,"Mi, 23 Mai 2012 19:25",12:03,"2,00",0,6:01,5:28,--,--,150,--,--,--,--,--,--,--,
"""
FLOTRACK = """Date, Name, Minutes, Seconds, Distance,Pace, Unit, Feel, Notes, Cross Train Type, Calulate Pace, Field 1, Field 2
2009-05-25,Iron mountain (from my house),60,0,8,07:30,miles,4,,,1,,
2009-05-18,Cross Train (bike),0,0,65,0,miles,,,bike,0,,
2009-05-14,Rich man\\'s,30,0,4,07:30,miles,3,,,1,,
2009-08-18,Rich Man\\'s,33,0,4.4,07:30,miles,5,"http://www.gmap-pedometer.com/?r=3110281 

Is called "Bruce Wayne" instead of "Rich Man's" on the Friday before races.",,1,,
2013-02-10,Mt. Scott Park,20,27,,#DIV/0!,miles,3,,,1,,
2012-10-06,Lewis & Clark Invitational,26,5.7,8,05:13,km,5,,,1,,
2010-02-01,Cross Train (weights),30,0,,0,miles,,,weights,0,,
"""


def _write(tmp_path, text: str, name: str = "list.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding, newline="")
    return path


def _row(frame: pd.DataFrame, number: int) -> pd.Series:
    return frame.set_index("row").loc[number]


def test_strava_2024_layout_reads_the_exact_distance_and_puts_utc_starts_in_the_zone(tmp_path):
    frame = read_list(_write(tmp_path, STRAVA_2024), tz="Europe/Budapest")
    assert list(frame["service"].unique()) == ["strava"]
    run, ride, swim, manual = (_row(frame, n) for n in (1, 2, 3, 4))
    assert run["distance_m"] == 9833.3 and run["duration_s"] == 5381 and run["duration_kind"] == "elapsed"
    assert run["moving_s"] == 2950 and run["is_run"] and run["run_rule"] == "listed"
    assert run["key"] == "11573601446" and run["linked_file"] == "activities/12352754193.fit.gz"
    assert run["start"] == pd.Timestamp("2024-06-04 16:39:40") and run["clock"] == "utc"
    assert run["local_date"] == pd.Timestamp("2024-06-04") and run["date_exact"]
    assert not ride["is_run"] and ride["sport"] == "Ride" and ride["distance_m"] == 3519.4
    assert swim["distance_m"] == 1073.0 and not swim["is_run"]
    # no exact distance (a manual entry): the shown one, in km; 23:30 UTC is the next day in Budapest
    assert manual["distance_m"] == pytest.approx(8500.0) and manual["linked_file"] == ""
    assert manual["local_date"] == pd.Timestamp("2025-01-28") + pd.Timedelta(days=1)


def test_strava_utc_starts_without_a_zone_keep_the_utc_date_and_say_it_is_not_exact(tmp_path):
    frame = read_list(_write(tmp_path, STRAVA_2024))
    manual = _row(frame, 4)
    assert manual["local_date"] == pd.Timestamp("2025-01-28") and not manual["date_exact"]


def test_strava_2018_layout_is_in_metres(tmp_path):
    frame = read_list(_write(tmp_path, STRAVA_2018), tz="UTC")
    assert frame["distance_m"].tolist() == [43057.4, 8866.5]
    assert frame["is_run"].tolist() == [False, True]
    assert frame["duration_s"].tolist() == [9462, 2627]
    assert frame["key"].tolist() == ["193569569", "202171828"]


def test_strava_en_gb_dates_and_the_second_distance(tmp_path):
    frame = read_list(_write(tmp_path, STRAVA_2020_EN_GB), tz="Europe/London")
    ride = _row(frame, 1)
    assert ride["start"] == pd.Timestamp("2020-12-24 08:13:59")
    assert ride["distance_m"] == pytest.approx(101178.203125) and ride["duration_s"] == 19595


def test_runkeeper_miles_durations_and_multiline_notes(tmp_path):
    frame = read_list(_write(tmp_path, RUNKEEPER))
    assert len(frame) == 5 and set(frame["service"]) == {"runkeeper"}
    first, long_run, notes, walk, short = (_row(frame, n) for n in range(1, 6))
    assert first["distance_m"] == pytest.approx(4.45 * METRE_PER_MILE)
    assert first["duration_s"] == 30 * 60 + 21 and first["duration_kind"] == "timer"
    assert first["key"] == first["linked_file"] == "2016-02-06-0748.gpx"
    assert first["clock"] == "local" and first["local_date"] == pd.Timestamp("2016-02-06")
    assert long_run["duration_s"] == 2 * 3600 + 10 * 60 + 48
    assert notes["distance_m"] == pytest.approx(5 * METRE_PER_MILE) and notes["linked_file"] == ""
    assert not walk["is_run"] and walk["sport"] == "Walking"
    assert short["duration_s"] == 7 * 60


def test_runkeeper_km_with_activity_id(tmp_path):
    frame = read_list(_write(tmp_path, RUNKEEPER_KM))
    run, ride = _row(frame, 1), _row(frame, 2)
    assert run["distance_m"] == pytest.approx(10020.0) and run["key"] == "a1b2c3d4-0001"
    assert run["linked_file"] == "2019-05-04-091200.gpx" and run["is_run"]
    assert ride["duration_s"] == 3900 and not ride["is_run"]


def test_garmin_swedish_km_pool_swim_metres_and_elapsed_time(tmp_path):
    frame = read_list(_write(tmp_path, GARMIN_SV))
    treadmill, run, swim, strength = (_row(frame, n) for n in range(1, 5))
    assert set(frame["service"]) == {"garmin_connect"}
    assert treadmill["is_run"] and treadmill["sport"] == "Löpband" and treadmill["distance_m"] == 5100.0
    assert treadmill["duration_s"] == 29 * 60 + 36 and treadmill["duration_kind"] == "elapsed"
    assert treadmill["moving_s"] == 24 * 60 + 33
    assert run["distance_m"] == pytest.approx(17160.0) and run["is_run"]
    assert swim["distance_m"] == 1500.0 and not swim["is_run"]  # '1,500': metres, not 1.5 km
    assert swim["duration_s"] == 46 * 60 + 8
    assert strength["distance_m"] == 0.0 and not strength["is_run"]


def test_garmin_hungarian_repeated_columns_run_walks_stay_in_km(tmp_path):
    """Steps x stride of a run/walk says ~1.5 km per listed km: a Hungarian list is km."""
    frame = read_list(_write(tmp_path, GARMIN_HU))
    first, second, swim, ride = (_row(frame, n) for n in range(1, 5))
    assert first["distance_m"] == 3400.0 and first["is_run"] and first["sport"] == "Futás"
    assert first["duration_s"] == 3694 and first["moving_s"] == 24 * 60 + 57
    assert second["distance_m"] == 3180.0
    assert swim["distance_m"] == 950.0 and not swim["is_run"]
    assert ride["distance_m"] == 18500.0 and not ride["is_run"]


def test_garmin_english_statute_miles_are_told_by_cadence_and_stride(tmp_path):
    frame = read_list(_write(tmp_path, GARMIN_EN_MILES))
    assert frame["distance_m"].tolist() == pytest.approx([1.46 * METRE_PER_MILE, 2.60 * METRE_PER_MILE,
                                                          2.00 * METRE_PER_MILE])
    assert _row(frame, 2)["moving_s"] == 0.0  # written 00:00:00, kept as the list says
    assert _row(frame, 2)["duration_s"] == 30 * 60 + 1


def test_garmin_spanish_km_and_treadmill_name(tmp_path):
    frame = read_list(_write(tmp_path, GARMIN_ES))
    assert frame["distance_m"].tolist() == pytest.approx([8780.0, 4880.0])
    assert frame["is_run"].tolist() == [True, True]
    assert frame["duration_s"].tolist() == [3750.0, 1805.0]


def test_garmin_german_2012_title_line_decimal_comma_and_weekday_dates(tmp_path):
    frame = read_list(_write(tmp_path, GARMIN_DE_2012))
    assert frame["start"].tolist() == [pd.Timestamp("2012-05-25 20:31"), pd.Timestamp("2012-05-23 19:25")]
    assert frame["distance_m"].tolist() == pytest.approx([10200.0, 2000.0])
    assert frame["duration_s"].tolist() == [3911.0, 723.0] and set(frame["duration_kind"]) == {"timer"}
    assert frame["is_run"].all()


def test_flotrack_units_per_row_minutes_and_seconds_cross_training(tmp_path):
    frame = read_list(_write(tmp_path, FLOTRACK))
    assert len(frame) == 7 and set(frame["service"]) == {"flotrack"}
    iron, bike, rich, notes, no_distance, race, weights = (_row(frame, n) for n in range(1, 8))
    assert iron["distance_m"] == pytest.approx(8 * METRE_PER_MILE) and iron["duration_s"] == 3600
    assert iron["is_run"] and iron["clock"] == "date" and pd.isna(iron["start"])
    assert iron["local_date"] == pd.Timestamp("2009-05-25")
    assert not bike["is_run"] and bike["sport"] == "bike" and math.isnan(bike["duration_s"])
    assert bike["distance_m"] == pytest.approx(65 * METRE_PER_MILE)
    assert rich["distance_m"] == pytest.approx(4 * METRE_PER_MILE) and rich["is_run"]
    assert notes["distance_m"] == pytest.approx(4.4 * METRE_PER_MILE) and notes["duration_s"] == 33 * 60
    assert math.isnan(no_distance["distance_m"]) and no_distance["duration_s"] == 20 * 60 + 27
    assert no_distance["is_run"]
    assert race["distance_m"] == pytest.approx(8000.0) and race["duration_s"] == pytest.approx(26 * 60 + 5.7)
    assert not weights["is_run"] and math.isnan(weights["distance_m"])


def test_lists_are_told_by_header_not_by_name(tmp_path):
    (tmp_path / "log").mkdir()
    _write(tmp_path / "log", GARMIN_SV, name="whatever.csv")
    _write(tmp_path / "log", "Date,Type,Value\n2014-06-03 00:00:00,weight,80.7394\n", name="Activities.csv")
    assert list_kind(tmp_path / "log" / "Activities.csv") is None
    assert [p.name for p in find_lists(tmp_path / "log")] == ["whatever.csv"]
    assert len(read_truth(tmp_path / "log")) == 4
    for text, kind in ((STRAVA_2024, "strava"), (STRAVA_2018, "strava"), (RUNKEEPER, "runkeeper"),
                       (RUNKEEPER_KM, "runkeeper"), (GARMIN_HU, "garmin_connect"), (GARMIN_ES, "garmin_connect"),
                       (GARMIN_DE_2012, "garmin_connect"), (FLOTRACK, "flotrack")):
        assert list_kind(_write(tmp_path, text, name="x.csv")) == kind


def test_a_folder_with_two_lists_is_refused(tmp_path):
    _write(tmp_path, RUNKEEPER, name="a.csv")
    _write(tmp_path, FLOTRACK, name="b.csv")
    with pytest.raises(ValueError, match="expected one session list, found 2"):
        read_truth(tmp_path)


def test_an_unreadable_cell_names_its_row(tmp_path):
    path = _write(tmp_path, RUNKEEPER.replace("2014-05-05 16:58:53", "yesterday"))
    with pytest.raises(ValueError, match=r"row 4: unreadable date 'yesterday'"):
        read_list(path)
    path = _write(tmp_path, FLOTRACK.replace(",km,", ",furlongs,"))
    with pytest.raises(ValueError, match="row 6: unknown distance unit 'furlongs'"):
        read_list(path)


def test_cp1252_lists_are_read(tmp_path):
    frame = read_list(_write(tmp_path, GARMIN_SV, encoding="cp1252"))
    assert frame["sport"].tolist()[:2] == ["Löpband", "Löpning"]


@pytest.mark.parametrize("sport", ["Run", "Trail Run", "Virtual Run", "Running", "Treadmill Running",
                                   "Löpning", "Löpband", "Futás", "Beltéri futás", "Teremfutás", "Laufen",
                                   "Course à pied", "Carrera", "Entrenamiento en cinta", "Corsa", "Bieganie", "run"])
def test_running_types_are_listed(sport):
    assert run_rule(sport) == "listed"


@pytest.mark.parametrize("sport", ["Ride", "Swim", "Workout", "Walking", "Hiking", "Cycling", "Styrketräning",
                                   "Konditionspass", "Simbassäng", "Längdskidåkning fristil", "Kerékpározás",
                                   "Kardió", "Gyaloglás", "Sífutás", "Skilanglauf", "Eislaufen", "bike", "weights",
                                   "hiking", "Bieg narciarski", "Mountain Bike Ride", ""])
def test_other_sports_are_not_runs(sport):
    assert run_rule(sport) == ""


def test_unlisted_running_names_are_runs_by_stem():
    assert run_rule("Run/Walk") == "stem"
    assert run_rule("Indoor Track Running") == "stem"


@pytest.mark.parametrize("cell, expected", [
    ("2024-08-09 18:31:09", "2024-08-09 18:31:09"),
    ("Jun 4, 2024, 6:13:47 AM", "2024-06-04 06:13:47"),
    ("Jan 28, 2025, 12:05:00 PM", "2025-01-28 12:05:00"),
    ("Jan 28, 2025, 12:05:00 AM", "2025-01-28 00:05:00"),
    ("24 Dec 2020, 08:13:59", "2020-12-24 08:13:59"),
    ("04.06.2024, 06:13:47", "2024-06-04 06:13:47"),
    ("Fr, 25 Mai 2012 20:31", "2012-05-25 20:31:00"),
    ("2009-05-25", "2009-05-25 00:00:00"),
    ("7/4/2020 15:36", "2020-07-04 15:36:00"),
])
def test_dates(cell, expected):
    assert parse_start(cell) == pd.Timestamp(expected)


def test_slash_dates_follow_the_order_given():
    assert parse_start("7/4/2020 15:36", "dmy") == pd.Timestamp("2020-04-07 15:36")


@pytest.mark.parametrize("cell, seconds", [("30:21", 1821), ("2:10:48", 7848), ("7:00", 420),
                                           ("00:29:36", 1776), ("00:09:18.8", 558.8), ("--", math.nan),
                                           ("--:--:--", math.nan)])
def test_durations(cell, seconds):
    got = clock_seconds(cell)
    assert (math.isnan(got) and math.isnan(seconds)) or got == pytest.approx(seconds)


def test_numbers_thousands_and_decimal_marks():
    assert number("3,000") == 3000.0 and number('"1,078"') == 1078.0 and math.isnan(number("--"))
    assert number("10,20", ",") == 10.2 and number("1.234,5", ",") == 1234.5
    assert decimal_mark(["5.10", "3,000", "--"]) == "." and decimal_mark(["10,20", "2,00"]) == ","
    assert has_fraction("5.10") and not has_fraction("3,000") and not has_fraction("750")
    assert has_fraction("10,20", ",") and not has_fraction("3.000", ",")
    assert fold("Type d'activité") == "type d activite" and fold("Aktivitäts-ID") == "aktivitats id"
