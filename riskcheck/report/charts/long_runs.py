"""Each day's longest run against the longest run of the 30 days before it, with spikes
(a run more than `spike_pct` % longer) annotated: the single-run spike of Frandsen et al. 2025."""

from __future__ import annotations

import numpy as np
import pandas as pd
from riskcheck.report import units as u
from riskcheck.report.charts.common import (
    GUIDE, NEUTRAL, SEVERITY_COLOURS, axes, dates, finish, has_values, no_data)

TITLE = "Longest run against the previous 30 days"
WINDOW = "30D"


def previous_longest(daily: pd.DataFrame) -> pd.DataFrame:
    """date, run_m (that day's longest run, NaN on days without one), previous_max_m (longest
    run in the 30 days before, the day itself excluded; NaN in the log's first 30 days) and
    spike_pct (how much longer)."""
    runs = pd.Series(daily["long_run_m"].to_numpy(dtype=float), index=dates(daily["date"]).to_numpy())
    runs = runs.where(runs > 0).sort_index()
    previous = runs.rolling(WINDOW, closed="left").max()
    # Before the log covers 30 days the 'longest of 30 days' is not known yet.
    previous[previous.index < runs.index.min() + pd.Timedelta(WINDOW)] = np.nan
    return pd.DataFrame({"date": runs.index, "run_m": runs.to_numpy(),
                         "previous_max_m": previous.to_numpy(),
                         "spike_pct": (runs / previous - 1.0).to_numpy() * 100.0})


def plot_long_runs(daily: pd.DataFrame, *, ax=None, units: str = "km", spike_pct: float = 10.0):
    u.check_units(units)
    ax = axes(ax)
    if not has_values(daily, "date", "long_run_m") or not (daily["long_run_m"] > 0).any():
        return no_data(ax, TITLE, "no runs in the log")
    table = previous_longest(daily)
    scale = u.METRES_PER_UNIT[units]
    ax.step(table["date"], table["previous_max_m"] / scale, where="post", color=GUIDE,
            linewidth=1.5, label="longest run of the previous 30 days")
    ran = table.dropna(subset=["run_m"])
    spikes = ran[ran["spike_pct"] > spike_pct]
    calm = ran.drop(spikes.index)
    ax.scatter(calm["date"], calm["run_m"] / scale, s=18, color=NEUTRAL, zorder=3,
               label="longest run of the day")
    if not spikes.empty:
        ax.scatter(spikes["date"], spikes["run_m"] / scale, s=40, color=SEVERITY_COLOURS["high"],
                   edgecolor="black", zorder=4, label=f"more than {spike_pct:.0f} % longer")
    for _, row in spikes.iterrows():
        ax.annotate(f"+{row['spike_pct']:.0f} %", (row["date"], row["run_m"] / scale),
                    xytext=(0, 7), textcoords="offset points", ha="center", fontsize=8,
                    color=SEVERITY_COLOURS["high"])
    top = float(ran["run_m"].max()) / scale
    ax.set_ylim(0, top * 1.2)
    finish(ax, TITLE, f"Run distance ({units})", "Date")
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    return ax
