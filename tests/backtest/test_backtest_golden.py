"""Golden cases of the personal backtest (riskcheck.backtest) on hand-made logs: an episode
preceded by a spike, one preceded by nothing, what starts a new episode, and the small-number
verdicts."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from riskcheck.assess import assess
from riskcheck.diary import empty_diary
from riskcheck.load.from_log import activities_from_log

STEADY = {"date": "2024-01-01", "until": "2024-02-25", "every_days": 2, "distance_km": 5}


def diary(*rows: dict) -> pd.DataFrame:
    frame = pd.DataFrame([{"back_pain": float("nan"), "injury": False, **r} for r in rows])
    frame["date"] = pd.to_datetime(frame["date"])
    return pd.concat([empty_diary(), frame], ignore_index=True).astype({"injury": bool})


def backtest(log, today, pain_diary=None):
    return assess(activities_from_log(log), today=today, diary=pain_diary).backtest


def test_an_episode_preceded_by_a_spike_lists_it_in_every_window():
    # 5 km every other day, then 12 km on 02-27 (RC01: 140 % over the 30-day longest, high);
    # back pain 6/10 noted on 03-02, four days later (2024 is a leap year)
    b = backtest([STEADY, {"date": "2024-02-27", "distance_km": 12}, {"date": "2024-03-02", "distance_km": 3,
                                                                     "back_pain": 6}], date(2024, 3, 10))
    assert b.episodes[["start", "kind", "peak_pain"]].values.tolist() == [[pd.Timestamp("2024-03-02"), "back pain", 6.0]]
    assert b.episodes[["alerts_7d", "alerts_14d", "alerts_28d"]].values.tolist() == [["RC01", "RC01", "RC01"]]
    rc01 = b.by_rule.set_index("rule_id").loc["RC01"]
    assert (rc01["episodes_preceded"], rc01["median_lead_days"]) == (1, 4.0)
    # its alert has no 28 days of log after it yet: not judged
    assert (rc01["alerts"], rc01["judged_alerts"]) == (1, 0)
    assert b.verdict.startswith("Too few episodes to judge: 1 in the log, at least 5")


def test_an_episode_preceded_by_nothing_has_empty_windows():
    b = backtest([STEADY, {"date": "2024-02-24", "distance_km": 5, "back_pain": 5}], date(2024, 2, 25))
    assert b.episodes["start"].tolist() == [pd.Timestamp("2024-02-24")]
    assert b.episodes[["alerts_7d", "alerts_14d", "alerts_28d"]].values.tolist() == [["", "", ""]]
    # the pain itself corroborates RC02's note of that day into an alert: it is not "before"
    assert b.by_rule["episodes_preceded"].sum() == 0


def test_episodes_need_a_pain_free_stretch_and_injuries_count():
    # 4/10 on 02-01 and again on 02-10 (9 days later: the same episode); 02-29 is 19 days after
    # the last: a new one; mild 3/10 on 02-20 is below the score; an injury on 03-20 starts a third
    pains = diary({"date": "2024-02-01", "back_pain": 4}, {"date": "2024-02-10", "back_pain": 5},
                  {"date": "2024-02-20", "back_pain": 3}, {"date": "2024-02-29", "back_pain": 4},
                  {"date": "2024-03-20", "injury": True, "days_lost": 5})
    b = backtest([{**STEADY, "until": "2024-03-31"}], date(2024, 3, 31), pains)
    assert b.episodes[["start", "kind"]].values.tolist() == [
        [pd.Timestamp("2024-02-01"), "back pain"], [pd.Timestamp("2024-02-29"), "back pain"],
        [pd.Timestamp("2024-03-20"), "injury"]]


def test_a_log_without_pain_or_injury_has_no_backtest():
    assert backtest([STEADY], date(2024, 2, 25)) is None


def test_followed_share_with_a_wilson_interval():
    # a spike on 02-06 (10 km after 5 km runs: RC01 high), back pain on 02-12: 1 of 1 followed.
    # Wilson 95 % for 1 of 1, z = 1.96: (1 + z^2/2 -/+ z sqrt(z^2/4)) / (1 + z^2) = 0.2065 to 1
    b = backtest([{**STEADY, "until": "2024-03-31"}, {"date": "2024-02-06", "distance_km": 10},
                  {"date": "2024-02-12", "distance_km": 3, "back_pain": 6}], date(2024, 3, 31))
    rc01 = b.by_rule.set_index("rule_id").loc["RC01"]
    assert (rc01["judged_alerts"], rc01["followed"]) == (1, 1)
    assert (rc01["share_low"], rc01["share_high"]) == pytest.approx((0.2065, 1.0), abs=1e-4)
    assert any("Too few alerts to judge" in line for line in b.lines)
