"""Turn a reader's ParsedActivity into one row of the activities table.

Values the source computed itself (a FIT session's totals, a CSV's distance) win over
values computed from samples; the samples still give what sources never summarise:
time per speed and heart-rate band and cadence at comparable speed, computed once here so
that later rules never need the samples again.
"""

from __future__ import annotations

import functools
import hashlib
from warnings import catch_warnings, simplefilter
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd

from riskcheck import schema
from riskcheck.readers.base import ParsedActivity, ReadOptions
from riskcheck.sport import classify_sport, surface_for

MOVING_SPEED_M_S = 0.5      # below this a runner is standing, not moving
# Sample column -> the activity column of its per-run mean (schema.RUNNING_DYNAMICS_COLUMNS),
# for sources whose summary lacks the run's own average.
DYNAMICS_MEANS = {
    "ground_contact_s": "avg_ground_contact_s",
    "ground_contact_balance_left_pct": "ground_contact_balance_left_pct",
    "vertical_oscillation_m": "avg_vertical_oscillation_m",
    "vertical_ratio_pct": "avg_vertical_ratio_pct",
    "step_length_m": "avg_step_length_m",
}
MAX_SAMPLE_GAP_S = 30.0     # a longer gap between samples is a pause, not movement
ELEVATION_HYSTERESIS_M = 3.0  # ignore altitude wiggles smaller than GPS/baro noise
EARTH_RADIUS_M = 6_371_008.8
SPEED_MEDIAN_WINDOW = 5


def haversine_m(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Distance between consecutive points, metres; NaN where a point lacks a position."""
    la, lo = np.radians(lat), np.radians(lon)
    dlat, dlon = np.diff(la), np.diff(lo)
    a = np.sin(dlat / 2) ** 2 + np.cos(la[:-1]) * np.cos(la[1:]) * np.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0, 1)))


# Times no device can have written: before GPS time began to be sold in watches and loggers,
# or after the day of the check (the end of today in the zone furthest east, UTC+14).
EARLIEST_DEVICE_YEAR = 1980
# Fastest plausible speed from one GPS fix to the next, per sport family: points entered or
# left faster than this, from which the track comes back, are a GPS jump and are left out of
# the distance, as services do (jump_free_steps). Foot: above the fastest sprint (Bolt's peak ~12.4 m/s over 10 m, about
# 1:23 min/km); wheels: a fast descent (126 km/h); anything else (skiing, paddling, a sport
# not known): only jumps no human-powered sport reaches (252 km/h).
MAX_SPEED_M_S = {"foot": 12.0, "wheels": 35.0, "other": 70.0}


# A file that names no sport is classified from its moving speeds (m/s).
RUN_PACE_M_S = (2.0, 5.0)   # median moving speed of a run, from ~8:20 to 3:20 min/km
RIDE_BURST_M_S = 7.0        # a 95th-percentile speed above this is a wheel, not legs
RIDE_MAX_M_S = 15.0         # a median above this (54 km/h) is no rider's either: not known


def sport_from_speed(moving: np.ndarray) -> tuple[str, str]:
    """The sport of a file that names none, from its moving speeds (one per step, m/s), and
    the warning that says it was guessed; ('', '') with fewer than 10 speeds. A pace no
    runner keeps is never called a run: below RUN_PACE_M_S a walk, above it (or with
    bursts above RIDE_BURST_M_S) a ride, above RIDE_MAX_M_S not known."""
    if moving.size < 10:
        return "", ""
    median, p95 = float(np.median(moving)), float(np.percentile(moving, 95))
    figures = f"median {median:.1f} m/s, 95th percentile {p95:.1f} m/s"
    if median > RIDE_MAX_M_S:
        return "", f"speed ({figures}) is no runner's, walker's or rider's: sport not known"
    if p95 >= RIDE_BURST_M_S or median > RUN_PACE_M_S[1]:
        return "cycling", f"sport guessed from speed ({figures}): a ride, not a run; the file does not name it"
    if median >= RUN_PACE_M_S[0]:
        return "running", f"sport guessed from pace (median {median:.1f} m/s): the file does not name it"
    return "walking", f"sport guessed from speed ({figures}): a walk, not a run; the file does not name it"


def latest_device_time() -> pd.Timestamp:
    """The last instant a device can have written today: midnight ending today at UTC+14."""
    return pd.Timestamp.now(tz="UTC").normalize() + pd.Timedelta(days=1, hours=14)


def speed_family(sport: str) -> str:
    """'foot', 'wheels' or 'other' for a classified sport (schema.SPORTS)."""
    if sport in schema.RUN_SPORTS or sport in ("walk_hike", "swim"):
        return "foot"
    return "wheels" if sport == "ride" else "other"


JUMP_LOOKAHEAD = 10  # points after a jump within which the track must come back for it to be one


def _metres(la: np.ndarray, lo: np.ndarray, a: int, b: int) -> float:
    h = np.sin((la[b] - la[a]) / 2) ** 2 + np.cos(la[a]) * np.cos(la[b]) * np.sin((lo[b] - lo[a]) / 2) ** 2
    return float(2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(min(max(h, 0.0), 1.0))))


def jump_free_steps(lat: np.ndarray, lon: np.ndarray, t: np.ndarray, max_speed_m_s: float,
                    starts: np.ndarray | None = None) -> tuple[np.ndarray, int]:
    """Distance of each positioned point from the last point kept before it, 0 for points
    left out as GPS jumps and for the first point; and how many were left out.

    A jump is a spike: one or a few points entered or left faster than max_speed_m_s
    (timing at 1 s resolution), after which the track comes back, within JUMP_LOOKAHEAD
    points, to a point reachable from the last point before them at that speed, by a path
    more than twice as long as the direct way. A fast step the track does not come back
    from (the fix catching up after the signal was lost) is kept: the runner did cover it.
    `starts` marks points that begin a new segment: never part of a jump."""
    steps = np.concatenate([[0.0], haversine_m(lat, lon)])
    if steps.size < 3:
        return steps, 0
    dt = np.maximum(np.diff(t, prepend=t[0]), 1.0)
    begins = np.zeros(steps.size, dtype=bool) if starts is None else starts
    fast = (steps > max_speed_m_s * dt) & ~begins
    if not fast.any():
        return steps, 0
    la, lo = np.radians(lat), np.radians(lon)
    n = steps.size

    def spike(i: int) -> tuple[int, float] | None:
        """(first point after the jump, its distance from the point before it) for a jump
        starting at point i, or None when the track does not come back."""
        kept, path = i - 1, steps[i]
        for j in range(i + 1, min(i + 1 + JUMP_LOOKAHEAD, n)):
            if begins[j]:
                return None
            path += steps[j]
            direct = _metres(la, lo, kept, j)
            if direct <= max_speed_m_s * max(t[j] - t[kept], 1.0):
                return (j, direct) if path > 2 * direct else None
        return None

    dropped, i = 0, max(int(np.argmax(fast)) - 1, 1)
    while i < n:
        found, start = None, i
        if fast[i]:
            found = spike(i)
        elif i + 1 < n and fast[i + 1] and not begins[i]:
            # left fast: the next point may be the jump, else this one (entered slowly)
            found, start = spike(i + 1), i + 1
            if found is None:
                found, start = spike(i), i
        if found is None:
            i += 1
            continue
        j, direct = found
        steps[start:j] = 0.0
        steps[j] = direct
        dropped += j - start
        i = j + 1
    return steps, dropped


def running_median(values: np.ndarray, window: int) -> np.ndarray:
    """Centred running median (edges repeat the end values; NaN ignored).
    Position-derived speed is jumpy; a short median is what watches display, and it keeps a
    single GPS glitch from becoming the run's maximum speed."""
    if values.size < window:
        return values.astype(float, copy=True)
    windows = np.lib.stride_tricks.sliding_window_view(np.pad(values, window // 2, mode="edge"), window)
    if not np.isnan(values).any():
        return np.median(windows, axis=1)
    with catch_warnings():
        simplefilter("ignore", RuntimeWarning)  # all-NaN windows stay NaN
        return np.nanmedian(windows, axis=1)


def epoch_seconds(index: pd.DatetimeIndex) -> np.ndarray:
    """Seconds since the epoch, whatever resolution pandas chose for the index."""
    return index.as_unit("ns").asi8 / 1e9


def climb_and_descent(altitude: np.ndarray) -> tuple[float, float]:
    """Total ascent and descent with a hysteresis band, so sensor noise does not add up."""
    alt = altitude[~np.isnan(altitude)]
    if alt.size < 2:
        return np.nan, np.nan
    # A repeat of the previous value can never move the reference (its step is the one just
    # taken or nothing), so dropping repeats changes no sum and shortens the loop a lot.
    alt = alt[np.concatenate(([True], alt[1:] != alt[:-1]))]
    up = down = 0.0
    values = alt.tolist()  # plain floats: a Python loop over numpy scalars is several times slower
    ref = values[0]
    for value in values[1:]:
        delta = value - ref
        if delta >= ELEVATION_HYSTERESIS_M:
            up += delta
            ref = value
        elif delta <= -ELEVATION_HYSTERESIS_M:
            down -= delta
            ref = value
    return up, down


def _forward_filled(values: np.ndarray) -> np.ndarray:
    """NaNs take the last value before them (leading NaNs stay), as pandas' ffill."""
    seen = np.where(np.isnan(values), 0, np.arange(values.size))
    np.maximum.accumulate(seen, out=seen)
    return values[seen]


def _column(samples: pd.DataFrame, name: str) -> np.ndarray | None:
    return samples[name].to_numpy(dtype=float, na_value=np.nan) if name in samples else None


def distance_and_speed(samples: pd.DataFrame, t: np.ndarray) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Cumulative distance and speed for every sample, deriving one from the other or from
    positions when the source did not write them (None where one cannot be had)."""
    distance, speed = _column(samples, "distance_m"), _column(samples, "speed_m_s")
    if distance is None or np.isnan(distance).all():
        lat, lon = _column(samples, "lat_deg"), _column(samples, "lon_deg")
        if lat is not None and lon is not None and (~np.isnan(lat)).sum() > 1:
            placed = ~(np.isnan(lat) | np.isnan(lon))
            steps = np.concatenate([[0.0], haversine_m(lat[placed], lon[placed])])
            distance = np.full(t.size, np.nan)
            distance[placed] = np.cumsum(steps)
            distance = _forward_filled(distance)
    if (speed is None or np.isnan(speed).all()) and distance is not None:
        dist = _forward_filled(distance)
        dt = np.diff(t, prepend=np.nan)
        with np.errstate(invalid="ignore", divide="ignore"):
            speed = np.diff(dist, prepend=np.nan) / dt
        speed[(dt <= 0) | (dt > MAX_SAMPLE_GAP_S)] = np.nan
        speed = running_median(speed, SPEED_MEDIAN_WINDOW)
    return distance, speed


def moving_speeds(samples: pd.DataFrame) -> np.ndarray:
    """Speed of each step between samples (from distances, else positions), m/s, where the
    athlete was moving: what sport_from_speed reads."""
    if len(samples) < 2:
        return np.zeros(0)
    t = epoch_seconds(samples.index)
    distance, _ = distance_and_speed(samples, t)
    if distance is None:
        return np.zeros(0)
    with np.errstate(invalid="ignore", divide="ignore"):
        speed = np.diff(distance) / np.diff(t)
    speed = speed[np.isfinite(speed)]
    return speed[speed >= MOVING_SPEED_M_S]


def summarize_samples(samples: pd.DataFrame, known: frozenset[str] = frozenset()) -> dict[str, float]:
    """Activity summary values computed from a sample frame (index: UTC time).

    `known` names values the source gives itself: the costly ones among them (maximum
    speed, climb) are not computed, since the source's value wins anyway."""
    index = samples.index
    if not (index.is_monotonic_increasing and index.is_unique):
        samples = samples[~index.duplicated()].sort_index()
    out: dict[str, float] = {"n_samples": len(samples)}
    if len(samples) == 0:
        return out
    t = epoch_seconds(samples.index)
    distance, speed = distance_and_speed(samples, t)
    out["elapsed_s"] = float(t[-1] - t[0])
    # Each sample stands for the time until the next one (capped: a long gap is a pause).
    dt = np.diff(t, append=t[-1])
    dt[(dt < 0) | (dt > MAX_SAMPLE_GAP_S)] = 0.0
    if speed is None:
        speed = np.full(len(t), np.nan)
    moving = speed >= MOVING_SPEED_M_S
    if distance is not None:
        d = distance[~np.isnan(distance)]
        if d.size:
            out["distance_m"] = float(d[-1] - d[0]) if d[0] < d[-1] else float(d.max())
    has_speed = np.isfinite(speed).any()
    if has_speed:
        out["moving_s"] = float(dt[moving].sum())
        if "max_speed_m_s" not in known:
            out["max_speed_m_s"] = float(np.nanmax(running_median(speed, SPEED_MEDIAN_WINDOW)))
        if out.get("distance_m") and out["moving_s"] > 0:
            out["avg_speed_m_s"] = out["distance_m"] / out["moving_s"]
    altitude = _column(samples, "altitude_m")
    if altitude is not None and not {"ascent_m", "descent_m"} <= known:
        out["ascent_m"], out["descent_m"] = climb_and_descent(altitude)
    hr = _column(samples, "heart_rate_bpm")
    if hr is not None:
        hr = np.where(hr > 0, hr, np.nan)
        if np.isfinite(hr).any():
            out["avg_hr_bpm"] = float(np.nanmean(hr))
            out["max_hr_bpm"] = float(np.nanmax(hr))
            band = np.digitize(hr, schema.HR_BAND_EDGES_BPM) - 1
            for i, col in enumerate(schema.HR_TIME_COLUMNS):
                out[col] = float(dt[band == i].sum())
    cadence = _column(samples, "cadence_spm")
    if cadence is not None:
        cadence = np.where(cadence > 0, cadence, np.nan)
        stepping = moving & np.isfinite(cadence)
        if stepping.any():
            out["avg_cadence_spm"] = float(np.average(cadence[stepping], weights=np.maximum(dt[stepping], 1e-9)))
    out |= _dynamics_means(samples, moving, dt, known)
    if has_speed:
        band = np.digitize(speed, schema.SPEED_BAND_EDGES_M_S) - 1
        for i, (tcol, ccol) in enumerate(zip(schema.SPEED_TIME_COLUMNS, schema.SPEED_CADENCE_COLUMNS)):
            in_band = moving & (band == i)
            out[tcol] = float(dt[in_band].sum())
            if cadence is not None:
                with_cad = in_band & np.isfinite(cadence) & (dt > 0)
                if with_cad.any():
                    out[ccol] = float(np.average(cadence[with_cad], weights=dt[with_cad]))
    return out


def _dynamics_means(samples: pd.DataFrame, moving: np.ndarray, dt: np.ndarray,
                    known: frozenset[str]) -> dict[str, float]:
    """Running dynamics averaged over the moving samples, weighted by time as cadence is:
    standing still (a sensor's last value held, or 0 as missing) says nothing of the form."""
    out = {}
    for column, total in DYNAMICS_MEANS.items():
        values = _column(samples, column) if total not in known else None
        if values is None:
            continue
        used = moving & (values > 0)
        if used.any():
            out[total] = float(np.average(values[used], weights=np.maximum(dt[used], 1e-9)))
    return out


def summary_bands(values: dict) -> dict[str, float]:
    """Band columns for a source without samples (a diary, an activity list): the whole
    moving time sits in the band of the average speed, with the average cadence, and in the
    band of the average heart rate. Coarser than samples, but it lets the cadence and
    intensity rules compare a diary's runs with each other."""
    moving = values.get("moving_s") or values.get("elapsed_s")
    if not moving or pd.isna(moving):
        return {}
    out: dict[str, float] = {}
    speed, cadence, hr = (values.get(k) for k in ("avg_speed_m_s", "avg_cadence_spm", "avg_hr_bpm"))
    if speed is not None and not pd.isna(speed) and speed >= MOVING_SPEED_M_S:
        band = int(np.digitize(speed, schema.SPEED_BAND_EDGES_M_S)) - 1
        if band >= 0:
            out[schema.SPEED_TIME_COLUMNS[band]] = float(moving)
            if cadence is not None and not pd.isna(cadence) and cadence > 0:
                out[schema.SPEED_CADENCE_COLUMNS[band]] = float(cadence)
    if hr is not None and not pd.isna(hr):
        band = int(np.digitize(hr, schema.HR_BAND_EDGES_BPM)) - 1
        if band >= 0:
            out[schema.HR_TIME_COLUMNS[band]] = float(moving)
    return out


def activity_id(source: str, start: pd.Timestamp, index: int) -> str:
    return hashlib.sha1(f"{source}|{start.isoformat()}|{index}".encode("utf-8", "surrogateescape")).hexdigest()[:12]


@functools.cache
def _zone_finder():
    """timezonefinder's offline lookup, built once per process (about 0.5 s; a lookup then
    takes about 10 us). Imported here so that reading files that carry their own offset
    never loads it."""
    from timezonefinder import TimezoneFinder

    return TimezoneFinder()


def zone_at(lat: float, lon: float) -> ZoneInfo | None:
    """The time zone in force at a position (timezonefinder's polygons, Etc/GMT+n at sea),
    or None when the position is not a valid one or the zone is unknown to this Python."""
    if not (np.isfinite(lat) and np.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    if lat == 0 and lon == 0:  # a placeholder fix, not a place
        return None
    name = _zone_finder().timezone_at(lng=float(lon), lat=float(lat))
    try:
        return ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        return None


def first_fix(samples: pd.DataFrame | None) -> tuple[float, float] | None:
    """Latitude and longitude of the first sample that has both, or None."""
    if samples is None or "lat_deg" not in samples or "lon_deg" not in samples:
        return None
    lat, lon = _column(samples, "lat_deg"), _column(samples, "lon_deg")
    placed = np.flatnonzero(np.isfinite(lat) & np.isfinite(lon) & ((lat != 0) | (lon != 0)))
    return (float(lat[placed[0]]), float(lon[placed[0]])) if placed.size else None


def resolve_times(parsed: ParsedActivity, options: ReadOptions) -> tuple[pd.Timestamp, pd.Timestamp, str, list[str]]:
    """UTC start, local start and where the local time came from.

    The file's own offset wins; a CSV's local wall clock is taken as it is; otherwise the
    time zone in force where the track starts (one offline lookup at the first fix: the
    watch's clock shows that zone's time, and its summer time too); otherwise the user's
    time-zone setting; failing all, UTC, with a warning, because the calendar day (and so
    the week) of an evening run may then be off by one."""
    warnings: list[str] = []
    utc = parsed.start_time_utc
    if parsed.start_local is not None:
        local = parsed.start_local
        if utc is not None:
            return utc, local, "file", warnings
        if options.tz:
            utc = local.tz_localize(ZoneInfo(options.tz), ambiguous=True, nonexistent="shift_forward").tz_convert("UTC")
            return utc, local, "file", warnings
        # Local wall clock only (a diary, an activity list): the day is right, the UTC
        # instant is not known. Duplicate matching then compares local times.
        warnings.append("local times only and no time zone set: UTC times assumed equal to local times")
        return local.tz_localize("UTC"), local, "local", warnings
    if parsed.utc_offset_s is not None:
        return utc, (utc + pd.Timedelta(seconds=parsed.utc_offset_s)).tz_localize(None), "file", warnings
    fix = first_fix(parsed.samples)
    zone = zone_at(*fix) if fix is not None else None
    if zone is not None:
        return utc, utc.tz_convert(zone).tz_localize(None), "position", warnings
    if options.tz:
        return utc, utc.tz_convert(ZoneInfo(options.tz)).tz_localize(None), "setting", warnings
    warnings.append("no local time offset in the file and no time zone set: local date taken from UTC")
    return utc, utc.tz_localize(None), "utc", warnings


def to_row(parsed: ParsedActivity, source: str, index: int, options: ReadOptions) -> tuple[dict, list[str]]:
    """One activities-table row (a dict keyed by schema.ACTIVITY_COLUMNS) and its warnings."""
    totals = {k: v for k, v in parsed.totals.items() if v is not None and not pd.isna(v)}
    computed = summarize_samples(parsed.samples, frozenset(totals)) if parsed.samples is not None else {}
    values = {**computed, **totals}
    if values.get("avg_speed_m_s") is None and values.get("distance_m") and values.get("moving_s"):
        values["avg_speed_m_s"] = values["distance_m"] / values["moving_s"]
    if parsed.samples is None:
        values.update(summary_bands(values))
    utc, local, tz_source, warnings = resolve_times(parsed, options)
    sport = classify_sport(parsed.sport_raw, parsed.sub_sport_raw)
    has_gps = parsed.samples is not None and "lat_deg" in parsed.samples and parsed.samples["lat_deg"].notna().any()
    surface, surface_source = surface_for(sport, parsed.surface_hint, parsed.surface_hint_source, has_gps)
    row = {
        **values,
        "activity_id": activity_id(source, utc, index),
        "athlete": parsed.athlete,
        "source_file": source,
        "source_format": parsed.source_format,
        "start_time_utc": utc,
        "start_local": local,
        "local_date": local.normalize(),
        "tz_source": tz_source,
        "sport": sport,
        "sport_raw": "/".join(s for s in (parsed.sport_raw, parsed.sub_sport_raw) if s),
        "is_run": sport in schema.RUN_SPORTS,
        "surface": surface,
        "surface_source": surface_source,
        "name": parsed.name,
        "device": parsed.device,
        "shoe": parsed.shoe,
        "notes": parsed.notes,
        "rpe": parsed.rpe,
        "back_pain": parsed.back_pain,
        "race": bool(parsed.race),
        "columns_lost": ", ".join(parsed.columns_lost),
    }
    return row, warnings + parsed.warnings + [f"{c} present in the file but not read" for c in parsed.columns_lost]


def rows_to_frame(rows: list[dict]) -> pd.DataFrame:
    """Rows -> activities frame with exactly the documented columns and dtypes."""
    frame = pd.DataFrame(rows, columns=list(schema.ACTIVITY_COLUMNS))
    for name, (dtype, _, _) in schema.ACTIVITY_COLUMNS.items():
        if dtype.startswith("datetime64[ns, UTC]"):
            frame[name] = pd.to_datetime(frame[name], utc=True).astype("datetime64[ns, UTC]")
        elif dtype.startswith("datetime64"):
            frame[name] = pd.to_datetime(frame[name]).astype("datetime64[ns]")
        elif dtype == "bool":
            frame[name] = frame[name].fillna(False).astype(bool)
        else:
            frame[name] = frame[name].astype(dtype)
    return frame.sort_values("start_time_utc", kind="stable").reset_index(drop=True)
