"""The report's charts. Each chart module builds one `Chart` (riskcheck.report.charts.spec)
from an assessment's frames; `draw` turns it into a matplotlib figure (PNG/SVG for Markdown,
print and notebooks) and `vega.vega_lite` into the interactive chart of the HTML pages.

The plot_* functions draw one chart on `ax` (or a new figure) and return the Axes, for
notebooks; `save_charts` writes every chart that has something to show.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from matplotlib.figure import Figure

from riskcheck.report import units as u
from riskcheck.report.charts.acwr import acwr_chart
from riskcheck.report.charts.cadence import cadence_chart
from riskcheck.report.charts.climbing import climbing_chart
from riskcheck.report.charts.common import source_layers
from riskcheck.report.charts.static import FIGSIZE, draw
from riskcheck.report.charts.fitness import fitness_chart
from riskcheck.report.charts.long_runs import long_runs_chart
from riskcheck.report.charts.pain import pain_chart
from riskcheck.report.charts.spec import Chart, with_layers
from riskcheck.report.charts.surface import surface_chart
from riskcheck.report.charts.weekly_distance import weekly_distance_chart


def _rule_thresholds(assessment, rule_id: str) -> dict[str, float] | None:
    rule = next((r for r in assessment.rules if r.id == rule_id), None)
    return assessment.config.thresholds_for(rule) if rule is not None else None


@dataclass(frozen=True)
class ChartSpec:
    name: str      # file stem
    caption: str   # one sentence for readers (and alt text in HTML)
    build: Callable[..., Chart]  # (assessment, units) -> Chart
    marks_sources: bool = True   # dashed lines where the log's data source changes


CHARTS: tuple[ChartSpec, ...] = (
    ChartSpec("weekly_distance",
              "Distance per week, coloured by the week's status; the strip above a bar marks a week with findings "
              "(its colour is the most severe), the outlined bar is next week's suggested cap.",
              lambda a, units: weekly_distance_chart(a.weekly, a.findings, a.guidance, units)),
    ChartSpec("long_runs",
              "Each day's longest run against the longest run of the 30 days before it; "
              "red points are runs more than 10 % longer.",
              lambda a, units: long_runs_chart(a.daily, units)),
    ChartSpec("acwr",
              "Each week's peak of the acute:chronic load ratio rule RC03 judges; the bands come from team sports "
              "and are weak evidence for runners.",
              lambda a, units: acwr_chart(a.daily, units, _rule_thresholds(a, "RC03"), a.config.week_start)),
    ChartSpec("cadence",
              "Each run's cadence at the speeds it shares with your own baseline of the 42 days before, the "
              "baseline rule RC04 compares it with, and its first threshold.",
              lambda a, units: cadence_chart(a.cadence, units, _rule_thresholds(a, "RC04"))),
    ChartSpec("surface_mix",
              "Share of each week's running on road, trail, track and treadmill.",
              lambda a, units: surface_chart(a.weekly, units)),
    ChartSpec("climbing",
              "Climbing and descent per week; weeks whose climbing is mostly unknown are left blank.",
              lambda a, units: climbing_chart(a.weekly, units)),
    ChartSpec("fitness",
              "Fitness (the slow average of every sport's load), fatigue (the fast one) and form, their "
              "balance: form well below zero means more load than the body is used to.",
              lambda a, units: fitness_chart(a.daily, units, a.total_load_scale,
                                             (a.config.fitness_days, a.config.fatigue_days))),
    ChartSpec("pain",
              "Highest back pain of each week over the running distance; triangles mark the first day of each "
              "alert, dashed lines the start of each pain episode.",
              lambda a, units: pain_chart(a.weekly, a.episodes, a.backtest, units), marks_sources=False),
)


def build_chart(spec: ChartSpec, assessment, units: str = "km") -> Chart:
    u.check_units(units)
    chart = replace(spec.build(assessment, units), caption=spec.caption)
    return with_layers(chart, source_layers(assessment.weekly)) if spec.marks_sources else chart


def build_charts(assessment, units: str = "km") -> list[Chart]:
    """Every chart of the report, those with nothing to show included (their `empty` says why)."""
    return [build_chart(spec, assessment, units) for spec in CHARTS]


def charts_for(assessment, units: str = "km") -> list[Chart]:
    """The charts that have something to say about this assessment."""
    return [chart for chart in build_charts(assessment, units) if not chart.empty]


LEFT_OUT = "Not drawn, nothing to show:"


def left_out(charts: list[Chart]) -> list[str]:
    """'Title: why.' for each chart with nothing to show, for the reports to say."""
    return [f"{chart.title}: {chart.empty}." for chart in charts if chart.empty]


def figure(chart: Chart) -> Figure:
    """A new figure holding one chart. A bare Figure, not a pyplot one: reports render on
    any backend (or none, on a server) and nothing lingers in pyplot's figure list."""
    fig = Figure(figsize=FIGSIZE, layout="constrained")
    draw(chart, fig.add_subplot())
    return fig


def draw_chart(spec: ChartSpec, assessment, units: str = "km") -> Figure:
    return figure(build_chart(spec, assessment, units))


def save_charts(assessment, folder: str | Path, *, units: str = "km",
                formats: tuple[str, ...] = ("png", "svg"), dpi: int = 120) -> dict[str, list[Path]]:
    """Write every chart with something to show into `folder` (created if needed) once per
    format; returns chart name -> the files written, in the order of `formats`."""
    u.check_units(units)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, list[Path]] = {}
    for chart in charts_for(assessment, units):
        fig = figure(chart)
        written[chart.name] = []
        for fmt in formats:
            path = folder / f"{chart.name}.{fmt}"
            fig.savefig(path, format=fmt, dpi=dpi)
            written[chart.name].append(path)
    return written


def plot_weekly_distance(weekly, findings=None, guidance=None, *, ax=None, units: str = "km"):
    return draw(weekly_distance_chart(weekly, findings, guidance, units), ax)


def plot_long_runs(daily, *, ax=None, units: str = "km", spike_pct: float = 10.0):
    return draw(long_runs_chart(daily, units, spike_pct), ax)


def plot_acwr(daily, *, ax=None, units: str = "km", thresholds=None, week_start: str = "monday"):
    return draw(acwr_chart(daily, units, thresholds, week_start), ax)


def plot_cadence(cadence, *, ax=None, units: str = "km", thresholds=None):
    """`cadence`: the Assessment's `cadence` table (each run against rule RC04's baseline)."""
    return draw(cadence_chart(cadence, units, thresholds), ax)


def plot_surface_mix(weekly, *, ax=None, units: str = "km"):
    return draw(surface_chart(weekly, units), ax)


def plot_climbing(weekly, *, ax=None, units: str = "km"):
    return draw(climbing_chart(weekly, units), ax)


def plot_fitness(daily, *, scale: str = "", days: tuple[float, float] = (42, 7), ax=None, units: str = "km"):
    return draw(fitness_chart(daily, units, scale, days), ax)


def plot_pain(weekly, episodes, backtest, *, ax=None, units: str = "km"):
    return draw(pain_chart(weekly, episodes, backtest, units), ax)


__all__ = ["CHARTS", "Chart", "ChartSpec", "build_chart", "build_charts", "charts_for", "draw",
           "draw_chart", "figure", "left_out", "save_charts", "plot_acwr", "plot_cadence", "plot_climbing", "plot_fitness",
           "plot_pain", "plot_long_runs", "plot_surface_mix", "plot_weekly_distance"]
