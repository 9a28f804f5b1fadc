"""riskcheck's simple log: a spreadsheet with one row per run (or per day).

Required: date, distance, duration. Optional: start time, sport, surface, cadence,
elevation gain, heart rate, perceived effort, back pain, race (yes/no), shoe, title, notes, and a per-row
distance unit (FloTrack's 'Unit': miles on one row, km on the next). Header names
are matched loosely and in English, German, French or Spanish (see mapping.FIELDS); the
user's column map covers any other names. docs/simple-log.md is the user's description.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from riskcheck.errors import UnrecognisedColumns
from riskcheck.readers.csv import assumed_sport, cells
from riskcheck.readers.csv.columns import ColumnReader, first_valid, header_key
from riskcheck.readers.csv.dates import slash_order
from riskcheck.readers.csv.mapping import (DISTANCE_FIELDS, DURATION_FIELDS, FIELDS, MAP_HINT, NEEDED,
                                           resolve_columns)
from riskcheck.readers.csv.rows import Parsed
from riskcheck.readers.csv.text import CsvTable

METRES_PER = {"distance_km": 1000.0, "distance_mi": 1609.344, "distance_m": 1.0}
# A unitless distance column whose values are this large is metres, not km; and one such value
# in a column read as km is no session anyone logged (it is metres, or a typo): left out.
METRES_IF_MEDIAN_ABOVE = 300.0
# No session of any sport covers more in one row: a longer distance is a typo or a unit slip.
LONGEST_SESSION_M = 1_000_000.0
# Fields whose cells are not numbers: a note such as '5,2' must not decide the decimal mark.
TEXT_FIELDS = ("date", "time", "sport", "surface", "shoe", "name", "notes", "unit", "linked_file", "race")
# A per-row unit cell (folded) -> metres per unit.
_UNIT_METRES = {
    **dict.fromkeys(("km", "k", "kms", "kilometer", "kilometers", "kilometre", "kilometres"), 1000.0),
    **dict.fromkeys(("mi", "mile", "miles"), 1609.344),
    **dict.fromkeys(("m", "meter", "meters", "metre", "metres"), 1.0),
    **dict.fromkeys(("yd", "yds", "yard", "yards"), 0.9144),
}
_SURFACE_WORDS = {
    "road": ("road", "street", "asphalt", "tarmac", "pavement", "strasse", "asphalte", "route",
             "bitume", "carretera", "asfalto", "calle"),
    "trail": ("trail", "offroad", "off road", "gelande", "wald", "waldweg", "forest", "sentier",
              "chemin", "sendero", "montana", "montagne", "mountain", "cross"),
    "track": ("track", "bahn", "tartan", "piste", "pista"),
    "treadmill": ("treadmill", "laufband", "tapis", "cinta"),
}


def columns_or_raise(table: CsvTable, column_map: dict[str, str] | None) -> dict[str, int]:
    columns = resolve_columns(table.header, column_map)
    has = set(columns)
    if "date" in has and has & set(DISTANCE_FIELDS) and has & set(DURATION_FIELDS):
        return columns
    raise UnrecognisedColumns(found=list(table.header), needed=list(NEEDED), hint=MAP_HINT)


def parse(table: CsvTable, column_map: dict[str, str] | None = None) -> Parsed:
    columns = columns_or_raise(table, column_map)
    read = ColumnReader(table)
    warnings: list[str] = []
    decimal = read.decimal_of([columns.get(f) for f in FIELDS if f not in TEXT_FIELDS])

    def num(field: str, scale: float = 1.0) -> np.ndarray:
        return read.numbers(columns.get(field), decimal, scale)

    starts = _starts(table, read, columns, warnings)
    distance_m = _distance(table, columns, num, warnings)
    moving_s = _duration(table, columns, read, warnings)
    sport_column = table.header[columns["sport"]] if "sport" in columns else None
    sports, sport_warnings = assumed_sport.fill(read.texts(columns.get("sport")), sport_column,
                                                distance_m, moving_s, starts)
    return Parsed(
        starts=starts,
        totals={
            "distance_m": distance_m,
            "moving_s": moving_s,
            "ascent_m": first_valid(num("ascent_m"), num("ascent_ft", 0.3048)),
            "avg_cadence_spm": num("cadence_spm"),
            "avg_hr_bpm": num("avg_hr_bpm"),
            "max_hr_bpm": num("max_hr_bpm"),
        },
        texts={"sport_raw": sports,
               **{f: read.texts(columns.get(f)) for f in ("name", "shoe", "notes", "linked_file")}},
        scores={"rpe": _score(num("rpe"), "rpe", warnings), "back_pain": _score(num("back_pain"), "back_pain", warnings)},
        flags={"race": read.flags(columns.get("race"))},
        surface=_surfaces(read.texts(columns.get("surface")), warnings),
        warnings=warnings + sport_warnings + _unread_columns(table, columns) + read.warnings,
    )


def _starts(table: CsvTable, read: ColumnReader, columns: dict[str, int], warnings: list[str]) -> list:
    date_cells = table.cells(columns["date"])
    order = slash_order(date_cells)
    if order is None and any("/" in c for c in date_cells):
        order = "dmy"
        warnings.append(f"dates such as '{next(c for c in date_cells if '/' in c)}' read as day/month/year")
    starts = read.datetimes(columns["date"], order or "dmy")
    if "time" not in columns:
        return starts
    clock = read.times_of_day(columns["time"])
    return [s if s is None or np.isnan(c) else s.normalize() + pd.Timedelta(seconds=float(c))
            for s, c in zip(starts, clock)]


def _distance(table: CsvTable, columns: dict[str, int], num, warnings: list[str]) -> np.ndarray:
    """Metres per row from the distance columns there are, in the order of DISTANCE_FIELDS: a
    row with miles only still has its distance when the log also has a km column."""
    metres = [_plausible(num(f), f"'{table.header[columns[f]]}'", LONGEST_SESSION_M / METRES_PER[f], warnings)
              * METRES_PER[f] for f in DISTANCE_FIELDS if f in columns and f != "distance"]
    if "distance" in columns:
        metres.append(_unitless_distance(table, columns, num, warnings))
    return first_valid(*metres)


def _unitless_distance(table: CsvTable, columns: dict[str, int], num, warnings: list[str]) -> np.ndarray:
    values = num("distance")
    name = table.header[columns["distance"]]
    if "unit" in columns:
        return _per_row_unit(table, columns, values, warnings)
    if np.isfinite(values).any() and np.nanmedian(values) > METRES_IF_MEDIAN_ABOVE:
        warnings.append(f"column '{name}' has no unit: read as metres, its values being too large for km "
                        "(name it distance_m or distance_km to say)")
        return _plausible(values, f"'{name}' read as metres", LONGEST_SESSION_M, warnings)
    warnings.append(f"column '{name}' has no unit: read as km (name it distance_km, distance_mi or distance_m to say)")
    return _plausible(values, f"'{name}' read as km", METRES_IF_MEDIAN_ABOVE, warnings) * 1000.0


def _plausible(values: np.ndarray, what: str, most: float, warnings: list[str]) -> np.ndarray:
    """Values below 0 or above `most` left out, and counted in a warning."""
    wrong = np.isfinite(values) & ((values < 0) | (values > most))
    if wrong.any():
        shown = ", ".join(f"{v:g}" for v in values[wrong][:5]) + (", ..." if wrong.sum() > 5 else "")
        warnings.append(f"{int(wrong.sum())} value(s) of {what} below 0 or above {most:,.0f} left out ({shown})")
    return np.where(wrong, np.nan, values)


def _per_row_unit(table: CsvTable, columns: dict[str, int], values: np.ndarray, warnings: list[str]) -> np.ndarray:
    """Distances in the unit each row names ('miles', 'km'); a row without a known unit is
    read as km, and counted in a warning."""
    units = [header_key(c) for c in table.cells(columns["unit"])]
    per_unit = np.array([_UNIT_METRES.get(u, np.nan) for u in units])
    unknown = np.isnan(per_unit) & np.isfinite(values)
    if unknown.any():
        named = sorted({u or "(empty)" for u, bad in zip(units, unknown) if bad})
        warnings.append(f"{int(unknown.sum())} row(s) whose unit in '{table.header[columns['unit']]}' is not "
                        f"km, mi or m ({', '.join(named)}): distance read as km")
    return values * np.where(np.isnan(per_unit), 1000.0, per_unit)


def _duration(table: CsvTable, columns: dict[str, int], read: ColumnReader, warnings: list[str]) -> np.ndarray:
    if "duration_min" in columns and "duration_s" in columns:
        # FloTrack splits the duration: 'Minutes' 49 and 'Seconds' 30 are 49:30.
        minutes = read.durations(columns["duration_min"], 60.0)
        seconds = read.durations(columns["duration_s"], 1.0)
        both_empty = np.isnan(minutes) & np.isnan(seconds)
        return np.where(both_empty, np.nan, np.nan_to_num(minutes) + np.nan_to_num(seconds))
    if "duration_s" in columns:
        return read.durations(columns["duration_s"], 1.0)
    if "duration_min" in columns:
        return read.durations(columns["duration_min"], 60.0)
    column = columns["duration"]
    if any(":" not in c and not cells.is_missing(c) for c in table.cells(column)):
        warnings.append(f"plain numbers in '{table.header[column]}' read as minutes")
    return read.durations(column, 60.0)


def _score(values: np.ndarray, field: str, warnings: list[str]) -> np.ndarray:
    outside = ~np.isnan(values) & ((values < 0) | (values > 10))
    if outside.any():
        warnings.append(f"{int(outside.sum())} {field} value(s) outside 0-10 left empty")
    return np.where(outside, np.nan, values)


def surface_of(text: str) -> str | None:
    key = header_key(text)
    return next((surface for surface, words in _SURFACE_WORDS.items() if any(w in key for w in words)), None)


def _surfaces(texts: list[str], warnings: list[str]) -> list[str | None]:
    surfaces = [surface_of(t) if t else None for t in texts]
    unknown = sorted({t for t, s in zip(texts, surfaces) if t and s is None})
    if unknown:
        warnings.append(f"surface(s) {unknown} not understood: use road, trail, track or treadmill")
    return surfaces


def _unread_columns(table: CsvTable, columns: dict[str, int]) -> list[str]:
    unread = [name for i, name in enumerate(table.header) if name and i not in columns.values()]
    return [f"column(s) not read: {', '.join(unread)}"] if unread else []
