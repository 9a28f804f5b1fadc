"""Local time of tracks without an offset: the file's own offset, then the time zone where
the track starts (looked up offline), then --tz, then UTC with a warning."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from riskcheck.readers.base import ReadOptions
from riskcheck.readers.gpx.reader import read_gpx
from riskcheck.readers.summarize import first_fix, to_row, zone_at
from riskcheck.readers.tcx.reader import read_tcx


def _gpx(lat: float, lon: float, stamp: str = "2024-01-16T01:30:00Z", n: int = 20) -> bytes:
    """A run of n 1-second points from (lat, lon) northwards, at 3 m/s, times from `stamp`."""
    start = pd.Timestamp(stamp)
    suffix = stamp[19:]  # 'Z' or an offset
    points = "".join(
        f'<trkpt lat="{lat + i * 3 / 111_195:.7f}" lon="{lon}"><ele>100</ele>'
        f"<time>{(start + pd.Timedelta(seconds=i)).strftime('%Y-%m-%dT%H:%M:%S')}{suffix}</time></trkpt>"
        for i in range(n))
    return (f'<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="test" '
            f'xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>{points}'
            f"</trkseg></trk></gpx>").encode()


def _row(data: bytes, options: ReadOptions = ReadOptions(), reader=read_gpx):
    (activity,) = reader(data, "t", options)
    return to_row(activity, "t", 0, options)


def test_chicago_track_gets_chicago_date_without_tz():
    # 01:30 UTC on the 16th is 19:30 on the 15th in Chicago (UTC-6 in January)
    row, warnings = _row(_gpx(41.8588, -87.6511))
    assert row["tz_source"] == "position"
    assert row["start_local"] == pd.Timestamp("2024-01-15 19:30:00")
    assert row["local_date"] == pd.Timestamp("2024-01-15")
    assert not any("no local time offset" in w for w in warnings)


def test_summer_time_of_the_place_is_applied():
    row, _ = _row(_gpx(47.3769, 8.5417, "2024-07-01T05:00:00Z"))  # Zurich, CEST
    assert row["start_local"] == pd.Timestamp("2024-07-01 07:00:00")


def test_files_own_offset_wins_over_position():
    row, _ = _row(_gpx(41.8588, -87.6511, "2024-01-16T03:30:00+02:00"))
    assert row["tz_source"] == "file"
    assert row["start_local"] == pd.Timestamp("2024-01-16 03:30:00")


def test_position_wins_over_tz_setting():
    row, _ = _row(_gpx(41.8588, -87.6511), ReadOptions(tz="Asia/Tokyo"))
    assert row["tz_source"] == "position"
    assert row["local_date"] == pd.Timestamp("2024-01-15")


def test_no_position_falls_back_to_setting_then_utc_with_one_warning():
    # every point at gpxpy's placeholder 0,0: no position to look up
    no_positions = re.sub(rb'lat="[^"]*" lon="[^"]*"', b'lat="0" lon="0"', _gpx(1.0, 1.0))
    row, _ = _row(no_positions, ReadOptions(tz="America/Chicago"))
    assert (row["tz_source"], row["local_date"]) == ("setting", pd.Timestamp("2024-01-15"))
    row, warnings = _row(no_positions)
    assert (row["tz_source"], row["local_date"]) == ("utc", pd.Timestamp("2024-01-16"))
    assert sum("no local time offset" in w for w in warnings) == 1


def test_tcx_without_offset_takes_the_zone_of_its_first_fix():
    points = "".join(
        f"<Trackpoint><Time>2024-01-16T01:30:{i:02d}Z</Time><Position><LatitudeDegrees>{35.6812 + i * 3e-5:.6f}"
        f"</LatitudeDegrees><LongitudeDegrees>139.7671</LongitudeDegrees></Position></Trackpoint>"
        for i in range(20))
    data = ('<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/'
            'TrainingCenterDatabase/v2"><Activities><Activity Sport="Running"><Id>2024-01-16T01:30:00Z</Id>'
            f'<Lap StartTime="2024-01-16T01:30:00Z"><TotalTimeSeconds>19</TotalTimeSeconds><Track>{points}'
            "</Track></Lap></Activity></Activities></TrainingCenterDatabase>").encode()
    row, _ = _row(data, reader=read_tcx)
    assert (row["tz_source"], row["start_local"]) == ("position", pd.Timestamp("2024-01-16 10:30:00"))


def test_first_fix_skips_missing_and_placeholder_positions():
    samples = pd.DataFrame({"lat_deg": [float("nan"), 0.0, 52.52], "lon_deg": [13.4, 0.0, 13.405]})
    assert first_fix(samples) == (52.52, 13.405)
    assert first_fix(samples.iloc[:2]) is None
    assert first_fix(None) is None


@pytest.mark.parametrize("lat, lon, zone", [
    (52.52, 13.405, "Europe/Berlin"), (40.7128, -74.006, "America/New_York"),
    (-33.8688, 151.2093, "Australia/Sydney"), (42.3974, -86.2762, "America/Detroit")])
def test_zone_at_known_places(lat, lon, zone):
    assert str(zone_at(lat, lon)) == zone


@pytest.mark.parametrize("lat, lon", [(91.0, 0.0), (0.0, 181.0), (float("nan"), 1.0), (0.0, 0.0)])
def test_zone_at_refuses_impossible_positions(lat, lon):
    assert zone_at(lat, lon) is None
