"""The smallest inputs that broke a reader under generated damage, kept as plain tests so the
cause stays readable after the generated cases change."""

from __future__ import annotations

import pandas as pd
import pytest

from riskcheck.errors import FileProblem, NotAnActivity
from riskcheck.readers.base import ReadOptions
from riskcheck.readers.fit.reader import read_fit
from riskcheck.readers.gpx.reader import read_gpx
from riskcheck.readers.tcx.reader import read_tcx

_GPX = (b'<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1" %s>'
        b'<trk><trkseg><trkpt lat="1" lon="2"><time>2020-01-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>')


@pytest.mark.parametrize("declaration", [
    b'xmlns:gpxx="http://www.garmin.com/ xmlns:wptx1="',  # a space inside the namespace URI
    b'xmlns:gpxx<"http://www.garmin.com/" a="b"',          # a flipped bit turned '=' into '<'
    b'xmlns:gpxx="http://www.garmin.com/\x01"',            # a control character
])
def test_gpx_with_a_damaged_namespace_declaration_is_a_file_problem(declaration):
    # gpxpy registers the root's namespaces with lxml before parsing, and lxml raised
    # ValueError past the reader.
    with pytest.raises(FileProblem, match="not well-formed GPX XML"):
        read_gpx(_GPX % declaration, "damaged.gpx", ReadOptions())



def test_gpx_point_time_outside_nanoseconds_is_left_out():
    points = b"".join(b'<trkpt lat="1" lon="2.%d"><time>%s</time></trkpt>' % (i, t) for i, t in enumerate(
        [b"2020-01-01T00:00:00Z", b"6020-01-01T00:00:05Z", b"2020-01-01T00:00:10Z"]))
    doc = _GPX.replace(b'<trk><trkseg><trkpt lat="1" lon="2"><time>2020-01-01T00:00:00Z</time></trkpt>',
                       b"<trk><trkseg>" + points)
    (activity,) = read_gpx(doc % b"", "damaged.gpx", ReadOptions())
    assert len(activity.samples) == 2
    assert any("without" in w and "time" in w for w in activity.warnings), activity.warnings

_TCX = (b'<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/'
        b'TrainingCenterDatabase/v2"><Activities><Activity Sport="Running"><Id>x</Id>'
        b'<Lap StartTime="%s"><TotalTimeSeconds>60</TotalTimeSeconds><DistanceMeters>100</DistanceMeters>'
        b'<Track>%s</Track></Lap></Activity></Activities></TrainingCenterDatabase>')
_POINT = b"<Trackpoint><Time>%s</Time>%s</Trackpoint>"


def test_tcx_tag_names_left_by_recovery_are_matched_by_local_name():
    # An undeclared prefix survives lxml's recovering parse as 'ns3:TPX', which
    # etree.QName refused with ValueError.
    points = (_POINT % (b"2020-01-01T00:00:00Z", b"<ns3:TPX><ns3:Speed>3.5</ns3:Speed></ns3:TPX>")
              + _POINT % (b"2020-01-01T00:00:05Z", b""))
    (activity,) = read_tcx(_TCX % (b"2020-01-01T00:00:00Z", points), "damaged.tcx", ReadOptions())
    assert activity.samples["speed_m_s"].iloc[0] == 3.5
    assert any("recovery mode" in w for w in activity.warnings)


@pytest.mark.parametrize("year", [b"0015", b"6020"])
def test_tcx_trackpoint_time_outside_nanoseconds_is_left_out_with_a_warning(year):
    # A damaged digit in the year gave a time pandas parses but cannot hold in nanoseconds.
    points = b"".join(_POINT % (t, b"<DistanceMeters>1</DistanceMeters>") for t in (b"2020-01-01T00:00:00Z", year + b"-01-01T00:00:02Z",
                                                   b"2020-01-01T00:00:05Z"))
    (activity,) = read_tcx(_TCX % (b"2020-01-01T00:00:00Z", points), "damaged.tcx", ReadOptions())
    assert len(activity.samples) == 2
    assert "1 trackpoints with an unreadable time left out" in activity.warnings


@pytest.mark.parametrize("start", [b"garbage", b"6020-01-01T00:00:00Z"])
def test_tcx_lap_start_that_is_not_a_time_is_no_start(start):
    with pytest.raises(NotAnActivity, match="neither timed trackpoints nor a lap start time"):
        read_tcx(_TCX % (start, b""), "damaged.tcx", ReadOptions())


def test_tcx_lap_starts_compare_as_times_not_as_text():
    data = _TCX.replace(b"<Lap ", b'<Lap StartTime="2020-01-01T09:00:00+01:00"></Lap><Lap ', 1)
    (activity,) = read_tcx(data % (b"2020-01-01T08:30:00Z", b""), "laps.tcx", ReadOptions())
    assert activity.start_time_utc == pd.Timestamp("2020-01-01T08:00:00Z")


def test_fit_session_without_start_or_records_is_not_an_activity(corpus):
    data = (corpus / "fit" / "dtcooper_python-fitparse__activity-activity-filecrc.fit").read_bytes()
    # Two chained 771-byte files; a flipped top bit of the first header's data size makes the
    # first file run on over the second one.
    damaged = data[:7] + bytes([data[7] ^ 0x80]) + data[8:]
    activities = read_fit(damaged, "chained.fit", ReadOptions())
    assert all(a.start_time_utc is not None for a in activities)
