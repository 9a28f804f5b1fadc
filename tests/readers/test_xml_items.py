"""Repeated XML elements read from the bytes (riskcheck.readers.xml.items): the runs hold what
lxml reads from the same items, anything the patterns do not cover gives up, and read_tcx,
which cuts its trackpoints out this way, reads every damaged or unusual layout exactly as
the per-trackpoint reference reader does."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from support import assert_same_reading, corpus_manifest, reading_or_refusal

from riskcheck.errors import RiskcheckError
from riskcheck.readers.tcx import reader as tcx
from riskcheck.readers.xml.items import item_runs, parse_item, split_items
from riskcheck.readers.xml.safety import checked_xml

TCX_ROWS = [row for row in corpus_manifest() if row["kind"] == "tcx"]
NOT_CUT = {"corriporai_runpandas__malformed.tcx"}  # not well-formed: parsed whole, in recovery mode


def _span(items: bytes) -> tuple[bytes, tuple[int, int]]:
    xml = b"<trkseg>\n" + items + b"\n</trkseg>"
    return xml, (xml.index(b"<trkpt"), xml.rindex(b"</trkpt>") + len(b"</trkpt>"))


def _point(lat: str, hr: str = "150", indent: bytes = b"\n  ", extra: bytes = b"") -> bytes:
    return (b'<trkpt lat="' + lat.encode() + b'" lon="8.5">' + indent + b"<ele>400.5</ele>" + indent
            + b"<extensions><hr>" + hr.encode() + b"</hr>" + extra + b"</extensions>\n</trkpt>")


def _values(runs) -> dict[str, list[bytes]]:
    out: dict[str, list[bytes]] = {}
    for run in runs:
        for path, texts in zip(run.paths, run.texts):
            out.setdefault(path, []).extend(texts)
    return out


def test_alike_items_are_one_run_with_their_values():
    xml, span = _span(b"\n".join(_point(f"47.{i}", str(140 + i)) for i in range(50)))
    runs = item_runs(xml, span, b"trkpt")
    assert [run.n_items for run in runs] == [50]
    assert runs[0].paths == ("@lat", "@lon", "ele", "extensions/hr")
    assert _values(runs)["@lat"] == [f"47.{i}".encode() for i in range(50)]
    assert _values(runs)["extensions/hr"] == [str(140 + i).encode() for i in range(50)]


def test_an_item_of_another_shape_starts_a_run_and_the_shape_comes_back():
    items = [_point("47.1")] * 10 + [_point("47.2", extra=b"<cad>80</cad>")] + [_point("47.3")] * 5
    xml, span = _span(b"\n".join(items))
    runs = item_runs(xml, span, b"trkpt")
    assert [run.n_items for run in runs] == [10, 1, 5]
    assert runs[1].paths[-1] == "extensions/cad"
    assert parse_item(runs[1].first, {}).find("extensions/cad").text == "80"


def test_other_indentation_stays_in_the_run():
    items = [_point("47.1")] * 3 + [_point("47.2", indent=b"\r\n\t\t")] + [_point("47.3")] * 3
    xml, span = _span(b"\n".join(items))
    assert [run.n_items for run in item_runs(xml, span, b"trkpt")] == [7]


@pytest.mark.parametrize("odd", [
    b"<!-- paused -->",                                  # a comment between items
    b"<trkpt lat='1' lon='2'><ele><![CDATA[5]]></ele></trkpt>",  # CDATA
    _point("47.&#49;"),                                  # a character reference
    _point("47.1", hr="15\xc3\xa9".encode().decode("latin-1")),  # not ASCII
    b"\x0c",                                             # a character XML forbids
    b"&bogus;",                                          # an undefined entity between items
    _point("47.1", hr="1]]>5"),                          # text the parser refuses
    _point("47.1", extra=b"text<cad>80</cad>"),          # mixed content
    b"<trkpt lat='1' lon='2'/>",                         # an empty item: nothing to pattern
])
def test_what_the_patterns_do_not_cover_gives_up(odd):
    xml, span = _span(b"\n".join([_point("47.1")] * 3 + [odd] + [_point("47.2")] * 3))
    assert item_runs(xml, span, b"trkpt") is None


def test_split_items_leaves_the_rest_and_an_empty_container():
    xml = (b"<a><trkseg><name>x</name></trkseg><trkseg>" + _point("1") + _point("2")
           + b"</trkseg><trkseg></trkseg></a>")
    skeleton, spans = split_items(xml, b"trkseg", b"trkpt")
    assert skeleton == b"<a><trkseg><name>x</name></trkseg><trkseg></trkseg><trkseg></trkseg></a>"
    assert xml[spans[1][0]:spans[1][1]] == _point("1") + _point("2")
    assert item_runs(xml, spans[2], b"trkpt") == []


@st.composite
def _items(draw):
    """Items of three shapes in any order, with any values and indentation."""
    number = st.floats(-1000, 1000, allow_nan=False).map(repr)
    space = st.sampled_from(["", " ", "\n  ", "\r\n\t"])
    parts = []
    for shape in draw(st.lists(st.sampled_from([0, 1, 2]), min_size=1, max_size=30)):
        gap = draw(space).encode()
        inner = b"<ele>" + draw(number).encode() + b"</ele>" + gap
        if shape >= 1:
            inner += b"<time>" + draw(st.sampled_from(["", "2024-01-01T10:00:00Z"])).encode() + b"</time>"
        if shape == 2:
            inner += gap + b"<extensions><hr>" + draw(number).encode() + b"</hr></extensions>"
        parts.append(b'<trkpt lat="' + draw(number).encode() + b'" lon="1">' + gap + inner + b"</trkpt>")
    return b"\n".join(parts)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(_items())
def test_runs_hold_what_lxml_reads(items):
    xml, span = _span(items)
    runs = item_runs(xml, span, b"trkpt")
    points = list(etree.fromstring(xml))
    assert sum(run.n_items for run in runs) == len(points)
    i = 0
    for run in runs:
        for k in range(run.n_items):
            point = points[i]
            for path, texts in zip(run.paths, run.texts):
                expected = point.get(path[1:]) if path.startswith("@") else (point.find(path).text or "")
                assert texts[k].decode() == expected
            i += 1


@pytest.mark.parametrize("row", TCX_ROWS, ids=lambda r: r["local_name"])
def test_corpus_tcx_trackpoints_come_from_the_bytes(row):
    """The cut path is the one that runs (equality: test_xml_speed_equality)."""
    try:
        xml = checked_xml(Path(row["file"]).read_bytes())
    except RiskcheckError:
        return
    assert (tcx._skeleton(xml) is None) == (row["local_name"] in NOT_CUT)


def _tcx(points: str, notes: str = "") -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?><TrainingCenterDatabase '
            'xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" '
            'xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2"><Activities>'
            '<Activity Sport="Running"><Id>2024-03-01T10:00:00Z</Id><Lap StartTime="2024-03-01T10:00:00Z">'
            f"<TotalTimeSeconds>20</TotalTimeSeconds><Track>{points}</Track></Lap>"
            f"<Notes>{notes}</Notes></Activity></Activities></TrainingCenterDatabase>").encode()


def _trackpoints(n: int, odd: dict[int, str] | None = None) -> str:
    regular = ("<Trackpoint><Time>2024-03-01T10:00:{i:02d}Z</Time><HeartRateBpm><Value>{hr}</Value>"
               "</HeartRateBpm><Extensions><ns3:TPX><ns3:RunCadence>85</ns3:RunCadence></ns3:TPX>"
               "</Extensions></Trackpoint>")
    return "\n".join((odd or {}).get(i, regular.format(i=i, hr=120 + i)) for i in range(n))


@pytest.mark.parametrize("points, notes", [
    (_trackpoints(20), "Läufe am Morgen"),                                       # non-ASCII outside
    (_trackpoints(20, {5: "<!-- pause -->"}), ""),                               # comment in a Track
    (_trackpoints(20, {5: "&bogus;"}), ""),                                      # undefined entity
    (_trackpoints(20, {5: "<Trackpoint><Time>2024-03-01T10:00:05Z]]></Time></Trackpoint>"}), ""),
    (_trackpoints(3) + "</Track><!-- <Track>" + _trackpoints(3) + "</Track> --><Track>" + _trackpoints(3), ""),
    (_trackpoints(20, {5: "<Trackpoint><Time>2024-03-01T10:00:05Z</Time></Trackpoint>"}), ""),
    (_trackpoints(20, {0: "<Trackpoint><Time> </Time></Trackpoint>"}), ""),      # first point untimed
    (_trackpoints(20, {7: "<Trackpoint><Time>2024-03-01T10:00:07Z</Time><HeartRateBpm><Value>&#49;40"
                          "</Value></HeartRateBpm></Trackpoint>"}), ""),         # a character reference
    (_trackpoints(20, {9: "<Trackpoint><Time><![CDATA[2024-03-01T10:00:09Z]]></Time></Trackpoint>"}), ""),
    (_trackpoints(20, {3: "<Trackpoint><Time>2024-03-01T10:00:03Z</Time><Foo>1</Foo></Trackpoint>"}), ""),
    (_trackpoints(20, {4: "<Trackpoint><Time>2024-03-01T10:00:04Z</Time><HeartRateBpm>"
                          "<Value>x</Value></HeartRateBpm></Trackpoint>"}), ""),
    (_trackpoints(20, {19: "<Trackpoint><Time>2024-03-01T10:00:19Z</Time>"}), ""),  # not well-formed
])
def test_unusual_tracks_read_like_the_reference(points, notes):
    data = _tcx(points, notes)
    assert_same_reading(reading_or_refusal(tcx.read_tcx, data), reading_or_refusal(tcx.read_tcx_reference, data))
