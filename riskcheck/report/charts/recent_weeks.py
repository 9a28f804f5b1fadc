"""The roster's small chart per athlete: running distance of each of the last weeks, the
trend at a glance, each bar's week and distance on hover."""

from __future__ import annotations

import pandas as pd

from riskcheck.report import units as u
from riskcheck.report.charts.common import GUIDE
from riskcheck.report.charts.spec import Axis, Chart, Layer, Tip, nothing_to_show, week_bars

NAME, TITLE = "recent_weeks", "Running per week"


def recent_weeks_chart(weekly_distance: pd.DataFrame | None, units: str = "km") -> Chart:
    """`weekly_distance`: week_start, distance_m (the roster's RosterPage.weekly_distance)."""
    u.check_units(units)
    if weekly_distance is None or weekly_distance.empty:
        return nothing_to_show(NAME, TITLE, "no weeks to show")
    frame = pd.DataFrame(week_bars(weekly_distance["week_start"])).assign(
        y=(weekly_distance["distance_m"].fillna(0.0) / u.METRES_PER_UNIT[units]).to_numpy())
    tips = (Tip("week", "Week starting", "date"), Tip("y", f"Running ({units})", ".1f"))
    return Chart(NAME, TITLE, Axis(f"Running per week ({units})"), "Week starting",
                 (Layer("bar", frame, GUIDE, "", tips),), compact=True)
