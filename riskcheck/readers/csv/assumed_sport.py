"""The sport of log rows that do not name one.

A hand-kept log often has no sport column, or leaves it empty for the usual session (FloTrack
fills 'Cross Train Type' only for cross-training): those rows are taken as runs, and said.
A row at a speed no run session reaches is a ride logged without its sport: it is taken as
a ride, never silently counted as a run, and the warning names how many and which dates.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DEFAULT_SPORT = "running"
BY_SPEED = "ride (by speed)"  # classify_sport reads it as a ride; the user sees why
# 25 km/h (2:24 per km) held over 3 km or more is faster than the 3000 m world record
# (7:20.67, 24.5 km/h) and every longer one, while rides average about 15-30 km/h: such a
# session is not a run. Shorter sessions can be faster on foot (a 4 x 400 m relay leg in
# 57 s is 25.3 km/h, seen in the FloTrack log), so they are left alone. Slower rides
# overlap running speeds and cannot be told apart by speed at all.
CYCLING_ABOVE_KM_H = 25.0
CHECKED_FROM_M = 3000.0
_DATES_SHOWN = 10


def fill(sports: list[str], column: str | None, distance_m: np.ndarray, moving_s: np.ndarray,
         starts: list[pd.Timestamp | None]) -> tuple[list[str], list[str]]:
    """(sport of every row, warnings). `column` is the sport column's name, None when the
    log has none."""
    assumed = np.array([not s for s in sports], dtype=bool)
    with np.errstate(invalid="ignore", divide="ignore"):
        km_h = distance_m / moving_s * 3.6
    fast = (assumed & np.isfinite(km_h) & (moving_s > 0) & (km_h > CYCLING_ABOVE_KM_H)
            & (distance_m >= CHECKED_FROM_M))
    filled = [BY_SPEED if f else (s or DEFAULT_SPORT) for s, f in zip(sports, fast)]
    warnings = []
    runs = int((assumed & ~fast).sum())
    if column is None:
        warnings.append(f"no sport column: every row taken as {DEFAULT_SPORT}"
                        + (f" except the {int(fast.sum())} at cycling speed" if fast.any() else ""))
    elif runs:
        warnings.append(f"{runs} row(s) with an empty '{column}' taken as {DEFAULT_SPORT}")
    if fast.any():
        dates = sorted({s.strftime("%Y-%m-%d") for s, f in zip(starts, fast) if f and s is not None and not pd.isna(s)})
        shown = ", ".join(dates[:_DATES_SHOWN]) + (", ..." if len(dates) > _DATES_SHOWN else "")
        warnings.append(f"{int(fast.sum())} session(s) without a sport faster than {CYCLING_ABOVE_KM_H:.0f} km/h "
                        f"over {CHECKED_FROM_M / 1000:.0f} km or more taken as rides, not runs: {shown}")
    return filled, warnings
