"""Per-rule hazard ratios from a Poisson model on person-days.

With a daily time scale and 0/1 covariates that change from day to day, a Poisson GLM with
log link on person-days is the piecewise-exponential survival model: its rate ratios are
hazard ratios, the same quantities a Cox model with time-varying covariates estimates (with
a constant baseline over calendar time instead of an unspecified one). Person-days with the
same athlete and covariate pattern are collapsed into one row (events summed, log of the
days as offset), which gives the same estimates as the person-day rows at a fraction of the
cost; the standard errors are robust, clustered by athlete, because one athlete's injuries
are not independent of each other.

All rules that are ever active are in one model, each adjusted for the others: alerts come
together (a long-run spike is often a weekly jump too), and a rule-by-rule model would lend
one rule's effect to the other. A rule never active, or never active on an injury day, gets
a row that says so and no estimate: its ratio is not estimable from these data; so does a
rule whose estimate runs off to infinity because a handful of injuries separate the days.
Under FEW_EVENTS injuries while active the estimate is shown with a note.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import statsmodels.api as sm

FEW_EVENTS = 5        # fewer injuries while active: the estimate is shown, with a warning
MAX_ABS_LOG_HR = 8.0  # beyond e^8: the injuries separate the days (no finite estimate exists)
HR_COLUMNS = ["rule_id", "exposure_days", "events_active", "events_total", "hr", "ci_low", "ci_high", "p", "note"]


def collapse(person_days: pd.DataFrame, rules: list[str]) -> pd.DataFrame:
    """At-risk person-days grouped by athlete and covariate pattern: days and events per group."""
    at_risk = person_days[person_days["at_risk"]]
    return (at_risk.groupby(["athlete", *rules], sort=False, observed=True)
            .agg(days=("event", "size"), events=("event", "sum")).reset_index())


def hazard_ratios(person_days: pd.DataFrame, rules: list[str]) -> pd.DataFrame:
    at_risk = person_days[person_days["at_risk"]]
    exposure = {r: int(at_risk[r].sum()) for r in rules}
    events = {r: int(at_risk.loc[at_risk[r] > 0, "event"].sum()) for r in rules}
    fitted = [r for r in rules if exposure[r] > 0 and events[r] > 0]
    rows = {r: _row(r, exposure[r], events[r], int(at_risk["event"].sum()),
                    note="never active: no estimate" if exposure[r] == 0
                    else "no injury while active: no estimate") for r in rules}
    if fitted and at_risk["event"].sum() > 0:
        for rule, (hr, lo, hi, p) in _fit(collapse(person_days, fitted), fitted).items():
            total = int(at_risk["event"].sum())
            if not (np.isfinite([hr, lo, hi]).all() and abs(np.log(hr)) < MAX_ABS_LOG_HR and lo > 0):
                rows[rule] = _row(rule, exposure[rule], events[rule], total,
                                  note="not estimable: too few injuries (they separate the days)")
                continue
            few = f"only {events[rule]} injuries while active: a wide interval" if events[rule] < FEW_EVENTS else ""
            rows[rule] = _row(rule, exposure[rule], events[rule], total, hr, lo, hi, p, note=few)
    return pd.DataFrame([rows[r] for r in rules], columns=HR_COLUMNS)


def _fit(groups: pd.DataFrame, rules: list[str]) -> dict[str, tuple[float, float, float, float]]:
    x = sm.add_constant(groups[rules].astype(float), has_constant="add")
    model = sm.GLM(groups["events"].astype(float), x, family=sm.families.Poisson(),
                   offset=np.log(groups["days"].astype(float)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # few clusters: statsmodels warns, the note in the docs says it
        fit = model.fit(cov_type="cluster", cov_kwds={"groups": pd.factorize(groups["athlete"])[0]})
    if not fit.converged:
        return {r: (np.nan, np.nan, np.nan, np.nan) for r in rules}
    ci = fit.conf_int(0.05)
    return {r: (float(np.exp(fit.params[r])), float(np.exp(ci.loc[r, 0])), float(np.exp(ci.loc[r, 1])),
                float(fit.pvalues[r])) for r in rules}


def _row(rule, exposure, events, total, hr=np.nan, lo=np.nan, hi=np.nan, p=np.nan, note=""):
    return {"rule_id": rule, "exposure_days": exposure, "events_active": events, "events_total": total,
            "hr": hr, "ci_low": lo, "ci_high": hi, "p": p, "note": note}
