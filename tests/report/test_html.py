"""The HTML report: complete, self-contained, escaped, and printable."""

from __future__ import annotations

import json
import re

import lxml.html
import pytest

from riskcheck.assess import assess
from riskcheck.report.charts import build_charts, charts_for
from riskcheck.report.charts.vega import script as vega_script
from riskcheck.report.html import render_html
from riskcheck.schema import empty_activities
from report_fixtures import HOSTILE_FILE, HOSTILE_NAME


@pytest.fixture(scope="module")
def page(assessment, read_result) -> str:
    return render_html(assessment, read_result)


@pytest.fixture(scope="module")
def doc(page):
    return lxml.html.document_fromstring(page)


def visible_text(doc) -> str:
    return " ".join(doc.body.text_content().split())


def without_chart_library(page: str) -> str:
    """The page minus the bundled chart library, whose code names URL schemes and NaN."""
    return page.replace(vega_script(), "")


def test_no_external_resources_at_all(page, doc, assessment):
    """No URL outside the embedded chart library (the browser test proves that it requests
    nothing either), no linked resource, and the charts as inline specifications."""
    assert not re.search(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", without_chart_library(page), flags=re.I)
    assert not doc.xpath("//script[@src] | //link | //iframe | //object | //embed | //img")
    charts = doc.xpath("//div[@class='vega-chart']")
    assert [c.get("id") for c in charts] == [f"chart-{chart.name}" for chart in charts_for(assessment)]
    for chart in charts:
        spec = json.loads(doc.get_element_by_id(chart.get("data-spec")).text)
        assert spec["layer"] and spec["datasets"]
    assert doc.xpath("//style") and "@media print" in doc.xpath("//style")[0].text


def test_user_controlled_strings_are_escaped(page, doc, read_result):
    scripts = doc.xpath("//script")
    assert len(scripts) == len(doc.xpath("//div[@class='vega-chart']")) + 2  # library, one spec each, loader
    assert without_chart_library(page).lower().count("<script") == len(scripts)  # none from the data
    assert "<img src=x" not in page
    text = visible_text(doc)
    assert HOSTILE_FILE in text  # shown to the reader as text, not run
    assert f"{HOSTILE_NAME}.gpx" in text
    hostile_rows = read_result.files[read_result.files["path"].str.contains("alert")]
    assert len(hostile_rows) == 2


def test_status_comes_first_coloured_with_its_reasons_and_the_recent_pain(assessment, doc):
    status = doc.get_element_by_id("status")
    assert f"status-{assessment.status.level}" in status.get("class")
    heading = status.xpath("h2")[0].text_content()
    assert assessment.status.level.upper() in heading
    assert str(assessment.status.as_of) in heading
    for reason in assessment.status.reasons:
        assert reason in status.text_content()
    sections = [s.get("id") for s in doc.xpath("//section")]
    assert sections[0] == "status"
    pain = " ".join(doc.get_element_by_id("pain-history").text_content().split())
    assert pain.startswith("Back pain, last 28 days")
    assert "Back pain logged in the 28 days from 2025-03-03 to 2025-03-30: up to 4/10 (on 2025-03-30)." in pain
    assert "2025-03-30: up to 4/10 on 1 day; a caution alert." in pain
    assert "week of 2025-03-24: 4/10" in pain and "week of 2025-03-17: none logged" in pain
    assert "Latest pain episode: back pain from 2025-03-30" in pain  # as the backtest counts them
    assert doc.get_element_by_id("pain-history").getparent() is status


def test_guidance_findings_recommendations_and_warning_signs(assessment, doc):
    guidance = doc.get_element_by_id("guidance").text_content()
    assert f"{assessment.guidance.max_distance_m / 1000:.1f} km" in guidance
    assert f"{assessment.guidance.max_long_run_m / 1000:.1f} km" in guidance
    for item in assessment.guidance.favour + assessment.guidance.avoid:
        assert item in guidance
    findings = doc.get_element_by_id("findings")
    assert len(findings.xpath(".//tr[@class='finding']")) == len(assessment.findings)
    text = " ".join(findings.text_content().split())
    for f in assessment.findings.itertuples():
        for part in (f.rule_id, f.message, f.why, f.source, f.severity):
            assert " ".join(part.split()) in text
    reasons = findings.xpath(".//ul[@class='reasons']/li")  # why a rule matters: once, not under each finding
    assert len(reasons) == len(assessment.findings[["rule_id", "why", "source"]].drop_duplicates())
    assert len(reasons) < len(assessment.findings)
    recs = doc.get_element_by_id("recommendations").xpath(".//li")
    ordered = sorted(assessment.recommendations, key=lambda r: r.priority)
    assert [li.xpath("strong")[0].text for li in recs] == [r.title for r in ordered]
    signs = doc.get_element_by_id("warning-signs").text_content()
    for sign in assessment.warning_signs:
        assert sign in signs


def test_read_top_down_status_then_guidance_then_charts_then_details(doc):
    sections = [s.get("id") for s in doc.xpath("//section")]
    assert sections == ["status", "warning-signs", "guidance", "recommendations", "charts",
                        "alerts", "findings", "backtest", "weekly", "data-notes", "files"]
    details = doc.get_element_by_id("details")
    assert details.xpath("h2")[0].text == "Details"
    assert [s.get("id") for s in details.xpath("section")] == sections[5:]


def test_alerts_lead_the_details_and_the_daily_findings_are_collapsed(assessment, doc):
    episodes = assessment.episodes
    alerts = doc.get_element_by_id("alerts")
    rows = alerts.xpath(".//table[@class='alerts']/tbody/tr")
    assert len(rows) == int(episodes["alert"].sum()) > 0
    for row, e in zip(rows, episodes[episodes["alert"]].itertuples()):  # one current alert each: same order
        cells = [td.text_content() for td in row.xpath("td")]
        assert cells[1] == e.severity and cells[2] == f"{e.rule_id} {e.title}" and e.message in cells[4]
    notes = doc.get_element_by_id("notes").xpath(".//table[@class='notes']/tbody/tr")
    assert len(notes) == int((episodes["severity"] == "info").sum()) > 0
    details = doc.get_element_by_id("findings").xpath("details")
    assert len(details) == 1 and details[0].get("open") is None
    assert "All findings (daily)" in details[0].xpath("summary")[0].text_content()


def test_weekly_table_has_one_row_per_week(assessment, doc):
    rows = doc.get_element_by_id("weekly").xpath(".//tbody/tr")
    assert len(rows) == len(assessment.weekly)
    first = rows[0].xpath("td")
    assert first[0].text_content() == assessment.weekly["week_start"].iloc[0].strftime("%Y-%m-%d")


def test_files_summary_counts_and_reasons(read_result, doc):
    files = doc.get_element_by_id("files")
    problems = files.xpath(".//details[@class='file-problems']")
    assert len(problems) == 1 and problems[0].get("open") is None  # collapsed, its summary says how many failed
    failed = int((read_result.files["status"] == "failed").sum())
    not_read = int((read_result.files["status"] != "read").sum())
    summary = problems[0].xpath("summary")[0].text_content()
    assert summary.startswith(f"Files not counted: {not_read} (") and f"{failed} failed" in summary and failed
    assert len(problems[0].xpath(".//tbody/tr")) == not_read  # every file still listed


def test_files_summary_lists_every_file_not_read(read_result, doc):
    files = doc.get_element_by_id("files")
    counts = [li.text_content() for li in files.xpath(".//ul[@class='counts']/li")]
    expected = read_result.files["status"].value_counts()
    for status in ("read", "duplicate", "skipped", "failed"):
        assert f"{int(expected.get(status, 0))} {status}" in counts
    text = " ".join(files.text_content().split())
    for row in read_result.files[read_result.files["status"] != "read"].itertuples():
        assert " ".join(row.reason.split()) in text


def test_says_it_is_guidance_not_a_diagnosis(doc):
    text = visible_text(doc)
    assert "risk patterns" in text and "does not diagnose" in text


def test_miles_and_custom_title(assessment, read_result):
    page = render_html(assessment, read_result, units="mi", title="Spring <block>")
    doc = lxml.html.document_fromstring(page)
    assert doc.xpath("//title")[0].text == "Spring <block>"
    assert f"{assessment.guidance.max_distance_m / 1609.344:.1f} mi" in doc.get_element_by_id("guidance").text_content()


def test_without_file_accounting_the_files_section_is_left_out(assessment):
    doc = lxml.html.document_fromstring(render_html(assessment, None))
    assert not doc.xpath("//section[@id='files']")


def test_notes_on_the_data_are_shown(assessment, doc):
    assert assessment.warnings, "the generated log holds a run after the report date"
    notes = doc.get_element_by_id("data-notes").text_content()
    for warning in assessment.warnings:
        assert warning in notes


def test_read_warnings_are_listed_with_their_file(read_result, doc):
    files = " ".join(doc.get_element_by_id("files").text_content().split())
    read_files = read_result.files[read_result.files["status"] == "read"]
    warnings = [w for ws in read_files["warnings"] for w in ws.split("; ") if w]
    assert warnings, "the diary's distance column names no unit"
    for warning in warnings:
        assert " ".join(warning.split()) in files


def test_an_empty_log_still_gives_a_complete_page():
    empty = assess(empty_activities())
    doc = lxml.html.document_fromstring(render_html(empty, None))
    status = doc.get_element_by_id("status").text_content()
    assert "Nothing to assess" in status and "LOW" not in status
    assert "No risk patterns found." in doc.get_element_by_id("findings").text_content()
    assert not doc.xpath("//div[@class='vega-chart']") and "vegaEmbed" not in doc.xpath("//script")[0].text
    left_out = doc.get_element_by_id("charts").text_content()
    assert all(chart.title in left_out for chart in build_charts(empty))


def test_file_warnings_are_grouped_by_kind_and_collapsed(read_result, doc):
    warnings = doc.get_element_by_id("files").xpath(".//details[@class='file-warnings']")
    assert len(warnings) == 1 and warnings[0].get("open") is None
    summary = warnings[0].xpath("summary")[0].text_content()
    read = read_result.files[read_result.files["status"] == "read"]
    kinds = {w for ws in read["warnings"] for w in ws.split("; ") if w}
    assert len(kinds) > 1 and summary == f"Warnings from the files: {len(kinds)} kinds in 1 file (files.csv lists every file's own)"
    rows = warnings[0].xpath(".//tbody/tr")
    assert len(rows) == len(kinds)
    path = read["path"][read["path"].str.endswith("diary.csv")].iloc[0]
    assert all([td.text_content() for td in row.xpath("td")][1:] == [path, path] for row in rows)


def test_long_tables_are_collapsed_under_a_summary_and_keep_every_row(assessment, monkeypatch):
    from riskcheck.report import content
    monkeypatch.setattr(content, "LONG_TABLE_ROWS", 3)
    doc = lxml.html.document_fromstring(render_html(assessment, None))
    weekly = doc.get_element_by_id("weekly").xpath("details")
    assert len(weekly) == 1 and weekly[0].get("open") is None
    summary = " ".join(weekly[0].xpath("summary")[0].text_content().split())
    assert summary.startswith(f"Week by week ({len(assessment.weekly)} weeks from 2025-01-06 to 2025-03-24; "
                              "weekly status: ")
    assert len(weekly[0].xpath(".//tbody/tr")) == len(assessment.weekly)
    notes = doc.get_element_by_id("notes")
    n = int((assessment.episodes["severity"] == "info").sum())
    assert n > 3 and notes.xpath("details/summary")[0].text_content() == f"{n} notes (patterns at info)"
    assert len(notes.xpath("details//tbody/tr")) == n
    alerts = doc.get_element_by_id("alerts")  # two alerts: short enough to stay open
    assert not alerts.xpath("details") and len(alerts.xpath("div/table[@class='alerts']/tbody/tr")) == 2
    monkeypatch.undo()
    shown = lxml.html.document_fromstring(render_html(assessment, None)).get_element_by_id("weekly")
    assert not shown.xpath("details")  # without the patch the twelve weeks are short enough


def _css_rule(css: str, selector: str) -> dict[str, str]:
    match = re.search(rf"(?:^|}})\s*{re.escape(selector)}\s*{{([^}}]*)}}", css, flags=re.M)
    assert match, f"no CSS rule for {selector!r}"
    return {k.strip(): v.strip() for k, v in (d.split(":", 1) for d in match.group(1).split(";") if ":" in d)}


def _px(value: str) -> float:
    return float(re.match(r"[\d.]+", value.split()[0]).group(0))


def test_the_status_is_louder_than_the_warning_signs(doc):
    css = doc.xpath("//style")[0].text
    status, signs = _css_rule(css, ".status"), _css_rule(css, ".warning-signs")
    assert _px(status["border"]) > _px(signs["border-left"])
    assert "border" not in signs  # a rule at the side, not a frame
    assert (float(_css_rule(css, ".status h2")["font-size"].rstrip("rem"))
            > float(_css_rule(css, ".warning-signs h2")["font-size"].rstrip("rem")))
    assert "color" in _css_rule(css, ".status-high h2") and _css_rule(css, ".warning-signs h2")["color"] == "var(--ink)"


def test_charts_one_per_row_at_full_width(doc):
    css = doc.xpath("//style")[0].text
    assert _css_rule(css, ".charts")["grid-template-columns"] == "1fr"
    assert not re.search(r"\.charts\s*{[^}]*1fr 1fr", css)  # not in print or narrow screens either


def test_every_weekly_number_has_its_unit(assessment, doc):
    headers = [th.text_content() for th in doc.get_element_by_id("weekly").xpath(".//thead/th")]
    rows = [[td.text_content() for td in tr.xpath("td")] for tr in doc.get_element_by_id("weekly").xpath(".//tbody/tr")]
    counts = {"Runs", "Rest days"}  # the header names what is counted
    for i, header in enumerate(headers):
        if header in counts or header in ("Week", "Status") or "(" in header:
            continue
        for row in rows:  # no unit in the header: each number carries its own
            assert row[i] == "–" or re.search(r"\d ?(km|mi|m|ft|spm|/10)$", row[i]), (header, row[i])


def test_the_chart_library_is_bundled_once_and_kept_in_the_users_cache(tmp_path, monkeypatch):
    import vl_convert

    from riskcheck.report.charts import vega

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    vega.script.cache_clear()
    bundle = vega.script()
    kept = tmp_path / "riskcheck" / f"vega-bundle-{vl_convert.__version__}.js"
    assert kept.read_text(encoding="utf-8") == bundle and "vegaEmbed" in bundle
    assert not list(kept.parent.glob("*.tmp"))
    kept.write_text("// the kept copy", encoding="utf-8")
    vega.script.cache_clear()
    assert vega.script() == "// the kept copy"  # read back, not bundled again
    vega.script.cache_clear()
