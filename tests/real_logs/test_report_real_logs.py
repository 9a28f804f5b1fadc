"""The HTML report of every real log ($RISKCHECK_REAL_LOGS) renders, stays under 2 MB, and is
read top-down: the status first, the long tables and the file accounting collapsed, every row
still in the page (tests/real_logs/report_figures.py prints the figures)."""

from __future__ import annotations

import lxml.html
import pytest
from browser_support import OpenedPage, chromium  # noqa: F401 (chromium is a fixture)

from compare import read_riskcheck, real_log_folders, zone_of
from report_figures import page_figures, visible_rows
from riskcheck.checking import assess_read
from riskcheck.report.html import render_html
from support import real_logs_path

MAX_BYTES = 2 * 1024 * 1024
MAX_VISIBLE_ROWS = 40  # table rows a reader meets before opening anything


def _logs():
    logs = real_log_folders()
    return logs or [pytest.param(None, id="absent")]  # fails: the test cannot pass without its data


@pytest.fixture(scope="module", params=_logs(), ids=lambda p: getattr(p, "name", "absent"))
def report(request):
    if request.param is None:
        pytest.fail(f"no real training logs at {real_logs_path()}: set RISKCHECK_REAL_LOGS to their folder")
    result = read_riskcheck(request.param, zone_of(request.param))
    assessment = assess_read(result.activities, None, diary=result.diary)
    return result, assessment, render_html(assessment, result)


def test_the_report_renders_under_2_mb(report):
    _, assessment, page = report
    assert len(page.encode("utf-8")) < MAX_BYTES
    doc = lxml.html.document_fromstring(page)
    assert doc.xpath("//section")[0].get("id") == "status"
    assert assessment.status.level.upper() in doc.get_element_by_id("status").text_content()


def test_long_tables_are_collapsed_and_every_row_kept(report):
    result, assessment, page = report
    doc = lxml.html.document_fromstring(page)
    figures = page_figures(page)
    assert figures["visible rows"] == visible_rows(doc) <= MAX_VISIBLE_ROWS, figures
    assert len(doc.get_element_by_id("weekly").xpath(".//tbody/tr")) == len(assessment.weekly)
    assert len(doc.get_element_by_id("findings").xpath(".//tr[@class='finding']")) == len(assessment.findings)
    not_read = result.files[result.files["status"] != "read"]
    problems = doc.get_element_by_id("files").xpath(".//details[@class='file-problems']")
    if len(not_read):
        summary = problems[0].xpath("summary")[0].text_content()
        assert summary.startswith(f"Files not counted: {len(not_read)}")
        failed = int((not_read["status"] == "failed").sum())
        assert (f"{failed} failed" in summary) == bool(failed)
        assert len(problems[0].xpath(".//tbody/tr")) == len(not_read)
    else:
        assert not problems


def _overlap(a: dict, b: dict) -> bool:
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


def test_the_report_renders_in_a_browser_on_a_phone(report, chromium, tmp_path):
    """Every chart drawn without a script error, nothing requested from outside, and nothing
    wider than a 390 px phone screen."""
    _, _, page = report
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    opened = OpenedPage(chromium, path.as_uri(), 390)
    try:
        drawn = opened.page.locator("div.vega-chart[data-rendered]").count()
        assert drawn == lxml.html.document_fromstring(page).xpath("count(//div[@class='vega-chart'])") > 0
        assert opened.errors == [] and opened.outside_requests() == []
        overflow = opened.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"the page scrolls sideways by {overflow} px"
        for chart in opened.page.locator("div.vega-chart").all():  # the marks' labels, not the axes'
            boxes = [b for b in (t.bounding_box() for t in chart.locator("g.mark-text.role-mark text").all()) if b]
            assert not any(_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]), chart.get_attribute("id")
    finally:
        opened.page.close()
