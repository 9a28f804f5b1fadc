"""Whole-log scenarios: a steady runner raises nothing at caution or above; a classic
overload build-up is flagged by the right rules on the right days and next week's guidance
steps back below it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from riskcheck.assess import assess, assess_all
from riskcheck.errors import RiskcheckError
from riskcheck.load import activities_from_log

MONDAY = pd.Timestamp("2024-01-01")


def steady_runner_log(weeks: int = 26, seed: int = 7) -> list[dict]:
    """4-5 runs a week, 30-40 km, long run about 1.3x the others, cadence ~170 rising
    about 10 steps/min per m/s, all on road with some rolling hills."""
    rng = np.random.default_rng(seed)
    rows = []
    for w in range(weeks):
        start = MONDAY + pd.Timedelta(weeks=w)
        days = [0, 2, 4, 6] if w % 2 else [0, 1, 3, 4, 6]
        total = rng.uniform(33, 37)
        easy = total / (len(days) - 1 + 1.3)
        for d in days:
            km = easy * (1.3 if d == 6 else 1.0) * rng.uniform(0.97, 1.03)
            speed = rng.uniform(2.6, 2.75) if d == 6 else rng.uniform(2.8, 3.1)
            rows.append(dict(date=start + pd.Timedelta(days=d), distance_km=round(km, 2),
                             duration_min=km * 1000 / speed / 60,
                             cadence=round(170 + 10 * (speed - 2.9) + rng.normal(0, 1.5), 1),
                             ascent_m=round(rng.uniform(40, 80)), avg_hr=round(rng.normal(145, 4)),
                             shoe="Trainer A" if w < 13 else "Trainer B"))
    return rows


def test_steady_runner_raises_nothing_at_caution_or_above():
    result = assess(activities_from_log(steady_runner_log()))
    serious = result.findings[result.findings["severity"] != "info"]
    assert serious.empty, serious[["rule_id", "severity", "date", "message"]].to_string()
    assert result.status.level == "low"
    assert set(result.weekly["status"]) == {"low"}
    weekly_km = result.weekly["distance_m"].iloc[:-1] / 1000
    assert weekly_km.between(30, 40).all()  # the generator made what the test claims


def overload_log() -> list[dict]:
    """Four weeks of 20 km (Mon 6, Wed 6, Sat 8), then 20, 28 and 36 km weeks; the 28 km
    week's Saturday long run is 14 km, 40 % above the 30-day longest (10 km)."""
    rows = []
    for w, (mon, wed, sat) in enumerate([(6, 6, 8)] * 4 + [(5, 5, 10), (7, 7, 14), (9, 9, 18)]):
        start = MONDAY + pd.Timedelta(weeks=w)
        rows += [dict(date=start, distance_km=mon), dict(date=start + pd.Timedelta(days=2), distance_km=wed),
                 dict(date=start + pd.Timedelta(days=5), distance_km=sat)]
    return rows


@pytest.fixture(scope="module")
def overloaded():
    return assess(activities_from_log(overload_log()), today=pd.Timestamp("2024-02-18").date())


def test_overload_flags_the_long_run_spike_on_its_day(overloaded):
    f = overloaded.findings
    spike = f[(f["rule_id"] == "RC01") & (f["date"] == "2024-02-10")]
    assert list(spike["severity"]) == ["high"]
    assert spike["measured"].iloc[0] == pytest.approx(40.0)
    assert spike["activity_ids"].iloc[0] == "20240210-1"


def test_overload_flags_the_weekly_jumps_and_load_ratio(overloaded):
    f = overloaded.findings
    # 36 km against 20 km two weeks earlier (+80 %): passed 26 km (1.3 x 20) on Saturday 17 Feb
    jump = f[(f["rule_id"] == "RC02") & (f["week_start"] == "2024-02-12")]
    assert list(zip(jump["severity"], jump["date"].dt.strftime("%Y-%m-%d"))) == [("caution", "2024-02-17")]
    assert jump["measured"].iloc[0] == pytest.approx(80.0)
    # last 7 days 36 km against 68 km over days t-27..t-7 (3 weeks): 36/7 / (68/21) = 1.59
    acwr = f[(f["rule_id"] == "RC03") & (f["week_start"] == "2024-02-12")]
    assert list(acwr["severity"]) == ["caution"]
    assert overloaded.status.level == "high"  # the spike episode that peaked at high on 10 Feb goes on
    weeks = overloaded.weekly.set_index("week_start")["status"]
    assert (weeks["2024-02-05"], weeks["2024-02-12"]) == ("high", "moderate")


def test_overload_guidance_steps_back_below_the_overloaded_week(overloaded):
    g = overloaded.guidance
    assert g.week_start == pd.Timestamp("2024-02-19").date()
    assert g.max_distance_m < 36_000
    assert g.max_long_run_m <= 18_000
    assert any("squats" in item for item in g.favour)
    assert {"RC01", "RC02"} <= {r for rec in overloaded.recommendations for r in rec.triggered_by}


def test_every_finding_carries_its_evidence(overloaded):
    f = overloaded.findings
    assert not f.empty
    for col in ("measured", "threshold", "date", "week_start"):
        assert f[col].notna().all(), col
    for col in ("activity_ids", "source", "unit", "message", "why", "evidence", "recommendation"):
        assert (f[col].astype(str).str.len() > 0).all(), col


def test_back_pain_scores_bring_the_warning_signs():
    rows = overload_log()
    assert assess(activities_from_log(rows)).warning_signs == []
    rows[-1]["back_pain"] = 3
    signs = assess(activities_from_log(rows)).warning_signs
    assert any("bladder" in s for s in signs) and any("numb" in s.lower() for s in signs)


def test_assess_all_splits_athletes_and_assess_refuses_a_mix():
    rows = [dict(r, athlete="ann") for r in overload_log()] + [dict(r, athlete="bob") for r in steady_runner_log(8)]
    acts = activities_from_log(rows)
    results = assess_all(acts)
    assert set(results) == {"ann", "bob"}
    assert results["ann"].status.level == "high" and results["bob"].status.level == "low"
    with pytest.raises(RiskcheckError, match="assess_all"):
        assess(acts)


def test_guidance_after_a_break_starts_the_return_plan():
    rows = overload_log()[:12]  # 20 km a week, last run Sat 2024-01-27
    g = assess(activities_from_log(rows), today=pd.Timestamp("2024-02-20").date()).guidance
    assert g.max_distance_m == pytest.approx(10_000)  # half of the 20 km before the break
    assert g.max_long_run_m == pytest.approx(4_000)   # half the 8 km of 27 Jan, the plan's share


def test_an_empty_log_gives_nothing_to_assess_and_no_caps():
    from riskcheck.schema import empty_activities

    result = assess(empty_activities(), today=pd.Timestamp("2024-01-10").date())
    assert result.status.level == "none" and result.findings.empty and result.warning_signs == []
    assert np.isnan(result.guidance.max_distance_m) and len(result.daily) == 1
