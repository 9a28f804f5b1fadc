"""FIT reader: Garmin/Wahoo/Suunto/COROS/Stryd activity files -> ParsedActivity, one per session.

Decoding: the fast numpy decoder first (fast_decoder.py); anything it does not handle
(damage, truncation, unusual layouts) goes to fitparse (reference_decoder.py), which reads what
it can and says what is damaged. Both hand over the same DecodedFit, so what follows does
not know which one ran, and the tests hold the two to the same output.

Samples: records that share a timestamp (Suunto writes position and sensor data as separate
records of the same second) are merged into one sample, first value per channel winning, and
samples are sorted by time.
"""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from riskcheck import schema
from riskcheck.errors import FileProblem, NotAnActivity
from riskcheck.readers.fit import fields as fp
from riskcheck.readers.fit import profile
from riskcheck.readers.base import ParsedActivity, ReadOptions
from riskcheck.readers.cadence import FOOT_SPORTS
from riskcheck.readers.fit.decoded import DecodedFit
from riskcheck.readers.fit.fast_decoder import decode_fast
from riskcheck.readers.fit.reference_decoder import CRC_WARNING, decode_with_fitparse
from riskcheck.readers.fit.fast import FitFastUnsupported
from riskcheck.sport import classify_sport

__all__ = ["CRC_WARNING", "read_fit"]

Decoder = Callable[[bytes], tuple[DecodedFit, list[str]]]


def read_fit(data: bytes, source: str, options: ReadOptions) -> list[ParsedActivity]:
    """Every activity (FIT session) in the file. Raises NotAnActivity for settings, workouts,
    monitoring and empty activity files, FileProblem for data that is not usable FIT."""
    return _read_with(_fast_then_fitparse, data, options)


def _fast_then_fitparse(data: bytes) -> tuple[DecodedFit, list[str]]:
    try:
        return decode_fast(data)
    except FitFastUnsupported:   # only this: any other exception of the fast path is a bug
        return decode_with_fitparse(data)


def _read_with(decode: Decoder, data: bytes, options: ReadOptions) -> list[ParsedActivity]:
    """read_fit with a chosen decoder (the tests compare the fast path with fitparse)."""
    if not data:
        raise FileProblem("empty file")
    if data[:2] == b"\x1f\x8b":
        raise FileProblem("gzip-compressed data, not a FIT file: decompress it first")
    try:
        decoded, warnings = decode(data)
        return _activities(decoded, options, warnings)
    except FileProblem:
        raise
    except Exception as exc:  # whatever the bytes, only riskcheck's errors leave the reader
        raise FileProblem(f"unreadable FIT data ({type(exc).__name__}: {exc})") from exc


# --- building activities --------------------------------------------------------------------

def _activities(decoded: DecodedFit, options: ReadOptions, warnings: list[str]) -> list[ParsedActivity]:
    if decoded.damage:
        if not decoded.record_count and not decoded.sessions:
            raise FileProblem(f"damaged FIT file, nothing readable before the damage ({decoded.damage})")
        warnings.append(f"damaged FIT file ({decoded.damage}): kept the {decoded.record_count} "
                        "records decoded before the damage; the rest of the file is lost")
    offset_s = _place_relative_times(decoded, options, warnings)
    if offset_s is None:
        offset_s = _utc_offset_s(decoded.activities, warnings)
    if decoded.records_without_time:
        warnings.append(f"{decoded.records_without_time} record messages without a usable "
                        "timestamp were skipped")
    sessions = _distinct_sessions(decoded.sessions, warnings)
    if not decoded.record_count:
        if decoded.records_without_time:
            raise FileProblem(f"{decoded.records_without_time} record messages, none with a usable timestamp")
        return _summary_only(decoded, sessions, offset_s, warnings)
    channels = _channels(decoded, warnings)
    times = channels.pop("time")
    bounds = _session_bounds(sessions, times)
    device = _device(decoded)
    out = []
    for i, (lo, hi) in enumerate(bounds):
        session = sessions[i] if sessions else {}
        sport, sub_sport = _sport(session, decoded.sports, i)
        foot = _is_foot(sport, sub_sport)
        samples, lost, sample_warnings = _samples(times[lo:hi], {k: v[lo:hi] for k, v in channels.items()},
                                                  decoded.dev_channels, foot)
        activity = ParsedActivity(
            start_time_utc=_start(session, samples),
            source_format="fit",
            samples=samples,
            totals=_totals(session, foot),
            utc_offset_s=offset_s,
            sport_raw=sport,
            sub_sport_raw=sub_sport,
            race=sub_sport in fp.RACE_SUB_SPORTS,
            device=device,
            columns_lost=lost,
            warnings=warnings + sample_warnings,
        )
        _add_surface_hint(activity)
        if not sessions:
            activity.warnings.append("no session message: totals computed from the records")
        elif decoded.damage:
            _warn_if_salvage_falls_short(activity, session)
        out.append(activity)
    return _with_start_times(out)


# A damaged file whose records cover less than this share of its own session's duration or
# distance has lost most of them: the reader says so, and the totals are the session's.
SALVAGED_SHARE_WARNING = 0.5


def _warn_if_salvage_falls_short(activity: ParsedActivity, session: dict) -> None:
    """Damage is noted already; when the records kept fall far short of the session's own
    totals, say how far, so a run does not pass for 0-2 km (the totals are the session's)."""
    samples = activity.samples
    short = []
    elapsed = session.get("total_elapsed_time")
    if isinstance(elapsed, (int, float)) and elapsed > 0:
        covered = (samples.index[-1] - samples.index[0]).total_seconds() if len(samples) else 0.0
        if covered < SALVAGED_SHARE_WARNING * elapsed:
            short.append(f"{covered / 60:.1f} of its {elapsed / 60:.1f} min")
    distance = session.get("total_distance")
    if isinstance(distance, (int, float)) and distance > 0:
        column = samples["distance_m"] if "distance_m" in samples else None
        covered = float(column.max() - column.min()) if column is not None and column.notna().any() else 0.0
        if covered < SALVAGED_SHARE_WARNING * distance:
            short.append(f"{covered / 1000:.2f} of its {distance / 1000:.2f} km")
    if short:
        activity.warnings.append(
            "damaged FIT file: the records kept cover only " + " and ".join(short)
            + " (the session's totals); the activity's totals are the session's")


def _with_start_times(activities: list[ParsedActivity]) -> list[ParsedActivity]:
    """A session with neither a valid start time nor records in its span cannot be placed in
    time: it is left out, and the others say so."""
    placed = [a for a in activities if a.start_time_utc is not None]
    if not placed:
        raise FileProblem("no session with a usable start time or records")
    if len(placed) < len(activities):
        for activity in placed:
            activity.warnings.append(f"{len(activities) - len(placed)} sessions without a usable "
                                     "start time or records were left out")
    return placed


def _distinct_sessions(sessions: list[dict], warnings: list[str]) -> list[dict]:
    """Sessions sorted by start; a chained copy of a session already read is dropped."""
    seen, out = set(), []
    for session in sorted(sessions, key=lambda s: s.get("start_time") or s.get("timestamp") or 0):
        key = (session.get("start_time"), session.get("sport"), session.get("total_elapsed_time"))
        if key in seen:
            warnings.append("a chained FIT file repeats a session already read: read once")
            continue
        seen.add(key)
        out.append(session)
    return out


def _summary_only(decoded: DecodedFit, sessions: list[dict], offset_s: float | None,
                  warnings: list[str]) -> list[ParsedActivity]:
    """A file without records: a manual entry still counts if its session has a distance."""
    file_type = next((f.get("type") for f in decoded.file_ids if f.get("type") is not None), None)
    if not sessions:
        if file_type not in (None, "activity"):
            raise NotAnActivity(f"FIT file type '{file_type}' holds no activity")
        raise NotAnActivity("activity file with no records")
    if not any((s.get("total_distance") or 0) > 0 for s in sessions):
        raise NotAnActivity("activity file with no records (its session has no distance)")
    out = []
    for i, session in enumerate(sessions):
        sport, sub_sport = _sport(session, decoded.sports, i)
        start = _start(session, None)
        if start is None:
            raise FileProblem("activity file with no records and no usable session start time")
        activity = ParsedActivity(
            start_time_utc=start, source_format="fit",
            totals=_totals(session, _is_foot(sport, sub_sport)),
            utc_offset_s=offset_s,
            sport_raw=sport, sub_sport_raw=sub_sport, race=sub_sport in fp.RACE_SUB_SPORTS,
            device=_device(decoded),
            warnings=warnings + ["session without records: summary values only"])
        _add_surface_hint(activity)
        out.append(activity)
    return out


def _place_relative_times(decoded: DecodedFit, options: ReadOptions, warnings: list[str]) -> float | None:
    """Devices whose clock was never set (FR70 over ANT-FS) count seconds since power-on.
    The activity message pairs such a time with the local wall clock, which places them;
    the UTC offset then comes from the user's time-zone setting, else UTC is assumed.
    Returns the UTC offset used, or None when the file's times are absolute."""
    times = decoded.records.get("timestamp")
    relative = times < profile.MIN_ABSOLUTE_FIT_TIME if times is not None else None
    if relative is None or not relative.any():
        return None
    anchor = next((a["local_timestamp"] - a["timestamp"] for a in decoded.activities
                   if isinstance(a.get("timestamp"), int) and a["timestamp"] < profile.MIN_ABSOLUTE_FIT_TIME
                   and isinstance(a.get("local_timestamp"), int)
                   and a["local_timestamp"] >= profile.MIN_ABSOLUTE_FIT_TIME), None)
    if anchor is None:
        decoded.keep_records(~relative)
        decoded.records_without_time += int(relative.sum())
        warnings.append("the device clock was not set and nothing in the file places its times")
        return None
    offset_s = 0.0
    if options.tz:
        first = int(times[relative][0])
        local = pd.Timestamp(first + anchor + profile.FIT_EPOCH_UNIX_S, unit="s")
        offset_s = local.tz_localize(ZoneInfo(options.tz), ambiguous=True,
                                     nonexistent="shift_forward").utcoffset().total_seconds()
    else:
        warnings.append("the device clock was not set: times placed by the file's local wall "
                        "clock and taken as UTC (no time zone set)")
    shift = anchor - int(offset_s)
    decoded.records["timestamp"] = np.where(relative, times + shift, times)
    for session in decoded.sessions:
        if isinstance(session.get("start_time"), int) and session["start_time"] < profile.MIN_ABSOLUTE_FIT_TIME:
            session["start_time"] += shift
    return offset_s


def _channels(decoded: DecodedFit, warnings: list[str]) -> dict[str, np.ndarray]:
    """Record values as float arrays (NaN where missing), merged per timestamp, sorted by
    time; 'time' holds the FIT seconds. Channels without any value are left out."""
    times = decoded.records["timestamp"]
    channels = {k: v for k, v in decoded.records.items()
                if k != "timestamp" and not np.isnan(v).all()}
    if (np.diff(times) > 0).all():   # the usual file: one record per second, in order
        return channels | {"time": times.astype(np.int64)}
    frame = pd.DataFrame({str(k): v for k, v in channels.items()} | {"timestamp": times})
    merged = frame.groupby("timestamp", sort=True).first()  # first non-null value per column
    if len(merged) < len(frame):
        warnings.append(f"{len(frame) - len(merged)} records sharing a timestamp with an earlier "
                        "record were merged into it")
    out = {k: merged[str(k)].to_numpy(dtype=float, copy=True) for k in channels}
    out["time"] = merged.index.to_numpy(dtype=np.int64)
    return out


def _session_bounds(sessions: list[dict], times: np.ndarray) -> list[tuple[int, int]]:
    """[lo, hi) sample slices per session: each session owns the samples from its start to
    the next session's start, so no record is lost between sessions. Without sessions, one
    activity takes every sample."""
    if len(sessions) <= 1:
        return [(0, len(times))]
    starts = [s.get("start_time") for s in sessions]
    cuts = [0] + [int(np.searchsorted(times, t, side="left")) if t else 0 for t in starts[1:]] + [len(times)]
    cuts = np.maximum.accumulate(cuts)
    return list(zip(cuts[:-1], cuts[1:]))


def _samples(times: np.ndarray, channels: dict, dev_channels: dict, foot: bool) -> tuple[pd.DataFrame, list[str], list[str]]:
    """The sample frame of one session, the channels lost and the warnings."""
    lost, warnings = [], []
    columns: dict[str, np.ndarray] = {}
    lat, lon = channels.get("position_lat"), channels.get("position_long")
    if lat is not None and lon is not None:
        lat, lon = lat * profile.SEMICIRCLES_TO_DEG, lon * profile.SEMICIRCLES_TO_DEG
        bad = (np.abs(lat) > 90) | (np.abs(lon) > 180)
        lat[bad] = lon[bad] = np.nan
        columns["lat_deg"], columns["lon_deg"] = lat, lon
    altitude = _prefer(channels.get("enhanced_altitude"), channels.get("altitude"))
    if altitude is not None:
        placeholder = altitude <= profile.PLACEHOLDER_ALTITUDE_M
        if placeholder.any():
            altitude = np.where(placeholder, np.nan, altitude)
            warnings.append(f"{int(placeholder.sum())} altitude values of -500 m (a device's "
                            "'no altitude' placeholder) treated as missing")
        columns["altitude_m"] = altitude
    if channels.get("distance") is not None:
        columns["distance_m"] = channels["distance"]
    speed = _prefer(channels.get("enhanced_speed"), channels.get("speed"))
    if speed is not None:
        columns["speed_m_s"] = speed
    native_cadence = channels.get("cadence")
    if native_cadence is not None and np.isfinite(native_cadence).any():
        fraction = channels.get("fractional_cadence")
        cadence = native_cadence + (np.nan_to_num(fraction) if fraction is not None else 0.0)
        # Native FIT cadence counts one foot (strides/min); riskcheck counts steps.
        columns["cadence_spm" if foot else "cadence_rpm"] = 2.0 * cadence if foot else cadence
        native_cadence = cadence
    for channel, column in (("heart_rate", "heart_rate_bpm"), ("power", "power_w")):
        if channels.get(channel) is not None and np.isfinite(channels[channel]).any():
            columns[column] = channels[channel]
    if foot:
        _add_native_dynamics(columns, channels)
    _add_dev_channels(columns, channels, dev_channels, foot, lost)
    ordered = {c: columns[c] for c in schema.SAMPLE_COLUMNS
               if c in columns and np.isfinite(columns[c]).any()}
    index = pd.DatetimeIndex(pd.to_datetime(times + profile.FIT_EPOCH_UNIX_S, unit="s", utc=True), name="time")
    return pd.DataFrame(ordered, index=index), lost, warnings


def _prefer(first: np.ndarray | None, second: np.ndarray | None) -> np.ndarray | None:
    """`first` where it has a value, else `second` (enhanced fields over their 16-bit twins)."""
    if first is None or second is None:
        return first if first is not None else second
    return np.where(np.isfinite(first), first, second)


def _add_native_dynamics(columns: dict, channels: dict) -> None:
    """Running dynamics of the records in s, m and %. Only foot sports get them: a chest strap
    or foot pod worn on the bike leg of a multisport file writes numbers that mean nothing."""
    for field, (column, factor) in fp.RECORD_DYNAMICS.items():
        values = _measured(channels.get(field))
        if values is not None:
            columns[column] = values * factor


def _measured(values: np.ndarray | None) -> np.ndarray | None:
    """Running dynamics with 0 as NaN: the sensor writes 0 while it measures nothing
    (standing, walking breaks, a pod out of range). None when nothing is left."""
    if values is None or not np.any(values > 0):
        return None
    return np.where(values > 0, values, np.nan)


def _add_dev_channels(columns: dict, channels: dict, dev_channels: dict, foot: bool, lost: list[str]) -> None:
    """Use developer fields for heart rate, cadence, power and (on foot) running dynamics when
    the native channel is absent. Channels are not mixed sample by sample: two sensors'
    calibrations differ."""
    cadence_column = "cadence_spm" if foot else "cadence_rpm"
    wanted = {"heart_rate": "heart_rate_bpm", "power": "power_w", "cadence": cadence_column}
    if foot:
        wanted |= fp.DEV_DYNAMICS_COLUMN
    for key, dev in sorted(dev_channels.items()):   # the first developer's field wins
        values = channels.get(key)
        if values is None or not np.isfinite(values).any() or not np.any(values > 0):
            continue
        channel = fp.NATIVE_FIELD_NUM_CHANNEL.get(dev.native_field_num) or \
            fp.DEV_NAME_CHANNEL.get(str(dev.name).strip().lower())
        if channel not in wanted or wanted[channel] in columns:
            continue
        units = dev.units.strip().lower() if isinstance(dev.units, str) else dev.units
        if channel in fp.DEV_DYNAMICS_FACTOR:
            factor = fp.DEV_DYNAMICS_FACTOR[channel].get(units)
            if factor is None:
                lost.append(f"{dev.name} ({channel.replace('_', ' ')} in unknown units {dev.units!r})")
                continue
            columns[wanted[channel]] = _measured(values) * factor
        elif channel == "cadence":
            factor = fp.DEV_CADENCE_STEPS_PER_UNIT.get(units)
            if factor is None:
                lost.append(f"{dev.name} (cadence in unknown units {dev.units!r})")
                continue
            columns[cadence_column] = values * factor if foot else values
        elif units in fp.DEV_UNITS_OK[channel]:
            columns[wanted[channel]] = values
        else:
            lost.append(f"{dev.name} ({channel.replace('_', ' ')} in unknown units {dev.units!r})")


# --- activity attributes --------------------------------------------------------------------

def _sport(session: dict, sports: list[dict], index: int) -> tuple[str, str]:
    source = session if session.get("sport") is not None else (
        sports[index] if index < len(sports) else (sports[0] if sports else {}))
    return _text(source.get("sport")), _text(source.get("sub_sport"))


def _text(value) -> str:
    return "" if value is None else str(value)


def _is_foot(sport: str, sub_sport: str) -> bool:
    return classify_sport(sport, sub_sport) in FOOT_SPORTS


def _add_surface_hint(activity: ParsedActivity) -> None:
    if classify_sport(activity.sport_raw) in FOOT_SPORTS:
        activity.surface_hint = fp.SURFACE_OF_RUN_SUB_SPORT.get(activity.sub_sport_raw)
        if activity.surface_hint:
            activity.surface_hint_source = "device"


def _fit_time(value) -> pd.Timestamp | None:
    if isinstance(value, int) and value >= profile.MIN_ABSOLUTE_FIT_TIME:
        return pd.Timestamp(value + profile.FIT_EPOCH_UNIX_S, unit="s", tz="UTC")
    return None


def _start(session: dict, samples: pd.DataFrame | None) -> pd.Timestamp | None:
    """The session's start, or the first sample when that is earlier (some writers put the
    session's end into start_time)."""
    start = _fit_time(session.get("start_time"))
    if samples is not None and len(samples):
        first = samples.index[0]
        return first if start is None or first < start else start
    return start


def _totals(session: dict, foot: bool) -> dict[str, float]:
    totals = {key: float(session[name]) for name, key in fp.SESSION_TOTALS.items()
              if isinstance(session.get(name), (int, float))}
    for key, names in (("avg_speed_m_s", ("enhanced_avg_speed", "avg_speed")),
                       ("max_speed_m_s", ("enhanced_max_speed", "max_speed"))):
        value = next((session[n] for n in names if isinstance(session.get(n), (int, float))), None)
        if value is not None:
            totals[key] = float(value)
    cadence = session.get("avg_running_cadence", session.get("avg_cadence"))
    if foot and isinstance(cadence, (int, float)):
        fraction = session.get("avg_fractional_cadence")
        totals["avg_cadence_spm"] = 2.0 * (cadence + (fraction if isinstance(fraction, float) else 0.0))
    if foot:
        # The session's own averages; a run whose session lacks one gets the mean of its
        # samples instead (summarize.summarize_samples, over moving samples).
        totals |= {key: float(session[name]) * factor
                   for name, (key, factor) in fp.SESSION_DYNAMICS.items()
                   if isinstance(session.get(name), (int, float))}
    return {k: v for k, v in totals.items() if not (k in fp.ZERO_MEANS_MISSING and v == 0)}


def _utc_offset_s(activities: list[dict], warnings: list[str]) -> float | None:
    """Local time offset from the activity message, rounded to the quarter hour (the two
    timestamps are taken moments apart); implausible offsets are ignored with a warning."""
    for activity in activities:
        utc, local = activity.get("timestamp"), activity.get("local_timestamp")
        if not isinstance(utc, int) or not isinstance(local, int):
            continue
        offset = round((local - utc) / profile.OFFSET_STEP_S) * profile.OFFSET_STEP_S
        if local < profile.MIN_ABSOLUTE_FIT_TIME:
            warnings.append("the activity message's local time is not set: local time unknown")
        elif abs(offset) > profile.MAX_ABS_OFFSET_S:
            warnings.append(f"implausible local time in the activity message (offset {local - utc} s): ignored")
        else:
            return float(offset)
        return None
    return None


def _device(decoded: DecodedFit) -> str:
    """'garmin fr935', 'wahoo_fitness 28', as fitparse names them; zeros mean unset."""
    for source in decoded.file_ids + decoded.creators:
        manufacturer = source.get("manufacturer")
        product = source.get("garmin_product", source.get("product"))
        parts = [str(p) for p in (manufacturer, product) if p not in (None, 0)]
        if parts:
            return " ".join(parts)
    return ""
