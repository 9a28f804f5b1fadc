"""CSV activity lists: Garmin Connect (any UI language, several vintages), Strava's bulk
export, Garmin Connect API dumps and riskcheck's own simple log; and per-sample recordings
of one activity (Polar, Wahoo, Epson, Joule, MOTOACTV, FitCSVTool: recordings.py).

    read_csv_log(data, source, options) -> list[ParsedActivity]

In a list, one row is one activity, summary only (samples None). Which layout a file has is decided
from its header; the user's column map (options.csv_column_map) reads any CSV that holds
the mapped columns as a simple log.
"""

from __future__ import annotations

from riskcheck.readers.base import ParsedActivity, ReadOptions
from riskcheck.readers.csv import foreign, garmin_api, garmin_connect, simple_log, strava
from riskcheck.readers.csv.mapping import mapped_columns
from riskcheck.readers.csv.recordings import read_recording
from riskcheck.readers.csv.rows import to_activities
from riskcheck.readers.csv.text import decode, read_table

__all__ = ["read_csv_log"]

# (matches(table), parse(table), source_format), tried in order. Strava and the API dump
# are told by their header alone; Garmin Connect's list may need its rows (garmin_columns).
_LAYOUTS = [
    (lambda table: strava.matches(table.header), strava.parse, "csv_strava"),
    (lambda table: garmin_api.matches(table.header), garmin_api.parse, "csv_garmin"),
    (garmin_connect.matches, garmin_connect.parse, "csv_garmin"),
]


def read_csv_log(data: bytes, source: str, options: ReadOptions) -> list[ParsedActivity]:
    """The activities of one CSV file. Raises FileProblem (or a subclass:
    NotAnActivity, UnrecognisedColumns) when the file holds none riskcheck can read;
    ConfigError when the column map names an unknown field."""
    text, warnings = decode(data)
    kind = foreign.recording_kind(text)
    if kind:
        activities = read_recording(kind, text, options)
        activities[0].warnings[:0] = warnings
        return activities
    foreign.check(text)
    table = read_table(text)
    if mapped_columns(table.header, options.csv_column_map):
        parsed, source_format = simple_log.parse(table, options.csv_column_map), "csv_log"
    else:
        layout = next(((parse, fmt) for matches, parse, fmt in _LAYOUTS if matches(table)), None)
        if layout:
            parsed, source_format = layout[0](table), layout[1]
        else:
            parsed, source_format = simple_log.parse(table), "csv_log"
    parsed.warnings[:0] = warnings
    return to_activities(table, parsed, source_format)
