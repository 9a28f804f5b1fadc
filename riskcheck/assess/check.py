"""assess(): one athlete's activities -> tables, findings, status, guidance, recommendations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from riskcheck.assess.episodes import PAIN, episodes_frame
from riskcheck.backtest import Backtest, run_backtest
from riskcheck.diary import empty_diary
from riskcheck.assess.evidence_policy import apply_evidence_policy
from riskcheck.assess.load_balance import load_balance_note
from riskcheck.assess.guidance import NextWeekGuidance, next_week_guidance
from riskcheck.assess.pain import daily_back_pain
from riskcheck.assess.races import race_runs
from riskcheck.assess.recommendations import CATALOGUE, Recommendation, recommend
from riskcheck.assess.strength import strength_work_line
from riskcheck.assess.status import RiskStatus, nothing_to_assess, status_now, weekly_levels
from riskcheck.assess.warning_signs import warning_signs
from riskcheck.settings import RiskConfig
from riskcheck.errors import RiskcheckError
from riskcheck.load.calendar import week_start_of
from riskcheck.load.daily import DAILY_COLUMNS
from riskcheck.load.tables import Tables, build_tables
from riskcheck.rules.cadence_drop import RULE as CADENCE_RULE, cadence_against_baseline
from riskcheck.rules.base import Finding, Rule
from riskcheck.rules.helpers import MESSAGE_UNITS
from riskcheck.rules.registry import RULES

FINDING_COLUMNS = ["athlete", "rule_id", "rule_slug", "title", "severity", "date", "week_start", "activity_ids",
                   "measured", "threshold", "unit", "message", "why", "source", "evidence", "recommendation"]
RECOMMENDATION_WINDOW_DAYS = 28
SESSION_LOAD_COLUMNS = ("activity_id", "load", "total_load", "load_method")


@dataclass
class Assessment:
    athlete: str
    config: RiskConfig
    daily: pd.DataFrame
    weekly: pd.DataFrame
    findings: pd.DataFrame   # one row per finding per day, severity after the evidence policy
    status: RiskStatus
    guidance: NextWeekGuidance
    recommendations: list[Recommendation]
    warning_signs: list[str]
    rules: list[Rule]
    warnings: list[str] = field(default_factory=list)  # what the load tables had to guess or leave out
    # the alerts: one row per episode (riskcheck.assess.episodes)
    episodes: pd.DataFrame = field(default_factory=pd.DataFrame)
    # the pain and injury diary up to the assessment's day (riskcheck.diary)
    diary: pd.DataFrame = field(default_factory=empty_diary)
    # per activity: activity_id, load, total_load and load_method (riskcheck.load.total_load)
    session_loads: pd.DataFrame = field(default_factory=pd.DataFrame)
    total_load_scale: str = ""
    # did the alerts come before the runner's pain? Only for logs that note pain or injury.
    backtest: Backtest | None = None
    # per run with cadence: its cadence against the baseline rule RC04 compares it with
    cadence: pd.DataFrame = field(default_factory=pd.DataFrame)


def assess(activities: pd.DataFrame, config: RiskConfig | None = None, today: date | None = None, *,
           extra_rules: Sequence[Rule] = (), diary: pd.DataFrame | None = None) -> Assessment:
    """`extra_rules`: your own Rules, evaluated after the built-in ones; their findings count
    towards the status and recommendations like any other. `diary`: the athlete's pain and
    injury diary (riskcheck.diary), whose back pain counts like the log's own."""
    rules = rule_set(extra_rules)
    athletes = activities["athlete"].fillna("").unique()
    if len(athletes) > 1:
        raise RiskcheckError(f"the activities hold {len(athletes)} athletes; use assess_all() or pick one")
    athlete = str(athletes[0]) if len(athletes) else ""
    config = (config or RiskConfig()).for_athlete(athlete)
    units = MESSAGE_UNITS.set(config.units)
    try:
        return _assess(activities, config, athlete, today, rules, diary)
    finally:
        MESSAGE_UNITS.reset(units)


def _assess(activities: pd.DataFrame, config: RiskConfig, athlete: str, today: date | None,
            rules: tuple[Rule, ...], diary: pd.DataFrame | None) -> Assessment:
    tables = build_tables(activities, config, today)
    if diary is not None:
        diary = diary[diary["date"] <= tables.as_of]
    pain = daily_back_pain(tables.activities, diary)
    races = race_runs(tables.activities, config.races)
    findings = apply_evidence_policy(findings_frame(tables, config, athlete, rules), pain, races, config)
    episodes = episodes_frame(findings, pain, config, tables.as_of, athlete)
    weekly = tables.weekly.copy()
    if diary is not None and len(diary):  # the diary's pain counts in its week too
        by_week = pain.groupby(week_start_of(pain.index.to_series(), config.week_start).to_numpy()).max()
        weekly["back_pain_max"] = weekly["week_start"].map(by_week).astype(float)
    weekly["status"] = weekly_levels(weekly, findings)
    status = (status_now(episodes, tables.as_of, config.status_window_days)
              if tables.activities["is_run"].any() else nothing_to_assess(tables.activities, tables.as_of))
    status.notes += [note for note in [load_balance_note(tables.daily)] if note]
    since = tables.as_of - pd.Timedelta(days=RECOMMENDATION_WINDOW_DAYS)
    recent = findings[findings["date"] > since]
    return Assessment(
        athlete=athlete, config=config,
        daily=tables.daily[DAILY_COLUMNS].copy(), weekly=weekly, findings=findings,
        status=status,
        guidance=next_week_guidance(tables, findings, episodes, pain, races,
                                    {r.id: config.thresholds_for(r) for r in rules}),
        recommendations=recommend(recent, {r.id: r.recommendation_ids for r in rules},
                                  back_pain_logged=bool((pain[pain.index > since] > 0).any()),
                                  details=_log_details(tables)),
        warning_signs=warning_signs(tables.activities),
        rules=list(rules),
        warnings=tables.warnings,
        episodes=episodes,
        diary=diary if diary is not None else empty_diary(),
        session_loads=tables.activities[list(SESSION_LOAD_COLUMNS)].copy(),
        total_load_scale=tables.total_load_scale,
        backtest=_backtest(tables, episodes, pain, diary, config),
        cadence=cadence_against_baseline(tables, config.thresholds_for(CADENCE_RULE)),
    )


def _backtest(tables: Tables, episodes: pd.DataFrame, pain: pd.Series, diary: pd.DataFrame | None,
              config: RiskConfig) -> Backtest | None:
    injuries = diary.loc[diary["injury"].fillna(False).astype(bool), "date"] if diary is not None else pd.Series()
    if not (pain > 0).any() and injuries.empty:
        return None
    return run_backtest(episodes[episodes["rule_id"] != PAIN], pain, injuries, tables.first_day, tables.as_of, config.pain_episode_score,
                        config.pain_free_days)


def _log_details(tables: Tables) -> dict[str, str]:
    """What the log itself shows, added to the recommendations it concerns."""
    other_sports = bool((~tables.activities["is_run"]).any())
    line = strength_work_line(tables.daily, other_sports)
    return {"strength": line} if line else {}


def assess_all(activities: pd.DataFrame, config: RiskConfig | None = None,
               today: date | None = None, *, extra_rules: Sequence[Rule] = ()) -> dict[str, Assessment]:
    """One Assessment per athlete (athlete '' for a single runner's log without names)."""
    names = activities["athlete"].fillna("")
    return {str(name): assess(group, config, today, extra_rules=extra_rules)
            for name, group in activities.groupby(names, sort=True)}


def rule_set(extra_rules: Sequence[Rule] = ()) -> tuple[Rule, ...]:
    """The built-in rules and `extra_rules`. Findings, status and recommendations are keyed by
    rule id, so ids must be unique and recommendation ids must exist."""
    rules = (*RULES, *extra_rules)
    ids = [r.id for r in rules]
    if len(set(ids)) < len(ids):
        twice = sorted({i for i in ids if ids.count(i) > 1})
        raise RiskcheckError(f"rule id(s) {', '.join(twice)} used twice: give your own rules ids of their own")
    unknown = {rec for r in extra_rules for rec in r.recommendation_ids} - set(CATALOGUE)
    if unknown:
        raise RiskcheckError(f"unknown recommendation id(s) {', '.join(sorted(unknown))} "
                             f"(known: {', '.join(CATALOGUE)})")
    return rules


def findings_frame(tables: Tables, config: RiskConfig, athlete: str,
                   rules: Sequence[Rule] = RULES) -> pd.DataFrame:
    rows = [_row(rule, f, athlete) for rule in rules for f in rule.evaluate(tables, config)]
    frame = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame["week_start"] = week_start_of(frame["date"], config.week_start)
    for col in ("measured", "threshold"):
        frame[col] = frame[col].astype(float)
    return frame.sort_values(["date", "rule_id"], kind="stable").reset_index(drop=True)


def _row(rule: Rule, f: Finding, athlete: str) -> dict:
    return {"athlete": athlete, "rule_id": rule.id, "rule_slug": rule.slug, "title": rule.title,
            "severity": f.severity, "date": f.date, "week_start": None,
            "activity_ids": ",".join(f.activity_ids), "measured": float(f.measured),
            "threshold": float(f.threshold), "unit": f.unit, "message": f.message, "why": rule.why,
            "source": f.source or rule.source, "evidence": f.evidence or rule.evidence,
            "recommendation": rule.recommendation}
