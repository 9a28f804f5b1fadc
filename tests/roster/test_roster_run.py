"""check_roster on a generated roster of 20 athletes x a year: the ranking agrees with checking
each athlete alone; the store spares a second run all reading; a killed run resumes to the
same result; a Dask cluster gives the local result; broken athletes are listed, not fatal."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date

import pandas as pd
import pytest

import riskcheck
from riskcheck.ingest import parallel
from riskcheck.ingest.store import STORE_FILE, Store
from riskcheck.roster import check_roster
from riskcheck.cluster import dask_executor
from riskcheck.roster.rank import NOT_CHECKED, ROSTER_COLUMNS
from riskcheck.roster.sample import AS_OF, TZ

SEVERITY_POINTS = {"info": 0.0, "caution": 1.0, "high": 2.0}   # riskcheck.assess.status's scoring
EVIDENCE_WEIGHT = {"weak": 1.0, "moderate": 1.5, "strong": 2.0, "logged": 2.0}
LEVEL = {"low": 0, "moderate": 1, "high": 2}


def _same_results(a, b) -> None:
    pd.testing.assert_frame_equal(a.table, b.table)
    assert list(a.athletes) == list(b.athletes)
    for name, check in a.athletes.items():
        other = b.athletes[name]
        pd.testing.assert_frame_equal(check.read.activities, other.read.activities)
        pd.testing.assert_frame_equal(check.result.assessment.findings, other.result.assessment.findings)
        assert check.result.assessment.status == other.result.assessment.status
        assert check.result.assessment.guidance == other.result.assessment.guidance


def test_every_athlete_checked_with_every_status(local_run, sample_roster):
    table = local_run.table
    athletes = sorted(p.name for p in sample_roster.iterdir())
    assert sorted(table["athlete"]) == athletes and len(athletes) >= 20
    assert list(table.columns) == ROSTER_COLUMNS
    assert set(table["status"]) == {"high", "moderate", "low"}
    assert (table["files_failed"] == 0).all() and (table["activities"] > 150).all()
    assert table["rank"].tolist() == list(range(1, len(athletes) + 1))


def test_ranking_matches_per_athlete_checks(local_run, sample_roster):
    expected = []
    for name in local_run.athletes:
        alone = riskcheck.check(sample_roster / name, athlete=name, tz=TZ, date_to=AS_OF)
        a = alone.assessment
        mine = local_run.athletes[name].result
        pd.testing.assert_frame_equal(mine.activities, alone.activities)
        assert mine.assessment.status == a.status
        assert mine.assessment.guidance == a.guidance
        # the current alerts: episodes at caution or high, on their own, ending in the 7 days up to as_of
        e = a.episodes
        alerts = e[(e["last_day"] > pd.Timestamp(a.status.as_of) - pd.Timedelta(days=7)) & e["alert"]]
        assert alerts["severity"].isin(["caution", "high"]).all() and (alerts["part_of"] == "").all()
        score = sum(SEVERITY_POINTS[x.severity] * EVIDENCE_WEIGHT[x.evidence] for x in alerts.itertuples())
        highs, cautions = (alerts["severity"] == "high").sum(), (alerts["severity"] == "caution").sum()
        expected.append((-LEVEL[a.status.level], -score, -highs, -cautions, name))
        row = local_run.table.set_index("athlete").loc[name]
        assert row["status"] == a.status.level and row["score"] == pytest.approx(score)
        assert (row["high_alerts"], row["caution_alerts"]) == (highs, cautions)
        assert row["top_reason"] == a.status.reasons[0]
        assert row["max_distance_m"] == pytest.approx(a.guidance.max_distance_m)
        assert row["max_long_run_m"] == pytest.approx(a.guidance.max_long_run_m)
    assert local_run.table["athlete"].tolist() == [e[-1] for e in sorted(expected)]


def test_trend_follows_the_weekly_statuses(local_run):
    for name, check in local_run.athletes.items():
        a = check.result.assessment
        before = a.weekly["status"].iloc[-4:-1].map(LEVEL).max()  # the three weeks before the last
        now = LEVEL[a.status.level]
        trend = local_run.table.set_index("athlete").loc[name, "trend"]
        assert trend == ("rising" if now > before else "falling" if now < before else "steady"), name


def test_second_run_reads_nothing_new(local_run, sample_roster, store_dir, monkeypatch):
    files = sum(1 for p in sample_roster.rglob("*") if p.is_file())
    with Store(store_dir) as store:
        assert len(store) == files

    def must_not_parse(name, *_):
        raise AssertionError(f"{name} parsed again although unchanged")

    monkeypatch.setattr(parallel, "read_bytes", must_not_parse)
    again = check_roster(sample_roster, tz=TZ, workers=1, store=store_dir, date_to=AS_OF)
    _same_results(local_run, again)


def test_dask_cluster_gives_the_local_result(local_run, sample_roster):
    with dask_executor(local_workers=2) as (executor, threads):
        assert threads == 2
        on_dask = check_roster(sample_roster, tz=TZ, workers=threads, executor=executor, date_to=AS_OF)
    _same_results(local_run, on_dask)


def _roster_cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from riskcheck.cli import main; main()", "roster", *args]


def _comparable(output: str) -> dict:
    data = json.loads(output)
    data.pop("generated_at")
    return data


def _stored(db) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=30) as con:
            return con.execute("SELECT COUNT(*) FROM files").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_killed_run_resumes_to_the_clean_result(sample_roster, tmp_path):
    files = sum(1 for p in sample_roster.rglob("*") if p.is_file())
    store = tmp_path / "store"
    args = (str(sample_roster), "--tz", TZ, "--to", str(AS_OF), "--format", "json", "--workers", "1", "--quiet")
    proc = subprocess.Popen(_roster_cli(*args, "--store", str(store)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db = store / STORE_FILE
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:  # kill once some, not all, are stored
        if _stored(db) >= files // 4:
            break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = con.execute("SELECT COUNT(*) FROM files").fetchone()[0]
    assert files // 4 <= stored < files

    resumed = subprocess.run(_roster_cli(*args, "--store", str(store)), capture_output=True, text=True, check=True)
    clean = subprocess.run(_roster_cli(*args, "--no-store"), capture_output=True, text=True, check=True)
    assert _comparable(resumed.stdout) == _comparable(clean.stdout)
    with Store(store) as s:  # every file stored now (more keys if the reader code changed meanwhile)
        assert len(s) >= files


def test_broken_file_and_empty_folder_are_listed_with_reasons(small_roster):
    result = check_roster(small_roster, tz=TZ, workers=1, date_to=AS_OF)
    table = result.table.set_index("athlete")
    assert table.loc["empty", "status"] == NOT_CHECKED
    assert table.loc["empty", "problem"] == f"no files found in {small_roster / 'empty'}"
    assert table.loc["ann", "status"] == "low" and table.loc["ann", "files_failed"] == 1
    broken = result.athletes["ann"].read.problems
    assert broken["path"].str.endswith("2025-06-09-07-00-00.fit").tolist() == [True]
    assert broken["reason"].iloc[0]
    assert result.table["athlete"].tolist() == ["ben", "dev", "ann", "empty"]  # the unchecked last
    assert result.ignored == [f"{small_roster / 'README.md'}: not an activity file or athlete folder"]


def test_athlete_whose_files_all_fail_is_listed_with_the_reasons(small_roster):
    for path in (small_roster / "dev").iterdir():
        path.write_bytes(b"\x0e\x10broken" if path.suffix == ".fit" else b"<gpx><trk>")
    (small_roster / "dev" / "training_log.csv").write_text("when,what\nyesterday,a run\n")
    result = check_roster(small_roster, tz=TZ, workers=1, date_to=AS_OF)
    row = result.table.set_index("athlete").loc["dev"]
    assert row["status"] == NOT_CHECKED
    assert row["problem"].startswith("no activity could be read from 5 file(s): ")
    assert row["files"] == 5
    assert set(result.table["status"]) == {"high", "low", NOT_CHECKED}  # ben and ann still checked


def test_an_assessment_that_fails_costs_that_athlete_only(small_roster, monkeypatch):
    from riskcheck.roster import run

    real = run.assess_read

    def fails_for_dev(activities, config, athlete, *rest):
        if athlete == "dev":
            raise ValueError("a bug in a rule")
        return real(activities, config, athlete, *rest)

    monkeypatch.setattr(run, "assess_read", fails_for_dev)
    result = check_roster(small_roster, tz=TZ, workers=1, date_to=AS_OF)
    row = result.table.set_index("athlete").loc["dev"]
    assert (row["status"], row["problem"]) == (NOT_CHECKED, "could not be assessed: ValueError: a bug in a rule")
    assert result.athletes["dev"].result is None and result.athletes["ben"].result is not None


def test_back_pain_of_the_last_week_comes_from_the_log_and_the_diary(tmp_path):
    # ann's log notes no pain; her diary notes 5/10 three days before her last run and 2/10 a
    # fortnight before it (outside the week); bo has neither
    for name in ("ann", "bo"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "log.csv").write_text(
            "date,distance_km,duration_min\n2025-03-01,5,30\n2025-03-05,6,36\n2025-03-10,5,30\n", encoding="utf-8")
    (tmp_path / "ann" / "diary.csv").write_text(
        "date,back_pain\n2025-02-24,2\n2025-03-07,5\n", encoding="utf-8")
    table = check_roster(tmp_path, store=None, date_to=date(2025, 3, 10)).table.set_index("athlete")
    assert table.loc["ann", "back_pain_7d"] == 5.0
    assert pd.isna(table.loc["bo", "back_pain_7d"])
