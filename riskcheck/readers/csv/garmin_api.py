"""Garmin Connect's activity JSON flattened to CSV (python-garminconnect and similar
tools write it: camelCase names, metres, seconds and m/s, both GMT and local start).
`activityId` is the key the same tools name downloaded files by (123456789.fit): a row is
joined with its file by it (ingest/dedupe.py). `eventType_typeKey` is the event type the user
sets in Garmin Connect (race, training, uncategorized, ...): 'race' marks a race. The Connect
website's own Activities.csv has no such column, and titles are not read for it."""

from __future__ import annotations

import numpy as np

from riskcheck.readers.csv.columns import ColumnReader, first_valid
from riskcheck.readers.csv.rows import Parsed
from riskcheck.readers.csv.text import CsvTable

RACE_EVENT_TYPE = "race"  # Garmin Connect's eventType typeKey of a race
_REQUIRED = {"startTimeLocal", "distance", "duration", "activityType_typeKey"}
# riskcheck total -> the API's field; all already SI.
_TOTALS = {"distance_m": "distance", "elapsed_s": "elapsedDuration", "ascent_m": "elevationGain",
           "descent_m": "elevationLoss", "avg_hr_bpm": "averageHR", "max_hr_bpm": "maxHR",
           "avg_cadence_spm": "averageRunningCadenceInStepsPerMinute", "avg_speed_m_s": "averageSpeed",
           "max_speed_m_s": "maxSpeed"}


def matches(header: list[str]) -> bool:
    return _REQUIRED <= set(header)


def parse(table: CsvTable) -> Parsed:
    read = ColumnReader(table)

    def col(name: str) -> int | None:
        return table.header.index(name) if name in table.header else None

    totals = {ours: read.numbers(col(theirs)) for ours, theirs in _TOTALS.items()}
    totals["moving_s"] = first_valid(read.numbers(col("movingDuration")), read.numbers(col("duration")))
    return Parsed(
        starts=read.datetimes(col("startTimeLocal")),
        starts_utc=read.datetimes(col("startTimeGMT")) if col("startTimeGMT") is not None else None,
        totals=totals,
        texts={"sport_raw": read.texts(col("activityType_typeKey")), "name": read.texts(col("activityName")),
               "linked_file": [_activity_id(t) for t in read.texts(col("activityId"))]},
        flags={"race": np.char.lower(np.asarray(read.texts(col("eventType_typeKey")), dtype=str))
               == RACE_EVENT_TYPE},
        warnings=read.warnings,
    )


def _activity_id(text: str) -> str:
    """'123456789' (also written '123456789.0' by a spreadsheet) -> '123456789'; else ''."""
    digits = text.strip().removesuffix(".0")
    return digits if digits.isdigit() else ""
