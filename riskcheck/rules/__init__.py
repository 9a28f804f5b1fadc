"""Risk rules: one module per rule, listed in riskcheck.rules.registry."""

from riskcheck.rules.base import Finding, Rule, Threshold
from riskcheck.rules.registry import RULES, rule_by_key

__all__ = ["RULES", "Finding", "Rule", "Threshold", "rule_by_key"]
