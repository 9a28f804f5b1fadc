"""Injury outcomes per athlete and day, and who is at risk.

Sources: the diary frame (riskcheck.diary: `injury` True on injured days, `days_lost`) or an
outcomes table (athlete, date, injury[, days_lost]). An injury episode starts on an injured
day whose previous day was not injured; consecutive injured days are one episode.

After an episode starts, the athlete is out of the risk set for its days lost (the noted
`days_lost`, else the setting's default, and at least the injured days that follow): a
runner who cannot train cannot get a new overuse injury from training, and counting those
days would dilute every rate.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from riskcheck.errors import RiskcheckError

OUTCOME_COLUMNS = ("athlete", "date", "injury")


def outcomes_from_diaries(diaries: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The injury rows of each athlete's diary, as an outcomes table."""
    frames = [pd.DataFrame({"athlete": name, "date": d["date"], "injury": d["injury"].fillna(False).astype(bool),
                            "days_lost": d["days_lost"] if "days_lost" in d else np.nan})
              for name, d in diaries.items() if d is not None and len(d)]
    return normalise_outcomes(pd.concat(frames, ignore_index=True) if frames else None)


def normalise_outcomes(table: pd.DataFrame | None) -> pd.DataFrame:
    """athlete (str), date (midnight), injury (bool), days_lost (float, NaN: not noted)."""
    if table is None or table.empty:
        return pd.DataFrame({"athlete": pd.Series(dtype=str), "date": pd.Series(dtype="datetime64[ns]"),
                             "injury": pd.Series(dtype=bool), "days_lost": pd.Series(dtype=float)})
    missing = [c for c in OUTCOME_COLUMNS if c not in table]
    if missing:
        raise RiskcheckError(f"the outcomes table lacks column(s) {', '.join(missing)} "
                             f"(needs {', '.join(OUTCOME_COLUMNS)}[, days_lost])")
    out = pd.DataFrame({
        "athlete": table["athlete"].astype(str),
        "date": pd.to_datetime(table["date"]).dt.normalize().astype("datetime64[ns]"),
        "injury": table["injury"].map(_truthy).astype(bool),
        "days_lost": pd.to_numeric(table["days_lost"], errors="coerce") if "days_lost" in table else np.nan,
    })
    return out.sort_values(["athlete", "date"], kind="stable").reset_index(drop=True)


def _truthy(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "y", "injured"}
    return bool(value) if pd.notna(value) else False


def episode_starts(outcomes: pd.DataFrame) -> pd.DataFrame:
    """One row per injury episode: athlete, date (its first day), days_lost, injured_days."""
    hurt = outcomes[outcomes["injury"]].drop_duplicates(["athlete", "date"])
    rows = []
    for athlete, group in hurt.groupby("athlete", sort=True):
        dates = group["date"].reset_index(drop=True)
        new = dates.diff() != pd.Timedelta(days=1)  # a day without injury before it: a new episode
        episode = new.cumsum()
        for _, days in group.reset_index(drop=True).groupby(episode.to_numpy()):
            rows.append({"athlete": athlete, "date": days["date"].iloc[0],
                         "days_lost": days["days_lost"].iloc[0], "injured_days": len(days)})
    return pd.DataFrame(rows, columns=["athlete", "date", "days_lost", "injured_days"])


def risk_and_events(days: pd.DatetimeIndex, episodes: pd.DataFrame, default_days_lost: int) -> pd.DataFrame:
    """For one athlete's consecutive `days`: `event` (1 on an episode's first day) and `at_risk`
    (False for the days lost after it)."""
    event = pd.Series(0, index=days, dtype="int64")
    at_risk = pd.Series(True, index=days)
    for e in episodes.itertuples():
        if e.date not in event.index or not at_risk[e.date]:
            continue  # outside the log, or while still out with the previous one
        event[e.date] = 1
        lost = int(e.days_lost) if pd.notna(e.days_lost) else default_days_lost
        lost = max(lost, int(e.injured_days) - 1)
        at_risk[(days > e.date) & (days <= e.date + pd.Timedelta(days=lost))] = False
    return pd.DataFrame({"event": event, "at_risk": at_risk})
