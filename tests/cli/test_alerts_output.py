"""Every output shows the alerts (episodes) rather than lists of daily findings: the text's
Alerts lines and notes count, check.json's episodes, alerts.csv, and the guidance of a plan
that stops for back pain.

The log is the overload build of tests/rules/test_scenarios.py (overload_log): four weeks of
20 km (Mon 6, Wed 6, Sat 8), then 20, 28 and 36 km weeks whose Saturday long runs (10, 14 and
18 km) spike. As of 2024-02-18 the spike is one RC01 alert (high, three findings) and the
weekly jump (RC02) and load ratio (RC03), weak evidence kept at caution by the spike, are
part of it; as of 2024-02-11 the load ratio is still a note (info)."""

from __future__ import annotations

import csv
import io
import json

from riskcheck.report.charts.vega import script as vega_script
import re

import pandas as pd
import pytest

from cli_support import invoke
from riskcheck.output.jsonout import EPISODE_FIELDS, FINDING_FIELDS
from riskcheck.output.writer import REPORT_FILES

MONDAY = pd.Timestamp("2024-01-01")
WEEKS = [(6, 6, 8)] * 4 + [(5, 5, 10), (7, 7, 14), (9, 9, 18)]
AS_OF = "2024-02-18"
NAN = re.compile(r"\bnan\b", re.I)
ALERT_LINE = re.compile(r"^  - \d{4}-\d\d-\d\d(?: to \d{4}-\d\d-\d\d)? +(HIGH|CAUTION) +", re.M)


def write_log(folder, back_pain: dict[str, int] | None = None) -> str:
    back_pain = back_pain or {}
    lines = ["date,distance_km,duration,back_pain"]
    for w, (mon, wed, sat) in enumerate(WEEKS):
        start = MONDAY + pd.Timedelta(weeks=w)
        for offset, km in ((0, mon), (2, wed), (5, sat)):
            day = f"{start + pd.Timedelta(days=offset):%Y-%m-%d}"
            lines.append(f"{day},{km},{km * 6},{back_pain.get(day, '')}")
    path = folder / "log.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture()
def log(tmp_path) -> str:
    return write_log(tmp_path)


def check(*args: str):
    result = invoke("check", *args, "--no-store")
    assert result.exit_code == 0, result.output
    return result


def alerts_block(text: str) -> str:
    match = re.search(r"^Alerts \(.*?(?=^Next week:)", text, re.M | re.S)
    assert match, text
    return match.group(0)


def test_text_shows_the_spike_build_as_one_alert_with_its_supporting_rules(log):
    text = check(log, "--to", AS_OF).stdout
    assert "Flagged runs and weeks" not in text
    block = alerts_block(text)
    assert block.startswith("Alerts (1 current, 0 earlier):")
    assert len(ALERT_LINE.findall(block)) == 1
    flat = " ".join(block.split())
    assert ("- 2024-02-03 to 2024-02-17 HIGH RC01 Single-run spike: The 14.0 km run on 2024-02-10 was 40 % "
            "longer than the longest run of the previous 30 days (10.0 km). (3 findings; also: RC02 Weekly "
            "distance jump, RC03 Acute:chronic load ratio)") in flat
    # RC02 and RC03's cautions are part of the alert; RC03's note of 10 Feb chains apart
    assert "Notes: 1 episode at info:" in flat


def test_text_counts_the_notes_apart_from_the_alerts(log):
    block = alerts_block(check(log, "--to", "2024-02-11").stdout)
    assert len(ALERT_LINE.findall(block)) == 1 and "also: RC02 Weekly distance jump)" in " ".join(block.split())
    assert "  Notes: 1 episode at info: see --format markdown/html, alerts.csv or findings.csv" in block


def test_json_episodes_point_at_the_alert_they_support(log):
    data = json.loads(check(log, "--to", AS_OF, "--format", "json").stdout)
    episodes = data["episodes"]
    assert [set(e) for e in episodes] == [set(EPISODE_FIELDS)] * len(episodes)
    ids = {e["episode_id"] for e in episodes}
    spike = episodes[0]  # most severe first
    jump, ratio = (e for e in episodes if e["part_of"])
    assert (spike["episode_id"], spike["severity"], spike["alert"], spike["current"]) == (
        "RC01-2024-02-03", "high", True, True)
    assert (spike["first_day"], spike["last_day"], spike["peak_date"], spike["findings"]) == (
        "2024-02-03", "2024-02-17", "2024-02-10", 3)
    assert spike["also"] == "RC02 Weekly distance jump; RC03 Acute:chronic load ratio"
    for supporting in (jump, ratio):
        assert supporting["part_of"] in ids and supporting["part_of"] == spike["episode_id"]
        assert supporting["alert"] is False and supporting["severity"] == "caution"
        assert supporting["policy"].startswith("kept at caution: RC01 found")
    assert all(isinstance(e["activity_ids"], list) and e["activity_ids"] for e in episodes)
    assert data["status"]["reasons"][0].startswith("RC01 Single-run spike (high")
    finding = data["findings"][0]
    assert set(finding) == set(FINDING_FIELDS) and "corroborated_by" not in finding
    assert {f["rule_severity"] for f in data["findings"]} <= {"info", "caution", "high"}


def test_output_folder_writes_alerts_csv_with_one_row_per_episode(log, tmp_path):
    out = tmp_path / "report"
    check(log, "--to", AS_OF, "--output", str(out))
    assert "alerts.csv" in REPORT_FILES
    data = json.loads((out / "check.json").read_text(encoding="utf-8"))
    reader = csv.DictReader(io.StringIO((out / "alerts.csv").read_text(encoding="utf-8")))
    rows = list(reader)
    assert reader.fieldnames == EPISODE_FIELDS
    assert [r["episode_id"] for r in rows] == [e["episode_id"] for e in data["episodes"]]
    assert sorted(r["part_of"] for r in rows) == ["", "", "RC01-2024-02-03", "RC01-2024-02-03"]
    assert rows[0]["first_day"] == "2024-02-03" and rows[0]["alert"] == "True"
    findings = csv.DictReader(io.StringIO((out / "findings.csv").read_text(encoding="utf-8")))
    assert findings.fieldnames == FINDING_FIELDS and "policy" in FINDING_FIELDS
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.index('id="status"') < html.index('id="guidance"') < html.index('id="details"') < html.index('id="alerts"')
    markdown = (out / "report.md").read_text(encoding="utf-8")
    assert markdown.index("## Guidance for next week") < markdown.index("## Details") < markdown.index("### Alerts")
    assert "### All findings (daily)" in markdown


def test_a_plan_stopped_for_back_pain_says_so_instead_of_nan(tmp_path):
    log = write_log(tmp_path, back_pain={"2024-02-17": 8})
    text = check(log, "--to", AS_OF).stdout
    guidance = " ".join(text[text.index("\nNext week:"):text.index("\nTop recommendations:")].split())
    assert not NAN.search(text)
    assert "- Plan: stopped" in guidance
    assert "- No caps set: No plan for next week: back pain of 8/10 on 2024-02-17 is severe." in guidance
    assert "Total distance, at most" not in guidance
    block = alerts_block(text)
    assert "- 2024-02-17 HIGH PAIN Back pain logged: Back pain up to 8/10 logged on 2024-02-17." in " ".join(block.split())
    data = json.loads(check(log, "--to", AS_OF, "--format", "json").stdout)
    g = data["guidance"]
    assert g["kind"] == "stopped" and g["max_distance_m"] is None and g["max_long_run_m"] is None
    for fmt in ("markdown", "html"):  # the chart library's own code names NaN; the page's words must not
        assert not NAN.search(check(log, "--to", AS_OF, "--format", fmt).stdout.replace(vega_script(), ""))


def test_text_caps_the_alert_lines_and_puts_current_ones_first():
    from types import SimpleNamespace

    from riskcheck.assess.episodes import EPISODE_COLUMNS
    from riskcheck.output.text import MAX_ALERTS, _alerts

    days = pd.date_range("2024-01-01", periods=MAX_ALERTS + 3, freq="7D")
    episodes = pd.DataFrame([dict(
        episode_id=f"RC05-{d:%Y-%m-%d}", athlete="", rule_id="RC05", title="Surface change", severity="caution",
        evidence="moderate", first_day=d, last_day=d, findings=1, peak_date=d, peak_value=80.0, threshold=50.0,
        unit="pp", message=f"Road took over in the week of {d:%Y-%m-%d}.", policy="", activity_ids="",
        part_of="", also="", current=d == days[-1], alert=True) for d in days[::-1]], columns=EPISODE_COLUMNS)
    lines = _alerts(SimpleNamespace(episodes=episodes, findings=pd.DataFrame(columns=["severity", "rule_severity"])))
    assert lines[0] == f"\nAlerts (1 current, {len(days) - 1} earlier, showing {MAX_ALERTS}):"
    assert lines[1].startswith(f"  - {days[-1]:%Y-%m-%d}   ") and lines[2] == "  Earlier:"
    assert len([line for line in lines if line.startswith("  - ")]) == MAX_ALERTS
