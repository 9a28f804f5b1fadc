"""A personal backtest: did riskcheck's alerts come before this runner's own pain and injuries?

- A pain episode begins on a day with back pain of at least `pain_episode_score` (or an
  injury noted in the diary) after `pain_free_days` without one (both settings).
- For each episode: the alerts (riskcheck.assess.episodes, caution or high, standing on their
  own) of the LOOKBACK_DAYS before it.
- For each rule: of its alerts with FOLLOW_UP_DAYS of log after them, how many were followed by
  an episode within FOLLOW_UP_DAYS (with a Wilson 95 % interval), against the share of all days
  followed by one (the base rate, what an alert has to beat); how many episodes it preceded;
  and the median lead time from the alert's first day to the episode.

One runner's log holds few episodes, so the numbers say how often something happened and
never that a rule works: below MIN_EPISODES episodes the verdict is "too few to judge", and
below MIN_ALERTS alerts a rule's share is given without a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

LOOKBACK_DAYS = (7, 14, 28)
FOLLOW_UP_DAYS = 28
MIN_EPISODES = 5   # riskcheck's choice: fewer episodes cannot tell a pattern from chance
MIN_ALERTS = 5
EPISODE_COLUMNS = ["start", "kind", "peak_pain", *(f"alerts_{n}d" for n in LOOKBACK_DAYS)]
RULE_COLUMNS = ["rule_id", "title", "alerts", "judged_alerts", "followed", "share", "share_low", "share_high",
                "episodes_preceded", "median_lead_days"]


@dataclass
class Backtest:
    episodes: pd.DataFrame          # EPISODE_COLUMNS, one row per pain or injury episode
    by_rule: pd.DataFrame           # RULE_COLUMNS, one row per rule that raised an alert
    base_rate: float                # share of days followed by an episode within FOLLOW_UP_DAYS
    pain_episode_score: float
    pain_free_days: int
    verdict: str
    lines: list[str] = field(default_factory=list)  # the verdict and one sentence per rule


def run_backtest(alerts: pd.DataFrame, pain: pd.Series, injury_days: pd.Series, first_day: pd.Timestamp,
                 as_of: pd.Timestamp, pain_episode_score: float, pain_free_days: int) -> Backtest:
    """`alerts`: the assessment's rule episodes (riskcheck.assess.episodes, pain episodes
    left out); `pain`: highest back pain per day; `injury_days`: the days the diary notes an
    injury."""
    alerts = alerts[alerts["alert"]]
    episodes = pain_episodes(pain, injury_days, pain_episode_score, pain_free_days)
    for n in LOOKBACK_DAYS:
        episodes[f"alerts_{n}d"] = [", ".join(_alerts_before(alerts, start, n)["rule_id"].unique())
                                    for start in episodes["start"]]
    by_rule = _by_rule(alerts, episodes["start"], as_of)
    base = base_rate(episodes["start"], first_day, as_of)
    verdict = (f"Too few episodes to judge: {len(episodes)} in the log, at least {MIN_EPISODES} are needed "
               "before the shares of the rules say anything." if len(episodes) < MIN_EPISODES else
               f"{len(episodes)} episodes; a rule's alerts mean something for you only where their share clearly "
               f"beats the {base:.0%} of all days that were followed by an episode within {FOLLOW_UP_DAYS} days.")
    lines = [verdict, *(_rule_line(r, base) for r in by_rule.itertuples())]
    return Backtest(episodes, by_rule, base, pain_episode_score, pain_free_days, verdict, lines)


def pain_episodes(pain: pd.Series, injury_days: pd.Series, score: float, free_days: int) -> pd.DataFrame:
    """Days of back pain at `score` or more, or injury, after `free_days` without either."""
    marked = pd.DataFrame({"pain": pain[pain >= score]})
    injured = pd.Index(pd.to_datetime(injury_days)).unique()
    marked = marked.reindex(marked.index.union(injured))
    marked["injury"] = marked.index.isin(injured)
    days = marked.index.to_series()
    new = days.diff().isna() | (days.diff() > pd.Timedelta(days=free_days))
    starts = marked[new.to_numpy()]
    kind = np.where(starts["injury"] & starts["pain"].notna(), "back pain and injury",
                    np.where(starts["injury"], "injury", "back pain"))
    return pd.DataFrame({"start": starts.index, "kind": kind, "peak_pain": starts["pain"].to_numpy()},
                        columns=EPISODE_COLUMNS[:3]).reset_index(drop=True)


def base_rate(starts: pd.Series, first_day: pd.Timestamp, as_of: pd.Timestamp) -> float:
    """Share of the log's days (those with FOLLOW_UP_DAYS of log after them) followed by an
    episode start within FOLLOW_UP_DAYS."""
    days = pd.date_range(first_day, as_of - pd.Timedelta(days=FOLLOW_UP_DAYS), freq="D")
    if not len(days):
        return np.nan
    ahead = np.searchsorted(np.sort(starts.to_numpy()), days.to_numpy(), side="right")
    until = np.searchsorted(np.sort(starts.to_numpy()), (days + pd.Timedelta(days=FOLLOW_UP_DAYS)).to_numpy(),
                            side="right")
    return float(np.mean(until > ahead))


def _alerts_before(alerts: pd.DataFrame, start: pd.Timestamp, days: int) -> pd.DataFrame:
    """Alerts with a day in the `days` days before `start` (the day itself not included)."""
    window_start = start - pd.Timedelta(days=days)
    return alerts[(alerts["last_day"] >= window_start) & (alerts["first_day"] < start)]


def _by_rule(alerts: pd.DataFrame, starts: pd.Series, as_of: pd.Timestamp) -> pd.DataFrame:
    rows = []
    follow = pd.Timedelta(days=FOLLOW_UP_DAYS)
    for rule_id, own in alerts.groupby("rule_id", sort=True):
        judged = own[own["first_day"] <= as_of - follow]
        leads = [[(s - a).days for s in starts if a < s <= a + follow] for a in judged["first_day"]]
        followed = sum(bool(lead) for lead in leads)
        low, high = (proportion_confint(followed, len(judged), method="wilson") if len(judged) else (np.nan, np.nan))
        preceded = [s for s in starts if len(_alerts_before(own, s, FOLLOW_UP_DAYS))]
        first_leads = [min((s - a).days for a in own["first_day"] if a < s) for s in preceded
                       if (own["first_day"] < s).any()]
        rows.append({"rule_id": rule_id, "title": own["title"].iloc[0], "alerts": len(own),
                     "judged_alerts": len(judged), "followed": followed,
                     "share": followed / len(judged) if len(judged) else np.nan, "share_low": low, "share_high": high,
                     "episodes_preceded": len(preceded),
                     "median_lead_days": float(np.median(first_leads)) if first_leads else np.nan})
    return pd.DataFrame(rows, columns=RULE_COLUMNS)


def _rule_line(r, base: float) -> str:
    if not r.judged_alerts:
        return f"{r.rule_id} {r.title}: {r.alerts} alert(s), none with {FOLLOW_UP_DAYS} days of log after it yet."
    share = (f"{r.followed} of {r.judged_alerts} alerts were followed by an episode within {FOLLOW_UP_DAYS} days "
             f"({r.share:.0%}, 95 % interval {r.share_low:.0%}-{r.share_high:.0%}; all days: {base:.0%})")
    lead = (f"; it came before {r.episodes_preceded} episode(s), a median {r.median_lead_days:.0f} days ahead"
            if r.episodes_preceded else "")
    small = f" Too few alerts to judge (at least {MIN_ALERTS} needed)." if r.judged_alerts < MIN_ALERTS else ""
    return f"{r.rule_id} {r.title}: {share}{lead}.{small}"
