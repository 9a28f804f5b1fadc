"""The evaluator recovers the hazard ratios planted in a simulated cohort.

This tests the evaluator (covariates, risk set, model), not the rules: the injuries are drawn
from the rules' own alerts with ratios chosen in riskcheck.evaluate.simulate. The figures are
printed (pytest -s, or `python -c "from riskcheck.evaluate.simulate import simulated_evaluation;
simulated_evaluation()"`) and the notebook quotes the same run.
"""

import math

import pandas as pd
import pytest

from riskcheck.evaluate import evaluate
from riskcheck.evaluate.simulate import PLANTED_HR, simulate_cohort, simulated_evaluation


@pytest.fixture(scope="module")
def simulated():
    return simulated_evaluation(workers=2)


def test_each_planted_ratio_lies_in_its_95_percent_interval(simulated):
    cohort, result = simulated
    table = result.hazard_ratios.set_index("rule_id")
    for rule, planted in PLANTED_HR.items():
        row = table.loc[rule]
        assert row["ci_low"] <= planted <= row["ci_high"], (rule, planted, row.to_dict())
        assert row["events_active"] >= 20, "too few injuries while active for a meaningful check"


def test_the_null_rule_is_near_one_and_the_strong_ones_are_found(simulated):
    _, result = simulated
    table = result.hazard_ratios.set_index("rule_id")
    assert 0.6 < table.loc["RC09", "hr"] < 1.6 and table.loc["RC09", "p"] > 0.05
    assert table.loc["RC03", "ci_low"] > 1 and table.loc["RC01", "ci_low"] > 1


def test_rules_never_active_get_a_row_without_an_estimate(simulated):
    _, result = simulated
    never = result.hazard_ratios[result.hazard_ratios["exposure_days"] == 0]
    assert len(never) and never["hr"].isna().all() and (never["note"] == "never active: no estimate").all()


def test_status_sorts_the_days_better_than_chance_and_rates_rise_with_it(simulated):
    _, result = simulated
    assert result.auc["status"] > 0.52 and result.auc["n_alerts"] > 0.52
    rates = result.calibration["rate"].tolist()
    assert rates[0] < rates[1] and rates[0] < rates[2]
    assert (result.calibration["ci_low"] <= result.calibration["rate"]).all()


def test_the_same_seed_gives_the_same_cohort():
    a, b = simulate_cohort(3, weeks=10, seed=7, workers=1), simulate_cohort(3, weeks=10, seed=7, workers=1)
    for name in a.activities:
        pd.testing.assert_frame_equal(a.activities[name], b.activities[name])
        pd.testing.assert_frame_equal(a.diaries[name], b.diaries[name])


def test_evaluating_from_the_logs_gives_the_person_days_the_simulation_used():
    """The reused alerts (simulated_evaluation) are what evaluate() computes from the logs."""
    cohort = simulate_cohort(6, weeks=30, seed=3, workers=1)
    fresh = evaluate(cohort.activities, diaries=cohort.diaries)
    reused = evaluate(cohort.activities, diaries=cohort.diaries, alerts=cohort.alerts)
    pd.testing.assert_frame_equal(fresh.person_days, reused.person_days)
    assert fresh.injuries == sum(int(d["injury"].sum()) for d in cohort.diaries.values())


def test_a_local_dask_cluster_gives_the_same_result():
    pytest.importorskip("distributed")
    from riskcheck.evaluate import EvaluateSettings

    cohort = simulate_cohort(4, weeks=20, seed=5, workers=1)
    serial = evaluate(cohort.activities, diaries=cohort.diaries)
    dask = evaluate(cohort.activities, diaries=cohort.diaries,
                    settings=EvaluateSettings(dask_threshold=2, serial_below=2, workers=2))
    pd.testing.assert_frame_equal(serial.person_days, dask.person_days)
    assert not math.isnan(serial.hazard_ratios["exposure_days"].sum())
