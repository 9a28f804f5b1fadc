"""Garmin Connect activity lists in each UI language whose header was found in real exports
or in public code quoting one (riskcheck/readers/csv/garmin_vocabulary.py says where): the
header line is copied here, the rows are made up. Lists in languages whose names are not
known are read by position; the real logs in two languages are read whole."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from riskcheck.readers.base import ParsedActivity, ReadOptions
from riskcheck.readers.csv import read_csv_log
from riskcheck.readers.csv.columns import header_key
from riskcheck.readers.csv.garmin_vocabulary import LANGUAGES
from riskcheck.schema import RUN_SPORTS
from riskcheck.sport import classify_sport

# (language, header line as found, {role: column name in that header}, run's type name).
# Roles: distance, time, hr (average heart rate, when the header has one).
HEADERS = [
    ("English",
     "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR,Avg Run Cadence,Max Run Cadence,"
     "Avg Pace,Best Pace,Total Ascent,Total Descent,Avg Stride Length,Avg Vertical Ratio,Avg Vertical Oscillation,"
     "Training Stress Score®,Grit,Flow,Dive Time,Min Temp,Surface Interval,Decompression,Best Lap Time,"
     "Number of Laps,Max Temp,Moving Time,Elapsed Time,Min Elevation,Max Elevation",
     {"distance": "Distance", "time": "Time", "hr": "Avg HR"}, "Running"),
    ("German",
     "Aktivitätstyp,Datum,Favorit,Titel,Distanz,Kalorien,Zeit,Ø Herzfrequenz,Maximale Herzfrequenz,"
     "Ø Schrittfrequenz (Laufen),Max. Schrittfrequenz (Laufen),Ø Pace,Beste Pace,Anstieg gesamt,Abstieg gesamt,"
     "Ø Schrittlänge,Training Stress Score®,Schritte,Body Battery Abnahme,Dekompression,Beste Rundenzeit,"
     "Anzahl der Runden,Zeit in Bewegung,Verstrichene Zeit,Minimale Höhe,Maximale Höhe",
     {"distance": "Distanz", "time": "Zeit", "hr": "Ø Herzfrequenz"}, "Laufen"),
    ("German",  # the 2017 list
     "Aktivitätstyp,Datum,Favorit,Titel,Distanz,Kalorien,Zeit,Ø HF,Max. HF,Aerober TE,Ø Schrittfrequenz (Laufen),"
     "Max. Schrittfrequenz (Laufen),Ø Geschwindigkeit,Maximale Geschwindigkeit,Positiver Höhenunterschied,"
     "Negativer Höhenunterschied,Ø Schrittlänge,Durchschnittliches vertikales Verhältnis,Ø vertikale Bewegung,"
     "Ø Bodenkontaktzeit,Durchschnittliche Balance der Bodenkontaktzeit,Training Stress Score®,Grit,Flow,"
     "Grundzeit,Min. Temp.,Oberflächenpause,Dekompression,Beste Rundenzeit,Max. Temp.",
     {"distance": "Distanz", "time": "Zeit", "hr": "Ø HF"}, "Laufen"),
    ("French",
     "Type d'activité,Date,Favori,Titre,Distance,Calories,Durée,Fréquence cardiaque moyenne,"
     "Fréquence cardiaque maximale,TE aérobie,Cadence de course moyenne,Cadence de course maximale,Allure moyenne,"
     "Meilleure allure,Ascension totale,Descente totale,Longueur moyenne des foulées,Rapport vertical moyen,"
     "Oscillation verticale moyenne,Temps de contact moyen avec le sol,GAP moyenne,Normalized Power® (NP®),"
     "Training Stress Score® (TSS®),Puissance moyenne,Puissance max.,Pas,Consommation du Body Battery,Décompression,"
     "Temps du meilleur circuit,Nombre de tours,Stress moyen,Stress maximal,Temps de déplacement,Temps écoulé,"
     "Altitude minimale,Altitude maximale",
     {"distance": "Distance", "time": "Durée", "hr": "Fréquence cardiaque moyenne"}, "Course à pied"),
    ("Spanish",
     "Tipo de actividad,Fecha,Favorito,Título,Distancia,Calorías,Tiempo,Frecuencia cardiaca media,FC máxima,"
     "TE aeróbico,Cadencia de carrera media,Cadencia de carrera máxima,Ritmo medio,Ritmo óptimo,Ascenso total,"
     "Descenso total,Longitud media de zancada,GAP medio,Normalized Power® (NP®),Training Stress Score®,"
     "Potencia media,Potencia máxima,Pasos,Repeticiones totales,Series totales,Descompresión,"
     "Mejor tiempo de vuelta,Número de vueltas,Tiempo en movimiento,Tiempo transcurrido,Altura mínima,Altura máxima",
     {"distance": "Distancia", "time": "Tiempo", "hr": "Frecuencia cardiaca media"}, "Carrera"),
    ("Portuguese",
     "Tipo de atividade,Data,Favorito,Título,Distância,Calorias,Tempo total,FC Média,FC máxima,"
     "Cadência bicicleta média,Cadência de bicicleta máxima,Velocidade média,Velocidade máxima,Subida total,"
     "Descida total,Comprimento médio da passada,Training Stress Score®,Passos,Descompressão,Tempo da melhor volta,"
     "Número de voltas,Tempo em movimento,Tempo transcorrido,Elevação mínima,Elevação máxima",
     {"distance": "Distância", "time": "Tempo total", "hr": "FC Média"}, "Corrida"),
    ("Italian",
     "Tipo di attività,Data,Preferita,Titolo,Distanza,Calorie,Tempo,FC Media,FC max,TE attività aerobica,"
     "Cadenza di corsa media,Cadenza di corsa max,Passo medio,Passo migliore,Ascesa totale,Discesa totale,"
     "Lunghezza media passo,Rapporto verticale medio,Oscillazione verticale media,"
     "Tempo medio di contatto con il suolo,Training Stress Score®,Potenza media,Potenza max,Grit,Flow,Swolf medio,"
     "Frequenza media vogate,Ripetizioni totali,Tempo di immersione,Temperatura min,Intervallo di superficie,"
     "Decompressione,Tempo Lap migliore,Numero di Lap,Temperatura max,Tempo in movimento,Tempo trascorso,"
     "Quota minima,Quota massima",
     {"distance": "Distanza", "time": "Tempo", "hr": "FC Media"}, "Corsa"),
    ("Dutch",  # the source's column list, spaces and dots written as '_'
     "Activiteittype,Datum,Favoriet,Titel,Afstand,Calorieen,Tijd,Gem_HS,Max_HS,Aeroob_TE,Gemiddelde_fietscadans,"
     "Max_fietscadans,Gemiddelde_snelheid,Max_snelheid,Totale_stijging,Totale_daling,Gem_staplengte,"
     "Gemiddelde_verticale_ratio,Gem_verticale_oscillatie,Gem_grondcontacttijd,Gem_GAP,Training_Stress_Score,"
     "Gem_vermogen,Max_vermogen,Grit,Flow,Gemiddelde_Swolf,Gem_slagsnelheid,Totaal_herhalingen,Totaal_sets,"
     "Duiktijd,Min_temp,Oppervlakte_interval,Decompressie,Beste_rondetijd,Aantal_ronden,Max_temp,Tijd_bewogen,"
     "Verstreken_tijd,Minimum_hoogte,Maximum_hoogte",
     {"distance": "Afstand", "time": "Tijd", "hr": "Gem_HS"}, "Hardlopen"),
    ("Norwegian",
     "Aktivitetstype,Dato,Favoritt,Tittel,Distanse,Totale kalorier,Tid,Gjennomsnittlig puls,Makspuls,"
     "Aerob treningseffekt,Gjennomsnittlig frekvens for loping,Maksimal frekvens for løping,Gjennomsnittlig tempo,"
     "Beste tempo,Total stigning,Totalt fall,Gjennomsnittlig skrittlengde,Gjennomsnittlig vertikalt forholdstall,"
     "Gjennomsnittlig vertikal oscillasjon,Gjennomsnittlig tid med bakkekontakt,"
     "Gjennomsnittlig balanse for tid med bakkekontakt,Training Stress Score®,Gjennomsnittlig kraft,"
     "Maksimal kraft,Vanskelighetsgrad,Flyt,Gjennomsnittlig Swolf,Gjennomsnittlig tempo for tak,"
     "Totalt antall repetisjoner,Dykketid,Minimumstemperatur,Overflateintervall,Dekompresjon,Beste rundetid,"
     "Antall runder,Makstemperatur,Distanse,Totalt fall,Tid i bevegelse,Medgått tid,Minste høyde,Maksimal høyde",
     {"distance": "Distanse", "time": "Tid", "hr": "Gjennomsnittlig puls"}, "Løping"),
    ("Danish",  # names a script reads from a Danish list; no whole header line was found
     "Aktivitetstype,Dato,Distance,Kalorier,Tid,Gennemsnitlig puls,Maks. puls,Aerob TE,Samlet stigning,Skridt",
     {"distance": "Distance", "time": "Tid", "hr": "Gennemsnitlig puls"}, "Løb"),
    ("Swedish",
     "Aktivitetstyp,Datum,Favorit,Namn,Distans,Kalorier,Tid,Medelpuls,Maxpuls,Aerobisk Training Effect,"
     "Medellöpkadens,Maximal löpkadens,Medeltempo,Bästa tempo,Total stigning,Totalt nedför,Medelsteglängd,"
     "Medelvärde för vertikal kvot,Medelvärde för vertikal rörelse,Medeltid för markkontakt,"
     "Medelkontakttidsbalans,Medelvärde GAP,Normalized Power® (NP®),Training Stress Score®,Med. kraft,Maxkraft,"
     "Totalt antal årtag,Medel-Swolf,Medelårtagstempo,Steg,Totalt antal repetitioner,Totalt antal set,"
     "Urladdning av Body Battery,Minsta temperatur,Dekompression,Bästa varvtid,Antal varv,Maximal temperatur,"
     "Genomsnittlig andning,Minsta andningshastighet,Maximal andningshastighet,Stressändring,Start för stress,"
     "Slut för stress,Medestress,Maxbelastning,Färdtid,Total tid,Min. höjd,Max. höjd",
     {"distance": "Distans", "time": "Tid", "hr": "Medelpuls"}, "Löpning"),
    ("Hungarian",
     "Tevékenység típusa,Dátum,Kedvenc,Cím,Távolság,Kalóriaszám,Idő,Átlagos pulzusszám,Max. pulzus,"
     "Átl. pedálütem,Max. pedálütem,Átlagos tempó,Legjobb tempó,Teljes emelkedés,Teljes süllyedés,"
     "Átlagos lépéshossz,Átl. pedálütem,Max. pedálütem,Training Stress Score®,Teljes csapásszám,Lépések,"
     "Összes ismétlés,Összes szett,Dekompressziós,Legjobb köridő,Körök száma,Ált. légzés,Min. légzés,Max. légzés,"
     "Stresszadatok változása,Kezdő stressz,Befejező stressz,Átl. stressz,Max. stressz,Menetidő,Eltelt idő,"
     "Minimális magasság,Maximális magasság",
     {"distance": "Távolság", "time": "Idő", "hr": "Átlagos pulzusszám"}, "Futás"),
    ("Polish",  # the first nine names
     "Typ aktywności,Data,Ulubiony,Tytuł,Dystans,Suma kalorii,Czas,Średnie tętno,Maksymalne tętno",
     {"distance": "Dystans", "time": "Czas", "hr": "Średnie tętno"}, "Bieganie"),
    ("Japanese",
     "アクティビティタイプ,日付,お気に入り,タイトル,距離,カロリー,タイム,平均心拍数,最大心拍数,平均ピッチ,最高ピッチ,"
     "平均ペース,最高ペース,総上昇量,総下降量,平均歩幅,Training Stress Score®,ステップ,減圧,ベストラップタイム,ラップ数,"
     "移動時間,経過時間,最低高度,最高高度,シューズ",
     {"distance": "距離", "time": "タイム", "hr": "平均心拍数"}, "ラン"),
    ("Chinese",
     "活动类型,日期,我的最爱,标题,距离,热量消耗,时间,平均心率,最大心率,有氧效果,平均步频,最高步频,平均速度,最佳配速,"
     "累计爬升,累计下降,平均步长,平均垂直步幅比,平均垂直摆动,平均触地时间,平均坡度调整配速,Normalized Power® (NP®),"
     "Training Stress Score®,平均功率,最大功率,步数,体能消耗,减压,最佳单圈时间,圈数,移动时间,全程耗时,最低海拔,最高海拔",
     {"distance": "距离", "time": "时间", "hr": "平均心率"}, "跑步"),
]


def _line(header: list[str], values: dict[str, str]) -> str:
    """A data row for `header`: the named cells set, every other cell '--' as Garmin writes."""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([values.get(name, "--") for name in header])
    return out.getvalue()


def _list(header_line: str, rows: list[dict[str, str]]) -> list[ParsedActivity]:
    header = header_line.split(",")
    text = "\n".join([header_line] + [_line(header, row) for row in rows]) + "\n"
    return read_csv_log(text.encode("utf-8"), "Activities.csv", ReadOptions())


@pytest.mark.parametrize("language,header_line,names,run_name", HEADERS,
                         ids=[f"{h[0]}-{i}" for i, h in enumerate(HEADERS)])
def test_garmin_list_read_in_each_language(language, header_line, names, run_name):
    header = header_line.split(",")
    first = {header[0]: run_name, header[1]: "2024-05-04 07:30:00", header[3]: "Morgenlauf",
             names["distance"]: "10,50" if language == "Norwegian" else "10.50",
             names["time"]: "00:52:30", names["hr"]: "151"}
    second = dict(first, **{header[1]: "2024-05-06 18:05:12",
                            names["distance"]: "5,00" if language == "Norwegian" else "5.00",
                            names["time"]: "00:26:40", names["hr"]: "--"})
    if language == "Danish":  # the Danish names include no title; the third column is Distance
        first.pop(header[3])
        second.pop(header[3])
    run, easy = _list(header_line, [first, second])
    assert run.source_format == "csv_garmin"
    assert run.sport_raw == run_name
    assert run.start_local == pd.Timestamp("2024-05-04 07:30")
    assert run.totals["distance_m"] == pytest.approx(10500)
    assert run.totals["moving_s"] == 52 * 60 + 30
    assert run.totals["avg_hr_bpm"] == 151 and "avg_hr_bpm" not in easy.totals
    assert easy.totals["distance_m"] == pytest.approx(5000) and easy.totals["moving_s"] == 26 * 60 + 40
    assert not any("read by position" in w for w in run.warnings)
    assert any(f"export is in {language}" in w for w in run.warnings)  # km guessed, and said


def test_every_language_of_the_vocabulary_has_a_source_and_a_tested_header():
    tested = {h[0] for h in HEADERS}
    for language in LANGUAGES:
        assert len(language.source) > 20, language.name
        assert language.name in tested or language.name == "Korean", language.name


def test_vocabulary_names_of_one_language_do_not_collide():
    """Two fields of one language never share a name: a column is one thing."""
    for language in LANGUAGES:
        keys = [header_key(n) for names in language.columns.values() for n in names]
        assert len(keys) == len(set(keys)), language.name


# --- lists whose names riskcheck does not know ----------------------------------------------

UNKNOWN_NAMES = ",".join(["활동 유형", "날짜"] + [f"x{i}" for i in range(2, 12)])


def test_unknown_language_read_by_position_with_a_warning():
    header = UNKNOWN_NAMES.split(",")
    rows = [{header[0]: "러닝", header[1]: "2024-05-04 07:30:00", header[2]: "false", header[3]: "아침",
             header[4]: "8.00", header[5]: "500", header[6]: "00:44:00", header[7]: "149"},
            {header[0]: "러닝", header[1]: "2024-05-05 07:30:00", header[2]: "true", header[3]: "저녁",
             header[4]: "1,600", header[5]: "90", header[6]: "00:06:00"}]
    run, track = _list(UNKNOWN_NAMES, rows)
    assert run.source_format == "csv_garmin" and run.sport_raw == "러닝" and run.name == "아침"
    assert run.start_local == pd.Timestamp("2024-05-04 07:30")
    assert run.totals["distance_m"] == pytest.approx(8000) and run.totals["moving_s"] == 44 * 60
    assert track.totals["distance_m"] == pytest.approx(1600)  # whole number: metres
    warnings = " | ".join(run.warnings)
    assert "read by position" in warnings and "x7" in warnings  # what was not read is named


def test_a_csv_without_garmins_shape_is_not_read_by_position():
    header = UNKNOWN_NAMES.split(",")
    row = {header[0]: "러닝", header[1]: "2024-05-04", header[2]: "maybe", header[4]: "8.00", header[6]: "00:44:00"}
    with pytest.raises(Exception, match="unrecognised CSV layout"):
        _list(UNKNOWN_NAMES, [row])


# --- pool swims and the real logs -----------------------------------------------------------

def test_pool_swim_in_metres_and_pace_per_100_m_beside_runs_in_km():
    header_line = next(h[1] for h in HEADERS if h[0] == "Swedish")
    rows = [{"Aktivitetstyp": "Simbassäng", "Datum": "2024-07-01 10:20:16", "Favorit": "false", "Distans": "1,650",
             "Tid": "00:37:53", "Medeltempo": "2:03"},
            {"Aktivitetstyp": "Löpning", "Datum": "2024-07-02 07:00:00", "Favorit": "false", "Distans": "12.10",
             "Tid": "01:00:30", "Medeltempo": "5:00", "Steg": "10,890", "Medelsteglängd": "1.11"}]
    swim, run = _list(header_line, rows)
    assert swim.totals["distance_m"] == pytest.approx(1650) and run.totals["distance_m"] == pytest.approx(12100)
    assert swim.totals["avg_speed_m_s"] == pytest.approx(100 / 123)
    assert run.totals["avg_speed_m_s"] == pytest.approx(1000 / 300)
    assert any("1 row(s) with a whole-number distance (Simbassäng): read as metres" in w for w in swim.warnings)
    assert not any("guessed" in w for w in swim.warnings)  # steps x stride proved km


# (folder, rows, runs of any kind) as the list itself counts them by its type column
@pytest.mark.parametrize("folder,rows,runs", [("IsakJacobsson_garmin_sv", 1132, 268 + 56),
                                              ("lovajujo_garmin_hu", 678, 516 + 11 + 1)])
def test_real_garmin_logs_in_swedish_and_hungarian_are_read_whole(real_logs, folder, rows, runs):
    (path,) = sorted((real_logs / folder).glob("Activities*.csv"))
    activities = read_csv_log(path.read_bytes(), str(path), ReadOptions())
    assert len(activities) == rows
    assert sum(classify_sport(a.sport_raw) in RUN_SPORTS for a in activities) == runs
    assert not any("does not know" in w or "read by position" in w for a in activities for w in a.warnings)
    assert all(a.source_format == "csv_garmin" and a.start_local is not None for a in activities)
    swims = [a for a in activities if a.sport_raw in ("Simbassäng", "Simning", "Nyíltvízi úszás")]
    assert swims and all(200 <= a.totals["distance_m"] <= 5000 for a in swims)
