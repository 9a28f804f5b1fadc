"""Values no device or runner can produce: times before 1980 or after the day of the check,
GPS jumps faster than the sport allows; and files that name no sport, classified from their
speeds and never called a run by default."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from riskcheck.errors import NotAnActivity
from riskcheck.readers.base import ReadOptions
from riskcheck.readers.gpx.reader import read_gpx, read_gpx_reference
from riskcheck.readers.summarize import (
    MAX_SPEED_M_S, haversine_m, jump_free_steps, latest_device_time, sport_from_speed, to_row)
from riskcheck.readers.tcx.reader import read_tcx, read_tcx_reference

OPTIONS = ReadOptions()
GPX_READERS = [read_gpx, read_gpx_reference]
TCX_READERS = [read_tcx, read_tcx_reference]
M_PER_DEG = 111_195.0


def _gpx(times: list[str], lats: list[float], sport: str | None = "running") -> bytes:
    points = "".join(f'<trkpt lat="{lat:.7f}" lon="8.0"><ele>400</ele><time>{t}</time></trkpt>\n'
                     for t, lat in zip(times, lats))
    kind = f"<type>{sport}</type>" if sport else ""
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="test" '
            f'xmlns="http://www.topografix.com/GPX/1/1">\n<trk>{kind}<trkseg>\n{points}</trkseg></trk></gpx>\n').encode()


def _track(n: int, speed_m_s: float, start: str = "2024-05-01T06:00:00Z") -> tuple[list[str], list[float]]:
    begin = pd.Timestamp(start)
    times = [(begin + pd.Timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ") for i in range(n)]
    return times, [47.0 + i * speed_m_s / M_PER_DEG for i in range(n)]


def _tcx(times: list[str], distances: list[float], sport: str | None = "Running") -> bytes:
    points = "".join(f"<Trackpoint><Time>{t}</Time><DistanceMeters>{d}</DistanceMeters></Trackpoint>\n"
                     for t, d in zip(times, distances))
    kind = f' Sport="{sport}"' if sport else ""
    return ('<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/'
            f'TrainingCenterDatabase/v2"><Activities><Activity{kind}><Id>{times[0]}</Id>'
            f'<Lap StartTime="{times[0]}"><Track>\n{points}</Track></Lap></Activity></Activities>'
            "</TrainingCenterDatabase>").encode()


# --- times ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("reader", GPX_READERS)
def test_gpx_from_1970_to_2052_keeps_only_the_recorded_part(reader):
    times, lats = _track(60, 3.0)
    times[:5] = [f"1970-01-01T00:00:0{i}Z" for i in range(5)]
    times[-5:] = [f"2052-03-01T10:00:0{i}Z" for i in range(5)]
    (activity,) = reader(_gpx(times, lats), "clock.gpx", OPTIONS)
    assert len(activity.samples) == 50
    assert activity.samples.index[-1] <= latest_device_time()
    assert activity.samples.index[0] == pd.Timestamp("2024-05-01T06:00:05Z")
    assert any("5 track points dated after" in w for w in activity.warnings)
    assert any("5 track points without a valid time" in w for w in activity.warnings)


def test_gpx_fast_path_and_reference_agree_on_future_points():
    times, lats = _track(40, 3.0)
    times[10:15] = [f"2099-01-01T00:00:{i:02d}Z" for i in range(5)]
    fast, reference = (r(_gpx(times, lats), "x.gpx", OPTIONS)[0] for r in GPX_READERS)
    pd.testing.assert_frame_equal(fast.samples, reference.samples)
    assert fast.warnings == reference.warnings


@pytest.mark.parametrize("reader", GPX_READERS)
def test_gpx_entirely_in_the_future_is_not_an_activity(reader):
    times, lats = _track(30, 3.0, start="2052-01-01T00:00:00Z")
    with pytest.raises(NotAnActivity, match="later than any device"):
        reader(_gpx(times, lats), "future.gpx", OPTIONS)


@pytest.mark.parametrize("reader", TCX_READERS)
def test_tcx_points_before_1980_or_in_the_future_are_left_out(reader):
    times, _ = _track(40, 3.0)
    times[:3] = ["1975-01-01T00:00:0%dZ" % i for i in range(3)]
    times[-4:] = ["2052-01-01T00:00:0%dZ" % i for i in range(4)]
    (activity,) = reader(_tcx(times, [3.0 * i for i in range(40)]), "clock.tcx", OPTIONS)
    assert len(activity.samples) == 33
    assert activity.samples.index.min().year == 2024 and activity.samples.index.max().year == 2024
    assert any("7 trackpoints dated before 1980" in w for w in activity.warnings)


# --- GPS jumps -----------------------------------------------------------------------------------
def _with_jumps(n: int, speed: float, every: int, jump_m: float) -> tuple[list[str], list[float]]:
    """A track along a meridian with every `every`-th point thrown jump_m north (and back)."""
    times, lats = _track(n, speed)
    return times, [lat + (jump_m / M_PER_DEG if i % every == every // 2 else 0.0) for i, lat in enumerate(lats)]


@pytest.mark.parametrize("reader", GPX_READERS)
def test_gps_jumps_do_not_inflate_a_run(reader):
    times, lats = _with_jumps(601, 3.0, every=50, jump_m=150.0)
    raw = float(np.sum(haversine_m(np.array(lats), np.full(601, 8.0))))
    (activity,) = reader(_gpx(times, lats), "jumpy.gpx", OPTIONS)
    distance = to_row(activity, "jumpy.gpx", 0, OPTIONS)[0]["distance_m"]
    assert raw > 1.9 * 1800  # what the jumps would add: 12 x 300 m
    assert distance == pytest.approx(1800.0, rel=0.01)
    assert any("12 GPS points off the track" in w and "12 m/s" in w for w in activity.warnings)


@pytest.mark.parametrize("reader", GPX_READERS)
def test_a_fast_ride_is_not_cut_by_the_foot_bound(reader):
    times, lats = _track(300, 15.0)
    (activity,) = reader(_gpx(times, lats, sport="cycling"), "ride.gpx", OPTIONS)
    assert to_row(activity, "ride.gpx", 0, OPTIONS)[0]["distance_m"] == pytest.approx(299 * 15.0, rel=0.005)
    assert not any("GPS points" in w for w in activity.warnings)


def test_jump_free_steps_measure_from_the_last_kept_point():
    lat = np.array([0.0, 10.0, 20.0, 30.0, 40.0, 500.0, 60.0]) / M_PER_DEG
    steps, dropped = jump_free_steps(lat, np.zeros(7), np.arange(7.0), 12.0)
    assert dropped == 1 and steps[5] == 0.0
    assert steps[6] == pytest.approx(20.0, rel=1e-6)  # from the point at 40 m, not from 500 m
    assert steps.sum() == pytest.approx(60.0, rel=1e-6)


def test_segment_starts_are_never_jumps():
    lat = np.array([0.0, 3.0, 5000.0, 5003.0]) / M_PER_DEG
    _, dropped = jump_free_steps(lat, np.zeros(4), np.arange(4.0), 12.0, np.array([False, False, True, False]))
    assert dropped == 0


def test_a_fix_catching_up_after_a_signal_loss_is_kept():
    # 3 m/s, then 150 m in 10 s as the fix catches up, then on at 3 m/s: never comes back
    north = np.array([0.0, 3.0, 6.0, 156.0, 159.0, 162.0, 165.0]) / M_PER_DEG
    t = np.array([0.0, 1.0, 2.0, 12.0, 13.0, 14.0, 15.0])
    steps, dropped = jump_free_steps(north, np.zeros(7), t, 12.0)
    assert dropped == 0 and steps.sum() == pytest.approx(165.0, rel=1e-6)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(-40.0, 40.0), st.floats(0.0, 3.0)), min_size=2, max_size=60),
       st.sampled_from(sorted(MAX_SPEED_M_S.values())))
def test_jumps_only_shorten_and_a_track_that_never_turns_back_loses_nothing(moves, bound):
    north = np.cumsum([m for m, _ in moves]) / M_PER_DEG
    t = np.cumsum([dt for _, dt in moves])
    raw = haversine_m(north, np.zeros(len(moves))).sum()
    steps, dropped = jump_free_steps(north, np.zeros(len(moves)), t, bound)
    assert steps.sum() <= raw + 1e-6 and 0 <= dropped < len(moves)
    if (np.diff(north) >= 0).all() or (np.diff(north) <= 0).all():
        assert dropped == 0 and steps.sum() == pytest.approx(raw, rel=1e-9, abs=1e-6)


# --- sport from speed ----------------------------------------------------------------------------
@pytest.mark.parametrize("speed, sport, says", [
    (3.0, "running", "sport guessed from pace"), (1.3, "walking", "a walk, not a run"),
    (7.5, "cycling", "a ride, not a run")])
@pytest.mark.parametrize("reader", GPX_READERS)
def test_gpx_without_type_is_classified_from_its_speed(reader, speed, sport, says):
    times, lats = _track(120, speed)
    (activity,) = reader(_gpx(times, lats, sport=None), "untyped.gpx", OPTIONS)
    assert activity.sport_raw == sport
    assert any(says in w for w in activity.warnings)


@pytest.mark.parametrize("speed, sport", [(1.3, "walking"), (7.5, "cycling"), (3.0, "running")])
@pytest.mark.parametrize("reader", TCX_READERS)
@pytest.mark.parametrize("written", [None, "Other"])
def test_tcx_other_or_no_sport_is_classified_from_its_speed(reader, written, speed, sport):
    times, _ = _track(120, speed)
    (activity,) = reader(_tcx(times, [speed * i for i in range(120)], sport=written), "x.tcx", OPTIONS)
    assert activity.sport_raw == sport
    assert any("guessed from" in w for w in activity.warnings)


@pytest.mark.parametrize("reader", TCX_READERS)
def test_tcx_running_is_taken_as_written(reader):
    times, _ = _track(120, 7.5)  # TomTom writes Running for a ride too: the service list decides
    (activity,) = reader(_tcx(times, [7.5 * i for i in range(120)]), "tomtom.tcx", OPTIONS)
    assert activity.sport_raw == "Running"
    assert not any("guessed" in w for w in activity.warnings)


def test_sport_from_speed_never_defaults_to_a_run():
    assert sport_from_speed(np.full(5, 3.0)) == ("", "")
    assert sport_from_speed(np.full(50, 20.0))[0] == ""
    assert sport_from_speed(np.r_[np.full(90, 3.0), np.full(10, 9.0)])[0] == "cycling"
