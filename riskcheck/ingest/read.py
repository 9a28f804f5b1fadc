"""Read every source into the activities table, accounting for every file.

Each file is read on its own (one_file.py), on every core or from the store of earlier
reads (parallel.py, store.py); then linked rows are joined and duplicates dropped over all
files (dedupe.py), and the files table says what became of each one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandas as pd

from riskcheck.diary import empty_diary
from riskcheck.diary.frame import diary_frame
from riskcheck.ingest.dedupe import drop_duplicates, join_linked_rows
from riskcheck.ingest.limits import Limits
from riskcheck.ingest.one_file import FileRead
from riskcheck.ingest.parallel import read_all
from riskcheck.ingest.sources import iter_sources
from riskcheck.ingest.store import Store
from riskcheck.readers.base import ReadOptions
from riskcheck.readers.summarize import rows_to_frame

FILE_COLUMNS = ["path", "format", "status", "reason", "activities", "warnings"]
STATUSES = ("read", "duplicate", "skipped", "failed")


@dataclass
class ReadResult:
    activities: pd.DataFrame
    files: pd.DataFrame
    samples: dict[str, pd.DataFrame] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # about the run, not one file (an unusable store)
    diary: pd.DataFrame = field(default_factory=empty_diary)  # pain and injury diary rows (riskcheck.diary)

    @property
    def problems(self) -> pd.DataFrame:
        """Files that were not read, with the reason: duplicates, skipped and failed."""
        return self.files[self.files["status"] != "read"].reset_index(drop=True)

    @property
    def warnings(self) -> pd.DataFrame:
        """One row per warning: the file and what it said."""
        rows = [(f.path, w) for f in self.files.itertuples() for w in f.warnings.split("; ") if w]
        return pd.DataFrame(rows, columns=["path", "warning"])

    def counts(self) -> dict[str, int]:
        counts = self.files["status"].value_counts()
        return {s: int(counts.get(s, 0)) for s in STATUSES}

    def __iter__(self):
        """`activities, problems = riskcheck.read(paths)`."""
        return iter((self.activities, self.problems))


def read(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    tz: str | None = None,
    athlete: str = "",
    with_samples: bool = False,
    csv_column_map: dict[str, str] | None = None,
    limits: Limits | None = None,
    workers: int | None = None,
    store: str | os.PathLike | None = None,
    executor=None,
    progress: Callable[[int, int], None] | None = None,
) -> ReadResult:
    """Read files, folders and archives into one activities table.

    Returns a ReadResult: `.activities` (one row per activity, see riskcheck.schema),
    `.files` (every input file with what became of it), `.problems`, `.warnings`, and,
    with `with_samples=True`, `.samples[activity_id]` (per-sample frames).
    `workers` parse files in that many processes (default: all cores; 1: this process).
    `store` names a folder whose store of earlier reads spares reading unchanged files
    again (never used with `with_samples`: the store keeps no samples).
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    options = ReadOptions(tz=tz, with_samples=with_samples, csv_column_map=csv_column_map)
    # The same file given twice (or a folder and a file inside it) is read once.
    sources = list({src.name: src for src in iter_sources(list(paths), limits)}.values())
    if store is None or with_samples:
        return assemble(read_all(sources, options, workers=workers, executor=executor, progress=progress), athlete)
    with Store(store) as opened:
        reads = read_all(sources, options, workers=workers, store=opened, executor=executor, progress=progress)
    result = assemble(reads, athlete)
    result.notes += [opened.problem] if opened.problem else []
    return result


def assemble(reads: list[FileRead], athlete: str = "") -> ReadResult:
    """Join linked rows, drop duplicates and build the frames (shared by serial and
    parallel reading, so both give identical results)."""
    rows, samples = [], {}
    for r in reads:
        for row, frame in zip(r.rows, r.samples):
            if athlete:
                row["athlete"] = athlete
            rows.append(row)
            if frame is not None:
                samples[row["activity_id"]] = frame
    outcomes = {r.outcome.path: r.outcome for r in reads}
    rows = join_linked_rows(rows, outcomes)
    rows = drop_duplicates(rows, outcomes)
    for row in rows:
        for key in [k for k in row if k.startswith("_")]:  # dedupe's bookkeeping
            del row[key]
    kept = {row["activity_id"] for row in rows}
    files = pd.DataFrame(
        [(o.path, o.format, o.status, o.reason, o.activities, "; ".join(o.warnings)) for o in outcomes.values()],
        columns=FILE_COLUMNS,
    )
    diary, notes = diary_frame([row for r in reads for row in r.diary], athlete)
    return ReadResult(rows_to_frame(rows), files, {k: v for k, v in samples.items() if k in kept},
                      notes=notes, diary=diary)
