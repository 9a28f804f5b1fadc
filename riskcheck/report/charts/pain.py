"""Back pain over weekly running distance, with the alerts marked: the picture behind the
personal backtest (riskcheck.backtest). Drawn only for logs that note pain or injury."""

from __future__ import annotations

import pandas as pd

from riskcheck.report import units as u
from riskcheck.report.charts.common import (
    NEUTRAL, SEVERITY_COLOURS, WEEK_BAR_WIDTH_DAYS, axes, dates, finish, no_data, week_centres)

TITLE = "Back pain, weekly distance and alerts"
PAIN_COLOUR = "#8a3ffc"


def plot_pain(weekly: pd.DataFrame, episodes: pd.DataFrame, backtest, *, ax=None, units: str = "km"):
    """`episodes`: the assessment's alerts and notes; `backtest`: its Backtest (or None)."""
    u.check_units(units)
    ax = axes(ax)
    if backtest is None or weekly.empty:
        return no_data(ax, TITLE, "no back pain or injury noted in the log")
    x = week_centres(weekly["week_start"])
    ax.bar(x, weekly["distance_m"].fillna(0.0) / u.METRES_PER_UNIT[units], width=WEEK_BAR_WIDTH_DAYS,
           color=NEUTRAL, alpha=0.6, label=f"running per week ({units})")
    finish(ax, TITLE, f"Running per week ({units})", "Week starting")
    pain_ax = ax.twinx()
    pain_ax.plot(x, weekly["back_pain_max"], color=PAIN_COLOUR, marker="o", markersize=3, linewidth=1.4,
                 label="highest back pain of the week (0-10)")
    pain_ax.set_ylim(0, 10.5)
    pain_ax.set_ylabel("Back pain (0-10)")
    for start in dates(backtest.episodes["start"]):
        pain_ax.axvline(start, color=PAIN_COLOUR, linestyle="--", linewidth=1)
    alerts = episodes[episodes["alert"] & (episodes["rule_id"] != "PAIN")]
    for severity in ("caution", "high"):
        days = dates(alerts.loc[alerts["severity"] == severity, "first_day"])
        if len(days):
            pain_ax.scatter(days, [10.2] * len(days), marker="v", s=36, color=SEVERITY_COLOURS[severity],
                            label=f"{severity} alert", zorder=3)
    handles = ax.get_legend_handles_labels()[0] + pain_ax.get_legend_handles_labels()[0]
    pain_ax.legend(handles=handles, loc="upper left", fontsize=8, frameon=False, ncols=2,
                   title="dashed: a pain episode begins", title_fontsize=8, alignment="left")
    return ax
