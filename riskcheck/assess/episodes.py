"""Alerts as episodes: the findings of one rule that describe one overload (the same
pattern day after day, or the steps of one build) are one alert, with its first and last
day and its peak. Findings of one rule less than `episode_gap_days` apart belong together;
those at caution or high and the notes (info) chain apart, so a trail of notes never keeps
an old caution current.

Logged back pain makes episodes of its own (rule_id PAIN), chained the same way: days from
BACK_PAIN_SCORE (caution; high from SEVERE_PAIN_SCORE) apart from the milder days (notes).

An episode is current when its last day lies in the status window. Its level is its most
severe finding after the evidence policy; its peak is that finding with the largest value.

An alert is an episode at caution or high that stands on its own. A weak-evidence episode
kept at caution only by another rule's findings (riskcheck.assess.evidence_policy) describes
the same overload: it is `part_of` that rule's episode, which lists it under `also`, and it
is not counted as an alert of its own. Kept by back pain, it is an alert.
"""

from __future__ import annotations

import pandas as pd

from riskcheck.assess.pain import BACK_PAIN_SCORE, SEVERE_PAIN_SCORE
from riskcheck.rules.base import SEVERITY_RANK
from riskcheck.settings import RiskConfig

EPISODE_COLUMNS = ["episode_id", "athlete", "rule_id", "title", "severity", "evidence", "first_day", "last_day",
                   "findings", "peak_date", "peak_value", "threshold", "unit", "message", "policy", "activity_ids",
                   "part_of", "also", "current", "alert"]
PAIN = "PAIN"
PAIN_EVIDENCE = "logged"  # what the runner wrote down, not a research finding


def episodes_frame(findings: pd.DataFrame, pain: pd.Series, config: RiskConfig, as_of: pd.Timestamp,
                   athlete: str = "") -> pd.DataFrame:
    """`findings` after the evidence policy; `pain`: highest back-pain score per day."""
    frame = _rule_episodes(findings, config.episode_gap_days)
    pain_rows = [_pain_episode(days, athlete) for days in _pain_stretches(pain, config.episode_gap_days)]
    if pain_rows:
        frame = pd.concat([frame, pd.DataFrame(pain_rows)], ignore_index=True)
    frame = frame.reindex(columns=EPISODE_COLUMNS[:-2])
    for col in ("first_day", "last_day", "peak_date"):
        frame[col] = pd.to_datetime(frame[col]).astype("datetime64[ns]")
    frame["findings"] = frame["findings"].astype(int)
    frame["current"] = frame["last_day"] >= as_of - pd.Timedelta(days=config.status_window_days - 1)
    frame["alert"] = (frame["severity"] != "info") & (frame["part_of"] == "")
    return sort_episodes(frame)


def sort_episodes(episodes: pd.DataFrame) -> pd.DataFrame:
    """Most severe first, then most recent."""
    rank = episodes["severity"].map(SEVERITY_RANK)
    return (episodes.assign(_rank=rank).sort_values(["_rank", "last_day", "rule_id"], ascending=[False, False, True],
                                                    kind="stable")
            .drop(columns="_rank").reset_index(drop=True))


def _rule_episodes(findings: pd.DataFrame, gap_days: int) -> pd.DataFrame:
    """One row per chain of one rule's findings, raised and notes apart, in chain order."""
    if findings.empty:
        return pd.DataFrame(columns=EPISODE_COLUMNS[:-2])
    raised = findings["severity"] != "info"
    ordered = findings.assign(_raised=raised, _rank=findings["severity"].map(SEVERITY_RANK)).sort_values(
        ["rule_id", "_raised", "date"], kind="stable")
    new = ((ordered["rule_id"] != ordered["rule_id"].shift()) | (ordered["_raised"] != ordered["_raised"].shift())
           | (ordered["date"].diff() >= pd.Timedelta(days=gap_days)))
    ordered["_episode"] = new.cumsum() - 1
    by = ordered.groupby("_episode", sort=True)
    # the peak: the most severe finding, the largest value among those, the last on a tie
    peak = (ordered.assign(_value=ordered["measured"].fillna(-float("inf")))
            .sort_values(["_episode", "_rank", "_value"], kind="stable").groupby("_episode").tail(1)
            .set_index("_episode").sort_index())
    first = by["date"].min()
    out = pd.DataFrame({
        "episode_id": peak["rule_id"] + "-" + first.dt.strftime("%Y-%m-%d"),
        "athlete": peak["athlete"], "rule_id": peak["rule_id"], "title": peak["title"],
        "severity": peak["severity"], "evidence": peak["evidence"], "first_day": first,
        "last_day": by["date"].max(), "findings": by.size(), "peak_date": peak["date"],
        "peak_value": peak["measured"].astype(float), "threshold": peak["threshold"].astype(float),
        "unit": peak["unit"], "message": peak["message"],
        "policy": peak["policy"] if "policy" in peak else "",
        "activity_ids": by["activity_ids"].agg(lambda ids: ",".join(dict.fromkeys(
            i for joined in ids for i in joined.split(",") if i))),
        "part_of": "", "also": ""})
    if "corroborated_by" in ordered:
        _link_supporting(out, ordered)
    return out.reset_index(drop=True)


def _link_supporting(episodes: pd.DataFrame, ordered: pd.DataFrame) -> None:
    """part_of / also between a weak episode kept at caution by another rule and that rule's episode."""
    raised = ordered[ordered["severity"] != "info"]
    kept = raised.groupby("_episode")["corroborated_by"]
    supporting = kept.min()[kept.min() >= 0].index  # every raised finding kept by another rule
    episode_of = ordered["_episode"]
    for n in supporting:
        main = episode_of[kept.last()[n]]
        episodes.at[n, "part_of"] = episodes.at[main, "episode_id"]
        names = [*filter(None, episodes.at[main, "also"].split("; ")),
                 f"{episodes.at[n, 'rule_id']} {episodes.at[n, 'title']}"]
        episodes.at[main, "also"] = "; ".join(dict.fromkeys(names))


def _pain_stretches(pain: pd.Series, gap_days: int) -> list[pd.Series]:
    logged = pain[pain > 0].sort_index()
    stretches = []
    for days in (logged[logged >= BACK_PAIN_SCORE], logged[logged < BACK_PAIN_SCORE]):
        new = days.index.to_series().diff() >= pd.Timedelta(days=gap_days)
        stretches += [stretch for _, stretch in days.groupby(new.cumsum().to_numpy())]
    return stretches


def _pain_episode(days: pd.Series, athlete: str) -> dict:
    top = float(days.max())
    severity = "high" if top >= SEVERE_PAIN_SCORE else "caution" if top >= BACK_PAIN_SCORE else "info"
    span = (f"on {days.index[0]:%Y-%m-%d}" if len(days) == 1
            else f"on {len(days)} days from {days.index[0]:%Y-%m-%d} to {days.index[-1]:%Y-%m-%d}")
    return {"episode_id": f"{PAIN}-{days.index[0]:%Y-%m-%d}", "athlete": athlete, "rule_id": PAIN, "title": "Back pain logged", "severity": severity,
            "evidence": PAIN_EVIDENCE, "first_day": days.index[0], "last_day": days.index[-1],
            "findings": len(days), "peak_date": days.idxmax(), "peak_value": top,
            "threshold": SEVERE_PAIN_SCORE if severity == "high" else BACK_PAIN_SCORE, "unit": "/10",
            "message": f"Back pain up to {top:.0f}/10 logged {span}.", "policy": "", "activity_ids": "",
            "part_of": "", "also": ""}
