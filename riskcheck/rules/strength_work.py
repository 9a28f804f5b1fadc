"""RC11: no strength work for three weeks while running rises.

Only for runners whose log shows strength work: a log that never holds a strength, core, yoga
or Pilates session cannot tell "none done" from "none logged", so it raises nothing here
(the strength recommendation says what the log shows instead).
"""

from __future__ import annotations

import pandas as pd

from riskcheck.load.tables import Tables
from riskcheck.rules.base import Finding, Rule, Threshold
from riskcheck.rules.helpers import DAY, above, km, last_day_of_week, run_ids

LAUERSEN_2018 = "Lauersen, Andersen & Andersen 2018, Br J Sports Med 52(24):1557-1563"
LAUERSEN_2014 = "Lauersen, Bertelsen & Andersen 2014, Br J Sports Med 48(11):871-877"
TORESDAHL = "Toresdahl et al. 2020, Sports Health 12(1):74-79"
SEEDS = "seed guidance: core and strength work two or three times a week"


def check(tables: Tables, t: dict[str, float]) -> list[Finding]:
    daily = tables.daily.set_index("date")
    window, history = int(t["window_days"]), int(t["history_days"])
    strength = daily["strength_sessions"] + daily["yoga_pilates_sessions"]
    if not strength.any():
        return []
    recent_work = strength.rolling(window, min_periods=1).sum()
    earlier_work = strength.shift(window, fill_value=0).rolling(history, min_periods=1).sum()
    running = daily["run_distance_m"].rolling(window, min_periods=window).sum()
    before = running.shift(window)
    days = pd.DatetimeIndex([last_day_of_week(tables, week) for week in tables.weekly["week_start"]])
    rise = (running / before - 1) * 100
    judged = ((days - (2 * window - 1) * DAY >= tables.first_day) & (recent_work[days] == 0).to_numpy()
              & (earlier_work[days] > 0).to_numpy() & (before[days] >= t["min_base_km"] * 1000).to_numpy()
              & above(rise[days], t["rise_pct"]).to_numpy())
    findings = []
    for day in days[judged]:
        findings.append(Finding(
            date=day, severity="info", measured=rise[day], threshold=t["rise_pct"], unit="%",
            activity_ids=run_ids(tables, day - (window - 1) * DAY, day),
            message=(f"No strength, core, yoga or Pilates session in the {window} days to {day:%Y-%m-%d}, while "
                     f"running rose {rise[day]:.0f} % ({km(running[day])} against {km(before[day])} in the {window} "
                     f"days before); the {history} days before held {earlier_work[day]:.0f} such sessions.")))
    return findings


RULE = Rule(
    id="RC11", slug="strength-work-gap", title="Strength work stopped while running rises",
    looks_at=("strength, core, yoga and Pilates sessions in the last 21 days, in logs that record them, "
              "and running distance over those days against the 21 days before"),
    why=("The guidance asks runners with back trouble for core, hip and leg strength work two or three times a "
         "week: stronger muscles take more running before they complain. In randomised trials across sports, "
         "strength training cut injuries to about a third (Lauersen 2014, RR 0.32; Lauersen 2018, RR 0.34, 7,738 "
         "athletes), with more volume protecting more. For runners the evidence is weak: the one large running "
         "trial (Toresdahl 2020, 720 first-time marathoners, a self-directed 10-minute programme) found no fewer "
         "overuse injuries, and no trial looked at back pain. So this is a note, not an alarm."),
    evidence="weak", source=f"{LAUERSEN_2018}; {LAUERSEN_2014}; {TORESDAHL}; {SEEDS}",
    recommendation="Keep two or three short strength and core sessions a week, above all while running grows.",
    recommendation_ids=("strength",),
    severities=("info",),
    thresholds=(
        Threshold("window_days", 21, "days", "days without strength work", "riskcheck choice: with two or three "
                  "sessions a week advised, three weeks without one is a clear gap", minimum=7),
        Threshold("rise_pct", 10, "%", "running over the window above the window before by more than this",
                  "the popular 10 % guidance (Buist et al. 2008)"),
        Threshold("min_base_km", 10, "km", "running in the window before, below which a rise is not judged",
                  "riskcheck choice"),
        Threshold("history_days", 180, "days", "the log must show strength work in this many days before the "
                  "window", "riskcheck choice: a log that shows none cannot tell none done from none logged",
                  minimum=7),
    ),
    check=check,
)
