"""GPX track points read straight from the bytes, as runs of alike points (xml.items).

The tree walk of tree_columns visits every element of every point in Python; here the points
are cut out of each <trkseg>, one regex per run of alike points takes all their values, and
lxml and gpxpy see only the rest of the document (a few kB). The first point of a run,
parsed, tells what each value is by tree_columns' rules: the first plain <ele> and <time>
child, the extension leaves (GPX 1.1: under the first <extensions>; 1.0: under every
'*:extensions' child), the other fields gpxpy converts. The texts go to the same conversion
as the tree walk's (tree_columns.track_columns), so both read alike.

Anything this reading does not account for gives None, and the caller walks the whole tree
instead: points xml.items does not cover (comments, entities, non-ASCII, irregular markup),
<trkseg> text inside comments, CDATA or a DTD, track points outside plain <trk>/<trkseg>,
an element whose text cannot be told from an empty sibling of the same name, namespace
declarations that change from point to point, values the conversion refuses.
"""

from __future__ import annotations

import numpy as np
from lxml import etree

from riskcheck.readers.gpx.tree_columns import (
    _DEFAULT_NAMESPACE, FastPathUnsupported, TrackColumns, extension_kind, gpx_without_points,
    is_extensions, track_columns)
from riskcheck.readers.xml.numbers import readable_floats
from riskcheck.readers.xml.items import ItemRun, cut_items, parse_item


class _NotCovered(Exception):
    """A run holds what this reading does not reproduce (internal: walk the tree instead)."""


def read_run_columns(xml: bytes, channel_of: dict[str, str], derived: set[str]) -> TrackColumns | None:
    """tree_columns.read_track_columns' result from the runs of alike points, or None when
    the document is not one this reading covers (the caller then walks the tree)."""
    xml = _DEFAULT_NAMESPACE.sub(b"", xml, count=1)  # the bytes the tree walk parses
    cut = cut_items(xml, b"trkseg", b"trkpt")
    if cut is None:
        return None
    root, runs = cut.root, cut.runs
    segments = _paired_segments(root, len(runs))
    if segments is None:
        return None
    version = root.get("version")
    try:
        gpx = gpx_without_points(root, version)
        walk = _RunWalk(version == "1.1", channel_of, derived)
        for (track_no, segment), segment_runs in zip(segments, runs):
            walk.segment(segment_runs, segment.nsmap, track_no)
        return track_columns(gpx, version, walk)
    except (_NotCovered, FastPathUnsupported):
        return None


def _paired_segments(root, n_spans: int) -> list[tuple[int, etree._Element]] | None:
    """(track number, <trkseg>) for each cut span, when the skeleton's plain <trkseg>
    elements are exactly the children of its <trk> elements, one per span, and no track
    point is left in it (the tree walk counts every '*:trkpt' for GPX 1.0 extensions)."""
    segments = [(track_no, segment) for track_no, track in enumerate(root.iterchildren("trk"))
                for segment in track.iterchildren("trkseg")]
    if len(segments) != n_spans or sum(1 for _ in root.iter("trkseg")) != n_spans:
        return None
    if next(root.iter("{*}trkpt"), None) is not None:
        return None
    return segments


class _RunWalk:
    """The texts tree_columns._PointWalk keeps, a run of alike points at a time."""

    def __init__(self, gpx11: bool, channel_of: dict[str, str], derived: set[str]) -> None:
        self.gpx11 = gpx11
        self.channel_of, self.derived = channel_of, derived
        self.points_per_segment: list[tuple[int, int]] = []
        self.lat: list[bytes] = []
        self.lon: list[bytes] = []
        self.ele: list[bytes | None] = []
        self.times: list[str] = []
        self.other_fields: dict[str, list[str | None]] = {}
        # column (or lost name) -> pieces of (point indices, values), one per run
        self.channels: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {}
        self.lost: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {}
        self._kinds: dict[str, tuple[str, str] | None] = {}

    def segment(self, runs: list[ItemRun], nsmap: dict, track_no: int) -> None:
        first_index = len(self.lat)
        for run in runs:
            try:
                first = parse_item(run.first, nsmap)
            except etree.XMLSyntaxError:
                raise _NotCovered("a track point that is not well-formed") from None
            self._run(run, first)
        self.points_per_segment.append((track_no, len(self.lat) - first_index))

    def _run(self, run: ItemRun, first) -> None:
        if first.tag != "trkpt":
            raise _NotCovered("a track point in a namespace")
        slots = _text_slots(first, run)
        offset, n = len(self.lat), run.n_items
        self.lat += _attribute_texts(first, run, "lat")
        self.lon += _attribute_texts(first, run, "lon")
        fields: dict[str, object] = {}
        extensions = []
        for child in first:
            tag = child.tag
            if tag in ("time", "ele"):
                fields.setdefault(tag, child)
            elif is_extensions(tag, self.gpx11):
                extensions.append(child)
            else:
                self.other_fields.setdefault(tag, []).extend(set(_decoded(_leaf_texts(child, slots, run))))
        ele = fields.get("ele")
        ele_texts = _leaf_texts(ele, slots, run) if ele is not None else (None,) * n
        self.ele += [t or None for t in ele_texts] if b"" in ele_texts else ele_texts
        time = fields.get("time")
        self.times += _decoded(_leaf_texts(time, slots, run)) if time is not None else [None] * n
        if extensions:
            leaves = extensions[0].iterdescendants(etree.Element) if self.gpx11 else \
                (leaf for element in extensions for leaf in element.iter(etree.Element))
            self._extension_values([leaf for leaf in leaves if not len(leaf)], slots, run, offset)

    def _extension_values(self, leaves: list, slots: dict, run: ItemRun, offset: int) -> None:
        """Numeric leaves by local name, as _PointWalk._extension_values reads them point by
        point: an empty or unreadable text is skipped, of two leaves of one channel in a
        point the last readable one counts, and a channel is listed when a point first
        holds a text for it."""
        n = run.n_items
        merged: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
        first_met: dict[tuple[str, str], tuple[int, int]] = {}
        for order, leaf in enumerate(leaves):
            index = slots.get(leaf)
            if index is None:
                continue  # an empty element: no text in any point of the run
            texts = run.texts[index]
            met = next((i for i, text in enumerate(texts) if text), None)
            kind = self._kind(leaf.tag) if met is not None else None
            if kind is None:
                continue
            first_met.setdefault(kind, (met, order))
            values, readable = readable_floats(texts)
            run_values, run_readable = merged.setdefault(kind, (np.full(n, np.nan), np.zeros(n, dtype=bool)))
            run_values[readable] = values[readable]
            run_readable |= readable
        for kind in sorted(first_met, key=first_met.get):
            (self.channels if kind[0] == "channel" else self.lost).setdefault(kind[1], [])
        for (group, name), (values, readable) in merged.items():
            where = np.flatnonzero(readable)
            (self.channels if group == "channel" else self.lost)[name].append((where + offset, values[where]))

    def _kind(self, tag: str) -> tuple[str, str] | None:
        if tag not in self._kinds:
            self._kinds[tag] = extension_kind(tag, self.channel_of, self.derived)
        return self._kinds[tag]

    def channel_columns(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        return {column: _joined(pieces) for column, pieces in self.channels.items()}

    def lost_points(self) -> dict[str, np.ndarray]:
        return {name: _joined(pieces)[0] for name, pieces in self.lost.items()}


def _text_slots(first, run: ItemRun) -> dict:
    """The index in run.paths of each element's text, for the elements of `first` whose
    text the run captured (leaves written with an end tag).

    xml.items lists a point's values in document order: the point's own attributes
    (namespace declarations too; inner elements' attributes are part of the pattern, alike
    in every point), then the text of each leaf written with an end tag. An empty element
    (<ele/>) has no text value, so a sibling of the same name could be taken for it: such
    points are not covered."""
    elements = _with_paths(first, "")
    if b"/>" in run.first and len({path for _, path in elements}) != len(elements):
        raise _NotCovered("an empty element beside one of the same name")
    paths, slots, position = run.paths, {}, 0
    while position < len(paths) and paths[position].startswith("@"):
        if paths[position] == "@xmlns" and len(set(run.texts[position])) > 1:
            raise _NotCovered("a default namespace that differs from point to point")
        position += 1
    for element, path in elements:
        if not len(element) and position < len(paths) and paths[position] == path:
            slots[element] = position
            position += 1
    if position != len(paths):
        raise _NotCovered("values the parsed point does not account for")
    return slots


def _with_paths(element, path: str) -> list[tuple[object, str]]:
    """The element and its descendants in document order, each with its path of local
    names below the point, as xml.items names values."""
    found = [(element, path)]
    for child in element:
        name = child.tag.rpartition("}")[2]
        found += _with_paths(child, f"{path}/{name}" if path else name)
    return found


def _attribute_texts(first, run: ItemRun, name: str) -> tuple[bytes, ...]:
    """A point attribute's texts; gpxpy refuses a point without lat or lon."""
    indices = [i for i, path in enumerate(run.paths) if path == "@" + name]
    if len(indices) != 1 or first.get(name) is None:
        raise _NotCovered(f"a track point without one plain {name} attribute")
    return run.texts[indices[0]]


def _leaf_texts(element, slots: dict, run: ItemRun) -> tuple[bytes | None, ...]:
    """The texts of one element in each point; None for an empty element."""
    if len(element):
        raise _NotCovered(f"<{element.tag}> holds elements")
    index = slots.get(element)
    return (None,) * run.n_items if index is None else run.texts[index]


def _decoded(texts: tuple[bytes | None, ...]) -> list[str | None]:
    """ASCII texts as str, with line ends as the parser reads them ('\\r\\n', '\\r' -> '\\n')."""
    if not texts or texts[0] is None:  # an empty element: None in every point
        return list(texts)
    joined = b"\n".join(texts)
    if b"\r" not in joined and joined.count(b"\n") == len(texts) - 1:
        return joined.decode("ascii").split("\n")  # one decode for the run
    return [t.decode("ascii").replace("\r\n", "\n").replace("\r", "\n") for t in texts]


def _joined(pieces: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    if not pieces:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    return np.concatenate([w for w, _ in pieces]).astype(np.int64), np.concatenate([v for _, v in pieces])
