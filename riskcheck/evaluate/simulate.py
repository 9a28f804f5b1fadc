"""A simulated cohort with planted hazard ratios, to test the cohort evaluation.

This tests the evaluator, not the rules: the injuries are drawn from the alerts the rules
raise, with hazard ratios chosen here, so recovering them shows that the covariates, the
risk set and the model are right. It says nothing about whether real injuries follow the
alerts; only real outcomes can (riskcheck.evaluate.lovdal, docs/evaluate.md).

Each athlete trains about a year from compact log rows (riskcheck.load.from_log): steady
weeks around their own volume, now and then a long run well above the month's longest (of
various sizes), a week with a jump in distance, a break followed by a return. The log goes
through assess(), each day's active alerts come from riskcheck.evaluate.covariates, and
injuries are drawn day by day with hazard h0 x the product of the planted ratios of the
active alerts. After an injury the athlete is out for `days_lost` days (noted in the diary).
The planted ratios are the single-run spike figures of Frandsen et al. 2025 (1.64, 1.52,
2.28), put on the three rules that fire often in such logs (RC01, RC02, RC03), and 1 (no
effect) on RC09, the return after a break; every other rule has no effect either.
Everything is drawn from one seeded numpy Generator: the same seed gives the same cohort.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from riskcheck.diary import DIARY_COLUMNS
from riskcheck.checking import each_athlete
from riskcheck.evaluate.cohort import RULE_IDS, athlete_alerts  # the evaluator's own per-athlete step
from riskcheck.evaluate.pool import athlete_pool
from riskcheck.evaluate.result import Evaluation
from riskcheck.evaluate.run import evaluate
from riskcheck.evaluate.settings import EvaluateSettings
from riskcheck.evaluate.summary import evaluation_text
from riskcheck.load.from_log import activities_from_log
from riskcheck.settings import RiskConfig

PLANTED_HR = {"RC01": 1.64, "RC02": 1.52, "RC03": 2.28, "RC09": 1.0}
BASELINE_HAZARD = 0.006   # per day: about 2 injuries a year without any alert
DAYS_LOST = (5, 21)       # drawn uniformly, noted in the diary
START = pd.Timestamp("2025-01-06")  # a Monday


@dataclass
class SimulatedCohort:
    activities: dict[str, pd.DataFrame]
    diaries: dict[str, pd.DataFrame]
    planted: dict[str, float]
    seed: int
    alerts: dict[str, pd.DataFrame] = field(default_factory=dict)  # the days the draws used
    failed: dict[str, str] = field(default_factory=dict)  # athletes whose assessment failed, and why


def training_rows(rng: np.random.Generator, athlete: str, weeks: int, start: pd.Timestamp = START) -> list[dict]:
    """Compact log rows for one athlete: varied weeks built from a few habits."""
    volume = rng.uniform(20, 70)                 # this athlete's usual km a week
    runs_a_week = int(rng.integers(3, 7))
    rows, level, off = [], 1.0, 0
    for week in range(weeks):
        monday = start + pd.Timedelta(weeks=week)
        if off:                                   # in a break: no running
            off -= 1
            level = rng.uniform(0.5, 0.8) if off == 0 else level  # the return starts low
            continue
        if rng.random() < 0.03:
            off = int(rng.integers(1, 5))
            continue
        level = float(np.clip(level * rng.normal(1.0, 0.06), 0.6, 1.4))
        if level < 0.95 and rng.random() < 0.3:
            level = min(1.0, level * 1.15)        # rebuilding towards the usual volume
        jump = rng.uniform(1.3, 1.7) if rng.random() < 0.07 else 1.0
        total = volume * level * jump
        days = np.sort(rng.choice(6, size=runs_a_week - 1, replace=False))
        long_share = rng.uniform(0.25, 0.35)
        spike = rng.choice([1.2, 1.5, 2.2]) if rng.random() < 0.08 else 1.0
        easy = total * (1 - long_share) / len(days)
        for d in days:
            rows.append({"date": monday + pd.Timedelta(days=int(d)), "distance_km": round(easy * rng.uniform(0.8, 1.2), 1),
                         "pace_min_km": round(rng.uniform(5.0, 6.5), 2), "athlete": athlete})
        rows.append({"date": monday + pd.Timedelta(days=6), "distance_km": round(total * long_share * spike, 1),
                     "pace_min_km": round(rng.uniform(5.5, 6.8), 2), "athlete": athlete})
    return rows


def draw_injuries(rng: np.random.Generator, alerts: pd.DataFrame, planted: dict[str, float],
                  h0: float = BASELINE_HAZARD) -> pd.DataFrame:
    """Diary rows (one per injury's first day) drawn day by day from the alerts' 0/1 columns."""
    hazard = np.full(len(alerts), h0)
    for rule, ratio in planted.items():
        hazard *= np.where(alerts[rule].to_numpy() > 0, ratio, 1.0)
    rows, out_until = [], -1
    draws = rng.random(len(alerts))
    lost = rng.integers(DAYS_LOST[0], DAYS_LOST[1] + 1, len(alerts))
    for i, day in enumerate(alerts.index):
        if i <= out_until:
            continue                              # injured: not at risk
        if draws[i] < hazard[i]:
            rows.append({"date": day, "injury": True, "days_lost": float(lost[i])})
            out_until = i + int(lost[i])
    return _diary(rows)


def _diary(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["date", "injury", "days_lost"])
    out = pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in DIARY_COLUMNS.items()})
    out = pd.concat([out, frame.astype({"date": "datetime64[ns]", "injury": bool, "days_lost": float})],
                    ignore_index=True) if len(frame) else out
    return out.astype(DIARY_COLUMNS)


def simulate_cohort(n_athletes: int = 300, weeks: int = 52, seed: int = 2021,
                    planted: dict[str, float] | None = None, h0: float = BASELINE_HAZARD,
                    workers: int | None = None) -> SimulatedCohort:
    """`n_athletes` logs of `weeks` weeks with injuries drawn from `planted` (rule id -> ratio)."""
    planted = dict(PLANTED_HR if planted is None else planted)
    rng = np.random.default_rng(seed)
    names = [f"sim{i:04d}" for i in range(n_athletes)]
    rows = {n: training_rows(rng, n, weeks) for n in names}  # drawn here, in order: reproducible
    settings = EvaluateSettings(workers=workers)
    # the frames are built where the athlete is assessed: the logs' rows travel, not frames
    with athlete_pool(n_athletes, settings) as pool:
        done = each_athlete(_log_and_alerts, {n: (r,) for n, r in rows.items()}, pool)
    # an athlete whose assessment fails is left out (and named): the draws need its alerts
    failed = {n: f"{type(a).__name__}: {a}" for n, a in done.items() if isinstance(a, BaseException)}
    kept = [n for n in names if n not in failed]
    diaries = {n: _named(draw_injuries(rng, done[n][1], planted, h0), n) for n in kept}
    return SimulatedCohort({n: done[n][0] for n in kept}, diaries, planted, seed,
                           {n: done[n][1] for n in kept}, failed)


def _log_and_alerts(rows: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One athlete's activities frame and the evaluator's alert days for it."""
    activities = activities_from_log(rows)
    return activities, athlete_alerts(activities, None, RiskConfig(), RULE_IDS, EvaluateSettings().severity_column)


def _named(diary: pd.DataFrame, athlete: str) -> pd.DataFrame:
    diary["athlete"] = athlete
    diary["source_file"] = "simulated"
    return diary.astype(DIARY_COLUMNS)


TEST_COHORT = {"n_athletes": 300, "weeks": 52, "seed": 2021}  # the cohort the tests and the notebook quote


def simulated_evaluation(n_athletes: int = TEST_COHORT["n_athletes"], weeks: int = TEST_COHORT["weeks"],
                         seed: int = TEST_COHORT["seed"], workers: int | None = None,
                         verbose: bool = True) -> tuple[SimulatedCohort, Evaluation]:
    """Simulate a cohort, evaluate it (reusing the simulation's alerts: the same assess step,
    so it is not run twice) and print planted vs recovered hazard ratios, AUC and calibration."""
    cohort = simulate_cohort(n_athletes, weeks, seed, workers=workers)
    result = evaluate(cohort.activities, diaries=cohort.diaries, alerts=cohort.alerts)
    if verbose:
        print(f"Simulated cohort (seed {seed}): this tests the evaluator, not the rules.")
        print(evaluation_text(result, cohort.planted))
    return cohort, result
