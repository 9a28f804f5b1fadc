"""A loader for the dataset of Lövdal, Den Hartigh & Azzopardi 2021, "Injury prediction in
competitive runners with machine learning", Int J Sports Physiol Perform 16(10):1522-1531
(doi 10.1123/ijspp.2020-0518): training logs of 74 Dutch middle- and long-distance runners
over seven years (2012-2019), published on DataverseNL (doi 10.34894/UWU9PV, CC0) and
mirrored on Kaggle ("injury-prediction-for-competitive-runners").

The day approach file, `day_approach_maskedID_timeseries.csv`, has one row per athlete and
event day: ten features per day for the seven days before it ("nr. sessions", "total km",
"km Z3-4", "km Z5-T1-T2", "km sprinting", "strength training", "hours alternative",
"perceived exertion", "perceived trainingSuccess", "perceived recovery"; the first day
without suffix, the others with the suffixes .1 to .6), then "Athlete ID", "injury" (1: the
runner was injured on the event day) and "Date" (the event day, a masked day number).

What was verified and how:
- The columns, the seven-day window and the injury label: the paper's abstract ("the
  training load from the previous 7 days ... each day's training being described by 10
  features") and the files as read by third-party analyses.
- Which suffix is the most recent day, and what "Date" means: not stated in the paper's
  abstract; an independent validation script that reads the files reports day k (suffix .k,
  none for 0) = Date - 7 + k, so ".6" is the day before Date, and that rows without injury
  form consecutive daily streams while each injury row stands alone with only its own seven
  days. This loader does not take that on trust: it checks the overlap of consecutive rows
  (under that reading, a row's day k equals the previous row's day k+1) against the opposite
  reading (".0" the day before), and uses the reading the data supports (`layout` says
  which, and how many overlapping days agreed). With no overlap to check it keeps the cited one.
- "Date" is a masked day number (an integer). Day numbers become dates from an arbitrary
  epoch (DAY_ZERO), which keeps the spacing of the days, which is all the rules use.

Each athlete's daily log is rebuilt with each day used once (the windows overlap: the first
row that covers a day gives its values). A day becomes one run of its total km (no duration
in the data: the default pace), a strength session when "strength training" is noted, and a
cross-training session of its "hours alternative"; the zone and sprint km are kept in
`LovdalCohort.days`, as the activities frame has no column for them. Every row's event day
becomes a row of the outcomes table (injured or not; days lost unknown: the evaluation's
default), so the follow-up reaches the last event day, one day past the last logged day.

Rules the data allow: the distance-based ones (LOVDAL_RULES); not cadence, surface, hills,
shoes or running form. Caveat: days between the published windows (before each isolated
injury row, for example) have no row and count as rest days.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from riskcheck.errors import RiskcheckError
from riskcheck.evaluate.run import evaluate
from riskcheck.evaluate.result import Evaluation
from riskcheck.evaluate.settings import EvaluateSettings
from riskcheck.load.from_log import activities_from_log
from riskcheck.settings import RiskConfig

FEATURES = ("nr. sessions", "total km", "km Z3-4", "km Z5-T1-T2", "km sprinting", "strength training",
            "hours alternative", "perceived exertion", "perceived trainingSuccess", "perceived recovery")
WINDOW_DAYS = 7
LOVDAL_RULES = ["RC01", "RC02", "RC03", "RC08", "RC09", "RC11"]
DAY_ZERO = pd.Timestamp("2012-01-01")  # masked day numbers start here (arbitrary: only spacing matters)
FEATURE_COLUMNS = {"nr. sessions": "sessions", "total km": "total_km", "km Z3-4": "km_z3_4",
                   "km Z5-T1-T2": "km_z5_t1_t2", "km sprinting": "km_sprinting",
                   "strength training": "strength_training", "hours alternative": "hours_alternative",
                   "perceived exertion": "perceived_exertion", "perceived trainingSuccess": "perceived_success",
                   "perceived recovery": "perceived_recovery"}
# suffix k is the day Date - OFFSET(k): "oldest_first" (cited) or "newest_first" (the opposite)
LAYOUTS = {"oldest_first": lambda k: WINDOW_DAYS - k, "newest_first": lambda k: k + 1}


@dataclass
class LovdalCohort:
    activities: dict[str, pd.DataFrame]
    outcomes: pd.DataFrame              # athlete, date, injury: every row's event day
    days: pd.DataFrame                  # athlete, date and the ten features, one row per day
    layout: str                         # which suffix is the most recent day, as the data showed
    layout_check: dict[str, int] = field(default_factory=dict)  # overlapping days that agreed per reading


def column(feature: str, k: int) -> str:
    return feature if k == 0 else f"{feature}.{k}"


def read_lovdal(path: str | os.PathLike) -> LovdalCohort:
    table = pd.read_csv(path)
    needed = [column(f, k) for f in FEATURES for k in range(WINDOW_DAYS)] + ["Athlete ID", "injury", "Date"]
    missing = [c for c in needed if c not in table]
    if missing:
        shown = ", ".join(repr(c) for c in missing[:5])
        raise RiskcheckError(f"{path} is not the day approach file of Lövdal et al. 2021: no column(s) {shown}"
                             f"{' ...' if len(missing) > 5 else ''}")
    table = table.assign(_day=day_numbers(table["Date"]), _athlete=table["Athlete ID"].astype(str))
    layout, check = detect_layout(table)
    days = daily_values(table, layout)
    # every row's event day is a day of follow-up, injured or not
    outcomes = pd.DataFrame({"athlete": table["_athlete"].to_numpy(),
                             "date": (DAY_ZERO + pd.to_timedelta(table["_day"], unit="D")).to_numpy(),
                             "injury": pd.to_numeric(table["injury"], errors="coerce").fillna(0).to_numpy() > 0})
    activities = {name: activities_from_log(log_rows(name, group)) for name, group in days.groupby("athlete")}
    return LovdalCohort(activities, outcomes, days, layout, check)


def day_numbers(dates: pd.Series) -> pd.Series:
    """Masked day numbers as they are; real dates as days since DAY_ZERO."""
    numeric = pd.to_numeric(dates, errors="coerce")
    if numeric.notna().all():
        return numeric.astype("int64")
    parsed = pd.to_datetime(dates, errors="coerce")
    if parsed.isna().any():
        raise RiskcheckError(f"'Date' holds values that are neither day numbers nor dates, e.g. "
                             f"{dates[parsed.isna()].iloc[0]!r}")
    return ((parsed.dt.normalize() - DAY_ZERO) // pd.Timedelta(days=1)).astype("int64")


def detect_layout(table: pd.DataFrame) -> tuple[str, dict[str, int]]:
    """The reading under which consecutive rows' overlapping days agree most ("total km")."""
    check = {}
    km = [column("total km", k) for k in range(WINDOW_DAYS)]
    for name, offset in LAYOUTS.items():
        agree = 0
        for _, rows in table.groupby("_athlete"):
            values = {}
            for day, row in zip(rows["_day"], rows[km].to_numpy()):
                for k in range(WINDOW_DAYS):
                    values.setdefault(day - offset(k), []).append(row[k])
            agree += sum(1 for v in values.values() if len(v) > 1 and np.allclose(v, v[0], equal_nan=True))
        check[name] = agree
    layout = "newest_first" if check["newest_first"] > check["oldest_first"] else "oldest_first"
    return layout, check


def daily_values(table: pd.DataFrame, layout: str) -> pd.DataFrame:
    """One row per athlete and day, each day taken once (from the first row that covers it)."""
    offset = LAYOUTS[layout]
    parts = []
    for k in range(WINDOW_DAYS):
        part = pd.DataFrame({"athlete": table["_athlete"], "_day": table["_day"] - offset(k)})
        for feature, name in FEATURE_COLUMNS.items():
            part[name] = pd.to_numeric(table[column(feature, k)], errors="coerce")
        parts.append(part)
    days = (pd.concat(parts, ignore_index=True).drop_duplicates(["athlete", "_day"])
            .sort_values(["athlete", "_day"], kind="stable"))
    days.insert(1, "date", DAY_ZERO + pd.to_timedelta(days.pop("_day"), unit="D"))
    return days.reset_index(drop=True)


def log_rows(athlete: str, days: pd.DataFrame) -> list[dict]:
    """Compact log rows (riskcheck.load.from_log) for one athlete's days."""
    rows = []
    for day in days.itertuples():
        if day.total_km > 0:
            rows.append({"date": day.date, "distance_km": float(day.total_km), "athlete": athlete})
        if day.strength_training > 0:
            rows.append({"date": day.date, "sport": "strength", "duration_min": 45.0, "athlete": athlete})
        if day.hours_alternative > 0:
            rows.append({"date": day.date, "sport": "other", "duration_min": float(day.hours_alternative) * 60,
                         "athlete": athlete})
    if not rows:  # a runner without a single run: still a log (assess says there is nothing to assess)
        rows.append({"date": days["date"].iloc[0], "sport": "other", "duration_min": 0.0, "athlete": athlete})
    return rows


def evaluate_lovdal(path: str | os.PathLike, settings: EvaluateSettings | None = None,
                    config: RiskConfig | None = None, executor=None) -> tuple[Evaluation, LovdalCohort]:
    """The cohort evaluation of the rules the dataset allows, in one call."""
    cohort = read_lovdal(path)
    return evaluate(cohort.activities, outcomes=cohort.outcomes, rules=LOVDAL_RULES, settings=settings,
                    config=config, executor=executor), cohort
