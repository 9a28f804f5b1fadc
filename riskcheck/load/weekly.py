"""The weekly table: one row per calendar week (config.week_start, Monday by default).

distance_m, duration_s, longest_run_m, ascent_m and descent_m are running only (what the
rules compare); ascent_m and descent_m are NaN for weeks whose climbing is mostly unknown; cross_training_s is the other sports. Surface shares are shares of the
week's running distance; surface_recorded_share is the share whose surface was recorded rather
than inferred. Monotony is Foster's mean / SD of the 7 daily loads (rest days
count as 0, population SD), computed only for weeks the log covers fully; when every day
carries the same load the SD is 0 and monotony is capped at MONOTONY_CAP. The `status`
column is filled in by riskcheck.assess from the findings.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from riskcheck import schema
from riskcheck.load.cadence import weekly_speed_adjusted_cadence

MONOTONY_CAP = 10.0
# Weekly climbing is unknown (NaN), not zero, when runs covering more than this share of the
# week's running distance carry no climbing: a diary without elevation next to watch files
# with it would otherwise look like a sudden jump in hills.
MIN_KNOWN_SHARE = 0.8
WEEKLY_COLUMNS = (["week_start", "distance_m", "duration_s", "runs", "longest_run_m", "ascent_m", "descent_m",
                   "high_intensity_s", "rest_days", "cross_training_s", "strength_sessions",
                   "yoga_pilates_sessions", "cadence_spm"]
                  + [f"surface_{s}_share" for s in schema.SURFACES] + ["surface_recorded_share"]
                  + ["load", "total_load", "monotony", "strain", "source", "status", "back_pain_max"])
# Surfaces a device, service or the runner named; the rest were inferred from the sport or unknown.
RECORDED_SURFACE = ("device", "service", "user")
FORMAT_NAMES = {"fit": "FIT files", "gpx": "GPX files", "tcx": "TCX files", "csv_garmin": "Garmin Connect list",
                "csv_strava": "Strava list", "csv_log": "training-log list", "csv_samples": "sample CSV files"}


def weekly_table(daily: pd.DataFrame, acts: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """(weekly table, number of days each week has in the log). `daily` and `acts` carry
    a week_start column."""
    g = daily.groupby("week_start")
    weekly = pd.DataFrame({
        "distance_m": g["run_distance_m"].sum(),
        "duration_s": g["duration_s"].sum() - g["cross_training_s"].sum(),
        "runs": g["runs"].sum().astype(int),
        "longest_run_m": g["long_run_m"].max(),
        "ascent_m": g["ascent_m"].sum(),
        "descent_m": g["descent_m"].sum(),
        "high_intensity_s": g["high_intensity_s"].sum(),
        "rest_days": g["is_rest_day"].sum().astype(int),
        "cross_training_s": g["cross_training_s"].sum(),
        "strength_sessions": g["strength_sessions"].sum().astype(int),
        "yoga_pilates_sessions": g["yoga_pilates_sessions"].sum().astype(int),
        "load": g["load"].sum(),
        "total_load": g["total_load"].sum(),
    })
    days_in_log = g.size()
    runs = acts[acts["is_run"]]
    for column in ("ascent_m", "descent_m"):
        weekly[column] = weekly[column].where(~_mostly_unknown(runs, column).reindex(weekly.index, fill_value=False))
    weekly["cadence_spm"] = weekly_speed_adjusted_cadence(runs, runs["week_start"]).reindex(weekly.index)
    shares = runs.pivot_table(index="week_start", columns="surface", values="distance_m", aggfunc="sum")
    shares = shares.reindex(columns=list(schema.SURFACES)).fillna(0.0)
    shares = shares.div(shares.sum(axis=1).where(lambda s: s > 0), axis=0).reindex(weekly.index)
    for surface in schema.SURFACES:
        weekly[f"surface_{surface}_share"] = shares[surface]
    recorded = runs["distance_m"].where(runs["surface_source"].isin(RECORDED_SURFACE), 0.0)
    weekly["surface_recorded_share"] = (recorded.groupby(runs["week_start"]).sum()
                                        / runs["distance_m"].groupby(runs["week_start"]).sum().where(lambda s: s > 0))
    mean, sd = g["load"].mean(), g["load"].std(ddof=0)
    monotony = (mean / sd.where(sd > 0)).where(sd > 0, np.where(mean > 0, MONOTONY_CAP, np.nan)).clip(upper=MONOTONY_CAP)
    weekly["monotony"] = monotony.where(days_in_log == 7)
    weekly["strain"] = weekly["load"] * weekly["monotony"]
    weekly["source"] = _main_source(runs).reindex(weekly.index).astype("string")
    weekly["status"] = "low"
    weekly["back_pain_max"] = acts.groupby("week_start")["back_pain"].max().reindex(weekly.index).astype(float)
    weekly = weekly.rename_axis("week_start").reset_index()
    return weekly[WEEKLY_COLUMNS], days_in_log.reset_index(drop=True)


def _mostly_unknown(runs: pd.DataFrame, column: str) -> pd.Series:
    """Per week: True when less than MIN_KNOWN_SHARE of the running distance has `column`."""
    by_week = runs.groupby("week_start")["distance_m"]
    known = runs["distance_m"].where(runs[column].notna(), 0.0).groupby(runs["week_start"]).sum()
    return known < MIN_KNOWN_SHARE * by_week.sum()


def _main_source(runs: pd.DataFrame) -> pd.Series:
    """Per week: the format (and device, when known) that carried most of the running distance."""
    if runs.empty:
        return pd.Series(dtype="string")
    fmt = runs["source_format"].astype("string").fillna("")
    name = fmt.map(lambda f: FORMAT_NAMES.get(f, f)).astype("string")
    # GPX creators often name themselves with their web address ("Runkeeper - http://...")
    device = runs["device"].astype("string").fillna("").str.replace(r"[\s-]*https?://\S+", "", regex=True).str.strip()
    key = name.where(device == "", name + " (" + device + ")")
    by_key = runs["distance_m"].fillna(0.0).groupby([runs["week_start"], key]).sum()
    return by_key.groupby(level=0).idxmax().map(lambda pair: pair[1])
