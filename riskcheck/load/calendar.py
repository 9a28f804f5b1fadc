"""Weeks on the athlete's local calendar."""

from __future__ import annotations

import pandas as pd

from riskcheck.settings import WEEKDAYS


def week_start_of(dates: pd.Series, week_start: str = "monday") -> pd.Series:
    """The first day (naive local midnight) of the week each date falls in."""
    offset = (dates.dt.day_of_week - WEEKDAYS.index(week_start)) % 7
    return dates - pd.to_timedelta(offset, unit="D")
