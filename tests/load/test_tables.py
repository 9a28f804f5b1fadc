"""Daily and weekly tables, load measures and ratios, checked against hand calculations."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from riskcheck import schema
from riskcheck.settings import RiskConfig
from riskcheck.errors import ConfigError
from riskcheck.load import activities_from_log, build_tables
from riskcheck.load.acwr import acwr_ewma, acwr_uncoupled
from riskcheck.load.daily import DAILY_COLUMNS
from riskcheck.load.weekly import WEEKLY_COLUMNS

WEEK = [  # Mon 2024-01-01 .. Sun 2024-01-07
    dict(date="2024-01-01", distance_km=6, duration_min=36, rpe=4, avg_hr=140, cadence=168, ascent_m=50),
    dict(date="2024-01-03", distance_km=10, duration_min=50, rpe=7, avg_hr=172, sport="trail_run", ascent_m=300,
         descent_m=280),
    dict(date="2024-01-03", distance_km=20, duration_min=60, sport="ride"),
    dict(date="2024-01-06", distance_km=14, duration_min=84, rpe=5, avg_hr=150, shoe="A", back_pain=2),
]


def test_from_log_matches_the_schema_dtypes():
    acts = activities_from_log(WEEK)
    assert list(acts.columns) == list(schema.ACTIVITY_COLUMNS)
    for name, (dtype, _, _) in schema.ACTIVITY_COLUMNS.items():
        assert str(acts[name].dtype) == dtype, name
    assert acts["is_run"].tolist() == [True, True, False, True]
    assert acts["surface"].tolist() == ["road", "trail", "unknown", "road"]


def test_from_log_turns_running_dynamics_into_si_columns():
    acts = activities_from_log([
        dict(date="2024-01-01", distance_km=8, gct_ms=252, gct_balance_left=50.6, vertical_oscillation_cm=8.4,
             vertical_ratio=7.6, step_length_m=1.1),
        dict(date="2024-01-02", distance_km=8),
    ])
    first, second = acts.iloc[0], acts.iloc[1]
    assert first["avg_ground_contact_s"] == pytest.approx(0.252)
    assert first["ground_contact_balance_left_pct"] == pytest.approx(50.6)
    assert first["avg_vertical_oscillation_m"] == pytest.approx(0.084)
    assert first["avg_vertical_ratio_pct"] == pytest.approx(7.6)
    assert first["avg_step_length_m"] == pytest.approx(1.1)
    assert second[list(schema.RUNNING_DYNAMICS_COLUMNS)].isna().all()  # no dynamics: NaN, not 0


def test_daily_table_one_row_per_day_with_running_and_cross_training():
    t = build_tables(activities_from_log(WEEK), RiskConfig(), today=pd.Timestamp("2024-01-09").date())
    d = t.daily
    assert list(d[DAILY_COLUMNS].columns) == DAILY_COLUMNS
    assert str(d["date"].dtype) == "datetime64[ns]"
    assert d["date"].tolist() == list(pd.date_range("2024-01-01", "2024-01-09"))
    wed = d.set_index("date").loc["2024-01-03"]
    assert wed["distance_m"] == 30_000 and wed["run_distance_m"] == 10_000 and wed["runs"] == 1
    assert wed["cross_training_s"] == 3600 and wed["duration_s"] == 50 * 60 + 3600
    assert wed["ascent_m"] == 300 and wed["descent_m"] == 280 and wed["load"] == 10
    assert d["is_rest_day"].sum() == 9 - 3


def test_weekly_table_sums_shares_and_monotony():
    t = build_tables(activities_from_log(WEEK), RiskConfig(), today=pd.Timestamp("2024-01-07").date())
    w = t.weekly.iloc[0]
    assert list(t.weekly.columns) == WEEKLY_COLUMNS
    assert w["week_start"] == pd.Timestamp("2024-01-01")
    assert (w["distance_m"], w["runs"], w["longest_run_m"], w["rest_days"]) == (30_000, 3, 14_000, 4)
    assert w["duration_s"] == (36 + 50 + 84) * 60 and w["cross_training_s"] == 3600
    assert w["surface_road_share"] == pytest.approx(20 / 30) and w["surface_trail_share"] == pytest.approx(10 / 30)
    loads = [6, 0, 10, 0, 0, 14, 0]
    mean = sum(loads) / 7
    sd = math.sqrt(sum((x - mean) ** 2 for x in loads) / 7)
    assert w["monotony"] == pytest.approx(mean / sd)
    assert w["strain"] == pytest.approx(30 * mean / sd)
    assert w["back_pain_max"] == 2


def test_weeks_can_start_on_sunday():
    t = build_tables(activities_from_log(WEEK), RiskConfig(week_start="sunday"))
    assert t.weekly["week_start"].tolist() == [pd.Timestamp("2023-12-31")]


def test_activities_after_today_are_left_out_with_a_warning():
    t = build_tables(activities_from_log(WEEK), RiskConfig(), today=pd.Timestamp("2024-01-04").date())
    assert t.daily["date"].iloc[-1] == pd.Timestamp("2024-01-04")
    assert len(t.activities) == 3 and "1 activities after 2024-01-04" in t.warnings[0]


def test_session_rpe_and_trimp_loads():
    acts = activities_from_log(WEEK)
    srpe = build_tables(acts, RiskConfig(load_measure="srpe")).activities["load"].tolist()
    assert srpe == [4 * 36, 7 * 50, 0, 5 * 84]
    cfg = RiskConfig(load_measure="trimp", max_hr_bpm=190, rest_hr_bpm=50, sex="female")
    t = build_tables(acts, cfg)
    hrr = (150 - 50) / 140
    assert t.activities["load"].iloc[3] == pytest.approx(84 * hrr * 0.86 * math.exp(1.67 * hrr))
    assert any("no heart rate" in w for w in t.warnings)
    with pytest.raises(ConfigError, match="max_hr_bpm"):
        build_tables(acts, RiskConfig(load_measure="trimp"))


def test_high_intensity_from_heart_rate_and_from_pace():
    acts = activities_from_log(WEEK)
    by_hr = build_tables(acts, RiskConfig(max_hr_bpm=190)).activities["high_intensity_s"].tolist()
    assert by_hr == [0, 50 * 60, 0, 0]  # 172 bpm lies above 0.85 x 190 = 161.5
    # without max HR: nine easy hours at 2.78 m/s put the 90th percentile of running time in
    # the 2.5-3.0 m/s band, so the estimate is 3.0 m/s and only the 20 min at 4.2 m/s count
    easy = [dict(date=f"2024-01-{d:02d}", distance_km=10, duration_min=60) for d in range(1, 10)]
    fast = [dict(date="2024-01-10", distance_km=5.04, duration_min=20)]
    by_pace = build_tables(activities_from_log(easy + fast), RiskConfig()).activities["high_intensity_s"]
    assert by_pace.tolist() == [0] * 9 + [20 * 60]


def test_uncoupled_and_ewma_ratios_match_a_plain_loop():
    rng = np.random.default_rng(3)
    load = pd.Series(rng.uniform(0, 12, 60))
    unc, ewma = acwr_uncoupled(load), acwr_ewma(load)
    a_acute = a_chronic = load[0]
    for t in range(60):
        if t:
            a_acute += 2 / 8 * (load[t] - a_acute)
            a_chronic += 2 / 29 * (load[t] - a_chronic)
        if t < 27:
            assert np.isnan(unc[t]) and np.isnan(ewma[t])
            continue
        assert unc[t] == pytest.approx(np.mean(load[t - 6: t + 1]) / np.mean(load[t - 27: t - 6]))
        assert ewma[t] == pytest.approx(a_acute / a_chronic)


def test_weekly_cadence_is_compared_at_the_runners_usual_speeds():
    # fast runs at 175, slow runs at 165; a week of only slow runs keeps its band cadence
    rows = [dict(date=d, distance_km=10, pace_min_km=5.0, cadence=175) for d in ("2024-01-01", "2024-01-03")]
    rows += [dict(date="2024-01-05", distance_km=10, pace_min_km=7.0, cadence=165),
             dict(date="2024-01-09", distance_km=10, pace_min_km=7.0, cadence=165)]
    t = build_tables(activities_from_log(rows), RiskConfig())
    first, second = t.weekly["cadence_spm"].tolist()
    # weights: the whole log's time per band, 6000 s fast and 8400 s slow
    assert first == pytest.approx((175 * 6000 + 165 * 8400) / (6000 + 8400))
    assert second == pytest.approx(165)


def test_a_log_row_may_mark_a_race_and_the_column_is_boolean():
    acts = activities_from_log([dict(date="2024-01-07", distance_km=21.1, race=True),
                                dict(date="2024-01-08", distance_km=5)])
    assert acts["race"].dtype == bool
    assert acts["race"].tolist() == [True, False]
