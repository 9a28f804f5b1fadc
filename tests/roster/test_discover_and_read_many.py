"""Who is on a roster (folder and TOML rules), and read_many: one pool for every athlete,
each athlete's result the same as reading their paths alone."""

from __future__ import annotations

import pandas as pd
import pytest

import riskcheck
from riskcheck.errors import ConfigError
from riskcheck.ingest.many import read_many
from riskcheck.roster.discover import load_roster
from riskcheck.roster.sample import TZ


def _touch(path, data: bytes = b"x"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_folder_groups_subfolders_archives_and_loose_files(tmp_path):
    _touch(tmp_path / "ann" / "run.fit")
    _touch(tmp_path / "ann_extra.gpx")
    _touch(tmp_path / "ben.zip")
    _touch(tmp_path / "cara.csv")
    _touch(tmp_path / "cara_watch.fit.gz")
    _touch(tmp_path / "notes.txt")
    _touch(tmp_path / ".riskcheck-store" / "riskcheck-store.sqlite3")
    roster = load_roster(tmp_path)
    assert {e.athlete: sorted(p.name for p in e.paths) for e in roster.entries} == {
        "ann": ["ann", "ann_extra.gpx"], "ben": ["ben.zip"], "cara": ["cara.csv", "cara_watch.fit.gz"]}
    assert roster.ignored == [f"{tmp_path / 'notes.txt'}: not an activity file or athlete folder"]
    assert roster.config is None


def test_toml_roster_paths_tz_and_settings(tmp_path):
    roster_file = _touch(tmp_path / "club" / "roster.toml", (
        '[settings]\nmax_hr_bpm = 190\n'
        '[athletes."Ann Smith"]\npaths = ["ann/", "../exports/ann.zip"]\ntz = "Europe/Berlin"\nmax_hr_bpm = 182\n'
        '[athletes.Ben]\npaths = "ben.csv"\n').encode())
    roster = load_roster(roster_file)
    ann, ben = roster.entries
    assert (ann.athlete, ann.paths, ann.tz) == ("Ann Smith", [tmp_path / "club" / "ann/",
                                                              tmp_path / "club" / "../exports/ann.zip"], "Europe/Berlin")
    assert (ben.paths, ben.tz) == ([tmp_path / "club" / "ben.csv"], None)
    assert roster.config.for_athlete("Ann Smith").max_hr_bpm == 182
    assert roster.config.for_athlete("Ben").max_hr_bpm == 190


@pytest.mark.parametrize("text, message", [
    ("[settings]\nmax_hr_bpm = 190\n", "names no athletes"),
    ('[athletes.ann]\ntz = "Europe/Berlin"\n', "athletes.ann.paths"),
    ('[athletes.ann]\npaths = ["a/"]\ntz = "Mars/Olympus"\n', "unknown time zone"),
    ('[athletes.ann]\npaths = ["a/"]\n[athletes.ann.thresholds.RC99]\nx = 1\n', "unknown rule"),
    ("[athletes.ann\n", "not valid TOML"),
])
def test_toml_roster_mistakes_are_named(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message):
        load_roster(_touch(tmp_path / "roster.toml", text.encode()))


def test_read_many_equals_reading_each_group_alone(sample_roster):
    groups = {name: [sample_roster / name] for name in ("ann", "ben", "cara")}
    together = read_many(groups, tz=TZ, tz_by_group={"cara": "America/Denver"}, workers=2)
    assert list(together) == ["ann", "ben", "cara"]
    for name, paths in groups.items():
        alone = riskcheck.read(paths, athlete=name, tz="America/Denver" if name == "cara" else TZ, workers=1)
        pd.testing.assert_frame_equal(together[name].activities, alone.activities)
        pd.testing.assert_frame_equal(together[name].files, alone.files)
    # the zone reached Cara's diary: local times now read as Denver's
    assert not together["cara"].activities["start_time_utc"].equals(
        riskcheck.read(groups["cara"], athlete="cara", tz=TZ).activities["start_time_utc"])


def test_read_many_reports_progress_over_all_groups(sample_roster):
    seen = []
    groups = {name: [sample_roster / name] for name in ("ann", "ben")}
    read_many(groups, tz_by_group={"ben": TZ}, workers=1, progress=lambda done, total: seen.append((done, total)))
    total = sum(1 for name in groups for p in (sample_roster / name).iterdir())
    assert seen == [(i, total) for i in range(1, total + 1)]
