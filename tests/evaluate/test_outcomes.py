"""Injury episodes and the risk set."""

import numpy as np
import pandas as pd

from riskcheck.evaluate.outcomes import episode_starts, normalise_outcomes, risk_and_events


def test_consecutive_injured_days_are_one_episode_and_a_gap_starts_another():
    table = normalise_outcomes(pd.DataFrame({
        "athlete": ["a"] * 5, "date": ["2025-01-10", "2025-01-11", "2025-01-12", "2025-02-01", "2025-02-03"],
        "injury": [True, True, "yes", 1, "true"], "days_lost": [3, np.nan, np.nan, np.nan, 10]}))
    starts = episode_starts(table)
    assert list(starts["date"].dt.strftime("%m-%d")) == ["01-10", "02-01", "02-03"]
    assert starts["injured_days"].tolist() == [3, 1, 1]


def test_days_lost_take_the_athlete_out_of_the_risk_set():
    days = pd.date_range("2025-01-01", "2025-02-28")
    starts = pd.DataFrame({"athlete": ["a", "a", "a"], "date": pd.to_datetime(["2025-01-10", "2025-01-14", "2025-02-01"]),
                           "days_lost": [5, np.nan, np.nan], "injured_days": [1, 1, 1]})
    flags = risk_and_events(days, starts, default_days_lost=7)
    assert flags.loc["2025-01-10", ["event", "at_risk"]].tolist() == [1, True]  # the injury day is at risk
    assert not flags.loc["2025-01-11":"2025-01-15", "at_risk"].any()           # 5 days lost
    assert flags.loc["2025-01-14", "event"] == 0                                 # while out: not a new one
    assert flags.loc["2025-01-16", "at_risk"]
    assert not flags.loc["2025-02-02":"2025-02-08", "at_risk"].any()           # the default 7 days
    assert flags.loc["2025-02-09", "at_risk"] and flags["event"].sum() == 2
