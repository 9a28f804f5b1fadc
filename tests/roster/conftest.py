"""A generated roster (20 athletes, a year each: a diary plus the last week's FIT and GPX
files), written once per test session, and its local check with a store, as of the sample's
last day (AS_OF: a roster is otherwise assessed as of today)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from riskcheck.roster import check_roster
from riskcheck.roster.sample import AS_OF, TZ, write_sample_roster

ATHLETES = 20


@pytest.fixture(scope="session")
def sample_roster(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("roster")
    write_sample_roster(folder, athletes=ATHLETES, weeks=52, device_weeks=1, workers=2)
    return folder


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("store")


@pytest.fixture(scope="session")
def local_run(sample_roster, store_dir):
    """The first run: every file parsed on two workers, the store filled."""
    return check_roster(sample_roster, tz=TZ, workers=2, store=store_dir, date_to=AS_OF)


@pytest.fixture()
def small_roster(sample_roster, tmp_path) -> Path:
    """Three athletes of the sample (ben high: a spike build; dev high: a spike episode on the
    way back from a break that goes on into the last week; ann low), a corrupt file in
    Ann's folder, an empty athlete folder and a README left in the roster folder."""
    for name in ("ann", "ben", "dev"):
        shutil.copytree(sample_roster / name, tmp_path / name)
    (tmp_path / "ann" / "2025-06-09-07-00-00.fit").write_bytes(b"\x0e\x10this is not a FIT file")
    (tmp_path / "empty").mkdir()
    (tmp_path / "README.md").write_text("notes for the coach\n")
    return tmp_path
