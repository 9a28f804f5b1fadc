"""Risk status from the alerts: now (as of the last day) and per week.

One model: the status's level is the level of the most severe current episode after the
evidence policy (riskcheck.assess.episodes, riskcheck.assess.evidence_policy): 'high' for a
high episode, 'moderate' for a caution one, else 'low'. Logged back pain is an episode of its
own. The first reason is that episode, so the level and the reasons always agree.

Alerts of equal level are ordered by the strength of the evidence behind them (the score:
severity points x evidence weight), then by how recent they are; the roster orders athletes
of equal status by the same score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from riskcheck.assess.episodes import PAIN, PAIN_EVIDENCE
from riskcheck.assess.pain import BACK_PAIN_SCORE, SEVERE_PAIN_SCORE
from riskcheck.rules.base import SEVERITIES, SEVERITY_RANK

SEVERITY_POINTS = {"info": 0.0, "caution": 1.0, "high": 2.0}
EVIDENCE_WEIGHT = {"weak": 1.0, "moderate": 1.5, "strong": 2.0, PAIN_EVIDENCE: 2.0}
STATUS_RANK = {"low": 0, "moderate": 1, "high": 2}  # the status words, in order
LEVEL_OF_SEVERITY = {"info": "low", "caution": "moderate", "high": "high"}
# The status of a log with no run in it: not LOW, which would read as good news.
NOTHING_TO_ASSESS = "none"


@dataclass
class RiskStatus:
    level: str
    reasons: list[str] = field(default_factory=list)
    as_of: date | None = None
    notes: list[str] = field(default_factory=list)  # context that does not change the level


def episode_points(episodes: pd.DataFrame) -> pd.Series:
    return episodes["severity"].map(SEVERITY_POINTS) * episodes["evidence"].map(EVIDENCE_WEIGHT).fillna(1.0)


def current_alerts(episodes: pd.DataFrame) -> pd.DataFrame:
    """The current alerts (episodes at caution or high on their own), in the status's order."""
    alerts = episodes[episodes["current"] & episodes["alert"]]
    order = alerts.assign(_rank=alerts["severity"].map(SEVERITY_RANK), _points=episode_points(alerts))
    return (order.sort_values(["_rank", "_points", "last_day"], ascending=False, kind="stable")
            .drop(columns=["_rank", "_points"]))


def status_now(episodes: pd.DataFrame, as_of: pd.Timestamp, window_days: int) -> RiskStatus:
    alerts = current_alerts(episodes)
    level = LEVEL_OF_SEVERITY[alerts["severity"].iloc[0]] if len(alerts) else "low"
    reasons = [episode_reason(e) for e in alerts.itertuples()]
    if not reasons:
        notes = episodes["current"] & (episodes["severity"] == "info")
        count = int((notes & (episodes["rule_id"] != PAIN)).sum())
        also = f" ({count} note{'s' if count != 1 else ''}: see the alerts)" if count else ""
        reasons.append(f"No risk pattern at caution or above in the {window_days} days up to {as_of:%Y-%m-%d}{also}.")
        reasons += [episode_reason(e) for e in episodes[notes & (episodes["rule_id"] == PAIN)].itertuples()]
    return RiskStatus(level, reasons, as_of.date())


def episode_reason(e) -> str:
    if e.rule_id == PAIN:
        return e.message if e.severity == "info" else f"{e.title} ({e.severity}): {e.message}"
    days = (f"{e.findings} findings from {e.first_day:%Y-%m-%d} to {e.last_day:%Y-%m-%d}, peak"
            if e.findings > 1 else "on")
    also = f" Also in this overload: {e.also}." if e.also else ""
    return (f"{e.rule_id} {e.title} ({e.severity}, {e.evidence} evidence; {days} {e.peak_date:%Y-%m-%d}): "
            f"{e.message}{also}")


def nothing_to_assess(activities: pd.DataFrame, as_of: pd.Timestamp) -> RiskStatus:
    others = f" ({len(activities)} other sessions)" if len(activities) else ""
    return RiskStatus(NOTHING_TO_ASSESS, [f"No runs among the activities read{others}: nothing to assess."],
                      as_of.date())


def weekly_levels(weekly: pd.DataFrame, findings: pd.DataFrame) -> pd.Series:
    """Status per weekly row: the most severe finding dated in that week after the evidence
    policy, or the back pain logged in it, whichever is higher."""
    worst = findings["severity"].map(SEVERITY_RANK).groupby(findings["week_start"]).max()
    level = weekly["week_start"].map(worst).fillna(0)
    pain = weekly["back_pain_max"].fillna(0)
    level = level.where(pain < BACK_PAIN_SCORE, level.clip(lower=1)).where(pain < SEVERE_PAIN_SCORE, 2)
    return level.astype(int).map(lambda rank: LEVEL_OF_SEVERITY[SEVERITIES[rank]])
