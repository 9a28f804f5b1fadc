"""One ParsedActivity per data row, from the columns a layout has parsed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from riskcheck.errors import FileProblem, NotAnActivity
from riskcheck.readers.base import ParsedActivity
from riskcheck.readers.csv.text import CsvTable
from riskcheck.sport import is_known_sport_name

_NAMES_SHOWN = 12


@dataclass
class Parsed:
    """A layout's columns, one value per data row. `starts` are local wall clock unless
    `starts_are_utc`; totals are named like schema.ACTIVITY_COLUMNS and in SI."""

    starts: list[pd.Timestamp | None]
    starts_are_utc: bool = False
    starts_utc: list[pd.Timestamp | None] | None = None  # a second, UTC start column
    totals: dict[str, np.ndarray] = field(default_factory=dict)
    texts: dict[str, list[str]] = field(default_factory=dict)  # ParsedActivity text fields
    scores: dict[str, np.ndarray] = field(default_factory=dict)  # rpe, back_pain
    flags: dict[str, np.ndarray] = field(default_factory=dict)  # race: one bool per row
    surface: list[str | None] | None = None
    warnings: list[str] = field(default_factory=list)


def _nan_to_none(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def _utc_of_row(parsed: Parsed, i: int) -> pd.Timestamp | None:
    return parsed.starts_utc[i] if parsed.starts_utc else None


def to_activities(table: CsvTable, parsed: Parsed, source_format: str) -> list[ParsedActivity]:
    """The activities of a table. Rows whose date cannot be read are skipped and named in
    a warning; file-wide warnings go on the first activity (they are said once)."""
    activities: list[ParsedActivity] = []
    skipped: list[str] = []
    shifted = shifted_rows(table)
    for i, start in enumerate(parsed.starts):
        if i in shifted:
            continue
        if start is None or pd.isna(start):
            skipped.append(str(table.lines[i]))
            continue
        local, utc = (None, start) if parsed.starts_are_utc else (start, _utc_of_row(parsed, i))
        activity = ParsedActivity(
            start_time_utc=utc.tz_localize("UTC") if utc is not None else None,
            start_local=local,
            source_format=source_format,
            totals={k: float(v[i]) for k, v in parsed.totals.items() if not np.isnan(v[i])},
            **{k: v[i] for k, v in parsed.texts.items()},
            **{k: _nan_to_none(v[i]) for k, v in parsed.scores.items()},
            **{k: bool(v[i]) for k, v in parsed.flags.items()},
        )
        if parsed.surface and parsed.surface[i]:
            activity.surface_hint, activity.surface_hint_source = parsed.surface[i], "user"
        activities.append(activity)
    warnings = list(parsed.warnings) + unknown_sports(parsed.texts.get("sport_raw", []))
    if skipped:
        warnings.append(f"{len(skipped)} row(s) skipped because the date is not understood: line "
                        + ", ".join(skipped[:10]) + (", ..." if len(skipped) > 10 else ""))
    if shifted:
        lines = [f"{table.lines[i]} ({n} cells)" for i, n in list(shifted.items())[:10]]
        warnings.append(f"{len(shifted)} row(s) not read because their cells do not fit the header's "
                        f"{len(table.header)} columns (a shifted row: a cell added or lost): line "
                        + ", ".join(lines) + (", ..." if len(shifted) > 10 else ""))
    if not activities:
        if not table.rows:
            raise NotAnActivity("CSV has a header but no activity rows")
        if len(shifted) == len(table.rows):
            raise FileProblem("no row of the CSV fits its header; " + "; ".join(warnings))
        raise FileProblem("no row of the CSV has a readable date; " + "; ".join(warnings))
    activities[0].warnings.extend(warnings)
    return activities


def shifted_rows(table: CsvTable) -> dict[int, int]:
    """{row index: its cell count} of the rows with more filled cells than the header has
    columns, or fewer cells: read by position, their values would land under the wrong
    columns (a pace read as a distance). Trailing empty cells are not counted (old Garmin
    exports end every line with a comma)."""
    width = len(table.header)
    out: dict[int, int] = {}
    for i, row in enumerate(table.rows):
        filled = len(row)
        while filled and not row[filled - 1]:
            filled -= 1
        if filled > width or len(row) < width:
            out[i] = filled if filled > width else len(row)
    return out


def unknown_sports(sport_names: list[str]) -> list[str]:
    """One warning naming every sport name riskcheck did not understand, with its count:
    those rows count as 'other', and a user whose runs are among them must see it."""
    counts = Counter(name for name in sport_names if not is_known_sport_name(name))
    if not counts:
        return []
    shown = ", ".join(f"'{name}' ({n})" for name, n in counts.most_common(_NAMES_SHOWN))
    more = f" and {len(counts) - _NAMES_SHOWN} more" if len(counts) > _NAMES_SHOWN else ""
    return [f"{sum(counts.values())} row(s) with a sport riskcheck does not know, counted as 'other' "
            f"(not as runs): {shown}{more}"]
