"""One session counts once.

Runners' exports overlap: the watch's FIT and Strava's GPX of the same run, an activity
list CSV beside the files it lists. Pairing goes in two steps:

1. By the service's own key: a list row that names its file (Strava's `Filename`,
   Runkeeper's `GPX File`) and that file are one session, whatever the clocks say. The
   file gives the samples; the list gives name, sport, gear and the values the user may
   have corrected. They are merged field by field (`merge_list_row`): a value is never
   taken when it is implausible for the sport, and every value taken from the list over
   the file's is said in a warning on the file.
2. By start time and distance together: two activities of different sources are the same
   session when they start within START_TOLERANCE of each other (or, when one knows only
   its local wall clock, a whole quarter-hour UTC offset apart) and their distances agree
   within DISTANCE_TOLERANCE. Of several candidates the closest in time, then distance,
   is the twin, so close sessions never swap. The richer record is kept (more samples,
   then the better format) and fills the fields it lacks from the other; the dropped one
   is reported, never lost silently.

Activities of one source (rows of one hand-kept log, sessions of one file) are never
duplicates of each other: a runner may log two equal runs on one day. Rows identical in
every field are kept too, with a warning saying so.
"""

from __future__ import annotations

import math
import posixpath
import re

import pandas as pd

from riskcheck.schema import RUN_SPORTS

START_TOLERANCE = pd.Timedelta(minutes=2)
DISTANCE_TOLERANCE = 0.03
QUARTER_HOUR = pd.Timedelta(minutes=15)
MAX_UTC_OFFSET = pd.Timedelta(hours=14)
NEIGHBOURS = 16  # activities close in time that are compared with each new one
OFFSET_RANK = 3  # a pair matched across a UTC offset ranks after any pair matched as it is
FORMAT_RICHNESS = {"fit": 4, "tcx": 3, "gpx": 2}
# Fields a summary source (a diary, a service's list) often has and a device file lacks.
FILLABLE = ("name", "shoe", "notes", "rpe", "back_pain")
# A flag either record of one session sets: merged with a logical OR (a race in the diary is a
# race whatever the device file says; neither record's False undoes the other's True).
FLAGS = ("race",)

# --- Plausibility of a list row's or a file's values for the same session ----------------
AGREE_WITHIN = 0.03  # list and file values closer than this agree: the file's is kept
SPARSE_TRACK_POINTS = 30  # a track of fewer points is a drawn route: its times are not the run's
FASTEST_RUN_M_S = 25 / 3.6  # no runner holds 25 km/h over RUN_SPEED_CHECK_M
RUN_SPEED_CHECK_M = 3000.0
SLOWEST_MOVING_M_S = 0.3  # about 1 km/h: slower is not the average of a session on the move
RECORDED_TOTALS = ("fit", "tcx")  # formats that carry the device's own distance and timer
MOVING_SPORTS = RUN_SPORTS | {"walk_hike", "ride"}  # (a gym session's distance says nothing)
# The list's clock is a wall clock when it comes from a hand-kept log or a service's list
# with local times: tz_source 'local' (no zone), or 'file' with the zone applied to it.
_LIST_FORMATS = ("csv_log", "csv_garmin")
_UTC_ONLY = ("utc", "setting")


def _richness(row: dict) -> tuple:
    n = row.get("n_samples")
    samples = 0 if n is None or pd.isna(n) else int(n)
    channels = sum(not _missing(row.get(c)) for c in ("avg_hr_bpm", "avg_cadence_spm", "ascent_m"))
    return samples, channels, FORMAT_RICHNESS.get(row["source_format"], 1)


def _missing(value) -> bool:
    return value is None or value is pd.NA or value == "" or (isinstance(value, float) and math.isnan(value))


def _sources(row: dict) -> set[str]:
    """The files a row stands for: its own and those of the rows merged into it."""
    return row.setdefault("_sources", {row["source_file"]})


def _set_local_clock(kept: dict, offset: pd.Timedelta) -> None:
    kept["start_local"] = kept["start_time_utc"].tz_localize(None) + offset
    kept["local_date"] = kept["start_local"].normalize()
    kept["tz_source"] = "matched"


def _fill_from(kept: dict, dropped: dict) -> None:
    offset = _local_offset(kept, dropped)
    if offset is not None and kept["tz_source"] in _UTC_ONLY:  # the diary tells the track's local time
        _set_local_clock(kept, offset)
    for col in FILLABLE:
        if _missing(kept.get(col)) and not _missing(dropped.get(col)):
            kept[col] = dropped[col]
    _or_flags(kept, dropped)
    _take_surface(kept, dropped)
    if (kept.get("sport") == "other" and dropped.get("sport") != "other") or (
            dropped.get("_sport_from_list") and not kept.get("_sport_from_list")):
        _take_sport(kept, dropped)
    _sources(kept).update(_sources(dropped))


def _or_flags(kept: dict, other: dict) -> None:
    for col in FLAGS:
        kept[col] = bool(kept.get(col)) or bool(other.get(col))


def _take_surface(kept: dict, other: dict) -> None:
    # A service or user naming the surface is better than our inference.
    if kept.get("surface_source") in ("inferred", "unknown") and other.get("surface_source") in ("user", "service"):
        kept["surface"], kept["surface_source"] = other["surface"], other["surface_source"]


def _take_sport(kept: dict, other: dict) -> None:
    kept["sport"], kept["is_run"], kept["sport_raw"] = other["sport"], other["is_run"], other["sport_raw"]
    kept["_sport_from_list"] = other.get("_sport_from_list", False)


def _has_wall_clock_only(row: dict) -> bool:
    """A hand-kept log's or a service list's local wall clock: with a zone set its UTC start
    is that zone's, which is wrong for a run recorded elsewhere."""
    return row["tz_source"] == "local" or (row["tz_source"] == "file" and row["source_format"] in _LIST_FORMATS)


def _local_offset(a: dict, b: dict) -> pd.Timedelta | None:
    """When one record knows only its local wall clock and the other only UTC (a diary row
    and a GPX track), their clocks differ by the athlete's UTC offset: a whole quarter-hour.
    Holds whatever zone was set: the diary's wall clock is where the run was."""
    local, utc = (a, b) if _has_wall_clock_only(a) else (b, a)
    if not _has_wall_clock_only(local) or utc["tz_source"] not in _UTC_ONLY:
        return None
    delta = local["start_local"] - utc["start_time_utc"].tz_localize(None)
    offset = round(delta / QUARTER_HOUR) * QUARTER_HOUR
    if abs(offset) <= MAX_UTC_OFFSET and abs(delta - offset) <= START_TOLERANCE:
        return offset
    return None


def _clock_gap(a: dict, b: dict) -> pd.Timedelta | None:
    """How far apart two records start, on the clock they share; None when too far."""
    if a["tz_source"] == "local" or b["tz_source"] == "local":
        # a local-only record compares local clocks (the other knows its local time too)
        gap = abs(a["start_local"] - b["start_local"])
    else:
        gap = abs(a["start_time_utc"] - b["start_time_utc"])
    if gap <= START_TOLERANCE:
        return gap
    offset = _local_offset(a, b)
    if offset is None:
        return None
    local, utc = (a, b) if _has_wall_clock_only(a) else (b, a)
    # ranked after every pair whose clocks agree as they are (see _closeness)
    return abs(local["start_local"] - utc["start_time_utc"].tz_localize(None) - offset) + OFFSET_RANK * START_TOLERANCE


def _distance_gap(a: dict, b: dict) -> float | None:
    da, db = a.get("distance_m"), b.get("distance_m")
    if _missing(da) or _missing(db) or max(da, db) == 0:
        return 0.0 if _missing(da) and _missing(db) else None
    gap = abs(da - db) / max(da, db)
    return gap if gap <= DISTANCE_TOLERANCE else None


def _closeness(a: dict, b: dict) -> float | None:
    """How far apart two records of one session are, start gap and distance gap each as a
    share of its tolerance; None when they are not one session."""
    clock = _clock_gap(a, b)
    if clock is None:
        return None
    distance = _distance_gap(a, b)
    return None if distance is None else clock / START_TOLERANCE + distance / DISTANCE_TOLERANCE


def _same_session(a: dict, b: dict) -> bool:
    return _closeness(a, b) is not None


def _note_dropped(outcomes: dict, dropped: dict, kept: dict, why: str) -> None:
    outcome = outcomes[dropped["source_file"]]
    outcome.activities -= 1
    outcome.duplicates += 1
    outcome.warnings.append(f"activity at {dropped['start_time_utc']:%Y-%m-%d %H:%M} UTC {why} {kept['source_file']}")
    if outcome.activities == 0 and outcome.status == "read":
        outcome.status = "duplicate"
        outcome.reason = (f"{why} {kept['source_file']}" if outcome.duplicates == 1
                          else f"all {outcome.duplicates} activities are also in other files")


# --- 1. Joined by the service's key ------------------------------------------------------
def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60}:{rest % 60:02d}"


def _shown(column: str, value: float) -> str:
    return f"{value / 1000:.2f} km" if column == "distance_m" else _duration(value)


def _speed_problem(sport: str, distance: float, seconds: float) -> str | None:
    """Why a distance and a time cannot be one session of this sport, or None."""
    if _missing(distance) or _missing(seconds) or distance <= 0 or seconds <= 0:
        return None
    speed = distance / seconds
    if sport in RUN_SPORTS and distance >= RUN_SPEED_CHECK_M and speed > FASTEST_RUN_M_S:
        return f"{speed * 3.6:.0f} km/h, faster than any runner holds"
    if sport in MOVING_SPORTS and speed < SLOWEST_MOVING_M_S:
        return f"{speed * 3.6:.1f} km/h, slower than walking"
    return None


def _first(*values):
    return next((v for v in values if not _missing(v)), None)


def _sparse(row: dict) -> str | None:
    n = row.get("n_samples")
    if n is None or pd.isna(n) or int(n) >= SPARSE_TRACK_POINTS:
        return None
    return f"a route of {int(n)} points"


def _merge_totals(file: dict, listed: dict, sport: str) -> list[str]:
    """Distance and times: the file's where it has them and they agree with the list's
    within AGREE_WITHIN. Where they disagree, the list's (the service's own timer and
    odometer, values the user may have corrected) replaces a figure riskcheck inferred from
    a track (a GPX has no recorded totals) or one implausible for the sport (a route of a
    few points, a speed no runner reaches); a device's recorded total (FIT, TCX) stays. A
    list figure implausible for the sport is never taken. Returns what was done, and why."""
    said = []
    sparse = _sparse(file)
    recorded = file.get("source_format") in RECORDED_TOTALS
    own = _speed_problem(sport, file.get("distance_m"), _first(file.get("moving_s"), file.get("elapsed_s")))
    for column in ("distance_m", "moving_s", "elapsed_s"):
        theirs, mine = listed.get(column), file.get(column)
        if _missing(theirs) or theirs <= 0:
            continue
        if not _missing(mine) and mine > 0 and abs(theirs - mine) <= AGREE_WITHIN * max(theirs, mine):
            continue
        distance = _first(listed.get("distance_m"), file.get("distance_m")) if column != "distance_m" else theirs
        seconds = theirs if column != "distance_m" else _first(listed.get("moving_s"), listed.get("elapsed_s"),
                                                               file.get("moving_s"), file.get("elapsed_s"))
        problem = _speed_problem(sport, distance, seconds)
        if problem:
            if not _missing(mine):
                said.append(f"kept the file's {column} {_shown(column, mine)} over the list's "
                            f"{_shown(column, theirs)} ({problem})")
            continue
        if _missing(mine) or mine <= 0:
            file[column] = float(theirs)
            continue
        off = f"{(mine - theirs) / theirs:+.0%} from the list"
        if sparse and column != "distance_m":
            why = sparse
        elif own:
            why = f"the file's {own}"
        elif not recorded:
            why = f"{off}; a {file['source_format'].upper()} has no recorded totals"
        else:
            said.append(f"kept the device's {column} {_shown(column, mine)}, {off} "
                        f"{_shown(column, theirs)}")
            continue
        said.append(f"took the list's {column} {_shown(column, theirs)} over the file's {_shown(column, mine)} ({why})")
        file[column] = float(theirs)
    if not _missing(file.get("moving_s")):
        if _missing(file.get("elapsed_s")) or file["elapsed_s"] < file["moving_s"]:
            file["elapsed_s"] = file["moving_s"]
        if not _missing(file.get("distance_m")) and file["moving_s"] > 0:
            file["avg_speed_m_s"] = file["distance_m"] / file["moving_s"]
    return said


def merge_list_row(file: dict, listed: dict) -> list[str]:
    """Merge a service list's row into the activity of the file it names, field by field;
    returns warnings saying which of the list's values replaced the file's, and why."""
    said = []
    # Sport: the service's list holds the user's own choice (unless it names none).
    # A generic 'run' in the list does not undo the device's treadmill, track or trail run.
    generic_run = listed.get("sport") == "run" and file.get("sport") in RUN_SPORTS
    if listed.get("sport") not in (None, "other") and listed["sport"] != file.get("sport") and not generic_run:
        if file.get("sport") not in (None, "other"):
            said.append(f"sport '{listed['sport']}' from the list, not the file's '{file['sport']}'")
        _take_sport(file, listed)
        file["_sport_from_list"] = True  # the user's choice, kept if a richer twin wins
    # Local time: a list's wall clock says where the run was; the file's UTC says when.
    if _has_wall_clock_only(listed) and file["tz_source"] in _UTC_ONLY:
        offset = _local_offset(file, listed)
        if offset is not None:
            _set_local_clock(file, offset)
        else:
            said.append(f"the list's start {listed['start_local']:%Y-%m-%d %H:%M} is not a whole UTC offset "
                        f"from the file's {file['start_time_utc']:%Y-%m-%d %H:%M} UTC: the file's kept")
    said += _merge_totals(file, listed, file.get("sport"))
    # Name, gear, notes, scores: the list's (the user's) where it has one.
    for col in FILLABLE:
        if not _missing(listed.get(col)):
            file[col] = listed[col]
    _or_flags(file, listed)
    _take_surface(file, listed)
    _sources(file).update(_sources(listed))
    return said


def join_linked_rows(rows: list[dict], outcomes: dict) -> list[dict]:
    """Rows of an export's activity list that name their file (Strava's activities.csv:
    activities/123.fit.gz; Runkeeper's cardioActivities.csv: 2016-02-06-0748.gpx) or give
    the service's activity ID (a Garmin Connect API dump: 123456789, the number Garmin's
    downloads are named by: 123456789.fit, 123456789_ACTIVITY.fit) are merged into that
    file's activity (merge_list_row) and then dropped as duplicates of it. A file named by
    two rows takes the first; the second is counted on its own."""
    files = [row for row in rows if not row["source_format"].startswith("csv")]
    by_path = {posixpath.normpath(_posix(row["source_file"])): row for row in files}
    by_id: dict[str, list[dict]] = {}
    for row in files:
        for token in set(_ID_TOKEN.findall(posixpath.basename(_posix(row["source_file"])))):
            by_id.setdefault(token, []).append(row)
    joined: set[int] = set()
    kept = []
    for row in rows:
        target = _linked_target(row, by_path, by_id)
        if target is not None and id(target) not in joined:
            joined.add(id(target))
            said = merge_list_row(target, row)
            outcomes[target["source_file"]].warnings.extend(f"{w} ({row['source_file']})" for w in said)
            _note_dropped(outcomes, row, target, "describes")
            continue
        kept.append(row)
    return kept


_ID_TOKEN = re.compile(r"(?<!\d)\d{6,}(?!\d)")  # an activity ID in a file name (not a date's pieces)


def _linked_target(row: dict, by_path: dict, by_id: dict) -> dict | None:
    linked = (row.get("_linked_file") or "").strip()
    if not linked:
        return None
    if linked.isdigit():
        same_id = by_id.get(linked, [])
        # one activity of one file bears the ID; anything else is not a key
        return same_id[0] if len(same_id) == 1 else None
    # The list names files relative to itself: 'activities/1.gpx' beside activities.csv.
    here = posixpath.dirname(_posix(row["source_file"]))
    return by_path.get(posixpath.normpath(posixpath.join(here, _posix(linked))))


def _posix(path: str) -> str:
    """Archive members ('x.zip!a/b') and folder paths compared with one separator."""
    return path.replace("\\", "/").replace("!", "/")


# --- 2. Paired by start and distance -----------------------------------------------------
_NOT_COMPARED = ("activity_id",)  # and dedupe's bookkeeping, keys starting with '_' 


def _equal(x, y) -> bool:
    if _missing(x) or _missing(y):
        return _missing(x) and _missing(y)
    return bool(x == y)


def _identical(a: dict, b: dict) -> bool:
    keys = {k for k in set(a) | set(b) if not k.startswith("_")} - set(_NOT_COMPARED)
    return all(_equal(a.get(k), b.get(k)) for k in keys)


def drop_duplicates(rows: list[dict], outcomes: dict) -> list[dict]:
    """Rows of one session grouped, the closest pairs first, and each group kept once. A
    group only takes a row that is the same session as every row already in it and shares
    no source with them, so a copy between two distinct sessions joins the closer one and
    never chains the two together."""
    # Sorted by local start: local-only rows sit next to their twins whatever the offset.
    rows = sorted(rows, key=lambda r: r["start_local"])
    close: dict[tuple[int, int], float] = {}
    for j, row in enumerate(rows):
        for i in range(max(0, j - NEIGHBOURS), j):
            other = rows[i]
            if _sources(other) & _sources(row):
                # one source never lists one session twice: a runner may log two equal runs
                if _identical(other, row):
                    outcomes[row["source_file"]].warnings.append(
                        f"two rows at {row['start_local']:%Y-%m-%d %H:%M} identical in every field: both kept "
                        "(one session logged twice would count twice; delete one row if so)")
                continue
            closeness = _closeness(other, row)
            if closeness is not None:
                close[i, j] = closeness
    group = list(range(len(rows)))  # row -> first row of its group
    members = {i: [i] for i in range(len(rows))}
    for (i, j), _ in sorted(close.items(), key=lambda item: (item[1], item[0])):
        gi, gj = group[i], group[j]
        if gi == gj:
            continue
        pairs = [(min(a, b), max(a, b)) for a in members[gi] for b in members[gj]]
        sources_a = set().union(*(_sources(rows[a]) for a in members[gi]))
        sources_b = set().union(*(_sources(rows[b]) for b in members[gj]))
        if sources_a & sources_b or any(p not in close for p in pairs):
            continue
        for b in members[gj]:
            group[b] = gi
        members[gi] += members.pop(gj)
    kept = []
    for first in sorted(members):
        together = sorted(members[first], key=lambda k: (_richness(rows[k]), -k), reverse=True)
        winner = rows[together[0]]
        for k in together[1:]:
            _fill_from(winner, rows[k])
            _note_dropped(outcomes, rows[k], winner, "is the same session as")
        kept.append(winner)
    return kept
