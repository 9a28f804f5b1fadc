"""Charts drawn from an assessment: titles, axis labels with units, legends, flag
annotations, 'no data' panels for degenerate logs, and the files save_charts writes."""

from __future__ import annotations

import copy
from datetime import date

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from lxml import etree

from riskcheck.assess import assess
from riskcheck.errors import ConfigError
from riskcheck.load.from_log import activities_from_log
from riskcheck.report.charts import (
    CHARTS, charts_for, draw_chart, plot_acwr, plot_cadence, plot_climbing, plot_fitness, plot_long_runs, plot_surface_mix,
    plot_weekly_distance, save_charts)
from riskcheck.schema import empty_activities

METRES = {"km": 1000.0, "mi": 1609.344}


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def legend_texts(ax) -> list[str]:
    legend = ax.get_legend()
    return [] if legend is None else [t.get_text() for t in legend.get_texts()]


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize("units", ["km", "mi"])
def test_weekly_distance_bars_statuses_flags_and_cap(assessment, units):
    ax = plot_weekly_distance(assessment.weekly, assessment.findings, assessment.guidance, units=units)
    assert ax.get_title() == "Weekly distance"
    assert ax.get_ylabel() == f"Distance per week ({units})"
    assert ax.get_xlabel() == "Week starting"
    weekly = assessment.weekly
    heights = [p.get_height() for p in ax.patches]
    np.testing.assert_allclose(heights[:len(weekly)], weekly["distance_m"].fillna(0) / METRES[units])
    assert heights[len(weekly)] == pytest.approx(assessment.guidance.max_distance_m / METRES[units])
    legend = legend_texts(ax)
    assert "next week's cap" in legend
    assert {f"week status: {s}" for s in weekly["status"]} <= set(legend)
    assert {f"finding: {s}" for s in assessment.findings["severity"]} <= set(legend)
    cap = assessment.guidance.max_distance_m / METRES[units]
    assert f"next week: at most {cap:.0f} {units}" in texts(ax)
    flagged_weeks = assessment.findings["week_start"].nunique()
    markers = [line for line in ax.get_lines() if line.get_marker() == "v"]
    assert len(markers) == flagged_weeks


def spikes_by_brute_force(daily: pd.DataFrame, pct: float) -> list[int]:
    """Rounded % of each day whose longest run beats the previous 30 days' longest by > pct,
    once the log covers 30 days."""
    out = []
    runs = daily[daily["long_run_m"] > 0]
    for _, today in runs[runs["date"] >= runs["date"].min() + pd.Timedelta(days=30)].iterrows():
        before = daily[(daily["date"] < today["date"])
                       & (daily["date"] >= today["date"] - pd.Timedelta(days=30))]["long_run_m"]
        if (before > 0).any() and today["long_run_m"] > before.max() * (1 + pct / 100):
            out.append(round((today["long_run_m"] / before.max() - 1) * 100))
    return out


def test_long_runs_annotates_each_spike_with_its_percentage(assessment):
    ax = plot_long_runs(assessment.daily, units="km")
    assert ax.get_title() == "Longest run against the previous 30 days"
    assert ax.get_ylabel() == "Run distance (km)"
    assert ax.get_xlabel() == "Date"
    expected = spikes_by_brute_force(assessment.daily, 10.0)
    assert expected, "the generated log holds a long-run spike"
    assert sorted(texts(ax)) == sorted(f"+{p} %" for p in expected)
    assert legend_texts(ax) == ["longest run of the previous 30 days", "longest run of the day",
                                "more than 10 % longer"]


def test_acwr_draws_both_ratios_bands_and_the_evidence_note(assessment):
    ax = plot_acwr(assessment.daily)
    assert ax.get_title() == "Acute:chronic load ratio"
    assert ax.get_ylabel() == "Acute:chronic ratio"
    legend = ax.get_legend()
    assert "weak evidence" in legend.get_title().get_text()
    assert legend_texts(ax) == ["0.8-1.3: 'sweet spot' band", "1.5: 'danger' line",
                                "uncoupled (7-day vs days 8-28)", "EWMA (7-day vs 28-day)"]
    assert any(np.allclose(line.get_ydata(), 1.5) for line in ax.get_lines())
    start, end = ax.get_xlim()
    first, last = (pd.Timestamp(assessment.daily["date"].min()), pd.Timestamp(assessment.daily["date"].max()))
    assert mdates.num2date(start).date() <= first.date() and mdates.num2date(end).date() >= last.date()


def test_cadence_against_baseline(assessment):
    ax = plot_cadence(assessment.weekly)
    assert ax.get_title() == "Cadence at comparable speed"
    assert ax.get_ylabel() == "Cadence at comparable speed (steps/min)"
    assert ax.get_xlabel() == "Week starting"
    assert legend_texts(ax)[:2] == ["your baseline ±5 % (previous 8 weeks)", "weekly cadence"]
    line = next(line for line in ax.get_lines() if line.get_label() == "weekly cadence")
    np.testing.assert_allclose(line.get_ydata(), assessment.weekly["cadence_spm"].dropna())


def test_surface_mix_legend_names_only_surfaces_that_occur(assessment):
    ax = plot_surface_mix(assessment.weekly)
    assert ax.get_title() == "Surface mix per week"
    assert ax.get_ylabel() == "Share of running distance (%)"
    present = [s for s in ("road", "trail", "track", "treadmill", "unknown")
               if (assessment.weekly[f"surface_{s}_share"].fillna(0) > 0).any()]
    assert legend_texts(ax) == present


@pytest.mark.parametrize("units, climb_unit, metres", [("km", "m", 1.0), ("mi", "ft", 0.3048)])
def test_climbing_up_and_down_in_the_matching_unit(assessment, units, climb_unit, metres):
    ax = plot_climbing(assessment.weekly, units=units)
    assert ax.get_title() == "Climbing and descent per week"
    assert ax.get_ylabel() == f"Elevation per week ({climb_unit})"
    assert legend_texts(ax) == ["climbing", "descent (drawn below zero)"]
    n = len(assessment.weekly)
    heights = [p.get_height() for p in ax.patches]
    np.testing.assert_allclose(heights[:n], assessment.weekly["ascent_m"].fillna(0) / metres)
    np.testing.assert_allclose(heights[n:], -assessment.weekly["descent_m"].fillna(0) / metres)


def test_fitness_fatigue_and_form_are_the_daily_columns(assessment):
    ax = plot_fitness(assessment.daily, scale="TRIMP", days=(42, 7))
    assert ax.get_title() == "Fitness, fatigue and form (all sports)"
    assert ax.get_ylabel() == "TRIMP per day"
    assert legend_texts(ax)[-2:] == ["fitness (42-day load)", "fatigue (7-day load)"]
    fitness = next(line for line in ax.get_lines() if line.get_label().startswith("fitness"))
    np.testing.assert_allclose(fitness.get_ydata(), assessment.daily["fitness"])


def degenerate(assessment, case: str):
    a = copy.copy(assessment)
    if case == "no runs":
        a.daily, a.weekly = assessment.daily.iloc[:0], assessment.weekly.iloc[:0]
        a.findings = assessment.findings.iloc[:0]
    elif case == "one week":
        a.daily, a.weekly = assessment.daily.iloc[:7], assessment.weekly.iloc[:1]
    elif case == "no cadence":
        a.weekly = assessment.weekly.assign(cadence_spm=np.nan)
    elif case == "all zero":
        a.daily = assessment.daily.assign(long_run_m=0.0, acwr_uncoupled=np.nan, acwr_ewma=np.nan, total_load=0.0)
        a.weekly = assessment.weekly.assign(
            distance_m=0.0, ascent_m=np.nan, descent_m=np.nan, cadence_spm=np.nan,
            **{f"surface_{s}_share": 0.0 for s in ("road", "trail", "track", "treadmill", "unknown")})
    return a


@pytest.mark.parametrize("case", ["no runs", "one week", "no cadence", "all zero"])
@pytest.mark.parametrize("spec", CHARTS, ids=lambda s: s.name)
def test_degenerate_logs_draw_without_error(assessment, spec, case):
    fig = draw_chart(spec, degenerate(assessment, case))
    ax = fig.axes[0]
    assert ax.get_title(), "every chart keeps its title"
    says_no_data = any(t.startswith("No data to show") for t in texts(ax))
    if case == "no runs" or (spec.name == "cadence" and case in ("no cadence", "all zero")):
        assert says_no_data
    if case == "all zero":  # zero-distance weeks are still weeks, and pain is still pain
        assert says_no_data == (spec.name not in ("weekly_distance", "pain"))


SMALL_LOGS = {
    "one run": [{"date": "2025-03-03", "distance_km": 5.0, "cadence": 170.0}],
    "rides only": [{"date": "2025-03-03", "distance_km": 30.0, "sport": "ride"},
                   {"date": "2025-03-10", "distance_km": 30.0, "sport": "ride"}],
    "nothing": [],
}


@pytest.mark.parametrize("log", SMALL_LOGS, ids=str)
def test_assessments_of_tiny_logs_chart_without_error(log):
    activities = activities_from_log(SMALL_LOGS[log]) if SMALL_LOGS[log] else empty_activities()
    small = assess(activities, today=date(2025, 3, 16))
    no_data = {}
    for spec in CHARTS:
        ax = draw_chart(spec, small).axes[0]
        no_data[spec.name] = any(t.startswith("No data to show") for t in texts(ax))
    if log == "one run":
        assert not no_data["weekly_distance"] and not no_data["long_runs"]
    else:  # no running at all: every running chart says so (load from rides may still give a ratio)
        assert all(v for name, v in no_data.items() if name not in ("acwr", "fitness"))
        assert no_data["fitness"] == (log == "nothing")  # fitness counts every sport
    # no pain noted: the pain chart is left out
    assert [spec.name for spec in charts_for(small)] == [spec.name for spec in CHARTS if spec.name != "pain"]


def test_save_charts_writes_png_and_svg_and_closes_figures(assessment, tmp_path):
    before = len(plt.get_fignums())
    written = save_charts(assessment, tmp_path / "charts", units="mi")
    assert list(written) == [spec.name for spec in CHARTS]
    for name, paths in written.items():
        png, svg = paths
        assert png.name == f"{name}.png" and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert etree.parse(str(svg)).getroot().tag.endswith("svg")
    assert len(plt.get_fignums()) == before


def test_unknown_units_raise_riskchecks_error(assessment):
    with pytest.raises(ConfigError, match="units"):
        plot_weekly_distance(assessment.weekly, units="miles")
