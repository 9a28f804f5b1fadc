"""Per-athlete settings and rule thresholds, from TOML.

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

Every key is checked: an unknown setting, rule or threshold raises ConfigError naming it,
because a misspelt threshold that silently keeps its default is worse than an error.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

import pandas as pd

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
    # athlete -> raw overrides (settings and thresholds), already validated
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
        for rid, vals in _rule_thresholds(own.get("thresholds", {}), f"athletes.{athlete}.").items():
            merged.setdefault(rid, {}).update(vals)
        return replace(self, **settings, thresholds=merged, athletes={})

    @classmethod
    def from_dict(cls, data: dict) -> RiskConfig:
        known = {"settings", "thresholds", "athletes"}
        for key in data:
            if key not in known:
                raise ConfigError(f"unknown config section {key!r} (known: {sorted(known)})")
        settings = _settings(data.get("settings", {}), "settings.")
        thresholds = _rule_thresholds(data.get("thresholds", {}), "")
        athletes = {}
        for name, own in data.get("athletes", {}).items():
            if not isinstance(own, dict):
                raise ConfigError(f"athletes.{name} must be a table")
            own_settings = _settings({k: v for k, v in own.items() if k != "thresholds"}, f"athletes.{name}.")
            _rule_thresholds(own.get("thresholds", {}), f"athletes.{name}.")  # validate now
            athletes[name] = {**own_settings, "thresholds": own.get("thresholds", {})}
        config = cls(**settings, thresholds=thresholds, athletes=athletes)
        for name in athletes:
            config.for_athlete(name)  # a bad per-athlete value fails at load, not mid-report
        return config

    @classmethod
    def from_toml(cls, text: str) -> RiskConfig:
        try:
            return cls.from_dict(tomllib.loads(text))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config is not valid TOML: {exc}") from exc


def load_config(path: str | Path) -> RiskConfig:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read config {path}: {exc.strerror}") from exc
    return RiskConfig.from_toml(text)


_SETTING_NAMES = {f.name for f in fields(RiskConfig)} - {"thresholds", "athletes"}


def _settings(raw: dict, where: str) -> dict:
    for key, value in raw.items():
        if key not in _SETTING_NAMES:
            raise ConfigError(f"unknown setting {where}{key} (known: {sorted(_SETTING_NAMES)})")
        if isinstance(value, dict):
            raise ConfigError(f"setting {where}{key} must be a value, not a table")
    return dict(raw)


def _rule_thresholds(raw: dict, where: str) -> dict[str, dict[str, float]]:
    """{slug or id: {name: value}} -> {rule id: {name: float}}, every key checked."""
    from riskcheck.rules.registry import rule_by_key

    out: dict[str, dict[str, float]] = {}
    for key, values in raw.items():
        rule = rule_by_key(key)
        if rule is None:
            raise ConfigError(f"unknown rule {where}thresholds.{key}")
        if not isinstance(values, dict):
            raise ConfigError(f"{where}thresholds.{key} must be a table of threshold values")
        names = {t.name for t in rule.thresholds}
        for name, value in values.items():
            if name not in names:
                raise ConfigError(f"unknown threshold {where}thresholds.{key}.{name} "
                                  f"(rule {rule.id} has: {sorted(names)})")
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ConfigError(f"threshold {where}thresholds.{key}.{name} must be a number")
            out.setdefault(rule.id, {})[name] = float(value)
    return out


def rules_table(config: RiskConfig | None = None) -> pd.DataFrame:
    """Every rule with each threshold: default, the value in force, unit and source. Used by
    `riskcheck rules` and to write the README's rule table."""
    from riskcheck.rules.registry import RULES

    config = config or RiskConfig()
    rows = []
    for rule in RULES:
        values = config.thresholds_for(rule)
        for t in rule.thresholds:
            rows.append({"rule_id": rule.id, "rule_slug": rule.slug, "title": rule.title,
                         "evidence": rule.evidence, "severities": "/".join(rule.severities),
                         "threshold": t.name, "default": t.default, "value": values[t.name],
                         "unit": t.unit, "description": t.description, "source": t.source})
    return pd.DataFrame(rows)
