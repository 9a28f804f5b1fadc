"""Next week's plan: how far in total, how long the long run, in how many runs. The model,
its numbers and their sources are written down in docs/guidance.md; in brief:

- Established weekly distance: the four-week average, or, when the runner held more in the
  last HELD_WEEKS weeks, their best 7 days of the last 21 up to that level. An easy week or a
  few days off do not shrink next week's allowance, and a runner coming back to a level they
  held does not start over.
- Weekly cap: RC02's week_info_pct (10 %), or its min_increase_km (3 km) for small volumes,
  above the established distance, where that rule starts its notes; no growth after a
  caution finding (after the evidence policy) in the last 14 days, 90 % of it after a high one.
- Long run: RC01's caution_pct (10 %) above the longest run of its window (30 days) that was
  not itself a spike or a race, counting only runs after the last back pain of
  BACK_PAIN_SCORE or more (what the back has tolerated since); no growth while an alert, back
  pain or a race recovery is current.
  At most LONG_RUN_EASY_RATIO easy runs' worth of the week: a share of the weekly cap that
  follows the runner's habit of runs per week.
- Back pain in the last 7 days: below BACK_PAIN_SCORE the plan holds; from it the week steps
  back (10 % below last week per point from 4/10); severe or lasting pain stops the plan.
- After a break of RC09's min_break_days the return plan sets the week (or the four-week
  average, when the runner has already rebuilt more); after a race the recovery holds the plan.

Distances are running only and races are left out of the established load: a race is not
training to build on. Windows end on the as-of day (the last 7 and 28 days), so the plan
does not depend on the weekday the log ends.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from riskcheck.assess.pain import BACK_PAIN_SCORE, pain_between, warning_sign
from riskcheck.assess.races import recovery_days
from riskcheck.rules.helpers import DAY, km

HELD_WEEKS = 8             # a level held this recently is established (riskcheck choice)
HABIT_WEEKS = 8            # the runs a week the runner usually does, over this many weeks
HIGH_ALERT_SHARE = 0.9     # after a high alert the week steps back to 90 % of the established distance
PAIN_STEP_PER_POINT = 0.1  # from BACK_PAIN_SCORE, 10 % below last week per point of pain
LONG_RUN_EASY_RATIO = 3.0  # the long run at most three easy runs of the same week (coaching practice)
RECENT_ALERT_DAYS = 14     # an alert this recent holds the plan
LEFT_OUT_SHOWN = 3         # runs left out of the long-run base named in the explanation


@dataclass(frozen=True)
class History:
    """What the plan reads, up to and including `as_of`."""
    as_of: pd.Timestamp
    next_start: pd.Timestamp
    daily_run_m: pd.Series      # running distance per day, every day up to as_of
    runs: pd.DataFrame          # local_date, distance_m, activity_id
    spike_ids: frozenset[str]   # runs the single-run spike rule flagged
    races: pd.DataFrame         # race runs: local_date, distance_m, activity_id
    pain: pd.Series             # highest back-pain score per day
    alert: str = "info"         # the most severe alert (after the evidence policy) of the last days


@dataclass
class Plan:
    max_distance_m: float = np.nan
    max_long_run_m: float = np.nan
    runs_per_week: int = 0
    four_week_avg_m: float = np.nan
    last_week_m: float = np.nan
    established_m: float = np.nan
    long_base_m: float = np.nan
    kind: str = "build"         # build, hold, step back, return, recover, stopped, none
    lines: list[str] = field(default_factory=list)
    cap_reason: str = ""        # why the weekly cap is what it is: the limit that binds
    long_growth: float = 1.0    # the long run's allowed growth over its base
    no_long_run: str = ""       # why next week has no long run, if it has none
    shape: str = ""             # long (one long run, the rest easy), even (no run above the long-run
                                # cap, all alike) or easy (no long run: all short and easy)

    @property
    def easy_run_m(self) -> float:
        if self.runs_per_week < 2:
            return np.nan
        return max(0.0, (self.max_distance_m - self.max_long_run_m) / (self.runs_per_week - 1))

    def limit_week(self, cap: float, reason: str) -> None:
        if cap < self.max_distance_m:
            self.max_distance_m, self.cap_reason = cap, reason


def plan_next_week(h: History, t1: dict[str, float], t2: dict[str, float], t9: dict[str, float]) -> Plan:
    """`t1`, `t2`, `t9`: the thresholds in force of RC01, RC02 and RC09."""
    run_days = h.daily_run_m.index[h.daily_run_m > 0]
    if not len(run_days):
        return Plan(kind="none", lines=["Not enough running in the log to set a weekly cap."])
    stop = warning_sign(h.pain, h.as_of)
    if stop:
        return Plan(kind="stopped", lines=[
            f"No plan for next week: {stop}. Have it assessed by a doctor or physiotherapist before planning "
            f"more running."])
    training = _without_races(h)
    p = _established(h, training, t1, t2)
    long_cap = _return_plan(p, h, training, run_days, t1, t9)
    if p.kind != "return":
        _after_alert(p, h)
    worst = _after_pain(p, h)
    race = _after_race(p, h, training, t9)
    p.lines.insert(1, f"Total distance: at most {km(p.max_distance_m)}: {p.cap_reason}. A ceiling, not a target.")
    if p.kind in ("build", "hold") and p.last_week_m > p.max_distance_m:
        p.lines.append(f"The last 7 days ({km(p.last_week_m)}) went beyond what you have established: next week comes "
                       f"back to it rather than building on them.")
    p.no_long_run = ("while the back hurts" if worst >= BACK_PAIN_SCORE
                     else "while you recover from the race" if race else "")
    _long_run(p, h, t1, long_cap)
    _shape(p)
    return p


def _established(h: History, training: pd.Series, t1, t2) -> Plan:
    p = Plan(long_growth=1 + t1["caution_pct"] / 100)
    p.four_week_avg_m = float(training[h.as_of - 27 * DAY: h.as_of].sum() / 4)
    p.last_week_m = float(training[h.as_of - 6 * DAY: h.as_of].sum())
    # a week off or an easy week does not undo a level held: the best 7 days of the last 21 count
    best_week = float(training.rolling(7, min_periods=1).sum()[h.as_of - 14 * DAY: h.as_of].max())
    held = float((training.rolling(28, min_periods=1).sum() / 4)[h.as_of - 7 * HELD_WEEKS * DAY: h.as_of].max())
    p.established_m = max(p.four_week_avg_m, min(best_week, held))
    p.runs_per_week = _runs_per_week(training, h.as_of)
    p.lines.append(f"Established weekly distance: {km(p.established_m)} (four-week average {km(p.four_week_avg_m)}, "
                   f"best 7 days of the last 21 {km(best_week)}, held up to {km(held)} a week in the last "
                   f"{HELD_WEEKS} weeks).")
    step = max(p.established_m * t2["week_info_pct"] / 100, t2["min_increase_km"] * 1000)
    p.max_distance_m = p.established_m + step
    p.cap_reason = (f"{km(step)} above it ({t2['week_info_pct']:.0f} %, or {t2['min_increase_km']:.0f} km for small "
                    f"volumes, where the weekly-jump rule starts its notes)")
    return p


def _after_alert(p: Plan, h: History) -> None:
    if h.alert == "info":
        return
    share = 1.0 if h.alert == "caution" else HIGH_ALERT_SHARE
    p.kind, p.long_growth = ("hold" if share == 1 else "step back"), 1.0
    p.limit_week(share * p.established_m, f"a {h.alert} alert in the last {RECENT_ALERT_DAYS} days: "
                 + ("no growth" if share == 1 else f"{share:.0%} of the established distance"))


def _after_pain(p: Plan, h: History) -> float:
    """Steps the week back for back pain of the last 7 days; returns the highest score."""
    worst = float(pain_between(h.pain, h.as_of - 6 * DAY, h.as_of).max())
    if not worst > 0:  # none logged (NaN) or 0/10
        return 0.0
    p.long_growth = 1.0
    if worst < BACK_PAIN_SCORE:
        p.kind = "hold" if p.kind == "build" else p.kind
        p.limit_week(p.established_m, f"back pain of {worst:.0f}/10 in the last 7 days: no growth")
    else:
        share = max(0.0, 1 - PAIN_STEP_PER_POINT * (worst - BACK_PAIN_SCORE + 1))
        p.kind = "step back"
        p.limit_week(share * p.last_week_m, f"back pain of {worst:.0f}/10 in the last 7 days: {share:.0%} of the last "
                     f"7 days ({km(p.last_week_m)}); stop a run that brings the pain on")
    return worst


def _after_race(p: Plan, h: History, training: pd.Series, t9) -> bool:
    """Holds the plan inside a race's recovery: back up from the return plan's start (RC09
    start_pct) of the four weeks before the race to the full level over the recovery."""
    race = _recovering_from(h)
    if race is None:
        return False
    day, distance, until = race
    p.long_growth = 1.0
    p.kind = "recover" if p.kind == "build" else p.kind
    start = t9["start_pct"] / 100
    share = start + (1 - start) * min(1.0, (h.next_start - day).days / max((until - day).days, 1))
    before = float(training[day - 27 * DAY: day].sum() / 4)
    p.limit_week(share * before, f"recovery after the race: {share:.0%} of the {km(before)} a week of the four "
                 f"weeks up to it")
    p.lines.append(f"Recovery after the {km(distance)} race on {day:%Y-%m-%d}: easy runs only, no long run and no "
                   f"hard session until {until:%Y-%m-%d}; the race does not count as training to build on.")
    return True


def _shape(p: Plan) -> None:
    """The week's shape, and no long run when the back hurts or a race is being recovered from."""
    n = p.runs_per_week
    if not np.isfinite(p.max_distance_m):
        return
    if p.no_long_run:
        split = p.max_distance_m / max(n, 1)
        if split < p.max_long_run_m or np.isnan(p.max_long_run_m):
            p.max_long_run_m = split
            p.lines[-1] = (f"Longest run: at most {km(split)}: no long run {p.no_long_run}; every run short "
                           f"and easy (the week's cap over your {max(n, 1)} runs).")
        p.shape = "easy"
        if n >= 2:
            p.lines.append(f"The week's shape: {n} short easy runs of about {km(split)}, as many as you usually do.")
    elif n >= 2 and p.easy_run_m >= p.max_long_run_m:
        p.shape = "even"
        p.lines.append(f"The week's shape: {n} runs, as you usually do, none longer than {km(p.max_long_run_m)}: "
                       f"the long-run cap binds before the week's does.")
    elif n >= 2:
        p.shape = "long"
        p.lines.append(f"The week's shape: {n} runs, as you usually do: one long run and {n - 1} easy "
                       f"run{'s' if n > 2 else ''} of about {km(p.easy_run_m)}.")


def _without_races(h: History) -> pd.Series:
    raced = h.races.groupby("local_date")["distance_m"].sum() if len(h.races) else pd.Series(dtype=float)
    return (h.daily_run_m - raced.reindex(h.daily_run_m.index).fillna(0.0)).clip(lower=0.0)


def _runs_per_week(training: pd.Series, as_of: pd.Timestamp) -> int:
    """The runner's habit: run days per 7-day block of the last HABIT_WEEKS, over blocks with running."""
    n = 7 * HABIT_WEEKS
    days = (training[as_of - (n - 1) * DAY: as_of] > 0).to_numpy()
    days = np.concatenate([np.zeros(n - len(days), bool), days])
    per_block = days.reshape(HABIT_WEEKS, 7).sum(axis=1)
    ran = per_block[per_block > 0]
    return int(round(float(np.median(ran)))) if len(ran) else 0


def _return_plan(p: Plan, h: History, training: pd.Series, run_days: pd.DatetimeIndex, t1, t9) -> float:
    """While RC09's return plan runs, sets the week from it (never below the four-week average
    already rebuilt) and returns its long-run cap; else returns inf."""
    min_break = pd.Timedelta(days=t9["min_break_days"])
    if h.as_of - run_days[-1] >= min_break:  # the break is still going on
        last_before, week = run_days[-1], 0
    else:
        gaps = run_days[1:] - run_days[:-1]
        breaks = np.flatnonzero(gaps >= min_break)
        if not len(breaks):
            return np.inf
        last_before, back = run_days[breaks[-1]], run_days[breaks[-1] + 1]
        week = (h.next_start - back).days // 7
        if week >= t9["plan_weeks"]:
            return np.inf
    pre_week = training[last_before - (7 * t9["pre_break_weeks"] - 1) * DAY: last_before].sum() / t9["pre_break_weeks"]
    if pre_week < t9["min_pre_break_km"] * 1000:
        return np.inf
    window = h.runs[(h.runs["local_date"] > last_before - t1["window_days"] * DAY)
                    & (h.runs["local_date"] <= last_before) & ~h.runs["activity_id"].isin(h.races["activity_id"])]
    pre_long = float(window["distance_m"].max()) if len(window) else np.nan
    share = min(100.0, t9["start_pct"] + t9["step_pct"] * week) / 100
    which = (f"week 1 of the return plan after {(h.as_of - last_before).days} days without running" if week == 0
             else f"week {week + 1} of the return plan after the break")
    p.kind, p.max_distance_m = "return", float(pre_week * share)
    p.cap_reason = f"{which}, {share:.0%} of the {km(pre_week)} a week before the break"
    if p.four_week_avg_m > p.max_distance_m:  # already back beyond the plan: keep what was rebuilt
        p.max_distance_m = p.four_week_avg_m
        p.cap_reason += (f"; you have already averaged {km(p.four_week_avg_m)} a week over the last four weeks, "
                         f"so the plan holds that")
    return pre_long * share


def _recovering_from(h: History):
    """(race day, distance, last recovery day) when next week starts inside a race's recovery."""
    for race in h.races.sort_values("local_date", ascending=False).itertuples():
        days = recovery_days(race.distance_m)
        until = race.local_date + days * DAY
        if days and race.local_date <= h.as_of and h.next_start <= until:
            return race.local_date, float(race.distance_m), until
    return None


def _long_run(p: Plan, h: History, t1, return_cap: float) -> None:
    """The long-run cap: the tightest of the spike rule's base, the return plan and the share
    of the week, explained by the one that binds."""
    window = h.runs[(h.runs["local_date"] > h.as_of - t1["window_days"] * DAY) & (h.runs["local_date"] <= h.as_of)]
    spike = window["activity_id"].astype(str).isin(h.spike_ids)
    race = window["activity_id"].isin(h.races["activity_id"])
    # what the back has tolerated since the last back pain of BACK_PAIN_SCORE or more is the base
    marked = pain_between(h.pain, window["local_date"].min(), h.as_of) if len(window) else h.pain.iloc[0:0]
    marked = marked[marked >= BACK_PAIN_SCORE]
    before_pain = window["local_date"] <= marked.index.max() if len(marked) else pd.Series(False, index=window.index)
    eligible = window[~spike & ~race & ~before_pain]
    days = f"{t1['window_days']:.0f} days"
    growth = p.long_growth
    candidates = []  # (cap, why)
    if len(eligible):
        p.long_base_m = float(eligible["distance_m"].max())
        how = f"{t1['caution_pct']:.0f} % above" if growth > 1 else "no longer than"
        candidates.append((p.long_base_m * growth, f"{how} the longest run of the last {days} that was not a spike, "
                           f"a race or before back pain ({km(p.long_base_m)}; the single-run spike rule's base)"))
    elif (~spike).any():
        longest = float(window.loc[~spike, "distance_m"].max())
        how = f"{t1['caution_pct']:.0f} % above" if growth > 1 else "no longer than"
        candidates.append((longest * growth, f"no run of the last {days} can serve as a base; {how} the longest "
                           f"that was not a spike ({km(longest)})"))
    if np.isfinite(return_cap):
        candidates.append((return_cap, "the return plan's share of the longest run before the break"))
    weekly = p.max_distance_m
    if p.runs_per_week >= 2 and np.isfinite(weekly):
        share = LONG_RUN_EASY_RATIO / (LONG_RUN_EASY_RATIO + p.runs_per_week - 1)
        if p.kind in ("build", "hold", "recover") and share * weekly < p.long_base_m < weekly:
            candidates.append((p.long_base_m, f"it is already more than {share:.0%} of the week (a long run of up "
                               f"to {LONG_RUN_EASY_RATIO:.0f} easy runs with your {p.runs_per_week} runs a week), "
                               f"so it holds its length"))
        else:
            candidates.append((share * weekly, f"with your {p.runs_per_week} runs a week, at most {share:.0%} of the "
                               f"week (a long run of up to {LONG_RUN_EASY_RATIO:.0f} easy runs)"))
    elif np.isfinite(weekly):
        candidates.append((weekly, "no more than the week's cap"))
    if not candidates:
        return
    cap, why = min(candidates, key=lambda c: c[0])
    p.max_long_run_m = float(cap)
    longer = sorted(((r.distance_m, r.local_date, reason) for r, reason in _reasons(window, spike, race, before_pain)
                     if r.distance_m > p.long_base_m), reverse=True) if len(eligible) else []
    left_out = [f"{km(d)} on {day:%Y-%m-%d} ({reason})" for d, day, reason in longer[:LEFT_OUT_SHOWN]]
    if len(longer) > LEFT_OUT_SHOWN:
        left_out.append(f"{len(longer) - LEFT_OUT_SHOWN} more")
    p.lines.append(f"Longest run: at most {km(cap)}: {why}" + ("; left out: " + ", ".join(left_out) if left_out else "")
                   + ".")


def _reasons(window, spike, race, followed):
    for i, r in zip(window.index, window.itertuples()):
        why = "race" if race[i] else "spike" if spike[i] else "before back pain" if followed[i] else ""
        if why:
            yield r, why
