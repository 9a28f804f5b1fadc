"""Garmin TrainingCenterDatabase v2 (TCX) -> one ParsedActivity per <Activity>, with lxml.

Elements are matched by local name, so the same code reads the schema's default namespace,
`ns3:`-prefixed and default-namespace `<TPX xmlns=...>` extensions, and damaged files that
lost their namespace declarations. A document that strict parsing refuses (missing root tags,
undeclared prefixes) is read again with lxml's recovering parser, and the activity says so.

Decisions:
- Lap totals (timer time, distance, calories, heart rate) are the source's totals; they win
  over sums from trackpoints, because the device computed them before export.
- Trackpoints without <Time> are left out with a warning; an Activity with no timed points
  keeps its lap totals. A file with only Courses (routes) is NotAnActivity.
- Foot cadence: RunCadence (and Polar's plain <Cadence> in runs) is strides per minute of one
  leg and is doubled; a series already in the steps range (a foot pod writing steps, as in
  the corpus treadmill file, median 120) is kept, with a warning (see cadence.steps_per_minute).
- Times before 1980 or after the day of the check are left out with a warning (a clock no
  device can have had). An Activity whose Sport is 'Other' or missing is classified from its
  moving speeds (summarize.sport_from_speed, warned; never a run by default). Sport="Running"
  is taken as written (TomTom writes it for everything; the service's list corrects it).
- Time zone: times carry their own offset; Polar is known to write a wrong one (local
  standard time all year), so Polar files with an offset get a warning.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd
from lxml import etree

from riskcheck.errors import FileProblem, NotAnActivity
from riskcheck.readers.base import ParsedActivity, ReadOptions
from riskcheck.readers.cadence import FOOT_SPORTS, steps_per_minute
from riskcheck.readers.summarize import EARLIEST_DEVICE_YEAR, latest_device_time, moving_speeds, sport_from_speed
from riskcheck.readers.tcx.columns import IrregularTrack, run_columns, track_columns
from riskcheck.readers.xml.items import ItemRun, cut_items, parse_item
from riskcheck.readers.xml.safety import checked_xml, safe_parser
from riskcheck.sport import classify_sport

COVERAGE_MIN = 0.9  # trackpoints spanning less of the laps' timer time are an excerpt
# Local element names inside a Trackpoint (and its Extensions) -> sample column.
_TRACKPOINT_FIELDS = {
    "LatitudeDegrees": "lat_deg", "LongitudeDegrees": "lon_deg", "AltitudeMeters": "altitude_m",
    "DistanceMeters": "distance_m", "Speed": "speed_m_s", "Watts": "power_w",
    "Cadence": "cadence", "RunCadence": "run_cadence",
}
_CONTAINERS = {"Position", "HeartRateBpm", "Extensions", "TPX"}
_IGNORED = {"Time", "SensorState", "Value"}
_EARLIEST_DEVICE_NS = pd.Timestamp(f"{EARLIEST_DEVICE_YEAR}-01-01", tz="UTC").value
_EARLIEST, _LATEST = pd.Timestamp("1678-01-01", tz="UTC"), pd.Timestamp("2262-01-01", tz="UTC")


def read_tcx(data: bytes, source: str, options: ReadOptions) -> list[ParsedActivity]:
    """The trackpoints of regular Tracks straight from the bytes (xml.items) and the rest
    from a parse of what is left; a document where that does not hold is parsed whole."""
    xml = checked_xml(data)
    skeleton = _skeleton(xml)
    if skeleton is not None:
        root, items_of = skeleton
        try:
            return _read(root, [], partial(_samples, items_of=items_of))
        except IrregularTrack:
            pass
    return _read(*_parse(xml), _samples)


def read_tcx_reference(data: bytes, source: str, options: ReadOptions) -> list[ParsedActivity]:
    """The same reading with the plain per-trackpoint walk: what read_tcx must equal."""
    return _read(*_parse(checked_xml(data)), _samples_reference)


def _skeleton(xml: bytes) -> tuple[etree._Element, dict] | None:
    """The document parsed without its trackpoints, and each Track element's trackpoints as
    runs read from the bytes (xml.items); None when the trackpoints are not all such runs,
    the rest is not well-formed or its Tracks cannot be paired with the cut parts."""
    cut = cut_items(xml, b"Track", b"Trackpoint")
    if cut is None:
        return None
    tracks = list(cut.root.iter("{*}Track"))
    if len(tracks) != len(cut.runs) or any(track.prefix for track in tracks):
        return None
    return cut.root, dict(zip(tracks, cut.runs))


def _read(root, parse_warnings: list[str], samples_of) -> list[ParsedActivity]:
    activities = [e for e in root.iter("{*}Activity")]
    if not activities:
        if next(root.iter("{*}Course"), None) is not None:
            raise NotAnActivity("TCX holds courses only: a route, not a recorded activity")
        raise NotAnActivity("TCX holds no activity")
    return [_activity(a, parse_warnings, samples_of) for a in activities]


def _parse(xml: bytes) -> tuple[etree._Element, list[str]]:
    try:
        return etree.fromstring(xml, safe_parser()), []
    except etree.XMLSyntaxError as strict_error:
        try:
            root = etree.fromstring(xml, safe_parser(recover=True))
        except etree.XMLSyntaxError:
            root = None
        if root is None:
            raise FileProblem(f"not well-formed TCX XML: {strict_error}") from None
        return root, [f"damaged XML read in recovery mode ({strict_error}): parts may be missing"]


def _local(element) -> str:
    # Not etree.QName: it validates, and a recovering parse of damaged XML leaves tag names
    # ('ns3:TPX', 'Time62015-07-09') that it refuses with ValueError.
    return element.tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1] if isinstance(element.tag, str) else ""


def _child(element, name: str):
    return next((c for c in element if _local(c) == name), None)


def _number(element) -> float | None:
    """The number in an element or in its <Value> child (HeartRateBpm), or None."""
    if element is None:
        return None
    text = element.text if len(element) == 0 else "".join(v.text or "" for v in element if _local(v) == "Value")
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def _activity(activity, parse_warnings: list[str], samples_of) -> ParsedActivity:
    warnings = list(parse_warnings)
    sport_raw = activity.get("Sport") or ""
    creator = _child(activity, "Creator")
    device = " ".join((_child(creator, "Name").text or "").split()) if creator is not None and _child(creator, "Name") is not None else ""
    notes = _child(activity, "Notes")
    laps = [lap for lap in activity if _local(lap) == "Lap"]
    samples, lost, offset_s = samples_of(activity, warnings)
    if samples is not None and classify_sport(sport_raw) == "other":  # 'Other', or no Sport at all
        guess, why = sport_from_speed(moving_speeds(samples))
        if why:
            warnings.append(why)
        sport_raw = guess or sport_raw
    if samples is not None and {"cadence", "run_cadence"} & set(samples.columns):
        _settle_cadence(samples, sport_raw, device, warnings)
    if offset_s and "polar" in device.lower():
        warnings.append("Polar is known to write a wrong time-zone offset in some exports: "
                        "start time may be off by an hour")
    totals = _lap_totals(laps)
    if samples is not None and totals.get("moving_s"):
        covered = (samples.index[-1] - samples.index[0]).total_seconds()
        if covered < COVERAGE_MIN * totals["moving_s"]:
            warnings.append(f"trackpoints cover {covered:.0f} s of the {totals['moving_s']:.0f} s the laps "
                            "record: totals from the laps, speed and cadence bands from the part covered")
    start = samples.index[0] if samples is not None else _lap_start(laps)
    if start is None:
        raise NotAnActivity("TCX activity has neither timed trackpoints nor a lap start time")
    return ParsedActivity(
        start_time_utc=start, source_format="tcx", samples=samples, totals=totals,
        utc_offset_s=offset_s or None, sport_raw=sport_raw, device=device,
        notes=(notes.text or "").strip() if notes is not None else "",
        columns_lost=lost, warnings=warnings)


def _samples(activity, warnings: list[str], items_of: dict | None = None,
             ) -> tuple[pd.DataFrame | None, list[str], float]:
    """Trackpoints with a time, as a sample frame; the channels left unread; the UTC offset.

    Reads what _samples_reference reads, in the same order (its stack walk visits a
    trackpoint's children last to first, so of two same-named values the first in the file
    wins), but collects columns instead of one dict per point and names each tag once.
    Tracks of alike trackpoints are read a column at a time (tcx.columns), the others
    walked point by point (_TrackpointWalk). With `items_of` (Track element -> its
    trackpoints as runs read from the bytes, read_tcx's skeleton) the Tracks are empty, and
    what the runs cannot give raises IrregularTrack for a parse of the whole document."""
    times: list[str] = []
    parts: dict[str, list[tuple[int, np.ndarray]]] = {}
    lost: set[str] = set()
    n_untimed = 0
    for track, points in _trackpoint_groups(activity):
        for group_times, columns, group_lost, untimed in _column_groups(track, points, items_of):
            for column, values in columns.items():
                parts.setdefault(column, []).append((len(times), values))
            times += group_times
            lost |= group_lost
            n_untimed += untimed
    if n_untimed:
        warnings.append(f"{n_untimed} trackpoints without a time left out")
    if not times:
        return None, sorted(lost), 0.0
    frame = pd.DataFrame({column: _spread(pieces, len(times)) for column, pieces in parts.items()},
                         index=_time_index(times), dtype=float)
    return _timed_frame(frame, times, lost, warnings)


def _column_groups(track, points, items_of: dict[object, list[ItemRun]] | None):
    """(times, columns, lost channels, untimed points) of a Track's trackpoints, in order:
    a column read per run of alike trackpoints (with `items_of`, from the bytes: the Track
    element is empty), a walk over the points where they differ."""
    if items_of is not None:
        if track not in items_of:
            raise IrregularTrack("trackpoints outside the Tracks cut from the bytes")
        for run in items_of[track]:
            try:
                first = parse_item(run.first, track.nsmap)
            except etree.XMLSyntaxError:
                raise IrregularTrack("a trackpoint that is not well-formed") from None
            try:
                yield *run_columns(run, first, _trackpoint_values, _TRACKPOINT_FIELDS), 0
            except IrregularTrack:
                if run.n_items > 1:
                    raise  # the rest of the run is not in the tree: parse the whole document
                yield _walk([first])
        return
    try:
        if track is None:
            raise IrregularTrack("trackpoints outside plain Tracks")
        yield *track_columns(track, _trackpoint_values, _TRACKPOINT_FIELDS), 0
    except IrregularTrack:
        yield _walk(points)


def _walk(points) -> tuple[list[str], dict[str, np.ndarray], set[str], int]:
    walk = _TrackpointWalk()
    untimed = sum(not walk.point(point) for point in points)
    return walk.times, walk.columns(), walk.lost, untimed


def _trackpoint_groups(activity) -> list[tuple]:
    """(Track, its trackpoints) in document order, when that order is the one of all the
    activity's trackpoints; else one group (None, every trackpoint)."""
    tracks = list(activity.iter("{*}Track"))
    if sum(len(track) for track in tracks) == sum(1 for _ in activity.iter("{*}Trackpoint")) \
            and all(_local(point) == "Trackpoint" for track in tracks for point in track) \
            and not any(_local(above) == "Track" for track in tracks for above in track.iterancestors()):
        return [(track, track) for track in tracks]
    return [(None, activity.iter("{*}Trackpoint"))]


def _spread(pieces: list[tuple[int, np.ndarray]], n: int) -> np.ndarray:
    """One column over all points from the tracks that have it; NaN elsewhere."""
    full = np.full(n, np.nan)
    for start, values in pieces:
        full[start:start + len(values)] = values
    return full


class _TrackpointWalk:
    def __init__(self) -> None:
        self.times: list[str] = []
        self.lost: set[str] = set()
        self._values: dict[str, tuple[list[int], list[float]]] = {}
        self._names: dict = {}

    def _local(self, tag) -> str:
        name = self._names.get(tag)
        if name is None:
            name = self._names[tag] = tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1] if isinstance(tag, str) else ""
        return name

    def point(self, point) -> bool:
        """Keeps the values of a trackpoint with a time; False for one without."""
        local = self._local
        time = next((c for c in point if local(c.tag) == "Time"), None)
        if time is None or not (time.text or "").strip():
            return False
        index = len(self.times)
        self.times.append(time.text.strip())
        found: dict[str, float | None] = {}
        stack = list(point)
        while stack:
            element = stack.pop()
            name = local(element.tag)
            if name == "HeartRateBpm":
                found["heart_rate_bpm"] = self._number(element)
            elif name in _TRACKPOINT_FIELDS:
                found[_TRACKPOINT_FIELDS[name]] = self._number(element)
            elif name in _CONTAINERS or (len(element) and name not in _IGNORED):
                stack.extend(element)
            elif name and name not in _IGNORED:
                self.lost.add(f"tcx {name}")
        for column, value in found.items():
            where, values = self._values.setdefault(column, ([], []))
            where.append(index)
            values.append(np.nan if value is None else value)
        return True

    def _number(self, element) -> float | None:
        """_number, with tag names from the cache."""
        if len(element) == 0:
            text = element.text
        else:
            text = "".join(v.text or "" for v in element if self._local(v.tag) == "Value")
        try:
            return float(text)
        except (TypeError, ValueError):
            return None

    def columns(self) -> dict[str, np.ndarray]:
        """Each channel over all kept points, NaN where a point lacks it; in the order the
        channels were first met, as a frame built from per-point dicts orders them."""
        out = {}
        for column, (where, values) in self._values.items():
            full = np.full(len(self.times), np.nan)
            full[where] = values
            out[column] = full
        return out


def _samples_reference(activity, warnings: list[str]) -> tuple[pd.DataFrame | None, list[str], float]:
    """Trackpoints with a time, as a sample frame; the channels left unread; the UTC offset.
    One dict per trackpoint: the plain reading _samples must equal."""
    times: list[str] = []
    rows: list[dict[str, float]] = []
    lost: set[str] = set()
    n_untimed = 0
    for point in activity.iter("{*}Trackpoint"):
        time = _child(point, "Time")
        if time is None or not (time.text or "").strip():
            n_untimed += 1
            continue
        times.append(time.text.strip())
        rows.append(_trackpoint_values(point, lost))
    if n_untimed:
        warnings.append(f"{n_untimed} trackpoints without a time left out")
    if not rows:
        return None, sorted(lost), 0.0
    frame = pd.DataFrame(rows, index=_time_index(times), dtype=float)
    return _timed_frame(frame, times, lost, warnings)


def _time_index(times: list[str]) -> pd.DatetimeIndex:
    return pd.DatetimeIndex(_utc_times(pd.Series(times)), name="time").as_unit("ns")


def _timed_frame(frame: pd.DataFrame, times: list[str], lost: set[str],
                 warnings: list[str]) -> tuple[pd.DataFrame | None, list[str], float]:
    """Trackpoints whose time reads, in time order; the channels lost; the UTC offset."""
    if frame.index.isna().any():
        warnings.append(f"{int(frame.index.isna().sum())} trackpoints with an unreadable time left out")
        frame = frame[frame.index.notna()]
    latest = latest_device_time()
    ns = frame.index.as_unit("ns").asi8
    implausible = (ns > latest.value) | (ns < _EARLIEST_DEVICE_NS)
    if implausible.any():
        warnings.append(f"{int(implausible.sum())} trackpoints dated before {EARLIEST_DEVICE_YEAR} or after "
                        f"{latest:%Y-%m-%d %H:%M} UTC (no device writes such times) left out")
        frame = frame[~implausible]
    if frame.empty:
        return None, sorted(lost), 0.0
    return frame.sort_index(kind="stable"), sorted(lost), _offset_seconds(times[0])


def _trackpoint_values(point, lost: set[str]) -> dict[str, float]:
    values: dict[str, float] = {}
    stack = list(point)
    while stack:
        element = stack.pop()
        name = _local(element)
        if name == "HeartRateBpm":
            values["heart_rate_bpm"] = _number(element)
        elif name in _TRACKPOINT_FIELDS:
            values[_TRACKPOINT_FIELDS[name]] = _number(element)
        elif name in _CONTAINERS or (len(element) and name not in _IGNORED):
            stack.extend(element)
        elif name and name not in _IGNORED:
            lost.add(f"tcx {name}")
    return values


def _offset_seconds(stamp: str) -> float:
    """The local offset a TCX time string carries ('+01:00'), 0 for 'Z' or none."""
    tail = stamp[-6:]
    if len(tail) == 6 and tail[0] in "+-" and tail[3] == ":":
        sign = -1 if tail[0] == "-" else 1
        return sign * (int(tail[1:3]) * 3600 + int(tail[4:6]) * 60)
    return 0.0


def _settle_cadence(samples: pd.DataFrame, sport_raw: str, device: str, warnings: list[str]) -> None:
    """Cadence in steps/min for foot sports, in rpm otherwise (a bike's <Cadence>)."""
    raw = samples.pop("run_cadence") if "run_cadence" in samples else None
    plain = samples.pop("cadence") if "cadence" in samples else None
    writer = device or "a writer without a Creator"
    if classify_sport(sport_raw) in FOOT_SPORTS:
        if raw is None:
            warnings.append("running cadence read from <Cadence>, whose unit the TCX schema "
                            "leaves open: taken as strides per leg unless its values say steps")
        series = raw if raw is not None else plain
        samples["cadence_spm"] = steps_per_minute(series, writer, warnings)
    elif plain is not None:
        samples["cadence_rpm"] = plain


def _lap_start(laps) -> pd.Timestamp | None:
    starts = _utc_times(pd.Series([lap.get("StartTime") for lap in laps if lap.get("StartTime")], dtype=object))
    return starts.min() if starts.notna().any() else None


def _utc_times(texts: pd.Series) -> pd.Series:
    """ISO times as UTC; unreadable ones, and years a damaged digit moves outside what a
    nanosecond timestamp holds, become NaT."""
    stamps = pd.to_datetime(texts, utc=True, format="ISO8601", errors="coerce")
    return stamps.where((stamps >= _EARLIEST) & (stamps < _LATEST))


def _lap_totals(laps) -> dict[str, float]:
    """Sums over laps of what every lap has; partial sums would understate, so a value
    missing in any lap leaves that total to the samples."""
    def column(name: str) -> np.ndarray:
        return np.array([_number(_child(lap, name)) if _child(lap, name) is not None else np.nan
                         for lap in laps], dtype=float)

    if not laps:
        return {}
    seconds, metres, kcal = column("TotalTimeSeconds"), column("DistanceMeters"), column("Calories")
    avg_hr, max_hr = column("AverageHeartRateBpm"), column("MaximumHeartRateBpm")
    totals: dict[str, float] = {}
    if np.isfinite(seconds).all():
        totals["moving_s"] = float(seconds.sum())
    if np.isfinite(metres).all() and metres.sum() > 0:
        totals["distance_m"] = float(metres.sum())
    if np.isfinite(kcal).all():
        totals["calories_kcal"] = float(kcal.sum())
    with_hr = np.isfinite(avg_hr) & np.isfinite(seconds) & (avg_hr > 0)
    if with_hr.any() and seconds[with_hr].sum() > 0:
        totals["avg_hr_bpm"] = float(np.average(avg_hr[with_hr], weights=seconds[with_hr]))
    if np.isfinite(max_hr).any() and np.nanmax(max_hr) > 0:
        totals["max_hr_bpm"] = float(np.nanmax(max_hr))
    return totals
