"""The shape of a rule and of what it finds.

A rule is a small declared unit (after sqlfluff's rules): an id, a slug, a title, what it
looks at, its thresholds with defaults and sources, the severities it can raise, the
strength of the evidence behind it, and an evaluation function from the load tables to
findings. Thresholds live here, next to the rule, and nowhere else; a RiskConfig
(riskcheck.settings) only overrides their values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

import pandas as pd

if TYPE_CHECKING:
    from riskcheck.settings import RiskConfig
    from riskcheck.load.tables import Tables

SEVERITIES = ("info", "caution", "high")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}  # for ordering: high above caution


@dataclass(frozen=True)
class Threshold:
    name: str          # key in the TOML config, e.g. "caution_pct"
    default: float
    unit: str
    description: str
    source: str
    minimum: float = 0  # the smallest value that makes sense (a window of 0 days does not)


@dataclass(frozen=True)
class Finding:
    """One risk pattern on one day. `activity_ids` are the runs that make the pattern."""

    date: pd.Timestamp
    severity: str
    measured: float
    threshold: float
    unit: str
    message: str
    activity_ids: tuple[str, ...] = ()
    # Some rules hold checks of different strength (RC02: the weak 10 % rule and the
    # two-week jump); a finding may then name its own evidence and source.
    evidence: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    slug: str
    title: str
    looks_at: str
    why: str
    evidence: str
    source: str
    recommendation: str
    recommendation_ids: tuple[str, ...]
    severities: tuple[str, ...]
    thresholds: tuple[Threshold, ...]
    check: Callable[[Tables, dict[str, float]], list[Finding]] = field(repr=False)

    def evaluate(self, tables: Tables, config: RiskConfig) -> list[Finding]:
        return self.check(tables, config.thresholds_for(self))

    def threshold(self, name: str) -> Threshold:
        for t in self.thresholds:
            if t.name == name:
                return t
        raise KeyError(name)
