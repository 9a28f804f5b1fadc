"""Total training load: every session of every sport, beside the running (impact) load.

Each session gets an intensity, a fraction of heart-rate reserve (HRr), from the best source
it has, and `load_method` says which:

- `heart rate samples`: the time in each 10-bpm band at the band's middle (Banister's TRIMP
  summed over the session, to the band's resolution);
- `average heart rate`: the session's average heart rate (Banister's TRIMP on one value);
- `rpe`: the logged CR-10 effort, read as HRr = RPE / 10;
- `sport estimate`: the sport's typical session, TYPICAL_MET.

The log's load is on one published scale, so that one session is never weighed in two units:
TRIMP (Banister 1991: minutes x HRr x a e^(b HRr)) when heart rate covers at least half of the
training time, else session RPE x minutes (Foster et al. 2001), where a session without RPE
counts 10 x its HRr as its RPE. `total_load_scale` names the scale that was used.

TRIMP needs a maximum and a resting heart rate. Without the settings max_hr_bpm and
rest_hr_bpm, a high quantile of the sessions' maxima and DEFAULT_REST_HR_BPM stand in, with a
warning.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from riskcheck import schema
from riskcheck.load.measures import TRIMP_WEIGHTS, heart_rate_reserve, session_duration_s, trimp_per_minute
from riskcheck.settings import RiskConfig

TRIMP_SCALE = "TRIMP"
SRPE_SCALE = "session RPE"
# The share of training time with heart rate from which the log is scored in TRIMP.
HR_COVERAGE_FOR_TRIMP = 0.5
# A band-based TRIMP needs the bands to hold most of the session; else the average heart rate.
MIN_BAND_COVERAGE = 0.5
DEFAULT_REST_HR_BPM = 60.0
# Without a max_hr_bpm setting: this quantile of the sessions' maxima, from at least
# MIN_SESSIONS_FOR_QUANTILE sessions (fewer seldom hold a maximal effort). Optical sensors lock onto the step rate now and then,
# and one such spike (221 bpm in a log whose next highest is 198) must not set the scale.
MAX_HR_QUANTILE = 0.95
MIN_SESSIONS_FOR_QUANTILE = 20
HR_BAND_MIDDLES = np.asarray(schema.HR_BAND_EDGES_BPM, dtype=float) + 5.0
# Typical session intensity by sport where a session has neither heart rate nor RPE: the
# Compendium of Physical Activities' METs (Ainsworth et al. 2011, Med Sci Sports Exerc
# 43(8):1575-1581; codes in the comments), as HRr = %VO2 reserve = (MET - 1) / (VO2max - 1)
# (Swain & Leutholtz 1997, Med Sci Sports Exerc 29(3):410-414) for a recreational runner's
# VO2max of ASSUMED_VO2MAX_MET (49 ml/kg/min). A rough stand-in, said as such.
ASSUMED_VO2MAX_MET = 14.0
TYPICAL_MET = {
    "run": 9.8, "trail_run": 9.8, "treadmill_run": 9.8, "track_run": 9.8,  # 12050 running 6 mph
    "walk_hike": 4.3,       # 17200 walking 3.5 mph, brisk
    "ride": 7.5,            # 01015 bicycling, general
    "swim": 5.8,            # 18240 swimming laps, freestyle, light or moderate effort
    "strength": 5.0,        # 02054 resistance training, multiple exercises, 8-15 reps
    "yoga_pilates": 2.8,    # 02150 Hatha yoga 2.5, 02105 Pilates 3.0
    "other": 5.0,           # riskcheck's choice for sports it does not name
}
LOAD_METHODS = ("heart rate samples", "average heart rate", "rpe", "sport estimate")


@dataclass(frozen=True)
class TotalLoad:
    load: pd.Series        # per activity, on `scale`
    method: pd.Series      # per activity, one of LOAD_METHODS
    scale: str             # TRIMP_SCALE or SRPE_SCALE
    warnings: list[str]


def total_load(activities: pd.DataFrame, config: RiskConfig) -> TotalLoad:
    minutes = session_duration_s(activities) / 60
    max_hr, rest_hr, stand_ins = _heart_rate_range(activities, config)
    hrr, method = _intensity(activities, minutes, max_hr, rest_hr)
    with_hr = method.isin(LOAD_METHODS[:2])
    warnings = stand_ins if with_hr.any() or not max_hr else []
    timed = minutes.sum()
    if max_hr and timed > 0 and minutes[with_hr].sum() >= HR_COVERAGE_FOR_TRIMP * timed:
        a, b = TRIMP_WEIGHTS[config.sex or "male"]
        if config.sex is None:
            warnings.append("total load: no 'sex' setting, TRIMP used the men's weighting (0.64, 1.92)")
        load, scale = minutes * trimp_per_minute(hrr, a, b), TRIMP_SCALE
        if "heart rate samples" in set(method):
            load = load.where(method != "heart rate samples",
                              minutes * _band_trimp_per_minute(activities, max_hr, rest_hr, a, b))
    else:  # on Foster's scale the logged RPE comes first, heart rate only stands in for it
        rpe = _valid_rpe(activities)
        load, scale = (minutes * rpe).fillna(minutes * 10 * hrr), SRPE_SCALE
        method = method.where(rpe.isna(), "rpe")
    estimated = int((method == "sport estimate").sum())
    if estimated:
        warnings.append("total load: no session has heart rate or RPE, so each counts as a typical session of "
                        "its sport (a rough estimate)" if estimated == len(method) else
                        f"total load: {estimated} of {len(method)} sessions have neither heart rate nor RPE and "
                        "count as a typical session of their sport (a rough estimate)")
    return TotalLoad(load.fillna(0.0).astype(float), method, scale, warnings)


def _heart_rate_range(activities: pd.DataFrame, config: RiskConfig) -> tuple[float | None, float, list[str]]:
    """(max HR, rest HR, warnings): the settings, else what the log shows."""
    max_hr, rest_hr, warnings = config.max_hr_bpm, config.rest_hr_bpm, []
    if not max_hr:
        seen = activities["max_hr_bpm"].where(activities["max_hr_bpm"].between(100, 230)).dropna()
        if len(seen) >= MIN_SESSIONS_FOR_QUANTILE:
            max_hr = float(seen.quantile(MAX_HR_QUANTILE))
            warnings.append(f"total load: no max_hr_bpm setting; {max_hr:.0f} bpm, the {MAX_HR_QUANTILE:.0%} "
                            "quantile of the sessions' highest heart rates, stands in for the maximum")
        elif len(seen):
            warnings.append(f"total load: no max_hr_bpm setting and too few sessions with heart rate "
                            f"({len(seen)}, {MIN_SESSIONS_FOR_QUANTILE} needed) to estimate it: heart rate was "
                            "not used")
    if not rest_hr:
        rest_hr = DEFAULT_REST_HR_BPM
        if max_hr:
            warnings.append(f"total load: no rest_hr_bpm setting, {rest_hr:.0f} bpm stands in for the resting "
                            "heart rate")
    if max_hr and rest_hr >= max_hr:
        max_hr = None
    return max_hr, rest_hr, warnings


def _intensity(activities: pd.DataFrame, minutes: pd.Series, max_hr: float | None,
               rest_hr: float) -> tuple[pd.Series, pd.Series]:
    """(HRr per session, the method it came from)."""
    typical = (activities["sport"].map(TYPICAL_MET).fillna(TYPICAL_MET["other"]) - 1) / (ASSUMED_VO2MAX_MET - 1)
    hrr = typical.astype(float)
    method = pd.Series("sport estimate", index=activities.index, dtype=object)
    rpe = _valid_rpe(activities)
    hrr, method = hrr.where(rpe.isna(), rpe / 10), method.where(rpe.isna(), "rpe")
    if max_hr:
        from_avg = heart_rate_reserve(activities["avg_hr_bpm"], max_hr, rest_hr)
        hrr, method = hrr.where(from_avg.isna(), from_avg), method.where(from_avg.isna(), "average heart rate")
        bands = activities[schema.HR_TIME_COLUMNS].fillna(0.0).sum(axis=1)
        sampled = activities["n_samples"].fillna(0).gt(0) & (bands >= MIN_BAND_COVERAGE * minutes * 60) & (bands > 0)
        method = method.where(~sampled, "heart rate samples")
    return hrr, method


def _valid_rpe(activities: pd.DataFrame) -> pd.Series:
    return activities["rpe"].where(activities["rpe"].between(0, 10))


def _band_trimp_per_minute(activities: pd.DataFrame, max_hr: float, rest_hr: float, a: float, b: float) -> pd.Series:
    """TRIMP per minute averaged over the time in the heart-rate bands."""
    bands = activities[schema.HR_TIME_COLUMNS].fillna(0.0).to_numpy(dtype=float)
    weight = trimp_per_minute(heart_rate_reserve(HR_BAND_MIDDLES, max_hr, rest_hr), a, b)
    total = bands.sum(axis=1)
    per_minute = np.divide(bands @ weight, total, out=np.full(len(bands), np.nan), where=total > 0)
    return pd.Series(per_minute, index=activities.index)
