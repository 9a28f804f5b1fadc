"""evaluate(): does a rule's alert predict injury in a cohort?

Input: a mapping athlete -> activities frame (with diaries, or an outcomes table), or paths:
one folder per athlete, or one folder whose subfolders are the athletes (as a roster).
Each athlete is assessed once (riskcheck.evaluate.cohort); the days become person-days with
the injury outcomes (riskcheck.evaluate.outcomes); then the hazard ratios
(riskcheck.evaluate.model) and the discrimination (riskcheck.evaluate.discrimination).
docs/evaluate.md says what is modelled and what the numbers cannot say.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from riskcheck.errors import RiskcheckError
from riskcheck.evaluate.cohort import RULE_IDS, cohort_alerts
from riskcheck.evaluate.discrimination import add_target, auc, calibration
from riskcheck.evaluate.model import hazard_ratios
from riskcheck.evaluate.outcomes import episode_starts, normalise_outcomes, outcomes_from_diaries, risk_and_events
from riskcheck.evaluate.result import Evaluation
from riskcheck.evaluate.settings import EvaluateSettings
from riskcheck.ingest import read
from riskcheck.settings import RiskConfig

Cohort = Mapping[str, pd.DataFrame] | str | os.PathLike | Sequence[str | os.PathLike]


def evaluate(cohort: Cohort, *, diaries: Mapping[str, pd.DataFrame] | None = None,
             outcomes: pd.DataFrame | None = None, config: RiskConfig | None = None,
             settings: EvaluateSettings | None = None, rules: Sequence[str] | None = None,
             alerts: Mapping[str, pd.DataFrame] | None = None,
             executor: cf.Executor | None = None) -> Evaluation:
    """`outcomes` (athlete, date, injury[, days_lost]) replaces the diaries' injuries when given;
    its rows, injured or not, also extend an athlete's follow-up past the log's last day.
    `rules`: the rule ids to evaluate (default all). `alerts`: a previous Evaluation's
    `.alerts` (same config and settings), to re-run the outcomes without assessing again."""
    settings = settings or EvaluateSettings()
    rule_ids = list(rules) if rules is not None else list(RULE_IDS)
    unknown = sorted(set(rule_ids) - set(RULE_IDS))
    if unknown:
        raise RiskcheckError(f"unknown rule id(s) {', '.join(unknown)} (known: {', '.join(RULE_IDS)})")
    activities, read_diaries, problems = _cohort_frames(cohort)
    diaries = {**read_diaries, **(diaries or {})}
    table = normalise_outcomes(outcomes) if outcomes is not None else outcomes_from_diaries(diaries)
    until = table.groupby("athlete")["date"].max().to_dict() if len(table) else {}
    if alerts is None:
        done = cohort_alerts(activities, diaries, config, RULE_IDS, settings, executor, until=until)
    else:
        done = {name: alerts[name] for name in activities if name in alerts}
        problems.update({name: "no alerts given for this athlete" for name in activities if name not in alerts})
    for name, outcome in done.items():
        if isinstance(outcome, BaseException):
            problems[name] = f"could not be assessed: {type(outcome).__name__}: {outcome}"
    good = {name: a for name, a in done.items() if not isinstance(a, BaseException)}
    person_days = build_person_days(good, table, rule_ids, settings)
    return Evaluation(
        hazard_ratios=hazard_ratios(person_days, rule_ids), auc=auc(person_days),
        calibration=calibration(person_days), person_days=person_days, rules=rule_ids, settings=settings,
        problems=problems, alerts=good)


def build_person_days(alerts: Mapping[str, pd.DataFrame], outcomes: pd.DataFrame, rule_ids: list[str],
                      settings: EvaluateSettings) -> pd.DataFrame:
    """One row per athlete and day: the alerts, `event`, `at_risk`, `injury_within`, `scored`."""
    starts = episode_starts(outcomes)
    by_athlete = dict(tuple(starts.groupby("athlete"))) if len(starts) else {}
    frames = []
    for name, days in alerts.items():
        mine = by_athlete.get(name, starts.iloc[0:0])
        flags = risk_and_events(days.index, mine, settings.default_days_lost)
        frames.append(pd.concat([days[[*rule_ids, "n_alerts", "status"]], flags], axis=1)
                      .rename_axis("date").reset_index().assign(athlete=name))
    if not frames:
        raise RiskcheckError("no athlete could be evaluated")
    person_days = pd.concat(frames, ignore_index=True)
    # n_alerts and status over the rules evaluated only (a cadence rule says nothing in a log without cadence)
    person_days["n_alerts"] = person_days[rule_ids].sum(axis=1)
    columns = ["athlete", "date", *rule_ids, "n_alerts", "status", "at_risk", "event"]
    return add_target(person_days[columns], settings.horizon_days)


def _cohort_frames(cohort: Cohort) -> tuple[dict[str, pd.DataFrame], dict[str, pd.DataFrame], dict[str, str]]:
    """({athlete: activities}, {athlete: diary}, {athlete: problem}) from frames or folders."""
    if isinstance(cohort, Mapping):
        return dict(cohort), {}, {}
    paths = [Path(cohort)] if isinstance(cohort, (str, os.PathLike)) else [Path(p) for p in cohort]
    folders = athlete_folders(paths)
    activities, diaries, problems = {}, {}, {}
    for name, folder in folders.items():
        result = read(folder, athlete=name)
        if len(result.activities):
            activities[name], diaries[name] = result.activities, result.diary
        else:
            problems[name] = f"no activity could be read from {folder}"
    return activities, diaries, problems


def athlete_folders(paths: list[Path]) -> dict[str, Path]:
    """One folder per athlete, named after the folder; a single folder holding only folders is
    a roster of them."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise RiskcheckError(f"not found: {', '.join(missing)}")
    if len(paths) == 1 and paths[0].is_dir():
        children = [c for c in sorted(paths[0].iterdir()) if not c.name.startswith(".")]
        if children and all(c.is_dir() for c in children):
            paths = children
    return {p.stem if p.is_file() else p.name: p for p in paths}
