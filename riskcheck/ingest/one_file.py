"""Read one source into activity rows, accounting for it whatever happens.

Each input file ends as exactly one of: read, duplicate (all its activities are another
file's; decided later, over all files), skipped (not an activity: settings, routes, unrelated
files) or failed (damaged, refused by a limit), each with its reason. One bad file never
stops the others: nothing here raises.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pandas as pd

from riskcheck.diary.format import looks_like_diary, read_diary
from riskcheck.errors import FileProblem, UnrecognisedColumns
from riskcheck.ingest.formats import detect_format, reader_for, skip_by_name, strip_gz, suffix_of
from riskcheck.ingest.sources import Source
from riskcheck.readers.base import ReadOptions
from riskcheck.readers.summarize import to_row

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
    diary: list[dict] = field(default_factory=list)  # a diary file's rows (riskcheck.diary.format)


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
    # Before the suffix decides: a diary is known by its header, whatever it is called.
    if looks_like_diary(data[:4096]):
        return _diary(outcome, name, data)
    fmt = detect_format(name, data[:4096])
    if fmt is None:
        suffix = os.path.splitext(strip_gz(name))[1] or "no extension"
        outcome.status = "skipped"
        outcome.reason = skip_by_name(name) or f"not an activity file format ({suffix})"
        return FileRead(outcome)
    outcome.format = fmt
    if not data.strip():
        outcome.status, outcome.reason = "skipped", "empty file"
        return FileRead(outcome)
    try:
        parsed = reader_for(fmt)(data, name, options)
    except FileProblem as exc:
        if fmt == "csv" and suffix_of(name) == ".txt" and _not_a_table(exc):
            outcome.status = "skipped"
            outcome.reason = ("a text file that is not an activity list (a note?); a log kept as .txt "
                              "needs date, distance and duration columns (docs/simple-log.md)")
            return FileRead(outcome)
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


def _diary(outcome: FileOutcome, name: str, data: bytes) -> FileRead:
    """A pain and injury diary: read, with a count of its days, never an activity file."""
    outcome.format = "diary"
    try:
        rows, outcome.warnings = read_diary(data, name)
    except FileProblem as exc:
        return FileRead(_problem(outcome, exc))
    except Exception as exc:  # a reader bug must cost this file only, and say so
        return FileRead(_failed(outcome, f"unexpected {type(exc).__name__} while reading: {exc} (please report)"))
    # The files table has no column for diary days; the reason says how many were read.
    outcome.reason = f"pain diary: {len(rows)} day(s)"
    return FileRead(outcome, diary=rows)


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


def _not_a_table(exc: FileProblem) -> bool:
    """A .txt file is as often a note as a log: when it is no table riskcheck knows, it is
    skipped, not failed (a .csv with unknown columns still fails: it wants a column map)."""
    return isinstance(exc, UnrecognisedColumns) or exc.reason.startswith("CSV cannot be split")


def _problem(outcome: FileOutcome, exc: FileProblem) -> FileOutcome:
    outcome.status, outcome.reason = exc.kind, exc.reason
    return outcome


def _failed(outcome: FileOutcome, reason: str) -> FileOutcome:
    outcome.status, outcome.reason = "failed", reason
    return outcome
