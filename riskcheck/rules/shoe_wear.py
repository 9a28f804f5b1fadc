"""RC10: a shoe past the distance at which running shoes are usually replaced."""

from __future__ import annotations

from riskcheck.load.tables import Tables
from riskcheck.rules.base import Finding, Rule, Threshold
from riskcheck.rules.helpers import km

SOURCE = "practitioner guidance 300-500 miles (about 500-800 km); Kong et al. 2009; Perkins (seed guidance)"


def check(tables: Tables, t: dict[str, float]) -> list[Finding]:
    runs = tables.runs[tables.runs["shoe"].fillna("").str.strip() != ""]
    if runs.empty:
        return []
    total = runs.groupby("shoe")["distance_m"].transform(lambda d: d.fillna(0.0).cumsum())
    findings = []
    for severity, key in (("info", "info_km"), ("caution", "caution_km")):
        limit = t[key] * 1000
        crossed = (total > limit) & (total - runs["distance_m"].fillna(0.0) <= limit)
        for i in runs.index[crossed]:
            run = runs.loc[i]
            findings.append(Finding(
                date=run["local_date"], severity=severity, measured=float(total[i]) / 1000, threshold=t[key],
                unit="km", activity_ids=(str(run["activity_id"]),),
                message=(f"The shoe '{run['shoe']}' passed {km(t[key] * 1000)} on {run['local_date']:%Y-%m-%d} "
                         f"({km(total[i])} logged).")))
    return findings


RULE = Rule(
    id="RC10", slug="shoe-wear", title="Shoe wear",
    looks_at="running distance logged per named shoe (only distance in this log counts)",
    why=("Cushioning wears out with use, and worn shoes absorb less of each landing; the guidance asks for "
         "regular replacement. Practitioners name 500-800 km; no study ties a distance to injury, so the "
         "evidence is weak."),
    evidence="weak", source=SOURCE,
    recommendation="Check the shoe for worn cushioning and plan a replacement; rotating two pairs spreads wear.",
    recommendation_ids=("shoes",),
    severities=("info", "caution"),
    thresholds=(
        Threshold("info_km", 500, "km", "lower end of the usual replacement range", SOURCE),
        Threshold("caution_km", 800, "km", "upper end of the usual replacement range", SOURCE),
    ),
    check=check,
)
