"""One description per chart, drawn twice: as a matplotlib figure (PNG/SVG for Markdown, print
and notebooks, riskcheck.report.charts.static) and as an interactive Vega-Lite chart in the HTML
pages (riskcheck.report.charts.vega). Chart modules build a `Chart` from an assessment's frames
and never draw, so the two pictures cannot drift apart.

A Chart is a stack of `Layer`s on a time axis. Each layer has one colour and at most one legend
entry; a layer's `data` names its positions in columns:

- bar:   x..x2 wide, from y2 (default 0) to y
- line:  x, y (step=True draws a staircase that holds each value until the next)
- point: x, y
- area:  x, between y2 (default 0) and y
- band:  y..y2 across the whole width
- rule:  a vertical line at x, or a horizontal one at y when the frame has no x
- text:  x, y, text, written `dy` pixels above the point
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

MARKS = ("bar", "line", "point", "area", "band", "rule", "text")


@dataclass(frozen=True)
class Tip:
    """One line of a hover tooltip: a column, its title (with the unit) and a d3 number format
    ('.1f') or 'date' for a day."""
    field: str
    title: str
    format: str = ""


@dataclass(frozen=True)
class Layer:
    mark: str
    data: pd.DataFrame
    colour: str
    label: str = ""              # legend entry; '' = not in the legend
    tips: tuple[Tip, ...] = ()
    x: str = "x"
    x2: str = "x2"
    y: str = "y"
    y2: str = "y2"
    text: str = "text"
    opacity: float = 1.0
    size: float = 1.5            # line width, or point area in px²
    dashed: bool = False
    step: bool = False
    shape: str = "circle"        # point shape: circle, triangle-down, triangle-up
    filled: bool = True
    dy: float = 8.0
    narrow: str = ""             # a boolean column: only its True rows are drawn on a narrow chart
    right: bool = False          # on the secondary y axis (the chart's `right_axis`)

    def __post_init__(self):
        if self.mark not in MARKS:
            raise ValueError(f"unknown mark {self.mark!r}")

    def has(self, column: str) -> bool:
        return column in self.data.columns


@dataclass(frozen=True)
class Axis:
    title: str
    domain: tuple[float, float] | None = None   # None: fit the data
    absolute_labels: bool = False                # label -300 as 300 (descent drawn below zero)


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    y: Axis
    x_title: str = "Date"
    layers: tuple[Layer, ...] = ()
    notes: tuple[str, ...] = ()       # one line each, under the title
    right_axis: Axis | None = None
    empty: str = ""                   # why there is nothing to show ('' = something to show)
    x_domain: tuple[pd.Timestamp, pd.Timestamp] | None = None
    caption: str = ""                 # one sentence for readers (and the alt text)
    compact: bool = False             # a sparkline: no axes, legend or title (a table cell)

    def __post_init__(self):  # a layer with nothing in it has nothing to draw or name in the legend
        object.__setattr__(self, "layers", tuple(layer for layer in self.layers if not layer.data.empty))

    @property
    def legend(self) -> list[tuple[str, str]]:
        """(label, colour) per legend entry, first appearance first."""
        seen: dict[str, str] = {}
        for layer in self.layers:
            if layer.label and layer.label not in seen:
                seen[layer.label] = layer.colour
        return list(seen.items())


def nothing_to_show(name: str, title: str, reason: str) -> Chart:
    return Chart(name, title, Axis(""), empty=reason)


def with_layers(chart: Chart, layers: tuple[Layer, ...]) -> Chart:
    return replace(chart, layers=chart.layers + layers) if layers and not chart.empty else chart


# --- robust axes -------------------------------------------------------------------------

def robust_top(values, floor: float, factor: float = 3.0) -> float:
    """The top of a y axis that a few wild values cannot flatten: the largest value, but no
    more than `factor` times the 95th percentile of the others (when the largest is further out
    than a tenth above that), and never below `floor`. One mislabelled 300 km ride is then drawn at the edge
    and marked, instead of squeezing everything else into a sliver; a real spike (a long run
    or a marathon among 10 km runs) stays inside the axis."""
    v = pd.Series(values, dtype=float)
    v = v[np.isfinite(v) & (v > 0)]
    if v.empty:
        return floor
    rest = v.sort_values().iloc[:-1] if len(v) > 1 else v  # the largest must not set its own limit
    limit, highest = factor * float(rest.quantile(0.95)), float(v.max())
    return max(floor, highest if highest <= limit * 1.1 else limit)


def above_axis(frame: pd.DataFrame, y: str, top: float, what: str, when: Tip, value: Tip,
               unit: str = "") -> tuple[tuple[Layer, ...], tuple[str, ...]]:
    """(a layer of triangles on the top edge where `y` is above `top`, with the true value on
    hover; the note that says so). Both renderers clamp such values to the axis, so the data
    itself is never altered."""
    rows = frame[frame[y] > top]
    if rows.empty:
        return (), ()
    layer = Layer("point", rows.assign(edge=top), "#333333", f"{what} above the axis (hover for the value)",
                  tips=(when, value), y="edge", shape="triangle-up", size=50)
    n, highest = len(rows), float(rows[y].max())
    note = (f"{n} value{'s' if n > 1 else ''} above {top:{value.format}}{unit} (up to {highest:{value.format}}{unit}) "
            "drawn at the top edge (▲) so the rest stays readable.")
    return (layer,), (note,)


# --- labels that never collide ------------------------------------------------------------

LABEL_SLOTS = 12          # labels across a chart at least WIDE_PX wide: one per 1/12 of the axis
NARROW_SLOTS = 5          # on a narrower chart (a phone): one per 1/5
WIDE_PX = 600             # a label is at most ~50 px wide: 600 px / 12 leaves room for each


def spaced_labels(frame: pd.DataFrame, priority: str, span_days: float) -> pd.DataFrame:
    """The rows to label: highest `priority` first, each at least 1/LABEL_SLOTS of the time axis
    away from every label already kept. Column `narrow` marks those also 1/NARROW_SLOTS apart,
    the ones a chart narrower than WIDE_PX keeps. Labels are at most ~6 characters, so at that
    spacing two never overlap; the rest keep their point and show their value on hover."""
    if frame.empty:
        return frame.assign(narrow=pd.Series(dtype=bool))
    ranked = frame.sort_values(priority, ascending=False)
    wide = _spaced(ranked, span_days / LABEL_SLOTS)
    narrow = _spaced(ranked.loc[wide], span_days / NARROW_SLOTS)
    chosen = frame.loc[wide].assign(narrow=lambda d: d.index.isin(narrow))
    return chosen.sort_values("x")


def _spaced(ranked: pd.DataFrame, gap_days: float) -> list:
    """Index of the rows kept, in `ranked`'s order, each `gap_days` from those kept before."""
    gap = pd.Timedelta(days=max(gap_days, 1 / 24))
    kept: list = []
    for index, x in ranked["x"].items():
        if all(abs(x - ranked.at[other, "x"]) >= gap for other in kept):
            kept.append(index)
    return kept


# --- shared positions ---------------------------------------------------------------------

WEEK_BAR_DAYS = 5.5  # of 7: leaves a visible gap between weekly bars


def days(series: pd.Series) -> pd.Series:
    """Dates as naive datetimes (contract frames use naive local midnight)."""
    values = pd.to_datetime(series)
    if getattr(values.dt, "tz", None) is not None:
        values = values.dt.tz_localize(None)
    return values.astype("datetime64[ms]")


def week_bars(week_start: pd.Series) -> dict[str, pd.Series]:
    """x and x2 of weekly bars: each bar covers most of its own week."""
    start = days(week_start)
    return {"x": start + pd.Timedelta(days=(7 - WEEK_BAR_DAYS) / 2),
            "x2": start + pd.Timedelta(days=(7 + WEEK_BAR_DAYS) / 2), "week": start}


def span_days(x: pd.Series) -> float:
    return float((x.max() - x.min()) / pd.Timedelta(days=1)) if len(x) else 0.0
