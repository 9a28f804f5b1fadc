"""The evaluation in plain text: the hazard-ratio table, the AUC and the calibration table.
Used by `riskcheck evaluate`, the tests and the notebook, so the figures they quote match."""

from __future__ import annotations

import math

import numpy as np

from riskcheck.evaluate.result import Evaluation


def hazard_ratio_lines(result: Evaluation, planted: dict[str, float] | None = None) -> list[str]:
    head = f"{'rule':5s} {'exposure days':>13s} {'events active':>13s} {'HR':>6s} {'95 % CI':>13s} {'p':>7s}"
    lines = [head + ("  planted" if planted else "")]
    for r in result.hazard_ratios.itertuples():
        if np.isnan(r.hr):
            body = f"{r.rule_id:5s} {r.exposure_days:13d} {r.events_active:13d}  {r.note}"
        else:
            body = (f"{r.rule_id:5s} {r.exposure_days:13d} {r.events_active:13d} {r.hr:6.2f} "
                    f"{r.ci_low:5.2f}-{r.ci_high:<7.2f} {_p(r.p):>7s}" + (f"  ({r.note})" if r.note else ""))
        if planted and r.rule_id in planted:
            body += f"  {planted[r.rule_id]:.2f}"
        lines.append(body)
    return lines


def calibration_lines(result: Evaluation) -> list[str]:
    h = result.settings.horizon_days
    lines = [f"{'status':9s} {'days':>7s} {f'injury <= {h} d':>14s} {'rate':>7s} {'95 % CI (Wilson)':>17s}"]
    for c in result.calibration.itertuples():
        rate = "-" if math.isnan(c.rate) else f"{c.rate:.2%}"
        ci = "-" if math.isnan(c.ci_low) else f"{c.ci_low:.2%}-{c.ci_high:.2%}"
        lines.append(f"{c.level:9s} {c.days:7d} {c.injuries_within:14d} {rate:>7s} {ci:>17s}")
    return lines


def evaluation_text(result: Evaluation, planted: dict[str, float] | None = None) -> str:
    h = result.settings.horizon_days
    at_risk = int(result.person_days["at_risk"].sum())
    lines = [f"{result.athletes} athletes, {at_risk} person-days at risk, {result.injuries} injuries; "
             f"alerts from {result.settings.severity_column}",
             "", "Hazard ratio while the rule's alert is active (Poisson, all rules in one model, "
             "CIs robust by athlete):", *hazard_ratio_lines(result, planted),
             "", f"ROC AUC for an injury within {h} days: status {_auc(result.auc['status'])}, "
                 f"number of active alerts {_auc(result.auc['n_alerts'])}",
             "", "Calibration:", *calibration_lines(result)]
    if result.problems:
        lines += ["", "Not evaluated:", *(f"  {name}: {why}" for name, why in result.problems.items())]
    return "\n".join(lines)


def _p(p: float) -> str:
    return "<0.001" if p < 0.001 else f"{p:.3f}"


def _auc(value: float) -> str:
    return "- (needs injured and uninjured days)" if math.isnan(value) else f"{value:.3f}"
