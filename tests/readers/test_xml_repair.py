"""XML as services write it: whitespace before the declaration, a prefix used but never
declared, a file cut short. What can be recovered is read, with a warning; the safety
gate still refuses DTD entities."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from riskcheck.errors import FileProblem, NotAnActivity
from riskcheck.readers.base import ReadOptions
from riskcheck.readers.gpx.reader import read_gpx, read_gpx_reference
from riskcheck.readers.tcx.reader import read_tcx, read_tcx_reference
from riskcheck.readers.xml.repair import repaired_xml
from riskcheck.readers.xml.safety import checked_xml

OPTIONS = ReadOptions()
GPX_READERS = [read_gpx, read_gpx_reference]


def _gpx(n: int = 30, declared: bool = True) -> bytes:
    points = "".join(
        f'<trkpt lat="{47 + i * 3e-5:.6f}" lon="8.0"><ele>400</ele><time>2024-05-01T06:00:{i:02d}Z</time>'
        f"<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{120 + i}</gpxtpx:hr>"
        "</gpxtpx:TrackPointExtension></extensions></trkpt>\n" for i in range(n))
    ns = ' xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"' if declared else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="test" '
            f'xmlns="http://www.topografix.com/GPX/1/1"{ns}>\n<trk><type>running</type><trkseg>\n{points}'
            "</trkseg></trk></gpx>\n").encode()


def _tcx(n: int = 30, declared: bool = True) -> bytes:
    points = "".join(
        f"<Trackpoint><Time>2024-05-01T06:00:{i:02d}Z</Time><DistanceMeters>{3 * i}</DistanceMeters>"
        f"<Extensions><ns3:TPX><ns3:RunCadence>85</ns3:RunCadence></ns3:TPX></Extensions></Trackpoint>\n"
        for i in range(n))
    ns = ' xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2"' if declared else ""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<TrainingCenterDatabase '
            f'xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"{ns}><Activities>'
            '<Activity Sport="Running"><Id>2024-05-01T06:00:00Z</Id><Lap StartTime="2024-05-01T06:00:00Z">'
            f"<TotalTimeSeconds>{n - 1}</TotalTimeSeconds><Track>\n{points}</Track></Lap></Activity>"
            "</Activities></TrainingCenterDatabase>\n").encode()


@pytest.mark.parametrize("reader", GPX_READERS + [read_tcx, read_tcx_reference])
def test_whitespace_before_the_declaration_is_read(reader):
    data = _gpx() if "gpx" in reader.__name__ else _tcx()
    (activity,) = reader(b"\r\n \t" + data, "ws", OPTIONS)
    assert len(activity.samples) == 30


@pytest.mark.parametrize("reader", GPX_READERS)
def test_gpx_with_undeclared_prefix_keeps_heart_rate(reader):
    (activity,) = reader(_gpx(declared=False), "prefix.gpx", OPTIONS)
    assert activity.samples["heart_rate_bpm"].tolist() == [120.0 + i for i in range(30)]
    assert any("gpxtpx used but never declared" in w for w in activity.warnings)


@pytest.mark.parametrize("reader", [read_tcx, read_tcx_reference])
def test_tcx_with_undeclared_prefix_keeps_cadence(reader):
    (activity,) = reader(_tcx(declared=False), "prefix.tcx", OPTIONS)
    assert set(activity.samples["cadence_spm"]) == {170.0}
    assert any("recovery mode" in w for w in activity.warnings)


@pytest.mark.parametrize("reader", GPX_READERS)
def test_gpx_cut_inside_a_point_keeps_the_points_before(reader):
    data = _gpx()
    cut = data[:data.rindex(b"<time>") + 17]  # '<time>2024-05-01T0'
    (activity,) = reader(cut, "cut.gpx", OPTIONS)
    assert len(activity.samples) == 29
    assert any("ends inside a <trkpt>" in w for w in activity.warnings)
    assert any("recovery mode" in w for w in activity.warnings)


@pytest.mark.parametrize("reader", GPX_READERS)
def test_gpx_segment_left_open_at_the_end(reader):
    data = _gpx()
    (activity,) = reader(data[:data.rindex(b"</trkseg>")], "open.gpx", OPTIONS)
    assert len(activity.samples) == 30
    assert any("recovery mode" in w for w in activity.warnings)


@pytest.mark.parametrize("reader", [read_tcx, read_tcx_reference])
def test_tcx_cut_short_keeps_the_points_before(reader):
    data = _tcx()
    (activity,) = reader(data[:data.rindex(b"<Time>") + 12], "cut.tcx", OPTIONS)
    assert len(activity.samples) == 29


def test_recovery_that_finds_no_points_stays_a_file_problem():
    with pytest.raises(FileProblem, match="not well-formed"):
        read_gpx(b'<?xml version="1.0"?><gpx version="1.1"><trk>', "broken.gpx", OPTIONS)


def test_entities_are_still_refused_after_leading_whitespace():
    bomb = (b'  \n<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaaaaaa">]>'
            b'<gpx version="1.1"><trk><name>&a;</name></trk></gpx>')
    with pytest.raises(FileProblem, match="entities"):
        checked_xml(bomb)
    with pytest.raises(FileProblem, match="entities"):
        read_gpx(bomb.replace(b"</trk></gpx>", b""), "bomb.gpx", OPTIONS)


def test_repair_declares_only_missing_prefixes_on_the_root():
    fixed, warnings = repaired_xml(b'<a xmlns:x="urn:x"><x:b/><y:c z:k="1"/></a>')
    assert fixed.startswith(b'<a xmlns:y="urn:riskcheck:undeclared:y" xmlns:z="urn:riskcheck:undeclared:z"')
    assert warnings == ["namespace prefix y, z used but never declared: read by local names"]
    assert repaired_xml(b"<<<>") is None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(min_value=0, max_value=len(_gpx(12))))
def test_gpx_cut_anywhere_reads_a_prefix_or_is_refused(cut):
    data = _gpx(12)[:cut]
    try:
        activities = read_gpx(data, "cut.gpx", OPTIONS)
    except (FileProblem, NotAnActivity):
        return
    reference = read_gpx_reference(data, "cut.gpx", OPTIONS)
    (activity,) = activities
    assert len(activity.samples) <= 12
    assert activity.samples.index.equals(reference[0].samples.index)
    assert activity.samples["heart_rate_bpm"].tolist() == [120.0 + i for i in range(len(activity.samples))]
