"""RC02: weekly running distance rising faster than the popular guidance allows."""

from __future__ import annotations

import pandas as pd

from riskcheck.load.tables import Tables
from riskcheck.rules.base import Finding, Rule, Threshold
from riskcheck.rules.helpers import first_day_over, km, run_ids

BUIST = "Buist et al. 2008, Am J Sports Med 36(1):33-39"
NIELSEN = "Nielsen et al. 2014, J Orthop Sports Phys Ther 44(10):739-747"


def check(tables: Tables, t: dict[str, float]) -> list[Finding]:
    weekly = tables.weekly
    distance = weekly["distance_m"]
    full = weekly["distance_m"].where(tables.full_weeks)
    findings: list[Finding] = []
    flagged_weeks: set = set()
    # the two-week jump first: where it fires, the gentler one-week note would only repeat it
    for lag, pct_key, severity, source in ((2, "two_week_caution_pct", "caution", NIELSEN),
                                            (1, "week_info_pct", "info", BUIST)):
        base = full.shift(lag)
        limit = pd.concat([base * (1 + t[pct_key] / 100), base + t["min_increase_km"] * 1000], axis=1).max(axis=1)
        limit = limit.where(base >= t["min_base_km"] * 1000)
        over = distance > limit
        days = first_day_over(tables, "run_distance_m", limit.where(over))
        for i in weekly.index[over]:
            week = weekly.loc[i, "week_start"]
            if week in flagged_weeks:
                continue
            flagged_weeks.add(week)
            pct = (distance[i] / base[i] - 1) * 100
            span = "the week before" if lag == 1 else "two weeks earlier"
            findings.append(Finding(
                date=days[i], severity=severity, measured=pct, threshold=t[pct_key], unit="%",
                activity_ids=run_ids(tables, week, days[i]), source=source,
                message=(f"Running in the week of {week:%Y-%m-%d} reached {km(distance[i])}, {pct:.0f} % more "
                         f"than {span} ({km(base[i])}).")))
    return findings


RULE = Rule(
    id="RC02", slug="weekly-distance-jump", title="Weekly distance jump",
    looks_at="weekly running distance against the week before and the week two weeks earlier",
    why=("Sudden rises in mileage are the load change the back-pain guidance warns about most. The evidence "
         "for a weekly cut-off is weak, though: novices who kept to 10 % a week were injured as often as "
         "those on a faster plan (532 runners), and a rise above 30 % over two weeks was linked to "
         "distance-related injuries only at the edge of significance (874 runners, p = .07). Treat this as "
         "a gentle prompt, not an alarm."),
    evidence="weak", source=f"{NIELSEN}; {BUIST}",
    recommendation="Let weekly distance rise in small steps and hold it for a week before the next rise.",
    recommendation_ids=("progress-gradually", "cross-training"),
    severities=("info", "caution"),
    thresholds=(
        Threshold("week_info_pct", 10, "%", "rise over the week before (the popular 10 % rule)", BUIST),
        Threshold("two_week_caution_pct", 30, "%", "rise over the week two weeks earlier", NIELSEN),
        Threshold("min_base_km", 10, "km", "weeks below this are no overload basis", "riskcheck choice"),
        Threshold("min_increase_km", 3, "km", "a smaller rise is never flagged (3 km -> 5 km is not overload)",
                  "riskcheck choice"),
    ),
    check=check,
)
