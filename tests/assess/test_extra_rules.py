"""assess(..., extra_rules=[...]): a rule of one's own is evaluated with the built-in ones."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from riskcheck import RiskcheckError, RiskConfig, assess, assess_all
from riskcheck.load import activities_from_log
from riskcheck.rules import RULES, Finding, Rule, Threshold


def _long_runs(tables, t) -> list[Finding]:
    runs = tables.runs[tables.runs["distance_m"] > t["max_km"] * 1000]
    return [Finding(date=r.local_date, severity="high", measured=r.distance_m / 1000, threshold=t["max_km"],
                    unit="km", message=f"a run of {r.distance_m / 1000:.1f} km", activity_ids=(r.activity_id,))
            for r in runs.itertuples()]


LONG_RUN = Rule(
    id="X01", slug="any-long-run", title="Any long run", looks_at="each run's distance",
    why="a test rule", evidence="strong", source="test", recommendation="run shorter",
    recommendation_ids=("progress-gradually",), severities=("high",),
    thresholds=(Threshold("max_km", 8.2, "km", "longest run allowed", "test"),), check=_long_runs)

# Six steady weeks of 8 km runs, then 8.5 km on the last day: too little for any built-in rule.
LOG = activities_from_log([
    {"date": "2024-01-01", "distance_km": 8, "every_days": 2, "until": "2024-02-10"},
    {"date": "2024-02-11", "distance_km": 8.5, "activity_id": "long"},
])


def _without(findings: pd.DataFrame, rule_id: str) -> pd.DataFrame:
    return findings[findings["rule_id"] != rule_id].reset_index(drop=True)


def test_extra_rule_findings_join_the_built_in_ones():
    plain = assess(LOG)
    extended = assess(LOG, extra_rules=[LONG_RUN])
    own = extended.findings[extended.findings["rule_id"] == "X01"]
    assert own[["date", "measured", "threshold", "activity_ids"]].values.tolist() == [
        [pd.Timestamp("2024-02-11"), 8.5, 8.2, "long"]]
    assert own["evidence"].tolist() == ["strong"] and own["title"].tolist() == ["Any long run"]
    # what the built-in rules find is unchanged; the evidence policy may keep a weak finding
    # at caution now that a strong one stands beside it
    policy = ["severity", "policy", "corroborated_by"]
    pd.testing.assert_frame_equal(_without(extended.findings, "X01").drop(columns=policy),
                                  plain.findings.drop(columns=policy))
    assert [r.id for r in extended.rules] == [r.id for r in RULES] + ["X01"]


def test_extra_rule_counts_towards_status_and_recommendations():
    # high (2 points) x strong evidence (2) = 4 points: status 'high' on its own
    assert assess(LOG).status.level == "low"
    status = assess(LOG, extra_rules=[LONG_RUN]).status
    assert status.level == "high"
    assert status.reasons[0].startswith("X01 Any long run (high, strong evidence; on 2024-02-11)")
    recs = assess(LOG, extra_rules=[LONG_RUN]).recommendations
    assert recs[0].id == "progress-gradually" and "X01" in recs[0].triggered_by


def test_config_overrides_an_extra_rules_threshold():
    config = RiskConfig(thresholds={"X01": {"max_km": 8.5}})
    findings = assess(LOG, config, extra_rules=[LONG_RUN]).findings
    assert "X01" not in set(findings["rule_id"])


def test_assess_all_passes_extra_rules_to_every_athlete():
    two = pd.concat([LOG.assign(athlete="a"), LOG.assign(athlete="b")], ignore_index=True)
    for a in assess_all(two, extra_rules=[LONG_RUN]).values():
        assert (a.findings["rule_id"] == "X01").sum() == 1


def test_an_id_used_twice_is_refused():
    with pytest.raises(RiskcheckError, match="RC01"):
        assess(LOG, extra_rules=[dataclasses.replace(LONG_RUN, id="RC01")])


def test_an_unknown_recommendation_is_refused():
    with pytest.raises(RiskcheckError, match="no-such-advice"):
        assess(LOG, extra_rules=[dataclasses.replace(LONG_RUN, recommendation_ids=("no-such-advice",))])
