"""The evidence policy, golden cases: a weak-evidence finding is a note on its own, keeps its
caution with a stronger finding or back pain in the days before it, never with what came
after; a finding about a race is a note; the config changes what needs corroboration."""

from __future__ import annotations

from datetime import date

import pandas as pd

from logs import FLAT_JUMP, JUMP_WEEK, pain, weeks
from riskcheck import assess
from riskcheck.config import config_from_dict

TODAY = date(2024, 2, 4)


def jump(assessment) -> pd.Series:
    f = assessment.findings
    rows = f[(f["rule_id"] == "RC02") & (f["week_start"] == JUMP_WEEK)]
    assert len(rows) == 1, f[["rule_id", "date", "rule_severity"]]
    return rows.iloc[0]


def test_a_weekly_jump_on_its_own_is_a_note():
    a = assess(weeks(FLAT_JUMP), today=TODAY)
    row = jump(a)
    assert (row["rule_severity"], row["severity"]) == ("caution", "info")
    assert row["policy"].startswith("weak evidence on its own")
    assert a.status.level == "low" and not a.episodes["alert"].any()


def test_back_pain_in_the_days_before_keeps_the_caution():
    a = assess(weeks(FLAT_JUMP, extra=[pain("2024-01-30", 5)]), today=TODAY)
    row = jump(a)
    assert row["severity"] == "caution"
    assert row["policy"] == "kept at caution: back pain 5/10 on 2024-01-30"


def test_back_pain_after_the_finding_does_not_change_it():
    log = weeks(FLAT_JUMP, extra=[pain("2024-02-06", 5)])
    a = assess(log, today=date(2024, 2, 7))
    row = jump(a)
    assert row["date"] == pd.Timestamp("2024-02-04") and row["severity"] == "info"
    assert a.status.reasons[0].startswith("Back pain logged (caution)")  # the pain itself is the alert


def test_a_strong_finding_in_the_days_before_keeps_the_caution():
    spiky = FLAT_JUMP[:-1] + [(6, 6, 6, 12)]  # the 12 km run is 50 % over the 8 km longest
    a = assess(weeks(spiky), today=TODAY)
    row = jump(a)
    assert row["severity"] == "caution" and row["policy"].startswith("kept at caution: RC01 found high")


def test_the_config_decides_what_needs_corroboration():
    config = config_from_dict({"settings": {"corroborate": []}})
    row = jump(assess(weeks(FLAT_JUMP), config, today=TODAY))
    assert (row["severity"], row["policy"]) == ("caution", "")
    by_rule = config_from_dict({"settings": {"corroborate": ["weekly-distance-jump"]}})
    assert by_rule.corroborate == ("RC02",)
    assert jump(assess(weeks(FLAT_JUMP), by_rule, today=TODAY))["severity"] == "info"


def test_a_spike_that_is_a_race_is_a_note_about_the_race():
    log = weeks([(6, 6, 8)] * 4 + [(5, 5, 21.1)])
    log.loc[log["distance_m"] == 21_100, "race"] = True
    a = assess(log, today=TODAY)
    f = a.findings[a.findings["rule_id"] == "RC01"]
    assert f["rule_severity"].tolist() == ["high"] and f["severity"].tolist() == ["info"]
    assert f["policy"].iloc[0] == "includes the race on 2024-02-02: a race is planned, not an overload"
    assert a.status.level == "low"
