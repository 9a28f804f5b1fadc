"""Summary CSVs: riskcheck's simple log (a runner's own diary), Garmin Connect's activity
list (English UI, metric units) and Strava's bulk-export activities.csv (2020+ layout,
with its repeated column names)."""

from __future__ import annotations

import csv
import io

import numpy as np

from riskcheck.sampledata.athlete import Activity

SIMPLE_LOG_COLUMNS = ["date", "distance_km", "duration", "sport", "surface", "cadence_spm",
                      "elevation_gain_m", "rpe", "back_pain", "race", "shoe", "notes"]
SURFACE_OF_SPORT = {"run": "road", "trail_run": "trail", "treadmill_run": "treadmill"}


def _csv(header: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def hms(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 3600:d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _number(value: float | None, fmt: str = "g") -> str:
    return "" if value is None else format(value, fmt)


def race_cell(session) -> str:
    return "yes" if session.kind == "race" else ""


def encode_simple_log(activities: list[Activity]) -> bytes:
    """One row per session: the local start (date and time, so a diary row can be matched
    with the same run's device file), moving time, and the runner's own RPE and back pain."""
    rows = []
    for act in activities:
        s = act.session
        running = act.cadence_spm is not None
        rows.append([
            s.start_local.strftime("%Y-%m-%d %H:%M"),
            f"{act.total_distance_m / 1000:.2f}",
            hms(act.timer_s),
            s.sport,
            SURFACE_OF_SPORT.get(s.sport, ""),
            f"{np.mean(act.cadence_spm):.0f}" if running else "",
            f"{act.climb_m()[0]:.0f}" if act.altitude_m is not None else "",
            _number(s.rpe), _number(s.back_pain), race_cell(s), s.shoe, s.notes,
        ])
    return _csv(SIMPLE_LOG_COLUMNS, rows)


GARMIN_COLUMNS = [
    "Activity Type", "Date", "Favorite", "Title", "Distance", "Calories", "Time", "Avg HR", "Max HR",
    "Aerobic TE", "Avg Run Cadence", "Max Run Cadence", "Avg Pace", "Best Pace", "Total Ascent",
    "Total Descent", "Avg Stride Length", "Avg Vertical Ratio", "Avg Vertical Oscillation",
    "Avg Ground Contact Time", "Avg GAP", "Normalized Power® (NP®)", "Training Stress Score®",
    "Avg Power", "Max Power", "Steps", "Total Reps", "Total Sets", "Decompression", "Best Lap Time",
    "Number of Laps", "Moving Time", "Elapsed Time", "Min Elevation", "Max Elevation"]
GARMIN_TYPES = {"run": "Running", "trail_run": "Trail Running", "treadmill_run": "Treadmill Running",
                "ride": "Cycling", "swim": "Open Water Swimming"}


def _pace(speed_m_s: float) -> str:
    seconds = int(round(1000 / speed_m_s))
    return f"{seconds // 60}:{seconds % 60:02d}"


def encode_garmin_connect(activities: list[Activity]) -> bytes:
    """Garmin Connect 'Activities.csv' (2025 English layout, metric): local start time,
    km, min/km, run cadence in steps/min, '--' for values the activity lacks."""
    rows = []
    for act in activities:
        running = act.cadence_spm is not None
        ascent, descent = act.climb_m()
        has_alt = act.altitude_m is not None
        laps = act.laps()
        best_lap = min(act.timer_between(act.t_s[a], act.t_s[b]) for a, b in laps)
        values = {
            "Activity Type": GARMIN_TYPES[act.session.sport],
            "Date": act.session.start_local.strftime("%Y-%m-%d %H:%M:%S"),
            "Favorite": "false",
            "Title": act.session.name,
            "Distance": f"{act.total_distance_m / 1000:.2f}",
            "Calories": str(act.calories()),
            "Time": hms(act.timer_s).zfill(8),
            "Avg HR": f"{np.mean(act.heart_rate_bpm):.0f}",
            "Max HR": f"{np.max(act.heart_rate_bpm):.0f}",
            "Avg Run Cadence": f"{np.mean(act.cadence):.0f}" if running else "--",
            "Max Run Cadence": f"{np.max(act.cadence):.0f}" if running else "--",
            "Avg Pace": _pace(act.total_distance_m / act.timer_s),
            "Best Pace": _pace(float(np.max(act.speed_m_s))),
            "Total Ascent": f"{ascent:.0f}" if has_alt else "--",
            "Total Descent": f"{descent:.0f}" if has_alt else "--",
            "Steps": f"{np.sum(act.cadence_spm) / 60 * act.timer_s / act.t_s.size:.0f}" if running else "--",
            "Decompression": "No",
            "Best Lap Time": f"{hms(best_lap).zfill(8)}.00",
            "Number of Laps": str(len(laps)),
            "Moving Time": hms(act.timer_s).zfill(8),
            "Elapsed Time": hms(act.elapsed_s).zfill(8),
            "Min Elevation": f"{np.min(act.altitude_m):.0f}" if has_alt else "--",
            "Max Elevation": f"{np.max(act.altitude_m):.0f}" if has_alt else "--",
        }
        rows.append([values.get(c, "--") for c in GARMIN_COLUMNS])
    return _csv(GARMIN_COLUMNS, rows)


# Strava's 2025 activities.csv: 99 columns, several names twice (the first 'Distance' is
# km with two decimals, the second metres; the first 'Elapsed Time' an integer). 'Competition'
# marks a race.
STRAVA_COLUMNS = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,"
    "Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,"
    "Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,Elevation Gain,Elevation Loss,"
    "Elevation Low,Elevation High,Max Grade,Average Grade,Average Positive Grade,Average Negative Grade,"
    "Max Cadence,Average Cadence,Max Heart Rate,Average Heart Rate,Max Watts,Average Watts,Calories,"
    "Max Temperature,Average Temperature,Relative Effort,Total Work,Number of Runs,Uphill Time,"
    "Downhill Time,Other Time,Perceived Exertion,Type,Start Time,Weighted Average Power,Power Count,"
    "Prefer Perceived Exertion,Perceived Relative Effort,Commute,Total Weight Lifted,From Upload,"
    "Grade Adjusted Distance,Weather Observation Time,Weather Condition,Weather Temperature,"
    "Apparent Temperature,Dewpoint,Humidity,Weather Pressure,Wind Speed,Wind Gust,Wind Bearing,"
    "Precipitation Intensity,Sunrise Time,Sunset Time,Moon Phase,Bike,Gear,Precipitation Probability,"
    "Precipitation Type,Cloud Cover,Weather Visibility,UV Index,Weather Ozone,Jump Count,Total Grit,"
    "Average Flow,Flagged,Average Elapsed Speed,Dirt Distance,Newly Explored Distance,"
    "Newly Explored Dirt Distance,Activity Count,Total Steps,Carbon Saved,Pool Length,Training Load,"
    "Intensity,Average Grade Adjusted Pace,Timer Time,Total Cycles,Recovery,With Pet,Competition,Long Run,"
    "For a Cause,Media").split(",")
COMPETITION = STRAVA_COLUMNS.index("Competition")
STRAVA_TYPES = {"run": "Run", "trail_run": "Run", "treadmill_run": "Run", "ride": "Ride", "swim": "Swim"}


def strava_row(act: Activity, activity_id: int, filename: str) -> list[str]:
    """One activities.csv row; columns are filled by position because names repeat."""
    row = [""] * len(STRAVA_COLUMNS)
    ascent, descent = act.climb_m()
    has_alt = act.altitude_m is not None
    # Strava stores run cadence per leg (strides/min), like the FIT file it came from.
    cadence = act.cadence / 2 if act.cadence_spm is not None else act.cadence
    start = act.start_utc
    by_position = {
        0: str(activity_id),
        1: f"{start:%b} {start.day}, {start.year}, {start.strftime('%I:%M:%S %p').lstrip('0')}",
        2: act.session.name, 3: STRAVA_TYPES[act.session.sport], 4: act.session.notes,
        5: f"{act.elapsed_s:.0f}", 6: f"{act.total_distance_m / 1000:.2f}",
        7: f"{np.max(act.heart_rate_bpm):.1f}", 9: "false", 11: act.session.shoe, 12: filename,
        15: f"{act.elapsed_s:.1f}", 16: f"{act.timer_s:.1f}", 17: repr(act.total_distance_m),
        18: repr(float(np.max(act.speed_m_s))), 19: repr(act.total_distance_m / act.timer_s),
        20: f"{ascent:.1f}" if has_alt else "", 21: f"{descent:.1f}" if has_alt else "",
        22: f"{np.min(act.altitude_m):.1f}" if has_alt else "", 23: f"{np.max(act.altitude_m):.1f}" if has_alt else "",
        28: f"{np.max(cadence):.1f}", 29: repr(float(np.mean(cadence))),
        30: f"{np.max(act.heart_rate_bpm):.1f}", 31: repr(float(np.mean(act.heart_rate_bpm))),
        34: f"{act.calories():.1f}", 43: _number(act.session.rpe, ".1f"), 50: "false", 52: "1.0",
        80: repr(act.total_distance_m / act.elapsed_s), 84: "1.0", 91: f"{act.timer_s:.1f}",
        COMPETITION: "true" if act.session.kind == "race" else "",
    }
    for position, value in by_position.items():
        row[position] = value
    return row


def encode_strava_activities(rows: list[list[str]]) -> bytes:
    return _csv(STRAVA_COLUMNS, rows)
