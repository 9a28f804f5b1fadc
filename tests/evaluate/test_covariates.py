"""Active alerts per day: a finding at caution or high counts on its day and the window-1
days after it, never before it; info findings never count."""

import pandas as pd

from riskcheck.evaluate.covariates import alert_days


def _findings(rows):
    return pd.DataFrame(rows, columns=["rule_id", "date", "rule_severity", "severity"]).assign(
        date=lambda f: pd.to_datetime(f["date"]))


def test_a_finding_is_active_from_its_day_for_the_window_and_not_before():
    days = pd.date_range("2025-03-01", "2025-03-20")
    found = _findings([("RC01", "2025-03-05", "caution", "caution")])
    out = alert_days(found, days, ["RC01", "RC02"], 7)
    active = out.index[out["RC01"] == 1]
    assert list(active) == list(pd.date_range("2025-03-05", "2025-03-11"))
    assert out["RC02"].sum() == 0
    assert out.loc["2025-03-04", "status"] == 0 and out.loc["2025-03-05", "status"] == 1


def test_status_is_the_most_severe_active_alert_and_info_is_no_alert():
    days = pd.date_range("2025-03-01", "2025-03-20")
    found = _findings([("RC01", "2025-03-02", "caution", "caution"), ("RC03", "2025-03-04", "high", "info"),
                       ("RC02", "2025-03-04", "info", "info")])
    out = alert_days(found, days, ["RC01", "RC02", "RC03"], 7)
    assert out.loc["2025-03-04", ["RC01", "RC02", "RC03", "n_alerts", "status"]].tolist() == [1, 0, 1, 2, 2]
    assert out.loc["2025-03-09", ["RC01", "status"]].tolist() == [0, 2]  # RC01 ran 2-8; RC03 runs 4-10
    assert out.loc["2025-03-11", "status"] == 0
    policy = alert_days(found, days, ["RC01", "RC02", "RC03"], 7, "severity")
    assert policy["RC03"].sum() == 0 and policy["status"].max() == 1


def test_later_findings_never_change_earlier_days():
    days = pd.date_range("2025-03-01", "2025-03-31")
    early = _findings([("RC01", "2025-03-05", "caution", "caution")])
    late = _findings([("RC01", "2025-03-05", "caution", "caution"), ("RC01", "2025-03-20", "high", "high")])
    a, b = alert_days(early, days, ["RC01"], 7), alert_days(late, days, ["RC01"], 7)
    pd.testing.assert_frame_equal(a.loc[:"2025-03-19"], b.loc[:"2025-03-19"])
