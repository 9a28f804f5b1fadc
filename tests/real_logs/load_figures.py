"""The whole athlete on real logs: what riskcheck makes of each log's other sports.

Per log ($RISKCHECK_REAL_LOGS, or the folders given): the total load's scale and how its
sessions were scored; strength work counted against the service's own list (all weeks equal?);
fitness, fatigue and form on the last day; the strength-gap (RC11) and running-form (RC12)
notes; and on how many of the 4-weekly sampled days the status carries a load-balance note.

    python tests/real_logs/load_figures.py [LOG ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make tests/ and this folder importable
    sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]

import riskcheck  # noqa: E402
from compare import print_figures, read_riskcheck, zone_of  # noqa: E402
from guidance_figures import sample_days  # noqa: E402
from riskcheck.assess.load_balance import load_balance_note  # noqa: E402
from test_strength_counts import list_strength_per_week  # noqa: E402
from truth import read_truth  # noqa: E402


def load_figures(log: Path) -> dict:
    tz = zone_of(log)
    acts = read_riskcheck(log, tz).activities
    a = riskcheck.assess(acts)
    weekly = a.weekly.set_index("week_start")
    counted = weekly["strength_sessions"] + weekly["yoga_pilates_sessions"]
    listed = list_strength_per_week(read_truth(log, tz))
    weeks = counted.index.union(listed.index)
    differ = int((counted.reindex(weeks, fill_value=0) != listed.reindex(weeks, fill_value=0)).sum())
    days = sample_days(acts)
    notes = sum(load_balance_note(a.daily[a.daily["date"] <= day]) is not None for day in days)
    last = a.daily.iloc[-1]
    findings = a.findings["rule_id"].value_counts()
    return {"log": log.name, "scale": a.total_load_scale,
            "methods": a.session_loads["load_method"].value_counts().to_dict(),
            "strength": f"{int(weekly['strength_sessions'].sum())}+{int(weekly['yoga_pilates_sessions'].sum())} "
                        f"vs list {int(listed.sum())}, {differ} weeks differ",
            "fitness/fatigue/form": f"{last['fitness']:.0f}/{last['fatigue']:.0f}/{last['form']:+.0f}",
            "RC11": int(findings.get("RC11", 0)), "RC12": int(findings.get("RC12", 0)),
            "balance notes": f"{notes} of {len(days)} days"}


def main(argv=None) -> int:
    return print_figures(__doc__, load_figures, argv)


if __name__ == "__main__":
    raise SystemExit(main())
