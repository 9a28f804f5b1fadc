"""Bytes -> text -> a header and rows of cells.

Exports come as UTF-8 (with or without BOM), UTF-16 (Excel's 'Unicode text') or, from older
Windows tools, Latin-1/cp1252. The csv module does the splitting rather than pandas
read_csv, because real exports have title lines before the header (old Garmin Connect),
duplicate column names (Strava) and ragged rows, all of which need the raw cells.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass

from riskcheck.errors import FileProblem, NotAnActivity

_DELIMITERS = ",;\t"
HEADER_SEARCH_LINES = 12  # title lines an export may put above its header

# The csv module refuses a cell over 131,072 characters, and with it the whole file: one long
# note lost every run of a diary. A cell can be no longer than its file, which Limits bounds.
csv.field_size_limit(2**31 - 1)


def decode(data: bytes) -> tuple[str, list[str]]:
    """The file's text and, when the encoding was guessed, a warning saying so."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            raise FileProblem(f"UTF-16 text with a broken character at byte {exc.start}") from exc
    if b"\x00" in data[:4096]:
        raise FileProblem("binary data, not a CSV text file")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        # cp1252 is Latin-1 plus the quotes and euro sign Windows puts in 0x80-0x9f.
        try:
            return data.decode("cp1252"), ["text is not UTF-8: read as Windows-1252/Latin-1"]
        except UnicodeDecodeError:
            return data.decode("latin-1"), ["text is not UTF-8: read as Latin-1"]


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the first lines into the most, and most equal, fields."""
    def score(delim: str) -> tuple[int, int]:
        widths = [len(row) for row in csv.reader(lines, delimiter=delim)]
        return (max(widths, default=0), -len(set(widths)))
    return max(_DELIMITERS, key=score)


@dataclass
class CsvTable:
    """A header and its data rows. `lines[i]` is the file line where row i ends, for
    messages the user can follow in a spreadsheet or editor."""

    header: list[str]
    rows: list[list[str]]
    lines: list[int]

    def cells(self, column: int) -> list[str]:
        return [row[column] if column < len(row) else "" for row in self.rows]


def _header_index(filled: list[int]) -> int:
    """The header's index among the first rows, given their non-empty cell counts: the first
    row at least as full as the commonest count of rows with two cells or more (the earliest
    such count on a tie). Not simply the fullest row: a data row with a cell too many must
    not become the header."""
    counts = [n for n in filled if n >= 2]
    if not counts:
        return filled.index(max(filled))
    common = max(counts, key=lambda n: (counts.count(n), -counts.index(n)))
    return next(i for i, n in enumerate(filled) if n >= common)


def read_table(text: str) -> CsvTable:
    """Split text into rows and find the header: the first row, within the first lines,
    with as many non-empty cells as most of those rows have (title lines such as
    'Aktivitäten von ...' and blank lines have fewer; a shifted data row more)."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise NotAnActivity("empty CSV file")
    head = text.splitlines()[:HEADER_SEARCH_LINES]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(head))
    records: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            records.append((reader.line_num, [cell.strip() for cell in row]))
    except csv.Error as exc:
        raise FileProblem(f"CSV cannot be split into cells at line {reader.line_num}: {exc}") from exc
    at = _header_index([sum(1 for c in row if c) for _, row in records[:HEADER_SEARCH_LINES]])
    header = records[at][1]
    while header and not header[-1]:  # the old Garmin export ends every line with a comma
        header = header[:-1]
    body = [(line, row) for line, row in records[at + 1:] if any(row)]
    return CsvTable(header=header, rows=[row for _, row in body], lines=[line for line, _ in body])
