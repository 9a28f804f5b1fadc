"""TOML config: per-athlete thresholds over the shared ones over the defaults; every
unknown key is an error that names it; rules_table lists every rule's thresholds."""

from __future__ import annotations

import dataclasses

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
