"""Charts built from an assessment: each Chart's data against the frames it shows, robust axes,
labels that never collide, data-source marks, charts left out with a reason, and the two
renderers (matplotlib and Vega-Lite) drawing the same description."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from report_fixtures import TODAY, log_rows

from riskcheck.assess import assess
from riskcheck.errors import ConfigError
from riskcheck.load.calendar import week_start_of
from riskcheck.load.from_log import activities_from_log
from riskcheck.report.charts import (
    CHARTS, build_chart, build_charts, charts_for, draw_chart, figure, plot_long_runs, plot_weekly_distance,
    save_charts)
from riskcheck.report.charts.common import MIN_SOURCE_WEEKS, source_changes
from riskcheck.report.charts.spec import Tip, above_axis, robust_top, spaced_labels
from riskcheck.report.charts.vega import vega_lite
from riskcheck.rules.acwr import RULE as ACWR
from riskcheck.schema import empty_activities

METRES = {"km": 1000.0, "mi": 1609.344}
SPEC = {spec.name: spec for spec in CHARTS}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def chart_of(assessment, name: str, units: str = "km"):
    return build_chart(SPEC[name], assessment, units)


def layer(chart, label: str):
    return next(layer for layer in chart.layers if layer.label == label)


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


@pytest.mark.parametrize("units", ["km", "mi"])
def test_weekly_distance_bars_statuses_flags_and_cap(assessment, units):
    chart = chart_of(assessment, "weekly_distance", units)
    weekly = assessment.weekly
    assert (chart.title, chart.y.title, chart.x_title) == ("Weekly distance", f"Distance per week ({units})", "Week starting")
    bars = pd.concat([layer(chart, f"week status: {s}").data for s in weekly["status"].unique()]).sort_values("week")
    np.testing.assert_allclose(bars["y"], weekly["distance_m"].fillna(0) / METRES[units])
    strips = pd.concat([l.data for l in chart.layers if l.label.startswith("findings that week")])
    assert len(strips) == assessment.findings["week_start"].nunique()
    assert set(strips["rules"].str.split(", ").explode().str.split().str[0]) == set(assessment.findings["rule_id"])
    cap = assessment.guidance.max_distance_m / METRES[units]
    cap_layer = layer(chart, f"next week: at most {cap:.0f} {units}")
    assert cap_layer.data["y"].iloc[0] == pytest.approx(cap) and not cap_layer.filled
    # the strips stand above the tallest bar and the cap, inside the axis
    assert strips["y2"].min() > max(bars["y"].max(), cap) and strips["y"].max() <= chart.y.domain[1]


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


def test_long_runs_mark_and_label_each_spike(assessment):
    chart = chart_of(assessment, "long_runs")
    expected = spikes_by_brute_force(assessment.daily, 10.0)
    assert expected, "the generated log holds a long-run spike"
    spikes = layer(chart, "more than 10 % longer").data
    assert sorted(spikes["spike_pct"].round().astype(int)) == sorted(expected)
    ax = plot_long_runs(assessment.daily)
    assert sorted(texts(ax)) == sorted(f"+{p} %" for p in expected)


def crowded_daily() -> pd.DataFrame:
    """A year of 8 km runs every other day with pairs of spikes three days apart, a pair every
    35 days: each spike beats the 30 days before it, and a pair's labels would collide."""
    dates = pd.date_range("2024-01-01", periods=365, freq="D")
    runs = np.where(np.arange(365) % 2 == 0, 8000.0, 0.0)
    for start in range(40, 360, 35):
        runs[start] = 8000.0 * 1.3
        if start + 3 < 365:
            runs[start + 3] = 8000.0 * 1.3 * 1.2
    return pd.DataFrame({"date": dates, "long_run_m": runs})


@pytest.mark.parametrize("width_inches", [9.0, 4.5])
def test_spike_labels_never_overlap_when_drawn(width_inches):
    _, ax = plt.subplots(figsize=(width_inches, 4), layout="constrained")
    plot_long_runs(crowded_daily(), ax=ax)
    ax.figure.canvas.draw()
    boxes = [t.get_window_extent() for t in ax.texts]
    spikes = len(spikes_by_brute_force(crowded_daily(), 10.0))
    assert spikes >= 16 and 2 <= len(boxes) < spikes
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b), "two spike labels overlap"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3650), st.floats(0, 500)), min_size=1, max_size=80), st.floats(10, 4000))
def test_spaced_labels_keep_the_largest_and_their_distance(points, span):
    frame = pd.DataFrame({"x": [pd.Timestamp("2020-01-01") + pd.Timedelta(days=d) for d, _ in points],
                          "p": [p for _, p in points]})
    kept = spaced_labels(frame, "p", span)
    assert kept["p"].max() == frame["p"].max()
    assert (kept["x"].sort_values().diff().dropna() >= pd.Timedelta(days=span / 12)).all()
    narrow = kept[kept["narrow"]]  # what a phone-wide chart keeps: fewer, further apart
    assert narrow["p"].max() == frame["p"].max()
    assert (narrow["x"].sort_values().diff().dropna() >= pd.Timedelta(days=span / 5)).all()


def judged_weekly_peaks(daily: pd.DataFrame, t: dict) -> pd.Series:
    """By hand: the larger ratio, only with enough sessions in days t-27..t-7, each week's max."""
    ratio = np.fmax(daily["acwr_uncoupled"], daily["acwr_ewma"])
    sessions = (daily["load"] > 0).astype(int)
    ok = [sessions.iloc[max(0, i - 27):i - 6].sum() >= t["min_chronic_sessions"] if i >= 27 else False
          for i in range(len(daily))]
    ratio = ratio.where(ok)
    return ratio.groupby(week_start_of(daily["date"]).to_numpy()).max().dropna()


def test_acwr_draws_the_weekly_peak_of_the_judged_ratio_and_the_rules_lines(assessment):
    chart = chart_of(assessment, "acwr")
    t = {th.name: th.default for th in ACWR.thresholds}
    peaks = layer(chart, "weekly peak of the ratio RC03 judges").data
    expected = judged_weekly_peaks(assessment.daily, t)
    np.testing.assert_allclose(peaks["y"], expected.to_numpy())
    band = layer(chart, "0.8-1.3: 'sweet spot' band").data
    assert (band["y"].iloc[0], band["y2"].iloc[0]) == (0.8, 1.3)
    assert layer(chart, "1.5: 'danger' line (caution here)").data["y"].iloc[0] == 1.5
    assert "Weak evidence" in chart.notes[0]
    # a configured threshold moves the line the chart draws
    tuned = copy.copy(assessment)
    tuned.config = replace(assessment.config, thresholds={"RC03": {"caution_ratio": 1.7}})
    assert layer(chart_of(tuned, "acwr"), "1.7: 'danger' line (caution here)").data["y"].iloc[0] == 1.7


def test_acwr_axis_stays_readable_after_a_break(assessment):
    """A ratio of 29 is drawn at the top edge (twice the caution line), marked and named."""
    wild = copy.copy(assessment)
    daily = assessment.daily.copy()
    daily.loc[daily.index[-3], "acwr_uncoupled"] = 29.0
    wild.daily = daily
    chart = chart_of(wild, "acwr")
    assert chart.y.domain[1] == pytest.approx(3.0 * 1.05)
    marked = layer(chart, "peaks above the axis (hover for the value)").data
    assert marked["y"].max() == 29.0 and (marked["edge"] == 3.0).all()
    assert any("up to 29.00" in note for note in chart.notes)
    ax = figure(chart).axes[0]
    assert ax.get_ylim()[1] == pytest.approx(3.15)


def test_cadence_shows_the_rules_own_baseline_and_its_threshold():
    rows = [dict(row, cadence=155.0) if row.get("cadence") == 162.0 else row for row in log_rows()]
    assessment = assess(activities_from_log(rows), today=TODAY)  # 172 -> 155 steps/min from week 10
    chart = chart_of(assessment, "cadence")
    judged = assessment.cadence[assessment.cadence["judged"]]
    assert len(judged) > 10
    baseline = layer(chart, "your baseline: the 42 days before, same speeds").data
    np.testing.assert_allclose(baseline["baseline"], judged["baseline_spm"])
    np.testing.assert_allclose(baseline["info_line"], judged["baseline_spm"] * 0.95)
    # the drop: those runs are marked below the line, on the days of the rule's findings
    flagged = pd.concat([l.data for l in chart.layers if l.label.endswith("below")])
    assert not flagged.empty and (flagged["drop"] >= 5).all()
    rc04 = assessment.findings[assessment.findings["rule_id"] == "RC04"]
    assert set(days_of(flagged["x"])) == set(days_of(rc04["date"]))
    low, high = chart.y.domain
    assert low <= flagged["y"].min() and high >= baseline["baseline"].max()


def days_of(values) -> list:
    return [pd.Timestamp(v).date() for v in values]


def test_surface_chart_is_left_out_when_every_surface_is_a_guess(assessment):
    guessed = copy.copy(assessment)
    guessed.weekly = assessment.weekly.assign(surface_recorded_share=0.0)
    chart = chart_of(guessed, "surface_mix")
    assert chart.empty.startswith("no file or list records a surface")
    assert "surface_mix" not in [c.name for c in charts_for(guessed)]
    present = [s for s in ("road", "trail", "track", "treadmill", "unknown")
               if (assessment.weekly[f"surface_{s}_share"].fillna(0) > 0).any()]
    assert [label for label, _ in chart_of(assessment, "surface_mix").legend] == present


@pytest.mark.parametrize("units, unit, metres", [("km", "m", 1.0), ("mi", "ft", 0.3048)])
def test_climbing_up_and_down_in_the_matching_unit(assessment, units, unit, metres):
    chart = chart_of(assessment, "climbing", units)
    assert chart.y.title == f"Elevation per week ({unit})" and chart.y.absolute_labels
    up = layer(chart, "climbing").data
    np.testing.assert_allclose(up["up"], assessment.weekly["ascent_m"] / metres)
    np.testing.assert_allclose(layer(chart, "descent (drawn below zero)").data["below"],
                               -assessment.weekly["descent_m"] / metres)


def test_fitness_is_daily_on_short_logs_and_weekly_on_long_ones(assessment):
    chart = chart_of(assessment, "fitness")
    np.testing.assert_allclose(layer(chart, "fitness (42-day load)").data["fitness"], assessment.daily["fitness"])
    long = copy.copy(assessment)
    daily = pd.concat([assessment.daily] * 6, ignore_index=True)
    daily["date"] = pd.date_range("2023-01-01", periods=len(daily), freq="D")
    long.daily = daily
    thinned = layer(chart_of(long, "fitness"), "fitness (42-day load)").data
    assert len(thinned) == -(-len(daily) // 7) and thinned["x"].iloc[-1] == daily["date"].iloc[-1]


def weekly_with_sources(sources: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"week_start": pd.date_range("2024-01-01", periods=len(sources), freq="7D"),
                         "source": pd.array(sources, dtype="string")})


def test_a_change_of_data_source_is_marked_and_short_visits_are_not():
    weekly = weekly_with_sources(["Strava list"] * 10 + ["FIT files"] * 2 + ["Strava list"] * 5
                                 + ["FIT files (Forerunner 255)"] * 8)
    changes = source_changes(weekly)
    assert list(changes["x"]) == [pd.Timestamp("2024-01-01") + pd.Timedelta(weeks=17)]
    assert list(changes["text"]) == ["Strava list → FIT files (Forerunner 255)"]
    assert source_changes(weekly_with_sources(["GPX files"] * 30)).empty
    assert MIN_SOURCE_WEEKS == 4


def test_every_chart_but_pain_marks_source_changes(assessment):
    switched = copy.copy(assessment)
    half = len(assessment.weekly) // 2
    switched.weekly = assessment.weekly.assign(source=["training-log list"] * half
                                               + ["FIT files"] * (len(assessment.weekly) - half))
    for chart in charts_for(switched):
        labels = [l.label for l in chart.layers]
        assert ("data source changes (dashed; hover for which)" in labels) == (chart.name != "pain"), chart.name


@settings(max_examples=80, deadline=None)
@given(st.lists(st.floats(0, 1e4), min_size=1, max_size=60), st.floats(0.5, 100))
def test_robust_top_never_hides_most_values(values, floor):
    top = robust_top(values, floor)
    positive = [v for v in values if v > 0]
    assert top >= floor
    hidden = [v for v in positive if v > top]
    assert len(hidden) <= 0.05 * len(positive) + 1, "more than the wildest few are drawn at the edge"
    assert top <= max(positive + [floor])


def test_one_absurd_week_is_drawn_at_the_edge_and_named(assessment):
    absurd = copy.copy(assessment)
    weekly = assessment.weekly.copy()
    weekly.loc[3, "distance_m"] = 300_000.0  # a ride logged as a run
    absurd.weekly = weekly
    chart = chart_of(absurd, "weekly_distance")
    assert chart.y.domain[1] < 200
    marks = layer(chart, "weeks above the axis (hover for the value)").data
    assert list(marks["y"]) == [300.0]
    assert any("up to 300.0 km" in n for n in chart.notes)
    layers, notes = above_axis(weekly.assign(y=1.0), "y", 2.0, "x", Tip("x", "x"), Tip("y", "y", ".0f"))
    assert layers == () and notes == ()


def degenerate(assessment, case: str):
    a = copy.copy(assessment)
    if case == "no runs":
        a.daily, a.weekly = assessment.daily.iloc[:0], assessment.weekly.iloc[:0]
        a.findings, a.cadence = assessment.findings.iloc[:0], assessment.cadence.iloc[:0]
    elif case == "one week":
        a.daily, a.weekly = assessment.daily.iloc[:7], assessment.weekly.iloc[:1]
        a.cadence = assessment.cadence.iloc[:2]
    elif case == "no cadence":
        a.cadence = assessment.cadence.iloc[:0]
    elif case == "all zero":
        a.daily = assessment.daily.assign(long_run_m=0.0, acwr_uncoupled=np.nan, acwr_ewma=np.nan, total_load=0.0)
        a.weekly = assessment.weekly.assign(
            distance_m=0.0, ascent_m=np.nan, descent_m=np.nan, cadence_spm=np.nan,
            **{f"surface_{s}_share": 0.0 for s in ("road", "trail", "track", "treadmill", "unknown")})
        a.cadence = assessment.cadence.iloc[:0]
    return a


@pytest.mark.parametrize("case", ["no runs", "one week", "no cadence", "all zero"])
@pytest.mark.parametrize("spec", CHARTS, ids=lambda s: s.name)
def test_degenerate_logs_draw_without_error(assessment, spec, case):
    a = degenerate(assessment, case)
    chart = build_chart(spec, a)
    ax = draw_chart(spec, a).axes[0]
    assert ax.get_title() == chart.title
    says_no_data = any(t.startswith("No data to show") for t in texts(ax))
    assert says_no_data == bool(chart.empty)
    if case == "no runs" or (spec.name == "cadence" and case != "one week"):
        assert chart.empty
    if case == "all zero":  # zero-distance weeks are still weeks, and pain is still pain
        assert bool(chart.empty) == (spec.name not in ("weekly_distance", "pain"))
    if not chart.empty:
        vega_lite(chart)  # schema-valid for the HTML page too


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
    empty = {chart.name: chart.empty for chart in build_charts(small)}
    for spec in CHARTS:
        draw_chart(spec, small)
    if log == "one run":
        assert not empty["weekly_distance"] and not empty["long_runs"]
    else:  # no running at all: every running chart says so
        assert all(reason for name, reason in empty.items() if name != "fitness")
        assert bool(empty["fitness"]) == (log == "nothing")  # fitness counts every sport
    assert empty["pain"] == "no back pain or injury noted in the log"


def test_both_renderers_draw_the_same_legend(assessment):
    for chart in charts_for(assessment):
        ax = figure(chart).axes[0]
        legend = ax.get_legend()
        drawn = [t.get_text() for t in legend.get_texts()] if legend else []
        spec = vega_lite(chart)
        domains = [layer_spec["encoding"]["color"]["scale"]["domain"] for layer_spec in _layers(spec)
                   if "color" in layer_spec.get("encoding", {}) and "field" in layer_spec["encoding"]["color"]]
        assert drawn == [label for label, _ in chart.legend], chart.name
        assert all(domain == drawn for domain in domains), chart.name


def _layers(spec: dict):
    for child in spec.get("layer", []):
        yield from _layers(child) if "layer" in child else [child]


def test_vega_specs_carry_the_charts_data_and_tooltips(assessment):
    spec = vega_lite(chart_of(assessment, "weekly_distance"))
    values = [row for data in spec["datasets"].values() for row in data]
    weeks = {round(row["y"], 2) for row in values if "status" in row}
    assert weeks == set((assessment.weekly["distance_m"] / 1000).round(2))
    for layer_spec in _layers(spec):
        for tip in layer_spec["encoding"].get("tooltip", []):
            data = spec["datasets"][layer_spec["data"]["name"]]
            assert all(tip["field"] in row for row in data), tip["field"]


def test_save_charts_writes_png_and_svg_of_the_charts_with_something_to_show(assessment, tmp_path):
    before = len(plt.get_fignums())
    written = save_charts(assessment, tmp_path / "charts", units="mi")
    assert list(written) == [chart.name for chart in charts_for(assessment)]
    for name, paths in written.items():
        png, svg = paths
        assert png.name == f"{name}.png" and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert etree.parse(str(svg)).getroot().tag.endswith("svg")
    assert len(plt.get_fignums()) == before


def test_unknown_units_raise_riskchecks_error(assessment):
    with pytest.raises(ConfigError, match="units"):
        plot_weekly_distance(assessment.weekly, units="miles")
