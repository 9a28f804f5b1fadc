"""Garmin Connect's activity list ('Export CSV' on the Activities page).

Column names follow the UI language (English, German, French, Spanish seen), the set of
columns changed over the years (2013's German list starts with a title line; 2020 has
'Activity Time' and 'Elev Gain'; 2025 'Moving Time' and 'Elapsed Time'), and numbers follow
the user's unit setting: km, m and km/h, or statute miles, feet and mph, which the file
never names. The unit is decided from the file's own numbers where possible (stride length
x steps gives metres) and otherwise guessed, with a warning.
"""

from __future__ import annotations

import numpy as np

from riskcheck.readers.csv.columns import ColumnReader, find_column, first_valid, header_key
from riskcheck.readers.csv.dates import slash_order
from riskcheck.readers.csv.rows import Parsed
from riskcheck.readers.csv.text import CsvTable

METRE_PER_MILE = 1609.344
METRE_PER_FOOT = 0.3048
FAHRENHEIT_ONLY_ABOVE = 45.0  # a temperature above this cannot be °C in a running log

# field -> folded header names, English first, then Spanish, French, German (new and 2013).
COLUMNS: dict[str, tuple[str, ...]] = {
    "sport_raw": ("activity type", "tipo de actividad", "type d activite", "aktivitatstyp"),
    "date": ("date", "fecha", "datum", "start"),
    "name": ("title", "titulo", "titre", "titel", "aktivitatsname"),
    "distance": ("distance", "distancia", "distanz"),
    "time": ("time", "activity time", "tiempo", "duree", "zeit"),
    "moving": ("moving time", "tiempo en movimiento", "temps de deplacement", "zeit in bewegung"),
    "elapsed": ("elapsed time", "tiempo transcurrido", "temps ecoule", "verstrichene zeit"),
    "avg_hr": ("avg hr", "frecuencia cardiaca media", "frequence cardiaque moyenne", "avg hf",
               "avg herzfrequenz"),
    "max_hr": ("max hr", "fc maxima", "frequence cardiaque maximale", "max hf", "maximale herzfrequenz"),
    "cadence": ("avg run cadence", "cadencia de carrera media", "cadence de course moyenne",
                "avg schrittfrequenz laufen"),
    "avg_speed": ("avg speed", "avg pace", "velocidad media", "ritmo medio", "vitesse moyenne",
                  "allure moyenne", "avg geschw avg pace", "avg geschwindigkeit"),
    "max_speed": ("max speed", "best pace", "velocidad maxima", "ritmo optimo", "vitesse maximale",
                  "meilleure allure", "max geschw beste pace", "maximale geschwindigkeit", "beste pace"),
    "ascent": ("total ascent", "elev gain", "ascenso total", "ascension totale",
               "positiver hohenunterschied", "anstieg gesamt"),
    "descent": ("total descent", "elev loss", "descenso total", "descente totale",
                "negativer hohenunterschied", "abstieg gesamt"),
    "stride": ("avg stride length", "longitud media de zancada", "longueur moyenne des foulees",
               "avg schrittlange"),
    "steps": ("steps", "pasos", "pas", "schritte"),
    "min_temp": ("min temp", "temperatura minima", "temperature minimale", "min temperatur"),
    "max_temp": ("max temp", "temperatura maxima", "temperature maximale", "max temperatur"),
}
_LANGUAGE_OF_TYPE = {"activity type": "English", "tipo de actividad": "Spanish",
                     "type d activite": "French", "aktivitatstyp": "German"}


def matches(header: list[str]) -> bool:
    found = {f for f, aliases in COLUMNS.items() if find_column(header, aliases) is not None}
    return {"sport_raw", "date", "distance"} <= found and bool(found & {"time", "moving", "elapsed"})


def parse(table: CsvTable) -> Parsed:
    col = {f: find_column(table.header, aliases) for f, aliases in COLUMNS.items()}
    read = ColumnReader(table)
    decimal = read.decimal_of([col["distance"], col["stride"], col["avg_hr"], col["ascent"]])
    num = {f: read.numbers(col[f], decimal) for f in
           ("distance", "avg_hr", "max_hr", "cadence", "ascent", "descent", "stride", "steps",
            "min_temp", "max_temp")}
    time = {f: read.durations(col[f]) for f in ("time", "moving", "elapsed")}
    statute, unit_warning = _statute_units(table, num, time["moving"], time["time"])
    length_unit = METRE_PER_MILE if statute else 1000.0
    height_unit = METRE_PER_FOOT if statute else 1.0

    # Garmin writes Moving Time 00:00:00 for some activities whose timer ran: the timer
    # time ('Time') is then the better moving time.
    zero_moving = (time["moving"] == 0) & (time["time"] > 0)
    moving = first_valid(np.where(zero_moving, np.nan, time["moving"]), time["time"])
    warnings = [unit_warning] if unit_warning else []
    if zero_moving.any():
        warnings.append(f"{int(zero_moving.sum())} row(s) with Moving Time 0 but a running timer: "
                        "moving time taken from 'Time'")

    order = "mdy" if _language(table) == "English" else "dmy"
    date_cells = table.cells(col["date"])
    proven = slash_order(date_cells)
    if proven:
        order = proven
    elif any("/" in c for c in date_cells):
        warnings.append(f"dates such as '{next(c for c in date_cells if '/' in c)}' read as "
                        + ("month/day/year" if order == "mdy" else "day/month/year"))
    totals = {
        "distance_m": num["distance"] * length_unit,
        "moving_s": moving,
        "elapsed_s": time["elapsed"],
        "ascent_m": num["ascent"] * height_unit,
        "descent_m": num["descent"] * height_unit,
        "avg_hr_bpm": _positive(num["avg_hr"]),
        "max_hr_bpm": _positive(num["max_hr"]),
        "avg_cadence_spm": _positive(num["cadence"]),  # the list writes steps per minute
        "avg_speed_m_s": read.speeds(col["avg_speed"], length_unit, decimal),
        "max_speed_m_s": read.speeds(col["max_speed"], length_unit, decimal),
    }
    return Parsed(
        starts=read.datetimes(col["date"], order),
        totals=totals,
        texts={"sport_raw": read.texts(col["sport_raw"]), "name": read.texts(col["name"])},
        warnings=warnings + read.warnings,
    )


def _positive(values: np.ndarray) -> np.ndarray:
    """Garmin writes 0 for 'not measured' in heart-rate and cadence columns."""
    return np.where(values > 0, values, np.nan)


def _language(table: CsvTable) -> str:
    keys = {header_key(h) for h in table.header}
    return next((lang for key, lang in _LANGUAGE_OF_TYPE.items() if key in keys), "English")


def _statute_units(table: CsvTable, num: dict[str, np.ndarray], moving_s: np.ndarray,
                   time_s: np.ndarray) -> tuple[bool, str]:
    """(True for miles/feet, warning when guessed). Stride length is written in metres in
    both unit settings, so steps x stride (or cadence x time x stride) is the distance in
    metres: compared with the Distance column it shows which unit that column uses."""
    duration_min = first_valid(np.where(moving_s > 0, moving_s, np.nan), time_s) / 60.0
    metres = first_valid(np.where(num["steps"] > 0, num["steps"], np.nan) * num["stride"],
                         num["cadence"] * duration_min * num["stride"])
    with np.errstate(invalid="ignore", divide="ignore"):
        per_unit = metres / np.where(num["distance"] > 0, num["distance"], np.nan)
    per_unit = per_unit[np.isfinite(per_unit) & (per_unit > 0)]
    if per_unit.size:
        miles = np.abs(np.log(per_unit / METRE_PER_MILE)) < np.abs(np.log(per_unit / 1000.0))
        return bool(miles.sum() * 2 > per_unit.size), ""
    temps = np.concatenate([num["min_temp"], num["max_temp"]])
    if np.nanmax(temps, initial=-np.inf) > FAHRENHEIT_ONLY_ABOVE:
        return True, ("distance unit guessed as miles because temperatures are in °F "
                      "(no stride length to check it)")
    language = _language(table)
    return False, (f"distance unit guessed as km because the export is in {language} and has no "
                   "stride length to check it")
