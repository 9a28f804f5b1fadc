"""Time at high intensity per run.

With a max heart rate setting, high intensity is heart rate at or above
`high_intensity_hr_fraction` x max HR (default 0.85): the time in the heart-rate bands above
that line (the band it cuts is prorated), or the whole run when only an average heart rate
is known and it lies above the line.

Without a max heart rate (or for runs without heart rate) it is pace faster than the
runner's own threshold-pace estimate: the upper edge of the 0.5 m/s speed band in which the
90th percentile of all their running time falls, so that only the fastest ~10 % of their
running counts. It is self-relative and coarse (band width), which suits a rule that
compares a runner's week with their own earlier weeks, not with a lab test.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from riskcheck import schema
from riskcheck.settings import RiskConfig
from riskcheck.load.measures import session_duration_s

HR_BAND_WIDTH_BPM = 10.0
SPEED_BAND_WIDTH_M_S = 0.5
FAST_TIME_QUANTILE = 0.9


def speed_band_times(runs: pd.DataFrame) -> np.ndarray:
    """Seconds per speed band for each run (n x bands). A run without band data but with an
    average speed puts its whole moving time in the band of that speed."""
    times = runs[schema.SPEED_TIME_COLUMNS].to_numpy(dtype=float, copy=True)
    has_bands = np.nansum(times, axis=1) > 0
    speed = average_speed(runs).to_numpy(dtype=float)
    band = np.digitize(np.nan_to_num(speed, nan=-1.0), schema.SPEED_BAND_EDGES_M_S) - 1
    fill = ~has_bands & np.isfinite(speed) & (band >= 0)
    times[fill] = 0.0
    times[np.flatnonzero(fill), band[fill]] = session_duration_s(runs).to_numpy()[fill]
    return np.nan_to_num(times)


def average_speed(runs: pd.DataFrame) -> pd.Series:
    duration = session_duration_s(runs).replace(0, np.nan)
    return runs["avg_speed_m_s"].fillna(runs["distance_m"] / duration)


def threshold_speed_estimate(band_times: np.ndarray) -> float:
    """Upper edge of the band holding the 90th percentile of running time (m/s); NaN
    without speed data."""
    total = band_times.sum(axis=0)
    if total.sum() <= 0:
        return np.nan
    band = int(np.searchsorted(np.cumsum(total) / total.sum(), FAST_TIME_QUANTILE))
    return schema.SPEED_BAND_EDGES_M_S[band] + SPEED_BAND_WIDTH_M_S


def high_intensity_s(activities: pd.DataFrame, config: RiskConfig) -> pd.Series:
    """Seconds at high intensity per activity; 0 for cross-training."""
    out = pd.Series(0.0, index=activities.index)
    runs = activities[activities["is_run"]]
    if runs.empty:
        return out
    times = speed_band_times(runs)
    threshold = threshold_speed_estimate(times)
    edges = np.asarray(schema.SPEED_BAND_EDGES_M_S)
    by_pace = times[:, edges >= threshold].sum(axis=1) if np.isfinite(threshold) else np.zeros(len(runs))
    by_hr = hr_high_s(runs, config)
    out.loc[runs.index] = np.where(np.isfinite(by_hr), by_hr, by_pace)
    return out


def hr_high_s(runs: pd.DataFrame, config: RiskConfig) -> np.ndarray:
    """Time above the HR line per run; NaN where heart rate cannot tell (no setting, no HR)."""
    if not config.max_hr_bpm:
        return np.full(len(runs), np.nan)
    line = config.high_intensity_hr_fraction * config.max_hr_bpm
    lower = np.asarray(schema.HR_BAND_EDGES_BPM, dtype=float)
    share_above = np.clip((lower + HR_BAND_WIDTH_BPM - line) / HR_BAND_WIDTH_BPM, 0, 1)
    bands = runs[schema.HR_TIME_COLUMNS].to_numpy(dtype=float)
    has_bands = np.nansum(bands, axis=1) > 0
    from_bands = np.nan_to_num(bands) @ share_above
    from_avg = np.where(runs["avg_hr_bpm"].to_numpy(dtype=float) >= line, session_duration_s(runs).to_numpy(), 0.0)
    from_avg[runs["avg_hr_bpm"].isna().to_numpy()] = np.nan
    return np.where(has_bands, from_bands, from_avg)
