"""Find columns by their (folded) header names and parse them, counting bad cells.

Every layout reads its columns through `ColumnReader`, so a cell that cannot be read
becomes NaN and one warning per column says how many and on which lines."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from riskcheck.readers.csv import cells
from riskcheck.readers.csv.dates import parse_datetime
from riskcheck.readers.csv.text import CsvTable
from riskcheck.sport.fold import fold

_LINES_SHOWN = 5
# German lists write 'Ø' alone for 'average' ('Ø HF'); inside a word it is the Danish and
# Norwegian letter ('Løping', 'Minste høyde') and must stay a letter.
_AVERAGE_SIGN = re.compile(r"(?<!\w)[Øø](?!\w)")


def header_key(name: str) -> str:
    """'Ø HF' -> 'avg hf', 'Distanz in km' -> 'distanz in km', 'Type d'activité' ->
    'type d activite', '平均心拍数' -> '平均心拍数': header names compared without case,
    Latin accents and punctuation, in any script."""
    name = _AVERAGE_SIGN.sub(" avg ", name)
    return re.sub(r"[\W_]+", " ", fold(name)).strip()


def find_column(header: list[str], aliases: tuple[str, ...], occurrence: int = 0) -> int | None:
    """Index of the `occurrence`-th column (-1: the last) whose folded name is the first
    alias found; None when no alias is in the header."""
    keys = [header_key(h) for h in header]
    for alias in aliases:
        hits = [i for i, key in enumerate(keys) if key == alias]
        if hits and (occurrence == -1 or occurrence < len(hits)):
            return hits[occurrence]
    return None


class ColumnReader:
    """Parses whole columns of one table; collects the warnings about unreadable cells.

    The decimal mark is decided per column: a column that can only be read one way ('10,20'
    is a decimal comma, '1,234.5' a decimal point) is read that way; a column that could be
    either ('4,030' steps, '1.500') takes the mark the caller decided for the file. So a
    spreadsheet with '10.5' km beside '172,5' cadence reads both right."""

    def __init__(self, table: CsvTable):
        self.table = table
        self.warnings: list[str] = []

    def _parse(self, column: int | None, parse: Callable[[str], float]) -> np.ndarray:
        out = np.full(len(self.table.rows), np.nan)
        if column is None:
            return out
        bad: list[int] = []
        for i, cell in enumerate(self.table.cells(column)):
            try:
                out[i] = parse(cell)
            except (ValueError, ZeroDivisionError):
                bad.append(self.table.lines[i])
        if bad:
            shown = ", ".join(map(str, bad[:_LINES_SHOWN])) + (", ..." if len(bad) > _LINES_SHOWN else "")
            self.warnings.append(f"column '{self.table.header[column]}': {len(bad)} cell(s) not understood "
                                 f"(line {shown}), left empty")
        return out

    def decimal_of(self, columns: list[int | None]) -> str:
        """The file's mark: ',' when any of these columns can only be read with a decimal comma."""
        for column in columns:
            if column is not None and cells.guess_decimal(self.table.cells(column)) == ",":
                return ","
        return "."

    def column_decimal(self, column: int | None, file_decimal: str = ".") -> str:
        """This column's mark where its cells settle it, else the file's."""
        if column is None:
            return file_decimal
        return cells.guess_decimal(self.table.cells(column), default=file_decimal)

    def numbers(self, column: int | None, decimal: str = ".", scale: float = 1.0) -> np.ndarray:
        mark = self.column_decimal(column, decimal)
        return self._parse(column, lambda c: cells.number(c, mark) * scale)

    def durations(self, column: int | None, plain_unit_s: float = 1.0) -> np.ndarray:
        return self._parse(column, lambda c: cells.duration_s(c, plain_unit_s))

    def times_of_day(self, column: int | None) -> np.ndarray:
        return self._parse(column, cells.time_of_day_s)

    def speeds(self, column: int | None, unit_m: float, decimal: str = ".") -> np.ndarray:
        mark = self.column_decimal(column, decimal)
        return self._parse(column, lambda c: cells.speed_m_s(c, unit_m, mark))

    def flags(self, column: int | None) -> np.ndarray:
        """Yes/no cells (cells.flag) as booleans, each distinct cell read once. A cell that is
        neither yes nor no reads as False and is named, with its lines, in a warning."""
        out = np.zeros(len(self.table.rows), dtype=bool)
        if column is None or not len(out):
            return out
        distinct, where = np.unique(np.asarray(self.table.cells(column), dtype=str), return_inverse=True)
        read = np.zeros(len(distinct), dtype=bool)
        unread = np.zeros(len(distinct), dtype=bool)
        for i, cell in enumerate(distinct.tolist()):
            try:
                read[i] = cells.flag(cell)
            except ValueError:
                unread[i] = True
        bad = np.flatnonzero(unread[where])
        if bad.size:
            lines = ", ".join(str(self.table.lines[i]) for i in bad[:_LINES_SHOWN]) + (
                ", ..." if bad.size > _LINES_SHOWN else "")
            values = ", ".join(f"'{v}'" for v in distinct[unread][:_LINES_SHOWN].tolist())
            self.warnings.append(f"column '{self.table.header[column]}': {bad.size} cell(s) neither yes nor no "
                                 f"({values}; line {lines}), read as no: write yes/no, true/false, 1/0 or x")
        return read[where]

    def texts(self, column: int | None) -> list[str]:
        if column is None:
            return [""] * len(self.table.rows)
        return [cells.text_value(c) for c in self.table.cells(column)]

    def datetimes(self, column: int, order: str = "dmy") -> list[pd.Timestamp | None]:
        return [parse_datetime(c, order) for c in self.table.cells(column)]


def first_valid(*arrays: np.ndarray) -> np.ndarray:
    """Cell by cell, the first array's value that is not NaN."""
    out = arrays[0].copy()
    for more in arrays[1:]:
        out = np.where(np.isnan(out), more, out)
    return out
