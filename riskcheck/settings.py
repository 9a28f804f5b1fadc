"""Per-athlete settings and the rule thresholds in force: a plain value that the load tables
and the rules read. Reading it from a TOML file, every key checked against the rules, is
riskcheck.config (its docstring shows the file's layout)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from riskcheck.errors import ConfigError

LOAD_MEASURES = {"distance": "km", "duration": "min", "srpe": "AU", "trimp": "AU"}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SEXES = ("male", "female")
# Numeric settings and the values a person or a useful setting can have: a value outside is a
# typo (a max HR of 19 or 1900) that would silently change every heart-rate figure.
PLAUSIBLE = {
    "max_hr_bpm": (100, 250),
    "rest_hr_bpm": (20, 120),
    "high_intensity_hr_fraction": (0.5, 0.99),
    "status_window_days": (1, 365),
    "episode_gap_days": (1, 60),
    "corroboration_days": (0, 60),
    "fitness_days": (7, 120),
    "fatigue_days": (1, 30),
    "pain_episode_score": (1, 10),
    "pain_free_days": (1, 180),
}
EVIDENCE_LEVELS = ("weak", "moderate", "strong")


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
    # One rule's findings less than this many days apart are one alert (an episode).
    episode_gap_days: int = 8
    # The evidence policy (riskcheck.assess.evidence_policy): findings of these evidence levels
    # or rule ids raise caution only with a finding of a rule outside the list, or back pain,
    # in the `corroboration_days` before them; else they are notes.
    corroborate: tuple[str, ...] = ("weak",)
    corroboration_days: int = 7
    races: tuple[date, ...] = ()              # race days the log does not mark itself
    # Time constants of fitness and fatigue (riskcheck.load.fitness): Banister's 42 and 7 days.
    fitness_days: float = 42
    fatigue_days: float = 7
    # The personal backtest (riskcheck.backtest): a pain episode is back pain of this score or
    # an injury after this many days without either.
    pain_episode_score: float = 4
    pain_free_days: int = 14
    # rule id -> {threshold name: value}; only values that differ from the rule's default
    thresholds: dict[str, dict[str, float]] = field(default_factory=dict)
    # athlete -> overrides: settings by name, and "thresholds" as {rule id: {name: value}};
    # riskcheck.config checks them against the rules when it reads a file
    athletes: dict[str, dict] = field(default_factory=dict)

    def __post_init__(self):
        for name, allowed in (("load_measure", sorted(LOAD_MEASURES)), ("units", ["km", "mi"]),
                              ("week_start", list(WEEKDAYS)), ("sex", list(SEXES))):
            value = getattr(self, name)
            if not (value is None and name == "sex") and (not isinstance(value, str) or value not in allowed):
                raise ConfigError(f"{name} must be one of {allowed}, not {value!r}")
        for name, (low, high) in PLAUSIBLE.items():
            value = getattr(self, name)
            if value is None and name in ("max_hr_bpm", "rest_hr_bpm"):
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
                raise ConfigError(f"{name} must be a number from {low:g} to {high:g}, not {value!r}")
        if self.fatigue_days >= self.fitness_days:
            raise ConfigError("fatigue_days must be shorter than fitness_days")
        for name in ("status_window_days", "episode_gap_days", "corroboration_days", "pain_free_days"):
            if not float(getattr(self, name)).is_integer():
                raise ConfigError(f"{name} must be a whole number of days, not {getattr(self, name)!r}")
        object.__setattr__(self, "corroborate", _names(self.corroborate, "corroborate"))
        object.__setattr__(self, "races", _race_days(self.races))
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


def _names(value, name: str) -> tuple[str, ...]:
    """Evidence levels or rule ids (checked against the rules by riskcheck.config)."""
    if isinstance(value, str) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{name} must be a list of evidence levels or rule ids, not {value!r}")
    return tuple(value)


def _race_days(value) -> tuple[date, ...]:
    """Dates as TOML writes them or as 'YYYY-MM-DD' text."""
    if isinstance(value, (str, date)):
        raise ConfigError(f"races must be a list of dates, not {value!r}")
    days = []
    for v in value:
        try:
            days.append(date(v.year, v.month, v.day) if isinstance(v, date) else date.fromisoformat(v))
        except (TypeError, ValueError):
            raise ConfigError(f"races: {v!r} is not a date (write 2025-10-12)") from None
    return tuple(sorted(set(days)))
