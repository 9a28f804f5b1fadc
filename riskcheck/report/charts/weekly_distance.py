"""Weekly distance: bars coloured by the week's status, flagged weeks marked by their most
severe finding, and next week's guidance cap as an outlined bar."""

from __future__ import annotations

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from riskcheck.report import units as u
from riskcheck.report.charts.common import (
    GUIDE, NEUTRAL, SEVERITY_COLOURS, SEVERITY_ORDER, STATUS_COLOURS, WEEK_BAR_WIDTH_DAYS,
    axes, dates, finish, has_positive, has_values, no_data, week_centres)

TITLE = "Weekly distance"


def worst_severity_per_week(findings: pd.DataFrame | None) -> pd.Series:
    """week_start -> the most severe finding of that week ('info' < 'caution' < 'high')."""
    if findings is None or findings.empty or "week_start" not in findings:
        return pd.Series(dtype="string")
    rank = findings["severity"].map({s: i for i, s in enumerate(SEVERITY_ORDER)})
    worst = rank.groupby(dates(findings["week_start"])).max().dropna().astype(int)
    return worst.map(lambda i: SEVERITY_ORDER[i])


def plot_weekly_distance(weekly: pd.DataFrame, findings: pd.DataFrame | None = None,
                         guidance=None, *, ax=None, units: str = "km"):
    """Bars of weekly distance; `guidance` is the Assessment's NextWeekGuidance (or None)."""
    u.check_units(units)
    ax = axes(ax)
    cap = getattr(guidance, "max_distance_m", None)
    has_cap = guidance is not None and not u.is_missing(cap)
    if not has_values(weekly, "week_start", "distance_m") or not (
            has_positive(weekly, "distance_m") or has_cap):
        return no_data(ax, TITLE, "no running distance in the log")
    x = week_centres(weekly["week_start"])
    height = weekly["distance_m"].fillna(0.0) / u.METRES_PER_UNIT[units]
    status = weekly["status"] if "status" in weekly else pd.Series("", index=weekly.index)
    colours = [STATUS_COLOURS.get(s, NEUTRAL) for s in status]
    ax.bar(x, height, width=WEEK_BAR_WIDTH_DAYS, color=colours, edgecolor="white")
    handles = [Patch(color=STATUS_COLOURS[s], label=f"week status: {s}")
               for s in STATUS_COLOURS if s in set(status)]

    worst = worst_severity_per_week(findings)
    by_week = pd.Series(height.to_numpy(), index=dates(weekly["week_start"]).to_numpy())
    top = float(height.max()) if len(height) else 0.0
    for week, severity in worst.items():
        bar_top = float(by_week.get(week, 0.0))
        ax.plot(week + pd.Timedelta(days=3.5), bar_top + 0.04 * max(top, 1.0), marker="v",
                markersize=10, color=SEVERITY_COLOURS[severity], markeredgecolor="black",
                linestyle="none")
    handles += [Line2D([], [], marker="v", linestyle="none", markersize=9, markeredgecolor="black",
                       color=SEVERITY_COLOURS[s], label=f"finding: {s}")
                for s in SEVERITY_ORDER if s in set(worst)]

    if has_cap:
        cap_x = pd.Timestamp(guidance.week_start) + pd.Timedelta(days=3.5)
        cap_height = u.distance(float(cap), units)
        ax.bar(cap_x, cap_height, width=WEEK_BAR_WIDTH_DAYS, fill=False, hatch="//",
               edgecolor=GUIDE, linewidth=1.5)
        # Written inside the outlined bar: above it the text would collide with this week's flags.
        ax.text(cap_x, cap_height / 2, f"next week: at most {cap_height:.0f} {units}", rotation=90,
                ha="center", va="center", fontsize=9, color=GUIDE,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 2})
        handles.append(Patch(fill=False, hatch="//", edgecolor=GUIDE, label="next week's cap"))
        top = max(top, cap_height)

    ax.set_ylim(0, top * 1.25 if top > 0 else 1.0)
    finish(ax, TITLE, f"Distance per week ({units})", "Week starting")
    if handles:
        ax.legend(handles=handles, loc="upper left", fontsize=8, frameon=False, ncols=2)
    return ax
