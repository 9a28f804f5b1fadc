"""The report's charts. Each plot function takes the frames it needs, `ax=None` and
`units='km'|'mi'`, returns the Axes and never shows a window; `save_charts` writes them all.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from matplotlib.figure import Figure

from riskcheck.report import units as u
from riskcheck.report.charts.acwr import plot_acwr
from riskcheck.report.charts.cadence import plot_cadence
from riskcheck.report.charts.climbing import plot_climbing
from riskcheck.report.charts.common import FIGSIZE
from riskcheck.report.charts.fitness import plot_fitness
from riskcheck.report.charts.pain import plot_pain
from riskcheck.report.charts.long_runs import plot_long_runs
from riskcheck.report.charts.surface import plot_surface_mix
from riskcheck.report.charts.weekly_distance import plot_weekly_distance


@dataclass(frozen=True)
class ChartSpec:
    name: str      # file stem
    caption: str   # one sentence for readers (and alt text in HTML)
    draw: Callable  # (assessment, ax, units) -> Axes
    applies: Callable = lambda assessment: True  # a chart that has nothing to say is left out


CHARTS: tuple[ChartSpec, ...] = (
    ChartSpec("weekly_distance",
              "Distance per week, coloured by the week's status; triangles mark weeks with "
              "findings, the outlined bar is next week's suggested cap.",
              lambda a, ax, units: plot_weekly_distance(a.weekly, a.findings, a.guidance, ax=ax, units=units)),
    ChartSpec("long_runs",
              "Each day's longest run against the longest run of the 30 days before it; "
              "red points are runs more than 10 % longer.",
              lambda a, ax, units: plot_long_runs(a.daily, ax=ax, units=units)),
    ChartSpec("acwr",
              "Acute:chronic load ratio; the bands come from team sports and are weak evidence "
              "for runners.",
              lambda a, ax, units: plot_acwr(a.daily, ax=ax, units=units)),
    ChartSpec("cadence",
              "Weekly cadence at comparable speed against your own recent baseline.",
              lambda a, ax, units: plot_cadence(a.weekly, ax=ax, units=units)),
    ChartSpec("surface_mix",
              "Share of each week's running on road, trail, track and treadmill.",
              lambda a, ax, units: plot_surface_mix(a.weekly, ax=ax, units=units)),
    ChartSpec("climbing",
              "Climbing and descent per week.",
              lambda a, ax, units: plot_climbing(a.weekly, ax=ax, units=units)),
    ChartSpec("fitness",
              "Fitness (the slow average of every sport's load), fatigue (the fast one) and form, their "
              "balance: form well below zero means more load than the body is used to.",
              lambda a, ax, units: plot_fitness(a.daily, scale=a.total_load_scale, ax=ax, units=units,
                                                days=(a.config.fitness_days, a.config.fatigue_days))),
    ChartSpec("pain",
              "Highest back pain of each week over the running distance; triangles mark the first day of each "
              "alert, dashed lines the start of each pain episode.",
              lambda a, ax, units: plot_pain(a.weekly, a.episodes, a.backtest, ax=ax, units=units),
              applies=lambda a: a.backtest is not None),
)


def charts_for(assessment) -> list[ChartSpec]:
    """The charts that have something to say about this assessment."""
    return [spec for spec in CHARTS if spec.applies(assessment)]


def draw_chart(spec: ChartSpec, assessment, units: str = "km") -> Figure:
    """A new figure holding one chart. A bare Figure, not a pyplot one: reports render on
    any backend (or none, on a server) and nothing lingers in pyplot's figure list."""
    fig = Figure(figsize=FIGSIZE, layout="constrained")
    spec.draw(assessment, fig.add_subplot(), units)
    return fig


def chart_png(spec: ChartSpec, assessment, units: str = "km", dpi: int = 110) -> bytes:
    buffer = io.BytesIO()
    draw_chart(spec, assessment, units).savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def save_charts(assessment, folder: str | Path, *, units: str = "km",
                formats: tuple[str, ...] = ("png", "svg"), dpi: int = 120) -> dict[str, list[Path]]:
    """Write every chart into `folder` (created if needed) once per format; returns
    chart name -> the files written, in the order of `formats`."""
    u.check_units(units)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, list[Path]] = {}
    for spec in charts_for(assessment):
        fig = draw_chart(spec, assessment, units)
        written[spec.name] = []
        for fmt in formats:
            path = folder / f"{spec.name}.{fmt}"
            fig.savefig(path, format=fmt, dpi=dpi)
            written[spec.name].append(path)
    return written


__all__ = ["CHARTS", "ChartSpec", "chart_png", "charts_for", "draw_chart", "save_charts", "plot_acwr",
           "plot_cadence", "plot_climbing", "plot_fitness", "plot_pain", "plot_long_runs", "plot_surface_mix",
           "plot_weekly_distance"]
