"""Session load under the measure the athlete chose (config.load_measure).

- distance: running kilometres (the default; what the running-cohort studies counted)
- duration: running minutes
- srpe: session RPE (CR-10) x minutes, every session (Foster et al. 2001)
- trimp: Banister's heart-rate weighted minutes, every session with a heart rate

Distance and duration count running only: the rules are about impact on the back, and a
kilometre cycled is not a kilometre run. sRPE and TRIMP measure whole-body effort and
count cross-training too. A session the measure cannot score counts 0 and is warned about.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from riskcheck.settings import RiskConfig
from riskcheck.errors import ConfigError

# Banister TRIMP weighting: (a, b) in a * e^(b * HRr)
TRIMP_WEIGHTS = {"male": (0.64, 1.92), "female": (0.86, 1.67)}


def session_duration_s(activities: pd.DataFrame) -> pd.Series:
    """Moving time, or elapsed time where a source gives no moving time."""
    return activities["moving_s"].fillna(activities["elapsed_s"]).fillna(0.0)


def session_load(activities: pd.DataFrame, config: RiskConfig) -> tuple[pd.Series, list[str]]:
    minutes = session_duration_s(activities) / 60
    runs = activities["is_run"]
    measure = config.load_measure
    if measure == "distance":
        return (activities["distance_m"].fillna(0.0) / 1000).where(runs, 0.0), []
    if measure == "duration":
        return minutes.where(runs, 0.0), []
    if measure == "srpe":
        load = activities["rpe"] * minutes
        return load.fillna(0.0), _unscored(load, "no RPE")
    return trimp(activities, config, minutes)


def trimp(activities: pd.DataFrame, config: RiskConfig, minutes: pd.Series) -> tuple[pd.Series, list[str]]:
    if not (config.max_hr_bpm and config.rest_hr_bpm):
        raise ConfigError("load_measure 'trimp' needs the settings max_hr_bpm and rest_hr_bpm")
    warnings = []
    if config.sex is None:
        warnings.append("TRIMP weighting: no 'sex' setting, the men's coefficients (0.64, 1.92) were used")
    a, b = TRIMP_WEIGHTS[config.sex or "male"]
    hrr = heart_rate_reserve(activities["avg_hr_bpm"], config.max_hr_bpm, config.rest_hr_bpm)
    load = minutes * trimp_per_minute(hrr, a, b)
    return load.fillna(0.0), warnings + _unscored(load, "no heart rate")


def heart_rate_reserve(hr, max_hr: float, rest_hr: float):
    """HRr: the fraction of the reserve between resting and maximum heart rate, 0 to 1."""
    return ((hr - rest_hr) / (max_hr - rest_hr)).clip(0, 1)


def trimp_per_minute(hrr, a: float, b: float):
    """Banister's weighting of a minute at HRr: HRr x a e^(b HRr)."""
    return hrr * a * np.exp(b * hrr)


def _unscored(load: pd.Series, why: str) -> list[str]:
    n = int(load.isna().sum())
    return [f"{n} session(s) with {why} count 0 towards the load"] if n else []
