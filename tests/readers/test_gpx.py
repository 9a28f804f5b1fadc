"""GPX reader: every corpus GPX is read or refused with a reason; counts and distances agree
with gpxpy computed independently here; extensions, cadence units and sport decisions."""

from __future__ import annotations

from pathlib import Path

import gpxpy
import gpxpy.geo
import pytest
from support import corpus_manifest, read_or_refused
from lxml import etree

from riskcheck.errors import FileProblem, NotAnActivity
from riskcheck.readers.base import ReadOptions
from riskcheck.readers.gpx.reader import read_gpx
from riskcheck.readers.summarize import to_row
from riskcheck.schema import RUN_SPORTS

GPX_ROWS = [row for row in corpus_manifest() if row["kind"] == "gpx"]
OPTIONS = ReadOptions()


def test_corpus_has_gpx_files(corpus):
    assert len(GPX_ROWS) >= 30


def _read(path: str):
    return read_gpx(Path(path).read_bytes(), path, OPTIONS)


def _gpxpy_timed_segments(path: str) -> list[list]:
    """Per segment, the points gpxpy gives a time, straight from gpxpy."""
    gpx = gpxpy.parse(Path(path).read_text(encoding="utf-8-sig"))
    return [[p for p in seg.points if p.time is not None] for t in gpx.tracks for seg in t.segments]


def _gpxpy_readable(path: str) -> bool:
    try:
        _gpxpy_timed_segments(path)
        return True
    except gpxpy.gpx.GPXException:
        return False


@pytest.mark.parametrize("row", GPX_ROWS, ids=lambda r: r["local_name"])
def test_corpus_file_read_or_refused_with_reason(row):
    activities = read_or_refused(_read, row["file"])
    if activities is None:
        return
    assert activities
    for index, activity in enumerate(activities):
        assert activity.samples.index.tz is not None and str(activity.samples.index.tz) == "UTC"
        assert activity.samples.index.is_monotonic_increasing
        row_values, _ = to_row(activity, row["file"], index, OPTIONS)
        if row_values["sport"] in RUN_SPORTS and "cadence_spm" in activity.samples \
                and (activity.samples["cadence_spm"] > 0).any():
            assert 140 <= row_values["avg_cadence_spm"] <= 200


READABLE = [row for row in GPX_ROWS if _gpxpy_readable(row["file"])]


@pytest.mark.parametrize("row", READABLE, ids=lambda r: r["local_name"])
def test_counts_and_distance_agree_with_gpxpy(row):
    try:
        activities = _read(row["file"])
    except NotAnActivity:
        return
    segments = _gpxpy_timed_segments(row["file"])
    assert sum(len(a.samples) for a in activities) == sum(len(s) for s in segments)
    expected = sum(gpxpy.geo.length_2d(s) for s in segments)
    measured = sum(to_row(a, row["file"], i, OPTIONS)[0].get("distance_m", 0.0) for i, a in enumerate(activities))
    assert measured == pytest.approx(expected, rel=0.01, abs=1.0)


def _corpus_file(name: str) -> str:
    return next(row["file"] for row in GPX_ROWS if row["local_name"].endswith(name))


def test_gpx10_header_with_extensions_recovers_heart_rate(corpus):
    path = _corpus_file("hr-not-always-there.gpx")
    root = etree.parse(path).getroot()
    hr_in_file = [float(e.text) for e in root.iter("{*}hr")]
    (activity,) = _read(path)
    assert activity.samples["heart_rate_bpm"].dropna().tolist() == hr_in_file


def _gpx(body: str, version: str = "1.1", extra_ns: str = "") -> bytes:
    ns = "http://www.topografix.com/GPX/1/0" if version == "1.0" else "http://www.topografix.com/GPX/1/1"
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="{version}" creator="test" xmlns="{ns}" '
            f'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1" {extra_ns}>'
            f"{body}</gpx>").encode()


def _points(n: int, start_s: int = 0, step_m: float = 3.0, hr: bool = True, cad: int | None = None,
            ext_wrapper: bool = True) -> str:
    out = []
    for i in range(n):
        ext = ""
        if hr or cad is not None:
            inner = (f"<gpxtpx:hr>{120 + i % 5}</gpxtpx:hr>" if hr else "") + \
                    (f"<gpxtpx:cad>{cad}</gpxtpx:cad>" if cad is not None else "")
            ext = f"<extensions><gpxtpx:TrackPointExtension>{inner}</gpxtpx:TrackPointExtension></extensions>" \
                if ext_wrapper else f"<extensions>{inner}</extensions>"
        seconds = start_s + i
        stamp = f"2024-03-0{1 + seconds // 86400}T{seconds % 86400 // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}Z"
        out.append(f'<trkpt lat="{47 + i * step_m / 111_195:.7f}" lon="8.0"><ele>400</ele>'
                   f"<time>{stamp}</time>{ext}</trkpt>")
    return "".join(out)


def test_made_up_gpx10_file_with_extensions_keeps_heart_rate():
    data = _gpx(f"<trk><trkseg>{_points(20)}</trkseg></trk>", version="1.0")
    assert gpxpy.parse(data.decode()).tracks[0].segments[0].points[0].extensions == []  # gpxpy drops them
    (activity,) = read_gpx(data, "made-up.gpx", OPTIONS)
    assert activity.samples["heart_rate_bpm"].tolist() == [120 + i % 5 for i in range(20)]


def test_route_without_times_is_not_an_activity():
    data = _gpx('<trk><trkseg><trkpt lat="47" lon="8"/><trkpt lat="47.001" lon="8"/></trkseg></trk>')
    with pytest.raises(NotAnActivity, match="no timestamps"):
        read_gpx(data, "route.gpx", OPTIONS)


def test_metadata_only_is_not_an_activity():
    with pytest.raises(NotAnActivity, match="no track points"):
        read_gpx(_gpx("<metadata><time>2024-01-01T00:00:00Z</time></metadata>"), "meta.gpx", OPTIONS)


def test_broken_xml_is_a_file_problem():
    with pytest.raises(FileProblem, match="not well-formed"):
        read_gpx(b'<?xml version="1.0"?><gpx version="1.1"><trk>', "broken.gpx", OPTIONS)


def test_zero_coordinates_are_missing_positions():
    body = _points(10).replace('lat="47.0000270" lon="8.0"', 'lat="0" lon="0"')
    (activity,) = read_gpx(_gpx(f"<trk><trkseg>{body}</trkseg></trk>"), "zero.gpx", OPTIONS)
    assert activity.samples["lat_deg"].isna().sum() == 1
    assert activity.samples["distance_m"].iloc[-1] == pytest.approx(27.0, rel=0.01)


def test_tracks_far_apart_in_time_become_separate_activities():
    body = f"<trk><trkseg>{_points(30)}</trkseg></trk><trk><trkseg>{_points(30, start_s=8 * 3600)}</trkseg></trk>"
    activities = read_gpx(_gpx(body), "two.gpx", OPTIONS)
    assert [len(a.samples) for a in activities] == [30, 30]
    assert any("2 activities" in w for w in activities[0].warnings)


def test_segment_break_distance_not_counted():
    far = _points(10).replace('lat="47.', 'lat="48.')
    body = f"<trk><trkseg>{_points(10)}</trkseg><trkseg>{far.replace('T00:00:0', 'T00:05:0')}</trkseg></trk>"
    (activity,) = read_gpx(_gpx(body), "segments.gpx", OPTIONS)
    assert activity.samples["distance_m"].iloc[-1] == pytest.approx(2 * 27.0, rel=0.01)


def test_strava_type_code_and_per_leg_cadence_doubled():
    body = f"<trk><type>9</type><trkseg>{_points(60, cad=85)}</trkseg></trk>"
    (activity,) = read_gpx(_gpx(body), "strava.gpx", OPTIONS)
    assert activity.sport_raw == "running"
    assert set(activity.samples["cadence_spm"]) == {170.0}
    assert not any("cadence unit" in w for w in activity.warnings)


def test_cadence_already_in_steps_is_kept_and_warned():
    body = f"<trk><type>running</type><trkseg>{_points(60, cad=172)}</trkseg></trk>"
    (activity,) = read_gpx(_gpx(body), "steps.gpx", OPTIONS)
    assert set(activity.samples["cadence_spm"]) == {172.0}
    assert any("cadence unit guessed" in w for w in activity.warnings)


def test_ride_cadence_stays_rpm():
    body = f"<trk><type>1</type><trkseg>{_points(60, step_m=8.0, cad=85)}</trkseg></trk>"
    (activity,) = read_gpx(_gpx(body), "ride.gpx", OPTIONS)
    assert set(activity.samples["cadence_rpm"]) == {85.0} and "cadence_spm" not in activity.samples


def test_sport_guessed_from_running_pace_is_warned():
    (activity,) = read_gpx(_gpx(f"<trk><trkseg>{_points(60)}</trkseg></trk>"), "pace.gpx", OPTIONS)
    assert activity.sport_raw == "running"
    assert any("sport guessed from pace" in w for w in activity.warnings)


def test_unknown_extension_channels_are_listed_as_lost():
    body = _points(10, hr=False).replace("</time>", "</time><extensions><x:lean>3</x:lean></extensions>")
    data = _gpx(f"<trk><trkseg>{body}</trkseg></trk>", extra_ns='xmlns:x="urn:x"')
    (activity,) = read_gpx(data, "lost.gpx", OPTIONS)
    assert activity.columns_lost == ["gpx extension lean"]
