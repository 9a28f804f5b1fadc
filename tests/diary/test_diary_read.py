"""A diary among the activity files (a folder, a zip, a roster) becomes ReadResult.diary and its
back pain reaches the assessment; through the store and the worker pool alike."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import riskcheck
from riskcheck.cli.main import cli
from riskcheck.diary import DIARY_COLUMNS
from riskcheck.errors import ConfigError
from riskcheck.ingest.many import read_many
from riskcheck.ingest.sources import STORE_FILE
from riskcheck.roster.discover import _entry, load_roster

LOG = "date,distance_km,duration\n" + "".join(f"2025-03-{d:02d},8,45:00\n" for d in range(1, 15))
DIARY = ("date,back_pain,other_pain,injury,days_lost,note\n"
         "2025-03-10,5,,no,,stiff after the long run\n"
         "2025-03-11,6,,yes,1,\n"
         "2025-03-12,eleven,,,,\n")


def _folder(tmp_path, diary_name="pain.csv"):
    folder = tmp_path / "runs"
    folder.mkdir()
    (folder / "log.csv").write_text(LOG, encoding="utf-8")
    (folder / diary_name).write_text(DIARY, encoding="utf-8")
    return folder


def _zip(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("export/log.csv", LOG)
        zf.writestr("export/notes/my diary.txt", DIARY)
    path = tmp_path / "export.zip"
    path.write_bytes(buf.getvalue())
    return path


def _assert_diary_read(result, name_end):
    diary = result.diary
    assert list(diary.columns) == list(DIARY_COLUMNS)
    assert diary["date"].tolist() == [pd.Timestamp("2025-03-10"), pd.Timestamp("2025-03-11")]
    assert diary["back_pain"].tolist() == [5.0, 6.0] and diary["injury"].tolist() == [False, True]
    assert diary["source_file"].str.endswith(name_end).all()
    row = result.files[result.files["path"].str.endswith(name_end)].iloc[0]
    assert (row.format, row.status, row.reason) == ("diary", "read", "pain diary: 2 day(s)")
    assert "diary row on line 4 left out: back_pain 'eleven' is not a number" in row.warnings
    assert len(result.activities) == 14  # the log is read as before


@pytest.mark.parametrize("workers", [1, 2])
def test_a_diary_in_a_folder_is_read_beside_the_log(tmp_path, workers, monkeypatch):
    monkeypatch.setattr("riskcheck.ingest.parallel.MIN_FILES_FOR_WORKERS", 1)
    _assert_diary_read(riskcheck.read(_folder(tmp_path), workers=workers), "pain.csv")


def test_a_diary_in_a_zip_is_read_whatever_it_is_called(tmp_path):
    result = riskcheck.read(_zip(tmp_path), workers=1)
    _assert_diary_read(result, "export.zip!export/notes/my diary.txt")
    assert result.counts()["failed"] == 0


def test_the_store_serves_the_diary_rows_again(tmp_path):
    folder = _folder(tmp_path)
    first = riskcheck.read(folder, workers=1, store=tmp_path / "store")
    again = riskcheck.read(folder, workers=1, store=tmp_path / "store")
    pd.testing.assert_frame_equal(first.diary, again.diary)
    _assert_diary_read(again, "pain.csv")
    (tmp_path / "copy").mkdir()  # the same bytes elsewhere come from the store, relabelled
    (tmp_path / "copy" / "pain.csv").write_bytes((folder / "pain.csv").read_bytes())
    moved = riskcheck.read(tmp_path / "copy", workers=1, store=tmp_path / "store")
    assert moved.diary["source_file"].tolist() == [str(tmp_path / "copy" / "pain.csv")] * 2


def test_the_diarys_back_pain_reaches_the_assessment(tmp_path):
    result = riskcheck.check(_folder(tmp_path))
    episodes = result.assessment.episodes
    pain = episodes[episodes["rule_id"] == "PAIN"]
    assert len(pain) == 1
    assert pain.iloc[0]["first_day"] == pd.Timestamp("2025-03-10")
    assert pain.iloc[0]["last_day"] == pd.Timestamp("2025-03-11")


def test_without_a_diary_there_is_no_pain_episode(tmp_path):
    (tmp_path / "log.csv").write_text(LOG, encoding="utf-8")
    episodes = riskcheck.check(tmp_path / "log.csv").assessment.episodes
    assert episodes.empty or not (episodes["rule_id"] == "PAIN").any()


def test_a_diary_and_its_copy_in_a_backup_count_once(tmp_path):
    folder = _folder(tmp_path)
    with zipfile.ZipFile(folder / "backup.zip", "w") as zf:
        zf.writestr("pain.csv", DIARY.replace("2025-03-11,6", "2025-03-11,7"))
    result = riskcheck.read(folder, workers=1)
    assert len(result.diary) == 2
    assert any("differ on 2025-03-11" in note for note in result.notes)


def test_roster_athletes_get_their_own_diary(tmp_path):
    roster = tmp_path / "club"
    (roster / "ann").mkdir(parents=True)
    (roster / "ann" / "log.csv").write_text(LOG, encoding="utf-8")
    (roster / "ann" / "diary.csv").write_text(DIARY, encoding="utf-8")
    (roster / "ben").mkdir()
    (roster / "ben" / "log.csv").write_text(LOG, encoding="utf-8")
    (tmp_path / "diaries").mkdir()
    (tmp_path / "diaries" / "ben.csv").write_text(DIARY.replace(",5,", ",2,"), encoding="utf-8")
    (tmp_path / "roster.toml").write_text(
        '[athletes.ann]\npaths = ["club/ann"]\n'
        '[athletes.ben]\npaths = ["club/ben"]\ndiary = "diaries/ben.csv"\n', encoding="utf-8")
    (roster / "ann_diary.csv.riskcheck-lock").write_bytes(b"")  # a loose diary's lock: nobody's
    assert load_roster(roster).ignored == []
    for entries in (load_roster(roster).entries, load_roster(tmp_path / "roster.toml").entries):
        reads = read_many({e.athlete: e.paths for e in entries}, workers=1)
        assert reads["ann"].diary["athlete"].tolist() == ["ann", "ann"]
        assert reads["ann"].diary["back_pain"].tolist() == [5.0, 6.0]
    assert reads["ben"].diary["back_pain"].tolist() == [2.0, 6.0]


def test_a_roster_diary_must_name_files():
    with pytest.raises(ConfigError, match="diary"):
        _entry("ann", {"paths": ["a/"], "diary": 3}, Path("."))


def test_the_text_output_counts_the_diary_days(tmp_path):
    result = CliRunner().invoke(cli, ["check", str(_folder(tmp_path)), "--no-store"])
    assert "14 activities; pain diary: 2 day(s)." in result.stdout
    assert "Back pain logged" in result.stdout


def test_a_diary_saved_by_a_spreadsheet_as_utf16_with_semicolons_is_read(tmp_path):
    (tmp_path / "Pain.CSV").write_bytes("Date;Back_Pain;Note\r\n2025-03-10;3,5;ok\r\n".encode("utf-16"))
    result = riskcheck.read(tmp_path, workers=1)
    assert result.diary["back_pain"].tolist() == [3.5]


def test_a_store_of_the_previous_version_takes_the_diary_column(tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    db = sqlite3.connect(store / STORE_FILE)
    db.execute("CREATE TABLE files (key TEXT PRIMARY KEY, outcome TEXT NOT NULL, rows TEXT NOT NULL)")
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()
    folder = _folder(tmp_path)
    riskcheck.read(folder, workers=1, store=store)
    again = riskcheck.read(folder, workers=1, store=store)
    assert again.notes == [] and len(again.diary) == 2
    with sqlite3.connect(store / STORE_FILE) as db:
        assert db.execute("SELECT COUNT(*) FROM files WHERE diary != '[]'").fetchone()[0] == 1
