"""Fitness, fatigue and form: the impulse-response model on the daily total load.

Banister's model (Banister et al. 1975; Calvert et al. 1976) lets each day's load raise a
slow "fitness" and a fast "fatigue" that both decay exponentially, with time constants of
about 42 and 7 days. Its successors (Coggan's performance manager, as TrainingPeaks and
GoldenCheetah draw it) keep both on the scale of a daily load, so they read as averages:

    fitness_t = fitness_(t-1) + (load_t - fitness_(t-1)) x (1 - e^(-1/fitness_days))
    fatigue_t = fatigue_(t-1) + (load_t - fatigue_(t-1)) x (1 - e^(-1/fatigue_days))
    form_t    = fitness_(t-1) - fatigue_(t-1)     (the balance going into day t)

Both start at 0 on the log's first day, so fitness means little for its first six weeks.
The time constants are the settings fitness_days and fatigue_days.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def fitness_fatigue(daily_load: pd.Series, fitness_days: float, fatigue_days: float) -> pd.DataFrame:
    """Columns fitness, fatigue and form, on `daily_load`'s index (one row per day)."""
    fitness, fatigue = _from_rest(daily_load, fitness_days), _from_rest(daily_load, fatigue_days)
    form = (fitness - fatigue).shift(1, fill_value=0.0)
    return pd.DataFrame({"fitness": fitness, "fatigue": fatigue, "form": form})


def _from_rest(daily_load: pd.Series, days: float) -> pd.Series:
    """The decaying average started from a rested day 0 before the log (pandas would seed it
    with the first day's load)."""
    rested = pd.concat([pd.Series([0.0]), daily_load.fillna(0.0)], ignore_index=True)
    average = rested.ewm(alpha=1 - np.exp(-1 / days), adjust=False).mean().iloc[1:]
    return average.set_axis(daily_load.index)
