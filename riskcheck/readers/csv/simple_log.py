"""riskcheck's simple log: a spreadsheet with one row per run (or per day).

Required: date, distance, duration. Optional: start time, sport, surface, cadence,
elevation gain, heart rate, perceived effort, back pain, shoe, title, notes. Header names
are matched loosely and in English, German, French or Spanish (see mapping.FIELDS); the
user's column map covers any other names. docs/simple-log.md is the user's description.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from riskcheck.errors import UnrecognisedColumns
from riskcheck.readers.csv import cells
from riskcheck.readers.csv.columns import ColumnReader, first_valid, header_key
from riskcheck.readers.csv.dates import slash_order
from riskcheck.readers.csv.mapping import (DISTANCE_FIELDS, DURATION_FIELDS, FIELDS, MAP_HINT, NEEDED,
                                           resolve_columns)
from riskcheck.readers.csv.rows import Parsed
from riskcheck.readers.csv.text import CsvTable

METRES_PER = {"distance_km": 1000.0, "distance_mi": 1609.344, "distance_m": 1.0}
# A unitless distance column whose values are this large is metres, not km.
METRES_IF_MEDIAN_ABOVE = 300.0
DEFAULT_SPORT = "running"
# Fields whose cells are not numbers: a note such as '5,2' must not decide the decimal mark.
TEXT_FIELDS = ("date", "time", "sport", "surface", "shoe", "name", "notes")
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

    if "sport" not in columns:
        warnings.append(f"no sport column: every row taken as {DEFAULT_SPORT}")
    return Parsed(
        starts=_starts(table, read, columns, warnings),
        totals={
            "distance_m": _distance(table, columns, num, warnings),
            "moving_s": _duration(table, columns, read, warnings),
            "ascent_m": first_valid(num("ascent_m"), num("ascent_ft", 0.3048)),
            "avg_cadence_spm": num("cadence_spm"),
            "avg_hr_bpm": num("avg_hr_bpm"),
            "max_hr_bpm": num("max_hr_bpm"),
        },
        texts={"sport_raw": [s or DEFAULT_SPORT for s in read.texts(columns.get("sport"))],
               **{f: read.texts(columns.get(f)) for f in ("name", "shoe", "notes")}},
        scores={"rpe": _score(num("rpe"), "rpe", warnings), "back_pain": _score(num("back_pain"), "back_pain", warnings)},
        surface=_surfaces(read.texts(columns.get("surface")), warnings),
        warnings=warnings + _unread_columns(table, columns) + read.warnings,
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
    field = next(f for f in DISTANCE_FIELDS if f in columns)
    if field != "distance":
        return num(field, METRES_PER[field])
    values = num("distance")
    name = table.header[columns["distance"]]
    if np.isfinite(values).any() and np.nanmedian(values) > METRES_IF_MEDIAN_ABOVE:
        warnings.append(f"column '{name}' has no unit: read as metres (values too large for km); "
                        "name it distance_m or distance_km to say")
        return values
    warnings.append(f"column '{name}' has no unit: read as km; name it distance_km, distance_mi or distance_m to say")
    return values * 1000.0


def _duration(table: CsvTable, columns: dict[str, int], read: ColumnReader, warnings: list[str]) -> np.ndarray:
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
