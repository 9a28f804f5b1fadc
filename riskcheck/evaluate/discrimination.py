"""How well the day's status sorts the days that an injury follows from the days it does not.

Target: an injury episode starting in the next `horizon` days (d+1 .. d+horizon), for days the
athlete is at risk and whose whole horizon lies inside the log (a log ending tomorrow cannot
say whether the week after was injury-free). ROC AUC of the status (0/1/2) and of the count of
active alerts; a calibration table per status level with Wilson 95 % intervals, which stay
inside 0-1 and behave with the few injuries a level often has.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score
from statsmodels.stats.proportion import proportion_confint

LEVEL_NAMES = {0: "low", 1: "moderate", 2: "high"}
CALIBRATION_COLUMNS = ["status", "level", "days", "injuries_within", "rate", "ci_low", "ci_high"]


def add_target(person_days: pd.DataFrame, horizon: int) -> pd.DataFrame:
    """`injury_within`: 1 when an episode starts in the next `horizon` days; `scored`: the day counts."""
    out = []
    for _, days in person_days.groupby("athlete", sort=False):
        events = days["event"].to_numpy()
        ahead = np.zeros(len(days), dtype="int64")
        for k in range(1, horizon + 1):
            ahead[:-k] = np.maximum(ahead[:-k], events[k:])
        complete = np.arange(len(days)) < len(days) - horizon
        out.append(days.assign(injury_within=ahead, scored=days["at_risk"].to_numpy() & complete))
    return pd.concat(out) if out else person_days.assign(injury_within=0, scored=False)


def auc(person_days: pd.DataFrame) -> dict[str, float]:
    scored = person_days[person_days["scored"]]
    y = scored["injury_within"]
    if y.nunique() < 2:
        return {"status": float("nan"), "n_alerts": float("nan")}  # AUC needs both outcomes
    return {score: float(roc_auc_score(y, scored[score])) for score in ("status", "n_alerts")}


def calibration(person_days: pd.DataFrame) -> pd.DataFrame:
    scored = person_days[person_days["scored"]]
    rows = []
    for level, name in LEVEL_NAMES.items():
        days = scored[scored["status"] == level]
        n, k = len(days), int(days["injury_within"].sum())
        lo, hi = proportion_confint(k, n, alpha=0.05, method="wilson") if n else (np.nan, np.nan)
        rows.append({"status": level, "level": name, "days": n, "injuries_within": k,
                     "rate": k / n if n else np.nan, "ci_low": float(lo), "ci_high": float(hi)})
    return pd.DataFrame(rows, columns=CALIBRATION_COLUMNS)
