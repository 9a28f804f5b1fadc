"""The fast GPX and TCX readers equal their references on every corpus file: gpxpy's points
(count, times, lat/lon/elevation), and the whole reading of the gpxpy-based and per-trackpoint
readers kept as read_gpx_reference and read_tcx_reference (samples, warnings, lost columns,
errors). Also: the fast GPX path really runs (it is not the fallback in disguise), and its
time parsing equals gpxpy's on awkward time strings."""

from __future__ import annotations

from pathlib import Path

import gpxpy
import gpxpy.gpxfield
import numpy as np
import pandas as pd
import pytest
from lxml import etree
from support import assert_same_reading, corpus_manifest, reading_or_refusal

from riskcheck.readers.gpx import byte_columns, tree_columns
from riskcheck.readers.gpx import reader as gpx
from riskcheck.readers.tcx import reader as tcx
from riskcheck.readers.base import ReadOptions
from riskcheck.readers.tcx.reader import read_tcx, read_tcx_reference
from riskcheck.readers.tcx.columns import IrregularTrack, track_columns
from riskcheck.readers.xml.safety import checked_xml

GPX_ROWS = [row for row in corpus_manifest() if row["kind"] == "gpx"]
TCX_ROWS = [row for row in corpus_manifest() if row["kind"] == "tcx"]
OPTIONS = ReadOptions()
# gpxpy refuses a point without lat/lon; the fast path leaves such files to the reference
# (which patches them), so they are the only corpus GPX read by the fallback.
FALLBACK_EXPECTED = {"Runalyze_Runalyze__standard.gpx"}
# Corpus GPX whose points are not read straight from the bytes (byte_columns), but by the walk
# over the whole tree (or, for the first, by gpxpy).
TREE_WALK_EXPECTED = FALLBACK_EXPECTED | {
    "GoldenCheetah_GoldenCheetah__MetadataOnly.gpx",     # no track, no points
    "tkrajina_gpxpy__gpx_with_garmin_extension.gpx",     # a waypoint only
    "tkrajina_gpxpy__unicode_with_bom.gpx",              # a waypoint only
}


def test_corpus_has_xml_files(corpus):
    assert len(GPX_ROWS) >= 30 and len(TCX_ROWS) >= 20


def _outcome(reader, path: str):
    return reading_or_refusal(reader, Path(path).read_bytes(), path)


@pytest.mark.parametrize("row", GPX_ROWS, ids=lambda r: r["local_name"])
def test_gpx_equals_gpxpy_based_reader(row):
    assert_same_reading(_outcome(gpx.read_gpx, row["file"]), _outcome(gpx.read_gpx_reference, row["file"]))


@pytest.mark.parametrize("row", TCX_ROWS, ids=lambda r: r["local_name"])
def test_tcx_equals_per_trackpoint_reader(row):
    assert_same_reading(_outcome(read_tcx, row["file"]), _outcome(read_tcx_reference, row["file"]))


def _gpxpy_points(path: str) -> list:
    text = checked_xml(Path(path).read_bytes()).decode("utf-8")
    return [p for t in gpxpy.parse(text).tracks for s in t.segments for p in s.points]


def _gpxpy_reads(path: str) -> bool:
    try:
        _gpxpy_points(path)
        return True
    except gpxpy.gpx.GPXException:
        return False


@pytest.mark.parametrize("row", [r for r in GPX_ROWS if _gpxpy_reads(r["file"])], ids=lambda r: r["local_name"])
def test_gpx_columns_are_gpxpy_points(row):
    """Point for point, in document order: what gpxpy parses is what the columns hold."""
    points = _gpxpy_points(row["file"])
    columns = tree_columns.read_track_columns(checked_xml(Path(row["file"]).read_bytes()),
                                            gpx._EXTENSION_CHANNELS, gpx._DERIVED_ELSEWHERE)
    assert len(columns.lat_deg) == len(points)
    np.testing.assert_array_equal(columns.lat_deg, [p.latitude for p in points])
    np.testing.assert_array_equal(columns.lon_deg, [p.longitude for p in points])
    np.testing.assert_array_equal(columns.altitude_m, [np.nan if p.elevation is None else p.elevation for p in points])
    expected = [_utc_ns(p.time) for p in points]
    assert columns.time_ns.tolist() == expected


def _utc_ns(when) -> int:
    if when is None:
        return np.iinfo(np.int64).min
    if when.tzinfo is None:
        return pd.Timestamp(when, tz="UTC").as_unit("ns").value
    return pd.Timestamp(when).tz_convert("UTC").as_unit("ns").value


@pytest.mark.parametrize("row", GPX_ROWS, ids=lambda r: r["local_name"])
def test_fast_gpx_path_is_the_one_that_runs(row):
    xml = checked_xml(Path(row["file"]).read_bytes())
    if row["local_name"] in FALLBACK_EXPECTED:
        with pytest.raises(tree_columns.FastPathUnsupported):
            tree_columns.read_track_columns(xml, gpx._EXTENSION_CHANNELS, gpx._DERIVED_ELSEWHERE)
    else:
        tree_columns.read_track_columns(xml, gpx._EXTENSION_CHANNELS, gpx._DERIVED_ELSEWHERE)


AWKWARD_TIMES = [
    "2024-03-01T10:00:00Z", "2024-03-01T10:00:00.123456789Z", "2024-03-01T10:00:00.5+02:00",
    "2024-03-01T10:00:00-05:30", "2024-03-01T10:00:00", "2024-02-30T10:00:00Z", "1979-12-31T23:59:59Z",
    "2024-3-1T1:2:3Z", "2024-03-01 10:00:00Z", "2024-03-01T10:00:00+0200", "2024-03-01T23:59:60Z",
    " 2024-03-01T10:00:00Z", "2024-03-01T10:00:00Z\n", "0001-01-01T00:00:00Z", "yesterday", "",
]


@pytest.mark.parametrize("text", AWKWARD_TIMES)
def test_time_parsing_equals_gpxpy(text):
    """One awkward time among plain ones: the reading of each equals gpxpy's parse_time."""
    texts = ["2024-03-01T09:59:59Z", text, None]
    utc, year, offset, naive = tree_columns._parse_times(texts)
    for i, value in enumerate(texts):
        when = gpxpy.gpxfield.TIME_TYPE.from_string(value) if value else None
        if when is None:
            assert utc[i] == np.iinfo(np.int64).min
            continue
        assert year[i] == when.year
        assert naive[i] == (when.tzinfo is None)
        assert offset[i] == (when.utcoffset().total_seconds() if when.tzinfo else 0.0)
        if when.year >= gpx.GPS_EPOCH_YEAR:
            assert utc[i] == _utc_ns(when)


def _gpx_bytes(points: str, version: str = "1.1") -> bytes:
    ns = "http://www.topografix.com/GPX/1/1" if version == "1.1" else "http://www.topografix.com/GPX/1/0"
    return (f'<?xml version="1.0"?><gpx version="{version}" creator="t" xmlns="{ns}" '
            f'xmlns:g="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">'
            f"<trk><type>running</type><trkseg>{points}</trkseg></trk></gpx>").encode()


def _point(i: int, extra: str = "") -> str:
    return (f'<trkpt lat="47.{i:04d}" lon="8.0"><ele>400</ele><time>2024-03-01T10:00:{i:02d}Z</time>'
            f"{extra}</trkpt>")


@pytest.mark.parametrize("points, version", [
    ("".join(_point(i, "<hdop>x</hdop>" if i == 3 else "") for i in range(20)), "1.1"),  # gpxpy refuses
    ("".join(_point(i, "<fix>4d</fix>" if i == 3 else "") for i in range(20)), "1.1"),   # not a fix value
    ("".join(_point(i, "<extensions><g:hr>1</g:hr><g:heartrate>2</g:heartrate></extensions>") for i in range(20)), "1.1"),
    ("".join(_point(i, "<extensions><g:TrackPointExtension><g:hr>99</g:hr></g:TrackPointExtension>"
                       "</extensions><extensions><g:cad>80</g:cad></extensions>") for i in range(20)), "1.1"),
    ("".join(_point(i, "<speed>2.5</speed><extensions><g:cad>80</g:cad></extensions>") for i in range(20)), "1.0"),
    ("".join(_point(i, "<ele>500</ele><time>2024-03-01T11:00:00Z</time>") for i in range(20)), "1.1"),
    ("".join(_point(i) for i in range(10)) + '<trkpt lat="0" lon="0"><time>2024-03-01T10:00:30Z</time></trkpt>', "1.1"),
])
def test_made_up_shapes_read_like_the_reference(points, version):
    data = _gpx_bytes(points, version)
    assert_same_reading(reading_or_refusal(gpx.read_gpx, data), reading_or_refusal(gpx.read_gpx_reference, data))


def _columns_of(read, xml: bytes):
    return read(xml, gpx._EXTENSION_CHANNELS, gpx._DERIVED_ELSEWHERE)


def _assert_same_columns(runs: tree_columns.TrackColumns, tree: tree_columns.TrackColumns) -> None:
    for name in ("track", "segment", "lat_deg", "lon_deg", "altitude_m", "time_ns", "local_year",
                 "offset_s", "naive"):
        np.testing.assert_array_equal(getattr(runs, name), getattr(tree, name), err_msg=name)
    assert list(runs.channels) == list(tree.channels)  # the frame's column order follows it
    for column, (where, values) in tree.channels.items():
        np.testing.assert_array_equal(runs.channels[column][0], where, err_msg=column)
        np.testing.assert_array_equal(runs.channels[column][1], values, err_msg=column)
    assert runs.lost.keys() == tree.lost.keys()
    for name, where in tree.lost.items():
        np.testing.assert_array_equal(runs.lost[name], where, err_msg=name)
    assert [(t.name, t.type) for t in runs.gpx.tracks] == [(t.name, t.type) for t in tree.gpx.tracks]
    assert (runs.gpx.creator, runs.gpx.version) == (tree.gpx.creator, tree.gpx.version)


@pytest.mark.parametrize("row", GPX_ROWS, ids=lambda r: r["local_name"])
def test_gpx_points_from_the_bytes_equal_the_tree_walk(row):
    """The corpus GPX with track points are read from the bytes, and read as the walk over
    the whole tree reads them."""
    xml = checked_xml(Path(row["file"]).read_bytes())
    runs = _columns_of(byte_columns.read_run_columns, xml)
    assert (runs is None) == (row["local_name"] in TREE_WALK_EXPECTED)
    if runs is not None:
        _assert_same_columns(runs, _columns_of(tree_columns.read_track_columns, xml))


_HR = "<extensions><g:TrackPointExtension><g:hr>1{}0</g:hr></g:TrackPointExtension></extensions>"


def _points(n: int, extra=lambda i: _HR.format(i % 10), point=_point) -> str:
    return "".join(point(i, extra(i)) for i in range(n))


def _point_without_ele(i: int, extra: str = "") -> str:
    return f'<trkpt lat="47.{i:04d}" lon="8.0"><time>2024-03-01T10:00:{i:02d}Z</time>{extra}</trkpt>'


@pytest.mark.parametrize("points, version, from_bytes", [
    pytest.param(_point_without_ele(0, _HR.format(0)) + "".join(_point(i, _HR.format(i % 10)) for i in range(1, 30)),
                 "1.1", True, id="first point without ele"),
    pytest.param(_points(30, lambda i: _HR.format(i % 10) + ("<extensions><g:cad>9</g:cad></extensions>" if i == 7 else
                 "")), "1.1", True, id="a second extensions element in one point"),
    pytest.param(_points(30, lambda i: _HR.format(i % 10).replace("</g:TrackPointExtension>", "<g:cad>8</g:cad>"
                 "</g:TrackPointExtension>") if i in (3, 4, 20) else _HR.format(1)), "1.1", True,
                 id="points with an extra extension"),
    pytest.param(_points(30, lambda i: f"<speed>2.5</speed><extensions><g:hr>15{i % 10}</g:hr><g:cad>8</g:cad>"
                 "<g:distance>3</g:distance></extensions>"), "1.0", True, id="GPX 1.0 extensions"),
    pytest.param(_points(30, lambda i: f"<extensions><g:hr>1{i % 10}0</g:hr><g:heartrate>{'x' if i % 3 else 99}"
                 "</g:heartrate></extensions>"), "1.1", True, id="one channel twice, partly unreadable"),
    pytest.param(_points(30, lambda i: "<extensions><g:hr>abc</g:hr></extensions>"), "1.1", True,
                 id="a channel without numbers"),
    pytest.param(_points(30, lambda i: "<extensions><g:hr>abc</g:hr></extensions>" + ("<!-- x -->" if i == 9 else "")),
                 "1.1", False, id="a channel without numbers and a comment"),
    pytest.param(_points(30, lambda i: _HR.format(i % 10) + ("<!-- paused -->" if i == 12 else "")), "1.1", False,
                 id="a comment between points"),
    pytest.param(_points(30, lambda i: _HR.format("&#52;" if i == 5 else i % 10)), "1.1", False,
                 id="a character reference in a value"),
    pytest.param(_points(30, lambda i: "<name>Läufer</name>" if i == 2 else ""), "1.1", False,
                 id="non-ASCII text in a point"),
    pytest.param(_points(30, lambda i: "<extensions><g:Geschwindigkeit_ä>3</g:Geschwindigkeit_ä></extensions>"),
                 "1.1", False, id="a non-ASCII extension name"),
    pytest.param(_points(30).replace("><", ">\r\n<").replace("Z</time>", "Z\r\n</time>", 3), "1.1", True,
                 id="CRLF line ends, some inside times"),
    pytest.param(_points(30, lambda i: "<ele></ele>"), "1.1", True, id="a second, empty ele"),
    pytest.param(_points(30, lambda i: "", point=lambda i, extra: _point_without_ele(i, f"<ele>{'' if i < 2 else i}</ele>")),
                 "1.1", True, id="an ele without text"),
    pytest.param(_points(30, lambda i: f"<extensions><g:cad>{'' if i < 2 else 80}</g:cad><g:hr>150</g:hr></extensions>"),
                 "1.1", True, id="a channel empty in the first points"),
    pytest.param(_points(30, lambda i: "", point=lambda i, extra: _point_without_ele(i, "<ele/><ele>5</ele>")),
                 "1.1", False, id="an empty ele before one with a value"),
    pytest.param(_points(30, lambda i: f'<extensions xmlns="urn:{i % 2}"><hr>1</hr></extensions>'), "1.1", False,
                 id="a default namespace that changes from point to point"),
    pytest.param(_points(30, lambda i: '<link href="x"><text>t</text></link>'), "1.1", False,
                 id="a field with elements in it"),
    pytest.param(_points(10) + "</trkseg><!-- <trkseg>" + _points(5) + "</trkseg> --><trkseg>" + _points(5),
                 "1.1", False, id="a commented-out segment"),
    pytest.param(_points(10) + "</trkseg><trkseg/><trkseg>" + _points(10), "1.1", True, id="an empty segment"),
    pytest.param(_points(10, lambda i: "<sat>x</sat>" if i == 3 else ""), "1.1", False, id="a field gpxpy refuses"),
])
def test_gpx_made_up_points_from_the_bytes(points, version, from_bytes):
    """Irregular runs of points are read from the bytes as the tree walk reads them; what
    the runs do not cover is left to the walk; either way the reading is the reference's."""
    data = _gpx_bytes(points, version)
    runs = _columns_of(byte_columns.read_run_columns, checked_xml(data))
    assert (runs is not None) == from_bytes
    if runs is not None:
        _assert_same_columns(runs, _columns_of(tree_columns.read_track_columns, checked_xml(data)))
    assert_same_reading(reading_or_refusal(gpx.read_gpx, data), reading_or_refusal(gpx.read_gpx_reference, data))


def _tcx_bytes(points: str) -> bytes:
    return ('<?xml version="1.0"?><TrainingCenterDatabase '
            'xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" '
            'xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2"><Activities>'
            '<Activity Sport="Running"><Id>2024-03-01T10:00:00Z</Id><Lap StartTime="2024-03-01T10:00:00Z">'
            f"<TotalTimeSeconds>20</TotalTimeSeconds><Track>{points}</Track></Lap></Activity>"
            "</Activities></TrainingCenterDatabase>").encode()


def _trackpoint(i: int, inner: str) -> str:
    return f"<Trackpoint><Time>2024-03-01T10:00:{i:02d}Z</Time>{inner}</Trackpoint>"


_TCX_REGULAR = ("<Position><LatitudeDegrees>47.1</LatitudeDegrees><LongitudeDegrees>8.2</LongitudeDegrees>"
                "</Position><HeartRateBpm><Value>{hr}</Value></HeartRateBpm><Extensions><ns3:TPX>"
                "<ns3:RunCadence>8{d}</ns3:RunCadence><ns3:Foo>1</ns3:Foo></ns3:TPX></Extensions>")


@pytest.mark.parametrize("points, by_columns", [
    ("".join(_trackpoint(i, _TCX_REGULAR.format(hr=120 + i, d=i % 10)) for i in range(20)), True),
    ("".join(_trackpoint(i, _TCX_REGULAR.format(hr="x" if i == 4 else 130, d=1)) for i in range(20)), True),
    ("".join(_trackpoint(i, "<HeartRateBpm>12{}</HeartRateBpm>".format(i % 10)) for i in range(20)), True),
    ("".join(_trackpoint(i, "<Cadence>80</Cadence><Cadence>90</Cadence>") for i in range(20)), False),
    ("".join(_trackpoint(i, "" if i == 0 else "<AltitudeMeters>5</AltitudeMeters>") for i in range(20)), False),
    ("".join(_trackpoint(i, "<HeartRateBpm><Value>1</Value><Value>2</Value></HeartRateBpm>") for i in range(20)), False),
    ("".join(_trackpoint(i, "") for i in range(19)) + "<Trackpoint><Time> </Time></Trackpoint>", False),
    ("".join("<Trackpoint><Extensions><Time>2024-03-01T10:00:00Z</Time></Extensions></Trackpoint>"
             for _ in range(20)), False),
])
def test_tcx_made_up_shapes_read_like_the_reference(points, by_columns):
    """Alike trackpoints take the column path, others the walk; both equal the reference."""
    data = _tcx_bytes(points)
    track = next(etree.fromstring(data).iter("{*}Track"))
    try:
        track_columns(track, tcx._trackpoint_values, tcx._TRACKPOINT_FIELDS)
        took_columns = True
    except IrregularTrack:
        took_columns = False
    assert took_columns == by_columns
    assert_same_reading(tcx.read_tcx(data, "made-up.tcx", OPTIONS), tcx.read_tcx_reference(data, "made-up.tcx", OPTIONS))
