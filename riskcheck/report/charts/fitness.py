"""Fitness, fatigue and form over time (riskcheck.load.fitness) on the total load of every
sport: fitness and fatigue as lines, form as the shaded balance around zero."""

from __future__ import annotations

import pandas as pd

from riskcheck.report import units as u
from riskcheck.report.charts.common import GUIDE, SEVERITY_COLOURS, STATUS_COLOURS, has_positive
from riskcheck.report.charts.spec import Axis, Chart, Layer, Tip, days, nothing_to_show

NAME, TITLE = "fitness", "Fitness, fatigue and form (all sports)"
# On longer logs one point a week (its last day) keeps the page light; the lines are averages
# over 7 and 42 days, so a day-by-day line adds wiggle, not information, at that scale.
DAILY_UP_TO_DAYS = 400


def fitness_chart(daily: pd.DataFrame, units: str = "km", scale: str = "",
                  time_constants: tuple[float, float] = (42, 7)) -> Chart:
    """`scale` names the total load's scale (TRIMP or session RPE) for the axis, `time_constants`
    the days of fitness and fatigue; `units` is accepted for a uniform signature: loads have no
    distance unit."""
    u.check_units(units)
    if not has_positive(daily, "total_load"):
        return nothing_to_show(NAME, TITLE, "no session with a load")
    frame = pd.DataFrame({"x": days(daily["date"]).to_numpy(), "fitness": daily["fitness"].to_numpy(dtype=float),
                          "fatigue": daily["fatigue"].to_numpy(dtype=float), "form": daily["form"].to_numpy(dtype=float)})
    notes: tuple[str, ...] = ()
    if len(frame) > DAILY_UP_TO_DAYS:
        frame = frame.iloc[::-1].iloc[::7].iloc[::-1].reset_index(drop=True)
        notes = ("One point a week on logs longer than 400 days.",)
    frame["fresh"] = frame["form"].clip(lower=0)
    frame["tired"] = frame["form"].clip(upper=0)
    unit = scale or "load"
    tips = (Tip("x", "Date", "date"), Tip("fitness", f"Fitness ({unit} per day)", ".0f"),
            Tip("fatigue", f"Fatigue ({unit} per day)", ".0f"), Tip("form", "Form (fitness - fatigue)", "+.0f"))
    layers = (
        Layer("area", frame, STATUS_COLOURS["low"], "form (fitness - fatigue): fresh", y="fresh", opacity=0.25),
        Layer("area", frame, SEVERITY_COLOURS["high"], "form: fatigued", y="tired", opacity=0.2),
        Layer("rule", pd.DataFrame({"y": [0.0]}), "#555555", size=0.8),
        Layer("line", frame, GUIDE, f"fitness ({time_constants[0]:g}-day load)", y="fitness", size=1.8),
        Layer("line", frame, "#e07b39", f"fatigue ({time_constants[1]:g}-day load)", y="fatigue", size=1.2),
        Layer("point", frame, GUIDE, "", tips, y="fitness", size=30, opacity=0.0),
    )
    return Chart(NAME, TITLE, Axis(f"{unit} per day"), "Date", layers, notes=notes)
