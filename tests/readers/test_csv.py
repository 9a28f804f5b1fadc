"""CSV readers: every corpus CSV is read or refused with a specific reason; exact values of
one row per layout, checked against what the file says; encodings; the simple log in each
documented variant; the user's column map and its error message; Strava's repeated columns."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest
from support import REPO, corpus_manifest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskcheck.errors import ConfigError, FileProblem, NotAnActivity, UnrecognisedColumns
from riskcheck.readers.base import ParsedActivity, ReadOptions
from riskcheck.readers.csv import read_csv_log
from riskcheck.readers.csv.cells import duration_s, number
from riskcheck.readers.csv.dates import parse_datetime
from riskcheck.readers.csv.mapping import FIELDS
from riskcheck.readers.summarize import to_row

CSV_ROWS = [row for row in corpus_manifest() if row["kind"] == "csv"]
OPTIONS = ReadOptions()
MILE_M, FOOT_M = 1609.344, 0.3048


def _read(text: str | bytes, options: ReadOptions = OPTIONS) -> list[ParsedActivity]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_csv_log(data, "test.csv", options)


def _corpus(corpus: Path, name: str) -> list[ParsedActivity]:
    path = corpus / "csv" / name
    return read_csv_log(path.read_bytes(), str(path), OPTIONS)


def _all_warnings(activities: list[ParsedActivity]) -> str:
    return " | ".join(w for a in activities for w in a.warnings)


# Per-sample recordings without distance, speed or positions (a trainer ride's heart rate
# and power): nothing to measure them by, refused with that reason.
SAMPLES_WITHOUT_DISTANCE = {"GoldenCheetah_GoldenCheetah__Ramp_test.csv"}


def _expected_outcome(notes: str, name: str = "") -> str:
    """What the manifest's own description of a file says the reader must do with it."""
    if notes.startswith("HEADER ONLY"):
        return "no rows"
    if name in SAMPLES_WITHOUT_DISTANCE:
        return "refused"
    if re.search(r"Polar Flow per-training|Wahoo|Epson|Joule|MOTOACTV|FitCSVTool", notes):
        return "samples"
    if re.search(r"Garmin Connect|Strava|hand-kept", notes) and "API JSON" not in notes:
        return "read"
    return "refused"


# --- the corpus ------------------------------------------------------------------------

def test_corpus_has_csv_files(corpus):
    assert len(CSV_ROWS) >= 15


@pytest.mark.parametrize("row", CSV_ROWS, ids=lambda r: r["local_name"])
def test_corpus_file_read_or_refused_with_reason(row):
    data = Path(row["file"]).read_bytes()
    expected = _expected_outcome(row["notes"], row["local_name"])
    try:
        activities = read_csv_log(data, row["file"], OPTIONS)
    except NotAnActivity as problem:
        assert expected in ("no rows", "refused") and problem.kind == "skipped", problem.reason
        return
    except FileProblem as problem:
        assert expected == "refused" and problem.kind == "failed" and len(problem.reason) > 20, problem.reason
        return
    assert expected in ("read", "samples")
    for index, activity in enumerate(activities):
        if expected == "samples":
            assert activity.source_format == "csv_samples" and len(activity.samples) > 0
        else:
            assert activity.samples is None
            assert activity.source_format in ("csv_garmin", "csv_strava", "csv_log")
        assert activity.start_time_utc is not None or activity.start_local is not None
        row_values, _ = to_row(activity, row["file"], index, OPTIONS)
        assert row_values["local_date"] == row_values["start_local"].normalize()


def test_spanish_garmin_row_and_thousands_separator(corpus):
    first = _corpus(corpus, "asierrodri_EDA-Running__Activities.csv")[0]
    # Carrera,2025-11-13 18:35:58,false,"Bilbao Carrera","8.78",... "00:53:55","152","165",
    # "3.5","165",... "6:08","4:45","55","46",... "00:53:04","01:02:30"
    assert first.start_local == pd.Timestamp("2025-11-13 18:35:58") and first.start_time_utc is None
    assert (first.sport_raw, first.name) == ("Carrera", "Bilbao Carrera")
    assert first.totals["distance_m"] == pytest.approx(8780)
    assert first.totals["moving_s"] == 53 * 60 + 4 and first.totals["elapsed_s"] == 3600 + 2 * 60 + 30
    assert (first.totals["avg_hr_bpm"], first.totals["max_hr_bpm"]) == (152, 165)
    assert first.totals["avg_cadence_spm"] == 165
    assert (first.totals["ascent_m"], first.totals["descent_m"]) == (55, 46)
    assert first.totals["avg_speed_m_s"] == pytest.approx(1000 / (6 * 60 + 8))
    # Steps '8,966' x stride 0.99 m = 8.9 km: the km decision rests on the thousands separator.
    assert number("8,966") == 8966
    assert "guessed" not in " ".join(first.warnings)


def test_us_garmin_export_in_miles_and_feet(corpus):
    activities = _corpus(corpus, "jeremyiwk_garmindata__Activities.csv")
    # Running,2021-07-01 09:47:34,false,"Eugene Running","1.46",... "46","43" ascent/descent (ft)
    first = activities[0]
    assert first.totals["distance_m"] == pytest.approx(1.46 * MILE_M)
    assert first.totals["ascent_m"] == pytest.approx(46 * FOOT_M)
    assert first.totals["avg_speed_m_s"] == pytest.approx(MILE_M / (14 * 60 + 6))
    assert "guessed" not in _all_warnings(activities)
    # Row 2: Moving Time 00:00:00 although Time is 00:30:01.
    assert activities[1].totals["moving_s"] == 30 * 60 + 1
    assert "Moving Time 0" in _all_warnings(activities)


def test_us_garmin_2020_unit_guess_is_warned(corpus):
    (ride,) = _corpus(corpus, "quoted_in_code__GarminConnect_EN_2020_ActivityTime.header.csv")
    assert ride.start_local == pd.Timestamp("2020-07-04 15:36")
    assert ride.totals["distance_m"] == pytest.approx(7.16 * MILE_M)
    assert ride.totals["moving_s"] == 49 * 60 + 12
    assert any(w.startswith("distance unit guessed as miles because") for w in ride.warnings)


def test_old_german_garmin_export_with_title_line_and_decimal_comma(corpus):
    activities = _corpus(corpus, "Runalyze_Runalyze__GarminConnect.csv")
    assert len(activities) == 6
    # false,Lauf,Laufen,--,"Fr, 25 Mai 2012 20:31",1:05:11,"10,20",38,6:24,3:10,138,150,...
    first = activities[0]
    assert first.start_local == pd.Timestamp("2012-05-25 20:31")
    assert (first.name, first.sport_raw) == ("Lauf", "Laufen")
    assert first.totals["distance_m"] == pytest.approx(10200)
    assert first.totals["moving_s"] == 3600 + 5 * 60 + 11
    assert first.totals["ascent_m"] == 38 and first.totals["avg_hr_bpm"] == 138
    assert first.totals["avg_speed_m_s"] == pytest.approx(1000 / (6 * 60 + 24))
    assert activities[4].name == "1.500 m" and activities[4].totals["distance_m"] == pytest.approx(1500)
    assert "avg_hr_bpm" not in activities[1].totals  # '--'
    assert "distance unit guessed as km" in _all_warnings(activities)


def test_strava_long_layout_from_corpus(corpus):
    first, second = _corpus(corpus, "AakashB-1996_Strava_Analysis__activities.csv")
    # 7926971219,"Oct 6, 2022, 11:19:20 PM",Evening Run,Run,,979,2.43,177.0,... second
    # Elapsed Time 979.0, Moving Time 971.0, Distance 2432.77001953125
    assert first.start_time_utc == pd.Timestamp("2022-10-06 23:19:20", tz="UTC") and first.start_local is None
    assert first.totals["distance_m"] == pytest.approx(2432.77001953125)
    assert (first.totals["elapsed_s"], first.totals["moving_s"]) == (979, 971)
    assert first.totals["max_hr_bpm"] == 177 and first.totals["avg_hr_bpm"] == pytest.approx(165.57888793945312)
    assert first.linked_file == "activities/8474917700.fit.gz"
    assert second.shoe == "Saucony Endorphin Pro 3 Race shoes"
    assert second.start_time_utc == pd.Timestamp("2022-11-30 00:29:11", tz="UTC")


def test_strava_2018_layout_distance_in_metres(corpus):
    activities = _corpus(corpus, "AhmedAldahshoury_StravaData__activities.csv")
    # 193569569,2014-09-12 16:54:28,Evening Ride,Ride,,9462,43057.4,false,,activities/193569569.gpx
    first = activities[0]
    assert first.start_time_utc == pd.Timestamp("2014-09-12 16:54:28", tz="UTC")
    assert first.totals == {"distance_m": 43057.4, "elapsed_s": 9462}
    assert first.linked_file == "activities/193569569.gpx"
    assert len(activities) == len(Path(corpus / "csv" / "AhmedAldahshoury_StravaData__activities.csv")
                                  .read_text().splitlines()) - 1


def test_hand_kept_german_log_latin1(corpus):
    activities = _corpus(corpus, "Runalyze_Runalyze__Umlaute.csv")
    # 18.02.12,"LaD","7,4",00:55:30,133,147,"Gel Cumulus","5.50 Uhr, 7°C, trocken - Gemütlicher ..."
    first = activities[0]
    assert first.start_local == pd.Timestamp("2012-02-18")
    assert first.totals["distance_m"] == pytest.approx(7400)
    assert first.totals["moving_s"] == 55 * 60 + 30
    assert (first.totals["avg_hr_bpm"], first.totals["max_hr_bpm"]) == (133, 147)
    assert first.shoe == "Gel Cumulus" and "Gemütlicher Lauf" in first.notes
    assert any("not UTF-8" in w for w in first.warnings)
    assert any("Art" in w for w in first.warnings)  # the column it cannot place is named


# --- encodings -------------------------------------------------------------------------

LOG_TEXT = "Datum;Distanz in km;Zeit;Schuh;Notiz\n01.03.2024;10,5;0:52:30;Brooks Ghost;Rücken gut, Straße\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le-bom", "latin-1", "cp1252"])
def test_encodings(encoding):
    if encoding == "utf-16-le-bom":
        data = b"\xff\xfe" + LOG_TEXT.encode("utf-16-le")
    else:
        data = LOG_TEXT.encode(encoding)
    (run,) = _read(data)
    assert run.notes == "Rücken gut, Straße" and run.shoe == "Brooks Ghost"
    assert run.totals["distance_m"] == pytest.approx(10500)
    assert run.totals["moving_s"] == 52 * 60 + 30
    guessed = any("not UTF-8" in w for w in run.warnings)
    assert guessed == (encoding in ("latin-1", "cp1252"))


def test_binary_and_empty_files_are_refused():
    with pytest.raises(FileProblem):
        _read(b"\x00\x01\x02binary")
    with pytest.raises(NotAnActivity):
        _read(b"   \n\n")


# --- the simple log --------------------------------------------------------------------

SIMPLE_LOG_VARIANTS = [
    # (text, distance_m, moving_s, start_local)
    ("date,distance_km,duration\n2024-03-01,10.5,0:52:30\n", 10500, 3150, "2024-03-01"),
    ("Date,Distance (mi),Duration (min)\n2024-03-01,6.2,50\n", 6.2 * MILE_M, 3000, "2024-03-01"),
    ("date,distance_m,duration_s\n2024-03-01T07:15:00,8000,2730\n", 8000, 2730, "2024-03-01 07:15"),
    ("Date;Distance km;Time\n01.03.24;8,25;45:30\n", 8250, 45 * 60 + 30, "2024-03-01"),
    ("date,time of day,km,minutes\n15/03/2024,18:30,12,70\n", 12000, 4200, "2024-03-15 18:30"),
    ("fecha,distancia km,tiempo\n2024-03-01,5,0:30:00\n", 5000, 1800, "2024-03-01"),
    ("date\tkm\tduration\n2024-03-01\t7\t42\n", 7000, 42 * 60, "2024-03-01"),
]


@pytest.mark.parametrize("text,distance_m,moving_s,start", SIMPLE_LOG_VARIANTS,
                         ids=[v[0].splitlines()[0] for v in SIMPLE_LOG_VARIANTS])
def test_simple_log_variants(text, distance_m, moving_s, start):
    (run,) = _read(text)
    assert run.source_format == "csv_log"
    assert run.totals["distance_m"] == pytest.approx(distance_m)
    assert run.totals["moving_s"] == pytest.approx(moving_s)
    assert run.start_local == pd.Timestamp(start) and run.start_time_utc is None
    assert run.sport_raw == "running"


def test_simple_log_optional_fields():
    text = ("date,distance_km,duration,sport,surface,cadence_spm,ascent_ft,rpe,back_pain,shoe,notes\n"
            "2024-03-01,10,1:00:00,Trail run,Gelände,172,1000,7,3,Speedgoat,hilly\n"
            "2024-03-02,5,30:00,,road,,,,11,,\n")
    trail, easy = _read(text)
    assert (trail.surface_hint, trail.surface_hint_source) == ("trail", "user")
    assert trail.totals["avg_cadence_spm"] == 172
    assert trail.totals["ascent_m"] == pytest.approx(1000 * FOOT_M)
    assert (trail.rpe, trail.back_pain, trail.shoe, trail.notes) == (7, 3, "Speedgoat", "hilly")
    assert trail.sport_raw == "Trail run" and easy.sport_raw == "running"
    assert easy.surface_hint == "road" and easy.totals["moving_s"] == 30 * 60
    assert easy.back_pain is None and "outside 0-10" in " ".join(trail.warnings)


@pytest.mark.parametrize("header", ["race", "Race", "Competition", "Wettkampf", "Competición"])
def test_simple_log_race_column_reads_yes_no_true_false_one_zero_and_x(header):
    cells = ["yes", "no", "TRUE", "false", "1", "0", "x", "", "Ja", "non"]
    text = f"date,distance_km,duration,{header}\n" + "".join(
        f"2024-03-{i + 1:02d},10,50:00,{cell}\n" for i, cell in enumerate(cells))
    runs = _read(text)
    assert [r.race for r in runs] == [True, False, True, False, True, False, True, False, True, False]
    assert not any("neither yes nor no" in w or "not read" in w for w in _all_warnings(runs).split(" | "))


def test_simple_log_race_value_not_understood_is_warned_with_its_line_and_read_as_no():
    runs = _read("date,distance_km,duration,race\n"
                 "2024-03-01,10,50:00,yes\n"
                 "2024-03-02,21.1,1:50:00,maybe\n"
                 "2024-03-03,5,25:00,\n"
                 "2024-03-04,42.2,4:00:00,parkrun?\n")
    assert [r.race for r in runs] == [True, False, False, False]
    warnings = _all_warnings(runs)
    assert ("column 'race': 2 cell(s) neither yes nor no ('maybe', 'parkrun?'; line 3, 5), read as no"
            in warnings)


def test_simple_log_without_race_column_says_no_race_and_the_row_carries_it():
    (plain,) = _read("date,distance_km,duration\n2024-03-01,10,50:00\n")
    (race,) = _read("date,distance_km,duration,race\n2024-03-01,10,50:00,x\n")
    assert plain.race is False
    row, _ = to_row(race, "log.csv", 0, OPTIONS)
    assert row["race"] is True


def test_simple_log_unitless_distance_and_plain_minutes_are_warned():
    (run,) = _read("date,distance,duration\n2024-03-01,10,55\n")
    assert run.totals["distance_m"] == 10000 and run.totals["moving_s"] == 55 * 60
    assert any("no unit: read as km" in w for w in run.warnings)
    assert any("read as minutes" in w for w in run.warnings)


def test_bad_date_row_skipped_and_bad_cells_counted():
    text = ("date,distance_km,duration\n"
            "2024-03-01,10,0:50:00\n"
            "yesterday,5,0:25:00\n"
            "2024-03-03,ten,0:25:00\n"
            "2024-03-04,6,half an hour\n")
    runs = _read(text)
    assert [r.start_local.day for r in runs] == [1, 3, 4]
    assert math.isnan(runs[1].totals.get("distance_m", math.nan))
    warnings = _all_warnings(runs)
    assert "1 row(s) skipped because the date is not understood: line 3" in warnings
    assert "column 'distance_km': 1 cell(s) not understood (line 4)" in warnings
    assert "column 'duration': 1 cell(s) not understood (line 5)" in warnings


def test_no_readable_date_at_all_is_a_file_problem():
    with pytest.raises(FileProblem, match="no row of the CSV has a readable date"):
        _read("date,distance_km,duration\nsoon,5,0:25:00\n")


def test_documentation_names_every_field():
    doc = (REPO / "docs" / "simple-log.md").read_text(encoding="utf-8")
    missing = [f for f in FIELDS if f"`{f}`" not in doc]
    assert not missing


def test_documented_example_reads():
    doc = (REPO / "docs" / "simple-log.md").read_text(encoding="utf-8")
    example = re.search(r"```csv\n(.*?)```", doc, re.S).group(1)
    runs = _read(example)
    assert len(runs) == len(example.strip().splitlines()) - 1
    assert all("not understood" not in w for w in _all_warnings(runs).split(" | "))


# --- the user's column map ---------------------------------------------------------------

OWN_LAYOUT = "When,How far,How long,Feels\n2024-03-01,10.5,52:30,4\n"


def test_unrecognised_columns_message_lists_found_needed_and_how_to_map():
    with pytest.raises(UnrecognisedColumns) as caught:
        _read(OWN_LAYOUT)
    problem = caught.value
    assert problem.found == ["When", "How far", "How long", "Feels"]
    assert any(n.startswith("date") for n in problem.needed)
    message = str(problem)
    for text in ("When", "How far", "How long", "Feels", "date", "distance_km", "duration", "--map",
                 "csv_column_map"):
        assert text in message


def test_column_map_reads_any_csv_as_simple_log():
    mapping = {"When": "date", "How far": "distance_km", "how long": "duration", "Feels": "back_pain"}
    (run,) = _read(OWN_LAYOUT, ReadOptions(csv_column_map=mapping))
    assert run.totals["distance_m"] == pytest.approx(10500)
    assert run.totals["moving_s"] == 52 * 60 + 30 and run.back_pain == 4


def test_column_map_overrides_a_known_layout(corpus):
    path = corpus / "csv" / "AhmedAldahshoury_StravaData__activities.csv"
    mapping = {"date": "date", "distance": "distance_m", "elapsed_time": "duration_s", "gear": "shoe"}
    activities = read_csv_log(path.read_bytes(), str(path), ReadOptions(csv_column_map=mapping))
    assert activities[0].source_format == "csv_log"
    assert activities[0].start_local == pd.Timestamp("2014-09-12 16:54:28")
    assert activities[0].totals["distance_m"] == pytest.approx(43057.4)


def test_column_map_with_unknown_field_is_a_config_error():
    with pytest.raises(ConfigError, match="distance_yards"):
        _read(OWN_LAYOUT, ReadOptions(csv_column_map={"How far": "distance_yards"}))


# --- Strava repeated columns, Garmin API dump ---------------------------------------------

STRAVA_LONG = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,"
    "Max Heart Rate,Commute,Activity Private Note,Activity Gear,Filename,Elapsed Time,Moving Time,Distance,"
    "Max Speed,Average Speed,Elevation Gain,Elevation Loss,Average Cadence,Max Heart Rate,Average Heart Rate,"
    "Perceived Exertion\n"
    '111,"Mar 3, 2024, 6:05:00 AM",Morning Run,Run,easy,3605,10.02,171.0,false,back stiff,Pegasus,'
    "activities/111.fit.gz,3605.5,3500.0,10023.4,4.5,2.86,85.0,80.0,84.5,,150.0,6.0\n"
    '222,"Mar 4, 2024, 5:10:00 PM",Lunch Run,Run,,1800,5.00,,false,,,activities/222.gpx,,1790.0,,,,,,'
    "172.0,,,\n")


def test_strava_repeated_columns_by_position():
    first, second = _read(STRAVA_LONG)
    assert first.start_time_utc == pd.Timestamp("2024-03-03 06:05", tz="UTC")
    assert first.totals["distance_m"] == pytest.approx(10023.4)   # second 'Distance' (metres)
    assert first.totals["elapsed_s"] == pytest.approx(3605.5)     # second 'Elapsed Time'
    assert first.totals["max_hr_bpm"] == 171 and first.totals["avg_hr_bpm"] == 150
    assert first.totals["avg_cadence_spm"] == pytest.approx(169)  # 84.5 strides/min doubled
    assert (first.notes, first.shoe, first.rpe) == ("easy / back stiff", "Pegasus", 6)
    assert (first.totals["ascent_m"], first.totals["descent_m"]) == (85, 80)
    # No exact distance: the displayed km is used, and said.
    assert second.totals["distance_m"] == pytest.approx(5000) and second.totals["elapsed_s"] == 1800
    assert second.totals["avg_cadence_spm"] == 172
    assert second.start_time_utc == pd.Timestamp("2024-03-04 17:10", tz="UTC")
    warnings = _all_warnings([first, second])
    assert "taken from the rounded 'Distance' in km" in warnings and "doubled" in warnings


def test_strava_local_time_from_tz_setting():
    first, _ = _read(STRAVA_LONG)
    row, warnings = to_row(first, "test.csv", 0, ReadOptions(tz="Europe/Berlin"))
    assert row["start_local"] == pd.Timestamp("2024-03-03 07:05")
    row, warnings = to_row(first, "test.csv", 0, OPTIONS)
    assert any("local date taken from UTC" in w for w in warnings)


def _strava_2025(rows: list[tuple[str, str]]) -> str:
    """The 2025 layout's columns that matter here, 'Competition' and 'Long Run' among them."""
    header = ("Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Elapsed Time,"
              "Moving Time,Distance,With Pet,Competition,Long Run,For a Cause,Media\n")
    return header + "".join(f'{i},"Apr {i}, 2025, 7:00:00 AM",Run {i},{sport},3600,10.00,3600.0,3590.0,10000.0,'
                            f"false,{competition},false,false,\n"
                            for i, (sport, competition) in enumerate(rows, start=1))


def test_strava_2025_competition_column_marks_races():
    runs = _read(_strava_2025([("Run", "true"), ("Run", "false"), ("Run", ""), ("Ride", "1"), ("Run", "maybe")]))
    assert [r.source_format for r in runs] == ["csv_strava"] * 5
    assert [r.race for r in runs] == [True, False, False, True, False]
    assert "column 'Competition': 1 cell(s) neither yes nor no ('maybe'; line 6), read as no" in _all_warnings(runs)


def test_strava_workout_type_race_is_1_for_runs_and_11_for_rides():
    header = "id,date,name,type,elapsed_time,distance,filename,workout_type\n"
    rows = [("Run", "1"), ("Run", "2"), ("Run", "0"), ("Run", ""), ("Ride", "11"), ("Ride", "1"),
            ("Walk", "1"), ("Run", "11"), ("TrailRun", "1")]
    text = header + "".join(f"{i},2024-03-{i:02d} 07:00:00,Session {i},{sport},3600,10000,,{wt}\n"
                            for i, (sport, wt) in enumerate(rows, start=1))
    runs = _read(text)
    assert [r.source_format for r in runs] == ["csv_strava"] * len(rows)
    assert [r.race for r in runs] == [True, False, False, False, True, False, False, False, True]


def test_strava_layouts_without_a_race_column_mark_no_race():
    assert [r.race for r in _read(STRAVA_LONG)] == [False, False]


def test_garmin_api_dump(corpus):
    header = (corpus / "csv" / "MacGoesRunning_garmin-data-MacGoesRunning__activities.header.csv").read_text().strip()
    names = header.split(",")
    values = {"startTimeLocal": "2023-05-01 07:00:00", "startTimeGMT": "2023-05-01 05:00:00",
              "distance": "10012.5", "duration": "3000.0", "movingDuration": "2950.0",
              "elapsedDuration": "3100.0", "activityType_typeKey": "running", "activityName": "Morning Run",
              "averageRunningCadenceInStepsPerMinute": "171.5", "averageHR": "148.0"}
    row = ",".join(values.get(n, "") for n in names)
    (run,) = _read(header + "\n" + row + "\n")
    assert run.source_format == "csv_garmin"
    assert run.start_local == pd.Timestamp("2023-05-01 07:00")
    assert run.start_time_utc == pd.Timestamp("2023-05-01 05:00", tz="UTC")
    assert run.totals["distance_m"] == 10012.5 and run.totals["moving_s"] == 2950
    assert run.totals["elapsed_s"] == 3100 and run.totals["avg_cadence_spm"] == 171.5
    assert (run.sport_raw, run.name) == ("running", "Morning Run")


def test_garmin_api_dump_event_type_race_marks_races(corpus):
    header = (corpus / "csv" / "MacGoesRunning_garmin-data-MacGoesRunning__activities.header.csv").read_text().strip()
    names = header.split(",")
    assert "eventType_typeKey" in names

    def row(day: int, event_type: str) -> str:
        values = {"startTimeLocal": f"2023-05-{day:02d} 07:00:00", "distance": "10012.5", "duration": "3000.0",
                  "activityType_typeKey": "running", "eventType_typeKey": event_type}
        return ",".join(values.get(n, "") for n in names)

    runs = _read(header + "\n" + "\n".join(row(d, t) for d, t in enumerate(
        ["race", "training", "uncategorized", "", "Race"], start=1)) + "\n")
    assert [r.source_format for r in runs] == ["csv_garmin"] * 5
    assert [r.race for r in runs] == [True, False, False, False, True]


# --- cells --------------------------------------------------------------------------------

@pytest.mark.parametrize("cell,seconds", [("1:05:11", 3911), ("12:03", 723), ("00:09:18.8", 558.8),
                                          ("--:--:--", math.nan), ("0:00", 0)])
def test_durations(cell, seconds):
    assert duration_s(cell) == pytest.approx(seconds, nan_ok=True)


@pytest.mark.parametrize("cell,decimal,value", [("8,966", ".", 8966), ("10,20", ",", 10.2), ("'-12", ".", -12),
                                                ("1.234,5", ",", 1234.5), ("--", ".", math.nan)])
def test_numbers(cell, decimal, value):
    assert number(cell, decimal) == pytest.approx(value, nan_ok=True)


@pytest.mark.parametrize("cell,order,expected", [
    ("2025-11-13 18:35:58", "dmy", "2025-11-13 18:35:58"),
    ("7/4/2020 15:36", "mdy", "2020-07-04 15:36"),
    ("Fr, 25 Mai 2012 20:31", "dmy", "2012-05-25 20:31"),
    ("Oct 6, 2022, 11:19:20 PM", "dmy", "2022-10-06 23:19:20"),
    ("Nov 30, 2022, 12:29:11 AM", "dmy", "2022-11-30 00:29:11"),
    ("24 Dec 2020, 08:13:59", "dmy", "2020-12-24 08:13:59"),
    ("18.02.12", "dmy", "2012-02-18"),
    ("20-06-2018", "dmy", "2018-06-20"),
    ("2024-03-01T07:15:00+02:00", "dmy", "2024-03-01 07:15"),
    # a weekday before the date: French and Spanish 'mar' is Tuesday there, not March
    ("mar., 1 juil. 2014", "dmy", "2014-07-01"),
    ("mar. 1 juil. 2014 18:30", "dmy", "2014-07-01 18:30"),
    ("mar., 4 mars 2014", "dmy", "2014-03-04"),
    ("martes, 3 de marzo de 2020", "dmy", "2020-03-03"),
    ("dim., 6 avr. 2014 7:05", "dmy", "2014-04-06 07:05"),
    ("Mar 3, 2020", "dmy", "2020-03-03"),
    ("31.02.2020", "dmy", None),
    ("2024-03-01 25:00", "dmy", None),
    ("soon", "dmy", None),
])
def test_dates(cell, order, expected):
    assert parse_datetime(cell, order) == (pd.Timestamp(expected) if expected else None)


# --- nothing but riskcheck's own errors, whatever the bytes --------------------------------

_CELLS = st.sampled_from(["date", "Distance", "Time", "Activity Type", "km", "2024-03-01", "7/4/2020",
                          "10,5", "8,966", "--", "1:05:11", "", "'-12", "x", "\"a,b\"", "Oct 6, 2022, 1:00:00 PM"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_CELLS, min_size=1, max_size=6), min_size=1, max_size=5) | st.binary(max_size=300))
def test_any_input_ends_in_activities_or_a_file_problem(content):
    data = content if isinstance(content, bytes) else "\n".join(",".join(r) for r in content).encode()
    try:
        activities = read_csv_log(data, "fuzz.csv", OPTIONS)
    except FileProblem:
        return
    assert all(a.start_local is not None or a.start_time_utc is not None for a in activities)


_GARMIN_2025 = ("Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR,Aerobic TE,"
                "Avg Run Cadence,Max Run Cadence,Avg Pace,Best Pace,Total Ascent,Total Descent,"
                "Avg Stride Length,Avg Vertical Ratio,Avg Vertical Oscillation,Avg Ground Contact Time,"
                "Avg GAP,Normalized Power® (NP®),Training Stress Score®,Avg Power,Max Power,Steps,"
                "Total Reps,Total Sets,Decompression,Best Lap Time,Number of Laps,Moving Time,"
                "Elapsed Time,Min Elevation,Max Elevation")


def _garmin_rows(rows: list[tuple[str, str, str]]) -> str:
    """(distance, stride length in m, steps) -> a Garmin 2025 list with those rows."""
    lines = [_GARMIN_2025]
    for day, (distance, stride, steps) in enumerate(rows, start=1):
        lines.append(f'Running,2024-05-{day:02d} 07:00:00,false,"Run","{distance}","300","01:00:00","140","160",'
                     f'"3.0","150","170","10:00","5:00","10","10","{stride}","--","--","--","--","--","0.0",'
                     f'"--","--","{steps}","--","--","No","--","1","01:00:00","01:00:00","1","2"')
    return "\n".join(lines) + "\n"


def test_garmin_unit_from_steps_and_stride_ignores_the_walking_of_run_walk_sessions():
    # A km list of a run-walker: steps taken walking stretch steps x stride to 1.5-1.8 km per
    # listed km (as in a real Hungarian log); the session run throughout shows 1.0.
    km = _read(_garmin_rows([("5.00", "1.20", "4,170"), ("4.00", "1.30", "5,000"), ("3.00", "1.25", "4,300"),
                             ("6.00", "1.10", "9,600"), ("4.50", "1.28", "6,200")]))
    assert [a.totals["distance_m"] for a in km] == pytest.approx([5000, 4000, 3000, 6000, 4500])
    # A miles list: every session's steps x stride is at least a mile per listed mile.
    miles = _read(_garmin_rows([("3.10", "1.20", "4,170"), ("2.50", "1.30", "3,300"), ("3.00", "1.25", "4,600"),
                                ("4.00", "1.10", "6,700"), ("2.80", "1.28", "4,000")]))
    assert [a.totals["distance_m"] for a in miles] == pytest.approx([m * MILE_M for m in (3.1, 2.5, 3.0, 4.0, 2.8)])
