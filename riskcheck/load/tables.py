"""Everything the rules read, built once per athlete: the athlete's activities with their
derived per-session values, the daily and the weekly table."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import numpy as np
import pandas as pd

from riskcheck.settings import RiskConfig
from riskcheck.load.calendar import week_start_of
from riskcheck.load.daily import daily_table
from riskcheck.load.intensity import high_intensity_s
from riskcheck.load.measures import session_duration_s, session_load
from riskcheck.load.total_load import total_load
from riskcheck.load.weekly import weekly_table


@dataclass
class Tables:
    activities: pd.DataFrame   # sorted by start; + duration_s, load, total_load, load_method,
    #                            high_intensity_s, week_start
    daily: pd.DataFrame        # + week_start
    weekly: pd.DataFrame
    week_days: pd.Series       # days of each weekly row inside the log (7 = a full week)
    as_of: pd.Timestamp
    config: RiskConfig
    warnings: list[str] = field(default_factory=list)
    total_load_scale: str = ""  # the scale of total_load (riskcheck.load.total_load)

    @cached_property
    def runs(self) -> pd.DataFrame:
        return self.activities[self.activities["is_run"]]

    @cached_property
    def _runs_by_day(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(local dates, ids, surfaces) of the runs in day order, for fast look-ups."""
        by_day = self.runs.sort_values("local_date", kind="stable")
        return (by_day["local_date"].to_numpy(), by_day["activity_id"].astype(str).to_numpy(object),
                by_day["surface"].astype(str).to_numpy(object))

    def run_ids(self, start: pd.Timestamp, end: pd.Timestamp, surface: str | None = None) -> tuple[str, ...]:
        """Ids of the runs from local day `start` to `end` inclusive (optionally on one surface)."""
        dates, ids, surfaces = self._runs_by_day
        lo = np.searchsorted(dates, np.datetime64(start, "ns"), "left")
        hi = np.searchsorted(dates, np.datetime64(end, "ns"), "right")
        chosen = ids[lo:hi] if surface is None else ids[lo:hi][surfaces[lo:hi] == surface]
        return tuple(chosen)

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
    total = total_load(acts, config)
    acts["total_load"], acts["load_method"] = total.load, total.method
    acts["high_intensity_s"] = high_intensity_s(acts, config)
    acts["week_start"] = week_start_of(acts["local_date"], config.week_start)
    first = acts["local_date"].min() if not acts.empty else as_of
    daily = daily_table(acts, first, as_of, config)
    daily["week_start"] = week_start_of(daily["date"], config.week_start)
    weekly, week_days = weekly_table(daily, acts)
    return Tables(acts, daily, weekly, week_days, as_of, config, warnings + load_warnings + total.warnings,
                  total_load_scale=total.scale)
