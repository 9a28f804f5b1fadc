"""The promises next week's guidance makes, checked from the outside: each is computed here
from the activities and the findings, independently of riskcheck.assess.plan.

On the as-of day of an assessment:
1. with no caution-or-high finding, no back pain and no break (RC09's min_break_days without
   running) in the last 14 days, the weekly cap is at least 60 % of the four-week average;
2. the long-run cap is never above 1.1 times the longest run of the last 30 days that the
   single-run spike rule did not flag;
3. with back pain of 4/10 or more in the last 7 days, the weekly cap is not above the
   distance of the last 7 days;
4. when the runner's habit is several runs a week (the median of run days per 7-day block
   over the last 8 blocks that had running), the long-run cap is below the weekly cap.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DAY = pd.Timedelta(days=1)
TOLERANCE_M = 1e-6


def violations(assessment, activities: pd.DataFrame) -> list[str]:
    a, g = assessment, assessment.guidance
    as_of = pd.Timestamp(a.status.as_of)
    acts = activities[activities["local_date"] <= as_of]
    runs = acts[acts["is_run"]]
    run_m = runs.groupby("local_date")["distance_m"].sum()

    def ran(days: int) -> float:
        return float(run_m[run_m.index > as_of - days * DAY].sum())

    pain = acts.groupby("local_date")["back_pain"].max().dropna()
    pain7 = pain[pain.index > as_of - 7 * DAY]
    pain14 = pain[pain.index > as_of - 14 * DAY]
    f = a.findings
    raised14 = f[(f["date"] > as_of - 14 * DAY) & (f["severity"] != "info")]
    min_break = int(a.config.thresholds_for(next(r for r in a.rules if r.id == "RC09"))["min_break_days"])
    # RC09's break: run dates min_break_days or more apart (the as-of day ends one still going on)
    days = pd.DatetimeIndex(sorted(run_m.index[run_m > 0])).append(pd.DatetimeIndex([as_of]))
    gap_ends = days[1:][(days[1:] - days[:-1]) >= min_break * DAY]
    broke14 = bool(len(gap_ends)) and gap_ends[-1] > as_of - 14 * DAY
    weekly_cap, long_cap = g.max_distance_m, g.max_long_run_m
    out = []
    four_week = ran(28) / 4
    if raised14.empty and not (pain14 > 0).any() and not broke14 and not weekly_cap >= 0.6 * four_week - TOLERANCE_M:
        out.append(f"weekly cap {weekly_cap:.0f} m < 60 % of the four-week average {four_week:.0f} m")
    spikes = {i for ids in f.loc[f["rule_id"] == "RC01", "activity_ids"] for i in ids.split(",")}
    recent = runs[runs["local_date"] > as_of - 30 * DAY]
    unflagged = recent.loc[~recent["activity_id"].astype(str).isin(spikes), "distance_m"]
    if len(unflagged) and long_cap > 1.1 * unflagged.max() + TOLERANCE_M:
        out.append(f"long-run cap {long_cap:.0f} m > 1.1 x the 30-day longest unflagged run {unflagged.max():.0f} m")
    if (pain7 >= 4).any() and weekly_cap > ran(7) + TOLERANCE_M:
        out.append(f"back pain {pain7.max():.0f}/10 in 7 days, yet weekly cap {weekly_cap:.0f} m > "
                   f"the last 7 days' {ran(7):.0f} m")
    if habit(run_m, as_of) >= 2 and weekly_cap > 0 and not long_cap < weekly_cap:
        out.append(f"habit of {habit(run_m, as_of)} runs a week, yet long-run cap {long_cap:.0f} m = weekly cap")
    return out


def habit(run_m: pd.Series, as_of: pd.Timestamp) -> int:
    counts = []
    for block in range(8):
        end = as_of - 7 * block * DAY
        counts.append(int(((run_m.index > end - 7 * DAY) & (run_m.index <= end) & (run_m > 0)).sum()))
    ran = [c for c in counts if c]
    return int(round(float(np.median(ran)))) if ran else 0
