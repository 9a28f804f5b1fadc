"""Everything the rules read, built once per athlete: the athlete's activities with their
derived per-session values, the daily and the weekly table."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from riskcheck.config import RiskConfig
from riskcheck.load.calendar import week_start_of
from riskcheck.load.daily import daily_table
from riskcheck.load.intensity import high_intensity_s
from riskcheck.load.measures import session_duration_s, session_load
from riskcheck.load.weekly import weekly_table


@dataclass
class Tables:
    activities: pd.DataFrame   # sorted by start; + duration_s, load, high_intensity_s, week_start
    daily: pd.DataFrame        # + week_start
    weekly: pd.DataFrame
    week_days: pd.Series       # days of each weekly row inside the log (7 = a full week)
    as_of: pd.Timestamp
    config: RiskConfig
    warnings: list[str] = field(default_factory=list)

    @property
    def runs(self) -> pd.DataFrame:
        return self.activities[self.activities["is_run"]]

    @property
    def first_day(self) -> pd.Timestamp:
        return self.daily["date"].iloc[0]

    @property
    def full_weeks(self) -> pd.Series:
        """Per weekly row: True when the log covers all seven days."""
        return self.week_days == 7


def build_tables(activities: pd.DataFrame, config: RiskConfig, today: date | None = None) -> Tables:
    acts = activities.sort_values("start_time_utc", kind="stable").reset_index(drop=True)
    warnings: list[str] = []
    as_of = pd.Timestamp(today) if today is not None else acts["local_date"].max()
    if pd.isna(as_of):
        as_of = pd.Timestamp.today().normalize()
    as_of = as_of.normalize().as_unit("ns")
    later = acts["local_date"] > as_of
    if later.any():
        warnings.append(f"{int(later.sum())} activities after {as_of:%Y-%m-%d} were left out of the assessment")
        acts = acts[~later].reset_index(drop=True)
    acts["duration_s"] = session_duration_s(acts)
    acts["load"], load_warnings = session_load(acts, config)
    acts["high_intensity_s"] = high_intensity_s(acts, config)
    acts["week_start"] = week_start_of(acts["local_date"], config.week_start)
    first = acts["local_date"].min() if not acts.empty else as_of
    daily = daily_table(acts, first, as_of)
    daily["week_start"] = week_start_of(daily["date"], config.week_start)
    weekly, week_days = weekly_table(daily, acts)
    return Tables(acts, daily, weekly, week_days, as_of, config, warnings + load_warnings)
