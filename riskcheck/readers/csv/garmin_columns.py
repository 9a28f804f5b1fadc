"""Which columns of a CSV are which in a Garmin Connect activity list, in any UI language.

Two ways, tried in order:
- by name: the language whose names (garmin_vocabulary) match most of the header, when
  they include the type, date, distance and a time column;
- by position: Garmin writes the same first columns in every language (type, date,
  favourite, title, distance, calories, time), and the rows show it: an ISO date-time in
  the second column and only true/false in the third. A list in a language whose names
  riskcheck does not know (Russian, Czech, Finnish, ...) is read from those five columns,
  with a warning that the others were not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from riskcheck.readers.csv.columns import header_key
from riskcheck.readers.csv.garmin_vocabulary import LANGUAGES, Language
from riskcheck.readers.csv.text import CsvTable

NEEDED = ("sport_raw", "date", "distance")
TIMES = ("time", "moving", "elapsed")
# Same in every language seen (English, Spanish, Portuguese, Swedish, Hungarian, Chinese,
# Japanese, Polish ...): 0 type, 1 date, 2 favourite, 3 title, 4 distance, 5 calories, 6 time.
POSITIONS = {"sport_raw": 0, "date": 1, "name": 3, "distance": 4, "time": 6}
_FAVOURITE = 2
_ISO_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$")
_TRUE_FALSE = frozenset({"true", "false"})

# field -> folded names, per language, folded once.
_FOLDED: list[tuple[Language, dict[str, tuple[str, ...]]]] = [
    (lang, {f: tuple(header_key(n) for n in names) for f, names in lang.columns.items()})
    for lang in LANGUAGES
]


@dataclass
class GarminColumns:
    """field -> column index (None: not in this list), the language it was read in (None
    when read by position) and what the user should know about how it was read."""

    columns: dict[str, int | None]
    language: str | None
    month_first: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def described_language(self) -> str:
        return self.language or "a language riskcheck has no column names for"


def _by_name(header: list[str]) -> tuple[Language, dict[str, int]] | None:
    """The language whose names find the most fields, with the fields it finds."""
    first_at: dict[str, int] = {}
    for i, key in enumerate(header_key(h) for h in header):
        first_at.setdefault(key, i)
    best: tuple[Language, dict[str, int]] | None = None
    for lang, folded in _FOLDED:
        found = {f: i for f, names in folded.items()
                 if (i := next((first_at[n] for n in names if n in first_at), None)) is not None}
        if best is None or len(found) > len(best[1]):
            best = (lang, found)
    return best if best and best[1] else None


def _complete(found: dict[str, int]) -> bool:
    return set(NEEDED) <= set(found) and any(t in found for t in TIMES)


def has_garmin_shape(table: CsvTable) -> bool:
    """Rows that only Garmin's list has: an ISO date-time second and true/false third."""
    if len(table.header) <= max(POSITIONS.values()) or not table.rows:
        return False
    dates = [c.strip() for c in table.cells(POSITIONS["date"])]
    favourites = [c.strip().lower() for c in table.cells(_FAVOURITE)]
    return all(_ISO_DATE_TIME.match(d) for d in dates) and set(favourites) <= _TRUE_FALSE


def find(table: CsvTable) -> GarminColumns | None:
    """The list's columns, or None when the table is not a Garmin Connect activity list."""
    named = _by_name(table.header)
    if named and _complete(named[1]):
        lang, found = named
        return GarminColumns(columns=_all_fields(found), language=lang.name, month_first=lang.month_first)
    if not has_garmin_shape(table):
        return None
    found = dict(named[1]) if named else {}
    for f, position in POSITIONS.items():
        found.setdefault(f, position)
    by_position = [table.header[POSITIONS[f]] for f in POSITIONS]
    unread = [h for i, h in enumerate(table.header) if h and i not in found.values()]
    warning = ("Garmin Connect list whose column names riskcheck does not know: read by "
               f"position ({', '.join(by_position)} as type, date, title, distance, time)")
    if unread:
        warning += f"; not read: {', '.join(unread)}"
    return GarminColumns(columns=_all_fields(found), language=named[0].name if named else None,
                         warnings=[warning])


def _all_fields(found: dict[str, int]) -> dict[str, int | None]:
    fields = {f for lang in LANGUAGES for f in lang.columns} | set(POSITIONS)
    return {f: found.get(f) for f in sorted(fields)}
