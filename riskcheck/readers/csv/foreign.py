"""CSV files that are not activity lists, recognised by their first lines.

Two kinds: per-sample recordings of one activity (told apart here, read by
`recordings.py`), and files that hold no activity at all (body measurements, sleep,
gear lists), which are skipped with a reason naming what the file is, never failed."""

from __future__ import annotations

import re

from riskcheck.errors import NotAnActivity

HEAD_LINES = 8

# (pattern in one of the first lines, what the file is). Matched case-insensitively against
# each stripped line with its quotes removed.
_NOT_ACTIVITIES: list[tuple[str, str]] = [
    (r"^date,type,value$", "a body measurement log (Runkeeper measurements.csv: weight and the like)"),
    (r"^(date|time|timestamp|datetime|date time),\s*weight\b", "a weight log"),
    (r"\bweight.*\b(bmi|body ?fat)", "a body composition log (weight, BMI, body fat)"),
    (r"\bminutes asleep\b|^sleep\b|,sleep (start|end|duration|score)\b", "a sleep log"),
    (r"^date,steps$|^date,(calories burned|steps),", "a daily activity-tracker summary (steps per day)"),
    (r"^(shoe|gear) name,", "a gear list"),
    (r"\bfirst ?name,.*\blast ?name\b", "an account profile (Strava's profile.csv: the athlete's name and details)"),
]

# A line naming any of these is an activity list's header, whatever else it holds (a runner's
# log may well keep a weight column).
_ACTIVITY_WORDS = r"distan|duration|\bkm\b|\bmiles?\b|\bpace\b|elapsed|moving time|\bsport\b|activity type"

# (pattern, name of the recording). recordings.py reads these; the name goes into reasons.
RECORDINGS: list[tuple[str, str]] = [
    (r"^type,local number,message,", "fitcsv"),
    (r"^\[\[training\]\]", "epson"),
    (r"^device,.*appversion", "wahoo"),
    (r"^version,date/time,km,minutes", "joule"),
    (r"^distance,activity_id,heartrate", "motoactv"),
    (r"^sample rate,time,hr \(bpm\)", "polar"),
]


def _head(text: str) -> list[str]:
    return [line.strip().replace('"', "") for line in text.lstrip("\ufeff").splitlines()[:HEAD_LINES]]


def recording_kind(text: str) -> str | None:
    """Which per-sample recording the text is ('fitcsv', 'polar', ...), or None."""
    for line in _head(text):
        for pattern, kind in RECORDINGS:
            if re.search(pattern, line, re.IGNORECASE):
                return kind
    return None


def check(text: str) -> None:
    """Raise NotAnActivity when the text is a known CSV that holds no activity."""
    for line in _head(text)[:3]:
        if re.search(_ACTIVITY_WORDS, line, re.IGNORECASE):
            return
        for pattern, what in _NOT_ACTIVITIES:
            if re.search(pattern, line, re.IGNORECASE):
                raise NotAnActivity(f"{what}, not a list of activities")
