"""A Chart drawn with matplotlib: the static picture for Markdown, print and notebooks."""

from __future__ import annotations

from dataclasses import replace

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import offset_copy

from riskcheck.report.charts.spec import WIDE_PX, Chart, Layer

FIGSIZE = (9.0, 4.0)
MARKERS = {"circle": "o", "triangle-down": "v", "triangle-up": "^"}


def axes(ax=None):
    """The Axes to draw on: the caller's, or a fresh one on its own figure."""
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=FIGSIZE, layout="constrained")
    return ax


def draw(chart: Chart, ax=None):
    """Draw `chart` on `ax` (or a new figure) and return the Axes."""
    ax = axes(ax)
    ax.set_title(chart.title)
    if chart.empty:
        return _no_data(ax, chart.empty)
    right = ax.twinx() if chart.right_axis else None
    handles = []
    for layer in chart.layers:
        target, axis = (right, chart.right_axis) if layer.right and right is not None else (ax, chart.y)
        handle = _draw_layer(target, _clamped(layer, axis.domain))
        if layer.label and layer.label not in [h.get_label() for h in handles]:
            handles.append(handle)
    _y_axis(ax, chart.y)
    if right is not None:
        _y_axis(right, chart.right_axis)
    if chart.x_domain:
        ax.set_xlim(*chart.x_domain)
    ax.set_xlabel(chart.x_title)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(axis="y", color="#e6e6e6", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.spines["top"].set_visible(False)
    if right is None:
        ax.spines["right"].set_visible(False)
    if handles:
        # below the tick labels and the axis title, whatever the axes' height
        under_axis = offset_copy(ax.transAxes, fig=ax.figure, y=-36, units="points")
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, 0.0), bbox_transform=under_axis,
                  fontsize=8, frameon=False,
                  ncols=min(2, len(handles)), title="\n".join(chart.notes) or None, title_fontsize=8,
                  alignment="left")
    return ax


def _clamped(layer: Layer, domain) -> Layer:
    """Values beyond the axis drawn at its edge, as the interactive chart's scale clamps them."""
    if not domain:
        return layer
    columns = [c for c in (layer.y, layer.y2) if layer.has(c) and layer.mark != "text"]
    return replace(layer, data=layer.data.assign(**{c: layer.data[c].clip(*domain) for c in columns}))


def _y_axis(ax, axis) -> None:
    ax.set_ylabel(axis.title)
    if axis.domain:
        ax.set_ylim(*axis.domain)
    if axis.absolute_labels:
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v):.0f}"))


def _draw_layer(ax, layer: Layer):
    d, colour = layer.data, layer.colour
    style = {"color": colour, "alpha": layer.opacity, "label": layer.label or "_"}
    if layer.mark == "bar":
        bottom = d[layer.y2] if layer.has(layer.y2) else 0.0
        width = (d[layer.x2] - d[layer.x]) / pd.Timedelta(days=1)
        height = d[layer.y] - bottom
        if layer.filled:
            ax.bar(d[layer.x], height, width=width, bottom=bottom, align="edge", edgecolor="white",
                   linewidth=0.5, **style)
        else:
            ax.bar(d[layer.x], height, width=width, bottom=bottom, align="edge", fill=False, hatch="//",
                   edgecolor=colour, linewidth=1.5, label=style["label"])
        return Patch(facecolor=colour if layer.filled else "none", edgecolor=colour, alpha=layer.opacity,
                     hatch=None if layer.filled else "//", label=layer.label)
    if layer.mark == "line":
        line = "--" if layer.dashed else "-"
        drawn = ax.plot(d[layer.x], d[layer.y], linestyle=line, linewidth=layer.size,
                        drawstyle="steps-post" if layer.step else "default", **style)
        return drawn[0]
    if layer.mark == "point":
        marker = MARKERS[layer.shape]
        ax.scatter(d[layer.x], d[layer.y], s=layer.size, marker=marker, zorder=4,
                   edgecolor="black" if layer.shape != "circle" else "none",
                   facecolor=colour if layer.filled else "none", alpha=layer.opacity, label=style["label"])
        return Line2D([], [], marker=marker, linestyle="none", color=colour, markeredgecolor="black",
                      label=layer.label)
    if layer.mark == "area":
        bottom = d[layer.y2] if layer.has(layer.y2) else 0.0
        ax.fill_between(d[layer.x], bottom, d[layer.y], linewidth=0, **style)
        return Patch(color=colour, alpha=layer.opacity, label=layer.label)
    if layer.mark == "band":
        for _, row in d.iterrows():
            ax.axhspan(row[layer.y], row[layer.y2], **style)
        return Patch(color=colour, alpha=layer.opacity, label=layer.label)
    if layer.mark == "rule":
        line = "--" if layer.dashed else "-"
        for _, row in d.iterrows():
            if layer.has(layer.x):
                ax.axvline(row[layer.x], linestyle=line, linewidth=layer.size, **style)
            else:
                ax.axhline(row[layer.y], linestyle=line, linewidth=layer.size, **style)
        return Line2D([], [], color=colour, linestyle=line, label=layer.label)
    if layer.narrow and _width_px(ax) < WIDE_PX:  # a narrow subplot keeps the labels further apart
        d = d[d[layer.narrow]]
    for _, row in d.iterrows():  # text
        ax.annotate(str(row[layer.text]), (row[layer.x], row[layer.y]), xytext=(0, layer.dy),
                    textcoords="offset points", ha="center", fontsize=8, color=colour)
    return Line2D([], [], color=colour, label=layer.label)


def _width_px(ax) -> float:
    """The axes' width in CSS pixels (96 per inch), as the HTML chart measures its own."""
    return ax.get_position().width * ax.figure.get_figwidth() * 96


def _no_data(ax, reason: str):
    """A readable empty panel: the chart's title and why there is nothing to draw."""
    ax.text(0.5, 0.5, f"No data to show\n{reason}", ha="center", va="center",
            transform=ax.transAxes, fontsize=11, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ax.spines.values():
        side.set_color("#dddddd")
    return ax
