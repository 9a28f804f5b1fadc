"""RC12: a lasting shift in running form against the runner's own baseline at comparable speed.

Two patterns, both read from the per-run running dynamics (schema.RUNNING_DYNAMICS_COLUMNS):
the left/right ground-contact balance moving away from where it usually sits, and
overstriding (longer steps at a lower step rate at the same speed). Like RC04 only the
runner's own runs at a similar speed are compared, never population norms: dynamics differ
a lot between runners and change with speed.

"Lasting" means the median of the last `recent_days` (at least `min_recent_runs` runs)
against the median of the `baseline_days` before them (at least `min_baseline_runs` runs),
so a single odd run (a trail, a strap worn loosely) does not count. A finding goes on the
days whose run is itself part of the shift, like RC04's, not on every day of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from riskcheck.load.tables import Tables
from riskcheck.rules import cadence_drop
from riskcheck.rules.base import Finding, Rule, Threshold
from riskcheck.rules.helpers import DAY, above

HEIDERSCHEIT = cadence_drop.SOURCE
ZIFCHOCK = "Zifchock et al. 2008, Gait Posture 27:622-627"
CHOICE = "riskcheck choice"


@dataclass(frozen=True)
class Runs:
    """The runs with a known average speed, in day order, as plain arrays."""

    dates: np.ndarray   # datetime64[ns], local day
    ids: np.ndarray     # str
    speed: np.ndarray   # m/s
    balance: np.ndarray  # left foot's share of ground contact, %
    step: np.ndarray    # step length, m
    cadence: np.ndarray  # steps/min

    @cached_property
    def has_balance(self) -> np.ndarray:
        return np.isfinite(self.balance)

    @cached_property
    def has_stride(self) -> np.ndarray:
        """Step length and cadence both known: overstriding needs the two together."""
        return np.isfinite(self.step) & np.isfinite(self.cadence) & (self.step > 0) & (self.cadence > 0)

    @classmethod
    def of(cls, tables: Tables) -> Runs:
        runs = tables.runs.sort_values("local_date", kind="stable")
        runs = runs[np.isfinite(runs["avg_speed_m_s"].to_numpy(dtype=float))]
        # A frame made before the dynamics columns existed (or by hand) has no dynamics: NaN, no error.
        col = lambda name: (runs[name].to_numpy(dtype=float) if name in runs  # noqa: E731
                            else np.full(len(runs), np.nan))
        return cls(runs["local_date"].to_numpy(), runs["activity_id"].astype(str).to_numpy(object),
                   col("avg_speed_m_s"), col("ground_contact_balance_left_pct"), col("avg_step_length_m"),
                   col("avg_cadence_spm"))


@dataclass(frozen=True)
class Windows:
    """For the run `k`: its comparable runs of the recent window and of the baseline before it."""

    recent: np.ndarray    # bool mask over Runs
    baseline: np.ndarray  # bool mask over Runs


def windows(runs: Runs, k: int, t: dict[str, float]) -> Windows:
    """Recent: the `recent_days` up to run k's day. Baseline: the `baseline_days` before them.
    Comparable: average speed within `speed_tolerance_m_s` of run k's, a window centred on
    the run rather than RC04's fixed 0.5 m/s bands, so runs either side of a band edge
    (2.49 and 2.51 m/s) still compare."""
    day = pd.Timestamp(runs.dates[k])
    recent_start = day - (int(t["recent_days"]) - 1) * DAY
    base_start = recent_start - int(t["baseline_days"]) * DAY
    similar = np.abs(runs.speed - runs.speed[k]) <= t["speed_tolerance_m_s"] + 1e-9
    dates = runs.dates
    recent = similar & (dates >= np.datetime64(recent_start)) & (dates <= np.datetime64(day))
    baseline = similar & (dates >= np.datetime64(base_start)) & (dates < np.datetime64(recent_start))
    return Windows(recent, baseline)


def enough(w: Windows, known: np.ndarray, t: dict[str, float]) -> bool:
    return (w.recent & known).sum() >= t["min_recent_runs"] and (w.baseline & known).sum() >= t["min_baseline_runs"]


def balance_finding(runs: Runs, k: int, w: Windows, t: dict[str, float]) -> Finding | None:
    """(a) The ground-contact balance moved more than `balance_shift_points` either way, and
    run k moved with it."""
    known = runs.has_balance
    if not known[k] or not enough(w, known, t):
        return None
    # The run's own change first: most runs have none, and it needs only the baseline.
    base = np.median(runs.balance[w.baseline & known])
    own, limit = runs.balance[k] - base, t["balance_shift_points"]
    if not above(abs(own), limit):
        return None
    now = np.median(runs.balance[w.recent & known])
    shift = now - base
    if not (above(abs(shift), limit) and np.sign(own) == np.sign(shift)):
        return None
    side = "left" if shift > 0 else "right"
    moved = w.recent & known & (np.sign(runs.balance - base) == np.sign(shift)) \
        & above(np.abs(runs.balance - base), limit)
    return Finding(
        date=pd.Timestamp(runs.dates[k]), severity="info", measured=float(abs(shift)), threshold=limit,
        unit="points", activity_ids=_ids(runs, moved),
        message=(f"Your left foot's share of ground contact was {now:.1f} % "
                 f"({_runs_text(runs, w.recent & known, moved)}) "
                 f"against {base:.1f} % over {int((w.baseline & known).sum())} runs at similar speed in the "
                 f"{int(t['baseline_days'])} days before: {abs(shift):.1f} points more time on the {side} foot, "
                 f"above the {limit:g}-point threshold."))


def overstride_finding(runs: Runs, k: int, w: Windows, t: dict[str, float]) -> Finding | None:
    """(b) Steps longer by more than `step_length_rise_pct` while cadence fell by more than
    `cadence_drop_pct` at similar speed, and run k did both. The device's step length backs
    the cadence: at one speed, fewer steps must mean longer ones, so the two together are a
    form change rather than a cadence sensor's hiccup."""
    known = runs.has_stride
    if not known[k] or not enough(w, known, t):
        return None
    step_limit, cad_limit = t["step_length_rise_pct"], t["cadence_drop_pct"]
    # The run's own change first: most runs have none, and it needs only the baseline.
    base_step, base_cad = np.median(runs.step[w.baseline & known]), np.median(runs.cadence[w.baseline & known])
    own_rise, own_drop = (runs.step[k] / base_step - 1) * 100, (1 - runs.cadence[k] / base_cad) * 100
    if not (above(own_rise, step_limit) and above(own_drop, cad_limit)):
        return None
    now_step, now_cad = np.median(runs.step[w.recent & known]), np.median(runs.cadence[w.recent & known])
    rise, drop = (now_step / base_step - 1) * 100, (1 - now_cad / base_cad) * 100
    if not (above(rise, step_limit) and above(drop, cad_limit)):
        return None
    moved = w.recent & known & above((runs.step / base_step - 1) * 100, step_limit) \
        & above((1 - runs.cadence / base_cad) * 100, cad_limit)
    return Finding(
        date=pd.Timestamp(runs.dates[k]), severity="info", measured=float(rise), threshold=step_limit, unit="%",
        activity_ids=_ids(runs, moved),
        message=(f"Your steps were {now_step:.2f} m long at {now_cad:.0f} steps/min "
                 f"({_runs_text(runs, w.recent & known, moved)}) against {base_step:.2f} m at "
                 f"{base_cad:.0f} steps/min over {int((w.baseline & known).sum())} runs at similar speed in "
                 f"the {int(t['baseline_days'])} days before: {rise:.1f} % longer steps (threshold {step_limit:g} %) "
                 f"with {drop:.1f} % fewer steps per minute (threshold {cad_limit:g} %), the pattern of overstriding."))


def _ids(runs: Runs, mask: np.ndarray) -> tuple[str, ...]:
    return tuple(runs.ids[mask])


def _runs_text(runs: Runs, window: np.ndarray, moved: np.ndarray) -> str:
    """'median of 7 runs from .. to .., 4 of them changed': the window, and the runs that
    make the shift (the finding's activity_ids)."""
    dates = pd.DatetimeIndex(runs.dates[window])
    return (f"median of {window.sum()} runs from {dates.min():%Y-%m-%d} to {dates.max():%Y-%m-%d}, "
            f"{moved.sum()} of them changed")


def check(tables: Tables, t: dict[str, float]) -> list[Finding]:
    """At most one finding of each pattern per day; a runner without dynamics gets none."""
    runs = Runs.of(tables)
    findings: dict[tuple[str, pd.Timestamp], Finding] = {}
    for k in np.flatnonzero(runs.has_balance | runs.has_stride):  # runs without dynamics make nothing
        w = windows(runs, k, t)
        for kind, pattern in (("balance", balance_finding), ("overstride", overstride_finding)):
            found = pattern(runs, k, w, t)
            if found is not None:
                findings.setdefault((kind, found.date), found)
    return sorted(findings.values(), key=lambda f: f.date)


RULE = Rule(
    id="RC12", slug="running-form-shift", title="Running form shift",
    looks_at=("the running dynamics of the last 2 weeks (ground-contact balance, step length with cadence) "
              "against the runner's own runs at similar speed (within 0.25 m/s) over the 6 weeks before"),
    why=("A lasting change in form can come with fatigue, a niggle or new shoes. Longer steps at a lower step "
         "rate at the same speed raise the load of every step: in a treadmill study of 45 runners a 10 % lower "
         "step rate raised the load at every joint measured (Heiderscheit et al. 2011). For the left/right "
         "balance of ground contact, studies describe how to measure asymmetry (Zifchock et al. 2008) but none "
         "ties a shift of a given size to injury or back pain; the 2-point threshold is riskcheck's choice. "
         "Lab biomechanics without injury outcomes, read from watch or pod sensors that also change with "
         "terrain and how they are worn: weak evidence, so this stays an informational note."),
    evidence="weak", source=f"{HEIDERSCHEIT}; {ZIFCHOCK}",
    recommendation=("This is a risk pattern in your running form, not a diagnosis. At easy pace, take short, "
                    "quick steps (about 5 % more per minute) with the foot landing under the hips. If the change "
                    "lasts and comes with back pain, ask a physiotherapist or running coach to look at your form."),
    recommendation_ids=("cadence",),
    severities=("info",),
    thresholds=(
        Threshold("balance_shift_points", 2.0, "points", "ground-contact balance moved from the baseline, "
                  "either way (percentage points of the left foot's share)", CHOICE),
        Threshold("step_length_rise_pct", 5, "%", "step length above the baseline at similar speed", CHOICE),
        Threshold("cadence_drop_pct", cadence_drop.RULE.threshold("caution_pct").default, "%",
                  "cadence below the baseline at similar speed, with the longer steps (RC04's caution drop)",
                  HEIDERSCHEIT),
        Threshold("recent_days", 14, "days", "window of the recent runs (2 weeks)", CHOICE, minimum=1),
        Threshold("baseline_days", 42, "days", "baseline window before it (6 weeks, as RC04)", CHOICE, minimum=1),
        Threshold("min_recent_runs", 3, "runs", "runs with dynamics at similar speed needed in the recent window",
                  CHOICE, minimum=1),
        Threshold("min_baseline_runs", 3, "runs", "runs with dynamics at similar speed needed in the baseline",
                  CHOICE, minimum=1),
        Threshold("speed_tolerance_m_s", 0.25, "m/s", "largest difference in average speed for runs to compare "
                  "(half of RC04's 0.5 m/s band)", CHOICE),
    ),
    check=check,
)
