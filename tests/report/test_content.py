"""Display values shared by the HTML and Markdown reports."""

from __future__ import annotations

import pandas as pd
import pytest

from riskcheck.errors import ConfigError
from riskcheck.ingest.read import FILE_COLUMNS, ReadResult
from riskcheck.report import content, units


def test_athlete_summary_for_a_coach_overview(assessment):
    summary = content.athlete_summary(assessment, "km")
    assert summary["status"] == assessment.status.level
    assert summary["as_of"] == str(assessment.status.as_of)
    assert summary["findings"] == str(len(assessment.findings))
    worst = assessment.findings[assessment.findings["severity"] == "high"]
    assert summary["top_finding"] in set(worst["message"])
    assert summary["next_week_max"] == f"{assessment.guidance.max_distance_m / 1000:.1f} km"
    episodes = assessment.episodes
    alerts = episodes[episodes["alert"]]
    assert summary["alerts"] == str(len(alerts)) and summary["current_alerts"] == str(int(alerts["current"].sum()))
    assert (summary["high_alerts"], summary["caution_alerts"]) == ("1", "1")  # the spike and the back pain
    assert summary["notes"] == str(int((episodes["severity"] == "info").sum()))
    assert summary["top_alert"] == alerts.iloc[0]["message"]


def test_alerts_table_current_first_with_peak_and_policy(assessment):
    table = content.alerts_table(assessment, "km")
    assert table.headers == ["Period", "Level", "Rule", "Peak", "What happened", "Also", "Evidence / policy"]
    spike, pain = table.rows
    assert spike[:4] == ["2025-03-30 (current)", "high", "RC01 Single-run spike",
                         "69 % (threshold 30 %) on 2025-03-30"]
    assert pain[1:4] == ["caution", "PAIN Back pain logged", "4/10 (threshold 4/10) on 2025-03-30"]
    assert pain[6] == "logged"
    notes = content.notes_table(assessment, "km")
    assert {row[1] for row in notes.rows} == {"info"}
    assert any("a note" in row[6] for row in notes.rows)  # what the evidence policy did, and why


def _guidance(**fields):
    from riskcheck.assess.guidance import NextWeekGuidance
    base = dict(week_start=pd.Timestamp("2024-02-19").date(), max_distance_m=23_400.0, max_long_run_m=9_000.0,
                explanation=["why"], runs_per_week=3, easy_run_m=7_200.0, kind="step back",
                four_week_avg_m=26_000.0, last_week_m=36_000.0, established_m=26_000.0, long_base_m=9_000.0)
    return NextWeekGuidance(**{**base, **fields})


def test_guidance_items_show_the_plan_kind_and_the_weeks_shape():
    items = dict(content.guidance_items(_guidance(), "km"))
    assert items["Plan"].startswith("step back")
    assert items["Total distance, at most"] == "23.4 km" and items["Longest run, at most"] == "9.0 km"
    assert items["Week's shape"] == "3 runs: one long run up to 9.0 km, 2 easy runs of about 7.2 km"
    assert "Plan" not in dict(content.guidance_items(_guidance(kind="build"), "km"))
    one = dict(content.guidance_items(_guidance(runs_per_week=1, easy_run_m=float("nan")), "km"))
    assert one["Week's shape"] == "1 run: one long run up to 9.0 km"


def test_a_stopped_plan_gives_its_reason_and_no_caps():
    why = "No plan for next week: back pain of 8/10 on 2024-02-17 is severe. Have it assessed."
    stopped = _guidance(kind="stopped", max_distance_m=float("nan"), max_long_run_m=float("nan"),
                        runs_per_week=0, easy_run_m=float("nan"), explanation=[why])
    items = content.guidance_items(stopped, "km")
    assert dict(items)["Plan"].startswith("stopped") and dict(items)["No caps set"] == why
    assert not any("nan" in value or "–" in value for _, value in items)
    assert "Total distance, at most" not in dict(items)


def test_findings_are_ordered_most_severe_then_most_recent(assessment):
    ordered = content.sorted_findings(assessment.findings)
    rank = {"info": 0, "caution": 1, "high": 2}
    keys = [(-rank[s], -d.value) for s, d in zip(ordered["severity"], ordered["date"])]
    assert keys == sorted(keys)
    assert len(ordered) == len(assessment.findings)


@pytest.mark.parametrize("value, unit, shown", [
    (69.23, "%", "69 %"), (1.4634, "ratio", "1.46 ratio"), (74.6, "pp", "75 pp"),
    (2250.0, "m", "2250 m"), (12.5, "km", "12.5 km"), (float("nan"), "%", "–")])
def test_measures_keep_their_unit(value, unit, shown):
    assert units.format_measure(value, unit, "km") == shown


def test_distances_and_climbs_in_miles():
    assert units.format_distance(16093.44, "mi") == "10.0 mi"
    assert units.format_climb(304.8, "mi") == "1000 ft"
    assert units.format_measure(16.09344, "km", "mi") == "10.0 mi"
    with pytest.raises(ConfigError):
        units.format_distance(1000.0, "furlong")


def test_file_warnings_are_grouped_by_kind_with_how_often_and_where():
    rows = [(f"runs/{i}.gpx", "gpx", "read", "", 1, "no local time offset in the file; "
             f"sport taken from the track name 'Run {i}'") for i in range(150)]
    rows += [("runs/log.csv", "csv", "read", "", 40, "; ".join(
        f"activity at 2014-07-{d:02d} 06:53 UTC is the same session as runs/{d}.gpx" for d in range(1, 4))),
        ("runs/a.fit", "fit", "read", "", 1, "cadence unit guessed: Garmin values (median 91)"),
        ("runs/b.fit", "fit", "read", "", 1, "cadence unit guessed: Garmin values (median 91)"),
        ("runs/c.fit", "fit", "duplicate", "is the same session as runs/a.fit", 0, "a duplicate's own warning")]
    result = ReadResult(pd.DataFrame(), pd.DataFrame(rows, columns=FILE_COLUMNS))
    table = content.file_warnings(result)
    assert table.headers == ["Warning", "How often", "Files"]
    assert table.rows == [
        ["no local time offset in the file", "150 files", "runs/0.gpx, runs/1.gpx, runs/2.gpx and 147 more (files.csv lists them)"],
        ["sport taken from the track name …", "150 files", "runs/0.gpx, runs/1.gpx, runs/2.gpx and 147 more (files.csv lists them)"],
        ["cadence unit guessed: Garmin values (median 91)", "2 files", "runs/a.fit, runs/b.fit"],
        ["activity at … UTC is the same session as …", "3 times in runs/log.csv", "runs/log.csv"],
    ]
    assert content.file_warnings_summary(result) == (
        "Warnings from the files: 4 kinds in 153 files (files.csv lists every file's own)")
    assert content.file_problems_summary(result) == "Files not counted: 1 (1 duplicate)"


def test_file_problems_summary_says_how_many_failed():
    rows = [("a.gpx", "gpx", "failed", "not XML", 0, ""), ("b.gpx", "gpx", "failed", "empty", 0, ""),
            ("c.gpx", "gpx", "skipped", "no track points", 0, ""), ("d.gpx", "gpx", "read", "", 1, "")]
    result = ReadResult(pd.DataFrame(), pd.DataFrame(rows, columns=FILE_COLUMNS))
    assert content.file_problems_summary(result) == "Files not counted: 3 (1 skipped, 2 failed)"


def _pain_log(scores: dict[int, float]) -> list[dict]:
    """The generated log with back pain on chosen weeks' long runs (Sundays), none elsewhere."""
    from report_fixtures import FIRST_MONDAY, log_rows
    rows = [{k: v for k, v in row.items() if k != "back_pain"} for row in log_rows()]
    for week, score in scores.items():
        sunday = FIRST_MONDAY + pd.Timedelta(weeks=week, days=6)
        next(r for r in rows if r["date"] == sunday)["back_pain"] = score
    return rows


def _assess(rows):
    from report_fixtures import TODAY

    from riskcheck.assess import assess
    from riskcheck.load.from_log import activities_from_log
    return assess(activities_from_log(rows), today=TODAY)


def test_pain_history_gives_the_stretches_of_the_last_28_days_and_the_weeks():
    # 5/10 on the Sundays 2025-03-02 and 2025-03-09 (one stretch that began before the 28 days),
    # 2/10 on 2025-03-23 (a note), 7/10 on 2025-03-30 (a stretch of its own: 21 days after the first)
    lines = content.pain_history(_assess(_pain_log({7: 5.0, 8: 5.0, 10: 2.0, 11: 7.0})))
    assert lines[0] == "Back pain logged in the 28 days from 2025-03-03 to 2025-03-30: up to 7/10 (on 2025-03-30)."
    assert lines[1:4] == [
        "2025-03-02 to 2025-03-09: up to 5/10 on 2 days (began before these days); a caution alert.",
        "2025-03-23: up to 2/10 on 1 day; a note (below 4/10).",
        "2025-03-30: up to 7/10 on 1 day; a high alert."]
    assert lines[4] == ("Highest back pain by week: week of 2025-03-03: 5/10, week of 2025-03-10: none logged, "
                        "week of 2025-03-17: 2/10, week of 2025-03-24: 7/10.")
    assert lines[5] == ("Latest pain episode: back pain from 2025-03-30 (an episode: back pain of 4/10 or more, "
                        "or an injury, after 14 days without either).")


def test_pain_history_without_recent_pain_or_without_any():
    older = content.pain_history(_assess(_pain_log({2: 6.0})))
    assert older[:2] == ["No back pain logged in the 28 days from 2025-03-03 to 2025-03-30.",
                         "Back pain last logged: up to 6/10 on 2025-01-26."]
    assert content.pain_history(_assess(_pain_log({}))) == [content.NO_PAIN_LOGGED]


def test_weekly_headers_give_every_unit(assessment):
    headers = content.weekly_headers(assessment)
    assert "Load (km)" in headers and "Strain (load × monotony, km)" in headers
    assert "Strength and yoga/Pilates (sessions)" in headers and "Monotony (mean/SD of daily load)" in headers
    row = content.weekly_table(assessment, "mi").rows[-1]
    shown = dict(zip(headers, row))
    assert shown["Distance"].endswith(" mi") and shown["Climb"].endswith(" ft") and shown["Cadence"].endswith(" spm")
    assert shown["Back pain"] == "4/10"
