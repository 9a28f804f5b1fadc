"""A service's list row and the file it names are one session, whatever the clocks say: the
file gives the samples, the list its name, sport, gear and corrected values, each taken only
when plausible for the sport and said in a warning on the file. Made-up rows and tracks."""

from __future__ import annotations

import numpy as np
import pandas as pd

import riskcheck
from riskcheck.ingest.one_file import FileOutcome, FileRead
from riskcheck.ingest.read import assemble
from riskcheck.readers.base import ParsedActivity, ReadOptions
from riskcheck.readers.summarize import to_row

START = pd.Timestamp("2024-06-01 12:00", tz="UTC")  # 07:00 in Chicago (CDT), 08:00 in Detroit (EDT)


def _track(n: int, step_s: float, step_m: float, start=START) -> pd.DataFrame:
    t = start + pd.to_timedelta(np.arange(n) * step_s, unit="s")
    return pd.DataFrame({"distance_m": np.arange(n) * step_m}, index=pd.DatetimeIndex(t, name="time"))


def _file(path: str, *activities: ParsedActivity, tz: str | None = None) -> FileRead:
    read = FileRead(FileOutcome(path, format=activities[0].source_format))
    for i, act in enumerate(activities):
        row, _ = to_row(act, path, i, ReadOptions(tz=tz))
        row["_linked_file"] = act.linked_file
        read.rows.append(row)
        read.samples.append(None)
    read.outcome.activities = len(read.rows)
    return read


def _list_row(local: str, km: float, minutes: float, sport: str = "Running", linked: str = "", **kw) -> ParsedActivity:
    return ParsedActivity(None, "csv_log", start_local=pd.Timestamp(local), sport_raw=sport, linked_file=linked,
                          totals={"distance_m": km * 1000, "moving_s": minutes * 60}, **kw)


def _gpx(n: int, step_s: float, step_m: float, start=START) -> ParsedActivity:
    return ParsedActivity(start, "gpx", samples=_track(n, step_s, step_m, start))


def test_list_wins_on_sport_name_and_gear():
    row = _list_row("2024-06-01 07:00", 10.0, 50, sport="Cycling", linked="a.gpx", name="Lakefront", shoe="Bike")
    result = assemble([_file("log/list.csv", row), _file("log/a.gpx", _gpx(3000, 1.0, 3.34))])
    (ride,) = result.activities.itertuples()
    assert (ride.source_file, ride.sport, ride.name, ride.shoe) == ("log/a.gpx", "ride", "Lakefront", "Bike")
    files = result.files.set_index("path")
    assert files.loc["log/list.csv", "status"] == "duplicate"


def test_drawn_route_of_few_points_takes_the_lists_duration_and_says_so():
    # 16 points 5 s apart: the route's times say 75 s for 5 km; the list says 25:00.
    row = _list_row("2024-06-01 07:00", 5.0, 25, linked="drawn.gpx")
    result = assemble([_file("list.csv", row), _file("drawn.gpx", _gpx(16, 5.0, 5000 / 15))])
    (run,) = result.activities.itertuples()
    assert run.moving_s == 1500.0 and run.elapsed_s >= 1500.0
    assert abs(run.avg_speed_m_s - 5000 / 1500) < 1e-9
    warnings = result.files.set_index("path").loc["drawn.gpx", "warnings"]
    assert "took the list's moving_s 25:00" in warnings and "a route of 16 points" in warnings


def test_list_duration_that_disagrees_with_the_track_wins_when_plausible():
    # the track (pauses kept as slow movement) says 52:00, the app's timer 50:00
    row = _list_row("2024-06-01 07:00", 10.0, 50, linked="a.gpx")
    result = assemble([_file("list.csv", row), _file("a.gpx", _gpx(3120, 1.0, 10_000 / 3119))])
    (run,) = result.activities.itertuples()
    assert run.moving_s == 3000.0
    assert "-4% from the list" not in result.files.set_index("path").loc["a.gpx", "warnings"]
    assert "from the list" in result.files.set_index("path").loc["a.gpx", "warnings"]


def test_agreeing_values_keep_the_files_and_say_nothing():
    row = _list_row("2024-06-01 07:00", 10.0, 50, linked="a.gpx")
    result = assemble([_file("list.csv", row), _file("a.gpx", _gpx(3010, 1.0, 10_050 / 3009))])
    (run,) = result.activities.itertuples()
    assert run.distance_m == 10_050.0
    assert "took the list" not in result.files.set_index("path").loc["a.gpx", "warnings"]


def test_a_list_run_faster_than_any_runner_does_not_replace_the_files_duration():
    # a typo in the list: 10 km in 12:00 (50 km/h); the track's 50:00 is kept, and said
    row = _list_row("2024-06-01 07:00", 10.0, 12, linked="a.gpx")
    result = assemble([_file("list.csv", row), _file("a.gpx", _gpx(3000, 1.0, 10_000 / 2999))])
    (run,) = result.activities.itertuples()
    assert abs(run.moving_s - 2999) < 2
    assert "faster than any runner holds" in result.files.set_index("path").loc["a.gpx", "warnings"]


def test_run_away_from_home_joined_by_key_whatever_the_zone_setting():
    # Recorded in Detroit (08:00 local) while the runner's zone is Chicago: the diary's wall
    # clock and the GPX's UTC are four hours apart, the zone's reading of the diary one hour.
    row = _list_row("2024-06-01 08:00", 10.0, 50, linked="trip.gpx", back_pain=2.0)
    gpx = _gpx(3000, 1.0, 10_000 / 2999)
    for tz in (None, "America/Chicago"):
        result = assemble([_file("list.csv", row, tz=tz), _file("trip.gpx", gpx, tz=tz)])
        (run,) = result.activities.itertuples()
        assert (run.source_file, run.back_pain, run.tz_source) == ("trip.gpx", 2.0, "matched")
        assert run.start_local == pd.Timestamp("2024-06-01 08:00")


def test_run_away_from_home_without_a_key_paired_by_the_quarter_hour_offset_with_a_zone_set():
    row = _list_row("2024-06-01 08:00", 10.0, 50)
    gpx = _gpx(3000, 1.0, 10_000 / 2999, start=START + pd.Timedelta(seconds=40))
    result = assemble([_file("list.csv", row, tz="America/Chicago"),
                       _file("trip.gpx", gpx, tz="America/Chicago")])
    assert len(result.activities) == 1
    assert result.activities.iloc[0]["local_date"] == pd.Timestamp("2024-06-01")


def test_key_first_then_time_and_distance_never_swaps_close_sessions():
    # Two 5 km runs a minute apart; the list names each one's file.
    first = _list_row("2024-06-01 07:00", 5.0, 25, linked="a.gpx", name="first")
    second = _list_row("2024-06-01 07:01", 5.0, 25, linked="b.gpx", name="second")
    a = _gpx(1500, 1.0, 5000 / 1499)
    b = _gpx(1500, 1.0, 5000 / 1499, start=START + pd.Timedelta(minutes=1))
    result = assemble([_file("list.csv", first, second), _file("a.gpx", a), _file("b.gpx", b)])
    names = dict(zip(result.activities["source_file"], result.activities["name"]))
    assert names == {"a.gpx": "first", "b.gpx": "second"}


def test_a_copy_between_two_sessions_joins_the_closer_one_and_never_chains_them():
    # Two runs 100 s apart, 5.0 and 5.2 km (4 % apart: distinct); a GPX copy of the second
    # starts 90 s after the first with 5.1 km, within the tolerances of both.
    a = ParsedActivity(START, "fit", samples=_track(1500, 1.0, 5000 / 1499))
    b = ParsedActivity(START + pd.Timedelta(seconds=100), "fit",
                       samples=_track(1500, 1.0, 5200 / 1499, START + pd.Timedelta(seconds=100)))
    copy_of_b = ParsedActivity(START + pd.Timedelta(seconds=90), "gpx", name="b",
                               samples=_track(1400, 1.0, 5100 / 1399, START + pd.Timedelta(seconds=90)))
    for order in ([a, copy_of_b, b], [b, copy_of_b, a]):
        paths = {id(a): "a.fit", id(b): "b.fit", id(copy_of_b): "b.gpx"}
        result = assemble([_file(paths[id(x)], x) for x in order])
        names = dict(zip(result.activities["source_file"], result.activities["name"]))
        assert names == {"a.fit": "", "b.fit": "b"}


def test_runkeeper_style_folder_read_end_to_end(tmp_path):
    (tmp_path / "cardioActivities.csv").write_text(
        "Date,Type,Route Name,Distance (mi),Duration,Notes,GPX File\n"
        "2024-06-01 08:00:00,Running,River,3.11,25:00,,2024-06-01-0800.gpx\n"
        "2024-06-02 07:00:00,Running,,3.11,26:00,,\n")
    points = "".join(f'<trkpt lat="{42 + i * 0.001:.4f}" lon="-83.0"><time>2024-06-01T12:{i * 2:02d}:00Z</time></trkpt>'
                     for i in range(16))
    (tmp_path / "2024-06-01-0800.gpx").write_text(
        '<?xml version="1.0"?><gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><trkseg>{points}</trkseg></trk></gpx>")
    for tz in (None, "America/Chicago"):
        result = riskcheck.read(tmp_path, tz=tz, workers=1)
        acts = result.activities.sort_values("local_date")
        assert list(acts["local_date"].dt.day) == [1, 2]
        joined = acts.iloc[0]
        assert joined["source_file"].endswith(".gpx") and joined["name"] == "River"
        assert joined["moving_s"] == 1500.0


def test_a_generic_run_in_the_list_keeps_the_devices_treadmill_run():
    listed = ParsedActivity(START, "csv_strava", sport_raw="Run", linked_file="1.fit",
                            totals={"distance_m": 5000.0, "elapsed_s": 1500.0})
    fit = ParsedActivity(START, "fit", sport_raw="running", sub_sport_raw="treadmill",
                         samples=_track(1500, 1.0, 5000 / 1499))
    result = assemble([_file("activities.csv", listed), _file("1.fit", fit)])
    assert result.activities.iloc[0]["sport"] == "treadmill_run"
    assert "sport" not in result.files.set_index("path").loc["1.fit", "warnings"]


def test_garmin_api_row_joined_with_the_fit_named_by_its_activity_id():
    header = "activityId,activityName,startTimeLocal,startTimeGMT,distance,duration,activityType_typeKey\n"
    from riskcheck.readers.csv import read_csv_log
    rows = read_csv_log((header + "123456789.0,Hill reps,2024-06-01 14:00:00,2024-06-01 12:00:00,10000,3000,"
                         "trail_running\n").encode(), "activities.csv", ReadOptions())
    assert rows[0].linked_file == "123456789"
    # the FIT's clock is an hour off the list's (a watch set wrong): the ID still joins them
    fit = ParsedActivity(START + pd.Timedelta(hours=1), "fit", sport_raw="running",
                         samples=_track(3000, 1.0, 10_000 / 2999, START + pd.Timedelta(hours=1)))
    other = ParsedActivity(START, "fit", sport_raw="running", samples=_track(3000, 1.0, 10_000 / 2999))
    result = assemble([_file("g/activities.csv", *rows), _file("g/123456789_ACTIVITY.fit", fit),
                       _file("g/2024-06-01-1200.fit", other)])
    named = result.activities.set_index("source_file")
    assert named.loc["g/123456789_ACTIVITY.fit", "name"] == "Hill reps"
    assert named.loc["g/123456789_ACTIVITY.fit", "sport"] == "trail_run"
    assert named.loc["g/2024-06-01-1200.fit", "name"] == ""


def test_a_devices_recorded_total_stays_and_the_difference_is_said():
    # Strava's moving time leaves out the stops the watch's timer kept running through
    listed = ParsedActivity(START, "csv_strava", sport_raw="Run", linked_file="1.fit",
                            totals={"distance_m": 5000.0, "moving_s": 1300.0})
    fit = ParsedActivity(START, "fit", sport_raw="running", totals={"moving_s": 1500.0, "distance_m": 5000.0},
                         samples=_track(1500, 1.0, 5000 / 1499))
    result = assemble([_file("activities.csv", listed), _file("1.fit", fit)])
    assert result.activities.iloc[0]["moving_s"] == 1500.0
    assert "kept the device's moving_s 25:00, +15% from the list 21:40" in result.files.set_index("path").loc["1.fit", "warnings"]


def test_with_a_zone_set_a_diary_row_pairs_with_the_track_of_its_own_clock_first():
    # Two equal 10 km runs 5 h apart in the diary, the track of the morning one only.
    morning = _list_row("2024-06-01 07:00", 10.0, 50, name="morning")
    evening = _list_row("2024-06-01 12:00", 10.0, 50, name="evening")  # 12:00 local = the track's UTC hour
    gpx = _gpx(3000, 1.0, 10_000 / 2999)  # 12:00 UTC = 07:00 in Chicago
    result = assemble([_file("list.csv", evening, morning, tz="America/Chicago"),
                       _file("a.gpx", gpx, tz="America/Chicago")])
    named = dict(zip(result.activities["name"], result.activities["source_file"]))
    assert named == {"morning": "a.gpx", "evening": "list.csv"}


def test_the_lists_sport_survives_when_a_richer_file_of_the_session_wins():
    # Runkeeper's list says cycling for its GPX; the watch's FIT of the same ride says running
    row = _list_row("2024-06-01 07:00", 10.0, 30, sport="Cycling", linked="a.gpx")
    gpx = _gpx(1800, 1.0, 10_000 / 1799)
    fit = ParsedActivity(START + pd.Timedelta(seconds=20), "fit", sport_raw="running",
                         samples=_track(3600, 0.5, 10_000 / 3599, START + pd.Timedelta(seconds=20)))
    result = assemble([_file("list.csv", row), _file("a.gpx", gpx), _file("watch.fit", fit)])
    (ride,) = result.activities.itertuples()
    assert (ride.source_file, ride.sport) == ("watch.fit", "ride")
