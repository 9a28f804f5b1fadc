"""RC05: a sudden shift of running towards road, or onto a surface new to the runner."""

from __future__ import annotations

from riskcheck.load.tables import Tables
from riskcheck.rules.base import Finding, Rule, Threshold
from riskcheck.rules.helpers import above, last_day_of_week, level_for, run_ids

SOURCE = "Perkins (seed guidance on back pain in runners); Knobloch 2008; Tillman 2002"
KNOWN = ("road", "trail", "track", "treadmill")


def check(tables: Tables, t: dict[str, float]) -> list[Finding]:
    runs = tables.runs
    if runs.empty:
        return []
    weeks = int(t["baseline_weeks"])
    dist = runs.pivot_table(index="week_start", columns="surface", values="distance_m", aggfunc="sum")
    dist = dist.reindex(index=tables.weekly["week_start"], columns=list(KNOWN)).fillna(0.0)
    dist.index = tables.weekly.index
    known_km = dist.sum(axis=1) / 1000
    base = dist.where(tables.full_weeks, axis=0).shift(1).rolling(weeks, min_periods=weeks).sum()
    base_share = base.div(base.sum(axis=1).where(lambda s: s > 0), axis=0) * 100
    share = dist.div(dist.sum(axis=1).where(lambda s: s > 0), axis=0) * 100
    big_enough = (known_km >= t["min_week_km"]) & (base.sum(axis=1) / 1000 >= t["min_week_km"])
    road_rise = (share["road"] - base_share["road"]).where(big_enough)
    # a new surface is only news when the road rule has not already spoken for that week
    new_surface = ((share >= t["new_surface_share_pct"]) & (base_share < t["new_surface_base_pct"])
                   ).where(big_enough & ~above(road_rise, t["road_info_pp"]), False).astype(bool)
    findings = []
    for i in tables.weekly.index[above(road_rise, t["road_info_pp"])]:
        week = tables.weekly.at[i, "week_start"]
        end = last_day_of_week(tables, week)
        severity, threshold = level_for(road_rise[i], [(t["road_info_pp"], "info"), (t["road_caution_pp"], "caution")])
        findings.append(Finding(
            date=end, severity=severity, measured=float(road_rise[i]), threshold=threshold, unit="pp",
            activity_ids=run_ids(tables, week, end, "road"),
            message=(f"Road took {share.at[i, 'road']:.0f} % of your running in the week of {week:%Y-%m-%d}, "
                     f"up from {base_share.at[i, 'road']:.0f} % over the previous {weeks} weeks.")))
    for i, surface in new_surface.stack().pipe(lambda s: s[s]).index:
        week = tables.weekly.at[i, "week_start"]
        end = last_day_of_week(tables, week)
        value = float(share.at[i, surface])
        findings.append(Finding(
            date=end, severity="info", measured=value, threshold=t["new_surface_share_pct"], unit="%",
            activity_ids=run_ids(tables, week, end, surface),
            message=(f"{surface.capitalize()} took {value:.0f} % of your running in the week of {week:%Y-%m-%d}, "
                     f"after {base_share.at[i, surface]:.0f} % over the previous {weeks} weeks.")))
    return findings

RULE = Rule(
    id="RC05", slug="surface-change", title="Sudden surface change",
    looks_at=("each week's share of running distance per surface (road, trail, track, treadmill; unknown "
              "left out) against the previous 4 weeks"),
    why=("The back-pain guidance names a sudden move to harder surfaces such as road as a trigger: legs adapt "
         "their stiffness to the ground, and that takes time. No injury threshold has been published, so the "
         "evidence is weak and the rule stays at info or caution."),
    evidence="weak", source=SOURCE,
    recommendation="Change surfaces over a few weeks: mix the new surface into runs you already do.",
    recommendation_ids=("surfaces",),
    severities=("info", "caution"),
    thresholds=(
        Threshold("road_info_pp", 25, "pp", "rise of the road share, percentage points", "riskcheck choice"),
        Threshold("road_caution_pp", 50, "pp", "rise of the road share for caution", "riskcheck choice"),
        Threshold("new_surface_share_pct", 50, "%", "share a new surface takes in one week", "riskcheck choice"),
        Threshold("new_surface_base_pct", 10, "%", "a surface below this share before counts as new",
                  "riskcheck choice"),
        Threshold("baseline_weeks", 4, "weeks", "baseline window", "EVIDENCE.md: previous four weeks", minimum=1),
        Threshold("min_week_km", 10, "km", "weeks (and baselines) with less known-surface running are skipped",
                  "riskcheck choice"),
    ),
    check=check,
)
