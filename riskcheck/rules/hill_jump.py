"""RC06: weekly climbing or descending well above the runner's recent weeks."""

from __future__ import annotations

import pandas as pd

from riskcheck.load.tables import Tables
from riskcheck.rules.base import Finding, Rule, Threshold
from riskcheck.rules.helpers import run_ids, weekly_rises

SOURCE = "Levine et al. 2007, J Athl Train 42(1):29-34; Perkins (seed guidance)"


def check(tables: Tables, t: dict[str, float]) -> list[Finding]:
    rises = pd.concat([weekly_rises(tables, col, t, 1.0).assign(what=what)
                       for col, what in (("descent_m", "descent"), ("ascent_m", "climbing"))])
    rises = rises.assign(rank=rises["severity"].map({"info": 0, "caution": 1}))
    rises = rises.sort_values(["row", "rank"], ascending=[True, False]).drop_duplicates("row")
    findings = []
    for r in rises.itertuples():
        week = tables.weekly.loc[r.row, "week_start"]
        findings.append(Finding(
            date=r.date, severity=r.severity, measured=r.value, threshold=r.limit, unit="m",
            activity_ids=run_ids(tables, week, r.date),
            message=(f"Running {r.what} in the week of {week:%Y-%m-%d} reached {r.value:.0f} m, against a "
                     f"{int(t['baseline_weeks'])}-week mean of {r.baseline:.0f} m.")))
    return findings


RULE = Rule(
    id="RC06", slug="hill-jump", title="Hill jump",
    looks_at="weekly running ascent and descent against the mean of the previous 4 full weeks",
    why=("Slopes change how the lower back is loaded: the lumbar curve is greatest running downhill, and the "
         "guidance notes that hills often aggravate back pain. The research is biomechanics only, with no "
         "injury threshold, so the evidence is weak and the limits are riskcheck's own."),
    evidence="weak", source=SOURCE,
    recommendation=("Add hills a little at a time; uphill, lean from the ankles and drive with the glutes; "
                    "take descents slower and with short steps."),
    recommendation_ids=("hills", "strength"),
    severities=("info", "caution"),
    thresholds=(
        Threshold("info_ratio", 1.5, "x", "week above this multiple of the 4-week mean", "riskcheck choice"),
        Threshold("info_min_increase", 200, "m", "and at least this much more than the mean", "riskcheck choice"),
        Threshold("caution_ratio", 2.0, "x", "caution above this multiple", "riskcheck choice"),
        Threshold("caution_min_increase", 400, "m", "and at least this much more", "riskcheck choice"),
        Threshold("baseline_weeks", 4, "weeks", "baseline window", "riskcheck choice", minimum=1),
    ),
    check=check,
)
