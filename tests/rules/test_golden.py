"""Golden cases: every rule's data file under golden/ holds logs that must raise each of its
severity levels and logs that must not. One parametrized test runs them all. They pin what
the rule itself finds (rule_severity); what the evidence policy makes of it is pinned in
tests/assess/test_evidence_policy.py."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd
import pytest

from riskcheck.assess import assess
from riskcheck.config import config_from_dict
from riskcheck.load import activities_from_log
from riskcheck.rules import RULES, rule_by_key

GOLDEN = Path(__file__).parent / "golden"


def golden_cases():
    for path in sorted(GOLDEN.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in data["case"]:
            yield pytest.param(data["rule"], case, id=f"{path.stem}: {case['name']}")


@pytest.mark.parametrize("rule_id, case", list(golden_cases()))
def test_golden_case(rule_id, case):
    config = config_from_dict(case.get("config", {}))
    today = pd.Timestamp(case["today"]).date() if "today" in case else None
    activities = activities_from_log(case["log"])
    result = assess(activities, config, today)
    found = result.findings[result.findings["rule_id"] == rule_id]
    got = sorted(zip(found["rule_severity"], found["date"].dt.strftime("%Y-%m-%d")))
    want = sorted((e["severity"], e["date"]) for e in case["expect"])
    assert got == want, found[["rule_severity", "date", "message"]].to_string()
    for f in found.itertuples():
        assert pd.notna(f.measured) and pd.notna(f.threshold) and f.unit
        assert f.activity_ids and f.source and f.message and f.why and f.recommendation
        assert f.evidence in ("weak", "moderate", "strong")
        assert set(f.activity_ids.split(",")) <= set(activities["activity_id"])


def test_every_rule_has_golden_cases_for_each_severity_and_for_silence():
    covered: dict[str, set[str]] = {}
    for path in GOLDEN.glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        levels = covered.setdefault(rule_by_key(data["rule"]).id, set())
        for case in data["case"]:
            levels |= {e["severity"] for e in case["expect"]} or {"none"}
    for rule in RULES:
        assert covered.get(rule.id, set()) >= set(rule.severities) | {"none"}, rule.id
