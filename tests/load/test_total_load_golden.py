"""The total load, its scale and method, and fitness/fatigue/form on hand-computed logs.

Every expected number below was worked out by hand from the formulas in
riskcheck/load/total_load.py and riskcheck/load/fitness.py (shown in the comments), not by
running the code."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from riskcheck import schema
from riskcheck.assess.load_balance import load_balance_note
from riskcheck.load.from_log import activities_from_log
from riskcheck.load.tables import build_tables
from riskcheck.settings import RiskConfig

HR_SET = RiskConfig(max_hr_bpm=190, rest_hr_bpm=50, sex="male")


def tables_of(rows, config=HR_SET, today=None):
    return build_tables(activities_from_log(rows), config, today)


def test_trimp_from_average_heart_rate_men_and_women():
    # HRr = (155 - 50) / (190 - 50) = 0.75; 60 min x 0.75 x 0.64 e^(1.92 x 0.75) = 121.556
    t = tables_of([{"date": "2024-01-01", "duration_min": 60, "distance_km": 10, "avg_hr": 155}])
    assert t.total_load_scale == "TRIMP"
    assert t.activities["load_method"].tolist() == ["average heart rate"]
    assert t.activities["total_load"].iloc[0] == pytest.approx(121.556, abs=0.001)
    # women: 60 x 0.75 x 0.86 e^(1.67 x 0.75) = 135.414
    t = tables_of([{"date": "2024-01-01", "duration_min": 60, "distance_km": 10, "avg_hr": 155}],
                  RiskConfig(max_hr_bpm=190, rest_hr_bpm=50, sex="female"))
    assert t.activities["total_load"].iloc[0] == pytest.approx(135.414, abs=0.001)


def test_trimp_from_heart_rate_bands_when_the_samples_have_them():
    # 30 min in the 150-159 band (middle 155: HRr 0.75, 2.02593 a minute) and 30 min in the
    # 160-169 band (middle 165: HRr 0.82143, 2.54510 a minute): 60 x 2.285515 = 137.129
    acts = activities_from_log([{"date": "2024-01-01", "duration_min": 60, "distance_km": 10, "avg_hr": 160}])
    acts[schema.HR_TIME_COLUMNS] = 0.0
    acts[["time_hr_150_s", "time_hr_160_s"]] = 1800.0
    acts["n_samples"] = pd.array([3600], dtype="Int64")
    t = build_tables(acts, HR_SET)
    assert t.activities["load_method"].tolist() == ["heart rate samples"]
    assert t.activities["total_load"].iloc[0] == pytest.approx(137.129, abs=0.001)


def test_a_session_without_heart_rate_counts_its_sport_on_the_trimp_scale():
    # strength, Compendium 5.0 MET: HRr = (5 - 1) / (14 - 1) = 0.30769;
    # 40 x 0.30769 x 0.64 e^(1.92 x 0.30769) = 14.221. The run with heart rate keeps the scale.
    t = tables_of([{"date": "2024-01-01", "duration_min": 60, "distance_km": 10, "avg_hr": 155},
                   {"date": "2024-01-02", "duration_min": 40, "sport": "strength"}])
    assert t.total_load_scale == "TRIMP"
    assert t.activities["load_method"].tolist() == ["average heart rate", "sport estimate"]
    assert t.activities["total_load"].tolist() == pytest.approx([121.556, 14.221], abs=0.001)
    assert any("1 of 2 sessions have neither heart rate nor RPE" in w for w in t.warnings)


def test_without_heart_rate_the_log_is_scored_in_session_rpe():
    # run: RPE 6 x 45 min = 270; ride without RPE: Compendium 7.5 MET -> HRr 0.5 -> RPE 5 x 60 = 300
    t = tables_of([{"date": "2024-01-01", "duration_min": 45, "distance_km": 8, "rpe": 6},
                   {"date": "2024-01-02", "duration_min": 60, "distance_km": 25, "sport": "ride"}])
    assert t.total_load_scale == "session RPE"
    assert t.activities["load_method"].tolist() == ["rpe", "sport estimate"]
    assert t.activities["total_load"].tolist() == pytest.approx([270.0, 300.0])
    # the rules' load stays running kilometres: the ride is not impact
    assert t.daily["load"].tolist() == pytest.approx([8.0, 0.0])
    assert t.daily["total_load"].tolist() == pytest.approx([270.0, 300.0])


def test_max_heart_rate_from_the_log_is_a_high_quantile_and_warned():
    # 20 runs with maxima 170..189 and one sensor spike of 225: the 95 % quantile of the 21
    # values (linear) is 189 + 0 = 189, not the spike
    rows = [{"date": f"2024-01-{d:02d}", "distance_km": 5, "avg_hr": 140} for d in range(1, 22)]
    acts = activities_from_log(rows)
    acts["max_hr_bpm"] = [170.0 + i for i in range(20)] + [225.0]
    t = build_tables(acts, RiskConfig())
    assert any("189 bpm, the 95% quantile" in w for w in t.warnings)
    assert any("60 bpm stands in for the resting" in w for w in t.warnings)


def test_fitness_fatigue_and_form_by_hand():
    # 100 on day 1, then rest: fitness 100 (1 - e^(-1/42)) = 2.35283, fatigue 100 (1 - e^(-1/7))
    # = 13.31221; day 2 decays both by e^(-1/tau): 2.29747 and 11.54006; form on day 2 is
    # day 1's balance, 2.35283 - 13.31221 = -10.95938, and 0 on the first day.
    acts = activities_from_log([{"date": "2024-01-01", "distance_km": 10, "rpe": 10, "duration_min": 10},
                                {"date": "2024-01-03", "distance_km": 0, "sport": "other", "duration_min": 0}])
    t = build_tables(acts, RiskConfig())
    d = t.daily.set_index("date")
    assert d["total_load"].tolist() == pytest.approx([100.0, 0.0, 0.0])
    assert d["fitness"].tolist()[:2] == pytest.approx([2.35283, 2.29747], abs=1e-5)
    assert d["fatigue"].tolist()[:2] == pytest.approx([13.31221, 11.54006], abs=1e-5)
    assert d["form"].tolist()[:2] == pytest.approx([0.0, -10.95938], abs=1e-5)


def test_strength_and_yoga_counted_per_day_and_week():
    t = tables_of([{"date": "2024-01-01", "distance_km": 5},
                   {"date": "2024-01-01", "sport": "strength", "duration_min": 30},
                   {"date": "2024-01-03", "sport": "strength", "duration_min": 30},
                   {"date": "2024-01-05", "sport": "yoga_pilates", "duration_min": 60}])
    assert t.daily["strength_sessions"].tolist() == [1, 0, 1, 0, 0]
    assert t.weekly[["strength_sessions", "yoga_pilates_sessions"]].iloc[0].tolist() == [2, 1]


def _steady_then(last_four_weeks: list[dict]) -> pd.DataFrame:
    first = [{"date": "2024-01-01", "until": "2024-01-28", "every_days": 2, "distance_km": 5, "rpe": 4}]
    return tables_of(first + last_four_weeks, RiskConfig(), date(2024, 2, 25)).daily


def test_status_note_when_cross_training_carries_the_rise():
    # running the same (14 runs of 5 km in both windows); rides add 60 % to the total load
    daily = _steady_then([{"date": "2024-01-29", "until": "2024-02-25", "every_days": 2, "distance_km": 5, "rpe": 4},
                          {"date": "2024-01-30", "until": "2024-02-25", "every_days": 4, "sport": "ride",
                           "duration_min": 60, "rpe": 3}])
    note = load_balance_note(daily)
    assert note is not None and note.startswith("Total training load rose") and "(+0%)" in note


def test_status_note_when_running_replaces_other_training():
    # before: 5 km runs and 60-min rides; after: the rides become runs of the same effort
    first = [{"date": "2024-01-01", "until": "2024-01-28", "every_days": 2, "distance_km": 5, "rpe": 4},
             {"date": "2024-01-02", "until": "2024-01-28", "every_days": 4, "sport": "ride", "duration_min": 30,
              "rpe": 4}]
    after = [{"date": "2024-01-29", "until": "2024-02-25", "every_days": 2, "distance_km": 5, "rpe": 4},
             {"date": "2024-01-30", "until": "2024-02-25", "every_days": 4, "distance_km": 5, "rpe": 4}]
    note = load_balance_note(tables_of(first + after, RiskConfig(), date(2024, 2, 25)).daily)
    assert note is not None and note.startswith("Running rose")


def test_no_status_note_when_both_move_together():
    daily = _steady_then([{"date": "2024-01-29", "until": "2024-02-25", "every_days": 2, "distance_km": 6,
                           "rpe": 4}])
    assert load_balance_note(daily) is None
