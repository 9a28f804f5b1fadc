"""The evidence policy: how loud a finding may be, given what the running evidence says
about its rule. One place decides it; docs/guidance.md explains it; the config changes it.

- A finding of a rule that needs corroboration (the config's `corroborate`: evidence levels
  or rule ids; by default every weak-evidence rule, among them the week-over-week jump and
  the acute:chronic ratio, whose link to injury in runners was null or negative in the
  largest cohort) keeps its caution only when, on its day or in the `corroboration_days`
  before, a rule that stands on its own found caution or high, or back pain of
  BACK_PAIN_SCORE or more was logged. Otherwise it is shown as a note (info), with the reason.
  Later days never count, so a finding's level never depends on what came after it.
- A finding whose runs include a race is about the race, which the runner chose: it is a
  note, and the guidance plans the recovery.

The rule's own level stays in `rule_severity`; `policy` says what the policy did and why;
`corroborated_by` names the row of the finding that kept a weak one at its level (-1: none,
or back pain), so the alerts can show it as part of that finding's alert.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from riskcheck.assess.pain import BACK_PAIN_SCORE
from riskcheck.settings import RiskConfig


def needs_corroboration(findings: pd.DataFrame, config: RiskConfig) -> pd.Series:
    return findings["evidence"].isin(config.corroborate) | findings["rule_id"].isin(config.corroborate)


def apply_evidence_policy(findings: pd.DataFrame, pain: pd.Series, races: pd.DataFrame,
                          config: RiskConfig) -> pd.DataFrame:
    """`findings` as the rules raised them; `pain`: highest back-pain score per day;
    `races`: the race runs (riskcheck.assess.races.race_runs)."""
    out = findings.copy()
    out["rule_severity"] = out["severity"]
    out["policy"] = ""
    out["corroborated_by"] = -1  # the row of the finding that kept this one at its level
    if out.empty:
        return out
    raised = out["severity"] != "info"
    race_of = dict(zip(races["activity_id"].astype(str), races["local_date"]))
    in_race = out["activity_ids"].map(lambda ids: _race_day(ids, race_of))
    is_race = raised & in_race.notna()
    out.loc[is_race, "policy"] = [f"includes the race on {day:%Y-%m-%d}: a race is planned, not an overload"
                                  for day in in_race[is_race]]
    weak = raised & ~is_race & needs_corroboration(out, config)
    standalone = out[raised & ~is_race & ~weak]
    span = pd.Timedelta(days=config.corroboration_days)
    by_rule = _latest_within(standalone["date"], out.loc[weak, "date"], span)
    marked_pain = pain[pain >= BACK_PAIN_SCORE]
    by_pain = _latest_within(pd.Series(marked_pain.index, index=marked_pain.index), out.loc[weak, "date"], span)
    notes = []
    for i in out.index[weak]:
        if by_rule[i] is not None:
            row = standalone.loc[by_rule[i]]
            notes.append(f"kept at {out.at[i, 'severity']}: {row['rule_id']} found {row['severity']} "
                         f"on {row['date']:%Y-%m-%d}")
            out.at[i, "corroborated_by"] = by_rule[i]
        elif by_pain[i] is not None:
            day = pd.Timestamp(by_pain[i])
            notes.append(f"kept at {out.at[i, 'severity']}: back pain {pain[day]:.0f}/10 on {day:%Y-%m-%d}")
        else:
            notes.append("")
    out.loc[weak, "policy"] = notes
    quiet = weak & (out["policy"] == "")
    out.loc[quiet, "policy"] = out.loc[quiet, "evidence"].astype(str) + (
        f" evidence on its own (no stronger finding or back pain on its day or in the "
        f"{config.corroboration_days} days before): a note")
    out.loc[quiet | is_race, "severity"] = "info"
    return out


def _race_day(ids: str, race_of: dict) -> pd.Timestamp | None:
    days = [race_of[i] for i in ids.split(",") if i in race_of]
    return max(days) if days else None


def _latest_within(events: pd.Series, days: pd.Series, span: pd.Timedelta) -> dict:
    """For each of `days` (index -> date): the index label of the latest event on a date from
    day - span to day, or None. `events`: index label -> date."""
    if events.empty:
        return {i: None for i in days.index}
    order = np.argsort(events.to_numpy(), kind="stable")
    dates, labels = events.to_numpy()[order], events.index.to_numpy()[order]
    at = np.searchsorted(dates, days.to_numpy(), side="right") - 1
    return {i: labels[k] if k >= 0 and dates[k] >= d - span else None
            for i, d, k in zip(days.index, days.to_numpy(), at)}
