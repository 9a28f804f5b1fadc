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


def test_store_serves_renamed_file_under_its_new_name(subset, tmp_path):
    riskcheck.read(subset[:1], workers=1, store=tmp_path / "store")
    renamed = tmp_path / "renamed.fit"
    renamed.write_bytes(subset[0].read_bytes())
    again = riskcheck.read([renamed], workers=1, store=tmp_path / "store")
    assert again.activities["source_file"].tolist() == [str(renamed)]
    fresh = riskcheck.read([renamed], workers=1)
    _same(fresh, again)


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
