"""Per-athlete settings and the rule thresholds in force: a plain value that the load tables
and the rules read. Reading it from TOML, checked against the rules, is riskcheck.config.

    [settings]                      # for every athlete
    load_measure = "distance"       # distance | duration | srpe | trimp
    max_hr_bpm = 190
    rest_hr_bpm = 50

    [thresholds.long-run-spike]     # a rule by slug or id (RC01)
    caution_pct = 10

    [athletes."Ann"]                # one athlete's settings ...
    max_hr_bpm = 185
    [athletes."Ann".thresholds.RC01]  # ... and thresholds, over the ones above
    high_pct = 25
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from riskcheck.errors import ConfigError

LOAD_MEASURES = {"distance": "km", "duration": "min", "srpe": "AU", "trimp": "AU"}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SEXES = ("male", "female")


@dataclass(frozen=True)
class RiskConfig:
    load_measure: str = "distance"
    max_hr_bpm: float | None = None
    rest_hr_bpm: float | None = None
    sex: str | None = None                    # picks the TRIMP weighting (Banister)
    week_start: str = "monday"
    units: str = "km"                         # distances in messages: km or mi (tables stay SI)
    high_intensity_hr_fraction: float = 0.85  # of max HR; time above counts as high intensity
    status_window_days: int = 7               # findings this recent set the status "now"
    # rule id -> {threshold name: value}; only values that differ from the rule's default
    thresholds: dict[str, dict[str, float]] = field(default_factory=dict)
    # athlete -> overrides: settings by name, and "thresholds" as {rule id: {name: value}};
    # riskcheck.config checks them against the rules when it reads a file
    athletes: dict[str, dict] = field(default_factory=dict)

    def __post_init__(self):
        if self.load_measure not in LOAD_MEASURES:
            raise ConfigError(f"load_measure must be one of {sorted(LOAD_MEASURES)}, not {self.load_measure!r}")
        if self.units not in ("km", "mi"):
            raise ConfigError(f"units must be 'km' or 'mi', not {self.units!r}")
        if self.week_start not in WEEKDAYS:
            raise ConfigError(f"week_start must be a weekday name, not {self.week_start!r}")
        if self.sex is not None and self.sex not in SEXES:
            raise ConfigError(f"sex must be one of {SEXES}, not {self.sex!r}")
        if not 0 < self.high_intensity_hr_fraction < 1:
            raise ConfigError("high_intensity_hr_fraction must lie between 0 and 1")
        if self.max_hr_bpm and self.rest_hr_bpm and self.rest_hr_bpm >= self.max_hr_bpm:
            raise ConfigError("rest_hr_bpm must be below max_hr_bpm")

    def thresholds_for(self, rule) -> dict[str, float]:
        """The rule's thresholds with this config's overrides applied."""
        values = {t.name: t.default for t in rule.thresholds}
        values.update(self.thresholds.get(rule.id, {}))
        return values

    def for_athlete(self, athlete: str | None) -> RiskConfig:
        """This config with the athlete's own settings and thresholds laid over it. The result
        holds no athlete sections any more, so resolving it again changes nothing and a
        setting made on it afterwards (the command line's --units) stays."""
        own = self.athletes.get(athlete or "")
        if not own:
            return replace(self, athletes={}) if self.athletes else self
        settings = {k: v for k, v in own.items() if k != "thresholds"}
        merged = {rid: dict(vals) for rid, vals in self.thresholds.items()}
        for rid, vals in own.get("thresholds", {}).items():
            merged.setdefault(rid, {}).update(vals)
        return replace(self, **settings, thresholds=merged, athletes={})
