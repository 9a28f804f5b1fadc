"""RC09: coming back from a break faster than a gradual return plan.

The plan: in the first 7 days after the first run back, at most `start_pct` (50 %) of the
weekly distance before the break (mean of the 4 weeks before it); then `step_pct` (10
points) more each week, up to 100 % after six weeks. Weeks are counted from the first run
back, not by calendar, so a Sunday comeback gets a full first week.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from riskcheck.load.tables import Tables
from riskcheck.rules.base import Finding, Rule, Threshold
from riskcheck.rules.helpers import DAY, km, run_ids

SOURCE = "PhysioMantra (seed guidance: short easy runs, gradual progression); Nielsen et al. 2014, PLoS One 9(6):e99877"


def check(tables: Tables, t: dict[str, float]) -> list[Finding]:
    daily = tables.daily.set_index("date")["run_distance_m"]
    run_days = daily.index[daily > 0]
    if len(run_days) < 2:
        return []
    gaps = run_days[1:] - run_days[:-1]
    findings = []
    for last_before, back in zip(run_days[:-1][gaps >= pd.Timedelta(days=t["min_break_days"])],
                                 run_days[1:][gaps >= pd.Timedelta(days=t["min_break_days"])]):
        before = daily[last_before - (7 * t["pre_break_weeks"] - 1) * DAY: last_before]
        weekly_before = before.sum() / t["pre_break_weeks"]
        if weekly_before < t["min_pre_break_km"] * 1000:
            continue
        for k in range(int(t["plan_weeks"])):
            start = back + 7 * k * DAY
            if start > tables.as_of:
                break
            week = daily[start: start + 6 * DAY]
            share = min(100.0, t["start_pct"] + t["step_pct"] * k)
            allowed = weekly_before * share / 100
            if week.sum() <= allowed:
                continue
            excess = (week.sum() / allowed - 1) * 100
            day = week.index[np.argmax(week.cumsum().to_numpy() > allowed)]
            severity = "caution" if excess > t["caution_excess_pct"] else "info"
            findings.append(Finding(
                date=day, severity=severity, measured=float(week.sum() / weekly_before * 100),
                threshold=share, unit="%", activity_ids=run_ids(tables, start, day),
                message=(f"Week {k + 1} back after {(back - last_before).days} days without running reached "
                         f"{km(week.sum())}, {week.sum() / weekly_before * 100:.0f} % of the "
                         f"{km(weekly_before)} a week before the break; the return plan allows {share:.0f} %.")))
    return findings


RULE = Rule(
    id="RC09", slug="return-after-break", title="Return after a break",
    looks_at=("after 14 or more days without running: weekly distance in each 7-day block from the first "
              "run back, against a plan that starts at 50 % of the pre-break weekly distance and adds 10 "
              "points a week"),
    why=("After a break, bones, tendons and back muscles have lost some of their tolerance faster than "
         "fitness fades. The guidance asks for short, easy runs and a rise over several weeks after back "
         "pain; no study gives a number, so the plan is riskcheck's own and the evidence is weak."),
    evidence="weak", source=SOURCE,
    recommendation="Restart at about half your old weekly distance and add roughly a tenth of it each week.",
    recommendation_ids=("return-plan", "cross-training"),
    severities=("info", "caution"),
    thresholds=(
        Threshold("min_break_days", 14, "days", "days without running that count as a break", "riskcheck choice",
                  minimum=1),
        Threshold("start_pct", 50, "%", "first week's share of the pre-break weekly distance", "riskcheck choice"),
        Threshold("step_pct", 10, "pp", "added to the share each following week", "riskcheck choice"),
        Threshold("plan_weeks", 6, "weeks", "weeks the plan runs", "riskcheck choice", minimum=1),
        Threshold("caution_excess_pct", 25, "%", "above the plan by more than this is caution", "riskcheck choice"),
        Threshold("pre_break_weeks", 4, "weeks", "weeks before the break that set the old volume",
                  "riskcheck choice", minimum=1),
        Threshold("min_pre_break_km", 10, "km", "a smaller old weekly distance needs no plan", "riskcheck choice"),
    ),
    check=check,
)
