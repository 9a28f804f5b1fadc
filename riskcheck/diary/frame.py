"""Diary rows from every diary file of one athlete -> the diary frame (riskcheck.diary)."""

from __future__ import annotations

import pandas as pd

from riskcheck.diary import DIARY_COLUMNS, empty_diary

_VALUES = ("back_pain", "other_pain", "injury", "days_lost", "note")


def _same(a: dict, b: dict) -> bool:
    return all(a[k] == b[k] or (a[k] != a[k] and b[k] != b[k]) for k in _VALUES)  # NaN == NaN here


def diary_frame(rows: list[dict], athlete: str = "") -> tuple[pd.DataFrame, list[str]]:
    """One row per day, and notes about days two files disagree on. A diary and its copy in a
    backup zip are the same days, not two episodes: a day's identical rows count once; when
    the files disagree the one read last (listed last) is kept, and the note says so."""
    by_day: dict = {}
    notes = []
    for row in rows:
        earlier = by_day.get(row["date"])
        if earlier is not None and not _same(earlier, row):
            notes.append(f"the diaries {earlier['source_file']} and {row['source_file']} differ on "
                         f"{row['date']}: the row of {row['source_file']} kept")
        by_day[row["date"]] = row
    if not by_day:
        return empty_diary(), notes
    frame = pd.DataFrame([by_day[d] for d in sorted(by_day)])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["athlete"] = athlete
    return frame[list(DIARY_COLUMNS)].astype(DIARY_COLUMNS).reset_index(drop=True), notes
