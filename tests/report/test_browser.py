"""The HTML report opened in headless Chromium (the system's, driven by Playwright): every chart
renders, hovering a week shows its distance, no request leaves the page, screenshots at desktop
and phone width are not blank, and the page prints to PDF."""

from __future__ import annotations

import io

import matplotlib.image
import numpy as np
import pytest
from browser_support import OpenedPage, chromium  # noqa: F401 (chromium is a fixture)
from pypdf import PdfReader

from riskcheck.report.html import render_html

STATUS_BACKGROUND = {"low": (0xE6, 0xF4, 0xEA), "moderate": (0xFF, 0xF4, 0xDC), "high": (0xFD, 0xE8, 0xE6)}


@pytest.fixture(scope="module")
def report_file(assessment, read_result, tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render_html(assessment, read_result), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def desktop(chromium, report_file):
    opened = OpenedPage(chromium, report_file.as_uri(), 1280)
    yield opened
    opened.page.close()


def pixels(png: bytes) -> np.ndarray:
    return matplotlib.image.imread(io.BytesIO(png), format="png")[..., :3]


def test_every_chart_renders_without_errors(desktop, assessment):
    charts = desktop.page.locator("div.vega-chart")
    assert charts.count() >= 6
    for i in range(charts.count()):
        marks = charts.nth(i).locator("svg [aria-roledescription]")
        assert marks.count() > 0, f"chart {charts.nth(i).get_attribute('id')} drew no marks"
    assert desktop.errors == []


def test_hovering_a_week_shows_its_distance(desktop, assessment):
    weekly = assessment.weekly
    week = weekly.iloc[len(weekly) // 2]
    label = f"Week starting: {week['week_start']:%b %d, %Y}"
    bar = desktop.page.locator(f"#chart-weekly_distance svg path[aria-label^='{label}']").first
    bar.hover()
    tooltip = desktop.page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible")
    text = " ".join(tooltip.inner_text().split())
    assert f"{week['week_start']:%Y-%m-%d}" in text
    assert f"Distance (km) {week['distance_m'] / 1000:.1f}" in text


def test_no_request_leaves_the_page(desktop, report_file):
    assert desktop.outside_requests() == []
    assert report_file.as_uri() in desktop.requests


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_are_not_blank(chromium, report_file, assessment, width):
    opened = OpenedPage(chromium, report_file.as_uri(), width)
    try:
        page = opened.page
        whole = pixels(page.screenshot(full_page=True))
        assert whole.std() > 0.05, "the screenshot is (nearly) one flat colour"
        rgb = np.round(whole * 255).astype(int)
        status_area = np.all(np.abs(rgb - np.array(STATUS_BACKGROUND[assessment.status.level])) <= 2, axis=-1).mean()
        assert status_area > 0.002, "the status box is not drawn in its colour"
        chart = page.locator("#chart-weekly_distance")
        box = chart.bounding_box()
        assert box["width"] <= width, "the chart is wider than the screen"
        assert pixels(chart.screenshot()).std() > 0.05, "the weekly chart is blank"
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"the page scrolls sideways by {overflow} px"
    finally:
        opened.page.close()


def test_the_page_prints_to_pdf_with_its_charts(chromium, report_file, assessment):
    a4_width_px = 794  # 210 mm at 96 px per inch
    opened = OpenedPage(chromium, report_file.as_uri(), 1280)
    try:
        page = opened.page
        titles = page.locator("div.vega-chart svg .role-title-text").all_text_contents()
        page.emulate_media(media="print")
        page.set_viewport_size({"width": a4_width_px, "height": 1123})
        for chart in page.locator("div.vega-chart svg").all():
            assert 0 < chart.bounding_box()["width"] <= a4_width_px
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    finally:
        opened.page.close()
    assert len(pdf.pages) >= 3
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert assessment.status.level.upper() in text
    assert titles and all(title in text for title in titles), "a chart's title is missing from the printout"
    # the daily findings sit in a collapsed part on screen; the printout opens it
    assert " ".join(assessment.findings["message"].iloc[0].split()) in text


def test_page_holds_status_and_findings(desktop, assessment):
    status = " ".join(desktop.page.locator("#status").inner_text().split())
    assert assessment.status.level.upper() in status
    for reason in assessment.status.reasons:
        assert " ".join(reason.split()) in status
    findings = " ".join(desktop.page.locator("#findings").text_content().split())
    for message in assessment.findings["message"]:
        assert " ".join(message.split()) in findings


@pytest.fixture(scope="module")
def roster_index(tmp_path_factory) -> str:
    """The roster index of the bundled sample roster, written by the command a coach runs."""
    from click.testing import CliRunner

    from riskcheck.cli.main import cli
    from riskcheck.roster.sample import AS_OF

    out = tmp_path_factory.mktemp("roster")
    result = CliRunner().invoke(cli, ["roster", "sample_data/roster", "--to", f"{AS_OF:%Y-%m-%d}", "-o", str(out),
                                       "--workers", "1", "--quiet"])
    assert result.exit_code in (0, 1), result.output
    return (out / "index.html").as_uri()


def test_roster_index_draws_a_weekly_chart_per_athlete_and_hovers(chromium, roster_index):
    opened = OpenedPage(chromium, roster_index, 1280)
    try:
        page = opened.page
        sparks = page.locator("div.vega-chart.spark")
        rows = page.locator("section#roster tbody tr")
        assert sparks.count() == rows.count() > 1
        bar = sparks.first.locator("svg path[aria-roledescription='bar']").last
        label = bar.get_attribute("aria-label")  # "Week starting: Jun 02, 2025; ...; Running (km): 31.2"
        bar.hover()
        tooltip = page.locator("#vg-tooltip-element")
        tooltip.wait_for(state="visible")
        distance = label.rsplit("Running (km): ", 1)[1]
        assert f"Running (km) {distance}" in " ".join(tooltip.inner_text().split())
        assert opened.outside_requests() == []
        assert opened.errors == []
    finally:
        opened.page.close()


def test_scrolling_over_a_chart_zooms_its_time_axis(chromium, report_file):
    opened = OpenedPage(chromium, report_file.as_uri(), 1280)
    try:
        page = opened.page
        chart = page.locator("#chart-long_runs")
        chart.scroll_into_view_if_needed()
        ticks = chart.locator("svg .role-axis-label text")
        before = ticks.all_text_contents()
        box = chart.locator("svg").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 3)
        page.mouse.wheel(0, -600)
        page.wait_for_timeout(300)
        after = ticks.all_text_contents()
        assert after != before, "the time axis did not zoom"
        assert opened.errors == []
    finally:
        opened.page.close()


def test_a_hostile_source_name_in_a_tooltip_stays_text(chromium, assessment, tmp_path):
    """The data-source name comes from the files (a device or creator name): on hover it is
    shown as text, never run as markup."""
    import copy

    hostile = copy.copy(assessment)
    half = len(assessment.weekly) // 2
    name = "<img src=x onerror=\"document.title='run'\">"
    hostile.weekly = assessment.weekly.assign(source=[name] * half + ["FIT files"] * (len(assessment.weekly) - half))
    path = tmp_path / "report.html"
    path.write_text(render_html(hostile, None), encoding="utf-8")
    opened = OpenedPage(chromium, path.as_uri(), 1280)
    try:
        page = opened.page
        line = page.locator("#chart-weekly_distance svg line[aria-roledescription='rule mark']").first
        line.scroll_into_view_if_needed()
        box = line.bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        tooltip = page.locator("#vg-tooltip-element")
        tooltip.wait_for(state="visible")
        assert f"{name} → FIT files" in tooltip.inner_text()
        assert tooltip.locator("img").count() == 0 and page.title() != "run"
    finally:
        opened.page.close()
