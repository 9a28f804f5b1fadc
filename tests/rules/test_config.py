"""TOML config: per-athlete thresholds over the shared ones over the defaults; every
unknown key is an error that names it; rules_table lists every rule's thresholds."""

from __future__ import annotations

import dataclasses
import re

import pytest

from riskcheck.config import config_from_toml, load_config, rules_table
from riskcheck.errors import ConfigError
from riskcheck.rules import RULES, rule_by_key

TOML = """
[settings]
max_hr_bpm = 190
[thresholds.long-run-spike]
caution_pct = 15
[athletes."ann"]
max_hr_bpm = 182
[athletes."ann".thresholds.RC01]
high_pct = 25
"""


def test_athlete_thresholds_override_shared_ones_and_defaults(tmp_path):
    path = tmp_path / "riskcheck.toml"
    path.write_text(TOML, encoding="utf-8")
    config = load_config(path)
    rc01, rc02 = rule_by_key("RC01"), rule_by_key("RC02")
    assert config.thresholds_for(rc01)["caution_pct"] == 15
    assert config.thresholds_for(rc01)["high_pct"] == rc01.threshold("high_pct").default
    ann = config.for_athlete("ann")
    assert ann.max_hr_bpm == 182 and config.max_hr_bpm == 190
    assert ann.thresholds_for(rc01) == {**config.thresholds_for(rc01), "high_pct": 25}
    assert ann.thresholds_for(rc02) == {t.name: t.default for t in rc02.thresholds}
    assert config.for_athlete("bob") == dataclasses.replace(config, athletes={})  # resolved: no sections left


@pytest.mark.parametrize("text, named", [
    ("[settings]\nmax_hr = 190", "settings.max_hr"),
    ("[thresholds.long-run-spik]\ncaution_pct = 5", "thresholds.long-run-spik"),
    ("[thresholds.RC01]\ncaution = 5", "thresholds.RC01.caution"),
    ("[athletes.ann]\nweek_strat = 'monday'", "athletes.ann.week_strat"),
    ("[athletes.ann.thresholds.RC02]\nweek_pct = 5", "athletes.ann.thresholds.RC02.week_pct"),
    ("[setting]\nmax_hr_bpm = 190", "setting"),
])
def test_unknown_keys_are_errors_that_name_the_key(text, named):
    with pytest.raises(ConfigError, match=named.replace(".", r"\.")):
        config_from_toml(text)


@pytest.mark.parametrize("text", [
    "[settings]\nload_measure = 'kilometres'",
    "[settings]\nmax_hr_bpm = 150\nrest_hr_bpm = 160",
    "[thresholds.RC01]\ncaution_pct = 'ten'",
    "[athletes.ann]\nsex = 'x'",
    "not toml at all [",
])
def test_bad_values_are_config_errors(text):
    with pytest.raises(ConfigError):
        config_from_toml(text)


@pytest.mark.parametrize("text, says", [
    ('[settings]\nmax_hr_bpm = "190"', "max_hr_bpm must be a number from 100 to 250, not '190'"),
    ("[settings]\nmax_hr_bpm = 1900", "max_hr_bpm must be a number from 100 to 250, not 1900"),
    ("[athletes.ann]\nrest_hr_bpm = true", "rest_hr_bpm must be a number"),
    ("[settings]\nstatus_window_days = -3", "status_window_days must be a number from 1 to 365"),
    ("[settings]\nstatus_window_days = 2.5", "status_window_days must be a whole number"),
    ("[settings]\nhigh_intensity_hr_fraction = nan", "high_intensity_hr_fraction must be a number"),
    ("[settings]\nunits = ['km']", "units must be one of"),
    ("[settings]\nweek_start = 1", "week_start must be one of"),
    ("[thresholds.long-run-spike]\nwindow_days = 0", "window_days must be at least 1, not 0"),
    ("[thresholds.RC09]\nplan_weeks = -2", "plan_weeks must be at least 1"),
    ("[thresholds.RC08]\nmin_runs = 2.5", "min_runs counts runs: a whole number"),
    ("[thresholds.RC01]\ncaution_pct = -5", "caution_pct must be at least 0"),
    ("[thresholds.RC01]\ncaution_pct = inf", "caution_pct must be a number, not inf"),
    ("[thresholds.RC01]\ncaution_pct = 40", "caution_pct (40) must be below high_pct (30)"),
    ("[thresholds.RC03]\ninfo_ratio = 1.5", "info_ratio (1.5) must be below caution_ratio (1.5)"),
    ("[thresholds.RC06]\ninfo_min_increase = 500", "info_min_increase (500) must be below caution_min_increase"),
    ("[thresholds.RC04]\nmin_comparable_share = 1.5", "is a share between 0 and 1"),
    # an athlete's own value against the global one it is laid over
    ("[thresholds.RC01]\nhigh_pct = 50\n[athletes.ann.thresholds.RC01]\ncaution_pct = 60",
     "athletes.ann.thresholds.long-run-spike.caution_pct (60) must be below high_pct (50)"),
])
def test_values_out_of_type_or_range_are_errors_that_say_what_is_allowed(text, says):
    with pytest.raises(ConfigError, match=re.escape(says)):
        config_from_toml(text)


def test_values_in_range_at_the_edges_are_accepted():
    config = config_from_toml("[settings]\nmax_hr_bpm = 250\nrest_hr_bpm = 20\nstatus_window_days = 1\n"
                              "[thresholds.RC01]\ncaution_pct = 0\nhigh_pct = 0.5\nwindow_days = 1")
    assert config.thresholds["RC01"] == {"caution_pct": 0.0, "high_pct": 0.5, "window_days": 1.0}


def test_missing_config_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "absent.toml")


def test_rules_table_lists_every_threshold_with_default_value_and_source():
    table = rules_table(config_from_toml(TOML))
    assert list(table["rule_id"].unique()) == [r.id for r in RULES]
    assert len(table) == sum(len(r.thresholds) for r in RULES)
    assert table["source"].str.len().gt(0).all()
    row = table[(table["rule_id"] == "RC01") & (table["threshold"] == "caution_pct")].iloc[0]
    assert (row["default"], row["value"]) == (10, 15)
    weak = set(table.loc[table["evidence"] == "weak", "rule_id"])
    assert {"RC02", "RC03"} <= weak and table.loc[table["rule_id"] == "RC01", "evidence"].eq("strong").all()
