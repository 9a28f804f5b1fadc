"""Frames shaped like the load/rules layer's Assessment contract, built from a seeded random
training log, for use until riskcheck.assess is committed."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import numpy as np
import pandas as pd


def contract_assessment(weeks: int = 12, seed: int = 4, athlete: str = "Ana <b>&") -> SimpleNamespace:
    rng = np.random.default_rng(seed)
    days = pd.date_range("2025-01-06", periods=weeks * 7, freq="D")
    ran = rng.random(len(days)) < 0.55
    dist = np.where(ran, rng.uniform(4000, 12000, len(days)), 0.0)
    dist[len(days) - 10] = 24000.0  # one long-run spike
    runs = (dist > 0).astype(int)
    daily = pd.DataFrame({
        "date": days, "distance_m": dist, "duration_s": dist / 2.8, "runs": runs,
        "run_distance_m": dist, "long_run_m": dist, "ascent_m": dist * rng.uniform(0, 0.02, len(days)),
        "descent_m": dist * rng.uniform(0, 0.02, len(days)), "high_intensity_s": dist / 30,
        "cross_training_s": 0.0, "load": dist / 100})
    acute = daily["load"].rolling(7).mean()
    chronic = daily["load"].shift(7).rolling(21).mean()
    daily["acwr_uncoupled"] = acute / chronic
    daily["acwr_ewma"] = (daily["load"].ewm(span=7).mean() / daily["load"].ewm(span=28).mean()).where(
        daily.index >= 27)
    daily["is_rest_day"] = runs == 0
    week = daily["date"] - pd.to_timedelta(daily["date"].dt.dayofweek, unit="D")
    weekly = daily.groupby(week).agg(
        distance_m=("distance_m", "sum"), duration_s=("duration_s", "sum"), runs=("runs", "sum"),
        longest_run_m=("long_run_m", "max"), ascent_m=("ascent_m", "sum"), descent_m=("descent_m", "sum"),
        high_intensity_s=("high_intensity_s", "sum"), rest_days=("is_rest_day", "sum"),
        cross_training_s=("cross_training_s", "sum"), load=("load", "sum")).reset_index(names="week_start")
    weekly["cadence_spm"] = 172 + rng.normal(0, 3, weeks)
    shares = rng.dirichlet([6, 2, 1, 1, 0.3], weeks)
    for i, s in enumerate(("road", "trail", "track", "treadmill", "unknown")):
        weekly[f"surface_{s}_share"] = shares[:, i]
    weekly["monotony"] = 1.2
    weekly["strain"] = weekly["load"] * 1.2
    weekly["status"] = np.where(weekly["distance_m"] > 45000, "high", "low")
    weekly.loc[weekly.index[-2], "status"] = "moderate"
    weekly["back_pain_max"] = np.nan
    spike_day = days[len(days) - 10]
    findings = pd.DataFrame([{
        "athlete": athlete, "rule_id": "RC01", "rule_slug": "long-run-spike",
        "title": "Long-run spike <i>", "severity": "high", "date": spike_day,
        "week_start": spike_day - pd.Timedelta(days=spike_day.dayofweek), "activity_ids": "a1",
        "measured": 60.0, "threshold": 10.0, "unit": "%",
        "message": "A 24.0 km run was 60 % longer than the longest run of the 30 days before.",
        "why": "Runs much longer than recent ones went with more overuse injuries.",
        "source": "Frandsen et al. 2025", "evidence": "strong",
        "recommendation": "Grow the long run by at most 10 %."}])
    return SimpleNamespace(
        athlete=athlete, config=None, daily=daily, weekly=weekly, findings=findings,
        status=SimpleNamespace(level="high", reasons=["A run 60 % longer than the previous 30 days' longest."],
                               as_of=days[-1].date()),
        guidance=SimpleNamespace(week_start=(days[-1] + pd.Timedelta(days=1)).date(),
                                 max_distance_m=40000.0, max_long_run_m=14000.0,
                                 favour=["easy runs on soft surfaces"], avoid=["hill repeats"],
                                 explanation=["Caps follow your last four weeks."]),
        recommendations=[SimpleNamespace(id="R1", title="Shorter long run", text="Keep it under 14 km.",
                                         source="Frandsen et al. 2025", triggered_by=["RC01"], priority=1)],
        warning_signs=["Pain that spreads down a leg"], rules=[])


TODAY = date(2025, 3, 31)
