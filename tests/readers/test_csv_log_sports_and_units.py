"""Hand-kept logs: a sport left out or empty, sessions at cycling speed among them, a
per-row distance unit, a duration split into minutes and seconds (FloTrack's running log),
and numbers read per column."""

from __future__ import annotations


import pandas as pd
import pytest

from riskcheck.readers.base import ParsedActivity, ReadOptions
from riskcheck.readers.csv import read_csv_log
from riskcheck.sport import classify_sport

MILE_M = 1609.344
# FloTrack's header as the real log writes it (spaces after commas, 'Calulate' sic).
FLOTRACK_HEADER = ("Date, Name, Minutes, Seconds, Distance,Pace, Unit, Feel, Notes, Cross Train Type, "
                   "Calulate Pace, Field 1, Field 2")


def _read(text: str) -> list[ParsedActivity]:
    return read_csv_log(text.encode("utf-8"), "log.csv", ReadOptions())


def _warnings(activities: list[ParsedActivity]) -> str:
    return " | ".join(w for a in activities for w in a.warnings)


def test_flotrack_units_per_row_minutes_and_seconds_and_cross_training():
    text = FLOTRACK_HEADER + "\n" + "\n".join([
        "2011-04-02,Long run,95,30,13.1,07:17,miles,4,,,1,,",
        "2011-04-03,Parkrun,21,5,5,04:13,km,5,,,1,,",
        "2011-04-04,Cross Train (bike),60,0,20,0,miles,,,bike,0,,",
        "2011-04-05,Commute,30,0,15,0,km,,,,0,,",
        "2011-04-06,4x400 leg,0,57,400,0,m,,,,0,,",
    ]) + "\n"
    long_run, parkrun, bike, commute, relay = _read(text)
    assert long_run.totals["distance_m"] == pytest.approx(13.1 * MILE_M)
    assert long_run.totals["moving_s"] == 95 * 60 + 30
    assert parkrun.totals["distance_m"] == pytest.approx(5000) and parkrun.totals["moving_s"] == 21 * 60 + 5
    assert [classify_sport(a.sport_raw) for a in (long_run, parkrun, bike, commute, relay)] == \
        ["run", "run", "ride", "ride", "run"]
    assert relay.totals["distance_m"] == 400 and relay.totals["moving_s"] == 57  # fast, but short
    warnings = _warnings([long_run])
    assert "3 row(s) with an empty 'Cross Train Type' taken as running" in warnings
    assert "1 session(s) without a sport faster than 25 km/h over 3 km or more taken as rides, not runs: " \
           "2011-04-05" in warnings
    assert "no unit" not in warnings


def test_log_without_sport_column_checked_against_cycling_speed():
    text = ("date,distance_km,duration\n"
            "2024-03-01,10,0:50:00\n"
            "2024-03-02,42,1:20:00\n"   # 31.5 km/h
            "2024-03-03,8,0:40:00\n"
            "2024-03-09,60,2:00:00\n")  # 30 km/h
    activities = _read(text)
    assert [classify_sport(a.sport_raw) for a in activities] == ["run", "ride", "run", "ride"]
    warnings = _warnings(activities)
    assert "no sport column: every row taken as running except the 2 at cycling speed" in warnings
    assert "2 session(s) without a sport faster than 25 km/h over 3 km or more taken as rides, not runs: " \
           "2024-03-02, 2024-03-09" in warnings


def test_a_named_sport_is_never_overruled_by_speed():
    (fast,) = _read("date,distance_km,duration,sport\n2024-03-02,42,1:20:00,run\n")
    assert fast.sport_raw == "run" and "cycling" not in _warnings([fast])


def test_unknown_unit_is_read_as_km_and_said():
    (row,) = _read("date,distance,duration,unit\n2024-03-02,10,0:50:00,leagues\n")
    assert row.totals["distance_m"] == 10000
    assert "1 row(s) whose unit in 'unit' is not km, mi or m (leagues): distance read as km" in _warnings([row])


def test_real_flotrack_log_in_miles_and_km_with_its_cross_training(real_logs):
    path = real_logs / "karldickman_flotrack" / "20151129-running-logs.csv"
    activities = read_csv_log(path.read_bytes(), str(path), ReadOptions())
    assert len(activities) == 2528
    runs = [a for a in activities if classify_sport(a.sport_raw) == "run"]
    rides = [a for a in activities if classify_sport(a.sport_raw) == "ride"]
    assert len(rides) >= 261 and all(a.sport_raw for a in activities)
    run_miles = sum(a.totals.get("distance_m", 0) for a in runs) / MILE_M
    assert 9000 < run_miles < 10000  # the manifest: ~9,400 miles of running
    assert all(a.totals.get("moving_s", 1) > 0 for a in runs if a.totals.get("distance_m", 0) > 1000)
    first = next(a for a in activities if a.start_local == pd.Timestamp("2009-05-25"))
    assert first.totals["distance_m"] == pytest.approx(8 * MILE_M) and first.totals["moving_s"] == 3600
    assert "does not know" not in _warnings(activities)


def test_decimal_mark_decided_per_column():
    """A decimal comma in one column does not turn another column's decimal point into a
    thousands separator; a column that could be either follows the file."""
    (row,) = _read("date;distance_km;duration;cadence_spm;ascent_m\n2024-03-01;10.5;0:50:00;172,5;1.250\n")
    assert row.totals["distance_m"] == pytest.approx(10500)
    assert row.totals["avg_cadence_spm"] == pytest.approx(172.5)
    assert row.totals["ascent_m"] == pytest.approx(1250)  # '1.250' in a decimal-comma file
