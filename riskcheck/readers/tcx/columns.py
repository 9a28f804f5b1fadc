"""TCX trackpoints as columns, for trackpoints that all have the same shape.

A device writes every trackpoint of a lap alike (Time, Position, ..., Extensions), so the
first trackpoint's reading (tcx._trackpoint_values) tells what every point holds, and each
channel is the text of one tag, taken for all points at once: from a Track element whose
preorder sequence of (tag, number of children) is one trackpoint's sequence repeated
(track_columns, lxml's C iteration), or from a run of alike trackpoints read straight from
the bytes (run_columns, xml.items). The shape must be unambiguous: a tag twice in a point,
a channel element with children, or a point without a time text raises IrregularTrack, and
the caller walks the points one by one instead.
"""

from __future__ import annotations

import numpy as np

from riskcheck.readers.xml.numbers import readable_floats
from riskcheck.readers.xml.items import ItemRun


class IrregularTrack(Exception):
    """The trackpoints differ in shape (internal: the caller walks them one by one)."""


def track_columns(track, read_point, fields: dict[str, str]) -> tuple[list[str], dict[str, np.ndarray], set[str]]:
    """Time texts, channel columns (in the order read_point meets them) and lost channel
    names of a Track whose trackpoints share one shape. `fields` maps a local tag name to
    its column, as read_point reads it."""
    points = list(track)
    if not points:
        return [], {}, set()
    shape = _shape(points[0])
    for point in points:  # point by point, so that an irregular Track is given up early
        if [(e.tag, len(e)) for e in point.iter()] != shape:
            raise IrregularTrack("trackpoints differ in shape")
    return _alike_columns(points[0], shape, lambda tag: [e.text for e in track.iter(tag)], read_point, fields)


def run_columns(run: ItemRun, first, read_point, fields: dict[str, str]) -> tuple[list[str], dict[str, np.ndarray], set[str]]:
    """The same for a run of alike trackpoints read from the bytes (xml.items, which
    matched their shape), `first` being the run's first trackpoint parsed."""
    texts = {path.rpartition("/")[2]: texts for path, texts in zip(run.paths, run.texts)}
    return _alike_columns(first, _shape(first), lambda tag: texts[_local(tag)], read_point, fields)


def _shape(first) -> list[tuple[str, int]]:
    shape = [(e.tag, len(e)) for e in first.iter()]
    if not all(isinstance(tag, str) for tag, _ in shape):
        raise IrregularTrack("a comment or processing instruction in a trackpoint")
    return shape


def _alike_columns(first, shape: list[tuple[str, int]], texts_of, read_point, fields: dict[str, str],
                   ) -> tuple[list[str], dict[str, np.ndarray], set[str]]:
    """Columns of trackpoints shaped like `first`; texts_of(tag) is the text of that tag in
    each of them (str from lxml, ASCII bytes from xml.items: float() reads both alike)."""
    by_name = {_local(tag): (i, tag, n_children) for i, (tag, n_children) in enumerate(shape)}
    if len(by_name) != len(shape):
        raise IrregularTrack("a tag name twice in a trackpoint")
    lost: set[str] = set()
    first_values = read_point(first, lost)
    time_tag = _leaf(by_name, "Time")
    if first.find(time_tag) is None:  # tcx reads the time of a trackpoint's own <Time> only
        raise IrregularTrack("<Time> is not a child of the trackpoint")
    times = _stripped_strs(texts_of(time_tag))
    if not all(times):
        raise IrregularTrack("a trackpoint with an empty time")
    tag_of = {column: name for name, column in fields.items()} | {"heart_rate_bpm": "HeartRateBpm"}
    columns = {column: readable_floats(texts_of(_source(by_name, shape, tag_of[column])))[0]
               for column in first_values}
    return times, columns, lost


def _leaf(by_name: dict, name: str) -> str:
    if name not in by_name or by_name[name][2] != 0:
        raise IrregularTrack(f"<{name}> is not a leaf of every trackpoint")
    return by_name[name][1]


def _source(by_name: dict, shape: list, name: str) -> str:
    """The tag whose text is the value: the element itself, or HeartRateBpm's only <Value>."""
    index, tag, n_children = by_name[name]
    if name == "HeartRateBpm" and n_children == 1 and _local(shape[index + 1][0]) == "Value":
        return _leaf(by_name, "Value")
    return _leaf(by_name, name)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _stripped_strs(texts: list[str | None] | tuple[bytes, ...]) -> list[str]:
    if texts and isinstance(texts[0], bytes):
        words = b" ".join(texts).decode("ascii").split()
        if len(words) == len(texts):  # one word each: the words are the stripped texts
            return words
        return [text.decode("ascii").strip() for text in texts]
    return [(text or "").strip() for text in texts]
