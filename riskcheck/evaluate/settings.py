"""The cohort evaluation's settings, separate from RiskConfig: they describe the study, not a
runner's thresholds."""

from __future__ import annotations

from dataclasses import dataclass

from riskcheck.errors import ConfigError

SEVERITY_COLUMNS = ("rule_severity", "severity")


@dataclass(frozen=True)
class EvaluateSettings:
    # Which judgement counts as an alert: the rule's own ('rule_severity', so that rules the
    # evidence policy quietens are evaluated too) or the one shown after the policy ('severity').
    severity_column: str = "rule_severity"
    # Days an injury keeps the athlete out of the risk set when its days_lost is not noted.
    default_days_lost: int = 7
    # The discrimination target: an injury starting within this many days after the day.
    horizon_days: int = 7
    # From this many athletes on, the athletes are assessed on a local Dask cluster (when
    # 'distributed' is installed); below it on a process pool, or here for a handful.
    dask_threshold: int = 500
    serial_below: int = 8
    workers: int | None = None

    def __post_init__(self) -> None:
        if self.severity_column not in SEVERITY_COLUMNS:
            raise ConfigError(f"severity_column must be one of {SEVERITY_COLUMNS}, not {self.severity_column!r}")
        for name in ("default_days_lost", "horizon_days", "dask_threshold", "serial_below"):
            if int(getattr(self, name)) < 0 or (name == "horizon_days" and self.horizon_days < 1):
                raise ConfigError(f"{name} must be a positive number of days/athletes")
