"""Per athlete and day: which rules' alerts are active, and the day's status level.

A rule's alert is active on day d when the rule has a finding at caution or high dated in
(d - window, d] (RiskConfig.status_window_days, 7 by default): the same window the product
uses for the status "now". Findings only look backwards (a rule judges a day from that day
and the ones before it), so one assess() over the whole log gives every day's values, and
nothing dated after d enters day d.

The status level (0 low, 1 moderate, 2 high) is the most severe active alert that day, from
the same severity column as the covariates.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# the status levels of riskcheck.assess.status: moderate for caution, high for high; info
# findings are notes, never alerts
ALERT_RANK = {"caution": 1, "high": 2}


def alert_days(findings: pd.DataFrame, days: pd.DatetimeIndex, rule_ids: list[str], window_days: int,
               severity_column: str = "rule_severity") -> pd.DataFrame:
    """One row per day of `days`: the 0/1 column of each rule in `rule_ids`, `n_alerts` (how many
    rules are active) and `status` (0/1/2)."""
    days = pd.DatetimeIndex(days).normalize().as_unit("ns")
    raised = findings[findings[severity_column].isin(list(ALERT_RANK))] if len(findings) else findings
    # per rule and day the highest alert rank found that day, then a trailing rolling max:
    # a finding on day f is active on days f .. f + window - 1 (days must be consecutive)
    per_day = pd.DataFrame(0, index=days, columns=list(rule_ids), dtype="int64")
    if len(raised):
        ranks = (raised.assign(_rank=raised[severity_column].map(ALERT_RANK),
                               _day=pd.to_datetime(raised["date"]).dt.normalize().astype("datetime64[ns]"))
                 .pivot_table(index="_day", columns="rule_id", values="_rank", aggfunc="max"))
        per_day = ranks.reindex(index=days, columns=list(rule_ids)).fillna(0).astype("int64")
    rank = per_day.rolling(window_days, min_periods=1).max().astype("int64")
    out = (rank > 0).astype("int8")
    out["n_alerts"] = out.sum(axis=1).astype("int64")
    out["status"] = rank.max(axis=1).astype("int64") if len(rule_ids) else 0
    out.index.name = "date"
    return out
