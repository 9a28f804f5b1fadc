"""One line per athlete and the order a coach reads them in: most at risk first.

Order: status now (high > moderate > low), then the status score (riskcheck.assess.status:
severity points x evidence weight of the current alerts, the episodes at caution or high whose
last day lies in the status window), then the number of current high and caution alerts, then
the name. Athletes who could not be checked follow, each with the reason.

The top reason is the status's first reason: the most severe current alert, the one that sets
the status, so the two always agree.

Trend: the status now against the highest weekly status of the TREND_WEEKS weeks before the
current one: 'rising' when now is higher, 'falling' when lower, else 'steady'.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from riskcheck.assess.pain import daily_back_pain
from riskcheck.assess.strength import recent_strength_work
from riskcheck.assess.status import STATUS_RANK, current_alerts, episode_points

TREND_WEEKS = 3
TREND_EXPLAINED = (f"Trend: the status now against the highest weekly status of the {TREND_WEEKS} weeks before: "
                   "rising, falling or steady.")
PAIN_DAYS = 7
PAIN_EXPLAINED = f"Back pain: the highest the log or the diary notes in the {PAIN_DAYS} days up to the athlete's day."
NOT_CHECKED = "not checked"
ROSTER_COLUMNS = ["rank", "athlete", "status", "score", "trend", "top_reason", "high_alerts",
                  "caution_alerts", "as_of", "next_week_start", "max_distance_m", "max_long_run_m",
                  "fitness", "form", "total_load_scale", "strength_work_28d", "back_pain_7d", "activities", "files", "files_failed", "files_skipped", "problem"]


def alerts_now(assessment) -> pd.DataFrame:
    """The current alerts (riskcheck.assess.status.current_alerts), in the status's order."""
    episodes = assessment.episodes
    if assessment.status.as_of is None or episodes is None or episodes.empty:
        return pd.DataFrame(columns=["severity", "evidence"])
    return current_alerts(episodes)


def trend(assessment) -> str:
    if assessment.status.as_of is None or assessment.weekly.empty:
        return "–"
    as_of = pd.Timestamp(assessment.status.as_of)
    weekly = assessment.weekly
    current_start = weekly.loc[weekly["week_start"] <= as_of, "week_start"].max()
    before = weekly[weekly["week_start"] < current_start].tail(TREND_WEEKS)
    if before.empty or assessment.status.level not in STATUS_RANK:
        return "–"
    now = STATUS_RANK[assessment.status.level]
    previous = max(STATUS_RANK.get(level, 0) for level in before["status"])
    return "rising" if now > previous else "falling" if now < previous else "steady"


def summary_row(athlete: str, result) -> dict:
    """The roster line of a checked athlete (`result`: a CheckResult)."""
    a, counts = result.assessment, result.read.counts()
    alerts = alerts_now(a)
    return {
        "athlete": athlete, "status": a.status.level, "score": float(episode_points(alerts).sum()),
        "trend": trend(a), "top_reason": a.status.reasons[0] if a.status.reasons else "",
        "high_alerts": int((alerts["severity"] == "high").sum()),
        "caution_alerts": int((alerts["severity"] == "caution").sum()),
        "as_of": a.status.as_of, "next_week_start": a.guidance.week_start,
        "max_distance_m": a.guidance.max_distance_m, "max_long_run_m": a.guidance.max_long_run_m,
        **load_now(a), "back_pain_7d": recent_back_pain(result), "activities": len(result.read.activities), "files": len(result.read.files),
        "files_failed": counts["failed"], "files_skipped": counts["skipped"], "problem": "",
    }


def load_now(assessment) -> dict:
    """Fitness and form on the status's day (riskcheck.load.fitness), and the strength, core,
    yoga and Pilates sessions of the 28 days up to it (riskcheck.assess.strength)."""
    daily = assessment.daily
    if daily.empty:
        return {"fitness": np.nan, "form": np.nan, "total_load_scale": "", "strength_work_28d": np.nan}
    return {"fitness": float(daily["fitness"].iloc[-1]), "form": float(daily["form"].iloc[-1]),
            "total_load_scale": assessment.total_load_scale, "strength_work_28d": sum(recent_strength_work(daily))}


def recent_back_pain(result) -> float:
    """The highest back pain the log or the diary notes in the PAIN_DAYS up to the status's
    day; NaN when none is noted."""
    as_of = result.assessment.status.as_of
    if as_of is None:
        return np.nan
    pain = daily_back_pain(result.read.activities, result.read.diary)
    end = pd.Timestamp(as_of)
    recent = pain[(pain.index > end - pd.Timedelta(days=PAIN_DAYS)) & (pain.index <= end)]
    return float(recent.max()) if len(recent) else np.nan


def problem_row(athlete: str, read, problem: str) -> dict:
    """The roster line of an athlete who could not be checked, with the reason."""
    counts = read.counts() if read is not None else {"failed": 0, "skipped": 0}
    return {
        "athlete": athlete, "status": NOT_CHECKED, "score": np.nan, "trend": "–", "top_reason": problem,
        "high_alerts": 0, "caution_alerts": 0, "as_of": None, "next_week_start": None,
        "max_distance_m": np.nan, "max_long_run_m": np.nan,
        "fitness": np.nan, "form": np.nan, "total_load_scale": "", "strength_work_28d": np.nan,
        "back_pain_7d": np.nan, "activities": 0 if read is None else len(read.activities), "files": 0 if read is None else len(read.files),
        "files_failed": counts["failed"], "files_skipped": counts["skipped"], "problem": problem,
    }


def rank_rows(rows: list[dict]) -> pd.DataFrame:
    def key(row: dict):
        checked = row["status"] in STATUS_RANK
        return (not checked, -STATUS_RANK.get(row["status"], -1), -(row["score"] if checked else 0),
                -row["high_alerts"], -row["caution_alerts"], row["athlete"].lower(), row["athlete"])

    ranked = sorted(rows, key=key)
    for i, row in enumerate(ranked, 1):
        row["rank"] = i
    return pd.DataFrame(ranked, columns=ROSTER_COLUMNS)
