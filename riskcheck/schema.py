"""The columns of riskcheck's frames, with their units.

Everything inside riskcheck is SI (metres, seconds, m/s); conversion to km or miles
happens only at the edges (CLI, reports). Timestamps are tz-aware UTC; each activity also
carries its local wall-clock start so that days and weeks follow the athlete's calendar.
These tables are the single source of truth for column names: the README and the docs
are generated from them.
"""

from __future__ import annotations

# Speed bands (m/s, lower edges) used for "cadence at comparable speed" and for
# time above a threshold pace. 0.5 m/s wide: about 25-40 s/km of pace at running speeds.
SPEED_BAND_EDGES_M_S: tuple[float, ...] = (1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0)
# Heart-rate bands (bpm, lower edges), 10 bpm wide; the top band is open-ended.
# Sources without samples (diaries, activity lists) put their whole moving time into the
# band of their average speed and average heart rate (readers/summarize.py summary_bands).
HR_BAND_EDGES_BPM: tuple[int, ...] = (100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200)


def speed_band_label(lower_m_s: float) -> str:
    """'3p5' for the band starting at 3.5 m/s (column names must not contain dots)."""
    return f"{lower_m_s:.1f}".replace(".", "p")


SPEED_TIME_COLUMNS = [f"time_speed_{speed_band_label(v)}_s" for v in SPEED_BAND_EDGES_M_S]
SPEED_CADENCE_COLUMNS = [f"cadence_speed_{speed_band_label(v)}_spm" for v in SPEED_BAND_EDGES_M_S]
HR_TIME_COLUMNS = [f"time_hr_{v}_s" for v in HR_BAND_EDGES_BPM]

SPORTS = ("run", "trail_run", "treadmill_run", "track_run", "walk_hike", "ride", "swim",
          "strength", "yoga_pilates", "other")
RUN_SPORTS = frozenset({"run", "trail_run", "treadmill_run", "track_run"})
# The strength and core work the guidance asks for (strength, core, circuit sessions) and the
# mobility classes it names beside it (yoga, Pilates).
STRENGTH_WORK_SPORTS = frozenset({"strength", "yoga_pilates"})
# Running dynamics, per run: the run's own average as the device or service summarised it
# (FIT session, activity list) or, without one, the mean of its samples.
RUNNING_DYNAMICS_COLUMNS = ("avg_ground_contact_s", "ground_contact_balance_left_pct",
                            "avg_vertical_oscillation_m", "avg_vertical_ratio_pct", "avg_step_length_m")
SURFACES = ("road", "trail", "track", "treadmill", "unknown")
SURFACE_SOURCES = ("device", "service", "user", "inferred", "unknown")

# name -> (dtype, unit, description). Order is the column order of the activities frame.
ACTIVITY_COLUMNS: dict[str, tuple[str, str, str]] = {
    "activity_id": ("string", "", "Stable id: hash of the source file and the activity's start."),
    "athlete": ("string", "", "Athlete name (empty for a single runner's log)."),
    "source_file": ("string", "", "Where the activity came from; archive members as 'archive.zip!member'."),
    "source_format": ("string", "", "fit, gpx, tcx, csv_garmin, csv_strava, csv_log or csv_samples "
                                    "(a per-sample recording)."),
    "start_time_utc": ("datetime64[ns, UTC]", "UTC", "Start of the activity."),
    "start_local": ("datetime64[ns]", "local wall clock", "Start in the athlete's local time."),
    "local_date": ("datetime64[ns]", "local date", "Calendar day of the start (midnight, naive)."),
    "tz_source": ("string", "", "Where the local time came from: file (offset or local time in the file), "
                  "position (time zone where the track starts, looked up offline), setting (--tz), "
                  "utc (assumed: no offset known), local (local time only: UTC instant unknown) or "
                  "matched (offset learnt from a diary row of the same session)."),
    "sport": ("string", "", "Classified sport: " + ", ".join(SPORTS) + "."),
    "sport_raw": ("string", "", "Sport (and sub-sport) as the source wrote it."),
    "is_run": ("bool", "", "True for run, trail_run, treadmill_run and track_run."),
    "surface": ("string", "", "Surface: " + ", ".join(SURFACES) + "."),
    "surface_source": ("string", "", "Where the surface came from: " + ", ".join(SURFACE_SOURCES) + "."),
    "name": ("string", "", "Activity title, when the source has one."),
    "device": ("string", "", "Recording device or app, when known."),
    "shoe": ("string", "", "Shoe or gear name, when the source names it."),
    "elapsed_s": ("float64", "s", "Elapsed time, start to end, pauses included."),
    "moving_s": ("float64", "s", "Moving time (timer time or time spent above walking pace)."),
    "distance_m": ("float64", "m", "Distance."),
    "ascent_m": ("float64", "m", "Total climbing."),
    "descent_m": ("float64", "m", "Total descent."),
    "avg_speed_m_s": ("float64", "m/s", "Average speed over moving time."),
    "max_speed_m_s": ("float64", "m/s", "Maximum speed."),
    "avg_hr_bpm": ("float64", "1/min", "Average heart rate."),
    "max_hr_bpm": ("float64", "1/min", "Maximum heart rate."),
    "avg_cadence_spm": ("float64", "steps/min", "Average running/walking cadence in steps per minute (both feet)."),
    "avg_ground_contact_s": ("float64", "s", "Average ground contact time (running dynamics)."),
    "ground_contact_balance_left_pct": ("float64", "%", "Left foot's share of ground contact time (50 = even)."),
    "avg_vertical_oscillation_m": ("float64", "m", "Average vertical oscillation (bounce) per step."),
    "avg_vertical_ratio_pct": ("float64", "%", "Average vertical ratio: oscillation over step length."),
    "avg_step_length_m": ("float64", "m", "Average step length, as the device measured it."),
    "rpe": ("float64", "CR-10", "Perceived effort 0-10, when logged."),
    "back_pain": ("float64", "0-10", "Back-pain score 0-10, when logged."),
    "notes": ("string", "", "Free-text notes, when logged."),
    "race": ("bool", "", "True when the source marks the activity as a race or competition; False when "
             "it does not say so."),
    "n_samples": ("Int64", "", "Number of samples (records/trackpoints) read; <NA> for summary-only sources."),
    "columns_lost": ("string", "", "Sample channels the file had but riskcheck could not use (warned)."),
    **{c: ("float64", "s", f"Moving time at speed in [{lo}, {lo + 0.5}) m/s"
           + (" and above" if i == len(SPEED_BAND_EDGES_M_S) - 1 else "") + ".")
       for i, (c, lo) in enumerate(zip(SPEED_TIME_COLUMNS, SPEED_BAND_EDGES_M_S))},
    **{c: ("float64", "steps/min", f"Mean cadence while at speed in [{lo}, {lo + 0.5}) m/s.")
       for c, lo in zip(SPEED_CADENCE_COLUMNS, SPEED_BAND_EDGES_M_S)},
    **{c: ("float64", "s", f"Time with heart rate in [{lo}, {lo + 10}) bpm"
           + (" and above" if i == len(HR_BAND_EDGES_BPM) - 1 else "") + ".")
       for i, (c, lo) in enumerate(zip(HR_TIME_COLUMNS, HR_BAND_EDGES_BPM))},
}

# Columns of one activity's per-sample frame; the index is `time` (tz-aware UTC).
SAMPLE_COLUMNS: dict[str, tuple[str, str]] = {
    "lat_deg": ("deg", "Latitude (WGS84)."),
    "lon_deg": ("deg", "Longitude (WGS84)."),
    "altitude_m": ("m", "Altitude (enhanced altitude where the device writes it)."),
    "distance_m": ("m", "Cumulative distance from the start."),
    "speed_m_s": ("m/s", "Instantaneous speed."),
    "heart_rate_bpm": ("1/min", "Heart rate."),
    "cadence_spm": ("steps/min", "Running/walking cadence, both feet."),
    "cadence_rpm": ("1/min", "Pedalling or stroke cadence (non-foot sports)."),
    "power_w": ("W", "Power (native or developer field)."),
    "ground_contact_s": ("s", "Ground contact time (native field, or Stryd's developer field)."),
    "ground_contact_balance_left_pct": ("%", "Left foot's share of ground contact time."),
    "vertical_oscillation_m": ("m", "Vertical oscillation."),
    "vertical_ratio_pct": ("%", "Vertical ratio: oscillation over step length."),
    "step_length_m": ("m", "Step length."),
    "temperature_c": ("°C", "Temperature measured by the device (air or skin; watch sensors read warm)."),
}


def empty_activities():
    """An activities frame with every column and no rows, with the documented dtypes."""
    import pandas as pd

    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, (dtype, _, _) in ACTIVITY_COLUMNS.items()})


def columns_markdown() -> str:
    """docs/columns.md: every column of the activities and samples frames with its unit."""
    lines = ["# Columns", "",
             "Generated from `riskcheck/schema.py` (a test keeps this page in sync).", "",
             "## Activities (`riskcheck.read(...).activities`)", "",
             "| column | dtype | unit | meaning |", "|---|---|---|---|"]
    lines += [f"| `{name}` | {dtype} | {unit} | {text} |" for name, (dtype, unit, text) in ACTIVITY_COLUMNS.items()]
    lines += ["", "## Samples (`riskcheck.read_samples(...)`, index `time`, tz-aware UTC)", "",
              "| column | unit | meaning |", "|---|---|---|"]
    lines += [f"| `{name}` | {unit} | {text} |" for name, (unit, text) in SAMPLE_COLUMNS.items()]
    return "\n".join(lines) + "\n"
