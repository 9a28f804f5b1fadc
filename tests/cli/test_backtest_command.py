"""`riskcheck backtest`: the personal backtest in the terminal, as JSON and as CSV."""

from __future__ import annotations

import csv
import io
import json

from cli_support import DIARY, FORMATS_FOLDER, invoke


def test_text_names_the_episode_the_rule_before_it_and_the_small_numbers():
    result = invoke("backtest", *DIARY, "-q")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("Did the alerts come before your pain?")
    assert "Too few episodes to judge: 1 in the log" in out
    assert "2025-06-11 back pain      6/10                 RC01" in out
    assert "RC01 Single-run spike: 1 of 1 alerts were followed" in out


def test_json_is_the_backtest_record():
    result = invoke("backtest", *DIARY, "-q", "--format", "json")
    data = json.loads(result.output)
    assert [e["start"] for e in data["episodes"]] == ["2025-06-11"]
    assert data["rules"][0]["rule_id"] == "RC01" and data["rules"][0]["episodes_preceded"] == 1


def test_csv_prints_the_episodes():
    rows = list(csv.DictReader(io.StringIO(invoke("backtest", *DIARY, "-q", "--format", "csv").output)))
    assert [(r["start"], r["alerts_28d"]) for r in rows] == [("2025-06-11", "RC01")]


def test_a_log_without_pain_says_what_to_do():
    result = invoke("backtest", *FORMATS_FOLDER, "-q")
    assert result.exit_code == 0
    assert "notes no back pain and no injury" in result.output and "riskcheck diary add" in result.output
    assert json.loads(invoke("backtest", *FORMATS_FOLDER, "-q", "--format", "json").output) is None
