"""Back pain as the log records it: the highest score per day, and the scores at which
riskcheck's guidance changes.

The seed guidance asks runners to ease off while back pain is acute and to have it assessed
when it is severe or does not ease after a few days; these scores and spans put that advice
into numbers (riskcheck's choice, documented in docs/guidance.md)."""

from __future__ import annotations

import pandas as pd

BACK_PAIN_SCORE = 4.0     # 4/10 and above: pain that changes the plan and corroborates weak rules
SEVERE_PAIN_SCORE = 7.0   # 7/10 and above: severe, stop the plan and have it assessed
PERSISTENT_DAYS = 14      # pain at BACK_PAIN_SCORE still logged this long after it began: not easing


def daily_back_pain(activities: pd.DataFrame, diary: pd.DataFrame | None = None) -> pd.Series:
    """Highest back-pain score per local date (index), from the activities' back_pain column
    and the diary's (riskcheck.diary), days without a score left out."""
    scores = activities[["local_date", "back_pain"]].rename(columns={"local_date": "date"})
    if diary is not None and len(diary):
        scores = pd.concat([scores, diary[["date", "back_pain"]]], ignore_index=True)
    pain = scores.groupby("date")["back_pain"].max().dropna()
    return pain.rename_axis("local_date").astype(float)


def pain_between(pain: pd.Series, start: pd.Timestamp, end: pd.Timestamp) -> pd.Series:
    return pain[(pain.index >= start) & (pain.index <= end)]


def warning_sign(pain: pd.Series, as_of: pd.Timestamp) -> str | None:
    """Why the plan stops, if the pain logged calls for a professional first: severe pain in
    the last 7 days, or pain that has not eased in PERSISTENT_DAYS."""
    week = pain_between(pain, as_of - pd.Timedelta(days=6), as_of)
    if (week >= SEVERE_PAIN_SCORE).any():
        day = week[week >= SEVERE_PAIN_SCORE].index[-1]
        return f"back pain of {week.max():.0f}/10 on {day:%Y-%m-%d} is severe"
    marked = pain_between(pain, as_of - pd.Timedelta(days=27), as_of)
    marked = marked[marked >= BACK_PAIN_SCORE]
    if len(marked) and marked.index[-1] >= as_of - pd.Timedelta(days=6):
        # the stretch of pain that is still going on: no pain-free week inside it
        gaps = marked.index.to_series().diff() > pd.Timedelta(days=7)
        since = marked.index[gaps.cumsum() == gaps.sum()][0]
        if (marked.index[-1] - since).days >= PERSISTENT_DAYS:
            return (f"back pain of {BACK_PAIN_SCORE:.0f}/10 or more has been logged from {since:%Y-%m-%d} to "
                    f"{marked.index[-1]:%Y-%m-%d} without easing")
    return None
