"""GPX 1.0 and 1.1 tracks -> ParsedActivity, through gpxpy.

Decisions (each one warns where it guesses):
- All tracks and segments of a file form one activity, in time order; where the timed points
  are more than SPLIT_GAP apart (a file holding several days of a trip), each part is its own
  activity. Distance is not counted across segment breaks: devices start a new segment when
  the timer is paused, and do not count the distance covered while paused.
- Times: a track with no timestamps is a route (NotAnActivity), and so is one where most points
  lack a time or where the times are plainly not recorded (before GPS_EPOCH_YEAR, or GPSies'
  synthetic 2010-01-01 00:00 start). Stray points without a time are left out, with a warning.
- A missing coordinate (gpxpy turns some into 0) is a missing position, never 0,0.
- Extensions (hr, cadence, power, temperature, speed) are matched by local element name, so
  Garmin TrackPointExtension v1/v2 under any prefix, Suunto/Movescount gpxdata, Strava and
  Runkeeper all read the same way. gpxpy ignores extensions of files that say version 1.0;
  they are read here with lxml instead. Channels left unread are listed in columns_lost.
- Cadence: Garmin, Strava and Suunto write strides per minute of one leg in running files
  (medians 83-91 in the corpus), so foot-sport cadence is doubled to steps per minute; a
  series whose median is already above cadence.PER_LEG_MAX is taken as steps, with a warning.
- Sport: <type> when present (Strava's numeric codes translated), else the track name when it
  names a sport ('Nachtlauf', 'Evening Ride'), else guessed from the moving speeds
  (summarize.sport_from_speed, always warned): 'running' when the pace is a runner's and too
  steady to be a ride (a run left 'other' would be missing from the load, and that loss is
  quieter than a flagged guess), 'walking' below it, 'cycling' above it; never a run by default.
- Distance: a GPS jump (a spike of points entered or left faster than summarize.MAX_SPEED_M_S
  of the sport's family, foot 12 m/s, after which the track comes back) adds no distance, with
  a warning; a fast step the track does not come back from (a fix catching up) is kept.
- Times after the day of the check (a clock set decades ahead) are left out, with a warning,
  as placeholders before 1980 are: no log ends in the future.
"""

from __future__ import annotations

import re
from datetime import timezone

import gpxpy
import gpxpy.gpx
import numpy as np
import pandas as pd
from lxml import etree

from riskcheck.errors import FileProblem, NotAnActivity
from riskcheck.readers.base import ParsedActivity, ReadOptions
from riskcheck.readers.cadence import FOOT_SPORTS, steps_per_minute
from riskcheck.readers.gpx.tree_columns import TIMESTAMP_LIMIT_YEAR, FastPathUnsupported, TrackColumns, read_track_columns
from riskcheck.readers.gpx.byte_columns import read_run_columns
from riskcheck.readers.summarize import (
    MAX_SPEED_M_S, epoch_seconds, jump_free_steps, latest_device_time, speed_family, sport_from_speed)
from riskcheck.readers.xml.repair import repaired_xml
from riskcheck.readers.xml.safety import checked_xml, safe_parser
from riskcheck.sport import classify_sport

SPLIT_GAP = pd.Timedelta(hours=6)
GPS_EPOCH_YEAR = 1980          # earlier times are placeholders, not recordings

# Local extension element names (lower case) -> sample column.
_EXTENSION_CHANNELS = {
    "hr": "heart_rate_bpm", "heartrate": "heart_rate_bpm", "heartratebpm": "heart_rate_bpm",
    "cad": "cadence", "cadence": "cadence", "runcadence": "cadence",
    "power": "power_w", "watts": "power_w", "pwr": "power_w", "powerinwatts": "power_w",
    "atemp": "temperature_c", "temp": "temperature_c", "temperature": "temperature_c",
    "speed": "speed_m_s",
}
# Channels riskcheck derives better itself from the core GPX fields.
_DERIVED_ELSEWHERE = {"distance", "altitude", "ele", "course", "bearing"}
# Strava bulk-export GPX <type> codes (1 and 9 confirmed by the corpus' ride and run files).
_STRAVA_TYPES = {"1": "cycling", "4": "hiking", "9": "running", "10": "walking"}


def read_gpx(data: bytes, source: str, options: ReadOptions) -> list[ParsedActivity]:
    """GPX through the column readers: the points straight from the bytes (byte_columns), or
    where those do not cover the file, a walk over its tree (tree_columns); a file neither
    reproduces exactly is read through gpxpy instead, with the same outcome."""
    return _recovering(checked_xml(data), _read_columns)


def read_gpx_reference(data: bytes, source: str, options: ReadOptions) -> list[ParsedActivity]:
    """GPX through gpxpy, point by point: the reading read_gpx must equal (and its fallback)."""
    return _recovering(checked_xml(data), _read_with_gpxpy)


def _read_columns(xml: bytes) -> list[ParsedActivity]:
    try:
        columns = read_run_columns(xml, _EXTENSION_CHANNELS, _DERIVED_ELSEWHERE) \
            or read_track_columns(xml, _EXTENSION_CHANNELS, _DERIVED_ELSEWHERE)
    except FastPathUnsupported:
        return _read_with_gpxpy(xml)
    points, lost, warnings = _points_from_columns(columns)
    return _activities(points, columns.gpx, lost + _file_level_channels(columns.gpx), warnings)


def _recovering(xml: bytes, read) -> list[ParsedActivity]:
    """read(xml); for XML that is not well-formed, read(what xml.repair makes of it), with
    its warnings. A repair that yields no activity leaves the file refused as damaged."""
    try:
        return read(xml)
    except FileProblem as problem:
        if "not well-formed" not in str(problem):
            raise
        repaired = repaired_xml(xml, "trkpt")
        if repaired is None:
            raise
        try:
            activities = read(repaired[0])
        except (FileProblem, NotAnActivity):
            raise problem from None
    for activity in activities:
        activity.warnings[:0] = repaired[1]
    return activities


def _read_with_gpxpy(xml: bytes) -> list[ParsedActivity]:
    text = xml.decode("utf-8")
    gpx, warnings = _parse(text)
    points, lost, point_warnings = _points_frame(gpx, text)
    return _activities(points, gpx, lost + _file_level_channels(gpx), warnings + point_warnings)


def _activities(points: pd.DataFrame, gpx: gpxpy.gpx.GPX, lost: list[str],
                warnings: list[str]) -> list[ParsedActivity]:
    if "gpsies" in (gpx.creator or "").lower() and points.index.min() == pd.Timestamp("2010-01-01", tz="UTC"):
        raise NotAnActivity("times are synthetic (GPSies writes routes starting 2010-01-01 00:00): "
                            "a route, not a recorded activity")
    parts = _split_at_gaps(points)
    if len(parts) > 1:
        warnings.append(f"{len(parts)} activities: recordings more than {SPLIT_GAP} apart")
    type_raw = next((t.type for t in gpx.tracks if t.type), "") or ""
    name = next((t.name for t in gpx.tracks if t.name), "") or gpx.name or ""
    return [_activity(part, type_raw, name, gpx.creator or "", lost, warnings) for part in parts]


def _parse(text: str) -> tuple[gpxpy.gpx.GPX, list[str]]:
    try:
        return gpxpy.parse(text), []
    except gpxpy.gpx.GPXXMLSyntaxException as err:
        raise FileProblem(f"not well-formed GPX XML: {err}") from None
    except ValueError as err:  # lxml refusing a damaged namespace declaration, raised through gpxpy
        raise FileProblem(f"not well-formed GPX XML: {err}") from None
    except gpxpy.gpx.GPXException as err:
        if "mandatory" not in str(err):
            raise FileProblem(f"unreadable GPX: {err}") from None
    # gpxpy refuses a <trkpt> without lat/lon; give them a 0,0 position, read below as missing.
    patched, count = re.subn(r"<trkpt(\s*)>", r'<trkpt lat="0" lon="0"\1>', text)
    try:
        gpx = gpxpy.parse(patched)
    except (gpxpy.gpx.GPXException, ValueError) as err:
        raise FileProblem(f"unreadable GPX: {err}") from None
    return gpx, [f"{count} track points have no position: read without one"]


def _points_frame(gpx: gpxpy.gpx.GPX, text: str) -> tuple[pd.DataFrame, list[str], list[str]]:
    """All timed track points, time-sorted, with their segment number and channels."""
    warnings: list[str] = []
    extensions = _extensions_by_point(gpx, text, warnings)
    rows: list[dict] = []
    seg_no = n_untimed = n_naive = n_placeholder = 0
    point_no = 0
    lost: dict[str, int] = {}
    routes: list[str] = []
    latest = latest_device_time().to_pydatetime()
    n_future = n_future_all = 0
    for track in gpx.tracks:
        track_rows: list[dict] = []
        n_points = track_future = 0
        for segment in track.segments:
            seg_no += 1
            for point in segment.points:
                ext = extensions[point_no] if extensions is not None else point.extensions
                point_no += 1
                n_points += 1
                if point.time is None or point.time.year < GPS_EPOCH_YEAR:
                    n_placeholder += point.time is not None
                    continue
                if point.time.year >= TIMESTAMP_LIMIT_YEAR:  # a damaged year: the point counts as untimed
                    continue
                when = point.time
                naive = when.tzinfo is None
                if naive:
                    when = when.replace(tzinfo=timezone.utc)
                if when > latest:
                    track_future += 1
                    continue
                n_naive += naive
                row = {"time": when, "offset_s": when.utcoffset().total_seconds(), "segment": seg_no,
                       "lat_deg": point.latitude, "lon_deg": point.longitude, "altitude_m": point.elevation}
                row.update(_channels(ext, lost))
                track_rows.append(row)
        n_future_all += track_future
        if n_points and len(track_rows) * 2 < n_points:
            routes.append(f"'{track.name or 'unnamed'}' ({len(track_rows)} of {n_points} points timed)")
            continue
        n_untimed += n_points - len(track_rows) - track_future
        n_future += track_future
        rows += track_rows
    if routes and rows:
        warnings.append("tracks without timestamps left out as routes: " + ", ".join(routes))
    if not rows:
        _refuse_untimed(point_no, n_placeholder, n_future_all)
    warnings += _untimed_warnings(n_untimed, n_naive, n_future)
    frame = pd.DataFrame(rows)
    frame.index = pd.DatetimeIndex(pd.to_datetime(frame.pop("time"), utc=True), name="time").as_unit("ns")
    for col in ("lat_deg", "lon_deg", "altitude_m"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype(float)
    return _sorted_positions(frame), [f"gpx extension {name}" for name in sorted(lost)], warnings


def _points_from_columns(columns: TrackColumns) -> tuple[pd.DataFrame, list[str], list[str]]:
    """The frame _points_frame builds, from whole columns: same rules, same warnings."""
    n_tracks = len(columns.gpx.tracks)
    has_time = columns.time_ns != np.iinfo(np.int64).min
    future = has_time & (columns.time_ns > latest_device_time().value)
    timed = has_time & (columns.local_year >= GPS_EPOCH_YEAR) & ~future
    per_track = np.bincount(columns.track, minlength=n_tracks)
    timed_per_track = np.bincount(columns.track[timed], minlength=n_tracks)
    route = (per_track > 0) & (timed_per_track * 2 < per_track)
    keep = timed & ~route[columns.track]
    future_kept = future & ~route[columns.track]
    if not keep.any():
        _refuse_untimed(len(columns.track), int((has_time & ~timed & ~future).sum()), int(future.sum()))
    warnings = []
    if route.any():
        warnings.append("tracks without timestamps left out as routes: " + ", ".join(
            f"'{columns.gpx.tracks[t].name or 'unnamed'}' ({timed_per_track[t]} of {per_track[t]} points timed)"
            for t in np.flatnonzero(route)))
    warnings += _untimed_warnings(int((per_track - timed_per_track)[~route].sum()) - int(future_kept.sum()),
                                  int((columns.naive & timed).sum()), int(future_kept.sum()))
    kept = np.flatnonzero(keep)
    frame = pd.DataFrame(
        {"offset_s": columns.offset_s[kept], "segment": columns.segment[kept],
         "lat_deg": columns.lat_deg[kept], "lon_deg": columns.lon_deg[kept],
         "altitude_m": columns.altitude_m[kept], **_kept_channels(columns, keep)},
        index=pd.DatetimeIndex(pd.to_datetime(columns.time_ns[kept], unit="ns", utc=True), name="time"))
    lost = sorted(name for name, where in columns.lost.items() if timed[where].any())
    return _sorted_positions(frame), [f"gpx extension {name}" for name in lost], warnings


def _kept_channels(columns: TrackColumns, keep: np.ndarray) -> dict[str, np.ndarray]:
    """Extension columns over the kept points, ordered as a frame built row by row orders
    them: by the first kept point that has each."""
    first_kept = {}
    for column, (where, _) in columns.channels.items():
        kept_where = where[keep[where]]
        if kept_where.size:
            first_kept[column] = kept_where[0]
    out = {}
    for column in sorted(first_kept, key=first_kept.get):
        where, values = columns.channels[column]
        full = np.full(len(keep), np.nan)
        full[where] = values
        out[column] = full[keep]
    return out


def _refuse_untimed(n_points: int, n_placeholder: int, n_future: int = 0) -> None:
    if n_points == 0:
        raise NotAnActivity("GPX holds no track points (metadata, waypoints or routes only)")
    if n_future:
        raise NotAnActivity(f"track times are after {latest_device_time():%Y-%m-%d %H:%M} UTC, later than "
                            "any device can have written today: not a recorded activity")
    if n_placeholder:
        raise NotAnActivity(f"track times are placeholders before {GPS_EPOCH_YEAR}: "
                            "not a recorded activity")
    raise NotAnActivity("track has no timestamps: a route, not a recorded activity")


def _untimed_warnings(n_untimed: int, n_naive: int, n_future: int = 0) -> list[str]:
    warnings = []
    if n_untimed:
        warnings.append(f"{n_untimed} track points without a valid time left out")
    if n_future:
        warnings.append(f"{n_future} track points dated after {latest_device_time():%Y-%m-%d %H:%M} UTC "
                        "(later than any device can have written today) left out")
    if n_naive:
        warnings.append(f"{n_naive} track point times have no time zone: taken as UTC")
    return warnings


def _sorted_positions(frame: pd.DataFrame) -> pd.DataFrame:
    """Points in time order (stable: equal times keep file order), 0,0 as no position."""
    frame = frame.sort_index(kind="stable")
    no_position = (frame["lat_deg"] == 0) & (frame["lon_deg"] == 0)
    frame.loc[no_position, ["lat_deg", "lon_deg"]] = np.nan
    return frame


def _extensions_by_point(gpx: gpxpy.gpx.GPX, text: str, warnings: list[str]) -> list | None:
    """Extension elements of every track point in document order, for files gpxpy reads as
    GPX 1.0 (it drops their extensions); None when gpxpy's own are complete."""
    if gpx.version == "1.1" or "extensions" not in text:
        return None
    root = etree.fromstring(text.encode("utf-8"), safe_parser())
    found = [[child for child in trkpt if etree.QName(child).localname == "extensions"]
             for trkpt in root.iter("{*}trkpt")]
    n_points = sum(len(s.points) for t in gpx.tracks for s in t.segments)
    if len(found) != n_points:
        warnings.append("extensions of this GPX 1.0 file could not be matched to its points: "
                        "heart rate, cadence and power not read")
        return [[] for _ in range(n_points)]
    return found


def _channels(elements, lost: dict[str, int]) -> dict[str, float]:
    """Numeric extension values of one point, keyed by sample column."""
    values: dict[str, float] = {}
    for element in elements:
        for leaf in element.iter():
            if not isinstance(leaf.tag, str) or len(leaf) or not leaf.text:
                continue
            name = etree.QName(leaf).localname.lower()
            try:
                value = float(leaf.text)
            except ValueError:
                continue
            column = _EXTENSION_CHANNELS.get(name)
            if column:
                values[column] = value
            elif name not in _DERIVED_ELSEWHERE:
                lost[name] = lost.get(name, 0) + 1
    return values


def _file_level_channels(gpx: gpxpy.gpx.GPX) -> list[str]:
    """Heart-rate series some writers (SportTracks, SpoQ) keep outside the track points."""
    for element in gpx.extensions:
        for node in element.iter():
            if isinstance(node.tag, str) and etree.QName(node).localname.lower() in ("heartrate", "hr"):
                return ["heart_rate_bpm (file-level extension, not matched to track points)"]
    return []


def _split_at_gaps(points: pd.DataFrame) -> list[pd.DataFrame]:
    gap = points.index.to_series().diff() > SPLIT_GAP
    part = gap.cumsum().to_numpy()
    return [points[part == k] for k in np.unique(part)]


def _activity(points: pd.DataFrame, type_raw: str, name: str, creator: str,
              lost: list[str], file_warnings: list[str]) -> ParsedActivity:
    warnings = list(file_warnings)
    samples = points.drop(columns=["segment", "offset_s"])
    sport_raw = _named_sport(type_raw, name, warnings)
    family = speed_family(classify_sport(sport_raw)) if sport_raw is not None else "other"
    distance = _SegmentDistance(points)
    samples["distance_m"], jumps = distance.cumulative(MAX_SPEED_M_S[family])
    if sport_raw is None:
        sport_raw = _sport_from_speed(type_raw, samples, warnings)
        if speed_family(classify_sport(sport_raw)) != family:
            family = speed_family(classify_sport(sport_raw))
            samples["distance_m"], jumps = distance.cumulative(MAX_SPEED_M_S[family])
    if jumps:
        warnings.append(f"{jumps} GPS points off the track (reached or left faster than "
                        f"{MAX_SPEED_M_S[family]:g} m/s, {family} sports) left out of the distance as jumps")
    if "cadence" in samples:
        raw = samples.pop("cadence")
        if classify_sport(sport_raw) in FOOT_SPORTS:
            samples["cadence_spm"] = steps_per_minute(raw, creator or "this writer", warnings)
        else:
            samples["cadence_rpm"] = raw
    samples = samples.dropna(axis="columns", how="all")
    offset = points["offset_s"].iloc[0]
    return ParsedActivity(
        start_time_utc=samples.index[0], source_format="gpx", samples=samples,
        utc_offset_s=float(offset) if offset else None, sport_raw=sport_raw,
        name=name.strip(), device=creator, columns_lost=list(lost), warnings=warnings)


class _SegmentDistance:
    """Cumulative distance over positioned points, not counting jumps between segments nor
    points reached faster than a speed bound (GPS jumps); the positions are taken once, the
    distance measured for each bound asked."""

    def __init__(self, points: pd.DataFrame) -> None:
        self.index = points.index
        located = points[points["lat_deg"].notna() & points["lon_deg"].notna()]
        self.located = located.index
        self.lat, self.lon = located["lat_deg"].to_numpy(), located["lon_deg"].to_numpy()
        self.t = epoch_seconds(located.index)
        seg = located["segment"].to_numpy()
        self.starts = np.concatenate([[False], seg[1:] != seg[:-1]])

    def cumulative(self, max_speed_m_s: float) -> tuple[pd.Series, int]:
        if self.lat.size < 2:
            return pd.Series(np.nan, index=self.index), 0
        steps, jumps = jump_free_steps(self.lat, self.lon, self.t, max_speed_m_s, self.starts)
        steps[self.starts] = 0.0
        cumulative = pd.Series(np.cumsum(steps), index=self.located)
        cumulative = cumulative[~cumulative.index.duplicated(keep="last")]
        return cumulative.reindex(self.index, method="ffill").fillna(0.0), jumps


def _named_sport(type_raw: str, name: str, warnings: list[str]) -> str | None:
    """The sport the file names (<type>, Strava's codes, else the track name), or None."""
    type_raw = type_raw.strip()
    if type_raw in _STRAVA_TYPES:
        return _STRAVA_TYPES[type_raw]
    if type_raw.isdigit():
        warnings.append(f"unknown Strava activity type code {type_raw}: sport not known")
        return f"strava type {type_raw}"
    if type_raw and classify_sport(type_raw) != "other":
        return type_raw
    if name and classify_sport(name) != "other":
        warnings.append(f"sport taken from the track name {name.strip()!r}")
        return name.strip()
    return None


def _sport_from_speed(type_raw: str, samples: pd.DataFrame, warnings: list[str]) -> str:
    """A guess from the speeds (summarize.sport_from_speed), else <type> as written."""
    sport, why = sport_from_speed(_moving_speed(samples))
    if why:
        warnings.append(why)
    return sport or type_raw.strip()


def _moving_speed(samples: pd.DataFrame) -> np.ndarray:
    t = samples.index.as_unit("ns").asi8 / 1e9
    dist = samples["distance_m"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        speed = np.diff(dist) / np.diff(t)
    speed = speed[np.isfinite(speed)]
    return speed[speed >= 0.5]
