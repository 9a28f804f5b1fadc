"""Share of each week's running per surface, stacked to 100 %: a sudden switch to a harder
surface (often road) is one of the triggers the guidance names."""

from __future__ import annotations

from riskcheck.report import units as u
from riskcheck.report.charts.common import (
    WEEK_BAR_WIDTH_DAYS, axes, finish, has_values, no_data, week_centres)
from riskcheck.schema import SURFACES

TITLE = "Surface mix per week"
COLOURS = {"road": "#5b6770", "trail": "#7a9a4a", "track": "#c8743c", "treadmill": "#6f8fc0",
           "unknown": "#d5d9dd"}


def plot_surface_mix(weekly, *, ax=None, units: str = "km"):
    u.check_units(units)
    ax = axes(ax)
    columns = {s: f"surface_{s}_share" for s in SURFACES}
    present = {s: c for s, c in columns.items() if has_values(weekly, "week_start", c)}
    shares = weekly[list(present.values())].fillna(0.0) if present else None
    if shares is None or not (shares.sum(axis=1) > 0).any():
        return no_data(ax, TITLE, "no runs with a known distance")
    x = week_centres(weekly["week_start"])
    bottom = 0.0
    for surface, column in present.items():
        values = shares[column].to_numpy(dtype=float) * 100
        if values.any():
            ax.bar(x, values, bottom=bottom, width=WEEK_BAR_WIDTH_DAYS, color=COLOURS[surface],
                   label=surface, edgecolor="white", linewidth=0.5)
        bottom = bottom + values
    ax.set_ylim(0, 100)
    finish(ax, TITLE, "Share of running distance (%)", "Week starting")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    return ax
