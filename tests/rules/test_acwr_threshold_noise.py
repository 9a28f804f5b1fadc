"""RC03 flags a day only where level_for gives it a level: a ratio a hair (float noise) above
the info line once made assess() crash unpacking None."""

from __future__ import annotations

from riskcheck.load.from_log import activities_from_log
from riskcheck.load.tables import build_tables
from riskcheck.rules import acwr
from riskcheck.settings import RiskConfig


def _tables_with_ratio(value: float):
    tables = build_tables(activities_from_log([{"date": "2024-01-01", "until": "2024-02-29", "distance_km": 5}]),
                          RiskConfig())
    tables.daily["acwr_uncoupled"] = 1.0
    tables.daily["acwr_ewma"] = 1.0
    tables.daily.loc[tables.daily.index[-1], "acwr_uncoupled"] = value
    return tables


def test_a_ratio_within_float_noise_of_the_line_is_not_a_finding():
    thresholds = {t.name: t.default for t in acwr.RULE.thresholds}
    assert acwr.check(_tables_with_ratio(thresholds["info_ratio"] + 1e-10), thresholds) == []
    found = acwr.check(_tables_with_ratio(thresholds["info_ratio"] + 0.01), thresholds)
    assert [f.severity for f in found] == ["info"]
