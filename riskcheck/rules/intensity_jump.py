"""RC07: weekly time at high intensity well above the runner's recent weeks."""

from __future__ import annotations

from riskcheck.load.tables import Tables
from riskcheck.rules.base import Finding, Rule, Threshold
from riskcheck.rules.helpers import run_ids, weekly_rises

SOURCE = "PhysioMantra and NeedToRace (seed guidance): avoid sudden increases in intensity"


def check(tables: Tables, t: dict[str, float]) -> list[Finding]:
    findings = []
    for r in weekly_rises(tables, "high_intensity_s", t, 60.0).itertuples():
        week = tables.weekly.loc[r.row, "week_start"]
        findings.append(Finding(
            date=r.date, severity=r.severity, measured=r.value, threshold=r.limit, unit="min",
            activity_ids=run_ids(tables, week, r.date),
            message=(f"The week of {week:%Y-%m-%d} held {r.value:.0f} min of high-intensity running, against a "
                     f"{int(t['baseline_weeks'])}-week mean of {r.baseline:.0f} min.")))
    return findings


RULE = Rule(
    id="RC07", slug="intensity-jump", title="Intensity jump",
    looks_at=("weekly minutes at high intensity (heart rate at or above 85 % of max HR; without it, pace "
              "faster than the runner's own threshold-pace estimate) against the previous 4 full weeks"),
    why=("The guidance names sudden increases in intensity, not only in distance, as a cause of back strain: "
         "faster running means harder landings and more work for the trunk muscles. No study gives a "
         "threshold, so the evidence is weak and the limits are riskcheck's own."),
    evidence="weak", source=SOURCE,
    recommendation="Add one hard session at a time and keep the rest of the week easy.",
    recommendation_ids=("progress-gradually", "rest-and-variety"),
    severities=("info", "caution"),
    thresholds=(
        Threshold("info_ratio", 1.5, "x", "week above this multiple of the 4-week mean", "riskcheck choice"),
        Threshold("info_min_increase", 20, "min", "and at least this much more than the mean", "riskcheck choice"),
        Threshold("caution_ratio", 2.0, "x", "caution above this multiple", "riskcheck choice"),
        Threshold("caution_min_increase", 40, "min", "and at least this much more", "riskcheck choice"),
        Threshold("baseline_weeks", 4, "weeks", "baseline window", "riskcheck choice", minimum=1),
    ),
    check=check,
)
