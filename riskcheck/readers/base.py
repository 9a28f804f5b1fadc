"""What every format reader returns.

A reader is a function `read_<format>(data: bytes, source: str, options: ReadOptions)
-> list[ParsedActivity]`. It works on bytes, so files inside archives and gzip streams are
read the same way as files on disk. It raises `FileProblem` (or `NotAnActivity`) when the
whole file is unusable; a partly damaged file returns what it could read and says what it
lost in `ParsedActivity.warnings`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class ReadOptions:
    tz: str | None = None          # IANA zone for sources without their own offset
    with_samples: bool = False     # keep each activity's per-sample frame in memory
    csv_column_map: dict[str, str] | None = None  # user's {their column: riskcheck field}


@dataclass
class ParsedActivity:
    """One activity as a reader found it. Fields left None are unknown in the source."""

    start_time_utc: pd.Timestamp | None  # None only when a CSV gives local time alone
    source_format: str
    # Sample frame indexed by tz-aware UTC `time`, columns from schema.SAMPLE_COLUMNS.
    samples: pd.DataFrame | None = None
    # The source's own totals, named like schema.ACTIVITY_COLUMNS (distance_m, elapsed_s,
    # moving_s, ascent_m, avg_hr_bpm, ...). They win over values computed from samples,
    # because devices compute them before smoothing and export.
    totals: dict[str, float] = field(default_factory=dict)
    utc_offset_s: float | None = None  # the file's own local-time offset, when it has one
    start_local: pd.Timestamp | None = None  # local wall clock written by the source (CSV)
    sport_raw: str = ""
    sub_sport_raw: str = ""
    surface_hint: str | None = None        # surface the source names (e.g. sub-sport trail)
    surface_hint_source: str = "unknown"   # device, service or user
    name: str = ""
    device: str = ""
    shoe: str = ""
    notes: str = ""
    rpe: float | None = None
    back_pain: float | None = None
    race: bool = False  # the source marks the activity as a race or competition
    athlete: str = ""
    columns_lost: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Names of other files in the same export this row points to (Strava 'filename').
    linked_file: str = ""
