"""Next week's guidance: the plan (riskcheck.assess.plan: the caps and the week's shape)
with what to favour and what to avoid after the recent alerts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from riskcheck.assess.episodes import PAIN
from riskcheck.assess.pain import pain_between
from riskcheck.assess.plan import RECENT_ALERT_DAYS, History, plan_next_week
from riskcheck.load.tables import Tables
from riskcheck.rules.base import SEVERITY_RANK
from riskcheck.rules.helpers import DAY

SPIKE_RULE = "RC01"

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
    # RC11 needs none: strength work is always in the list below
    "RC12": "quick, short steps at easy pace, the foot landing under the hips",
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
    runs_per_week: int = 0
    easy_run_m: float = np.nan
    kind: str = "build"  # riskcheck.assess.plan.Plan.kind
    shape: str = ""      # riskcheck.assess.plan.Plan.shape
    four_week_avg_m: float = np.nan
    last_week_m: float = np.nan
    established_m: float = np.nan
    long_base_m: float = np.nan


def next_week_guidance(tables: Tables, findings: pd.DataFrame, episodes: pd.DataFrame, pain: pd.Series,
                       races: pd.DataFrame, thresholds: dict[str, dict[str, float]]) -> NextWeekGuidance:
    """`findings` and `episodes` after the evidence policy; `thresholds`: rule id -> the
    thresholds in force."""
    as_of = tables.as_of
    next_start = tables.weekly["week_start"].iloc[-1] + 7 * DAY
    recent_alerts = episodes[(episodes["last_day"] > as_of - RECENT_ALERT_DAYS * DAY) & (episodes["rule_id"] != PAIN)]
    alert = max(recent_alerts["severity"], key=SEVERITY_RANK.get, default="info")
    runs = tables.runs[["local_date", "distance_m", "activity_id"]]
    history = History(
        as_of=as_of, next_start=next_start, daily_run_m=tables.daily.set_index("date")["run_distance_m"],
        runs=runs, spike_ids=frozenset(_ids(findings[findings["rule_id"] == SPIKE_RULE])),
        races=races[["local_date", "distance_m", "activity_id"]], pain=pain, alert=alert)
    plan = plan_next_week(history, thresholds[SPIKE_RULE], thresholds["RC02"], thresholds["RC09"])

    recent = findings[findings["date"] > as_of - RECENT_ALERT_DAYS * DAY]
    rules = list(dict.fromkeys(recent.sort_values("severity", key=_rank, ascending=False)["rule_id"]))
    favour = [FAVOUR[r] for r in rules if r in FAVOUR]
    favour.append("strength work two or three times: squats, Romanian deadlifts, bridges, bird dogs, planks, "
                  "side planks")
    avoid = [AVOID[r] for r in rules if r in AVOID]
    if (pain_between(pain, as_of - (RECENT_ALERT_DAYS - 1) * DAY, as_of) > 0).any():
        avoid.append("running through back pain: stop the run and rest when it hurts")
    return NextWeekGuidance(next_start.date(), plan.max_distance_m, plan.max_long_run_m, favour, avoid, plan.lines,
                            runs_per_week=plan.runs_per_week, easy_run_m=plan.easy_run_m, kind=plan.kind,
                            shape=plan.shape, four_week_avg_m=plan.four_week_avg_m, last_week_m=plan.last_week_m,
                            established_m=plan.established_m, long_base_m=plan.long_base_m)


def _ids(findings: pd.DataFrame) -> list[str]:
    return [i for ids in findings["activity_ids"] for i in ids.split(",") if i]


def _rank(severity: pd.Series) -> pd.Series:
    return severity.map(SEVERITY_RANK)
