"""Races and planned long events: runs the runner chose to make long and hard.

A race is marked by the source (the activities' `race` column: a race flag in the file,
the service's list or the simple log) or by a date in the config's `races` (the longest run
of that day). The load rules still see it; the evidence policy shows its findings as the
race they are, and the guidance plans the recovery after it instead of building on it."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd

# One easy day for each mile raced (about 1.6 km): a coaching rule of thumb, not a study;
# capped at four weeks. riskcheck's choice, documented in docs/guidance.md.
RECOVERY_KM_PER_DAY = 1.609
RECOVERY_MAX_DAYS = 28
# Below this a "race" is a parkrun or a track session: no recovery plan needed.
RECOVERY_FROM_KM = 10.0


def race_runs(activities: pd.DataFrame, race_days: tuple[date, ...] = ()) -> pd.DataFrame:
    """The runs that are races, in date order."""
    runs = activities[activities["is_run"]]
    marked = runs["race"].fillna(False).astype(bool) if "race" in runs else pd.Series(False, index=runs.index)
    if race_days:
        on_day = runs[runs["local_date"].isin(pd.to_datetime(list(race_days)))]
        longest = on_day.groupby("local_date")["distance_m"].idxmax().dropna()
        marked = marked | runs.index.isin(longest)
    return runs[marked].sort_values("local_date")


def recovery_days(distance_m: float) -> int:
    km = distance_m / 1000
    if not km >= RECOVERY_FROM_KM:
        return 0
    return min(RECOVERY_MAX_DAYS, math.ceil(km / RECOVERY_KM_PER_DAY))
