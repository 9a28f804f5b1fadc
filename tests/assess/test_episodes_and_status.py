"""Alerts as episodes and the one status model, golden cases: a build of spikes is one alert
with its first and last day and its peak; spikes further apart are two; alert and note
chains and back-pain stretches are apart; the status is the most severe current alert and
names it first."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from logs import pain, weeks
from riskcheck import assess
from riskcheck.config import config_from_dict

BASE = [(6, 6, 8)] * 4


def alerts(a) -> pd.DataFrame:
    return a.episodes[a.episodes["alert"]]


def test_a_build_of_weekly_spikes_is_one_alert_at_its_peak():
    # long runs 10, 14, 18 km on three Fridays: +25 %, +40 %, +29 % over the 30-day longest
    a = assess(weeks(BASE + [(5, 5, 10), (7, 7, 14), (9, 9, 18)]), today=date(2024, 2, 18))
    spike = alerts(a).set_index("rule_id").loc["RC01"]
    assert (spike["first_day"], spike["last_day"], spike["peak_date"]) == (
        pd.Timestamp("2024-02-02"), pd.Timestamp("2024-02-16"), pd.Timestamp("2024-02-09"))
    assert (spike["severity"], spike["findings"], round(spike["peak_value"])) == ("high", 3, 40)
    assert spike["current"] and len(alerts(a)) == 1
    assert a.status.level == "high" and a.status.reasons[0].startswith("RC01 Single-run spike (high")


def test_spikes_further_apart_than_the_gap_are_two_alerts_unless_the_gap_is_wider():
    log = weeks(BASE + [(5, 5, 10), (6, 6, 6), (7, 7, 12)])  # spikes on 2 Feb and 16 Feb
    assert alerts(assess(log, today=date(2024, 2, 18)))["rule_id"].tolist() == ["RC01", "RC01"]
    wide = config_from_dict({"settings": {"episode_gap_days": 15}})
    assert alerts(assess(log, wide, today=date(2024, 2, 18)))["findings"].tolist() == [2]


def test_back_pain_makes_its_own_episodes_alerts_from_4_and_notes_below():
    log = weeks(BASE + [(5, 5)] * 2, extra=[pain("2024-01-30", 6), pain("2024-02-01", 5),
                                           pain("2024-02-05", 2), pain("2024-02-08", 1)])
    a = assess(log, today=date(2024, 2, 9))
    back = a.episodes[a.episodes["rule_id"] == "PAIN"].set_index("severity")
    assert back.loc["caution", "message"] == "Back pain up to 6/10 logged on 2 days from 2024-01-30 to 2024-02-01."
    assert back.loc["info", "message"] == "Back pain up to 2/10 logged on 2 days from 2024-02-05 to 2024-02-08."
    # the 6/10 stretch ended eight days ago: the status is LOW and says what was logged since
    assert a.status.level == "low"
    assert a.status.reasons[1] == "Back pain up to 2/10 logged on 2 days from 2024-02-05 to 2024-02-08."


def test_severe_back_pain_is_the_first_reason_and_stops_the_plan():
    a = assess(weeks(BASE, extra=[pain("2024-01-27", 8)]), today=date(2024, 1, 28))
    assert a.status.level == "high"
    assert a.status.reasons[0] == "Back pain logged (high): Back pain up to 8/10 logged on 2024-01-27."
    g = a.guidance
    assert g.kind == "stopped" and np.isnan(g.max_distance_m) and np.isnan(g.max_long_run_m)
    assert "doctor or physiotherapist" in g.explanation[0]


def test_the_status_level_and_first_reason_come_from_the_same_alert():
    for plan, today in ((BASE + [(5, 5, 10), (7, 7, 14), (9, 9, 18)], date(2024, 2, 18)),
                        (BASE + [(6, 6, 6, 6, 6)], date(2024, 2, 4))):
        a = assess(weeks(plan), today=today)
        current = alerts(a)[alerts(a)["current"]]
        level = {"high": "high", "caution": "moderate"}.get(current["severity"].iloc[0], "low") if len(current) else "low"
        assert a.status.level == level
        if len(current):
            assert a.status.reasons[0].startswith(f"{current['rule_id'].iloc[0]} {current['title'].iloc[0]}")
        else:
            assert a.status.reasons[0].startswith("No risk pattern at caution or above")
