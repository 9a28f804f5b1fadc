"""Climbing and descent per week, descent drawn below zero: sudden jumps in hill work are a
trigger the guidance names (lumbar posture changes most downhill, Levine et al. 2007). Weeks
whose climbing is mostly unknown are left blank, not drawn as flat."""

from __future__ import annotations

import pandas as pd

from riskcheck.report import units as u
from riskcheck.report.charts.common import has_positive, has_values
from riskcheck.report.charts.spec import (
    Axis, Chart, Layer, Tip, above_axis, nothing_to_show, robust_top, week_bars)

NAME, TITLE = "climbing", "Climbing and descent per week"
UP, DOWN = "#a0522d", "#5f9ea0"


def climbing_chart(weekly: pd.DataFrame, units: str = "km") -> Chart:
    u.check_units(units)
    if not has_values(weekly, "week_start") or not has_positive(weekly, "ascent_m", "descent_m"):
        return nothing_to_show(NAME, TITLE, "no climbing or descent recorded on runs")
    unit = u.climb_unit(units)
    factor = u.CLIMB_UNIT[units][1]
    none = pd.Series(float("nan"), index=weekly.index)
    frame = pd.DataFrame(week_bars(weekly["week_start"])).assign(
        up=(weekly.get("ascent_m", none) / factor).to_numpy(), down=(weekly.get("descent_m", none) / factor).to_numpy())
    top = robust_top(pd.concat([frame["up"], frame["down"]]), floor=10.0)
    frame["below"] = -frame["down"]
    frame["most"] = frame[["up", "down"]].max(axis=1)
    tips = (Tip("week", "Week starting", "date"), Tip("up", f"Climbing ({unit})", ".0f"),
            Tip("down", f"Descent ({unit})", ".0f"))
    marks, notes = above_axis(frame, "most", top, "weeks", tips[0], Tip("most", f"Climbing or descent ({unit})", ".0f"),
                              f" {unit}")
    known = frame.dropna(subset=["up", "down"], how="all")
    layers = (Layer("bar", known, UP, "climbing", tips, y="up"),
              Layer("bar", known, DOWN, "descent (drawn below zero)", tips, y="below"),
              Layer("rule", pd.DataFrame({"y": [0.0]}), "#000000", size=0.8),
              *marks)
    return Chart(NAME, TITLE, Axis(f"Elevation per week ({unit})", (-top * 1.05, top * 1.1), absolute_labels=True),
                 "Week starting", layers, notes=notes)
