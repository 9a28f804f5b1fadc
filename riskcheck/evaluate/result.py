"""The cohort evaluation's result."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from riskcheck.evaluate.settings import EvaluateSettings


@dataclass
class Evaluation:
    hazard_ratios: pd.DataFrame   # one row per rule (riskcheck.evaluate.model.HR_COLUMNS)
    auc: dict[str, float]         # ROC AUC of 'status' and 'n_alerts' for an injury within the horizon
    calibration: pd.DataFrame     # per status level: days, injuries within the horizon, Wilson interval
    person_days: pd.DataFrame     # athlete, date, the rules' 0/1 columns, n_alerts, status, at_risk, event, ...
    rules: list[str]
    settings: EvaluateSettings
    problems: dict[str, str] = field(default_factory=dict)  # athletes not evaluated, and why
    alerts: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)  # reusable: evaluate(alerts=...)

    @property
    def athletes(self) -> int:
        return int(self.person_days["athlete"].nunique()) if len(self.person_days) else 0

    @property
    def injuries(self) -> int:
        return int(self.person_days["event"].sum()) if len(self.person_days) else 0

    def summary(self) -> dict:
        """Plain numbers for JSON output."""
        return {"athletes": self.athletes, "person_days": int(self.person_days["at_risk"].sum()),
                "injuries": self.injuries, "severity_column": self.settings.severity_column,
                "horizon_days": self.settings.horizon_days, "auc": self.auc, "problems": self.problems}
