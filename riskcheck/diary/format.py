"""The diary CSV (docs/diary.md): its header, how a file is known to be one, and its rows.

    date,back_pain,other_pain,injury,days_lost,note
    2025-03-02,4,,no,,stiff after the long run

A diary is known by its header alone, whatever the file is called: every column name is one of
DIARY_HEADER, `date` is there, and so is one of the others. The simple log also has `date` and
may have `back_pain`, but it has distance and duration too, so the two never meet.

Reading and `riskcheck diary add` share parse_row, so what the command writes is exactly what the
reader takes. Cells are read with the simple log's helpers (readers/csv/cells.py): the same
yes/no words in several languages, the same missing-cell markers.
"""

from __future__ import annotations

import codecs
import csv
import math
import re
from datetime import date, timedelta

from riskcheck.errors import FileProblem
from riskcheck.readers.csv import cells

DIARY_HEADER = ("date", "back_pain", "other_pain", "injury", "days_lost", "note")
_DIARY_ONLY = frozenset(DIARY_HEADER) - {"date", "note"}
DELIMITERS = ",;\t"  # a spreadsheet set to a comma-decimal language saves with ';'
# `riskcheck diary add` leaves its lock file beside the diary, and a crash may leave its temporary
# file: the readers skip both by name (ingest/formats.py).
LOCK_SUFFIX = ".riskcheck-lock"
TEMP_SUFFIX = ".riskcheck-tmp"
# A diary row dated after tomorrow is a typo (tomorrow: the runner's zone may be ahead of ours).
DAYS_AHEAD_ALLOWED = 1


class DiaryRowError(ValueError):
    """One row that cannot be used; the message says which cell and why."""


def header_key(name: str) -> str:
    return name.strip().lstrip("\ufeff").lower().replace(" ", "_").replace("-", "_")


def is_diary_header(names: list[str]) -> bool:
    keys = [header_key(n) for n in names]
    while keys and not keys[-1]:
        keys.pop()
    return "date" in keys and bool(_DIARY_ONLY & set(keys)) and set(keys) <= set(DIARY_HEADER)


def _first_line(head: bytes) -> str | None:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = head[:512].decode("utf-16", errors="ignore")
    elif b"\x00" in head[:512]:
        return None
    else:
        text = head[:512].decode("utf-8", errors="ignore")
    return re.split(r"[\r\n]", text.lstrip("\ufeff"), maxsplit=1)[0]


def delimiter_of(header_line: str) -> str:
    return max(DELIMITERS, key=header_line.count)


def looks_like_diary(head: bytes) -> bool:
    """Whether a file's first bytes start with a diary header (cheap: run on every file read)."""
    line = _first_line(head)
    if not line or len(line) > 200 or line.count('"') % 2:
        return False
    try:
        return is_diary_header(next(csv.reader([line], delimiter=delimiter_of(line)), []))
    except csv.Error:  # a stray quote or NUL in the first line of some other file
        return False


def decode(data: bytes) -> str:
    """The diary's text. A diary is written by hand or by `riskcheck diary add`: UTF-8 (with or
    without BOM) or UTF-16 from a spreadsheet; anything else is damage, not a guess."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise FileProblem(f"UTF-16 text with a broken character at byte {exc.start}") from exc
    if b"\x00" in data:
        raise FileProblem("binary data, not a diary CSV")
    try:
        return data.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        raise FileProblem(f"not UTF-8 text (byte {exc.start})") from exc


def parse_date(cell: str, today: date | None = None) -> date:
    text = cells.clean(cell)
    try:
        if len(text) != 10:
            raise ValueError
        day = date.fromisoformat(text)
    except ValueError:
        raise DiaryRowError(f"date {cell!r} is not YYYY-MM-DD") from None
    latest = (today or date.today()) + timedelta(days=DAYS_AHEAD_ALLOWED)
    if day > latest:
        raise DiaryRowError(f"date {day} is in the future")
    return day


def parse_score(cell: str, what: str, decimal: str = ".") -> float:
    """0-10, NaN for an empty cell."""
    try:
        value = cells.number(cell, "," if decimal == "," or ("," in cell and "." not in cell) else ".")
    except ValueError:
        raise DiaryRowError(f"{what} {cell!r} is not a number") from None
    if not math.isnan(value) and not 0 <= value <= 10:
        raise DiaryRowError(f"{what} {value:g} is outside 0-10")
    return value


def parse_injury(cell: str) -> bool:
    try:
        return cells.flag(cell)
    except ValueError:
        raise DiaryRowError(f"injury {cell!r} is not yes or no") from None


def parse_days_lost(cell: str) -> float:
    try:
        value = cells.number(cell)
    except ValueError:
        raise DiaryRowError(f"days_lost {cell!r} is not a number") from None
    if not math.isnan(value) and (value < 0 or value != int(value)):
        raise DiaryRowError(f"days_lost {value:g} is not a whole number of days, 0 or more")
    return value


def parse_row(record: dict[str, str], today: date | None = None) -> dict:
    """One diary row (cells by column name) as the diary frame's values; DiaryRowError names
    the first cell that cannot be used."""
    if not cells.clean(record.get("date", "")):
        raise DiaryRowError("no date")
    return {
        "date": parse_date(record["date"], today),
        "back_pain": parse_score(record.get("back_pain", ""), "back_pain"),
        "other_pain": parse_score(record.get("other_pain", ""), "other_pain"),
        "injury": parse_injury(record.get("injury", "")),
        "days_lost": parse_days_lost(record.get("days_lost", "")),
        "note": record.get("note", "").strip(),
    }


def physical_lines(text: str) -> list[str]:
    """The text's lines with their endings; only '\n' ends a line (as for the csv module, whose
    line numbers must match these)."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def records(text: str) -> tuple[str, list[str], list[tuple[int, int, dict[str, str]]]]:
    """(delimiter, header, [(first line, last line, cells by column name)]) of a diary's text,
    lines counted from 1 as an editor does. A note may hold a line break, so one record can
    span several lines; the spans let `diary add --replace` keep other rows byte for byte."""
    lines = physical_lines(text)
    if not lines:
        raise FileProblem("empty file, not even a header")
    delimiter = delimiter_of(lines[0].rstrip("\r\n") if lines else "")
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = [header_key(n) for n in next(reader)]
        found, start = [], reader.line_num + 1
        for row in reader:
            if any(c.strip() for c in row):
                found.append((start, reader.line_num, dict(zip(header, row))))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise FileProblem(f"CSV cannot be split into cells at line {reader.line_num}: {exc}") from exc
    return delimiter, header, found


def unclosed_quote(text: str) -> bool:
    """A quote opened and never closed: the csv module would take the rest of the file as one
    cell, so the last row was cut short (or a quote typed by hand is missing its pair)."""
    return text.count('"') % 2 == 1


def read_diary(data: bytes, name: str, today: date | None = None) -> tuple[list[dict], list[str]]:
    """A diary file's rows (each with its source_file) and the warnings about rows left out.
    Raises FileProblem when the file is not a diary at all."""
    text = decode(data)
    delimiter, header, found = records(text)
    if not is_diary_header(header):
        raise FileProblem("not a diary header (docs/diary.md)")
    warnings = []
    if unclosed_quote(text) and found:
        first = found.pop()[0]
        warnings.append(f"diary row on line {first} left out: a quoted cell is never closed (cut short?)")
    by_day: dict[date, tuple[int, dict]] = {}
    for first, _last, record in found:
        try:
            row = parse_row(record, today)
        except DiaryRowError as exc:
            warnings.append(f"diary row on line {first} left out: {exc}")
            continue
        if row["date"] in by_day:
            earlier = by_day.pop(row["date"])[0]
            warnings.append(f"diary line {first}: a second row for {row['date']} (line {earlier}), the later one kept")
        by_day[row["date"]] = (first, {**row, "source_file": name})
    return [row for _, row in by_day.values()], warnings
