"""The rules riskcheck evaluates, listed explicitly and in id order."""

from __future__ import annotations

from riskcheck.rules import (acwr, cadence_drop, hill_jump, intensity_jump, long_run_spike, monotony,
                             return_after_break, running_form, shoe_wear, strength_work, surface_change,
                             weekly_jump)
from riskcheck.rules.base import Rule

RULES: tuple[Rule, ...] = (
    long_run_spike.RULE,
    weekly_jump.RULE,
    acwr.RULE,
    cadence_drop.RULE,
    surface_change.RULE,
    hill_jump.RULE,
    intensity_jump.RULE,
    monotony.RULE,
    return_after_break.RULE,
    shoe_wear.RULE,
    strength_work.RULE,
    running_form.RULE,
)


def rule_by_key(key: str) -> Rule | None:
    """A rule by id ('RC01', any case) or slug ('long-run-spike')."""
    for rule in RULES:
        if key.upper() == rule.id or key == rule.slug:
            return rule
    return None
