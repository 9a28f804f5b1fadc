"""Acute:chronic load ratio over time, uncoupled and EWMA, against the team-sport bands
(0.8-1.3 'sweet spot', 1.5 'danger'). The note on the chart says why these bands are weak
evidence for runners (Gabbett 2016; Impellizzeri 2020)."""

from __future__ import annotations

import pandas as pd

from riskcheck.report import units as u
from riskcheck.report.charts.common import (
    GUIDE, SEVERITY_COLOURS, axes, dates, finish, has_values, no_data)

TITLE = "Acute:chronic load ratio"
SWEET_SPOT = (0.8, 1.3)
DANGER = 1.5
NOTE = "weak evidence: bands come from team sports, not running"


def plot_acwr(daily, *, ax=None, units: str = "km"):
    """`units` is accepted for a uniform signature; a ratio has none."""
    u.check_units(units)
    ax = axes(ax)
    series = [c for c in ("acwr_uncoupled", "acwr_ewma") if has_values(daily, "date", c)]
    if not series:
        return no_data(ax, TITLE, "needs about four weeks of training history")
    x = dates(daily["date"])
    ax.axhspan(*SWEET_SPOT, color="#4c9a5b", alpha=0.15, label="0.8-1.3: 'sweet spot' band")
    ax.axhline(DANGER, color=SEVERITY_COLOURS["high"], linestyle="--", linewidth=1.2,
               label="1.5: 'danger' line")
    styles = {"acwr_uncoupled": ("uncoupled (7-day vs days 8-28)", GUIDE, "-"),
              "acwr_ewma": ("EWMA (7-day vs 28-day)", "#7a4fa0", "-.")}
    for column in series:
        label, colour, line = styles[column]
        ax.plot(x, daily[column], color=colour, linestyle=line, linewidth=1.6, label=label)
    top = max(float(daily[c].max()) for c in series)
    ax.set_ylim(0, max(2.4, top * 1.45))  # headroom for the legend
    ax.set_xlim(x.min() - pd.Timedelta(days=1), x.max() + pd.Timedelta(days=1))  # whole log, not just the ratio's span
    finish(ax, TITLE, "Acute:chronic ratio", "Date")
    legend = ax.legend(loc="upper left", fontsize=8, frameon=False, ncols=2, title=NOTE,
                       title_fontsize=8, alignment="left")
    legend.get_title().set_style("italic")
    return ax
