"""Share of each week's running per surface, stacked to 100 %: a sudden switch to a harder
surface (often road) is one of the triggers the guidance names. Drawn only when some surface
was recorded (by the device, the service or the runner): a surface guessed from the sport
for every run would show the same guess week after week."""

from __future__ import annotations

import pandas as pd

from riskcheck.report import units as u
from riskcheck.report.charts.common import has_values
from riskcheck.report.charts.spec import Axis, Chart, Layer, Tip, nothing_to_show, week_bars
from riskcheck.schema import SURFACES

NAME, TITLE = "surface_mix", "Surface mix per week"
COLOURS = {"road": "#5b6770", "trail": "#7a9a4a", "track": "#c8743c", "treadmill": "#6f8fc0",
           "unknown": "#d5d9dd"}


def surface_chart(weekly: pd.DataFrame, units: str = "km") -> Chart:
    u.check_units(units)
    columns = {s: f"surface_{s}_share" for s in SURFACES}
    present = {s: c for s, c in columns.items() if has_values(weekly, "week_start", c)}
    shares = weekly[list(present.values())].fillna(0.0) if present else None
    if shares is None or not (shares.sum(axis=1) > 0).any():
        return nothing_to_show(NAME, TITLE, "no runs with a known distance")
    if "surface_recorded_share" in weekly and not (weekly["surface_recorded_share"] > 0).any():
        main = max(present, key=lambda s: float(shares[present[s]].sum()))
        return nothing_to_show(NAME, TITLE, f"no file or list records a surface: every run's surface is a guess from "
                                            f"its sport (mostly {main}), the same week after week")
    frame = pd.DataFrame(week_bars(weekly["week_start"]))
    bottom = pd.Series(0.0, index=frame.index)
    layers = []
    for surface, column in present.items():
        share = shares[column].to_numpy(dtype=float) * 100
        if share.any():
            part = frame.assign(y2=bottom.to_numpy(), y=(bottom + share).to_numpy(), share=share)
            layers.append(Layer("bar", part[part["share"] > 0], COLOURS[surface], surface,
                                (Tip("week", "Week starting", "date"), Tip("share", f"{surface.capitalize()} (%)", ".0f"))))
            bottom = bottom + share
    return Chart(NAME, TITLE, Axis("Share of running distance (%)", (0.0, 100.0)), "Week starting", tuple(layers))
