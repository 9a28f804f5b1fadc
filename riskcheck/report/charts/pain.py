"""Back pain over weekly running distance, with the alerts marked: the picture behind the
personal backtest (riskcheck.backtest). Drawn only for logs that note pain or injury."""

from __future__ import annotations

import pandas as pd

from riskcheck.report import units as u
from riskcheck.report.charts.common import NEUTRAL, SEVERITY_COLOURS
from riskcheck.report.charts.spec import Axis, Chart, Layer, Tip, days, nothing_to_show, week_bars

NAME, TITLE = "pain", "Back pain, weekly distance and alerts"
PAIN_COLOUR = "#8a3ffc"


def pain_chart(weekly: pd.DataFrame, episodes: pd.DataFrame, backtest, units: str = "km") -> Chart:
    """`episodes`: the assessment's alerts and notes; `backtest`: its Backtest (or None)."""
    u.check_units(units)
    if backtest is None or weekly.empty:
        return nothing_to_show(NAME, TITLE, "no back pain or injury noted in the log")
    frame = pd.DataFrame(week_bars(weekly["week_start"])).assign(
        y=(weekly["distance_m"].fillna(0.0) / u.METRES_PER_UNIT[units]).to_numpy(),
        pain=weekly["back_pain_max"].to_numpy(dtype=float))
    frame["centre"] = frame["week"] + pd.Timedelta(days=3.5)
    tips = (Tip("week", "Week starting", "date"), Tip("y", f"Running ({units})", ".1f"),
            Tip("pain", "Highest back pain (0-10)", ".0f"))
    starts = pd.DataFrame({"x": days(backtest.episodes["start"]).to_numpy()})
    alerts = episodes[episodes["alert"] & (episodes["rule_id"] != "PAIN")] if not episodes.empty else episodes
    layers = [
        Layer("bar", frame, NEUTRAL, f"running per week ({units})", tips, opacity=0.6),
        Layer("line", frame, PAIN_COLOUR, "highest back pain of the week (0-10)", x="centre", y="pain", right=True),
        Layer("point", frame.dropna(subset=["pain"]), PAIN_COLOUR, "", tips, x="centre", y="pain", size=14, right=True),
        Layer("rule", starts, PAIN_COLOUR, "a pain episode begins (dashed)",
              (Tip("x", "Episode begins", "date"),), dashed=True, size=1.0),
    ]
    for severity in ("caution", "high"):
        chosen = alerts[alerts["severity"] == severity] if not alerts.empty else alerts
        if len(chosen):
            marks = pd.DataFrame({"x": days(chosen["first_day"]).to_numpy(), "y": 10.2,
                                  "rule": (chosen["rule_id"] + " " + chosen["title"]).to_numpy()})
            layers.append(Layer("point", marks, SEVERITY_COLOURS[severity], f"{severity} alert begins",
                                (Tip("x", "Alert begins", "date"), Tip("rule", "Rule")), shape="triangle-down",
                                size=36, right=True))
    return Chart(NAME, TITLE, Axis(f"Running per week ({units})"), "Week starting", tuple(layers),
                 right_axis=Axis("Back pain (0-10)", (0.0, 10.5)))
