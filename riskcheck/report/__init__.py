"""Reports for runners: charts (PNG/SVG), one self-contained HTML page, and Markdown."""

from riskcheck.report.charts import save_charts
from riskcheck.report.html import render_html
from riskcheck.report.markdown import render_markdown

__all__ = ["render_html", "render_markdown", "save_charts"]
