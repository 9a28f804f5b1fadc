"""The per-athlete step of the cohort evaluation: assess the whole log once, then read each
day's active alerts and status from the findings (riskcheck.evaluate.covariates)."""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Sequence

import pandas as pd

from riskcheck.assess import assess
from riskcheck.checking import each_athlete
from riskcheck.evaluate.covariates import alert_days
from riskcheck.evaluate.pool import athlete_pool
from riskcheck.evaluate.settings import EvaluateSettings
from riskcheck.rules.registry import RULES
from riskcheck.settings import RiskConfig

RULE_IDS = [rule.id for rule in RULES]


def athlete_alerts(activities: pd.DataFrame, diary: pd.DataFrame | None, config: RiskConfig,
                   rule_ids: Sequence[str], severity_column: str, until: pd.Timestamp | None = None) -> pd.DataFrame:
    """One athlete's days, from the first day of the log to its last or `until` (the last day
    the outcomes cover, when later: days without training are days of follow-up too): the
    rules' 0/1 columns, n_alerts, status."""
    assessment = assess(activities, config, diary=diary)
    days = pd.DatetimeIndex(assessment.daily["date"])
    last = max(days.max(), pd.Timestamp(until)) if until is not None and pd.notna(until) else days.max()
    days = pd.date_range(days.min(), last, freq="D").as_unit("ns")
    return alert_days(assessment.findings, days, list(rule_ids), assessment.config.status_window_days,
                      severity_column)


def cohort_alerts(activities: dict[str, pd.DataFrame], diaries: dict[str, pd.DataFrame] | None = None,
                  config: RiskConfig | None = None, rule_ids: Sequence[str] = RULE_IDS,
                  settings: EvaluateSettings | None = None, executor: cf.Executor | None = None,
                  workers: int | None = None, until: dict[str, pd.Timestamp] | None = None
                  ) -> dict[str, pd.DataFrame | BaseException]:
    """{athlete: its alert days, or the exception that stopped it}: one athlete's failure stays
    that athlete's (the roster's rule)."""
    settings = settings or EvaluateSettings(workers=workers)
    config = config or RiskConfig()
    diaries, until = diaries or {}, until or {}
    args = {name: (acts, diaries.get(name), config, list(rule_ids), settings.severity_column, until.get(name))
            for name, acts in activities.items()}
    with athlete_pool(len(args), settings, executor) as pool:
        return each_athlete(athlete_alerts, args, pool)
