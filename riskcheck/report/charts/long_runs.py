"""Each day's longest run against the longest run of the 30 days before it, with spikes
(a run more than `spike_pct` % longer) marked: the single-run spike of Frandsen et al. 2025."""

from __future__ import annotations

import numpy as np
import pandas as pd

from riskcheck.report import units as u
from riskcheck.report.charts.common import GUIDE, NEUTRAL, SEVERITY_COLOURS, has_values
from riskcheck.report.charts.spec import (
    Axis, Chart, Layer, Tip, above_axis, days, nothing_to_show, robust_top, spaced_labels,
    span_days)

NAME, TITLE = "long_runs", "Longest run against the previous 30 days"
WINDOW = "30D"


def previous_longest(daily: pd.DataFrame) -> pd.DataFrame:
    """date, run_m (that day's longest run, NaN on days without one), previous_max_m (longest
    run in the 30 days before, the day itself excluded; NaN in the log's first 30 days) and
    spike_pct (how much longer)."""
    runs = pd.Series(daily["long_run_m"].to_numpy(dtype=float), index=days(daily["date"]).to_numpy())
    runs = runs.where(runs > 0).sort_index()
    previous = runs.rolling(WINDOW, closed="left").max()
    # Before the log covers 30 days the 'longest of 30 days' is not known yet.
    previous[previous.index < runs.index.min() + pd.Timedelta(WINDOW)] = np.nan
    return pd.DataFrame({"date": runs.index, "run_m": runs.to_numpy(),
                         "previous_max_m": previous.to_numpy(),
                         "spike_pct": (runs / previous - 1.0).to_numpy() * 100.0})


def long_runs_chart(daily: pd.DataFrame, units: str = "km", spike_pct: float = 10.0) -> Chart:
    u.check_units(units)
    if not has_values(daily, "date", "long_run_m") or not (daily["long_run_m"] > 0).any():
        return nothing_to_show(NAME, TITLE, "no runs in the log")
    table = previous_longest(daily)
    scale = u.METRES_PER_UNIT[units]
    frame = pd.DataFrame({"x": table["date"], "y": table["run_m"] / scale, "previous": table["previous_max_m"] / scale,
                          "spike_pct": table["spike_pct"]})
    top = robust_top(frame["y"], floor=1.0)
    unit_title = f"Run ({units})"
    tips = (Tip("x", "Date", "date"), Tip("y", unit_title, ".1f"),
            Tip("previous", f"Longest of the 30 days before ({units})", ".1f"), Tip("spike_pct", "Longer by (%)", "+.0f"))
    ran = frame.dropna(subset=["y"])
    spikes = ran[ran["spike_pct"] > spike_pct]
    labelled = spaced_labels(spikes, "spike_pct", span_days(frame["x"])).assign(
        text=lambda d: d["spike_pct"].map(lambda p: f"+{p:.0f} %"))
    marks, notes = above_axis(ran, "y", top, "runs", tips[0], tips[1], f" {units}")
    steps = frame[["x", "previous"]].dropna()
    steps = steps[steps["previous"].ne(steps["previous"].shift()) | (steps.index == steps.index[-1])] if len(steps) else steps
    layers = (
        Layer("line", steps, GUIDE, "longest run of the previous 30 days", y="previous", step=True),
        Layer("point", ran.drop(spikes.index), NEUTRAL, "longest run of the day", tips, size=18),
        Layer("point", spikes, SEVERITY_COLOURS["high"], f"more than {spike_pct:.0f} % longer", tips, size=40),
        Layer("text", labelled, SEVERITY_COLOURS["high"], narrow="narrow"),
        *marks,
    )
    if len(labelled) < len(spikes):
        notes += (f"{len(spikes)} spikes; the largest {len(labelled)} with room for a label are labelled, "
                  "hover the others.",)
    return Chart(NAME, TITLE, Axis(f"Run distance ({units})", (0.0, top * 1.15)), "Date",
                 layers, notes=notes)
