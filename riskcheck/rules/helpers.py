"""Small pieces several rules share: baselines over earlier full weeks, the day a weekly
total first passes a limit, and the runs behind a finding."""

from __future__ import annotations

from contextvars import ContextVar

import numpy as np
import pandas as pd

from riskcheck.load.tables import Tables

DAY = pd.Timedelta(days=1)


def previous_full_weeks_mean(tables: Tables, column: str, weeks: int) -> pd.Series:
    """Per weekly row: mean of `column` over the `weeks` weeks before it, NaN unless the log
    covers all of them fully (a partial first week is no baseline)."""
    values = tables.weekly[column].where(tables.full_weeks)
    return values.shift(1).rolling(int(weeks), min_periods=int(weeks)).mean()


def weekly_value_at(tables: Tables, column: str, lag: int) -> pd.Series:
    """`column` of the week `lag` weeks earlier, NaN where that week is not fully in the log."""
    return tables.weekly[column].where(tables.full_weeks).shift(lag)


def first_day_over(tables: Tables, column: str, limits: pd.Series) -> pd.Series:
    """For weekly rows with a limit: the first day the week's running total of the daily
    `column` goes above it (NaT if it never does). `limits` is aligned with tables.weekly."""
    daily = tables.daily
    limit_by_week = pd.Series(limits.to_numpy(), index=tables.weekly["week_start"])
    cum = daily.groupby("week_start")[column].cumsum()
    over = cum > daily["week_start"].map(limit_by_week).fillna(np.inf)
    first = daily["date"].where(over).groupby(daily["week_start"]).min()
    return tables.weekly["week_start"].map(first)


def last_day_of_week(tables: Tables, week_start: pd.Timestamp) -> pd.Timestamp:
    return min(week_start + 6 * DAY, tables.as_of)


def run_ids(tables: Tables, start: pd.Timestamp, end: pd.Timestamp, surface: str | None = None) -> tuple[str, ...]:
    return tables.run_ids(start, end, surface)


# Messages speak the athlete's units (RiskConfig.units); assess() sets this while it runs.
# Values in the findings' numeric columns stay SI whatever the units.
MESSAGE_UNITS: ContextVar[str] = ContextVar("message_units", default="km")
METRES_PER_UNIT = {"km": 1000.0, "mi": 1609.344}


def km(metres: float) -> str:
    """A distance for a message, in the units in force: '12.0 km' or '7.5 mi'."""
    units = MESSAGE_UNITS.get()
    return f"{metres / METRES_PER_UNIT[units]:.1f} {units}"


def above(value, threshold):
    """value > threshold, deaf to float noise (11 km over 10 km is 10.000000000000009 %)."""
    return value > threshold + 1e-9


def level_for(value: float, levels: list[tuple[float, str]]) -> tuple[str, float] | None:
    """The highest (severity, threshold) whose threshold `value` goes above; levels ascend."""
    hit = None
    for threshold, severity in levels:
        if above(value, threshold):
            hit = (severity, threshold)
    return hit


def weekly_rises(tables: Tables, column: str, t: dict[str, float], scale: float) -> pd.DataFrame:
    """Weeks whose total of `column` rises above both a multiple of the mean of the previous
    `baseline_weeks` full weeks and that mean plus a minimum increase; thresholds
    info_/caution_ratio and info_/caution_min_increase are in the rule's unit, `scale` turns
    them into the column's (60 for minutes -> seconds). Columns: row, severity, value,
    baseline, limit, date (the day the limit was passed), in the rule's unit."""
    value = tables.weekly[column]
    base = previous_full_weeks_mean(tables, column, t["baseline_weeks"])
    out = []
    for severity in ("caution", "info"):
        limit = np.maximum(base * t[f"{severity}_ratio"], base + t[f"{severity}_min_increase"] * scale)
        over = value > limit
        days = first_day_over(tables, column, limit.where(over))
        out.append(pd.DataFrame({"row": tables.weekly.index[over], "severity": severity,
                                 "value": value[over] / scale, "baseline": base[over] / scale,
                                 "limit": limit[over] / scale, "date": days[over]}))
    found = pd.concat(out)
    return found.drop_duplicates("row", keep="first").sort_values("row")  # caution wins
