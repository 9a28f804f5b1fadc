"""Reports for runners: charts (PNG/SVG), one self-contained HTML page, and Markdown."""

from importlib import import_module

# Imported on first use: the charts pull in matplotlib (~0.4 s), which a plain
# `riskcheck check` that only prints text never needs.
_LAZY = {"save_charts": "riskcheck.report.charts", "render_html": "riskcheck.report.html",
         "render_markdown": "riskcheck.report.markdown"}

__all__ = ["render_html", "render_markdown", "save_charts"]


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_LAZY[name]), name)
