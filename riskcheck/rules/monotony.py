"""RC08: training monotony (Foster) and weeks without a running rest day."""

from __future__ import annotations

from riskcheck.load.tables import Tables
from riskcheck.rules.base import Finding, Rule, Threshold
from riskcheck.rules.helpers import last_day_of_week, run_ids

SOURCE = "Foster 1998, Med Sci Sports Exerc 30(7):1164-1168"


def check(tables: Tables, t: dict[str, float]) -> list[Finding]:
    weekly = tables.weekly
    findings = []
    for i in weekly.index[tables.full_weeks & (weekly["runs"] >= t["min_runs"])]:
        week, monotony = weekly.loc[i, "week_start"], weekly.loc[i, "monotony"]
        end = last_day_of_week(tables, week)
        ids = run_ids(tables, week, end)
        if monotony > t["caution_monotony"]:
            findings.append(Finding(
                date=end, severity="caution", measured=float(monotony), threshold=t["caution_monotony"],
                unit="ratio", activity_ids=ids,
                message=(f"Daily load in the week of {week:%Y-%m-%d} hardly varied: monotony {monotony:.2f} "
                         f"(strain {weekly.loc[i, 'strain']:.0f}).")))
        if weekly.loc[i, "rest_days"] < t["min_rest_days"]:
            findings.append(Finding(
                date=end, severity="info", measured=float(weekly.loc[i, "rest_days"]), threshold=t["min_rest_days"],
                unit="days", activity_ids=ids,
                message=f"The week of {week:%Y-%m-%d} had no day without running."))
    return findings


RULE = Rule(
    id="RC08", slug="monotony", title="Monotony and rest days",
    looks_at=("mean / SD of the daily load over each full week (rest days count as 0), strain = weekly "
              "load x monotony, and weeks without a running rest day"),
    why=("When every day carries much the same load, tissues get no lighter days to recover; Foster linked "
         "high monotony and strain to illness in 25 athletes. The 2.0 cut-off comes from later practitioner "
         "summaries rather than the study, so the evidence is weak."),
    evidence="weak", source=SOURCE,
    recommendation="Alternate hard and easy days and keep at least one day a week free of running.",
    recommendation_ids=("rest-and-variety", "cross-training"),
    severities=("info", "caution"),
    thresholds=(
        Threshold("caution_monotony", 2.0, "ratio", "monotony above this", "Foster 1998 (cut-off from "
                  "secondary sources)"),
        Threshold("min_rest_days", 1, "days", "running rest days a week", "seed guidance: take rest days"),
        Threshold("min_runs", 3, "runs", "weeks with fewer runs are not judged", "riskcheck choice", minimum=1),
    ),
    check=check,
)
