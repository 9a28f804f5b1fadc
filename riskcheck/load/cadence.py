"""Cadence at comparable speed.

Cadence rises with speed (Heiderscheit et al. 2011 note about 4-5 steps/min per min/mile),
so a slow long run has a lower cadence without anything being wrong. riskcheck therefore
compares cadence within 0.5 m/s speed bands (schema.SPEED_CADENCE_COLUMNS, weighted by the
time in each band), never against a fixed number such as 180.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from riskcheck import schema
from riskcheck.load.intensity import speed_band_times


def band_cadence(runs: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(seconds, cadence) per run and speed band, both n x bands; time is 0 where the band
    has no cadence. Runs without band cadence use their average cadence at their average
    speed."""
    times = speed_band_times(runs)
    cadence = runs[schema.SPEED_CADENCE_COLUMNS].to_numpy(dtype=float, copy=True)
    no_bands = np.isnan(cadence).all(axis=1)
    avg = runs["avg_cadence_spm"].to_numpy(dtype=float)
    cadence[no_bands] = avg[no_bands, None]
    usable = np.isfinite(cadence) & (cadence > 0) & (times > 0)
    return np.where(usable, times, 0.0), np.where(usable, cadence, 0.0)


def weekly_speed_adjusted_cadence(runs: pd.DataFrame, week_starts: pd.Series) -> pd.Series:
    """Per week: the week's cadence in each speed band, averaged with the weights of the
    runner's usual speed mix (their time per band over the whole log), so that a week of
    slow runs does not look like a cadence drop. Indexed by week_start."""
    if runs.empty:
        return pd.Series(dtype=float)
    times, cadence = band_cadence(runs)
    weeks = week_starts.to_numpy()
    cols = range(times.shape[1])
    t_week = pd.DataFrame(times, columns=cols).groupby(weeks).sum()
    ct_week = pd.DataFrame(times * cadence, columns=cols).groupby(weeks).sum()
    per_band = ct_week / t_week.where(t_week > 0)
    usual = times.sum(axis=0)
    weights = per_band.notna() * usual
    total = weights.sum(axis=1)
    return (per_band.fillna(0) * usual).sum(axis=1) / total.where(total > 0)
