"""Fitness, fatigue and form over time (riskcheck.load.fitness) on the total load of every
sport: fitness and fatigue as lines, form as the shaded balance around zero."""

from __future__ import annotations

from riskcheck.report import units as u
from riskcheck.report.charts.common import GUIDE, SEVERITY_COLOURS, STATUS_COLOURS, axes, dates, finish, has_positive, no_data

TITLE = "Fitness, fatigue and form (all sports)"


def plot_fitness(daily, *, scale: str = "", days: tuple[float, float] = (42, 7), ax=None, units: str = "km"):
    """`scale` names the total load's scale (TRIMP or session RPE) for the axis label, `days`
    the time constants of fitness and fatigue; `units` is accepted for a uniform signature:
    loads have no distance unit."""
    u.check_units(units)
    ax = axes(ax)
    if not has_positive(daily, "total_load"):
        return no_data(ax, TITLE, "no session with a load")
    x = dates(daily["date"])
    form = daily["form"]
    ax.fill_between(x, 0, form, where=form >= 0, color=STATUS_COLOURS["low"], alpha=0.25, linewidth=0,
                    label="form (fitness - fatigue): fresh")
    ax.fill_between(x, 0, form, where=form < 0, color=SEVERITY_COLOURS["high"], alpha=0.2, linewidth=0,
                    label="form: fatigued")
    ax.plot(x, daily["fitness"], color=GUIDE, linewidth=1.8, label=f"fitness ({days[0]:g}-day load)")
    ax.plot(x, daily["fatigue"], color="#e07b39", linewidth=1.2, label=f"fatigue ({days[1]:g}-day load)")
    ax.axhline(0, color="#555555", linewidth=0.8)
    finish(ax, TITLE, f"{scale or 'load'} per day", "Date")
    ax.legend(loc="upper left", fontsize=8, frameon=False, ncols=2)
    return ax
