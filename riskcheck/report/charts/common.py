"""What every chart shares: colours, the checks for 'is there anything to draw', and the
marks of a change of data source."""

from __future__ import annotations

import pandas as pd

from riskcheck.report.charts.spec import Layer, Tip, days

STATUS_COLOURS = {"low": "#4c9a5b", "moderate": "#e0a030", "high": "#c8453c"}
SEVERITY_COLOURS = {"info": "#4a7fb5", "caution": "#e0a030", "high": "#c8453c"}
SEVERITY_ORDER = ("info", "caution", "high")
NEUTRAL = "#9aa5b1"
GUIDE = "#2b5f8a"
SOURCE_COLOUR = "#6b6b6b"
# A source must carry this many weeks of running in a row to count as the log's source: a
# week or two from another app (a race on a friend's watch) is not a change of hands.
MIN_SOURCE_WEEKS = 4


def has_values(frame: pd.DataFrame | None, *columns: str) -> bool:
    """True when the frame exists, has the columns and at least one non-missing value in each."""
    if frame is None or frame.empty or not set(columns) <= set(frame.columns):
        return False
    return all(frame[c].notna().any() for c in columns)


def has_positive(frame: pd.DataFrame | None, *columns: str) -> bool:
    """True when any of the columns holds a value above zero (a week of zeros shows nothing)."""
    if frame is None or frame.empty:
        return False
    return any(c in frame and (frame[c] > 0).any() for c in columns)


def source_changes(weekly: pd.DataFrame) -> pd.DataFrame:
    """x (the first week of the new source), text ('Strava list → FIT files (Forerunner 255)'):
    where the log's main data source changes for at least MIN_SOURCE_WEEKS running weeks.
    Climbing, cadence and surface depend on what recorded them, so a step there may be the
    source, not the runner."""
    if not has_values(weekly, "week_start", "source"):
        return pd.DataFrame(columns=["x", "text"])
    weeks = weekly.dropna(subset=["source"])
    segments: list[list] = []  # [source, first week, weeks]
    for week, source in zip(days(weeks["week_start"]), weeks["source"]):
        if segments and segments[-1][0] == source:
            segments[-1][2] += 1
        else:
            segments.append([source, week, 1])
    kept: list[list] = []
    for segment in segments:
        if segment[2] >= MIN_SOURCE_WEEKS or not kept:
            if kept and kept[-1][0] == segment[0]:
                kept[-1][2] += segment[2]
            else:
                kept.append(segment)
    if kept and kept[0][2] < MIN_SOURCE_WEEKS and len(kept) > 1:
        kept = kept[1:]
    rows = [{"x": new[1], "text": f"{old[0]} → {new[0]}"} for old, new in zip(kept, kept[1:])]
    return pd.DataFrame(rows, columns=["x", "text"])


def source_layers(weekly: pd.DataFrame) -> tuple[Layer, ...]:
    changes = source_changes(weekly)
    if changes.empty:
        return ()
    return (Layer("rule", changes, SOURCE_COLOUR, "data source changes (dashed; hover for which)",
                  tips=(Tip("x", "From the week of", "date"), Tip("text", "Main data source")),
                  dashed=True, size=1.2),)
