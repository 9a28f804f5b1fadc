"""Cell values as exports write them -> floats in SI.

Exports write numbers for people: '8,966' (thousands), '10,20' (decimal comma), '--' for
nothing, ''-12' (an Excel guard), durations as 'h:mm:ss' or 'mm:ss', paces as 'mm:ss'.
Each parser returns NaN for a missing cell and raises ValueError for a cell it cannot read,
so the caller can count bad cells and say so. Only plain written numbers are read: Python's
float() also takes 'inf', 'Infinity', '1e999' (infinite) and '1_000', which no export means.
"""

from __future__ import annotations

import math
import re

from riskcheck.sport.fold import fold

MISSING = frozenset({"", "-", "--", "--:--", "--:--:--", "nan", "n/a", "na", "null", "none"})
_THOUSANDS_GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
_COMMA_DECIMAL = re.compile(r"^-?\d*,\d+$")
_POINT_DECIMAL = re.compile(r"^-?\d*\.\d+$")
_POINTS_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_PLAIN_NUMBER = re.compile(r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]{1,3})?$")
_CLOCK_PART = re.compile(r"^[0-9]+(\.[0-9]+)?$")


def clean(cell: str) -> str:
    """Whitespace, quotes and Excel's leading apostrophe removed."""
    return cell.strip().lstrip("'").strip()


def is_missing(cell: str) -> bool:
    return clean(cell).lower() in MISSING


def guess_decimal(cells: list[str], default: str = ".") -> str:
    """The decimal mark a column uses: the first value that can only be read one way
    decides (',' for '10,20' or '7,4'; '.' for '10.5' or '1,234.5'); values that could be
    either ('8,966', '1.500': thousands, or three decimals) leave it to `default`."""
    for cell in map(clean, cells):
        if "," in cell and "." in cell:
            return "," if cell.rfind(",") > cell.rfind(".") else "."
        if _COMMA_DECIMAL.match(cell) and not _THOUSANDS_GROUPED.match(cell):
            return ","
        if _POINT_DECIMAL.match(cell) and not _POINTS_GROUPED.match(cell):
            return "."
    return default


def number(cell: str, decimal: str = ".") -> float:
    text = clean(cell)
    if text.lower() in MISSING:
        return math.nan
    if decimal == ",":
        text = text.replace(".", "").replace(" ", "").replace(",", ".")
    else:
        text = text.replace(",", "").replace(" ", "")
    return _finite(text, cell)


def _finite(text: str, cell: str) -> float:
    if not _PLAIN_NUMBER.match(text):
        raise ValueError(f"not a number: {cell!r}")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {cell!r}")
    return value


def duration_s(cell: str, plain_unit_s: float = 1.0) -> float:
    """'1:05:11' -> 3911, '12:03' (mm:ss) -> 723, '00:09:18.8' -> 558.8; a plain number is
    read in `plain_unit_s` seconds (60 for a column of minutes)."""
    text = clean(cell).replace(",", ".")
    if text.lower() in MISSING:
        return math.nan
    parts = text.split(":")
    if not all(_CLOCK_PART.match(p) for p in parts) or len(parts) > 3:  # no sign: a duration is never negative
        raise ValueError(f"not a duration: {cell!r}")
    if len(parts) == 1:
        return _finite(text, cell) * plain_unit_s
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    return seconds


def speed_m_s(cell: str, unit_m: float, decimal: str = ".") -> float:
    """A speed ('8.7', per hour of `unit_m` metres) or a pace ('6:24', per `unit_m` metres),
    as exports put either in the same column depending on the sport."""
    text = clean(cell)
    if text.lower() in MISSING:
        return math.nan
    if ":" in text:
        pace = duration_s(text)
        return unit_m / pace if pace > 0 else math.nan
    return number(text, decimal) * unit_m / 3600.0


# A yes/no cell (a log's race column, Strava's Competition), folded: case and accents set
# aside. An empty cell is a no, as a ticked box left blank is; a cell in neither set is unread.
YES = frozenset({"yes", "y", "true", "t", "1", "1.0", "x", "ja", "j", "oui", "si", "wahr", "vrai",
                 "verdadero"})
NO = frozenset({"no", "n", "false", "f", "0", "0.0", "nein", "non", "falsch", "faux", "falso"}) | MISSING


def flag(cell: str) -> bool:
    """A yes/no cell as a bool (the cell folded first); ValueError when it is neither."""
    key = fold(clean(cell))
    if key in YES:
        return True
    if key in NO:
        return False
    raise ValueError(cell)


def text_value(cell: str) -> str:
    text = cell.strip()
    return "" if text.lower() in MISSING else text


def time_of_day_s(cell: str) -> float:
    """'18:30' or '6:05:30 PM' -> seconds after midnight (hours first, unlike durations)."""
    text = clean(cell).lower()
    if text in MISSING:
        return math.nan
    m = re.fullmatch(r"(\d{1,2})[:.h](\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([ap]\.?m\.?)?", text)
    if not m:
        raise ValueError(f"not a time of day: {cell!r}")
    hour = int(m[1]) % 12 + (12 if m[4] and m[4][0] == "p" else 0) if m[4] else int(m[1])
    if hour > 23 or int(m[2]) > 59:
        raise ValueError(f"not a time of day: {cell!r}")
    return hour * 3600 + int(m[2]) * 60 + int(m[3] or 0)
