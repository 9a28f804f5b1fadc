"""Foot cadence as the readers hand it on: steps per minute, both feet.

GPX, TCX and FIT files write a runner's cadence as strides per minute of one leg (Garmin,
Strava, Suunto and Polar; medians 83-91 in the corpus), so every reader doubles it for
the foot sports, unless the values show they are steps already.
"""

from __future__ import annotations

import pandas as pd

from riskcheck.schema import RUN_SPORTS

FOOT_SPORTS = RUN_SPORTS | {"walk_hike"}  # cadence of feet: steps per minute
PER_LEG_MAX = 110.0            # a runner's strides/min per leg stay below; steps/min stay above


def steps_per_minute(raw: pd.Series, writer: str, warnings: list[str]) -> pd.Series:
    """Foot cadence in steps per minute (both feet) from a series that is, by the convention
    of Garmin, Strava, Suunto and Polar, strides per minute of one leg. A series whose moving
    median is above PER_LEG_MAX cannot be one leg's and is taken as steps already."""
    stepping = raw[raw > 0]
    if stepping.empty:
        return raw.astype(float)
    median = float(stepping.median())
    if median > PER_LEG_MAX:
        warnings.append(f"cadence unit guessed: {writer} values (median {median:.0f}) read as "
                        "steps per minute, not strides per leg")
        return raw.astype(float)
    return raw.astype(float) * 2.0
