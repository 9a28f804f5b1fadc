"""How loud riskcheck is on a real runner's log, and what it tells them for next week.

Per log ($RISKCHECK_REAL_LOGS, or the folders given):
- alerts: caution-or-high episodes per active month (a month with 4 or more runs), the share
  of them from weak-evidence rules, and the rules behind them;
- caps: next week's weekly and long-run caps at the end of the log and at every 4th Sunday
  through it, against the runner's four-week average and the longest run of the last 30 days
  that was not itself flagged as a spike.

    python tests/real_logs/guidance_figures.py [--details] [LOG ...]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

if __package__ in (None, ""):  # run as a script: make tests/ and this folder importable
    sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[1])]

import riskcheck  # noqa: E402
from compare import real_log_folders  # noqa: E402

DAY = pd.Timedelta(days=1)
ACTIVE_MONTH_RUNS = 4
SAMPLE_EVERY_WEEKS = 4


def alert_figures(assessment, activities: pd.DataFrame) -> dict:
    runs = activities[activities["is_run"]]
    per_month = runs["local_date"].dt.to_period("M").value_counts()
    active = int((per_month >= ACTIVE_MONTH_RUNS).sum())
    episodes = assessment.episodes
    alerts = episodes[episodes["alert"] & (episodes["rule_id"] != "PAIN")]
    weak = alerts["evidence"] == "weak"
    return {"active_months": active, "alerts": len(alerts),
            "per_month": len(alerts) / active if active else np.nan,
            "weak_share": float(weak.mean()) if len(alerts) else 0.0,
            "by_rule": alerts["rule_id"].value_counts().to_dict(),
            "findings_per_month": int((assessment.findings["severity"] != "info").sum()) / active if active else np.nan}


def cap_at(activities: pd.DataFrame, as_of: pd.Timestamp, config=None) -> dict:
    """The caps riskcheck gives on `as_of` and the runner's figures they are judged against."""
    acts = activities[activities["local_date"] <= as_of]
    a = riskcheck.assess(acts, config, today=as_of.date())
    daily = a.daily.set_index("date")
    spikes = {i for ids in a.findings.loc[a.findings["rule_id"] == "RC01", "activity_ids"] for i in ids.split(",")}
    runs = acts[acts["is_run"] & (acts["local_date"] > as_of - 30 * DAY)]
    unflagged = runs.loc[~runs["activity_id"].isin(spikes), "distance_m"]
    g = a.guidance
    return {"as_of": as_of, "four_week_avg_m": daily["run_distance_m"][as_of - 27 * DAY: as_of].sum() / 4,
            "last_week_m": daily["run_distance_m"][as_of - 6 * DAY: as_of].sum(),
            "longest_unflagged_m": float(unflagged.max()) if len(unflagged) else np.nan,
            "max_distance_m": g.max_distance_m, "max_long_run_m": g.max_long_run_m,
            "runs_per_week": g.runs_per_week, "kind": g.kind, "assessment": a}


def sample_days(activities: pd.DataFrame) -> list[pd.Timestamp]:
    runs = activities.loc[activities["is_run"], "local_date"]
    if runs.empty:
        return []
    first, last = runs.min() + 42 * DAY, runs.max()
    sundays = pd.date_range(first, last, freq=f"{SAMPLE_EVERY_WEEKS}W-SUN")
    return [*sundays, last]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("logs", nargs="*")
    parser.add_argument("--details", action="store_true", help="print the caps at every sampled day")
    args = parser.parse_args(argv)
    folders = [Path(p) for p in args.logs] or real_log_folders()
    for folder in folders:
        activities = riskcheck.read(folder).activities
        end = cap_at(activities, activities.loc[activities["is_run"], "local_date"].max())
        f = alert_figures(end["assessment"], activities)
        caps = pd.DataFrame([cap_at(activities, day) for day in sample_days(activities)]).drop(columns="assessment")
        ratio = caps["max_distance_m"] / caps["four_week_avg_m"]
        long_ratio = caps["max_long_run_m"] / caps["longest_unflagged_m"]
        print(f"{folder.name}: {f['alerts']} caution-or-high episodes in {f['active_months']} active months = "
              f"{f['per_month']:.2f}/month ({f['findings_per_month']:.2f} findings/month); weak-rule share "
              f"{f['weak_share']:.0%}; by rule {f['by_rule']}")
        print(f"  end {end['as_of']:%Y-%m-%d} ({end['kind']}): weekly cap {end['max_distance_m'] / 1000:.1f} km "
              f"(four-week avg {end['four_week_avg_m'] / 1000:.1f}, last 7 days {end['last_week_m'] / 1000:.1f}), "
              f"long-run cap {end['max_long_run_m'] / 1000:.1f} km (30-day longest unflagged "
              f"{end['longest_unflagged_m'] / 1000:.1f}), {end['runs_per_week']} runs/week")
        print(f"  {len(caps)} sampled days: weekly cap / four-week avg median {ratio.median():.2f} "
              f"(min {ratio.min():.2f}, max {ratio.max():.2f}); long cap / 30-day longest median "
              f"{long_ratio.median():.2f} (max {long_ratio.max():.2f}); long cap = weekly cap on "
              f"{int((caps['max_long_run_m'] == caps['max_distance_m']).sum())} days")
        if args.details:
            print(caps.to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
