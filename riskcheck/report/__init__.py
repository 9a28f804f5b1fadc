"""Reports for runners: charts (PNG/SVG), one self-contained HTML page, and Markdown."""

from riskcheck.report.charts import save_charts
from riskcheck.report.html import render_html

__all__ = ["render_html", "save_charts"]
