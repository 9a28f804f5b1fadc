"""Parallel reading gives exactly the serial result; the store spares unchanged files and
survives a run killed half-way."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from support import SAMPLE_DATA

import riskcheck
from riskcheck.ingest import parallel
from riskcheck.ingest.store import STORE_FILE, Store


# A mixed set of real files: FIT (with a chained and a damaged one), GPX, TCX and CSV lists.
SUBSET = [
    "fit/dtcooper_python-fitparse__activity-small-fenix2-run.fit",
    "fit/dtcooper_python-fitparse__garmin-fenix-5-run.fit",
    "fit/dtcooper_python-fitparse__activity-settings.fit",
    "fit/dtcooper_python-fitparse__activity-unexpected-eof.fit",
    "fit/dtcooper_python-fitparse__Settings.fit",
    "fit/GoldenCheetah_GoldenCheetah__10kUNLP2014-Garmin15.fit",
    "gpx/Runalyze_Runalyze__standard.gpx",
    "gpx/corriporai_runpandas__strava_export.gpx",
    "tcx/GoldenCheetah_GoldenCheetah__10kUNLP2014-Garmin15.tcx",
    "tcx/Runalyze_Runalyze__Runtastic.tcx",
    "csv/AhmedAldahshoury_StravaData__activities.csv",
    "csv/Runalyze_Runalyze__GarminConnect.csv",
]


@pytest.fixture(scope="module")
def subset(corpus) -> list[Path]:
    return [corpus / name for name in SUBSET]


def _same(a: riskcheck.ReadResult, b: riskcheck.ReadResult) -> None:
    pd.testing.assert_frame_equal(a.activities, b.activities)
    pd.testing.assert_frame_equal(a.files, b.files)


def test_parallel_equals_serial(subset):
    serial = riskcheck.read(subset, workers=1)
    parallel = riskcheck.read(subset, workers=2)
    _same(serial, parallel)
    assert serial.counts()["read"] >= 8


def test_store_second_run_reads_nothing_new(subset, tmp_path, monkeypatch):
    first = riskcheck.read(subset, workers=1, store=tmp_path)
    with Store(tmp_path) as s:
        assert len(s) == len(subset)

    def must_not_parse(name, *_):
        raise AssertionError(f"{name} parsed again although unchanged")

    monkeypatch.setattr(parallel, "read_bytes", must_not_parse)
    second = riskcheck.read(subset, workers=1, store=tmp_path)
    _same(first, second)


def test_store_serves_a_copy_in_another_folder_under_its_own_path(subset, tmp_path, monkeypatch):
    riskcheck.read(subset[:1], workers=1, store=tmp_path / "store")
    copy = tmp_path / "elsewhere" / subset[0].name
    copy.parent.mkdir()
    copy.write_bytes(subset[0].read_bytes())
    fresh = riskcheck.read([copy], workers=1)
    monkeypatch.setattr(parallel, "read_bytes", lambda name, *_: pytest.fail(f"{name} parsed again"))
    again = riskcheck.read([copy], workers=1, store=tmp_path / "store")
    assert again.activities["source_file"].tolist() == [str(copy)]
    _same(fresh, again)


@pytest.mark.parametrize("first, then", [("log.tsv", "log.csv"), ("a backup.old", "log.csv"),
                                         ("log.csv", "log.txt.bak"), ("run.fit", "run.gpx")])
def test_a_renamed_file_is_read_anew_because_its_name_decides_its_format(tmp_path, first, then):
    data = (SAMPLE_DATA / "runner" / "training_log.csv").read_bytes()
    folder = tmp_path / "runs"
    folder.mkdir()
    (folder / first).write_bytes(data)
    before = riskcheck.read(folder, workers=1, store=tmp_path / "store")
    (folder / first).rename(folder / then)
    after = riskcheck.read(folder, workers=1, store=tmp_path / "store")
    assert after.files[["status", "reason"]].values.tolist() == \
        riskcheck.read(folder, workers=1).files[["status", "reason"]].values.tolist()
    assert before.files["path"].tolist() == [str(folder / first)]


def test_the_key_covers_the_reading_options_and_the_ingest_code():
    from riskcheck.ingest.store import code_fingerprint, content_key
    from riskcheck.readers.base import ReadOptions

    keys = {content_key("a.csv", b"x", ReadOptions()), content_key("a.csv", b"x", ReadOptions(tz="Europe/Oslo")),
            content_key("a.csv", b"x", ReadOptions(csv_column_map={"Km": "distance_km"})),
            content_key("b.csv", b"x", ReadOptions()), content_key("a.csv", b"y", ReadOptions())}
    assert len(keys) == 5
    assert content_key("runs/a.csv", b"x", ReadOptions()) == content_key("zip!a.csv", b"x", ReadOptions())
    assert content_key("a.csv", b"x", ReadOptions(with_samples=True)) == content_key("a.csv", b"x", ReadOptions())
    code_fingerprint.cache_clear()
    assert code_fingerprint()  # the ingest package is hashed too (a read error would raise)


BAD_STORES = {
    "garbage": lambda path: path.write_bytes(b"not a database at all " * 100),
    "truncated": lambda path: path.write_bytes(path.read_bytes()[:1000]),
    "a folder in its place": lambda path: (path.unlink(), path.mkdir()),
    "another schema": lambda path: _sql(path, "DROP TABLE files; CREATE TABLE files (key TEXT, blob BLOB)"),
    "another version": lambda path: _sql(path, "PRAGMA user_version = 99"),
    "an outcome with an extra key": lambda path: _sql(
        path, "UPDATE files SET outcome = json_insert(outcome, '$.colour', 'red')"),
    "rows that are not JSON": lambda path: _sql(path, "UPDATE files SET rows = 'oops'"),
}


def _sql(path, statements: str) -> None:
    import sqlite3

    with sqlite3.connect(path) as db:
        db.executescript(statements)


@pytest.mark.parametrize("damage", list(BAD_STORES))
def test_an_unusable_store_never_stops_the_run(subset, tmp_path, damage):
    riskcheck.read(subset[:2], workers=1, store=tmp_path)
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"{STORE_FILE}{suffix}").unlink(missing_ok=True)
    BAD_STORES[damage](tmp_path / STORE_FILE)
    result = riskcheck.read(subset[:2], workers=1, store=tmp_path)
    _same(riskcheck.read(subset[:2], workers=1), result)
    if damage in ("an outcome with an extra key", "rows that are not JSON"):
        assert result.notes == []  # those entries are read anew and stored again
    else:
        assert len(result.notes) == 1 and "could not be used" in result.notes[0], result.notes
    again = riskcheck.read(subset[:2], workers=1, store=tmp_path)  # and the store works again
    assert again.notes == []
    with Store(tmp_path) as s:
        assert len(s) == 2


def test_a_store_that_cannot_be_made_is_bypassed_with_one_note(subset, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the store's folder should be")  # as a read-only place: no folder
    result = riskcheck.read(subset[:1], workers=1, store=blocker / "store")
    _same(riskcheck.read(subset[:1], workers=1), result)
    assert len(result.notes) == 1 and "every file was read anew" in result.notes[0], result.notes


def test_changed_time_zone_is_not_served_from_store(subset, tmp_path):
    utc = riskcheck.read(subset[-1:], workers=1, store=tmp_path)
    new_york = riskcheck.read(subset[-1:], workers=1, store=tmp_path, tz="America/New_York")
    assert not utc.activities["start_time_utc"].equals(new_york.activities["start_time_utc"])


def test_killed_run_leaves_a_usable_store(corpus, tmp_path):
    # The small FIT files: enough of them for a kill to land half-way, quick to read twice.
    files = sorted(f for f in (corpus / "fit").glob("*.fit") if f.stat().st_size < 100_000)
    script = (
        "import sys, riskcheck\n"
        "riskcheck.read(sys.argv[2:], workers=1, store=sys.argv[1])\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, str(tmp_path), *map(str, files)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db = tmp_path / STORE_FILE
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # wait until some, not all, files are stored
        if db.exists():
            with Store(tmp_path) as s:
                if 3 <= len(s) < len(files):
                    break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with Store(tmp_path) as s:
        stored_before = len(s)
    assert 3 <= stored_before < len(files)
    resumed = riskcheck.read(files, workers=1, store=tmp_path)
    fresh = riskcheck.read(files, workers=1)
    _same(fresh, resumed)
    with Store(tmp_path) as s:
        assert len(s) == len({f.read_bytes() for f in files})
