"""Finding messages speak the athlete's units; the numeric columns stay the same."""

from __future__ import annotations

import pandas as pd

from riskcheck import RiskConfig, assess, config_from_toml
from riskcheck.load.from_log import activities_from_log


def _spiky_log():
    easy = [{"date": d, "distance_km": 8.0} for d in pd.date_range("2024-01-01", "2024-02-20", freq="3D")]
    return activities_from_log(easy + [{"date": "2024-02-22", "distance_km": 12.0}])


def test_miles_config_turns_message_distances_into_miles():
    log = _spiky_log()
    in_km = assess(log).findings.set_index("rule_id").loc[["RC01"]]
    in_mi = assess(log, RiskConfig(units="mi")).findings.set_index("rule_id").loc[["RC01"]]
    assert "12.0 km" in in_km["message"].iloc[0] and "8.0 km" in in_km["message"].iloc[0]
    assert "7.5 mi" in in_mi["message"].iloc[0] and "5.0 mi" in in_mi["message"].iloc[0]
    assert "km" not in in_mi["message"].iloc[0]
    pd.testing.assert_series_equal(in_km["measured"], in_mi["measured"])


def test_units_do_not_leak_out_of_assess():
    assess(_spiky_log(), RiskConfig(units="mi"))
    assert "km" in assess(_spiky_log()).findings["message"].iloc[0]


def test_a_setting_made_after_resolving_the_athlete_is_kept():
    config = config_from_toml('[athletes."Ann"]\nunits = "mi"\n')
    resolved = config.for_athlete("Ann")
    assert resolved.units == "mi" and resolved.athletes == {}
    from dataclasses import replace
    assert replace(resolved, units="km").for_athlete("Ann").units == "km"
