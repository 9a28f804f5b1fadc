"""`riskcheck check` on the committed sample data: every --format, the --output folder, and
every option taking effect. Expectations come from how the sample data was built
(sample_data/README.md), from the schema, or from a second run that differs in one option."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from cli_support import DIARY, FORMATS_FOLDER, REPO, RUNNER, SPIKE_DAY, check_json, files_under, invoke
from riskcheck.output.jsonout import FINDING_FIELDS, SCHEMA
from riskcheck.report.charts import CHARTS
from riskcheck.schema import ACTIVITY_COLUMNS

# The full runner folder takes seconds to read, so the format matrix reads its diary (the same
# runs); test_runner_folder_merges_diary_and_watch_files reads the whole folder.
SAMPLES = {"runner": DIARY, "formats": FORMATS_FOLDER}
SEVERITIES = {"info", "caution", "high"}


def _csv_rows(text: str) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), list(reader)


def _given(sample: str) -> int:
    path = REPO / SAMPLES[sample][0]
    return len(files_under(SAMPLES[sample][0])) if path.is_dir() else 1


def _check_text(out: str, sample: str) -> None:
    assert re.match(r"Risk pattern status as of \d{4}-\d{2}-\d{2}: (LOW|MODERATE|HIGH)\n", out)
    assert "\nNext week:\n" in out
    assert f"Files: {_given(sample)} given:" in out
    assert "not a medical device" in out
    if sample == "runner":  # the 40 % long-run spike is an alert at high (above 30 %)
        assert "\nAlerts (" in out
        assert re.search(rf"^  - {SPIKE_DAY} +HIGH +RC01 Single-run spike: ", out, re.M)


def _check_json(out: str, sample: str) -> None:
    data = json.loads(out)
    assert data["schema"] == SCHEMA
    assert data["file_counts"]["total"] == _given(sample)
    assert {f["severity"] for f in data["findings"]} <= SEVERITIES


def _check_csv(out: str, sample: str) -> None:
    header, rows = _csv_rows(out)
    assert header == FINDING_FIELDS
    assert all(re.fullmatch(r"RC\d\d", r["rule_id"]) and r["severity"] in SEVERITIES for r in rows)
    if sample == "runner":
        assert any(r["rule_id"] == "RC01" and r["date"] == SPIKE_DAY and r["severity"] == "high" for r in rows)


def _check_markdown(out: str, sample: str) -> None:
    assert out.startswith("# ")
    assert re.search(r"^## Risk pattern status as of .*: (LOW|MODERATE|HIGH)$", out, re.M)


def _check_html(out: str, sample: str) -> None:
    assert out.lstrip().lower().startswith("<!doctype html>")
    assert out.rstrip().endswith("</html>")
    assert "Risk pattern status as of" in out


CHECKS = {"text": _check_text, "json": _check_json, "csv": _check_csv, "markdown": _check_markdown,
          "html": _check_html}


@pytest.mark.parametrize("fmt", list(CHECKS))
@pytest.mark.parametrize("sample", list(SAMPLES))
def test_every_format_on_the_sample_data(sample, fmt):
    result = invoke("check", *SAMPLES[sample], "--format", fmt)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    CHECKS[fmt](result.stdout, sample)


def test_runner_folder_merges_diary_and_watch_files():
    result = invoke("check", *RUNNER)
    assert result.exit_code == 0, result.output
    # 24 files, above the progress bar's threshold, yet silent: stderr is not a terminal here
    assert result.stderr == ""
    given = len(files_under("sample_data/runner"))
    # sample_data/README.md: each watch file matches its diary row and counts once: 79 activities
    assert f"Files: {given} given: {given} read, 0 duplicate, 0 skipped, 0 failed; 79 activities." in result.stdout
    assert re.search(rf"^  - {SPIKE_DAY} +HIGH +RC01 Single-run spike: ", result.stdout, re.M)


def test_formats_folder_reads_one_run_and_names_each_duplicate():
    data = check_json(*FORMATS_FOLDER)
    # sample_data/README.md: one 1 km run in every format
    assert data["file_counts"] == {"read": 1, "duplicate": 7, "skipped": 0, "failed": 0, "total": 8}
    assert data["activities"] == 1
    for f in data["files"]:
        if f["status"] == "duplicate":
            assert f["reason"].startswith("is the same session as sample_data/formats/run.")


def test_output_folder_receives_report_charts_tables_and_json(tmp_path):
    out = tmp_path / "report"
    result = invoke("check", *RUNNER, "--output", str(out))
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"Report written to {out / 'report.html'}"

    assert "</html>" in (out / "report.html").read_text(encoding="utf-8")
    markdown = (out / "report.md").read_text(encoding="utf-8")
    for spec in CHARTS:
        png, svg = out / "charts" / f"{spec.name}.png", out / "charts" / f"{spec.name}.svg"
        assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
        assert "<svg" in svg.read_text(encoding="utf-8")[:2000]
        assert f"charts/{spec.name}.png" in markdown  # linked relative to the report

    data = json.loads((out / "check.json").read_text(encoding="utf-8"))
    assert data["schema"] == SCHEMA

    def table(name):
        return _csv_rows((out / name).read_text(encoding="utf-8"))

    header, rows = table("activities.csv")
    assert set(ACTIVITY_COLUMNS) <= set(header) and len(rows) == data["activities"]
    header, rows = table("weekly.csv")
    assert header[:2] == ["week_start", "distance_m"] and len(rows) == len(data["weekly"])
    header, rows = table("daily.csv")
    assert header[0] == "date" and len(rows) >= 7 * (len(data["weekly"]) - 2)
    header, rows = table("findings.csv")
    assert header == FINDING_FIELDS and len(rows) == len(data["findings"])
    header, rows = table("files.csv")
    assert header[:4] == ["path", "format", "status", "reason"]
    assert len(rows) == len(files_under("sample_data/runner"))


def test_units_mi_changes_the_display_but_not_the_json_numbers():
    km = invoke("check", *DIARY).stdout
    mi = invoke("check", *DIARY, "--units", "mi").stdout
    assert re.search(r"Total distance, at most: [\d.]+ km", km)
    assert re.search(r"Total distance, at most: [\d.]+ mi", mi)
    as_km, as_mi = check_json(*DIARY), check_json(*DIARY, "--units", "mi")
    assert (as_km["units"], as_mi["units"]) == ("km", "mi")
    assert as_mi["guidance"]["max_distance_m"] == as_km["guidance"]["max_distance_m"]  # SI either way


def test_from_drops_earlier_weeks_and_findings_to_ends_the_log():
    full = check_json(*DIARY)
    later = check_json(*DIARY, "--from", "2025-06-02")
    assert any(f["date"] < "2025-06-02" for f in full["findings"])
    assert later["findings"] and all(f["date"] >= "2025-06-02" for f in later["findings"])
    assert later["weekly"][0]["week_start"] == "2025-06-02"
    # the spike is still found: the weeks before --from remain its baseline
    assert any(f["rule_id"] == "RC01" and f["date"] == SPIKE_DAY for f in later["findings"])

    ended = check_json(*DIARY, "--to", "2025-06-10")
    assert ended["status"]["as_of"] == "2025-06-10"
    assert all(f["date"] <= "2025-06-10" for f in ended["findings"])


def test_a_track_without_an_offset_takes_the_zone_of_where_it_was_run():
    data = check_json("sample_data/formats/run.gpx")
    (gpx,) = [f for f in data["files"] if f["path"] == "sample_data/formats/run.gpx"]
    assert not any("no local time offset" in w for w in gpx["warnings"])
    assert data["weekly"] and data["status"]["level"] != "none"


def test_tz_sets_the_local_time_of_files_without_an_offset(tmp_path):
    diary = tmp_path / "diary.csv"  # local times and no position: only --tz can tell the UTC instant
    diary.write_text("date,time,distance_km,duration\n2025-03-01,07:30,8,0:45:00\n", encoding="utf-8")
    missing_zone = "local times only and no time zone set"

    def warnings(data):
        return " ".join(w for f in data["files"] for w in f["warnings"])

    assert missing_zone in warnings(check_json(str(diary)))
    assert missing_zone not in warnings(check_json(str(diary), "--tz", "Europe/Berlin"))


def test_map_reads_a_csv_with_columns_of_its_own(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("When,Howfar,Howlong\n2025-03-01,8.0,45\n2025-03-03,5.5,31\n2025-03-05,10.2,58\n",
                   encoding="utf-8")
    unmapped = check_json(str(log))
    assert unmapped["file_counts"]["failed"] == 1 and "unrecognised" in unmapped["files"][0]["reason"]
    mapped = check_json(str(log), "--map", "When=date", "--map", "Howfar=distance_km", "--map", "Howlong=duration_min")
    assert mapped["file_counts"]["read"] == 1 and mapped["activities"] == 3
    assert sum(w["distance_m"] for w in mapped["weekly"]) == pytest.approx((8.0 + 5.5 + 10.2) * 1000)


SPIKE_ALLOWED = """
[thresholds.long-run-spike]   # the 40 % spike stays under both levels
caution_pct = 50
high_pct = 80
"""


def _spike_found(data) -> bool:
    return any(f["rule_id"] == "RC01" and f["date"] == SPIKE_DAY for f in data["findings"])


def test_config_thresholds_change_the_findings(tmp_path):
    config = tmp_path / "riskcheck.toml"
    config.write_text(SPIKE_ALLOWED, encoding="utf-8")
    assert _spike_found(check_json(*DIARY))
    assert not _spike_found(check_json(*DIARY, "--config", str(config)))


def test_athlete_names_the_report_and_picks_the_athletes_config(tmp_path):
    config = tmp_path / "coach.toml"
    config.write_text(SPIKE_ALLOWED.replace("[thresholds.", '[athletes."Tom".thresholds.'), encoding="utf-8")
    tom = check_json(*DIARY, "--config", str(config), "--athlete", "Tom")
    assert tom["athlete"] == "Tom" and not _spike_found(tom)
    assert _spike_found(check_json(*DIARY, "--config", str(config), "--athlete", "Ann"))
    assert "for Tom as of" in invoke("check", *DIARY, "--athlete", "Tom").stdout


def test_no_activities_says_so_instead_of_a_status(tmp_path):
    (tmp_path / "broken.fit").write_bytes(b"not a FIT file")
    (tmp_path / "notes.md").write_text("# rest day", encoding="utf-8")
    result = invoke("check", str(tmp_path))
    assert result.exit_code == 4, result.output  # nothing to assess: never a low risk
    lines = result.stdout.splitlines()
    assert lines[0] == "No activities read from the 2 file(s) given: nothing to assess."
    assert "Risk pattern status" not in result.stdout
    assert "Files: 2 given: 0 read, 0 duplicate, 1 skipped, 1 failed; 0 activities." in lines
    assert any(line.startswith(f"  failed: {tmp_path / 'broken.fit'}: ") for line in lines)
