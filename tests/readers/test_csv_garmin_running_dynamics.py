"""Running dynamics in Garmin Connect's activity list: step length ('Avg Stride Length'),
vertical ratio and oscillation, ground contact time and balance, in SI, on the real Swedish
and Hungarian logs and on lists written here."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from riskcheck.readers.base import ReadOptions
from riskcheck.readers.csv import read_csv_log
from riskcheck.schema import RUN_SPORTS, RUNNING_DYNAMICS_COLUMNS
from riskcheck.sport import classify_sport
from test_csv_garmin_languages import HEADERS, _list

SWEDISH = next(h[1] for h in HEADERS if h[0] == "Swedish")
ENGLISH_2020 = ("Activity Type,Date,Favorite,Title,Distance,Calories,Activity Time,Avg HR,Max HR,Aerobic TE,"
                "Avg Run Cadence,Max Run Cadence,Avg Speed,Max Speed,Elev Gain,Elev Loss,Avg Stride Length,"
                "Avg Vertical Ratio,Avg Vertical Oscillation,Avg Ground Contact Time,Avg GCT Balance,"
                "Avg Bike Cadence,Training Stress Score®,Grit,Flow,Min Temp,Max Temp")


def _total(activity, name: str) -> float:
    """A total, NaN where the row left it empty (rows keep only the values they have)."""
    return activity.totals.get(name, np.nan)


def _swedish_log(real_logs):
    (path,) = sorted((real_logs / "IsakJacobsson_garmin_sv").glob("Activities*.csv"))
    activities = read_csv_log(path.read_bytes(), str(path), ReadOptions())
    return {a.start_local: a for a in activities}


# Rows of the Swedish log as the list writes them: (start, GCT ms, balance cell's left %,
# oscillation cm, ratio %, 'Medelsteglängd' m); None where the cell is '--'.
SWEDISH_ROWS = [
    ("2026-02-08 11:03:22", 258, 52.3, 9.4, 7.1, 1.36),   # Löpband (treadmill)
    ("2026-01-31 09:44:14", 264, 49.7, 9.4, 8.8, 1.04),   # Löpning
    ("2026-01-27 18:17:48", 250, None, 10.3, 7.7, 1.33),  # balance '--'
    ("2026-01-19 18:05:42", 277, 50.6, 8.1, 7.0, 1.13),
]


@pytest.mark.parametrize("start,gct_ms,left,oscillation_cm,ratio,step", SWEDISH_ROWS)
def test_swedish_rows_in_si(real_logs, start, gct_ms, left, oscillation_cm, ratio, step):
    run = _swedish_log(real_logs)[pd.Timestamp(start)]
    totals = run.totals
    assert totals["avg_ground_contact_s"] == pytest.approx(gct_ms / 1000)
    assert totals["avg_vertical_oscillation_m"] == pytest.approx(oscillation_cm / 100)
    assert totals["avg_vertical_ratio_pct"] == pytest.approx(ratio)
    assert totals["avg_step_length_m"] == pytest.approx(step)
    if left is None:
        assert np.isnan(_total(run, "ground_contact_balance_left_pct"))
    else:
        assert totals["ground_contact_balance_left_pct"] == pytest.approx(left)


def test_swedish_stride_length_is_the_step_length(real_logs):
    """'Medelsteglängd' is one foot to the other: speed over steps per second, on every run."""
    ratios = []
    for run in _swedish_log(real_logs).values():
        t = run.totals
        if classify_sport(run.sport_raw) == "run" and all(
                np.isfinite(_total(run, k)) for k in ("avg_step_length_m", "avg_speed_m_s", "avg_cadence_spm")):
            ratios.append(t["avg_step_length_m"] / (t["avg_speed_m_s"] / (t["avg_cadence_spm"] / 60)))
    assert len(ratios) > 100
    assert 0.95 <= np.median(ratios) <= 1.05   # a stride (two steps) would give 2


def test_swedish_dynamics_only_on_foot_sports(real_logs):
    log = _swedish_log(real_logs).values()
    tennis = [a for a in log if a.sport_raw == "Tennis"]
    assert tennis and all(np.isnan(_total(a, "avg_step_length_m")) for a in tennis)
    runs = [a for a in log if classify_sport(a.sport_raw) in RUN_SPORTS]
    with_gct = [a for a in runs if np.isfinite(_total(a, "avg_ground_contact_s"))]
    assert len(with_gct) == 61 + 8 + 18 + 15   # the list's runs and treadmill runs with a GCT
    assert all(0.2 <= a.totals["avg_ground_contact_s"] <= 0.35 for a in with_gct)
    assert all(0.06 <= a.totals["avg_vertical_oscillation_m"] <= 0.12 for a in with_gct)


def test_hungarian_list_gives_step_length_only(real_logs):
    (path,) = sorted((real_logs / "lovajujo_garmin_hu").glob("Activities*.csv"))
    runs = [a for a in read_csv_log(path.read_bytes(), str(path), ReadOptions())
            if classify_sport(a.sport_raw) in RUN_SPORTS]
    steps = np.array([_total(a, "avg_step_length_m") for a in runs])
    assert np.isfinite(steps).sum() > 400 and 0.6 <= np.nanmedian(steps) <= 1.4
    for column in set(RUNNING_DYNAMICS_COLUMNS) - {"avg_step_length_m"}:
        assert all(np.isnan(_total(a, column)) for a in runs)


def _english(rows: list[dict[str, str]]):
    base = {"Activity Type": "Running", "Favorite": "false", "Distance": "8.16", "Activity Time": "00:45:03",
            "Avg Run Cadence": "163"}
    return _list(ENGLISH_2020, [base | row for row in rows])


def test_english_balance_sides_and_missing_cells():
    left_first, right_first, bare, zero = _english([
        {"Date": "2024-05-10 10:35:22", "Avg GCT Balance": "49.8% L / 50.2% R", "Avg Ground Contact Time": "266",
         "Avg Vertical Ratio": "8.3", "Avg Vertical Oscillation": "9.1", "Avg Stride Length": "1.12"},
        {"Date": "2024-05-11 10:35:22", "Avg GCT Balance": "50.2% R / 49.8% L"},
        {"Date": "2024-05-12 10:35:22", "Avg GCT Balance": "49.8"},
        {"Date": "2024-05-13 10:35:22", "Avg Ground Contact Time": "0", "Avg Stride Length": "0"}])
    assert left_first.totals["ground_contact_balance_left_pct"] == pytest.approx(49.8)
    assert right_first.totals["ground_contact_balance_left_pct"] == pytest.approx(49.8)
    assert np.isnan(_total(bare, "ground_contact_balance_left_pct"))   # which foot? not said
    warnings = [w for a in (left_first, right_first, bare, zero) for w in a.warnings]   # the list's, once
    assert any("'Avg GCT Balance'" in w and "'49.8'" in w and "not read" in w for w in warnings)
    assert left_first.totals["avg_ground_contact_s"] == pytest.approx(0.266)
    assert left_first.totals["avg_vertical_oscillation_m"] == pytest.approx(0.091)
    assert np.isnan(_total(zero, "avg_ground_contact_s")) and np.isnan(_total(zero, "avg_step_length_m"))


def test_oscillation_in_inches_is_told_by_the_vertical_ratio():
    """9.1 cm over 1.12 m is a ratio of 8.1 %; the same oscillation written as 3.58 in."""
    (run,) = _english([{"Date": "2024-05-10 10:35:22", "Avg Vertical Ratio": "8.1",
                        "Avg Vertical Oscillation": "3.58", "Avg Stride Length": "1.12", "Max Temp": "80.6"}])
    assert run.totals["avg_vertical_oscillation_m"] == pytest.approx(3.58 * 0.0254)


def test_oscillation_of_a_statute_list_without_ratio_is_not_guessed():
    (run,) = _english([{"Date": "2024-05-10 10:35:22", "Avg Vertical Oscillation": "3.58", "Max Temp": "80.6"}])
    assert np.isnan(_total(run, "avg_vertical_oscillation_m"))
    assert any("vertical oscillation not read" in w for w in run.warnings)


def test_swedish_list_written_here_matches_the_log_format():
    (run,) = _list(SWEDISH, [{"Aktivitetstyp": "Löpning", "Datum": "2024-07-02 07:00:00", "Favorit": "false",
                              "Distans": "12.10", "Tid": "01:00:30", "Medelsteglängd": "1.11",
                              "Medelvärde för vertikal kvot": "8.4", "Medelvärde för vertikal rörelse": "9.3",
                              "Medeltid för markkontakt": "251",
                              "Medelkontakttidsbalans": "49.4% vänster/50.6% höger"}])
    assert run.totals["ground_contact_balance_left_pct"] == pytest.approx(49.4)
    assert run.totals["avg_ground_contact_s"] == pytest.approx(0.251)
    assert run.totals["avg_vertical_oscillation_m"] == pytest.approx(0.093)
