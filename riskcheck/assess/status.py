"""Risk status from findings: now (as of the last day) and per week.

Scoring: each finding scores severity points x evidence weight:
    severity  info 0, caution 1, high 2
    evidence  weak 1, moderate 1.5, strong 2
A back-pain score of 4/10 or more in the window adds 1 (as much as one weak caution).
Status: 'high' from 4 points (e.g. one high single-run spike), 'moderate' from 2 points
(e.g. one single-run spike caution, or two weak-evidence cautions), else 'low'. So one
weak rule on its own (ACWR, the 10 % rule) never lifts the status; the strong one can.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

SEVERITY_POINTS = {"info": 0.0, "caution": 1.0, "high": 2.0}
EVIDENCE_WEIGHT = {"weak": 1.0, "moderate": 1.5, "strong": 2.0}
STATUS_RANK = {"low": 0, "moderate": 1, "high": 2}  # the status words, in order
# The status of a log with no run in it: not LOW, which would read as good news.
NOTHING_TO_ASSESS = "none"
BACK_PAIN_SCORE = 4.0
BACK_PAIN_POINTS = 1.0
MODERATE_FROM, HIGH_FROM = 2.0, 4.0


@dataclass
class RiskStatus:
    level: str
    reasons: list[str] = field(default_factory=list)
    as_of: date | None = None


def finding_points(findings: pd.DataFrame) -> pd.Series:
    return findings["severity"].map(SEVERITY_POINTS) * findings["evidence"].map(EVIDENCE_WEIGHT)


def level_for_score(score: float) -> str:
    return "high" if score >= HIGH_FROM else "moderate" if score >= MODERATE_FROM else "low"


def status_now(findings: pd.DataFrame, daily_back_pain: pd.Series, as_of: pd.Timestamp, window_days: int) -> RiskStatus:
    """`daily_back_pain`: highest back-pain score per date (index), NaN-free."""
    start = as_of - pd.Timedelta(days=window_days - 1)
    recent = findings[(findings["date"] >= start) & (findings["date"] <= as_of)]
    points = finding_points(recent)
    pain = daily_back_pain[(daily_back_pain.index >= start) & (daily_back_pain.index <= as_of)]
    score = float(points.sum()) + (BACK_PAIN_POINTS if (pain >= BACK_PAIN_SCORE).any() else 0.0)
    reasons = [f"{r.rule_id} {r.title} ({r.severity}, {r.evidence} evidence): {r.message}"
               for r in recent.assign(points=points).sort_values("points", ascending=False).itertuples()
               if r.severity != "info"]
    if (pain >= BACK_PAIN_SCORE).any():
        reasons.append(f"The log reports back pain up to {pain.max():.0f}/10 in the last {window_days} days.")
    if not reasons:
        reasons.append(f"No risk pattern at caution or above in the {window_days} days up to {as_of:%Y-%m-%d}.")
    return RiskStatus(level_for_score(score), reasons, as_of.date())


def nothing_to_assess(activities: pd.DataFrame, as_of: pd.Timestamp) -> RiskStatus:
    others = f" ({len(activities)} other sessions)" if len(activities) else ""
    return RiskStatus(NOTHING_TO_ASSESS, [f"No runs among the activities read{others}: nothing to assess."],
                      as_of.date())


def weekly_levels(weekly: pd.DataFrame, findings: pd.DataFrame) -> pd.Series:
    """Status per weekly row, scored like status_now over the findings dated in that week."""
    points = finding_points(findings).groupby(findings["week_start"]).sum()
    score = weekly["week_start"].map(points).fillna(0.0)
    score += (weekly["back_pain_max"] >= BACK_PAIN_SCORE) * BACK_PAIN_POINTS
    return score.map(level_for_score)
