"""The Markdown report: same content as the HTML page, inert user strings, linked charts."""

from __future__ import annotations

import re

import pytest
from report_fixtures import HOSTILE_NAME

from riskcheck.report.charts import save_charts
from riskcheck.report.markdown import md, render_markdown


@pytest.fixture(scope="module")
def text(assessment, read_result) -> str:
    return render_markdown(assessment, read_result)


def section(text: str, heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}.*?(?=^## |\Z)", text, flags=re.M | re.S)
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


def test_alerts_follow_the_status_with_the_notes_apart(assessment, text):
    headings = re.findall(r"^## (.*)$", text, flags=re.M)
    assert headings[1:3] == ["Alerts", "See a health professional if"]
    assert headings.index("Alerts") < headings.index("Guidance for next week") < headings.index("All findings (daily)")
    alerts = section(text, "Alerts")
    table, notes = alerts.split("### Notes")
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
