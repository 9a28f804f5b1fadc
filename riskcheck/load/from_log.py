"""An activities frame from a compact training log, for tests, golden cases and notebooks.

Each row is one session, taken as one steady effort: its whole moving time goes into the
speed band of its average speed (with its cadence) and the heart-rate band of its average
heart rate, so rules that read the band columns work on logs too.

Keys (only `date` is required):
    date            '2024-03-01' (local calendar day); `time` '07:00' optional
    distance_km     0 for sessions without distance
    duration_min    moving time; default: distance at `pace_min_km` (default 6.0 min/km)
    sport           one of schema.SPORTS (default 'run')
    surface         default: implied by the sport, else 'road' for runs, 'unknown' otherwise
    ascent_m, descent_m (descent defaults to ascent: a loop), cadence (steps/min),
    avg_hr, rpe, back_pain, race (True for a race), shoe, name, athlete, activity_id
    every_days, until   repeat the row every N days up to and including `until`

Running dynamics, optional, in the units watches show (stored in the schema's SI columns):
    gct_ms                  average ground contact time, ms      -> avg_ground_contact_s
    gct_balance_left        left foot's share of ground contact, % (50 = even)
                                                                 -> ground_contact_balance_left_pct
    vertical_oscillation_cm average vertical oscillation, cm     -> avg_vertical_oscillation_m
    vertical_ratio          vertical ratio, %                    -> avg_vertical_ratio_pct
    step_length_m           average step length, m               -> avg_step_length_m
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from riskcheck import schema
from riskcheck.errors import ConfigError
from riskcheck.readers.summarize import rows_to_frame

DEFAULT_PACE_MIN_KM = 6.0
# Running-dynamics log key -> (activities column, factor to SI)
_DYNAMICS = {
    "gct_ms": ("avg_ground_contact_s", 1e-3),
    "gct_balance_left": ("ground_contact_balance_left_pct", 1.0),
    "vertical_oscillation_cm": ("avg_vertical_oscillation_m", 1e-2),
    "vertical_ratio": ("avg_vertical_ratio_pct", 1.0),
    "step_length_m": ("avg_step_length_m", 1.0),
}
KNOWN_KEYS = {"date", "time", "distance_km", "duration_min", "pace_min_km", "sport", "surface",
              "ascent_m", "descent_m", "cadence", "avg_hr", "rpe", "back_pain", "race", "shoe", "name",
              "athlete", "activity_id", "every_days", "until", *_DYNAMICS}
_IMPLIED_SURFACE = {"trail_run": "trail", "treadmill_run": "treadmill", "track_run": "track", "run": "road"}


def expand_repeats(rows: list[dict]) -> list[dict]:
    out = []
    for row in rows:
        if row.get("until") is None or _missing(row.get("until")):
            out.append(row)
            continue
        step = int(row.get("every_days") or 1)
        for day in pd.date_range(row["date"], row["until"], freq=f"{step}D"):
            out.append({**row, "date": day, "until": None})
    return out


def activities_from_log(rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """Activities frame (schema.ACTIVITY_COLUMNS dtypes) from compact log rows."""
    if isinstance(rows, pd.DataFrame):
        rows = rows.to_dict("records")
    rows = expand_repeats([{k: v for k, v in r.items() if not _missing(v)} for r in rows])
    per_day: dict[pd.Timestamp, int] = {}
    out = []
    for row in rows:
        unknown = set(row) - KNOWN_KEYS
        if unknown:
            raise ConfigError(f"unknown log field(s) {sorted(unknown)}; known: {sorted(KNOWN_KEYS)}")
        day = pd.Timestamp(row["date"]).normalize()
        per_day[day] = per_day.get(day, 0) + 1
        out.append(_activity_row(row, day, per_day[day]))
    return rows_to_frame(out)


def _activity_row(row: dict, day: pd.Timestamp, nth: int) -> dict:
    sport = row.get("sport", "run")
    if sport not in schema.SPORTS:
        raise ConfigError(f"unknown sport {sport!r} in log; use one of {schema.SPORTS}")
    distance_m = float(row.get("distance_km", 0.0)) * 1000
    pace = float(row.get("pace_min_km", DEFAULT_PACE_MIN_KM))
    moving_s = float(row["duration_min"]) * 60 if "duration_min" in row else distance_m / 1000 * pace * 60
    start = day + pd.Timedelta(str(row.get("time", "07:00")) + ":00") + pd.Timedelta(minutes=10 * (nth - 1))
    ascent = row.get("ascent_m")
    speed = distance_m / moving_s if moving_s > 0 and distance_m > 0 else np.nan
    out = {
        "activity_id": str(row.get("activity_id", f"{day:%Y%m%d}-{nth}")),
        "athlete": str(row.get("athlete", "")),
        "source_file": "log", "source_format": "csv_log",
        "start_time_utc": start.tz_localize("UTC"), "start_local": start, "local_date": day,
        "tz_source": "utc", "sport": sport, "sport_raw": sport, "is_run": sport in schema.RUN_SPORTS,
        "surface": row.get("surface", _IMPLIED_SURFACE.get(sport, "unknown")),
        "surface_source": "user", "name": str(row.get("name", "")), "device": "", "notes": "",
        "shoe": str(row.get("shoe", "")), "columns_lost": "",
        "elapsed_s": moving_s, "moving_s": moving_s, "distance_m": distance_m,
        "ascent_m": float(ascent) if ascent is not None else np.nan,
        "descent_m": float(row.get("descent_m", ascent if ascent is not None else np.nan)),
        "avg_speed_m_s": speed,
        "avg_hr_bpm": float(row.get("avg_hr", np.nan)),
        "avg_cadence_spm": float(row.get("cadence", np.nan)),
        "rpe": float(row.get("rpe", np.nan)), "back_pain": float(row.get("back_pain", np.nan)),
        "race": bool(row.get("race", False)),
        **_dynamics(row),
    }
    if np.isfinite(speed):
        band = int(np.digitize(speed, schema.SPEED_BAND_EDGES_M_S)) - 1
        if band >= 0:
            out[schema.SPEED_TIME_COLUMNS[band]] = moving_s
            out[schema.SPEED_CADENCE_COLUMNS[band]] = out["avg_cadence_spm"]
    if np.isfinite(out["avg_hr_bpm"]):
        band = int(np.digitize(out["avg_hr_bpm"], schema.HR_BAND_EDGES_BPM)) - 1
        if band >= 0:
            out[schema.HR_TIME_COLUMNS[band]] = moving_s
    return out


def _dynamics(row: dict) -> dict:
    """The running-dynamics columns in SI; NaN where the log has no value (no data is no finding)."""
    return {column: float(row[key]) * factor if key in row else np.nan
            for key, (column, factor) in _DYNAMICS.items()}


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT
