"""Display values shared by the HTML and Markdown reports."""

from __future__ import annotations

import pytest

from riskcheck.errors import ConfigError
from riskcheck.report import content, units


def test_athlete_summary_for_a_coach_overview(assessment):
    summary = content.athlete_summary(assessment, "km")
    assert summary["status"] == assessment.status.level
    assert summary["as_of"] == str(assessment.status.as_of)
    assert summary["findings"] == str(len(assessment.findings))
    worst = assessment.findings[assessment.findings["severity"] == "high"]
    assert summary["top_finding"] in set(worst["message"])
    assert summary["next_week_max"] == f"{assessment.guidance.max_distance_m / 1000:.1f} km"


def test_findings_are_ordered_most_severe_then_most_recent(assessment):
    ordered = content.sorted_findings(assessment.findings)
    rank = {"info": 0, "caution": 1, "high": 2}
    keys = [(-rank[s], -d.value) for s, d in zip(ordered["severity"], ordered["date"])]
    assert keys == sorted(keys)
    assert len(ordered) == len(assessment.findings)


@pytest.mark.parametrize("value, unit, shown", [
    (69.23, "%", "69 %"), (1.4634, "ratio", "1.46 ratio"), (74.6, "pp", "75 pp"),
    (2250.0, "m", "2250 m"), (12.5, "km", "12.5 km"), (float("nan"), "%", "–")])
def test_measures_keep_their_unit(value, unit, shown):
    assert units.format_measure(value, unit, "km") == shown


def test_distances_and_climbs_in_miles():
    assert units.format_distance(16093.44, "mi") == "10.0 mi"
    assert units.format_climb(304.8, "mi") == "1000 ft"
    assert units.format_measure(16.09344, "km", "mi") == "10.0 mi"
    with pytest.raises(ConfigError):
        units.format_distance(1000.0, "furlong")
