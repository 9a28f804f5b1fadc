"""RC04: cadence below the runner's own baseline at comparable speed."""

from __future__ import annotations

import numpy as np
import pandas as pd

from riskcheck.load.cadence import band_cadence
from riskcheck.load.tables import Tables
from riskcheck.rules.base import Finding, Rule, Threshold
from riskcheck.rules.helpers import level_for

SOURCE = "Heiderscheit et al. 2011, Med Sci Sports Exerc 43(2):296-302"


COMPARISON_COLUMNS = ["date", "activity_id", "cadence_spm", "baseline_spm", "drop_pct", "judged"]


def cadence_against_baseline(tables: Tables, t: dict[str, float]) -> pd.DataFrame:
    """Per run with cadence: its cadence at the speeds it shares with the baseline, the
    baseline (the runner's own cadence in those speed bands over the `baseline_days` before),
    the drop in % and whether the rule judges it (enough baseline runs and shared speeds).
    The rule's findings and the report's cadence chart both read this table."""
    runs = tables.runs
    if runs.empty:
        return pd.DataFrame(columns=COMPARISON_COLUMNS)
    times, cadence = band_cadence(runs)
    days = pd.DatetimeIndex(tables.daily["date"])
    window = int(t["baseline_days"])

    def baseline_sums(values: np.ndarray) -> np.ndarray:
        """Per run and band: sum of `values` over runs in the `window` days before its day."""
        per_day = pd.DataFrame(values).groupby(runs["local_date"].to_numpy()).sum().reindex(days, fill_value=0.0)
        rolled = per_day.rolling(window, min_periods=1).sum().shift(1)
        return rolled.reindex(runs["local_date"]).to_numpy()

    base_time = baseline_sums(times)
    with np.errstate(invalid="ignore", divide="ignore"):
        base_cadence = baseline_sums(times * cadence) / base_time
    base_runs = baseline_sums((times.sum(axis=1) > 0).astype(float)[:, None])[:, 0]
    comparable = (times > 0) & np.isfinite(base_cadence) & (base_time > 0)
    weight = np.where(comparable, times, 0.0)
    covered = weight.sum(axis=1) / np.maximum(times.sum(axis=1), 1e-9)
    with np.errstate(invalid="ignore", divide="ignore"):
        drop = (np.where(comparable, 1 - cadence / np.where(comparable, base_cadence, 1.0), 0.0) * weight).sum(axis=1) \
            / weight.sum(axis=1) * 100
        own = (cadence * weight).sum(axis=1) / weight.sum(axis=1)
        base = (np.nan_to_num(base_cadence) * weight).sum(axis=1) / weight.sum(axis=1)
    judged = (base_runs >= t["min_baseline_runs"]) & (covered >= t["min_comparable_share"]) & np.isfinite(drop)
    table = pd.DataFrame({"date": runs["local_date"].to_numpy(), "activity_id": runs["activity_id"].astype(str).to_numpy(),
                          "cadence_spm": own, "baseline_spm": base, "drop_pct": drop, "judged": judged})
    return table[np.isfinite(own)].reset_index(drop=True)


def check(tables: Tables, t: dict[str, float]) -> list[Finding]:
    table = cadence_against_baseline(tables, t)
    levels = [(t["info_pct"], "info"), (t["caution_pct"], "caution")]
    window = int(t["baseline_days"])
    findings = []
    for run in table[table["judged"] & (table["drop_pct"] >= t["info_pct"])].itertuples():
        severity, threshold = level_for(run.drop_pct + 2e-9, levels)
        findings.append(Finding(
            date=run.date, severity=severity, measured=float(run.drop_pct), threshold=threshold, unit="%",
            activity_ids=(run.activity_id,),
            message=(f"Cadence on {run.date:%Y-%m-%d} was {run.cadence_spm:.0f} steps/min, {run.drop_pct:.1f} % below "
                     f"your {window}-day baseline of {run.baseline_spm:.0f} steps/min at the same speeds.")))
    return findings


RULE = Rule(
    id="RC04", slug="cadence-drop", title="Cadence drop at comparable speed",
    looks_at=("each run's cadence per 0.5 m/s speed band, weighted by time, against the runner's own "
              "cadence in the same bands over the previous 6 weeks"),
    why=("Fewer, longer steps at the same speed mean more load per step: in a treadmill study of 45 runners "
         "a 10 % lower step rate raised the load at every joint measured, and 5-10 % higher rates lowered it. "
         "A drop can also be a sign of fatigue. Lab biomechanics without injury outcomes: moderate evidence. "
         "Cadence depends on speed, so only your own cadence at similar speeds is compared, never a fixed 180."),
    evidence="moderate", source=SOURCE,
    recommendation="Bring your step rate back up by about 5 % at easy pace with short, quick steps.",
    recommendation_ids=("cadence",),
    severities=("info", "caution"),
    thresholds=(
        Threshold("info_pct", 5, "%", "drop below baseline at comparable speed", SOURCE),
        Threshold("caution_pct", 10, "%", "a 10 % lower step rate raised joint loading throughout", SOURCE),
        Threshold("baseline_days", 42, "days", "baseline window (6 weeks)", "riskcheck choice", minimum=1),
        Threshold("min_baseline_runs", 3, "runs", "runs with cadence needed in the baseline", "riskcheck choice",
                  minimum=1),
        Threshold("min_comparable_share", 0.5, "share", "share of the run's time in speed bands the baseline "
                  "covers", "riskcheck choice"),
    ),
    check=check,
)
