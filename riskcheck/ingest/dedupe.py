"""One session counts once.

Runners' exports overlap: the watch's FIT and Strava's GPX of the same run, an activity
list CSV beside the files it lists. Two activities are the same session when they start
within START_TOLERANCE of each other and their distances agree within DISTANCE_TOLERANCE.
The richer record is kept (more samples, then the better format) and fills the fields it
lacks from the other; the dropped one is reported, never lost silently.
"""

from __future__ import annotations

import math
import posixpath

import pandas as pd

START_TOLERANCE = pd.Timedelta(minutes=2)
DISTANCE_TOLERANCE = 0.03
QUARTER_HOUR = pd.Timedelta(minutes=15)
MAX_UTC_OFFSET = pd.Timedelta(hours=14)
NEIGHBOURS = 16  # activities close in time that are compared with each new one
FORMAT_RICHNESS = {"fit": 4, "tcx": 3, "gpx": 2}
# Fields a summary source (a diary, a service's list) often has and a device file lacks.
FILLABLE = ("name", "shoe", "notes", "rpe", "back_pain")


def _richness(row: dict) -> tuple:
    n = row.get("n_samples")
    samples = 0 if n is None or pd.isna(n) else int(n)
    channels = sum(not _missing(row.get(c)) for c in ("avg_hr_bpm", "avg_cadence_spm", "ascent_m"))
    return samples, channels, FORMAT_RICHNESS.get(row["source_format"], 1)


def _missing(value) -> bool:
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


def _fill_from(kept: dict, dropped: dict) -> None:
    offset = _local_offset(kept, dropped)
    if offset is not None and kept["tz_source"] == "utc":  # the diary tells the track's local time
        kept["start_local"] = kept["start_time_utc"].tz_localize(None) + offset
        kept["local_date"] = kept["start_local"].normalize()
        kept["tz_source"] = "matched"
    for col in FILLABLE:
        if _missing(kept.get(col)) and not _missing(dropped.get(col)):
            kept[col] = dropped[col]
    # A service or user naming the sport or surface is better than our inference.
    if kept.get("surface_source") in ("inferred", "unknown") and dropped.get("surface_source") in ("user", "service"):
        kept["surface"], kept["surface_source"] = dropped["surface"], dropped["surface_source"]
    if kept.get("sport") == "other" and dropped.get("sport") != "other":
        kept["sport"], kept["is_run"], kept["sport_raw"] = dropped["sport"], dropped["is_run"], dropped["sport_raw"]


def _local_offset(a: dict, b: dict) -> pd.Timedelta | None:
    """When one record knows only local time and the other only UTC (a diary row and a GPX
    track), their clocks differ by the athlete's UTC offset: a whole quarter-hour."""
    local, utc = (a, b) if a["tz_source"] == "local" else (b, a)
    if (local["tz_source"], utc["tz_source"]) != ("local", "utc"):
        return None
    delta = local["start_local"] - utc["start_time_utc"].tz_localize(None)
    offset = round(delta / QUARTER_HOUR) * QUARTER_HOUR
    if abs(offset) <= MAX_UTC_OFFSET and abs(delta - offset) <= START_TOLERANCE:
        return offset
    return None


def _same_session(a: dict, b: dict) -> bool:
    if _local_offset(a, b) is None:
        # a local-only record compares local clocks (the other knows its local time too)
        clock = "start_local" if "local" in (a["tz_source"], b["tz_source"]) else "start_time_utc"
        if abs(a[clock] - b[clock]) > START_TOLERANCE:
            return False
    da, db = a.get("distance_m"), b.get("distance_m")
    if _missing(da) or _missing(db) or max(da, db) == 0:
        return _missing(da) and _missing(db)
    return abs(da - db) <= DISTANCE_TOLERANCE * max(da, db)


def _note_dropped(outcomes: dict, dropped: dict, kept: dict, why: str) -> None:
    outcome = outcomes[dropped["source_file"]]
    outcome.activities -= 1
    outcome.duplicates += 1
    outcome.warnings.append(f"activity at {dropped['start_time_utc']:%Y-%m-%d %H:%M} UTC {why} {kept['source_file']}")
    if outcome.activities == 0 and outcome.status == "read":
        outcome.status = "duplicate"
        outcome.reason = (f"{why} {kept['source_file']}" if outcome.duplicates == 1
                          else f"all {outcome.duplicates} activities are also in other files")


def join_linked_rows(rows: list[dict], outcomes: dict) -> list[dict]:
    """Rows of an export's activity list (Strava's activities.csv) that name their file
    (activities/123.fit.gz) give that file's activity its name, gear and type, and are
    then dropped as duplicates of it."""
    by_path = {posixpath.normpath(_posix(row["source_file"])): row for row in rows if not row["source_format"].startswith("csv")}
    kept = []
    for row in rows:
        linked = row.get("_linked_file")
        if linked:
            # The list names files relative to itself: 'activities/1.gpx' beside activities.csv.
            here = posixpath.dirname(_posix(row["source_file"]))
            target = by_path.get(posixpath.normpath(posixpath.join(here, _posix(linked))))
            if target is not None:
                _fill_from(target, row)
                _note_dropped(outcomes, row, target, "describes")
                continue
        kept.append(row)
    return kept


def _posix(path: str) -> str:
    """Archive members ('x.zip!a/b') and folder paths compared with one separator."""
    return path.replace("\\", "/").replace("!", "/")


def drop_duplicates(rows: list[dict], outcomes: dict) -> list[dict]:
    # Sorted by local start: local-only rows sit next to their twins whatever the offset.
    rows = sorted(rows, key=lambda r: r["start_local"])
    kept: list[dict] = []
    for row in rows:
        twin = next((k for k in reversed(kept[-NEIGHBOURS:]) if _same_session(k, row)), None)
        if twin is None:
            kept.append(row)
            continue
        winner, loser = (twin, row) if _richness(twin) >= _richness(row) else (row, twin)
        _fill_from(winner, loser)
        _note_dropped(outcomes, loser, winner, "is the same session as")
        kept[kept.index(twin)] = winner
    return kept
