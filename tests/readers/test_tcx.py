"""TCX reader: every corpus TCX is read or refused with a reason; sample counts, distances
and times agree with the file's own laps and trackpoints, counted here with lxml."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import corpus_manifest, read_or_refused
from lxml import etree

from riskcheck.errors import FileProblem, NotAnActivity
from riskcheck.readers.base import ReadOptions
from riskcheck.readers.summarize import summarize_samples, to_row
from riskcheck.readers.tcx.reader import read_tcx
from riskcheck.schema import RUN_SPORTS

TCX_ROWS = [row for row in corpus_manifest() if row["kind"] == "tcx"]
OPTIONS = ReadOptions()
# Trackpoint DistanceMeters is absent on the first points (the file's point): the samples
# start counting 20 m late, so they cannot match the lap within 1 %.
DISTANCE_EXCEPTIONS = {"Runalyze_Runalyze__missing-distances.tcx"}


def test_corpus_has_tcx_files(corpus):
    assert len(TCX_ROWS) >= 20


def _read(path: str):
    return read_tcx(Path(path).read_bytes(), path, OPTIONS)


def _activities_in_file(path: str) -> list[etree._Element]:
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    root = etree.fromstring(Path(path).read_bytes(), parser)
    return root.xpath("//*[local-name()='Activity']")


def _lap_sums(activity: etree._Element, field: str) -> float | None:
    values = activity.xpath(f"./*[local-name()='Lap']/*[local-name()='{field}']/text()")
    laps = activity.xpath("./*[local-name()='Lap']")
    return sum(float(v) for v in values) if laps and len(values) == len(laps) else None


@pytest.mark.parametrize("row", TCX_ROWS, ids=lambda r: r["local_name"])
def test_corpus_file_read_or_refused_with_reason(row):
    activities = read_or_refused(_read, row["file"])
    if activities is None:
        return
    in_file = _activities_in_file(row["file"])
    assert len(activities) == len(in_file)
    for index, (activity, element) in enumerate(zip(activities, in_file)):
        timed = element.xpath(".//*[local-name()='Trackpoint'][*[local-name()='Time']]")
        assert len(activity.samples) == len(timed)
        assert str(activity.samples.index.tz) == "UTC"
        values, _ = to_row(activity, row["file"], index, OPTIONS)
        if values["sport"] in RUN_SPORTS and "cadence_spm" in activity.samples:
            low = 130 if "Treadmill" in row["local_name"] else 140  # 1.9 m/s warm-up: see below
            assert low <= values["avg_cadence_spm"] <= 200


@pytest.mark.parametrize("row", TCX_ROWS, ids=lambda r: r["local_name"])
def test_samples_agree_with_lap_totals(row):
    """Where trackpoints span the laps (not an excerpt), the distance the samples give is the
    laps' within 1 %, and the laps' timer time lies between the samples' moving time and
    their elapsed time (timer time excludes pauses, elapsed includes them)."""
    try:
        activities = _read(row["file"])
    except FileProblem:
        return
    for activity, element in zip(activities, _activities_in_file(row["file"])):
        lap_seconds, lap_metres = _lap_sums(element, "TotalTimeSeconds"), _lap_sums(element, "DistanceMeters")
        computed = summarize_samples(activity.samples)
        if lap_seconds is None or computed["elapsed_s"] < 0.9 * lap_seconds:
            assert any("trackpoints cover" in w for w in activity.warnings) or lap_seconds is None
            continue
        # The span from first to last trackpoint leaves out up to one sampling interval at
        # each end that the timer counted.
        interval = activity.samples.index.to_series().diff().dt.total_seconds().median()
        assert computed.get("moving_s", 0) * 0.99 <= lap_seconds <= computed["elapsed_s"] * 1.01 + 2 * interval
        if lap_metres and computed.get("distance_m") and row["local_name"] not in DISTANCE_EXCEPTIONS:
            assert computed["distance_m"] == pytest.approx(lap_metres, rel=0.01)


def _corpus_file(name: str) -> str:
    return next(row["file"] for row in TCX_ROWS if row["local_name"].endswith(name))


def test_multisport_gives_one_activity_per_sport(corpus):
    sports = [a.sport_raw for a in _read(_corpus_file("Multisport.tcx"))]
    assert sports == ["Biking", "Running", "Biking"]


def test_garmin_run_cadence_doubled(corpus):
    path = _corpus_file("run_garmin.tcx")
    raw = [float(v) for v in etree.parse(path).xpath("//*[local-name()='RunCadence']/text()")]
    (activity,) = _read(path)
    assert sorted(activity.samples["cadence_spm"].dropna()) == sorted(2 * v for v in raw)


def test_treadmill_footpod_steps_not_doubled(corpus):
    """The foot pod writes steps already (median 120 at 1.9 m/s; doubled, 240 would be a
    sprinter's cadence at walking speed): kept, and the guess is warned."""
    path = _corpus_file("Treadmill-doubled-cadence.tcx")
    raw = [float(v) for v in etree.parse(path).xpath("//*[local-name()='RunCadence']/text()")]
    (activity,) = _read(path)
    assert sorted(activity.samples["cadence_spm"].dropna()) == sorted(raw)
    assert any("cadence unit guessed" in w for w in activity.warnings)


def test_malformed_root_read_in_recovery_mode_with_warning(corpus):
    (activity,) = _read(_corpus_file("malformed.tcx"))
    assert len(activity.samples) > 300
    assert any("recovery mode" in w for w in activity.warnings)


def test_polar_offset_kept_and_warned(corpus):
    (activity,) = _read(_corpus_file("Wrong-time-zone-by-polar.tcx"))
    assert activity.utc_offset_s == 3600
    assert activity.start_time_utc.isoformat() == "2016-04-10T17:40:59+00:00"
    assert any("Polar" in w for w in activity.warnings)


def test_courses_only_is_not_an_activity(corpus):
    with pytest.raises(NotAnActivity, match="courses only"):
        _read(_corpus_file("Route-only.tcx"))


def test_bom_file_reads(corpus):
    path = _corpus_file("Standard.tcx")
    assert Path(path).read_bytes().startswith(b"\xef\xbb\xbf")
    (activity,) = _read(path)
    assert activity.device.startswith("Forerunner305")


TCX = """<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
<Activities><Activity Sport="Running"><Id>2024-01-01T10:00:00Z</Id>
<Lap StartTime="2024-01-01T10:00:00Z"><TotalTimeSeconds>3</TotalTimeSeconds><Track>{points}</Track></Lap>
</Activity></Activities></TrainingCenterDatabase>"""


def test_trackpoints_without_time_left_out_with_warning():
    points = ("<Trackpoint><Time>2024-01-01T10:00:00Z</Time><HeartRateBpm><Value>120</Value></HeartRateBpm></Trackpoint>"
              "<Trackpoint><HeartRateBpm><Value>121</Value></HeartRateBpm></Trackpoint>"
              "<Trackpoint><Time>2024-01-01T10:00:03Z</Time><HeartRateBpm><Value>122</Value></HeartRateBpm></Trackpoint>")
    (activity,) = read_tcx(TCX.format(points=points).encode(), "t.tcx", OPTIONS)
    assert activity.samples["heart_rate_bpm"].tolist() == [120.0, 122.0]
    assert any("1 trackpoints without a time" in w for w in activity.warnings)


def test_unknown_trackpoint_channel_listed_as_lost():
    points = "<Trackpoint><Time>2024-01-01T10:00:00Z</Time><Extensions><X><Lean>3</Lean></X></Extensions></Trackpoint>"
    (activity,) = read_tcx(TCX.format(points=points).encode(), "t.tcx", OPTIONS)
    assert activity.columns_lost == ["tcx Lean"]


def test_not_xml_is_a_file_problem():
    with pytest.raises(FileProblem, match="not well-formed"):
        read_tcx(b"\x00\x01 not xml", "junk.tcx", OPTIONS)
