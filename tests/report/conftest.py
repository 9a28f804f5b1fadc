"""Fixtures for the report layer: an assessment of a generated twelve-week log and a real
ReadResult from a folder that holds a read file, its duplicate, a skipped and a failed file."""

from __future__ import annotations

import shutil
import zipfile

import pytest
from report_fixtures import HOSTILE_FILE, HOSTILE_NAME, TODAY, log_rows

from riskcheck.assess import assess
from riskcheck.ingest import read
from riskcheck.load.from_log import activities_from_log


@pytest.fixture(scope="session")
def assessment():
    return assess(activities_from_log(log_rows()), today=TODAY)


@pytest.fixture(scope="session")
def read_result(corpus, tmp_path_factory):
    """riskcheck.ingest.read over real files: one run read, the same run again (duplicate),
    a GPX without track points (skipped), damaged files named to inject markup (failed), and a
    diary whose distance column names no unit (read, with a warning)."""
    folder = tmp_path_factory.mktemp("export")
    run = corpus / "gpx" / "corriporai_runpandas__strava_export.gpx"
    shutil.copy(run, folder / "run.gpx")
    shutil.copy(run, folder / "run again.gpx")
    shutil.copy(corpus / "gpx" / "GoldenCheetah_GoldenCheetah__MetadataOnly.gpx", folder / "route.gpx")
    (folder / HOSTILE_FILE).write_text("not a gpx file")
    (folder / "diary.csv").write_text("date,distance,duration\n2019-01-01,5,0:30:00\n")
    with zipfile.ZipFile(folder / "export.zip", "w") as archive:
        archive.writestr(f"{HOSTILE_NAME}.gpx", "not a gpx file either")
    return read(folder)
