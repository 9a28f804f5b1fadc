"""Acute:chronic load ratios on the daily load.

- uncoupled: mean of the last 7 days over the mean of days t-27..t-7, so the acute week is
  not part of its own baseline (the coupling Lolli et al. 2019 criticised);
- EWMA: exponentially weighted means with lambda = 2/(N+1), N = 7 and 28 (Williams 2017).

Both are NaN until 28 days of history exist, and where the chronic load is zero.
Evidence is weak: the cut-offs come from team sports (Gabbett 2016), and in a running cohort
the ratio showed no positive dose-response (Frandsen 2025).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

ACUTE_DAYS = 7
CHRONIC_DAYS = 28


def acwr_uncoupled(daily_load: pd.Series) -> pd.Series:
    acute = daily_load.rolling(ACUTE_DAYS).mean()
    chronic = daily_load.rolling(CHRONIC_DAYS - ACUTE_DAYS).mean().shift(ACUTE_DAYS)
    return _ratio(acute, chronic)


def acwr_ewma(daily_load: pd.Series) -> pd.Series:
    acute = daily_load.ewm(alpha=2 / (ACUTE_DAYS + 1), adjust=False).mean()
    chronic = daily_load.ewm(alpha=2 / (CHRONIC_DAYS + 1), adjust=False).mean()
    ratio = _ratio(acute, chronic)
    ratio.iloc[: CHRONIC_DAYS - 1] = np.nan
    return ratio


def _ratio(acute: pd.Series, chronic: pd.Series) -> pd.Series:
    return (acute / chronic.where(chronic > 0)).astype(float)
