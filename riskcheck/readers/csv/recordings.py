"""Per-sample CSV recordings of one activity: Polar Flow's per-training CSV, the Wahoo
Fitness app's CSV, Epson watch exports, CycleOps Joule, Motorola MOTOACTV and the FIT SDK's
FitCSVTool dumps.

    read_recording(kind, text, options) -> list[ParsedActivity]

Each becomes a ParsedActivity with a sample frame, like a GPX or TCX file, so the same
summary code (readers/summarize.py) applies; totals the file states itself win over the
samples'. Start times are what the file writes: a local wall clock (Polar, Wahoo, Joule),
a local wall clock with its offset (Epson) or a UTC instant (MOTOACTV, FitCSVTool). A file
that does not name its sport is not silently taken as a run: a runner's speed with a
runner's step cadence is read as running, with a warning; anything else is left 'other'.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from riskcheck.errors import FileProblem, NotAnActivity
from riskcheck.readers.base import ParsedActivity, ReadOptions
from riskcheck.readers.cadence import FOOT_SPORTS, steps_per_minute
from riskcheck.readers.fit.profile import FIT_EPOCH_UNIX_S
from riskcheck.sport import classify_sport

NAMES = {"polar": "Polar Flow training CSV", "wahoo": "Wahoo Fitness app CSV", "epson": "Epson watch export",
         "joule": "CycleOps Joule CSV", "motoactv": "Motorola MOTOACTV CSV", "fitcsv": "FIT SDK FitCSVTool dump"}
SOURCE_FORMAT = "csv_samples"

# A step cadence and a speed a runner has and a rider or a walker does not: only then is a
# recording that does not name its sport read as a run.
RUN_CADENCE_SPM = (140.0, 220.0)
RUN_SPEED_M_S = (1.8, 6.5)
RIDE_SPEED_M_S = 6.0   # faster and without steps: a ride
PARTIAL_SAMPLES = 0.9  # samples spanning less of the stated time are a cut recording
MAX_SPAN_S = 7 * 86400  # a sample later than this after the first is damage, not an activity
# FIT sport enum (profile 'sport'), the values FitCSVTool writes as numbers.
FIT_SPORTS = {0: "generic", 1: "running", 2: "cycling", 3: "transition", 4: "fitness_equipment",
              5: "swimming", 10: "training", 11: "walking", 12: "cross_country_skiing",
              13: "alpine_skiing", 15: "rowing", 16: "mountaineering", 17: "hiking"}

# FIT file types (profile 'file') that hold no activity, as FitCSVTool writes them.
FIT_FILE_TYPES = {"1": "device", "2": "settings", "3": "sport", "4": "activity", "5": "workout", "6": "course",
                  "7": "schedules", "9": "weight", "10": "totals", "11": "goals", "14": "blood_pressure",
                  "15": "monitoring", "20": "activity_summary", "28": "monitoring_daily", "32": "monitoring",
                  "34": "segment", "35": "segment_list"}


@dataclass
class Recording:
    """What a parser found: seconds from the start, sample columns (riskcheck units, foot
    cadence still raw in 'cadence'), the start, and what the file says of the whole."""

    seconds: np.ndarray
    columns: dict[str, np.ndarray]
    start_utc: pd.Timestamp | None = None    # tz-naive UTC
    start_local: pd.Timestamp | None = None  # local wall clock
    sport_raw: str = ""
    totals: dict[str, float] = field(default_factory=dict)
    device: str = ""
    name: str = ""
    notes: str = ""
    warnings: list[str] = field(default_factory=list)


def read_recording(kind: str, text: str, options: ReadOptions) -> list[ParsedActivity]:
    """The activity (or activities, one per MOTOACTV activity id) of a per-sample CSV."""
    parse = {"polar": _polar, "wahoo": _wahoo, "epson": _epson, "joule": _joule,
             "motoactv": _motoactv, "fitcsv": _fitcsv}[kind]
    recordings = parse(_rows(text) if kind != "epson" else text)
    return [_activity(r, NAMES[kind], options) for r in recordings]


# --- shared ---------------------------------------------------------------------------------

def _rows(text: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        return [[c.strip() for c in row] for row in reader]
    except csv.Error as exc:
        raise FileProblem(f"CSV cannot be split into cells at line {reader.line_num}: {exc}") from exc


def _num(cells) -> np.ndarray:
    """Numbers from cells; empty, '--' and text become NaN."""
    return pd.to_numeric(pd.Series(list(cells), dtype=object).replace("", np.nan), errors="coerce").to_numpy(float)


def _hms(cell: str) -> float:
    """'01:02:03', '2:03' or '3.5' -> seconds (NaN when unreadable)."""
    parts = cell.strip().split(":")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        return np.nan
    return float(sum(v * 60 ** i for i, v in enumerate(reversed(values))))


def _table(rows: list[list[str]], at: int) -> tuple[dict[str, int], list[list[str]]]:
    """The header at row `at` (lower-cased names -> index) and the rows under it."""
    header = {name.strip().lower(): i for i, name in enumerate(rows[at]) if name.strip()}
    return header, [r for r in rows[at + 1:] if any(r)]


def _col(header: dict[str, int], body: list[list[str]], *names: str) -> np.ndarray | None:
    for name in names:
        if name in header:
            i = header[name]
            return _num(r[i] if i < len(r) else "" for r in body)
    return None


def _activity(rec: Recording, what: str, options: ReadOptions) -> ParsedActivity:
    columns = {k: v for k, v in rec.columns.items() if v is not None and np.isfinite(v).any()}
    keep = np.isfinite(rec.seconds) & (rec.seconds >= 0) & (rec.seconds <= MAX_SPAN_S)
    if not keep.any():
        raise FileProblem(f"{what}: no sample has a readable time")
    if (~keep).sum():
        rec.warnings.append(f"{what}: {(~keep).sum()} sample(s) without a time within "
                            f"{MAX_SPAN_S // 86400} days of the start left out")
    has_distance = "distance_m" in columns or ("lat_deg" in columns and "lon_deg" in columns)
    if not has_distance and "speed_m_s" not in columns:
        instead = "read the original .fit file" if what == NAMES["fitcsv"] else "export it as FIT, GPX or TCX"
        raise FileProblem(f"{what} without distance, speed or positions: nothing to measure the "
                          f"activity by; {instead} instead")
    warnings = list(rec.warnings)
    span = float(rec.seconds[keep].max() - rec.seconds[keep].min())
    stated = rec.totals.get("moving_s", rec.totals.get("elapsed_s", np.nan))
    if np.isfinite(stated) and span < PARTIAL_SAMPLES * stated:
        warnings.append(f"{what}: the samples cover {span / 60:.0f} of the {stated / 60:.0f} minutes the file "
                        "states; its own totals are used, the speed and heart-rate bands cover the samples only")
    sport = rec.sport_raw or _sport_from_samples(columns, rec.seconds, warnings, what)
    cadence = columns.pop("cadence", None)
    if cadence is not None:
        if classify_sport(sport) in FOOT_SPORTS:
            columns["cadence_spm"] = steps_per_minute(pd.Series(cadence), what, warnings).to_numpy(float)
        else:
            columns["cadence_rpm"] = cadence
    start = rec.start_utc if rec.start_utc is not None else _local_as_utc(rec.start_local, options)
    time = pd.DatetimeIndex(start + pd.to_timedelta(rec.seconds[keep], unit="s"), name="time").tz_localize("UTC")
    samples = pd.DataFrame({k: v[keep] for k, v in columns.items()}, index=time).sort_index()
    samples = samples[~samples.index.duplicated()]
    return ParsedActivity(
        start_time_utc=rec.start_utc.tz_localize("UTC") if rec.start_utc is not None else None,
        start_local=rec.start_local,
        utc_offset_s=None,
        source_format=SOURCE_FORMAT,
        samples=samples,
        totals={k: v for k, v in rec.totals.items() if v is not None and np.isfinite(v) and v > 0},
        sport_raw=sport,
        device=rec.device or what,
        name=rec.name,
        notes=rec.notes,
        warnings=warnings,
    )


def _local_as_utc(local: pd.Timestamp, options: ReadOptions) -> pd.Timestamp:
    """The samples' UTC start from a local wall clock: through the user's zone when set,
    else the wall clock itself (the summary then says tz_source 'local')."""
    if options.tz:
        return local.tz_localize(options.tz, ambiguous=True, nonexistent="shift_forward").tz_convert("UTC").tz_localize(None)
    return local


def _sport_from_samples(columns: dict[str, np.ndarray], seconds: np.ndarray, warnings: list[str], what: str) -> str:
    speed, cadence = columns.get("speed_m_s"), columns.get("cadence")
    if speed is None and "distance_m" in columns:  # distance only: speed between samples
        with np.errstate(invalid="ignore", divide="ignore"):
            speed = np.diff(columns["distance_m"], prepend=np.nan) / np.diff(seconds, prepend=np.nan)
    moving_speed = np.nanmedian(speed[speed > 0.5]) if speed is not None and (speed > 0.5).any() else np.nan
    steps = np.nanmedian(cadence[cadence > 0]) if cadence is not None and (cadence > 0).any() else np.nan
    steps = steps * 2 if steps < 110 else steps  # strides per leg -> steps
    if RUN_SPEED_M_S[0] <= moving_speed <= RUN_SPEED_M_S[1] and RUN_CADENCE_SPM[0] <= steps <= RUN_CADENCE_SPM[1]:
        warnings.append(f"{what} does not name its sport: read as running from its speed "
                        f"({moving_speed * 3.6:.1f} km/h) and step cadence ({steps:.0f}/min)")
        return "running"
    if moving_speed > RIDE_SPEED_M_S and not np.isfinite(steps):
        warnings.append(f"{what} does not name its sport: read as cycling from its speed "
                        f"({moving_speed * 3.6:.1f} km/h) without step cadence")
        return "cycling"
    said = f"median moving speed {moving_speed * 3.6:.1f} km/h" if np.isfinite(moving_speed) else "no speed"
    warnings.append(f"{what} does not name its sport: counted as 'other', not as a run ({said}"
                    + (f", step cadence {steps:.0f}/min)" if np.isfinite(steps) else ", no step cadence)"))
    return ""


def _speed_from_kmh(values: np.ndarray | None) -> np.ndarray | None:
    return None if values is None else values / 3.6


# --- Polar Flow: a summary header and row, then the sample table ----------------------------

def _polar(rows: list[list[str]]) -> list[Recording]:
    if len(rows) < 4:
        raise FileProblem(f"{NAMES['polar']}: summary or sample table missing")
    summary = {k.strip().lower(): v for k, v in zip(rows[0], rows[1])}
    header, body = _table(rows, 2)
    date, clock = summary.get("date", ""), summary.get("start time", "")
    start = pd.NaT
    for form in ("%d-%m-%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%d.%m.%Y %H:%M:%S"):  # Flow writes the first
        start = pd.to_datetime(f"{date} {clock}", format=form, errors="coerce")
        if not pd.isna(start):
            break
    if pd.isna(start):
        raise FileProblem(f"{NAMES['polar']}: start '{date} {clock}' not understood")
    distance_km = _num([summary.get("total distance (km)", "")])[0]
    duration = _hms(summary.get("duration", ""))  # the training time, pauses left out
    totals = {"distance_m": distance_km * 1000, "elapsed_s": duration, "moving_s": duration,
              "avg_hr_bpm": _num([summary.get("average heart rate (bpm)", "")])[0],
              "ascent_m": _num([summary.get("ascent (m)", "")])[0]}
    seconds = np.array([_hms(r[header["time"]]) if "time" in header and header["time"] < len(r) else np.nan for r in body])
    return [Recording(
        seconds=seconds,
        columns={"heart_rate_bpm": _col(header, body, "hr (bpm)"),
                 "speed_m_s": _speed_from_kmh(_col(header, body, "speed (km/h)")),
                 "cadence": _col(header, body, "cadence"),
                 "altitude_m": _col(header, body, "altitude (m)"),
                 "distance_m": _col(header, body, "distances (m)"),
                 "power_w": _col(header, body, "power (w)"),
                 "temperature_c": _col(header, body, "temperatures (c)")},
        start_local=start, sport_raw=summary.get("sport", ""), totals=totals,
        name=summary.get("name", ""), notes=summary.get("notes", ""))]


# --- Wahoo Fitness app: key/value preamble, workout summary, intervals, samples -------------

def _wahoo(rows: list[list[str]]) -> list[Recording]:
    when = next((r for r in rows[:5] if r and r[0].lower() == "year"), None)
    if when is None:
        raise FileProblem(f"{NAMES['wahoo']}: no Year/Month/Day line")
    parts = {when[i].lower(): when[i + 1] for i in range(0, len(when) - 1, 2)}
    try:
        start = pd.Timestamp(*(int(float(parts[k])) for k in ("year", "month", "day", "hour", "minute", "second")))
    except (KeyError, ValueError) as exc:
        raise FileProblem(f"{NAMES['wahoo']}: start time not understood ({exc})") from exc
    at = next((i for i, r in enumerate(rows) if r and r[0].lower() == "time"), None)
    if at is None:
        raise FileProblem(f"{NAMES['wahoo']}: no sample table (a 'time,...' header)")
    header, body = _table(rows, at)
    totals: dict[str, float] = {}
    workout = next((i for i, r in enumerate(rows) if r and r[0].lower() == "workout"), None)
    if workout is not None and workout + 1 < len(rows):
        w = {k.lower(): v for k, v in zip(rows[workout], rows[workout + 1])}
        running, paused = _num([w.get("runningtime", "")])[0], _num([w.get("pausedtime", "")])[0]
        distance = next((d for d in _num([w.get(k, "") for k in ("gpsdist", "stridedist", "wheeldist", "manualdist")])
                         if d > 0), np.nan)
        totals = {"distance_m": distance, "moving_s": running, "elapsed_s": running + np.nan_to_num(paused),
                  "avg_hr_bpm": _num([w.get("hravg", "")])[0]}
    distance = next((d for d in (_col(header, body, n) for n in ("gps_dist", "fp_accdist", "spd_accdist", "pwr_accdist"))
                     if d is not None and (d > 0).any()), None)
    speed = next((s for s in (_col(header, body, n) for n in ("gps_speed", "fp_speed", "spd_instspeed", "pwr_speed"))
                  if s is not None and (s > 0).any()), None)
    cadence = next((c for c in (_col(header, body, n) for n in ("ma_cadence", "cad_cadence", "pwr_cadence"))
                    if c is not None and (c > 0).any()), None)
    lat, lon = _col(header, body, "gps_lat"), _col(header, body, "gps_lon")
    placed = lat is not None and lon is not None and ((lat != 0) | (lon != 0)).any()
    return [Recording(
        seconds=_col(header, body, "time"),
        columns={"distance_m": distance, "speed_m_s": speed, "cadence": cadence,
                 "heart_rate_bpm": _col(header, body, "hr_heartrate"),
                 "altitude_m": _col(header, body, "gps_altitude", "disp_altitude"),
                 "lat_deg": lat if placed else None, "lon_deg": lon if placed else None,
                 "power_w": _col(header, body, "pwr_instpwr")},
        start_local=start, totals=totals)]


# --- Epson: INI-like sections, one comma-separated series per line ---------------------------

def _sections(text: str) -> dict[str, list[list[str]]]:
    out: dict[str, list[list[str]]] = {}
    current = ""
    for line in text.lstrip("\ufeff").splitlines():
        stripped = line.strip()
        if re.fullmatch(r"\[+[^\]]+\]+", stripped):
            current = stripped.strip("[]").lower()
            out.setdefault(current, [])
        elif stripped and current:
            out[current].extend(_rows(stripped))
    return out


def _epson(text: str) -> list[Recording]:
    what = NAMES["epson"]
    sections = _sections(text)
    result = sections.get("trainingresult", [])
    head = next((i for i, r in enumerate(result) if r and r[0].lower() == "trainingkindid"), None)
    if head is None or head + 1 >= len(result):
        raise FileProblem(f"{what}: no [TrainingResult] table")
    info = {k.lower(): v for k, v in zip(result[head], result[head + 1])}
    start = pd.to_datetime(f"{info.get('startday', '')} {info.get('starttime', '')}", format="%Y/%m/%d %H:%M:%S", errors="coerce")
    end = pd.to_datetime(f"{info.get('endday', '')} {info.get('endtime', '')}", format="%Y/%m/%d %H:%M:%S", errors="coerce")
    if pd.isna(start):
        raise FileProblem(f"{what}: start time not understood")
    offset_min = _num([info.get("timezoneoffset", "")])[0]
    graph = {r[0].lower(): r[1:] for r in sections.get("graphdata", []) if r}
    interval = _num(graph.get("loginterval", ["1"])[:1])[0] or 1.0
    series = {k: _num(v) for k, v in graph.items() if k.startswith("graph") or k == "heartrate"}
    n = max((v.size for v in series.values()), default=0)
    if n == 0:
        raise FileProblem(f"{what}: no [GraphData] samples")

    def get(name: str, scale: float = 1.0) -> np.ndarray | None:
        values = series.get(name)
        return None if values is None else np.pad(values, (0, n - values.size), constant_values=np.nan) * scale

    names = {k.lower(): r[1] for r in result[:head] if len(r) > 1 for k in [r[0]]}
    totals = {"distance_m": _num([info.get("distance", "")])[0], "moving_s": _num([info.get("trainingtime", "")])[0],
              "elapsed_s": (end - start).total_seconds() if not pd.isna(end) else np.nan}
    return [Recording(
        seconds=np.arange(n) * interval,
        columns={"distance_m": get("graphdistance"), "speed_m_s": get("graphspeed", 1 / 3600),
                 "altitude_m": get("graphaltitude"), "heart_rate_bpm": get("heartrate"), "cadence": get("graphpitch")},
        start_local=start,
        start_utc=start - pd.Timedelta(minutes=offset_min) if np.isfinite(offset_min) else None,
        totals=totals, name=names.get("trainingname", ""), notes=names.get("memo", ""))]


# --- CycleOps Joule: summary line, zones, then samples against minutes ----------------------

def _joule(rows: list[list[str]]) -> list[Recording]:
    what = NAMES["joule"]
    summary = {k.strip().lower(): v for k, v in zip(rows[0], rows[1])} if len(rows) > 1 else {}
    start = pd.to_datetime(summary.get("date/time", ""), errors="coerce")
    if pd.isna(start):
        raise FileProblem(f"{what}: start time not understood")
    at = next((i for i, r in enumerate(rows[:10]) if r and r[0].strip().lower() == "minutes"), None)
    if at is None:
        raise FileProblem(f"{what}: no sample table (a 'Minutes,...' header)")
    header, body = _table(rows, at)
    km = _col(header, body, "km")
    lat, lon = _col(header, body, "latitude"), _col(header, body, "longitude")
    placed = lat is not None and lon is not None and ((lat != 0) | (lon != 0)).any()
    return [Recording(
        seconds=_col(header, body, "minutes") * 60,
        columns={"distance_m": None if km is None else km * 1000, "speed_m_s": _speed_from_kmh(_col(header, body, "km/h")),
                 "heart_rate_bpm": _col(header, body, "hrate"), "cadence": _col(header, body, "cadence"),
                 "power_w": _col(header, body, "watts"), "altitude_m": _col(header, body, "altitude (m)"),
                 "lat_deg": lat if placed else None, "lon_deg": lon if placed else None},
        start_local=start, sport_raw="cycling", device=f"CycleOps {summary.get('device type', 'Joule')}".strip(),
        warnings=[f"{what}: sport taken as cycling (a Joule is a bike computer)"])]


# --- Motorola MOTOACTV: one sample per row, epoch milliseconds, one or more activity ids ----

def _motoactv(rows: list[list[str]]) -> list[Recording]:
    header, body = _table(rows, 0)
    epoch_ms = _col(header, body, "timestamp_epoch")
    if epoch_ms is None:
        raise FileProblem(f"{NAMES['motoactv']}: no timestamp_epoch column")
    ids = [r[header["activity_id"]] if "activity_id" in header and header["activity_id"] < len(r) else "" for r in body]
    out = []
    for ident in dict.fromkeys(ids):
        mine = [r for r, i in zip(body, ids) if i == ident]
        ms = _col(header, mine, "timestamp_epoch")
        ms = np.where((ms < 0) | (ms > 1e14), np.nan, ms)  # beyond year 5138: damage
        if not np.isfinite(ms).any():
            continue
        first = np.nanmin(ms)
        steps = _col(header, mine, "steps_per_minute")
        lat, lon = _col(header, mine, "latitude"), _col(header, mine, "longitude")
        out.append(Recording(
            seconds=(ms - first) / 1000,
            columns={"distance_m": _col(header, mine, "distance"), "speed_m_s": _col(header, mine, "speed"),
                     "heart_rate_bpm": _col(header, mine, "heartrate"), "altitude_m": _col(header, mine, "elevation"),
                     "cadence": steps if steps is not None and (steps > 0).any() else None,
                     "power_w": _col(header, mine, "power"), "lat_deg": lat, "lon_deg": lon},
            start_utc=pd.Timestamp(first, unit="ms")))
    if not out:
        raise FileProblem(f"{NAMES['motoactv']}: no row has a readable timestamp_epoch")
    return out


# --- FitCSVTool: Type,Local Number,Message, then Field/Value/Units triplets ------------------

def _fit_fields(row: list[str]) -> dict[str, str]:
    return {row[i].strip(): row[i + 1].strip() for i in range(3, len(row) - 1, 3) if row[i].strip()}


def _fitcsv(rows: list[list[str]]) -> list[Recording]:
    what = NAMES["fitcsv"]
    records, sessions, file_type = [], [], ""
    for row in rows[1:]:
        if len(row) > 3 and row[0].lower() == "data":
            if row[2] == "record":
                records.append(_fit_fields(row))
            elif row[2] == "session":
                sessions.append(_fit_fields(row))
            elif row[2] == "file_id" and not file_type:
                file_type = _fit_fields(row).get("type", "")
    file_type = FIT_FILE_TYPES.get(file_type, file_type)
    if file_type and file_type != "activity":
        raise NotAnActivity(f"{what} of a FIT {file_type} file, not an activity")
    if not records:
        raise FileProblem(f"{what}: no 'record' messages (samples); read the original .fit file")
    frame = pd.DataFrame(records)
    stamp = _num(frame.get("timestamp", pd.Series(dtype=object)))
    stamp = np.where((stamp >= 0) & (stamp < 2 ** 32), stamp, np.nan)  # FIT times are uint32
    if not np.isfinite(stamp).any():
        raise FileProblem(f"{what}: no record has a readable timestamp")
    warnings: list[str] = []
    latest = (pd.Timestamp.now() + pd.Timedelta(days=366)).timestamp()
    if np.nanmax(stamp, initial=-np.inf) + FIT_EPOCH_UNIX_S > latest:
        warnings.append(f"{what}: timestamps are Unix seconds, not FIT-epoch seconds (a converted file)")
        epoch = 0
    else:
        epoch = FIT_EPOCH_UNIX_S
    first = np.nanmin(stamp)

    def col(*names: str, scale: float = 1.0) -> np.ndarray | None:
        for name in names:
            if name in frame:
                return _num(frame[name]) * scale
        return None

    semicircle = 180.0 / 2 ** 31
    lat, lon = col("position_lat", scale=semicircle), col("position_long", scale=semicircle)
    session = sessions[0] if sessions else {}
    sport = session.get("sport", "")
    sport = FIT_SPORTS.get(int(sport), sport) if sport.isdigit() else sport
    distance = _num([session.get("total_distance", "")])[0]
    return [Recording(
        seconds=stamp - first,
        columns={"distance_m": col("distance"), "speed_m_s": col("enhanced_speed", "speed"),
                 "heart_rate_bpm": col("heart_rate"), "cadence": col("cadence"),
                 "altitude_m": col("enhanced_altitude", "altitude"), "power_w": col("power"),
                 "temperature_c": col("temperature"), "lat_deg": lat, "lon_deg": lon},
        start_utc=pd.Timestamp(first + epoch, unit="s"), sport_raw=sport,
        totals={"distance_m": distance}, warnings=warnings)]
