"""Reading a config file: TOML -> RiskConfig (riskcheck.settings), every key checked
against the rules, and the table of every rule's thresholds in force.

    [settings]                      # for every athlete
    load_measure = "distance"       # distance | duration | srpe | trimp
    max_hr_bpm = 190
    corroborate = ["weak"]          # evidence levels or rules that need corroboration
    races = [2025-10-12]            # race days the files do not mark
    fitness_days = 42               # fitness and fatigue time constants (total load)
    fatigue_days = 7

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

import math
import tomllib
from dataclasses import fields
from pathlib import Path

import pandas as pd

from riskcheck.errors import ConfigError
from riskcheck.rules.registry import RULES, rule_by_key
from riskcheck.settings import EVIDENCE_LEVELS, RiskConfig

__all__ = ["RiskConfig", "config_from_dict", "config_from_toml", "load_config", "rules_table"]


def config_from_dict(data: dict) -> RiskConfig:
    """A RiskConfig from the TOML's tables, every key checked."""
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
        own_thresholds = _rule_thresholds(own.get("thresholds", {}), f"athletes.{name}.")
        athletes[name] = {**own_settings, "thresholds": own_thresholds}
    for where, values in (("settings.", settings), *((f"athletes.{n}.", a) for n, a in athletes.items())):
        if "corroborate" in values:
            values["corroborate"] = _corroborate(values["corroborate"], where)
    config = RiskConfig(**settings, thresholds=thresholds, athletes=athletes)
    _check_values(config, "")
    for name in athletes:  # a bad per-athlete value fails at load, not mid-report
        _check_values(config.for_athlete(name), f"athletes.{name}.")
    return config


def config_from_toml(text: str) -> RiskConfig:
    try:
        return config_from_dict(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config is not valid TOML: {exc}") from exc


def load_config(path: str | Path) -> RiskConfig:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read config {path}: {exc.strerror}") from exc
    return config_from_toml(text)


_SETTING_NAMES = {f.name for f in fields(RiskConfig)} - {"thresholds", "athletes"}


def _settings(raw: dict, where: str) -> dict:
    for key, value in raw.items():
        if key not in _SETTING_NAMES:
            raise ConfigError(f"unknown setting {where}{key} (known: {sorted(_SETTING_NAMES)})")
        if isinstance(value, dict):
            raise ConfigError(f"setting {where}{key} must be a value, not a table")
    return dict(raw)


def _corroborate(raw, where: str) -> list[str]:
    """Evidence levels and rules (by id or slug, kept as ids) that need corroboration."""
    if isinstance(raw, str) or not isinstance(raw, list):
        raise ConfigError(f"{where}corroborate must be a list of evidence levels or rules, not {raw!r}")
    out = []
    for key in raw:
        rule = rule_by_key(key) if isinstance(key, str) else None
        if key not in EVIDENCE_LEVELS and rule is None:
            raise ConfigError(f"{where}corroborate: {key!r} is neither an evidence level "
                              f"({', '.join(EVIDENCE_LEVELS)}) nor a rule")
        out.append(key if rule is None else rule.id)
    return out


def _rule_thresholds(raw: dict, where: str) -> dict[str, dict[str, float]]:
    """{slug or id: {name: value}} -> {rule id: {name: float}}, every key checked."""
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
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ConfigError(f"threshold {where}thresholds.{key}.{name} must be a number, not {value!r}")
            out.setdefault(rule.id, {})[name] = float(value)
    return out


# Thresholds counted in these units are whole numbers.
WHOLE_UNITS = frozenset({"days", "weeks", "sessions", "runs"})
# Severity levels a threshold name can carry; their values must rise in this order.
LEVELS = ("info", "caution", "high")


def _check_values(config: RiskConfig, where: str) -> None:
    """Every threshold in force within its range, and the levels of one measure in order
    (a caution line above the high line would never raise high)."""
    for rule in RULES:
        values = config.thresholds_for(rule)
        for t in rule.thresholds:
            value = values[t.name]
            place = f"{where}thresholds.{rule.slug}.{t.name}"
            if value < t.minimum:
                raise ConfigError(f"threshold {place} must be at least {t.minimum:g}, not {value:g}")
            if t.unit in WHOLE_UNITS and not float(value).is_integer():
                raise ConfigError(f"threshold {place} counts {t.unit}: a whole number, not {value:g}")
            if t.unit == "share" and value > 1:
                raise ConfigError(f"threshold {place} is a share between 0 and 1, not {value:g}")
        by_measure: dict[str, list[tuple[int, str]]] = {}
        for t in rule.thresholds:
            level = next((lv for lv in LEVELS if lv in t.name.split("_")), None)
            if level:
                measure = "_".join(part for part in t.name.split("_") if part != level)
                by_measure.setdefault(measure, []).append((LEVELS.index(level), t.name))
        for names in by_measure.values():
            ordered = [name for _, name in sorted(names)]
            for lower, higher in zip(ordered, ordered[1:]):
                if values[lower] >= values[higher]:
                    raise ConfigError(f"threshold {where}thresholds.{rule.slug}.{lower} ({values[lower]:g}) "
                                      f"must be below {higher} ({values[higher]:g})")


def rules_table(config: RiskConfig | None = None) -> pd.DataFrame:
    """Every rule with each threshold: default, the value in force, unit and source. Used by
    `riskcheck rules` and to write the README's rule table."""
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
