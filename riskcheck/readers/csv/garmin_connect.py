"""Garmin Connect's activity list ('Export CSV' on the Activities page).

Column names follow the UI language (garmin_columns finds them, by name in the languages of
garmin_vocabulary or by position in any other), the set of columns changed over the years
(2013's German list starts with a title line; 2020 has 'Activity Time' and 'Elev Gain';
2025 'Moving Time' and 'Elapsed Time'), and numbers follow the user's unit setting: km, m
and km/h, or statute miles, feet and mph, which the file never names. The unit is decided
from the file's own numbers where possible (stride length x steps gives metres) and
otherwise guessed, with a warning. Pool swims (and other sessions Garmin measures in the
pool's or track's unit) have their distance in whole metres ('1,500') and their pace per
100 m, in the same column as the other rows' km and min/km.
"""

from __future__ import annotations

import numpy as np

from riskcheck.readers.csv import cells, garmin_columns
from riskcheck.readers.csv.garmin_dynamics import running_dynamics
from riskcheck.readers.csv.columns import ColumnReader, first_valid
from riskcheck.readers.csv.dates import slash_order
from riskcheck.readers.csv.garmin_columns import GarminColumns
from riskcheck.readers.csv.rows import Parsed
from riskcheck.readers.csv.text import CsvTable
from riskcheck.sport import classify_sport

METRE_PER_MILE = 1609.344
METRE_PER_FOOT = 0.3048
FAHRENHEIT_ONLY_ABOVE = 45.0  # a temperature above this cannot be °C in a running log

SWIM_PACE_PER_M = 100.0  # swim paces are per 100 m ('1:56'), not per km
RATIO_QUANTILE = 10  # percentile of the steps x stride : distance ratios that tells the unit


def matches(table: CsvTable) -> bool:
    return garmin_columns.find(table) is not None


def parse(table: CsvTable) -> Parsed:
    found = garmin_columns.find(table)
    if found is None:
        raise ValueError("not a Garmin Connect activity list")  # callers check matches() first
    col = found.columns
    read = ColumnReader(table)
    decimal = read.decimal_of([col["distance"], col["stride"], col["avg_hr"], col["ascent"]])
    num = {f: read.numbers(col[f], decimal) for f in
           ("distance", "avg_hr", "max_hr", "cadence", "ascent", "descent", "stride", "steps",
            "min_temp", "max_temp")}
    time = {f: read.durations(col[f]) for f in ("time", "moving", "elapsed")}
    sport_raw = read.texts(col["sport_raw"])
    in_metres = (_whole_numbers(table.cells(col["distance"]), read.column_decimal(col["distance"], decimal))
                 & (num["distance"] > 0))
    statute, unit_warning = _statute_units(found, num, in_metres, time["moving"], time["time"])
    length_unit = METRE_PER_MILE if statute else 1000.0
    height_unit = METRE_PER_FOOT if statute else 1.0

    # Garmin writes Moving Time 00:00:00 for some activities whose timer ran: the timer
    # time ('Time') is then the better moving time.
    zero_moving = (time["moving"] == 0) & (time["time"] > 0)
    moving = first_valid(np.where(zero_moving, np.nan, time["moving"]), time["time"])
    warnings = found.warnings + ([unit_warning] if unit_warning else [])
    if zero_moving.any():
        warnings.append(f"{int(zero_moving.sum())} row(s) with Moving Time 0 but a running timer: "
                        "moving time taken from 'Time'")
    if in_metres.any():
        kinds = sorted({s for s, m in zip(sport_raw, in_metres) if m})
        warnings.append(f"{int(in_metres.sum())} row(s) with a whole-number distance ({', '.join(kinds)}): "
                        "read as metres, as Garmin writes pool swims and track sessions")

    dynamics, dynamics_warnings = running_dynamics(read, col, sport_raw, num["stride"], decimal, statute)
    warnings += dynamics_warnings
    totals = {
        "distance_m": np.where(in_metres, num["distance"], num["distance"] * length_unit),
        "moving_s": moving,
        "elapsed_s": time["elapsed"],
        "ascent_m": num["ascent"] * height_unit,
        "descent_m": num["descent"] * height_unit,
        "avg_hr_bpm": _positive(num["avg_hr"]),
        "max_hr_bpm": _positive(num["max_hr"]),
        "avg_cadence_spm": _positive(num["cadence"]),  # the list writes steps per minute
        **_speeds(table, read, col, sport_raw, length_unit, decimal),
        **dynamics,
    }
    return Parsed(
        starts=read.datetimes(col["date"], _date_order(table, found, warnings)),
        totals=totals,
        texts={"sport_raw": sport_raw, "name": read.texts(col["name"])},
        warnings=warnings + read.warnings,
    )


def _date_order(table: CsvTable, found: GarminColumns, warnings: list[str]) -> str:
    """'mdy' or 'dmy' for numeric dates: proven by a day above 12, else the language's habit
    (said in a warning). Lists since about 2020 write ISO dates and need neither."""
    order = "mdy" if found.month_first else "dmy"
    date_cells = table.cells(found.columns["date"])
    proven = slash_order(date_cells)
    if proven:
        return proven
    if any("/" in c for c in date_cells):
        warnings.append(f"dates such as '{next(c for c in date_cells if '/' in c)}' read as "
                        + ("month/day/year" if order == "mdy" else "day/month/year"))
    return order


def _speeds(table: CsvTable, read: ColumnReader, col: dict[str, int | None], sport_raw: list[str],
            length_unit: float, decimal: str) -> dict[str, np.ndarray]:
    """Average and best speed or pace. Swims write their pace per 100 m ('1:56')."""
    swim = np.array([classify_sport(s) == "swim" for s in sport_raw], dtype=bool)
    out = {}
    for total, field in (("avg_speed_m_s", "avg_speed"), ("max_speed_m_s", "max_speed")):
        speeds = read.speeds(col[field], length_unit, decimal)
        if col[field] is not None:
            paced = swim & np.array([":" in c for c in table.cells(col[field])], dtype=bool)
            speeds = np.where(paced, speeds * SWIM_PACE_PER_M / length_unit, speeds)
        out[total] = speeds
    return out


def _whole_numbers(cells_: list[str], decimal: str) -> np.ndarray:
    """Cells written without a decimal mark ('1,500' in a list with decimal points, '875').
    Garmin writes km and miles with two decimals always, so these are metres."""
    whole = []
    for cell in cells_:
        text = cells.clean(cell)
        whole.append(not cells.is_missing(text) and decimal not in text and any(c.isdigit() for c in text))
    return np.array(whole, dtype=bool)


def _positive(values: np.ndarray) -> np.ndarray:
    """Garmin writes 0 for 'not measured' in heart-rate and cadence columns."""
    return np.where(values > 0, values, np.nan)


def _statute_units(found: GarminColumns, num: dict[str, np.ndarray], in_metres: np.ndarray,
                   moving_s: np.ndarray, time_s: np.ndarray) -> tuple[bool, str]:
    """(True for miles/feet, warning when guessed). Stride length is written in metres in
    both unit settings, so steps x stride (or cadence x time x stride) is the distance in
    metres: compared with the Distance column it shows which unit that column uses. Rows
    whose distance is already in metres (in_metres) say nothing about the unit setting.

    Steps taken while walking or standing (run/walk sessions, a runner's stride length applied
    to every step) only make steps x stride longer than the distance, never shorter: a km
    list of a run-walker has ratios from 1,000 up to 1,900 m per unit (median 1,530 in a real
    Hungarian log). So the unit is read from the low end of the ratios (RATIO_QUANTILE), where
    the sessions that were run throughout lie: about 1,000 for km, about 1,609 for miles."""
    duration_min = first_valid(np.where(moving_s > 0, moving_s, np.nan), time_s) / 60.0
    metres = first_valid(np.where(num["steps"] > 0, num["steps"], np.nan) * num["stride"],
                         num["cadence"] * duration_min * num["stride"])
    distance = np.where((num["distance"] > 0) & ~in_metres, num["distance"], np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_unit = metres / distance
    per_unit = per_unit[np.isfinite(per_unit) & (per_unit > 0)]
    if per_unit.size:
        low = np.percentile(per_unit, RATIO_QUANTILE)
        return bool(abs(np.log(low / METRE_PER_MILE)) < abs(np.log(low / 1000.0))), ""
    temps = np.concatenate([num["min_temp"], num["max_temp"]])
    if np.nanmax(temps, initial=-np.inf) > FAHRENHEIT_ONLY_ABOVE:
        return True, ("distance unit guessed as miles because temperatures are in °F "
                      "(no stride length to check it)")
    return False, (f"distance unit guessed as km because the export is in {found.described_language} "
                   "and has no stride length to check it")
