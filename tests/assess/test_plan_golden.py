"""Next week's plan, golden cases computed by hand (docs/guidance.md)."""

from __future__ import annotations

from datetime import date

import pytest

from logs import pain, weeks
from riskcheck import assess
from riskcheck.config import config_from_dict

STEADY = [(8, 8, 8, 16)] * 6  # 40 km a week in four runs, the long run 16 km


def plan(log, today, config=None):
    return assess(log, config, today=today).guidance


def test_a_steady_runner_may_add_ten_percent_and_keep_the_long_run_shape():
    g = plan(weeks(STEADY), date(2024, 2, 11))
    assert g.kind == "build" and g.runs_per_week == 4
    assert g.max_distance_m == pytest.approx(44_000)         # 40 km + 10 %
    assert g.max_long_run_m == pytest.approx(17_600)         # 16 km + 10 %, below 3/6 of 44 km
    assert g.easy_run_m == pytest.approx((44_000 - 17_600) / 3)


def test_an_easy_week_does_not_shrink_next_week():
    g = plan(weeks(STEADY + [(5, 5)]), date(2024, 2, 18))  # 10 km after six weeks of 40
    # four-week average (40 + 40 + 40 + 10) / 4 = 32.5; best 7 days of the last 21 = 40, held 40
    assert g.established_m == pytest.approx(40_000) and g.max_distance_m == pytest.approx(44_000)


def test_a_runner_coming_back_to_a_level_held_is_not_cut_to_the_easy_weeks():
    # 60 km weeks, three weeks of about 10 km, then 40 km: the case of a runner's August
    log = weeks([(12, 12, 12, 24)] * 6 + [(5, 5)] * 3 + [(8, 8, 8, 16)])
    g = plan(log, date(2024, 3, 10))
    # four-week average (10 + 10 + 10 + 40) / 4 = 17.5; held 60; best 7 days 40
    assert g.established_m == pytest.approx(40_000) and g.max_distance_m == pytest.approx(44_000)


def test_back_pain_steps_the_week_back_and_drops_the_long_run():
    log = weeks(STEADY, extra=[pain("2024-02-10", 5)])
    g = plan(log, date(2024, 2, 11))
    assert g.kind == "step back"
    assert g.max_distance_m == pytest.approx(0.8 * 40_000)   # 5/10: 80 % of the last 7 days
    assert g.max_long_run_m == pytest.approx(0.8 * 40_000 / 4)  # no long run: every run easy


def test_mild_back_pain_holds_the_week():
    g = plan(weeks(STEADY, extra=[pain("2024-02-10", 2)]), date(2024, 2, 11))
    assert g.kind == "hold" and g.max_distance_m == pytest.approx(40_000)
    assert g.max_long_run_m == pytest.approx(16_000)


def test_a_race_from_the_config_is_recovered_from_not_built_on():
    log = weeks(STEADY + [(8, 8, 8, 21.1)])  # Saturday 2024-02-17: a half marathon
    config = config_from_dict({"settings": {"races": ["2024-02-17"]}})
    g = plan(log, date(2024, 2, 18), config)
    # recovery: ceil(21.1 / 1.609) = 14 days; next week starts two days after the race: 50 % + 50 % x 2/14
    # of the four weeks up to it without the race: (40 + 40 + 40 + 24) / 4 = 36 km
    share = 0.5 + 0.5 * 2 / 14
    assert g.kind == "recover"
    assert g.max_distance_m == pytest.approx(share * 36_000)
    assert g.max_long_run_m == pytest.approx(share * 36_000 / 4)  # no long run while recovering
    assert any("race on 2024-02-17" in line for line in g.explanation)
    plain = plan(log, date(2024, 2, 18))  # unmarked, the same run is a high spike: the plan steps back
    assert plain.kind == "step back"


def test_after_a_break_the_return_plan_sets_the_week():
    g = plan(weeks(STEADY), date(2024, 3, 3))  # last run Sun 11 Feb: 21 days without running
    assert g.kind == "return"
    assert g.max_distance_m == pytest.approx(20_000)   # 50 % of 40 km
    assert g.max_long_run_m == pytest.approx(8_000)    # 50 % of the 16 km long run
