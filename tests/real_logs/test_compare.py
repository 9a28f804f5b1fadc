"""compare.py, the measuring stick, on made-up lists and readings: one-to-one matching by
day and nearest distance, doubles, wrong sports, days off and durations."""

from __future__ import annotations

import math

import pandas as pd

from compare import compare
from truth import TRUTH_COLUMNS


def _truth(*sessions) -> pd.DataFrame:
    """sessions: (date, sport, is_run, km, seconds[, date_exact])"""
    rows = []
    for n, (day, sport, is_run, km, seconds, *exact) in enumerate(sessions, start=1):
        rows.append({c: "" for c in TRUTH_COLUMNS} | {
            "row": n, "start": pd.NaT, "clock": "local", "local_date": pd.Timestamp(day),
            "date_exact": exact[0] if exact else True, "sport": sport, "is_run": is_run,
            "distance_m": km * 1000 if km is not None else math.nan,
            "duration_s": seconds if seconds else math.nan, "duration_kind": "elapsed" if seconds else "",
            "elapsed_s": seconds if seconds else math.nan, "moving_s": math.nan})
    return pd.DataFrame(rows, columns=TRUTH_COLUMNS)


def _read(*activities) -> pd.DataFrame:
    """activities: (date, sport, km, seconds)"""
    return pd.DataFrame([{
        "local_date": pd.Timestamp(day), "sport": sport, "sport_raw": sport,
        "is_run": sport in ("run", "trail_run", "treadmill_run", "track_run"),
        "distance_m": km * 1000 if km is not None else math.nan, "elapsed_s": seconds, "moving_s": seconds,
        "source_file": f"/x/real_logs/log/{n}.fit", "tz_source": "file"} for n, (day, sport, km, seconds)
        in enumerate(activities)])


def test_a_perfect_reading():
    c = compare(_truth(("2024-06-04", "Run", True, 9.83, 5381), ("2024-06-04", "Ride", False, 3.5, 611)),
                _read(("2024-06-04", "run", 9.80, 5390), ("2024-06-04", "ride", 3.5, 611)))
    assert c.figures | {"dur_share": 1} == {"list_runs": 1, "cycling_speed": 0, "rc_runs": 1, "matched": 1, "unmatched": 0,
                                            "extra": 0, "doubles": 0, "wrong_sport": 0, "dur_n": 1,
                                            "dur_ok": 1, "dur_share": 1}


def test_the_matching_is_an_assignment_not_greedy():
    """rc 10.05 is nearest to list 10.0, but only pairing it with 10.3 lets 9.75 match 10.0."""
    c = compare(_truth(("2024-06-04", "Run", True, 10.0, None), ("2024-06-04", "Run", True, 10.3, None)),
                _read(("2024-06-04", "run", 10.05, 1), ("2024-06-04", "run", 9.75, 1)))
    assert c.figures["matched"] == 2 and c.figures["unmatched"] == 0 and c.figures["extra"] == 0


def test_equal_distances_on_one_day_pair_by_duration():
    c = compare(_truth(("2014-04-10", "Running", True, 4.83, 1440), ("2014-04-10", "Running", True, 4.83, 1230)),
                _read(("2014-04-10", "run", 4.83, 1230), ("2014-04-10", "run", 4.83, 1440)))
    assert c.figures["dur_ok"] == 2


def test_doubles_wrong_sports_and_extras():
    c = compare(_truth(("2015-03-06", "Running", True, 27.47, None), ("2015-03-07", "Cycling", False, 20.0, None),
                       ("2015-03-08", "Running", True, 5.0, None)),
                _read(("2015-03-06", "run", 27.47, None), ("2015-03-06", "run", 27.51, None),
                      ("2015-03-07", "run", 20.1, None), ("2015-03-08", "walk_hike", 5.0, None),
                      ("2015-03-20", "run", 3.0, None)))
    f = c.figures
    assert (f["list_runs"], f["rc_runs"], f["matched"], f["unmatched"], f["extra"], f["doubles"],
            f["wrong_sport"]) == (2, 4, 1, 1, 3, 1, 1)
    assert c.unmatched["reason"].tolist() == ["riskcheck has it as walk_hike (walk_hike)"]
    reasons = sorted(c.extra["reason"])
    assert reasons == ["list says Cycling", "no list session within a day", "second copy of a matched list run"]


def test_a_day_off_fails_unless_the_list_date_is_not_exact():
    read = _read(("2024-01-29", "run", 8.5, 2890))
    strict = compare(_truth(("2024-01-28", "Run", True, 8.5, 2890)), read)
    assert strict.figures["matched"] == 0 and strict.unmatched["reason"].tolist() == ["riskcheck has it +1 day"]
    assert strict.extra["reason"].tolist() == ["list has it -1 day"]
    loose = compare(_truth(("2024-01-28", "Run", True, 8.5, 2890, False)), read)
    assert loose.figures["matched"] == 1


def test_durations_off_and_sessions_without_distance():
    c = compare(_truth(("2013-02-10", "run", True, None, 1227), ("2013-02-11", "run", True, 6.0, 1800)),
                _read(("2013-02-10", "run", None, 27), ("2013-02-11", "run", 6.1, 1900)))
    assert c.figures["matched"] == 2 and c.figures["dur_n"] == 2 and c.figures["dur_ok"] == 0


def test_a_list_run_at_cycling_speed_is_counted_apart_not_as_unmatched():
    # 'Commute (Bike)' logged as a run: 15 km in 20:25 (44 km/h); riskcheck reads a ride
    truth = _truth(("2012-05-21", "run", True, 15.0, 1225), ("2012-05-21", "run", True, 3.0, 900),
                   ("2012-05-22", "run", True, 2.0, 240))  # a short fast run (30 km/h over 2 km) stays a run
    c = compare(truth, _read(("2012-05-21", "ride", 15.0, 1225), ("2012-05-21", "run", 3.0, 900),
                             ("2012-05-22", "run", 2.0, 240)))
    assert (c.figures["list_runs"], c.figures["cycling_speed"], c.figures["unmatched"]) == (2, 1, 0)
    assert c.cycling_speed["rc_sport"].tolist() == ["ride"]


def test_a_riskcheck_run_at_a_list_runs_cycling_speed_is_a_wrong_sport():
    c = compare(_truth(("2012-05-21", "run", True, 15.0, 1225)), _read(("2012-05-21", "run", 15.0, 1225)))
    assert (c.figures["wrong_sport"], c.figures["extra"]) == (1, 1)
