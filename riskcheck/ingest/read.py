"""Read every source into the activities table, accounting for every file.

Each input file ends as exactly one of: read, duplicate (all its activities are another
file's), skipped (not an activity: settings, routes, unrelated files) or failed (damaged,
refused by a limit), each with its reason. One bad file never stops the others.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandas as pd

from riskcheck.errors import FileProblem
from riskcheck.ingest.dedupe import drop_duplicates, join_linked_rows
from riskcheck.ingest.formats import detect_format, reader_for, strip_gz
from riskcheck.ingest.limits import Limits
from riskcheck.ingest.sources import Source, iter_sources
from riskcheck.readers.base import ReadOptions
from riskcheck.readers.summarize import rows_to_frame, to_row

FILE_COLUMNS = ["path", "format", "status", "reason", "activities", "warnings"]
STATUSES = ("read", "duplicate", "skipped", "failed")
# Starts outside this span are typos or damage (a year 1066, 2206 or 6020), not training: no
# watch or diary log goes back before 1970, and a plan more than a year ahead is no log.
EARLIEST_START = pd.Timestamp("1970-01-01")
MAX_DAYS_AHEAD = 366


@dataclass
class FileOutcome:
    path: str
    format: str = ""
    status: str = "read"
    reason: str = ""
    activities: int = 0
    warnings: list[str] = field(default_factory=list)
    duplicates: int = 0  # activities dropped because another file holds the same session


@dataclass
class FileRead:
    """What reading one source produced: its outcome, its activity rows, their samples."""

    outcome: FileOutcome
    rows: list[dict] = field(default_factory=list)
    samples: list[pd.DataFrame | None] = field(default_factory=list)


@dataclass
class ReadResult:
    activities: pd.DataFrame
    files: pd.DataFrame
    samples: dict[str, pd.DataFrame] = field(default_factory=dict)

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


def load_source(src: Source) -> bytes | FileRead:
    """The source's bytes, or the FileRead that says why there are none."""
    outcome = FileOutcome(src.name)
    if src.fail_reason or src.skip_reason:
        outcome.status = "failed" if src.fail_reason else "skipped"
        outcome.reason = src.fail_reason or src.skip_reason
        return FileRead(outcome)
    try:
        return src.load()
    except FileProblem as exc:
        return FileRead(_problem(outcome, exc))
    except OSError as exc:
        return FileRead(_failed(outcome, f"cannot read: {exc.strerror or exc}"))


def read_bytes(name: str, data: bytes, options: ReadOptions) -> FileRead:
    """Read one file's bytes into activity rows. Pure (no I/O), so it runs the same in this
    process, in a worker process or on a Dask worker. Never raises."""
    outcome = FileOutcome(name)
    fmt = detect_format(name, data[:4096])
    if fmt is None:
        suffix = os.path.splitext(strip_gz(name))[1] or "no extension"
        outcome.status, outcome.reason = "skipped", f"not an activity file format ({suffix})"
        return FileRead(outcome)
    outcome.format = fmt
    if not data.strip():
        outcome.status, outcome.reason = "skipped", "empty file"
        return FileRead(outcome)
    try:
        parsed = reader_for(fmt)(data, name, options)
    except FileProblem as exc:
        return FileRead(_problem(outcome, exc))
    except Exception as exc:  # a reader bug must cost this file only, and say so
        return FileRead(_failed(outcome, f"unexpected {type(exc).__name__} while reading: {exc} (please report)"))
    result = FileRead(outcome)
    for index, activity in enumerate(parsed):
        try:
            row, warnings = to_row(activity, name, index, options)
        except Exception as exc:
            outcome.warnings.append(f"activity {index + 1} dropped: {type(exc).__name__}: {exc}")
            continue
        unusable = _unrepresentable_start(row)
        if unusable:
            outcome.warnings.append(f"activity {index + 1} left out: {unusable}")
            continue
        row["_linked_file"] = activity.linked_file
        result.rows.append(row)
        result.samples.append(activity.samples if options.with_samples else None)
        outcome.warnings.extend(w for w in dict.fromkeys(warnings) if w not in outcome.warnings)
    if not result.rows and parsed:
        outcome.status = "failed"
        outcome.reason = f"none of its activities could be used ({outcome.warnings[-1]})"
    elif not result.rows:
        outcome.status = "skipped"
        outcome.reason = outcome.reason or "no activity in the file"
    outcome.activities = len(result.rows)
    return result


def _unrepresentable_start(row: dict) -> str:
    """Why this row's start is not a plausible date, or ''. Such a row would also stretch the
    weekly tables over centuries, or stop the table from being built at all."""
    latest = pd.Timestamp.now() + pd.Timedelta(days=MAX_DAYS_AHEAD)
    for column in ("start_time_utc", "start_local"):
        when = pd.Timestamp(row[column])
        if not EARLIEST_START <= when.tz_localize(None) <= latest:
            return (f"start {when} is not a plausible date (before {EARLIEST_START.year} "
                    f"or more than {MAX_DAYS_AHEAD} days ahead)")
    return ""


def _problem(outcome: FileOutcome, exc: FileProblem) -> FileOutcome:
    outcome.status, outcome.reason = exc.kind, exc.reason
    return outcome


def _failed(outcome: FileOutcome, reason: str) -> FileOutcome:
    outcome.status, outcome.reason = "failed", reason
    return outcome


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
    from riskcheck.ingest.parallel import read_all
    from riskcheck.ingest.store import Store

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    options = ReadOptions(tz=tz, with_samples=with_samples, csv_column_map=csv_column_map)
    # The same file given twice (or a folder and a file inside it) is read once.
    sources = list({src.name: src for src in iter_sources(list(paths), limits)}.values())
    if store is None or with_samples:
        return assemble(read_all(sources, options, workers=workers, executor=executor, progress=progress), athlete)
    with Store(store) as opened:
        reads = read_all(sources, options, workers=workers, store=opened, executor=executor, progress=progress)
    return assemble(reads, athlete)


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
        row.pop("_linked_file", None)
    kept = {row["activity_id"] for row in rows}
    files = pd.DataFrame(
        [(o.path, o.format, o.status, o.reason, o.activities, "; ".join(o.warnings)) for o in outcomes.values()],
        columns=FILE_COLUMNS,
    )
    return ReadResult(rows_to_frame(rows), files, {k: v for k, v in samples.items() if k in kept})
