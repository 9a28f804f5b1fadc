"""One line per athlete and the order a coach reads them in: most at risk first.

Every athlete is assessed as of one day, the roster's (today, or --to): the status, the caps,
the back pain and the fitness are all as of that day, whenever the athlete last trained.

Order: status now (high > moderate > low); within a status, athletes training now before
stale ones; then the status score (riskcheck.assess.status: severity points x evidence weight
of the current alerts, the episodes at caution or high whose last day lies in the status
window), then the number of current high and caution alerts, then the name. Athletes who
could not be checked follow, each with the reason.

Stale: no activity for STALE_AFTER_DAYS days or more up to the roster's day. Their log says
nothing about now, so their row says so instead of "no risk pattern": the top reason of a
stale athlete at low status names the days without data and what the caps are (the return
plan after a break, riskcheck.assess.plan, or none); their trend is '–'.

The top reason is otherwise the status's first reason: the most severe current alert, the
one that sets the status, so the two always agree.

Trend: the status now against the highest weekly status of the TREND_WEEKS weeks before the
current one: 'rising' when now is higher, 'falling' when lower, else 'steady'.

Files: 'salvaged' are files read in part: the reader kept what it could of a damaged file
(broken or cut-short bytes) and said so in a warning (DAMAGE_WARNINGS); 'failed' are files
not read at all; 'skipped' are files that hold no activity (a route, a weight log).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from riskcheck.assess.pain import daily_back_pain
from riskcheck.assess.strength import recent_strength_work
from riskcheck.assess.status import STATUS_RANK, current_alerts, episode_points
from riskcheck.load.calendar import week_start_of
from riskcheck.rules.registry import rule_by_key

TREND_WEEKS = 3
# An athlete without any activity for this many days is stale: it is RC09's default
# min_break_days, the days without running that riskcheck (the return-after-a-break rule,
# and next week's plan after it) treats as a break. From then on the caps are those of a
# return after a break, not of a runner in training.
STALE_AFTER_DAYS = 14
TREND_EXPLAINED = (f"Trend: the status now against the highest weekly status of the {TREND_WEEKS} weeks before: "
                   "rising, falling or steady ('–' when stale).")
PAIN_DAYS = 7
PAIN_EXPLAINED = f"Back pain: the highest the log or the diary notes in the {PAIN_DAYS} days up to the roster's day."
STALE_EXPLAINED = (f"Last activity: days since the athlete's last activity; stale after {STALE_AFTER_DAYS} days "
                   "without any (a break, as the return-after-a-break rule counts it).")
FILES_EXPLAINED = ("Files: salvaged ones were damaged and read in part, failed ones could not be read at all; "
                   "each athlete's files.csv says which.")
CHART_WEEKS = 26  # weeks of running distance drawn per athlete on the roster page
# What the readers write when they keep what they could of a damaged file (readers/fit/reader.py,
# readers/fit/reference_decoder.py, readers/xml/repair.py).
DAMAGE_WARNINGS = ("damaged FIT file", "file CRC mismatch", "damaged XML read in recovery mode",
                   "the file ends inside a <")
NOT_CHECKED = "not checked"
ROSTER_COLUMNS = ["rank", "athlete", "name", "status", "score", "trend", "top_reason", "high_alerts",
                  "caution_alerts", "as_of", "last_activity", "days_since_last_activity", "stale",
                  "next_week_start", "next_week_plan", "max_distance_m", "max_long_run_m",
                  "fitness", "form", "total_load_scale", "strength_work_28d", "back_pain_7d", "activities", "files",
                  "files_salvaged", "files_failed", "files_skipped", "problem"]


def alerts_now(assessment) -> pd.DataFrame:
    """The current alerts (riskcheck.assess.status.current_alerts), in the status's order."""
    episodes = assessment.episodes
    if assessment.status.as_of is None or episodes is None or episodes.empty:
        return pd.DataFrame(columns=["severity", "evidence"])
    return current_alerts(episodes)


def trend(assessment, stale: bool = False) -> str:
    if stale or assessment.status.as_of is None or assessment.weekly.empty:
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


def summary_row(athlete: str, result, name: str = "") -> dict:
    """The roster line of a checked athlete (`result`: a CheckResult, assessed as of the
    roster's day); `name`: the name shown (default: `athlete`)."""
    a, counts = result.assessment, result.read.counts()
    alerts = alerts_now(a)
    last, days, stale = since_last_activity(result.read.activities, a.status.as_of)
    top = a.status.reasons[0] if a.status.reasons else ""
    if stale and a.status.level == "low":
        top = stale_reason(a, days, last)
    return {
        "athlete": athlete, "name": name or athlete, "status": a.status.level, "score": float(episode_points(alerts).sum()),
        "trend": trend(a, stale), "top_reason": top,
        "high_alerts": int((alerts["severity"] == "high").sum()),
        "caution_alerts": int((alerts["severity"] == "caution").sum()),
        "as_of": a.status.as_of, "last_activity": None if pd.isna(last) else last.date(),
        "days_since_last_activity": days, "stale": stale,
        "next_week_start": a.guidance.week_start, "next_week_plan": a.guidance.kind,
        "max_distance_m": a.guidance.max_distance_m, "max_long_run_m": a.guidance.max_long_run_m,
        **load_now(a), "back_pain_7d": recent_back_pain(result), "activities": len(result.read.activities), "files": len(result.read.files),
        "files_salvaged": salvaged_files(result.read.files), "files_failed": counts["failed"],
        "files_skipped": counts["skipped"], "problem": "",
    }


def last_activity(activities: pd.DataFrame, as_of: date | None) -> pd.Timestamp:
    """The local day of the athlete's last activity (of any sport) on or before `as_of`; NaT
    when there is none."""
    days = activities["local_date"] if "local_date" in activities else pd.Series(dtype="datetime64[ns]")
    if as_of is not None:
        days = days[days <= pd.Timestamp(as_of)]
    return days.max() if len(days) else pd.NaT


def since_last_activity(activities: pd.DataFrame, as_of: date | None) -> tuple[pd.Timestamp, int | None, bool]:
    """(the last activity's day, the days from it to `as_of`, stale?): None days and not stale
    when either is unknown."""
    last = last_activity(activities, as_of)
    days = (pd.Timestamp(as_of) - last).days if as_of is not None and pd.notna(last) else None
    return last, days, days is not None and days >= STALE_AFTER_DAYS


def stale_reason(assessment, days: int, last: pd.Timestamp) -> str:
    """What a stale athlete's row says instead of 'no risk pattern': the data is old, and
    what next week's caps are (riskcheck.assess.plan decides them; nothing is made up here)."""
    g = assessment.guidance
    head = f"Stale: no activity for {days} days (last on {last:%Y-%m-%d}): the log says nothing about now; "
    if not (np.isfinite(g.max_distance_m) and np.isfinite(g.max_long_run_m)):
        return head + "no caps for next week."
    if g.kind == "return":
        return head + "caps: week 1 of a return after a break (RC09's return plan)."
    rc09 = assessment.config.thresholds_for(rule_by_key("RC09"))
    if g.kind in ("build", "hold"):
        return (head + f"caps without a return plan (the running before the break was under RC09's "
                f"{rc09['min_pre_break_km']:g} km a week).")
    return head + f"next week's plan: {g.kind} (the athlete's report explains it)."


def salvaged_files(files: pd.DataFrame) -> int:
    """Files read in part: read, with a warning that the file was damaged and only what
    could be kept was kept (DAMAGE_WARNINGS)."""
    read = files.loc[files["status"] == "read", "warnings"].fillna("")
    return sum(any(marker in str(w) for marker in DAMAGE_WARNINGS) for w in read)


def weekly_distance(activities: pd.DataFrame, as_of: date, week_start: str = "monday",
                    weeks: int = CHART_WEEKS) -> pd.DataFrame:
    """Running distance per week (week_start, distance_m) of the `weeks` weeks up to the one
    holding `as_of`, on the athlete's calendar, 0 for a week without running."""
    end = week_start_of(pd.Series([pd.Timestamp(as_of)]), week_start).iloc[0]
    starts = pd.date_range(end=end, periods=weeks, freq="7D")
    runs = activities[activities["is_run"].fillna(False).astype(bool)] if len(activities) else activities
    runs = runs[(runs["local_date"] >= starts[0]) & (runs["local_date"] <= pd.Timestamp(as_of))] if len(runs) else runs
    if len(runs):
        by_week = runs["distance_m"].fillna(0.0).groupby(week_start_of(runs["local_date"], week_start).to_numpy()).sum()
    else:
        by_week = pd.Series(dtype=float)
    distance = by_week.reindex(starts, fill_value=0.0).astype(float).to_numpy()
    return pd.DataFrame({"week_start": starts, "distance_m": distance})


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
    day (the roster's); NaN when none is noted."""
    as_of = result.assessment.status.as_of
    if as_of is None:
        return np.nan
    pain = daily_back_pain(result.read.activities, result.read.diary)
    end = pd.Timestamp(as_of)
    recent = pain[(pain.index > end - pd.Timedelta(days=PAIN_DAYS)) & (pain.index <= end)]
    return float(recent.max()) if len(recent) else np.nan


def problem_row(athlete: str, read, problem: str, name: str = "", as_of: date | None = None) -> dict:
    """The roster line of an athlete who could not be checked, with the reason."""
    counts = read.counts() if read is not None else {"failed": 0, "skipped": 0}
    last, days, stale = since_last_activity(read.activities, as_of) if read is not None else (pd.NaT, None, False)
    return {
        "athlete": athlete, "name": name or athlete, "status": NOT_CHECKED, "score": np.nan, "trend": "–",
        "top_reason": problem, "high_alerts": 0, "caution_alerts": 0, "as_of": as_of,
        "last_activity": None if pd.isna(last) else last.date(), "days_since_last_activity": days,
        "stale": stale, "next_week_start": None, "next_week_plan": "",
        "max_distance_m": np.nan, "max_long_run_m": np.nan,
        "fitness": np.nan, "form": np.nan, "total_load_scale": "", "strength_work_28d": np.nan,
        "back_pain_7d": np.nan, "activities": 0 if read is None else len(read.activities), "files": 0 if read is None else len(read.files),
        "files_salvaged": 0 if read is None else salvaged_files(read.files),
        "files_failed": counts["failed"], "files_skipped": counts["skipped"], "problem": problem,
    }


def rank_rows(rows: list[dict]) -> pd.DataFrame:
    def key(row: dict):
        checked = row["status"] in STATUS_RANK
        return (not checked, -STATUS_RANK.get(row["status"], -1), bool(row["stale"]), -(row["score"] if checked else 0),
                -row["high_alerts"], -row["caution_alerts"], row["name"].lower(), row["athlete"].lower(), row["athlete"])

    ranked = sorted(rows, key=key)
    for i, row in enumerate(ranked, 1):
        row["rank"] = i
    table = pd.DataFrame(ranked, columns=ROSTER_COLUMNS)
    table["days_since_last_activity"] = table["days_since_last_activity"].astype("Int64")
    table["stale"] = table["stale"].astype(bool)
    return table
