"""Check every athlete of a roster: one pool reads all files, then each athlete is assessed.

Fault isolation: a damaged file costs that file only (the reader's rule); an athlete whose
folder is empty, whose files all fail, or whose assessment fails is listed with the reason,
and everyone else is checked. Reading and assessing are pure, so they run the same in this
process, in worker processes or on a Dask cluster, and give the same results.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from riskcheck.checking import CheckResult, assess_read, each_athlete
from riskcheck.settings import RiskConfig
from riskcheck.ingest.limits import Limits
from riskcheck.ingest.many import read_many
from riskcheck.ingest.parallel import default_workers
from riskcheck.ingest.read import ReadResult
from riskcheck.roster.discover import Roster, RosterEntry, load_roster
from riskcheck.roster.rank import problem_row, rank_rows, summary_row

REASONS_SHOWN = 3  # failed files named in an athlete's reason


@dataclass
class AthleteCheck:
    entry: RosterEntry
    read: ReadResult
    result: CheckResult | None = None  # None: the athlete could not be checked
    problem: str = ""


@dataclass
class RosterResult:
    table: pd.DataFrame                   # one ranked row per athlete, see rank.ROSTER_COLUMNS
    athletes: dict[str, AthleteCheck]     # in ranked order
    config: RiskConfig
    ignored: list[str] = field(default_factory=list)

    @property
    def checked(self) -> dict[str, CheckResult]:
        return {name: a.result for name, a in self.athletes.items() if a.result is not None}


def check_roster(
    roster: Roster | str | os.PathLike,
    *,
    config: RiskConfig | None = None,
    tz: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    csv_column_map: dict[str, str] | None = None,
    limits: Limits | None = None,
    workers: int | None = None,
    store: str | os.PathLike | None = None,
    executor: cf.Executor | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RosterResult:
    """Read and assess every athlete of `roster` (a Roster, a roster folder or a .toml roster
    file). `config`, when given, replaces a roster file's settings. `workers`, `store`,
    `executor` and `progress` are riskcheck.read()'s; the executor (e.g. a Dask client's
    get_executor()) also runs the assessments."""
    if not isinstance(roster, Roster):
        roster = load_roster(roster)
    config = config or roster.config or RiskConfig()
    entries = {e.athlete: e for e in roster.entries}
    with _pool(workers, executor) as pool:
        reads = read_many({n: e.paths for n, e in entries.items()}, tz=tz,
                          tz_by_group={n: e.tz for n, e in entries.items() if e.tz},
                          csv_column_map=csv_column_map, limits=limits, workers=workers,
                          store=store, executor=pool, progress=progress)
        checks = {name: AthleteCheck(entries[name], read, problem=unreadable(entries[name], read))
                  for name, read in reads.items()}
        todo = {name: c for name, c in checks.items() if not c.problem}
        assessed = _assess_all(todo, config, date_from, date_to, pool)
    for name, outcome in assessed.items():
        if isinstance(outcome, BaseException):
            checks[name].problem = f"could not be assessed: {type(outcome).__name__}: {outcome}"
        else:
            checks[name].result = CheckResult(checks[name].read, outcome)
    rows = [summary_row(n, c.result) if c.result else problem_row(n, c.read, c.problem) for n, c in checks.items()]
    table = rank_rows(rows)
    return RosterResult(table, {n: checks[n] for n in table["athlete"]}, config, list(roster.ignored))


def unreadable(entry: RosterEntry, read: ReadResult) -> str:
    """Why an athlete cannot be assessed, or '' when there is something to assess."""
    if len(read.activities):
        return ""
    where = ", ".join(str(p) for p in entry.paths)
    if read.files.empty:
        return f"no files found in {where}"
    problems = read.files[read.files["status"] != "read"]
    shown = "; ".join(f"{Path(p.path).name}: {p.reason}" for p in problems.head(REASONS_SHOWN).itertuples())
    more = f" (and {len(problems) - REASONS_SHOWN} more)" if len(problems) > REASONS_SHOWN else ""
    return f"no activity could be read from {len(read.files)} file(s): {shown}{more}"


def _assess_all(todo: dict[str, AthleteCheck], config: RiskConfig, date_from, date_to,
                pool: cf.Executor | None) -> dict[str, object]:
    """{athlete: Assessment or the exception that stopped it}: one athlete's failure stays
    that athlete's."""
    args = {name: (c.read.activities, config, name, date_from, date_to, c.read.diary) for name, c in todo.items()}
    return each_athlete(assess_read, args, pool)


@contextmanager
def _pool(workers: int | None, executor: cf.Executor | None):
    """The given executor, a process pool for several workers, or None (this process)."""
    if executor is not None or (workers or default_workers()) <= 1:
        yield executor
        return
    with cf.ProcessPoolExecutor(max_workers=workers or default_workers()) as pool:
        yield pool
