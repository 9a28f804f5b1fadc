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
from riskcheck.settings import RiskConfig

EPISODE_COLUMNS = ["episode_id", "athlete", "rule_id", "title", "severity", "evidence", "first_day", "last_day",
                   "findings", "peak_date", "peak_value", "threshold", "unit", "message", "policy", "activity_ids",
                   "part_of", "also", "current", "alert"]
SEVERITY_RANK = {"info": 0, "caution": 1, "high": 2}
PAIN = "PAIN"
PAIN_EVIDENCE = "logged"  # what the runner wrote down, not a research finding


def episodes_frame(findings: pd.DataFrame, pain: pd.Series, config: RiskConfig, as_of: pd.Timestamp,
                   athlete: str = "") -> pd.DataFrame:
    """`findings` after the evidence policy; `pain`: highest back-pain score per day."""
    groups = [group for _, group in _grouped(findings, config.episode_gap_days)]
    rows = [_episode(group) for group in groups]
    _link_supporting(rows, groups)
    rows += [_pain_episode(days, athlete) for days in _pain_stretches(pain, config.episode_gap_days)]
    frame = pd.DataFrame(rows, columns=EPISODE_COLUMNS[:-2])
    for col in ("first_day", "last_day", "peak_date"):
        frame[col] = pd.to_datetime(frame[col]).astype("datetime64[ns]")
    frame["findings"] = frame["findings"].astype(int)
    frame["current"] = frame["last_day"] >= as_of - pd.Timedelta(days=config.status_window_days - 1)
    frame["alert"] = (frame["severity"] != "info") & (frame["part_of"] == "")
    return sort_episodes(frame)


def _link_supporting(rows: list[dict], groups: list[pd.DataFrame]) -> None:
    """part_of / also between a weak episode kept at caution by another rule and that rule's episode."""
    episode_of = {label: n for n, group in enumerate(groups) for label in group.index}
    for row, group in zip(rows, groups):
        kept = group.loc[group["severity"] != "info", "corroborated_by"] if "corroborated_by" in group else []
        if len(kept) and (kept >= 0).all():
            main = rows[episode_of[kept.iloc[-1]]]
            row["part_of"] = main["episode_id"]
            names = [*filter(None, main["also"].split("; ")), f"{row['rule_id']} {row['title']}"]
            main["also"] = "; ".join(dict.fromkeys(names))


def sort_episodes(episodes: pd.DataFrame) -> pd.DataFrame:
    """Most severe first, then most recent."""
    rank = episodes["severity"].map(SEVERITY_RANK)
    return (episodes.assign(_rank=rank).sort_values(["_rank", "last_day", "rule_id"], ascending=[False, False, True],
                                                    kind="stable")
            .drop(columns="_rank").reset_index(drop=True))


def _grouped(findings: pd.DataFrame, gap_days: int):
    if findings.empty:
        return []
    ordered = findings.assign(_raised=findings["severity"] != "info").sort_values(
        ["rule_id", "_raised", "date"], kind="stable")
    new = ((ordered["rule_id"] != ordered["rule_id"].shift()) | (ordered["_raised"] != ordered["_raised"].shift())
           | (ordered["date"].diff() >= pd.Timedelta(days=gap_days)))
    return ordered.drop(columns="_raised").groupby(new.cumsum(), sort=False)


def _episode(group: pd.DataFrame) -> dict:
    rank = group["severity"].map(SEVERITY_RANK)
    top = group[rank == rank.max()]
    peak = top.loc[top["measured"].idxmax()] if top["measured"].notna().any() else top.iloc[-1]
    ids = dict.fromkeys(i for ids in group["activity_ids"] for i in ids.split(",") if i)
    return {"episode_id": f"{peak['rule_id']}-{group['date'].min():%Y-%m-%d}",
            "athlete": peak["athlete"], "rule_id": peak["rule_id"], "title": peak["title"],
            "severity": peak["severity"], "evidence": peak["evidence"], "first_day": group["date"].min(),
            "last_day": group["date"].max(), "findings": len(group), "peak_date": peak["date"],
            "peak_value": float(peak["measured"]), "threshold": float(peak["threshold"]), "unit": peak["unit"],
            "message": peak["message"], "policy": peak.get("policy", ""), "activity_ids": ",".join(ids),
            "part_of": "", "also": ""}


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
