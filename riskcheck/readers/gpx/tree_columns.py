"""GPX track points as columns, read with lxml in one pass, exactly as gpxpy reads them.

gpxpy builds a Python object per point and parses each time with a regex: about 6 MB/s. Here
the document is parsed once, each <trkpt> is visited once, and numbers and times are
converted a column at a time. The result must be what gpxpy (plus the GPX 1.0 extension
recovery of gpx.py) would give for the same file, so this module copies gpxpy's rules:
- the first default namespace declaration is removed before parsing, so GPX elements are
  plain 'trk', 'trkseg', 'trkpt', 'ele', 'time' and only those are read as GPX fields;
- a point's 'ele' and 'time' are the first such child; its extensions are the children of
  its first 'extensions' (GPX 1.1), or every '*:extensions' child (1.0, see gpx.py);
- everything outside the track points (metadata, waypoints, routes, track names and types)
  is read by gpxpy itself, from the tree with the segments detached, so its checks apply.
Whatever this module does not reproduce (a point without lat/lon, a value gpxpy would
refuse, GPX 1.0 extensions that cannot be matched to points) raises FastPathUnsupported,
and the caller reads the file with gpxpy instead: the fast path never reads less.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

import gpxpy.gpx
import gpxpy.gpxfield
import numpy as np
import pandas as pd
from lxml import etree

from riskcheck.readers.xml.numbers import floats
from riskcheck.readers.xml.safety import safe_parser

TIMESTAMP_LIMIT_YEAR = 2262  # nanosecond timestamps end in 2262; a later year is damage

_DEFAULT_NAMESPACE = re.compile(rb"""\sxmlns=(['"])[^'"]+\1""")  # gpxpy's own pattern
# Times in the one shape pandas and gpxpy read alike: years 1900-2099 (inside pandas' ns
# range), valid field ranges, up to 9 fraction digits, 'Z' or a '+hh:mm' offset or none.
_PLAIN_TIME = (r"(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
               r"T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?")
_ALL_PLAIN_TIMES = re.compile(rf"(?:{_PLAIN_TIME}\n)*+")  # possessive: no backtracking, each time ends at its line end
_NS_PER_S = 1_000_000_000


class FastPathUnsupported(Exception):
    """The file needs gpxpy's own reading (internal: the caller falls back, never the user)."""


@dataclass
class TrackColumns:
    """Every track point of a file, in document order, one array per field."""

    gpx: gpxpy.gpx.GPX            # the document without track points: creator, names, types
    track: np.ndarray             # index of the point's track in gpx.tracks
    segment: np.ndarray           # 1-based segment number over the whole file
    lat_deg: np.ndarray
    lon_deg: np.ndarray
    altitude_m: np.ndarray
    time_ns: np.ndarray           # UTC nanoseconds; NaT where gpxpy reads no time
    local_year: np.ndarray        # year as written (gpxpy's point.time.year)
    offset_s: np.ndarray          # the time's own UTC offset; 0 when it has none
    naive: np.ndarray             # the time carries no zone
    # extension column -> (point indices, values), columns in the order first met
    channels: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    lost: dict[str, np.ndarray] = field(default_factory=dict)  # extension name -> point indices


def read_track_columns(xml: bytes, channel_of: dict[str, str], derived: set[str]) -> TrackColumns:
    """Columns of all track points of checked XML bytes, from one walk over the whole tree.
    `channel_of` maps a lower-case extension leaf name to its sample column; names in
    `derived` are neither read nor lost."""
    try:
        root = etree.fromstring(_DEFAULT_NAMESPACE.sub(b"", xml, count=1), safe_parser())
    except etree.XMLSyntaxError as err:
        raise FastPathUnsupported(f"XML error: {err}") from None
    if root is None:
        raise FastPathUnsupported("empty document")
    version = root.get("version")
    segments = _segments_by_track(root)
    gpx = gpx_without_points(root, version)
    walk = _PointWalk(version == "1.1", channel_of, derived)
    for track_no, track_segments in enumerate(segments):
        for segment in track_segments:
            walk.segment(segment, track_no)
    if version != "1.1" and b"extensions" in xml:
        _check_gpx10_extensions_match(root, walk.n_points)
    return track_columns(gpx, version, walk)


def track_columns(gpx: gpxpy.gpx.GPX, version: str | None, walk) -> TrackColumns:
    """TrackColumns from the texts a walk over the points kept (this module's tree walk or
    byte_columns' reading of the bytes): points_per_segment, lat, lon, ele, times and
    other_fields as lists in document order, channel_columns() and lost_points()."""
    check_other_fields(walk.other_fields, version)
    times = _parse_times(walk.times)
    tracks, counts = (np.asarray(c, dtype=np.int64).reshape(-1) for c in zip(*walk.points_per_segment)) \
        if walk.points_per_segment else (np.zeros(0, np.int64), np.zeros(0, np.int64))
    return TrackColumns(
        gpx=gpx, track=np.repeat(tracks, counts), segment=np.repeat(np.arange(1, len(counts) + 1), counts),
        lat_deg=_floats(walk.lat), lon_deg=_floats(walk.lon), altitude_m=_floats(walk.ele),
        time_ns=times[0], local_year=times[1], offset_s=times[2], naive=times[3],
        channels=walk.channel_columns(), lost=walk.lost_points())


def _segments_by_track(root) -> list[list]:
    return [list(track.iterchildren("trkseg")) for track in root.iterchildren("trk")]


def gpx_without_points(root, version: str | None) -> gpxpy.gpx.GPX:
    """gpxpy's reading of a copy of the document without its track segments (copied, not
    detached: lxml's detaching walks every moved node, slower than gpxpy itself)."""
    skeleton = etree.Element(root.tag, dict(root.attrib), nsmap=root.nsmap)
    for child in root:
        if child.tag == "trk":
            track = etree.SubElement(skeleton, "trk", dict(child.attrib))
            track.extend(copy.deepcopy(c) for c in child if c.tag != "trkseg")
        else:
            skeleton.append(copy.deepcopy(child))
    try:
        return gpxpy.gpxfield.gpx_fields_from_xml(gpxpy.gpx.GPX(), skeleton, version)
    except gpxpy.gpx.GPXException as err:
        raise FastPathUnsupported(f"gpxpy refuses part of the document: {err}") from None


def _check_gpx10_extensions_match(root, n_points: int) -> None:
    """gpx.py pairs GPX 1.0 extensions with points by counting '*:trkpt' over the whole
    document; where that count differs from the track points, it warns and drops them."""
    if sum(1 for _ in root.iter("{*}trkpt")) != n_points:
        raise FastPathUnsupported("GPX 1.0 points outside track segments")


_NOT_SEEN = object()


def is_extensions(tag, gpx11: bool) -> bool:
    """A point's child holding extensions: GPX 1.1, gpxpy's plain <extensions>; 1.0, gpx.py's
    '*:extensions' (any namespace)."""
    if gpx11:
        return tag == "extensions"
    return isinstance(tag, str) and tag.rpartition("}")[2] == "extensions"


def extension_kind(tag: str, channel_of: dict[str, str], derived: set[str]) -> tuple[str, str] | None:
    """('channel', column) or ('lost', name) for an extension leaf's tag, by its lower-case
    local name; None for channels riskcheck derives elsewhere."""
    name = tag.rpartition("}")[2].lower()
    column = channel_of.get(name)
    if column:
        return "channel", column
    return None if name in derived else ("lost", name)


class _PointWalk:
    """Visits each <trkpt> once and keeps its raw field texts and extension values.

    The loop is the cost of the whole reader, so it does as little per point as it can:
    texts are kept as they are (converted a column at a time later) and each extension
    tag is classified once per file (_target)."""

    def __init__(self, gpx11: bool, channel_of: dict[str, str], derived: set[str]) -> None:
        self.gpx11 = gpx11
        self.channel_of, self.derived = channel_of, derived
        self.points_per_segment: list[tuple[int, int]] = []   # (track number, points)
        self.lat: list[str] = []
        self.lon: list[str] = []
        self.ele: list[str | None] = []
        self.times: list[str | None] = []
        self.other_fields: dict[str, list[str]] = {}   # e.g. 'hdop' texts gpxpy would convert
        # column -> (point indices, values), several values of one point: the last counts
        self.channels: dict[str, tuple[list[int], list[float]]] = {}
        self.lost: dict[str, tuple[list[int], list[float]]] = {}
        self._targets: dict[str, tuple[list[int], list[float]] | None] = {}

    @property
    def n_points(self) -> int:
        return len(self.lat)

    def segment(self, segment, track_no: int) -> None:
        first = len(self.lat)
        lat, lon, ele, times = self.lat.append, self.lon.append, self.ele.append, self.times.append
        gpx11 = self.gpx11
        for point in segment.iterchildren("trkpt"):
            lat_text, lon_text = point.get("lat"), point.get("lon")
            if lat_text is None or lon_text is None:
                raise FastPathUnsupported("track point without lat/lon")
            lat(lat_text)
            lon(lon_text)
            ele_text = time_text = _NOT_SEEN
            extensions = []
            for child in point:
                tag = child.tag
                if tag == "time":
                    if time_text is _NOT_SEEN:
                        time_text = child.text
                elif tag == "ele":
                    if ele_text is _NOT_SEEN:
                        ele_text = child.text
                elif is_extensions(tag, gpx11):
                    extensions.append(child)
                else:
                    self.other_fields.setdefault(tag, []).append(child.text)
            ele(None if ele_text is _NOT_SEEN else ele_text)
            times(None if time_text is _NOT_SEEN else time_text)
            if extensions:
                self._extension_values(extensions, len(self.lat) - 1)
        self.points_per_segment.append((track_no, len(self.lat) - first))

    def _extension_values(self, extensions: list, index: int) -> None:
        """Numeric extension leaves by local name, as gpx._channels reads them: for 1.1 the
        descendants of the first <extensions>, for 1.0 the <extensions> elements too."""
        targets = self._targets
        leaves = extensions[0].iterdescendants(etree.Element) if self.gpx11 else \
            (leaf for element in extensions for leaf in element.iter(etree.Element))
        for leaf in leaves:
            text = leaf.text
            if not text or len(leaf):
                continue
            tag = leaf.tag
            target = targets[tag] if tag in targets else self._target(tag)
            if target is None:
                continue
            try:
                value = float(text)
            except ValueError:
                continue
            target[0].append(index)
            target[1].append(value)

    def _target(self, tag: str) -> tuple[list[int], list[float]] | None:
        """Where values of this extension tag go: its channel, its lost name (values
        unused), or nowhere (channels derived elsewhere). Decided once per tag."""
        kind = extension_kind(tag, self.channel_of, self.derived)
        target = None if kind is None else \
            (self.channels if kind[0] == "channel" else self.lost).setdefault(kind[1], ([], []))
        self._targets[tag] = target
        return target

    def channel_columns(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        return {c: _last_value_per_point(*where_values) for c, where_values in self.channels.items()}

    def lost_points(self) -> dict[str, np.ndarray]:
        return {name: np.asarray(where, dtype=np.int64) for name, (where, _) in self.lost.items()}


def check_other_fields(other_fields: dict[str, list], version: str | None) -> None:
    """Point fields gpxpy converts (hdop, sat, fix, speed...) must convert, or gpxpy refuses
    the file: leave that outcome, and its message, to gpxpy. `other_fields` maps a point
    child's tag to its texts."""
    fields = gpxpy.gpx.GPXTrackPoint.gpx_11_fields if version == "1.1" \
        else gpxpy.gpx.GPXTrackPoint.gpx_10_fields
    checked = {f.tag: f for f in fields if isinstance(f, gpxpy.gpxfield.GPXField)
               and f.tag and (f.type_converter or f.possible)}
    for tag, texts in other_fields.items():
        gpx_field = checked.get(tag)
        if gpx_field is None:
            continue
        for text in texts:
            if text is None:
                continue
            try:
                value = gpx_field.type_converter.from_string(text) if gpx_field.type_converter else text
            except Exception:
                raise FastPathUnsupported(f"gpxpy refuses <{tag}> {text!r}") from None
            if gpx_field.possible and value not in gpx_field.possible:
                raise FastPathUnsupported(f"gpxpy refuses <{tag}> {text!r}")


def _last_value_per_point(where: list[int], values: list[float]) -> tuple[np.ndarray, np.ndarray]:
    """A point whose extensions hold one channel twice (hr and heartrate) keeps the last."""
    where_arr, values_arr = np.asarray(where, dtype=np.int64), np.asarray(values, dtype=float)
    if not where_arr.size:  # a channel met only with texts that are no numbers
        return where_arr, values_arr
    last = np.append(where_arr[1:] != where_arr[:-1], True)
    return where_arr[last], values_arr[last]


def _floats(texts: list[str | None]) -> np.ndarray:
    """Python's float() of each text, as gpxpy converts them; None is NaN."""
    try:
        if None not in texts:
            return floats(texts)
        return np.array([np.nan if t is None else float(t) for t in texts], dtype=float)
    except ValueError as err:
        raise FastPathUnsupported(f"gpxpy refuses a number: {err}") from None


def _parse_times(texts: list[str | None]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """UTC ns, year as written, UTC offset (s) and 'has no zone' for each time text.

    When every text has the plain ISO shape (one regex pass over them all), pandas parses
    them at once; otherwise each goes through gpxpy's own time parser."""
    present = [t for t in texts if t]
    joined = "\n".join(present) + "\n"
    if not present or not _ALL_PLAIN_TIMES.fullmatch(joined):
        return _parse_times_like_gpxpy(texts)
    clean = [t or None for t in texts]
    # gpxpy keeps microseconds: cut finer fractions the same way
    parsed = pd.to_datetime(clean, utc=True, format="ISO8601", errors="coerce")
    # a damaged year past what nanosecond timestamps hold: untimed, as in the gpxpy path
    utc = parsed.where(parsed.year < TIMESTAMP_LIMIT_YEAR).as_unit("ns").floor("us")
    if joined.count("Z\n") == len(present):  # all in UTC: nothing more to read per text
        year = np.where(utc.isna(), 0, utc.year.to_numpy(dtype=float, na_value=0)).astype(np.int64)
        return utc.asi8.copy(), year, np.zeros(len(texts)), np.zeros(len(texts), dtype=bool)
    year = np.array([int(t[:4]) if t else 0 for t in clean], dtype=np.int64)
    offset = np.array([_offset_s(t) if t and t[-1] != "Z" else 0.0 for t in clean], dtype=float)
    naive = np.array([bool(t) and t[-1] != "Z" and t[-6] not in "+-" for t in clean], dtype=bool)
    return utc.asi8.copy(), year, offset, naive


def _offset_s(text: str) -> float:
    tail = text[-6:]
    if tail[0] not in "+-":
        return 0.0
    sign = -1 if tail[0] == "-" else 1
    return float(sign * (int(tail[1:3]) * 3600 + int(tail[4:6]) * 60))


def _parse_times_like_gpxpy(texts: list[str | None]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    parse = gpxpy.gpxfield.TIME_TYPE.from_string
    n = len(texts)
    utc = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)  # NaT
    year = np.zeros(n, dtype=np.int64)
    offset = np.zeros(n, dtype=float)
    naive = np.zeros(n, dtype=bool)
    for i, text in enumerate(texts):
        when = parse(text) if text else None
        if when is None:
            continue
        year[i] = when.year
        if when.tzinfo is None:
            naive[i] = True
        else:
            offset[i] = when.utcoffset().total_seconds()
        try:
            utc[i] = pd.Timestamp(when.replace(tzinfo=None)).as_unit("ns").value - int(offset[i] * _NS_PER_S)
        except (OverflowError, ValueError, pd.errors.OutOfBoundsDatetime):
            pass  # outside nanosecond timestamps: an early placeholder or a damaged year, untimed
    return utc, year, offset, naive
