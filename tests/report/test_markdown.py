"""The Markdown report: same content as the HTML page, inert user strings, linked charts."""

from __future__ import annotations

import copy
import re

import pytest
from report_fixtures import HOSTILE_NAME

from riskcheck.report.charts import save_charts
from riskcheck.report.markdown import md, render_markdown


@pytest.fixture(scope="module")
def text(assessment, read_result) -> str:
    return render_markdown(assessment, read_result)


def section(text: str, heading: str) -> str:
    """A section ('## ' before the details, '### ' within them) up to the next of its level or above."""
    match = re.search(rf"^(#{{2,3}}) {re.escape(heading)}.*?(?=^#{{2,3}} |\Z)", text, flags=re.M | re.S)
    assert match, f"no section {heading!r}"
    return match.group(0)


def test_same_content_as_the_html_report(assessment, text):
    status = section(text, "Risk pattern status")
    assert f"as of {assessment.status.as_of}: {assessment.status.level.upper()}" in status
    for reason in assessment.status.reasons:
        assert md(reason) in text
    guidance = section(text, "Guidance for next week")
    assert f"**{assessment.guidance.max_distance_m / 1000:.1f} km**" in guidance
    findings = section(text, "All findings (daily)")
    for f in assessment.findings.itertuples():
        assert md(f.message) in findings and md(f.why) in findings
    for sign in assessment.warning_signs:
        assert md(sign) in section(text, "See a health professional if")
    weekly = section(text, "Week by week")
    assert len([line for line in weekly.splitlines() if line.startswith("| 20")]) == len(assessment.weekly)
    assert "does not diagnose" in text
    for warning in assessment.warnings:
        assert md(warning) in section(text, "Notes on the data")


def test_same_order_as_the_html_report(assessment, read_result, tmp_path):
    text = render_markdown(assessment, read_result, chart_paths=save_charts(assessment, tmp_path))
    headings = re.findall(r"^(#{2,3}) (.*)$", text, flags=re.M)
    assert [h for level, h in headings if level == "##"][1:] == [
        "See a health professional if", "Guidance for next week", "Top recommendations", "Charts", "Details"]
    assert [h for level, h in headings if level == "###"] == [
        "Alerts", "All findings (daily)", "Did the alerts come before your pain?", "Week by week",
        "Notes on the data", "Files"]
    status = section(text, "Risk pattern status")
    assert "**Back pain, last 28 days**" in status and "- 2025-03-30: up to 4/10 on 1 day; a caution alert." in status
    files = section(text, "Files")
    failed = int((read_result.files["status"] == "failed").sum())
    assert re.search(rf"^#### Files not counted: \d+ \(.*{failed} failed\)$", files, flags=re.M)
    assert "#### Warnings from the files: 3 kinds in 1 file" in files
    assert section(text, "Week by week").split("\n")[2].startswith("12 weeks from 2025-01-06 to 2025-03-24")


def test_alerts_lead_the_details_with_the_notes_apart(assessment, text):
    alerts = section(text, "Alerts")
    assert "2 alerts: 2 current, 0 earlier." in alerts
    table, notes = alerts.split("#### Notes")
    episodes = assessment.episodes
    for e in episodes[episodes["alert"]].itertuples():
        assert md(e.message) in table and f"| {e.severity} |" in table
    info = episodes[episodes["severity"] == "info"]
    assert len(info) and all(md(e.message) in notes for e in info.itertuples())
    assert not any(f"| {e.severity} |" in notes for e in episodes[episodes["alert"]].itertuples())


def test_tables_keep_their_columns_whatever_the_file_names(read_result, text):
    files = section(text, "Files")
    rows = [line for line in files.splitlines() if line.startswith("| ")]
    columns = {len(re.findall(r"(?<!\\)\|", row)) for row in rows if "Warning" not in row}
    assert len(rows) > 2
    assert len(columns) <= 2  # the problems table and the warnings table, each regular


def test_markup_in_user_strings_is_inert(text):
    assert "<script" not in text and "<img" not in text
    assert md(f"{HOSTILE_NAME}.gpx") in text


def test_md_escapes_markdown_and_html():
    assert md("a|b *c* [d](e) <f>\nnext") == r"a\|b \*c\* \[d\](e) &lt;f&gt; next"


def test_charts_linked_only_when_paths_given(assessment, read_result, text, tmp_path):
    assert "![" not in text
    folder = tmp_path / "my charts (1)"
    linked = render_markdown(assessment, read_result, chart_paths=save_charts(assessment, folder))
    targets = re.findall(r"!\[[^\]]*\]\(<([^>]+)>\)", linked)
    assert [t.rsplit("/", 1)[-1] for t in targets] == [
        "weekly_distance.png", "long_runs.png", "acwr.png", "cadence.png", "surface_mix.png", "climbing.png",
        "fitness.png", "pain.png"]
    assert all(str(folder) in t for t in targets)
    as_list = render_markdown(assessment, read_result, chart_paths=sorted(folder.glob("*.svg")))
    assert len(re.findall(r"\.svg>\)", as_list)) == 8


def test_charts_with_nothing_to_show_are_named_with_the_reason(assessment, read_result, tmp_path):
    guessed = copy.copy(assessment)
    guessed.weekly = assessment.weekly.assign(surface_recorded_share=0.0)
    text = render_markdown(guessed, read_result, chart_paths=save_charts(guessed, tmp_path))
    assert "surface_mix.png" not in text
    charts = section(text, "Charts")
    assert "Not drawn, nothing to show:" in charts
    assert "- Surface mix per week: no file or list records a surface" in charts
