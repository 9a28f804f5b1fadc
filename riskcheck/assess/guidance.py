"""Next week's guidance: the largest weekly distance and longest single run that keep the
strong and the distance rules quiet, and which sessions to favour or avoid.

- longest run <= (1 + RC01 caution_pct) x the longest run of the last 30 days;
- weekly distance <= min((1 + RC02 week_info_pct) x the last full week,
  (1 + RC02 two_week_caution_pct) x the week before it);
- if that last week was itself flagged (status moderate or high), next week steps back:
  at most 90 % of that week and 1.1 x the mean of the four weeks before it, and the long
  run does not grow;
"The last full week" is the week in progress when it is complete or already longer than
the week before it, else the week before.
- with no run for RC09 min_break_days, the return plan's first week (start_pct of the
  weekly distance before the break).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from riskcheck.load.tables import Tables
from riskcheck.rules.helpers import DAY, km

STEP_BACK_SHARE = 0.9
RECENT_DAYS = 14

FAVOUR = {
    "RC01": "runs no longer than the cap below; keep the long run where it is",
    "RC02": "repeating last week's distance rather than adding to it",
    "RC03": "cross-training (swimming, cycling, yoga) for extra fitness without impact",
    "RC04": "short cadence drills: quick, light steps at easy pace",
    "RC05": "the surfaces you are used to, with a little of the new one mixed in",
    "RC06": "flat routes while the climbing settles",
    "RC07": "easy pace on all but one session",
    "RC08": "a full rest day and an easy day after each harder one",
    "RC09": "short easy runs, walk-run intervals if needed",
    "RC10": "a fresh pair of shoes, or rotating two pairs",
}
AVOID = {
    "RC01": "a long run beyond the cap below",
    "RC02": "adding distance this week",
    "RC03": "another week of rising load",
    "RC05": "moving all your running to road at once",
    "RC06": "long or steep descents",
    "RC07": "more than one hard session",
    "RC08": "running every day",
    "RC09": "jumping back to your old weekly distance",
}


@dataclass
class NextWeekGuidance:
    week_start: date
    max_distance_m: float
    max_long_run_m: float
    favour: list[str] = field(default_factory=list)
    avoid: list[str] = field(default_factory=list)
    explanation: list[str] = field(default_factory=list)


def next_week_guidance(tables: Tables, findings: pd.DataFrame, weekly_status: pd.Series,
                       thresholds: dict[str, dict[str, float]]) -> NextWeekGuidance:
    """`thresholds`: rule id -> the thresholds in force."""
    as_of, weekly = tables.as_of, tables.weekly
    current = weekly.index[-1]
    this_week_done = as_of == weekly.loc[current, "week_start"] + 6 * DAY
    # a week in progress that already passed the week before is the one to step from
    already_bigger = current >= 1 and weekly.loc[current, "distance_m"] >= weekly.loc[current - 1, "distance_m"]
    last = current if this_week_done or already_bigger else current - 1
    # A few days off (too short for the return plan) leave empty weeks: step from the last
    # week with running instead.
    ran = weekly.index[(weekly["distance_m"] > 0) & (weekly.index <= last)]
    if len(ran) and ran[-1] < last:
        last = ran[-1]
    next_start = weekly.loc[current, "week_start"] + 7 * DAY
    explanation: list[str] = []
    t1, t2, t9 = thresholds["RC01"], thresholds["RC02"], thresholds["RC09"]

    daily = tables.daily.set_index("date")
    longest = daily["long_run_m"][as_of - (t1["window_days"] - 1) * DAY: as_of].max()
    max_long = longest * (1 + t1["caution_pct"] / 100) if longest > 0 else np.nan

    caps = []
    if last >= 0 and weekly.loc[last, "distance_m"] > 0:
        caps.append(weekly.loc[last, "distance_m"] * (1 + t2["week_info_pct"] / 100))
        explanation.append(f"Weekly distance: {t2['week_info_pct']:.0f} % above the last full week "
                           f"({km(weekly.loc[last, 'distance_m'])}) at most.")
    if last >= 1 and weekly.loc[last - 1, "distance_m"] > 0:
        caps.append(weekly.loc[last - 1, "distance_m"] * (1 + t2["two_week_caution_pct"] / 100))
        explanation.append(f"... and {t2['two_week_caution_pct']:.0f} % above the week before it "
                           f"({km(weekly.loc[last - 1, 'distance_m'])}) at most.")
    if last >= 0 and weekly_status[last] != "low":
        before = weekly["distance_m"].iloc[max(0, last - 4): last]
        caps.append(STEP_BACK_SHARE * weekly.loc[last, "distance_m"])
        if len(before) and before.mean() > 0:
            caps.append(1.1 * before.mean())
        if longest > 0:
            max_long = min(max_long, longest)
        explanation.append(f"The week of {weekly.loc[last, 'week_start']:%Y-%m-%d} was flagged "
                           f"({weekly_status[last]}): next week steps back below it, and the long run "
                           f"does not grow.")

    run_days = daily.index[daily["run_distance_m"] > 0]
    if len(run_days) and (as_of - run_days[-1]).days >= t9["min_break_days"]:
        window = daily["run_distance_m"][run_days[-1] - (7 * t9["pre_break_weeks"] - 1) * DAY: run_days[-1]]
        caps = [window.sum() / t9["pre_break_weeks"] * t9["start_pct"] / 100]
        explanation.append(f"No run for {(as_of - run_days[-1]).days} days: the return plan starts at "
                           f"{t9['start_pct']:.0f} % of your weekly distance before the break.")
        if not longest > 0:  # nothing in the spike rule's window: restart the long run too
            longest_before = daily["long_run_m"][run_days[-1] - (t1["window_days"] - 1) * DAY: run_days[-1]].max()
            max_long = longest_before * t9["start_pct"] / 100
            explanation.append(f"Longest run: at most {km(max_long)}, {t9['start_pct']:.0f} % of the longest "
                               f"in the {t1['window_days']:.0f} days before the break ({km(longest_before)}).")
    max_distance = min(caps) if caps else np.nan
    capped_by_week = bool(np.isfinite(max_distance) and np.isfinite(max_long) and max_distance < max_long)
    if capped_by_week:
        max_long = max_distance
    if longest > 0:
        why = (f"the longest of the last {t1['window_days']:.0f} days was {km(longest)}, and "
               f"{t1['caution_pct']:.0f} % more is where the single-run spike rule starts")
        if capped_by_week:
            why += "; no single run should be longer than the whole week's cap"
        explanation.insert(0, f"Longest run: at most {km(max_long)}: {why}.")
    if not caps:
        explanation.append("Not enough running in the log to set a weekly cap.")

    recent = findings[findings["date"] > as_of - RECENT_DAYS * DAY]
    rules = list(dict.fromkeys(recent.sort_values("severity", key=_rank, ascending=False)["rule_id"]))
    favour = [FAVOUR[r] for r in rules if r in FAVOUR]
    favour.append("strength work two or three times: squats, Romanian deadlifts, bridges, bird dogs, planks, "
                  "side planks")
    avoid = [AVOID[r] for r in rules if r in AVOID]
    if tables.activities["back_pain"][tables.activities["local_date"] > as_of - RECENT_DAYS * DAY].fillna(0).max() > 0:
        avoid.append("running through back pain: stop the run and rest when it hurts")
    return NextWeekGuidance(next_start.date(), float(max_distance), float(max_long), favour, avoid, explanation)


def _rank(severity: pd.Series) -> pd.Series:
    return severity.map({"info": 0, "caution": 1, "high": 2})
