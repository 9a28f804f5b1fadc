"""A Chart as an interactive Vega-Lite specification (built and schema-checked by Altair):
hovering a mark shows its values, dragging and scrolling zooms the time axis. The HTML pages
embed the Vega libraries themselves (`script()`), so a report works offline and stays one file.

Why Vega-Lite: the library a page must carry weighs 0.90 MB (measured: Plotly 7.1.0's
plotly.js 4.82 MB, Bokeh 3.9.2's inline resources 3.93 MB), a chart is a small declarative JSON
document, and its SVG output prints as sharply as the page's text.
"""

from __future__ import annotations

import json
import os
from functools import cache

import altair as alt
import pandas as pd

from riskcheck.cache import user_cache_dir
from riskcheck.report.charts.spec import WIDE_PX, Axis, Chart, Layer, Tip

HEIGHT = 260
COMPACT = {"width": 150, "height": 34}


def vega_lite(chart: Chart) -> dict:
    """The chart's Vega-Lite specification (schema-validated)."""
    if chart.compact:
        return _compact_chart(chart)
    legend = chart.legend
    colours = alt.Scale(domain=[label for label, _ in legend], range=[colour for _, colour in legend])
    zoomable = next(i for i, layer in enumerate(chart.layers) if layer.has(layer.x))
    zoom = alt.selection_interval(bind="scales", encodings=["x"])
    built = [_layer(layer, chart, chart.right_axis if layer.right else chart.y, colours) for layer in chart.layers]
    built[zoomable] = built[zoomable].add_params(zoom)
    left = [b for b, layer in zip(built, chart.layers) if not layer.right]
    right = [b for b, layer in zip(built, chart.layers) if layer.right]
    body = alt.layer(*left)
    if right:
        body = alt.layer(body, alt.layer(*right)).resolve_scale(y="independent")
    return body.properties(
        width="container", height=HEIGHT,
        title=alt.TitleParams(chart.title, subtitle=list(chart.notes), anchor="start", subtitleColor="#5b6770"),
    ).configure_legend(orient="bottom", columns=2, labelLimit=420, title=None).configure_view(stroke=None).to_dict()


def _compact_chart(chart: Chart) -> dict:
    """A sparkline: the marks and their tooltips alone."""
    layers = []
    for layer in chart.layers:
        enc = {"x": alt.X(layer.x, type="temporal", axis=None), "x2": alt.X2(layer.x2),
               "y": alt.Y(layer.y, type="quantitative", axis=None), "y2": alt.Y2(datum=0),
               "tooltip": [_tooltip(t) for t in layer.tips]}
        layers.append(alt.Chart(_rounded(layer.data)).mark_bar(color=layer.colour).encode(**enc))
    return alt.layer(*layers).properties(**COMPACT).configure_view(stroke=None).to_dict()


def _tooltip(t: Tip) -> alt.Tooltip:
    if t.format == "date":
        return alt.Tooltip(t.field, title=t.title, type="temporal", format="%Y-%m-%d")
    if t.format:
        return alt.Tooltip(t.field, title=t.title, type="quantitative", format=t.format)
    return alt.Tooltip(t.field, title=t.title, type="nominal")


def _layer(layer: Layer, chart: Chart, axis: Axis, colours: alt.Scale) -> alt.Chart:
    base = alt.Chart(_rounded(layer.data))
    style = {"opacity": layer.opacity}
    enc: dict = {}
    if layer.label:  # every layer names itself in one shared colour scale: one legend for all
        base = base.transform_calculate(series=json.dumps(layer.label))
        enc["color"] = alt.Color("series", type="nominal", scale=colours)
    else:
        style["color"] = layer.colour
    if layer.has(layer.x):
        domain = [t.isoformat() for t in chart.x_domain] if chart.x_domain else alt.Undefined
        enc["x"] = alt.X(layer.x, type="temporal", title=chart.x_title, scale=alt.Scale(domain=domain),
                         axis=alt.Axis(tickCount=8, labelOverlap=True))
    if layer.has(layer.y):
        y_axis = alt.Axis(labelExpr="format(abs(datum.value), ',')") if axis.absolute_labels else alt.Undefined
        enc["y"] = alt.Y(layer.y, type="quantitative", title=axis.title, axis=y_axis,
                         scale=alt.Scale(domain=list(axis.domain), clamp=True) if axis.domain else alt.Undefined)
    if layer.tips:
        enc["tooltip"] = [_tooltip(t) for t in layer.tips]
    if layer.mark in ("bar", "area"):  # from y2, or from zero
        enc["y2"] = alt.Y2(layer.y2) if layer.has(layer.y2) else alt.Y2(datum=0)
    if layer.mark == "bar":
        enc["x2"] = alt.X2(layer.x2)
        if not layer.filled:
            style.update(filled=False, stroke=layer.colour, strokeWidth=1.5, strokeDash=[5, 3])
            style.pop("color", None)
        return base.mark_bar(**style).encode(**enc)
    if layer.mark == "line":
        extra = {"interpolate": "step-after"} if layer.step else {}
        if layer.dashed:
            extra["strokeDash"] = [5, 3]
        # a missing value breaks the line (a break in training), as it does in matplotlib
        return base.mark_line(strokeWidth=layer.size, invalid="break-paths-filter-domains", **extra,
                              **style).encode(**enc)
    if layer.mark == "point":
        return base.mark_point(shape=layer.shape, size=layer.size, filled=layer.filled,
                               stroke="black" if layer.shape != "circle" else alt.Undefined,
                               strokeWidth=0.5, **style).encode(**enc)
    if layer.mark == "area":
        return base.mark_area(**style).encode(**enc)
    if layer.mark == "band":
        enc["y"] = alt.Y(layer.y, type="quantitative", title=axis.title)
        enc["y2"] = alt.Y2(layer.y2)
        return base.mark_rect(**style).encode(**enc)
    if layer.mark == "rule":
        if layer.dashed:
            style["strokeDash"] = [5, 3]
        return base.mark_rule(strokeWidth=layer.size, **style).encode(**enc)
    if layer.narrow:  # the chart's own width decides, and again on every resize
        base = base.transform_filter(f"width >= {WIDE_PX} || datum['{layer.narrow}']")
    enc["text"] = alt.Text(layer.text, type="nominal")
    return base.mark_text(dy=-layer.dy, fontSize=11, **style).encode(**enc)


def _rounded(frame: pd.DataFrame) -> pd.DataFrame:
    """Two decimals are more than any chart shows; the rest would only weigh down the page."""
    floats = frame.select_dtypes("float").columns
    return frame.assign(**{c: frame[c].round(2) for c in floats})


def spec_json(chart: Chart) -> str:
    """The specification as JSON that is safe inside a <script> element: no '<' at all, so no
    string from a file can end the element or open a comment. Without the schema's address:
    the page names no URL, and the loader says it is Vega-Lite."""
    spec = {key: value for key, value in vega_lite(chart).items() if key != "$schema"}
    return json.dumps(spec, separators=(",", ":"), allow_nan=False).replace("<", "\\u003c")


@cache
def script() -> str:
    """Vega, Vega-Lite and Vega-Embed in one script, bundled offline by vl-convert. Bundling
    takes about 1.5 s, so the bundle is kept in the user's cache, one file per vl-convert
    version; a cache that cannot be read or written only costs that time."""
    import vl_convert

    path = user_cache_dir() / f"vega-bundle-{vl_convert.__version__}.js"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    bundle = vl_convert.javascript_bundle()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(bundle, encoding="utf-8")
        os.replace(partial, path)  # whole or not at all, whoever writes at the same time
    except OSError:
        pass
    return bundle
