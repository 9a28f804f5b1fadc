"""Climbing and descent per week, descent drawn below zero: sudden jumps in hill work are a
trigger the guidance names (lumbar posture changes most downhill, Levine et al. 2007)."""

from __future__ import annotations

import pandas as pd
from matplotlib.ticker import FuncFormatter

from riskcheck.report import units as u
from riskcheck.report.charts.common import (
    WEEK_BAR_WIDTH_DAYS, axes, finish, has_positive, has_values, no_data, week_centres)

TITLE = "Climbing and descent per week"
UP, DOWN = "#a0522d", "#5f9ea0"


def plot_climbing(weekly, *, ax=None, units: str = "km"):
    u.check_units(units)
    ax = axes(ax)
    if not has_values(weekly, "week_start") or not has_positive(weekly, "ascent_m", "descent_m"):
        return no_data(ax, TITLE, "no climbing or descent recorded on runs")
    x = week_centres(weekly["week_start"])
    factor = u.CLIMB_UNIT[units][1]
    none = pd.Series(0.0, index=weekly.index)
    up = weekly.get("ascent_m", none).fillna(0.0) / factor
    down = weekly.get("descent_m", none).fillna(0.0) / factor
    ax.bar(x, up, width=WEEK_BAR_WIDTH_DAYS, color=UP, label="climbing")
    ax.bar(x, -down, width=WEEK_BAR_WIDTH_DAYS, color=DOWN, label="descent (drawn below zero)")
    ax.axhline(0, color="black", linewidth=0.8)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v):.0f}"))  # descent is not negative
    finish(ax, TITLE, f"Elevation per week ({u.climb_unit(units)})", "Week starting")
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    return ax
