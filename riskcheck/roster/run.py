"""Check every athlete of a roster: one pool reads all files, then each athlete is assessed.

Fault isolation: a damaged file costs that file only (the reader's rule); an athlete whose
folder is empty, whose files all fail, or whose assessment fails is listed with the reason,
and everyone else is checked. Every athlete is assessed as of the same day, the roster's
(today unless `date_to` says otherwise), so an athlete who stopped training months ago is
seen as stale, not as of their own last run. Reading and assessing are pure, so they run the same in this
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
from riskcheck.roster.names import profile_name
from riskcheck.roster.rank import problem_row, rank_rows, summary_row

REASONS_SHOWN = 3  # failed files named in an athlete's reason


@dataclass
class AthleteCheck:
    entry: RosterEntry
    read: ReadResult
    result: CheckResult | None = None  # None: the athlete could not be checked
    problem: str = ""
    name: str = ""  # the name shown: the roster file's, the export profile's, or the folder's


def shown_names(entries: dict[str, RosterEntry]) -> dict[str, str]:
    """The name shown per athlete: the roster file's `name`, else the name in the export's
    profile (riskcheck.roster.names), else the folder's or section's name. Two athletes
    whose profiles give one name keep their folder's name beside it."""
    names = {key: e.name or profile_name(e.paths) or key for key, e in entries.items()}
    counts = pd.Series(list(names.values()), dtype=object).str.lower().value_counts()
    return {key: name if counts[name.lower()] == 1 or name == key else f"{name} ({key})"
            for key, name in names.items()}


@dataclass
class RosterResult:
    table: pd.DataFrame                   # one ranked row per athlete, see rank.ROSTER_COLUMNS
    athletes: dict[str, AthleteCheck]     # in ranked order
    config: RiskConfig
    ignored: list[str] = field(default_factory=list)
    as_of: date | None = None              # the day every athlete is assessed as of

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
    file), all as of `date_to` (default: today, the local date). `config`, when given,
    replaces a roster file's settings. `workers`, `store`,
    `executor` and `progress` are riskcheck.read()'s; the executor (e.g. a Dask client's
    get_executor()) also runs the assessments."""
    if not isinstance(roster, Roster):
        roster = load_roster(roster)
    config = config or roster.config or RiskConfig()
    as_of = date_to or date.today()
    entries = {e.athlete: e for e in roster.entries}
    names = shown_names(entries)
    with _pool(workers, executor) as pool:
        reads = read_many({n: e.paths for n, e in entries.items()}, tz=tz,
                          tz_by_group={n: e.tz for n, e in entries.items() if e.tz},
                          csv_column_map=csv_column_map, limits=limits, workers=workers,
                          store=store, executor=pool, progress=progress)
        checks = {name: AthleteCheck(entries[name], read, problem=unreadable(entries[name], read, as_of),
                                     name=names[name])
                  for name, read in reads.items()}
        todo = {name: c for name, c in checks.items() if not c.problem}
        assessed = _assess_all(todo, config, date_from, as_of, pool)
    for name, outcome in assessed.items():
        if isinstance(outcome, BaseException):
            checks[name].problem = f"could not be assessed: {type(outcome).__name__}: {outcome}"
        else:
            checks[name].result = CheckResult(checks[name].read, outcome)
    rows = [summary_row(n, c.result, c.name) if c.result else problem_row(n, c.read, c.problem, c.name, as_of)
            for n, c in checks.items()]
    table = rank_rows(rows)
    return RosterResult(table, {n: checks[n] for n in table["athlete"]}, config, list(roster.ignored), as_of)


def unreadable(entry: RosterEntry, read: ReadResult, as_of: date | None = None) -> str:
    """Why an athlete cannot be assessed, or '' when there is something to assess."""
    if len(read.activities):
        first = read.activities["local_date"].min()
        if as_of is not None and first > pd.Timestamp(as_of):
            return f"no activity on or before {as_of:%Y-%m-%d}, the roster's day (the first is on {first:%Y-%m-%d})"
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
    that athlete's. Each is assessed under the name shown (their report's title), with the
    settings of their own roster section."""
    args = {name: (c.read.activities.assign(athlete=c.name), config.for_athlete(name), c.name, date_from, date_to,
                   c.read.diary) for name, c in todo.items()}
    return each_athlete(assess_read, args, pool)


@contextmanager
def _pool(workers: int | None, executor: cf.Executor | None):
    """The given executor, a process pool for several workers, or None (this process)."""
    if executor is not None or (workers or default_workers()) <= 1:
        yield executor
        return
    with cf.ProcessPoolExecutor(max_workers=workers or default_workers()) as pool:
        yield pool
