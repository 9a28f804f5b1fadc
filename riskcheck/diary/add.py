"""Add one day to a diary file without ever losing a row already in it.

Several writers may add at once (a phone sync and the runner at the terminal, or a script per
athlete): every change happens under an exclusive lock on a lock file beside the diary
(`diary.csv.riskcheck-lock`). The lock is on a separate file, not the diary itself, because
--replace swaps the diary for a new file: a writer waiting on the old file's lock would then
append to a file no longer in place. The lock file is left in place (removing it would let two
writers lock two different files) and the readers skip it by name.

A new row is appended (O_APPEND, then fsync): the rows before it are never rewritten. A new
file and a replaced row are written to a temporary file beside the diary, fsynced and moved
into place with os.replace, so a crash leaves the old diary or the new one, never half of one.
The existing file is checked first; a damaged one is left exactly as it is.
"""

from __future__ import annotations

import contextlib
import csv
import io
import math
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from riskcheck.diary.format import (DIARY_HEADER, LOCK_SUFFIX, TEMP_SUFFIX, DiaryRowError, decode,
                                    is_diary_header, parse_row, physical_lines, records, unclosed_quote)
from riskcheck.errors import FileProblem, RiskcheckError

try:  # Linux and macOS
    import fcntl
except ImportError:  # Windows: msvcrt locks a byte range instead
    fcntl = None
    import msvcrt


class DiaryError(RiskcheckError):
    """A diary that cannot take the new row; the message names the file and says why."""


@dataclass
class Entry:
    day: date
    back_pain: float
    other_pain: float = math.nan
    injury: bool = False
    days_lost: float = math.nan
    note: str = ""


def add_entry(path: str | os.PathLike, entry: Entry, *, replace: bool = False, today: date | None = None) -> str:
    """Add `entry` to the diary at `path` (created with its header when missing); returns
    'created', 'added' or 'replaced'. Raises DiaryError, changing nothing, when a value is
    out of range, the diary is damaged, or the day has a row already and `replace` is False."""
    path = Path(path)
    cells = _cells(entry)
    _check(path, cells, today)
    with _locked(path):
        if not path.exists() or not path.stat().st_size:  # `touch diary.csv` first is no damage
            _write_atomically(path, (_line(DIARY_HEADER, ",", "\n") + _line(cells, ",", "\n")).encode("utf-8"))
            return "created"
        data = _read(path)
        text = _text(path, data)
        delimiter, header, found, newline = _existing(path, text)
        same_day = [(first, last) for first, last, record in found if _day(record) == entry.day]
        row = _line(_in_order(path, cells, header), delimiter, newline)
        if same_day and not replace:
            raise DiaryError(f"{path}: already has a row for {entry.day} (line {same_day[-1][0]}); "
                             "add --replace to change it")
        if same_day:
            _write_atomically(path, _replaced(text, same_day, row).encode("utf-8"), like=path, bom=data)
            return "replaced"
        ending = b"" if data.endswith(b"\n") else newline.encode()  # a last row saved without its newline
        _append(path, ending + row.encode("utf-8"))
        return "added"


def _cells(entry: Entry) -> list[str]:
    def number(value: float) -> str:
        return "" if value is None or math.isnan(value) else f"{value:g}"
    return [entry.day.isoformat(), number(entry.back_pain), number(entry.other_pain),
            "yes" if entry.injury else "no", number(entry.days_lost), entry.note]


def _check(path: Path, cells: list[str], today: date | None) -> None:
    """The new row must read back as written: the same checks as the reader's."""
    if entry_day(cells) > (today or date.today()):
        raise DiaryError(f"{path}: the date {cells[0]} is in the future; nothing written")
    if any(c in cells[-1] for c in "\r\n"):
        raise DiaryError(f"{path}: the note must be one line")
    try:
        parse_row(dict(zip(DIARY_HEADER, cells)), today)
    except DiaryRowError as exc:
        raise DiaryError(f"{path}: {exc}; nothing written") from None


def entry_day(cells: list[str]) -> date:
    return date.fromisoformat(cells[0])


def _line(cells, delimiter: str, newline: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerow(cells)
    return out.getvalue()


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise DiaryError(f"{path}: is a folder, not a diary file") from None
    except OSError as exc:
        raise DiaryError(f"{path}: cannot read it ({exc.strerror or exc})") from None


def _text(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DiaryError(f"{path}: is UTF-16 text (saved by a spreadsheet?); save it as UTF-8 CSV to add rows")
    try:
        return decode(data)
    except FileProblem as exc:
        raise DiaryError(f"{path}: {exc.reason}; not changed") from None


def _existing(path: Path, text: str) -> tuple[str, list[str], list, str]:
    """(delimiter, header, records, line ending) of an existing diary, or DiaryError when it is
    damaged."""
    try:
        delimiter, header, found = records(text) if text.strip() else (",", [], [])
    except FileProblem as exc:
        raise DiaryError(f"{path}: {exc.reason}; not changed") from None
    if not is_diary_header(header):
        raise DiaryError(f"{path}: not a diary (its first line is not a diary header, see docs/diary.md); not changed")
    if unclosed_quote(text):
        raise DiaryError(f"{path}: a quoted cell is never closed (the last row cut short?); not changed")
    lines = physical_lines(text)
    if found and not text.endswith("\n"):
        # A last row without its newline: an editor's habit when complete, a cut-off write when not.
        try:
            parse_row(found[-1][2])
        except DiaryRowError as exc:
            raise DiaryError(f"{path}: the last line is cut short or damaged ({exc}, no newline at its end); "
                             "not changed") from None
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    return delimiter, header, found, newline


def _in_order(path: Path, cells: list[str], header: list[str]) -> list[str]:
    """The new row's cells in the order of the file's own header (a hand-made diary may have
    fewer columns, in another order); a value for a column the file lacks is refused, not lost."""
    values = dict(zip(DIARY_HEADER, cells))
    missing = [name for name in DIARY_HEADER if name not in header and values[name] not in ("", "no")]
    if missing:
        raise DiaryError(f"{path}: has no {', '.join(missing)} column for the value given; not changed")
    return [values.get(name, "") for name in header]


def _day(record: dict[str, str]) -> date | None:
    try:
        return date.fromisoformat(record.get("date", "").strip())
    except ValueError:
        return None


def _replaced(text: str, same_day: list[tuple[int, int]], row: str) -> str:
    """The diary with the day's last row replaced by `row` and any earlier row of that day
    dropped; every other line kept as it was, byte for byte."""
    lines = physical_lines(text)
    drop = {n for first, last in same_day for n in range(first, last + 1)}
    at = same_day[-1][0]
    return "".join(row if n == at else line for n, line in enumerate(lines, start=1) if n == at or n not in drop)


def _append(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_APPEND)
    try:
        os.write(fd, data)  # small enough for one write; O_APPEND puts it at the end
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomically(path: Path, data: bytes, *, like: Path | None = None, bom: bytes = b"") -> None:
    if bom.startswith(b"\xef\xbb\xbf"):
        data = b"\xef\xbb\xbf" + data
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if like is not None:
            os.chmod(temp, os.stat(like).st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX only: Windows cannot open a folder)."""
    if fcntl is None:
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _locked(path: Path):
    lock_path = path.with_name(path.name + LOCK_SUFFIX)
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
    except FileNotFoundError:
        raise DiaryError(f"{path}: its folder does not exist") from None
    except OSError as exc:
        raise DiaryError(f"{path}: cannot lock it ({exc.strerror or exc})") from None
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        else:
            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # retries for 10 s, then raises OSError
        yield
    finally:
        os.close(fd)  # closing releases the lock
