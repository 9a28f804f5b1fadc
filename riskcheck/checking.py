"""Read and assess in one call: what `riskcheck check` and the notebooks run; and a call per
athlete, here or on a pool, for the roster and the cohort evaluation."""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from riskcheck.ingest import Limits, ReadResult, read
from riskcheck.settings import RiskConfig


@dataclass
class CheckResult:
    read: ReadResult
    assessment: object  # riskcheck.assess.Assessment (imported lazily: heavy)

    @property
    def activities(self) -> pd.DataFrame:
        return self.read.activities


def check(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    config: RiskConfig | None = None,
    athlete: str = "",
    tz: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    csv_column_map: dict[str, str] | None = None,
    limits: Limits | None = None,
    store: str | os.PathLike | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CheckResult:
    """Read the files and assess the log.

    `date_to` ends the log (the status is "as of" that day); `date_from` limits the weeks and
    findings reported, while the weeks before it still serve as the baseline the rules need.
    `store` names the folder of the store of files already read (see riskcheck.read)."""
    result = read(paths, tz=tz, athlete=athlete, csv_column_map=csv_column_map, limits=limits, store=store,
                  progress=progress)
    return CheckResult(result, assess_read(result.activities, config, athlete, date_from, date_to,
                                           diary=result.diary))


def assess_read(activities: pd.DataFrame, config: RiskConfig | None, athlete: str = "",
                date_from: date | None = None, date_to: date | None = None, diary: pd.DataFrame | None = None):
    from riskcheck.assess import assess

    if date_to is not None:
        activities = activities[activities["local_date"] <= pd.Timestamp(date_to)]
    assessment = assess(activities, (config or RiskConfig()).for_athlete(athlete), today=date_to, diary=diary)
    if date_from is None:
        return assessment
    start = pd.Timestamp(date_from)
    return dataclasses.replace(
        assessment,
        daily=assessment.daily[assessment.daily["date"] >= start].reset_index(drop=True),
        weekly=assessment.weekly[assessment.weekly["week_start"] + pd.Timedelta(days=6) >= start].reset_index(drop=True),
        findings=assessment.findings[assessment.findings["date"] >= start].reset_index(drop=True),
    )


def each_athlete(func: Callable, args: dict[str, tuple], pool: cf.Executor | None) -> dict[str, object]:
    """{athlete: func(*its args), or the exception that stopped it}, in this process (pool None)
    or on the pool: one athlete's failure stays that athlete's."""
    if pool is None:
        return {name: _or_error(func, *a) for name, a in args.items()}
    futures = {name: pool.submit(func, *a) for name, a in args.items()}
    return {name: _or_error(future.result) for name, future in futures.items()}


def _or_error(call: Callable, *args):
    try:
        return call(*args)
    except Exception as exc:  # noqa: BLE001 - reported as that athlete's outcome
        return exc
