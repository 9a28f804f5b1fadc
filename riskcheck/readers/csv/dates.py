"""Dates and times as the exports write them -> naive wall-clock Timestamps.

Seen in real exports: '2025-11-13 18:35:58', '7/4/2020 15:36' (US month first),
'Fr, 25 Mai 2012 20:31' (old German Garmin), 'Oct 6, 2022, 11:19:20 PM' and
'24 Dec 2020, 08:13:59' (Strava), '18.02.12' and '20-06-2018' (hand-kept logs, Polar).
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from riskcheck.readers.csv.cells import time_of_day_s

# Month names and abbreviations in English, German, French and Spanish (accents folded).
_MONTHS = {
    1: ("jan", "january", "januar", "janv", "janvier", "ene", "enero", "jän", "jaen"),
    2: ("feb", "february", "februar", "fev", "fevr", "fevrier", "febrero"),
    3: ("mar", "march", "marz", "maerz", "mrz", "mars", "marzo"),
    4: ("apr", "april", "avr", "avril", "abr", "abril"),
    5: ("may", "mai", "mayo"),
    6: ("jun", "june", "juni", "juin", "junio"),
    7: ("jul", "july", "juli", "juil", "juillet", "julio"),
    8: ("aug", "august", "aout", "ago", "agosto"),
    9: ("sep", "sept", "september", "septembre", "septiembre", "set"),
    10: ("oct", "october", "okt", "oktober", "octobre", "octubre"),
    11: ("nov", "november", "novembre", "noviembre"),
    12: ("dec", "december", "dez", "dezember", "decembre", "dic", "diciembre"),
}
_MONTH_OF = {name: number for number, names in _MONTHS.items() for name in names}
# Weekday names and abbreviations that lead a date ('Fr, 25 Mai 2012', 'mar., 1 juil. 2014'):
# English, German, French, Spanish, Italian, Portuguese (accents folded). French and Spanish
# 'mar' (mardi, martes) is also March, so a leading weekday is dropped before months are read.
_WEEKDAYS = frozenset({
    "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs", "thursday",
    "fri", "friday", "sat", "saturday", "sun", "sunday",
    "mo", "di", "mi", "do", "fr", "sa", "so", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
    "samstag", "sonntag",
    "lun", "mar", "mer", "jeu", "ven", "sam", "dim", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
    "samedi", "dimanche",
    "mie", "jue", "vie", "sab", "dom", "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
    "gio", "lunedi", "martedi", "mercoledi", "giovedi", "venerdi",
    "seg", "ter", "qua", "qui", "sex", "segunda", "terca", "quarta", "quinta", "sexta",
})
_LEADING_WORD = re.compile(r"^\s*([^\W\d_]+)\.?\s*,?\s*(?=\d)")
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?"
_TIME = r"(?:[ T,]+(" + _CLOCK + "))?"
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME + r"\s*(?:Z|[+-]\d{2}:?\d{2})?$")
_NUMERIC = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{2}|\d{4})" + _TIME + "$")
_WORD = re.compile(r"[^\W\d_]+\.?")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _at(day: pd.Timestamp, clock: str | None) -> pd.Timestamp:
    return day if not clock else day + pd.Timedelta(seconds=time_of_day_s(clock))


def _full_year(year: str) -> int:
    value = int(year)
    if len(year) == 2:  # '18.02.12': two-digit years in running logs are this century or late last
        value += 2000 if value < 70 else 1900
    return value


def slash_order(cells: list[str]) -> str | None:
    """'dmy' or 'mdy' when some numeric date proves it (a part above 12), else None."""
    for cell in cells:
        m = _NUMERIC.match(cell.strip())
        if m and int(m.group(1)) > 12:
            return "dmy"
        if m and int(m.group(3)) > 12:
            return "mdy"
    return None


def parse_datetime(cell: str, order: str = "dmy") -> pd.Timestamp | None:
    """A naive Timestamp, or None when the cell is not a date riskcheck understands.
    `order` settles numeric dates such as 7/4/2020 ('dmy' or 'mdy')."""
    text = cell.strip()
    try:
        # An ISO offset ('+02:00') is ignored on purpose: the wall clock is what callers want.
        if m := _ISO.match(text):
            return _at(pd.Timestamp(int(m[1]), int(m[2]), int(m[3])), m[4])
        if m := _NUMERIC.match(text):
            first, second = int(m[1]), int(m[3])
            day, month = (first, second) if order == "dmy" else (second, first)
            return _at(pd.Timestamp(_full_year(m[4]), month, day), m[5])
    except ValueError:
        return None
    return _parse_worded(text)


_WORDED_TIME = re.compile(_CLOCK)


def _parse_worded(text: str) -> pd.Timestamp | None:
    """'Oct 6, 2022, 11:19:20 PM', '24 Dec 2020, 08:13:59', 'Fr, 25 Mai 2012 20:31'."""
    folded = _fold(text)
    months = _months_in(folded)
    weekday = _LEADING_WORD.match(folded)
    if len(months) > 1 and weekday and weekday[1] in _WEEKDAYS:  # 'mar.' is Tuesday, not March
        folded = folded[weekday.end():]
        months = _months_in(folded)
    if len(months) != 1:
        return None
    clock = _WORDED_TIME.search(folded)
    date_part = folded[:clock.start()] if clock else folded
    numbers = re.findall(r"\d+", date_part)
    years = [n for n in numbers if len(n) == 4]
    days = [n for n in numbers if len(n) <= 2]
    if len(years) != 1 or len(days) != 1:
        return None
    try:
        return _at(pd.Timestamp(int(years[0]), months[0], int(days[0])), clock[0] if clock else None)
    except ValueError:
        return None


def _months_in(folded: str) -> list[int]:
    return [_MONTH_OF[w.rstrip(".")] for w in _WORD.findall(folded) if w.rstrip(".") in _MONTH_OF]
