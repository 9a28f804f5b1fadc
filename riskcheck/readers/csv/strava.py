"""Strava's bulk export activities.csv ('Download your data').

Two layouts: the 2018 one (id,date,name,type,description,elapsed_time,distance,commute,
gear,filename; distance in metres, checked on the corpus: a 9,462 s ride of 43057.4) and the
2020+ one with repeated column names, where the first 'Distance' is km as displayed and the
second metres, the first 'Elapsed Time' whole seconds and the second exact. Dates are UTC.
A race is marked by the 2025 layout's 'Competition' column or an older 'Workout Type' of race.
"""

from __future__ import annotations

import numpy as np

from riskcheck.readers.csv.columns import ColumnReader, find_column, first_valid, header_key
from riskcheck.readers.csv.rows import Parsed
from riskcheck.readers.csv.text import CsvTable
from riskcheck.schema import RUN_SPORTS
from riskcheck.sport import classify_sport

FOOT_SPORTS = RUN_SPORTS | {"walk_hike"}
STRIDES_BELOW_SPM = 120.0  # Strava keeps run cadence per leg (~80-95); steps/min are ~150-200
SLOWEST_PLAUSIBLE_M_S = 0.05  # below this, a 'metres' distance column must really be km
# Strava's workout_type (API, and the 'Workout Type' column of older exports): 0 default, 1 race,
# 2 long run, 3 workout for runs; 10 default, 11 race, 12 workout for rides. The 2025 export
# says it in a yes/no 'Competition' column instead (its 'Long Run' column is not read).
RACE_WORKOUT_TYPE_RUN = 1
RACE_WORKOUT_TYPE_RIDE = 11

_SHORT = ("id", "date", "name", "type", "elapsed time", "distance", "filename")
_LONG = ("activity id", "activity date", "activity type")


def matches(header: list[str]) -> bool:
    keys = {header_key(h) for h in header}
    return set(_LONG) <= keys or set(_SHORT) <= keys


def parse(table: CsvTable) -> Parsed:
    h = table.header
    read = ColumnReader(table)
    long_layout = find_column(h, ("activity id",)) is not None
    warnings: list[str] = []

    def col(*aliases: str, occurrence: int = 0) -> int | None:
        return find_column(h, aliases, occurrence)

    elapsed = first_valid(read.numbers(col("elapsed time", occurrence=1)), read.numbers(col("elapsed time")))
    if long_layout:
        distance = _long_distance(read, col("distance"), col("distance", occurrence=1), warnings)
    else:
        distance = _short_distance(read.numbers(col("distance")), elapsed, warnings)
    sport_raw = read.texts(col("activity type", "type"))
    sports = np.array([classify_sport(s) for s in sport_raw], dtype=object)
    is_foot = np.isin(sports, list(FOOT_SPORTS))
    cadence = read.numbers(col("average cadence"))
    notes = [" / ".join(t for t in pair if t) for pair in
             zip(read.texts(col("activity description", "description")), read.texts(col("activity private note")))]
    return Parsed(
        starts=read.datetimes(col("activity date", "date")),
        starts_are_utc=True,
        totals={
            "distance_m": distance,
            "elapsed_s": elapsed,
            "moving_s": read.numbers(col("moving time")),
            "avg_speed_m_s": read.numbers(col("average speed")),
            "max_speed_m_s": read.numbers(col("max speed")),
            "ascent_m": read.numbers(col("elevation gain")),
            "descent_m": read.numbers(col("elevation loss")),
            "avg_hr_bpm": read.numbers(col("average heart rate")),
            "max_hr_bpm": first_valid(read.numbers(col("max heart rate", occurrence=-1)),
                                      read.numbers(col("max heart rate"))),
            "avg_cadence_spm": _steps_per_minute(cadence, is_foot, warnings),
        },
        texts={"sport_raw": sport_raw, "name": read.texts(col("activity name", "name")),
               "notes": notes, "shoe": read.texts(col("activity gear", "gear")),
               "linked_file": read.texts(col("filename"))},
        scores={"rpe": read.numbers(col("perceived exertion"))},
        flags={"race": read.flags(col("competition")) | _race_workout_type(read.numbers(col("workout type")), sports)},
        warnings=warnings + read.warnings,
    )


def _race_workout_type(workout_type: np.ndarray, sports: np.ndarray) -> np.ndarray:
    """Strava's workout type says race with its own number per sport (API: 1 for a run, 11 for
    a ride); the other numbers (default, long run, workout) are no race."""
    return ((workout_type == RACE_WORKOUT_TYPE_RUN) & np.isin(sports, list(RUN_SPORTS))) | (
        (workout_type == RACE_WORKOUT_TYPE_RIDE) & (sports == "ride"))


def _long_distance(read: ColumnReader, shown: int | None, metres: int | None, warnings: list[str]) -> np.ndarray:
    """Metres from the second 'Distance'; where it is empty, from the first (display units:
    km, or miles if the ratio of the two columns says so)."""
    exact = read.numbers(metres)
    display = read.numbers(shown)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratios = exact / display
    ratios = ratios[np.isfinite(ratios) & (ratios > 0)]
    per_unit = 1609.344 if ratios.size and abs(np.median(ratios) - 1609.344) < abs(np.median(ratios) - 1000) else 1000.0
    fallback = np.isnan(exact) & ~np.isnan(display)
    if fallback.any():
        warnings.append(f"{int(fallback.sum())} row(s) without the exact distance: taken from the rounded "
                        f"'Distance' in {'miles' if per_unit > 1000 else 'km'}")
    return first_valid(exact, display * per_unit)


def _short_distance(distance: np.ndarray, elapsed_s: np.ndarray, warnings: list[str]) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        speeds = distance / elapsed_s
    speeds = speeds[np.isfinite(speeds) & (speeds > 0)]
    if speeds.size and np.median(speeds) < SLOWEST_PLAUSIBLE_M_S:
        warnings.append("distance unit guessed as km because, read as metres, the median speed would "
                        f"be {np.median(speeds):.3f} m/s")
        return distance * 1000.0
    return distance


def _steps_per_minute(cadence: np.ndarray, is_foot: np.ndarray, warnings: list[str]) -> np.ndarray:
    """Foot cadence in steps per minute. Strava writes runs' cadence per leg: doubled when
    it is below any running step rate. Pedalling cadence has no column and is dropped, said."""
    dropped = ~is_foot & ~np.isnan(cadence)
    if dropped.any():
        warnings.append(f"'Average Cadence' of {int(dropped.sum())} non-foot activity(ies) not kept "
                        "(pedalling/stroke cadence has no column)")
    per_leg = is_foot & (cadence < STRIDES_BELOW_SPM)
    if per_leg.any():
        warnings.append(f"'Average Cadence' below {STRIDES_BELOW_SPM:.0f} in {int(per_leg.sum())} run(s) "
                        "taken as strides per minute and doubled")
    foot = np.where(is_foot & (cadence > 0), cadence, np.nan)
    return np.where(per_leg, foot * 2, foot)
