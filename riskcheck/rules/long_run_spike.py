"""RC01: a run longer than the longest run of the previous 30 days."""

from __future__ import annotations

import pandas as pd

from riskcheck.load.tables import Tables
from riskcheck.rules.base import Finding, Rule, Threshold
from riskcheck.rules.helpers import above, km, level_for

SOURCE = "Frandsen, Nielsen et al. 2025, Br J Sports Med 59(17):1203-1210"


def check(tables: Tables, t: dict[str, float]) -> list[Finding]:
    window = int(t["window_days"])
    daily = tables.daily.set_index("date")["long_run_m"]
    # longest run over the `window` days before each day (the day itself excluded)
    previous = daily.rolling(window, min_periods=1).max().shift(1)
    runs = tables.runs
    base = runs["local_date"].map(previous)
    known_history = runs["local_date"] - tables.first_day >= pd.Timedelta(days=window)
    usable = known_history & (base >= t["min_base_km"] * 1000)
    increase = (runs["distance_m"] / base - 1) * 100
    levels = [(t["caution_pct"], "caution"), (t["high_pct"], "high")]
    findings = []
    for i in runs.index[usable & above(increase, t["caution_pct"])]:
        run, pct = runs.loc[i], float(increase[i])
        severity, threshold = level_for(pct, levels)
        doubled = " - more than double, the band with the largest hazard in the study" if pct > 100 else ""
        findings.append(Finding(
            date=run["local_date"], severity=severity, measured=pct, threshold=threshold, unit="%",
            activity_ids=(str(run["activity_id"]),),
            message=(f"The {km(run['distance_m'])} run on {run['local_date']:%Y-%m-%d} was {pct:.0f} % longer "
                     f"than the longest run of the previous {window} days ({km(base[i])}){doubled}.")))
    return findings


RULE = Rule(
    id="RC01", slug="long-run-spike", title="Single-run spike",
    looks_at="each run against the longest run of the previous 30 days",
    why=("In the largest running cohort so far (5,205 runners, 588,071 sessions), a single run more than "
         "10 % longer than the longest of the previous month came with a 50-65 % higher rate of overuse "
         "injury, and a run more than twice as long with a 2.3-fold rate. Severity: caution above 10 %; "
         "high above 30 %, where the extra distance in a single session is large as well. Week-to-week and acute:chronic ratios "
         "showed no such link in the same data, which makes this the best-supported rule here."),
    evidence="strong", source=SOURCE,
    recommendation=("Keep any single run within about 10 % of your longest run of the last 30 days; "
                    "lengthen the long run in small steps."),
    recommendation_ids=("progress-gradually", "strength"),
    severities=("caution", "high"),
    thresholds=(
        Threshold("caution_pct", 10, "%", "run longer than the 30-day longest by more than this", SOURCE),
        Threshold("high_pct", 30, "%", "more than this is high (hazard ratios 1.52 for >30-100 %, "
                  "2.28 for >100 %)", SOURCE),
        Threshold("window_days", 30, "days", "look-back window for the longest run", SOURCE, minimum=1),
        Threshold("min_base_km", 3, "km", "a longest run shorter than this is no overload basis "
                  "(a beginner's 2 km -> 3 km is how running starts)", "riskcheck choice"),
    ),
    check=check,
)
