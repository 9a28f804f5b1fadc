"""Fixtures for the report layer: an assessment of a generated twelve-week log and a real
ReadResult from a folder that holds a read file, its duplicate, a skipped and a failed file."""

from __future__ import annotations

import shutil
import zipfile

import pytest
from contract_fixture import contract_assessment
from report_fixtures import HOSTILE_FILE, HOSTILE_NAME

from riskcheck.ingest import read


@pytest.fixture(scope="session")
def assessment():
    return contract_assessment()


@pytest.fixture(scope="session")
def read_result(corpus, tmp_path_factory):
    """riskcheck.ingest.read over real files: one run read, the same run again (duplicate),
    a GPX without track points (skipped), and damaged files named to inject markup (failed)."""
    folder = tmp_path_factory.mktemp("export")
    run = corpus / "gpx" / "corriporai_runpandas__strava_export.gpx"
    shutil.copy(run, folder / "run.gpx")
    shutil.copy(run, folder / "run again.gpx")
    shutil.copy(corpus / "gpx" / "GoldenCheetah_GoldenCheetah__MetadataOnly.gpx", folder / "route.gpx")
    (folder / HOSTILE_FILE).write_text("not a gpx file")
    with zipfile.ZipFile(folder / "export.zip", "w") as archive:
        archive.writestr(f"{HOSTILE_NAME}.gpx", "not a gpx file either")
    return read(folder)
