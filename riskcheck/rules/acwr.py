"""RC03: acute:chronic load ratio (uncoupled and EWMA)."""

from __future__ import annotations

import pandas as pd

from riskcheck.load.tables import Tables
from riskcheck.rules.base import Finding, Rule, Threshold
from riskcheck.rules.helpers import above, level_for, run_ids

SOURCE = ("Gabbett 2016, Br J Sports Med 50:273-280; Williams et al. 2017, Br J Sports Med 51(3):209; "
          "Impellizzeri et al. 2020, Sports Med")


def judged_ratio(daily: pd.DataFrame, t: dict[str, float]) -> pd.Series:
    """Per day, the ratio the rule judges: the larger of the two, only where the chronic window
    holds enough sessions (a ratio on a near-empty chronic window says nothing). The report's
    chart draws this same series."""
    ratio = daily[["acwr_uncoupled", "acwr_ewma"]].max(axis=1, skipna=True)
    sessions = (daily["load"] > 0).astype(int)
    chronic_sessions = sessions.rolling(21, min_periods=21).sum().shift(7)
    return ratio.where(chronic_sessions >= t["min_chronic_sessions"])


def check(tables: Tables, t: dict[str, float]) -> list[Finding]:
    daily = tables.daily
    ratio = judged_ratio(daily, t)
    flagged = above(ratio, t["info_ratio"])  # as level_for judges: a hair above is float noise
    if not flagged.any():
        return []
    peak_rows = ratio[flagged].groupby(daily.loc[flagged, "week_start"]).idxmax()
    levels = [(t["info_ratio"], "info"), (t["caution_ratio"], "caution")]
    findings = []
    for row in peak_rows:
        day, value = daily.loc[row, "date"], float(ratio[row])
        severity, threshold = level_for(value, levels)
        unc, ewma = daily.loc[row, "acwr_uncoupled"], daily.loc[row, "acwr_ewma"]
        findings.append(Finding(
            date=day, severity=severity, measured=value, threshold=threshold, unit="ratio",
            activity_ids=run_ids(tables, day - pd.Timedelta(days=6), day),
            message=(f"On {day:%Y-%m-%d} the last 7 days carried {value:.2f} times the load of the weeks "
                     f"before (uncoupled {unc:.2f}, EWMA {ewma:.2f}).")))
    return findings


RULE = Rule(
    id="RC03", slug="acute-chronic-ratio", title="Acute:chronic load ratio",
    looks_at=("7-day mean load over the mean of days t-27..t-7 (uncoupled), and EWMA loads with "
              "N = 7 and 28; the larger of the two; only after 28 days of history"),
    why=("A week far above what the weeks before prepared you for is a common overload signal. The evidence "
         "is weak: the 1.5 cut-off comes from team sports, the ratio has been criticised as a statistical "
         "artefact, and in a large running cohort it showed no dose-response. So it never goes above "
         "caution here."),
    evidence="weak", source=SOURCE,
    recommendation="Spread the extra load over several weeks instead of one.",
    recommendation_ids=("progress-gradually", "cross-training"),
    severities=("info", "caution"),
    thresholds=(
        Threshold("info_ratio", 1.3, "ratio", "upper end of the so-called sweet spot (0.8-1.3)",
                  "Gabbett 2016"),
        Threshold("caution_ratio", 1.5, "ratio", "the team-sport 'danger zone'", "Gabbett 2016; Hulin 2016"),
        Threshold("min_chronic_sessions", 6, "sessions", "sessions needed in the 21-day chronic window",
                  "riskcheck choice", minimum=1),
    ),
    check=check,
)
