"""Files beside the activities in an export (notes, measurement logs, photos, web pages) are
skipped with a reason naming what they are, never failed; photos are not even opened."""

from __future__ import annotations

import pytest

from riskcheck.ingest.one_file import read_bytes
from riskcheck.ingest.read import read
from riskcheck.ingest.sources import iter_sources
from riskcheck.readers.base import ReadOptions

OPTIONS = ReadOptions()

NOT_ACTIVITIES = [
    # (name, text, words the reason must hold)
    ("measurements.csv", "Date,Type,Value\n2014-06-03 00:00:00,weight,80.7394\n", "measurement"),
    ("weight.csv", "Time,Weight,Change,BMI,Body Fat\n2024-01-02,71.2 kg,0.1,22.1,18\n", "weight"),
    ("body.csv", "date,weight_kg,bmi\n2024-01-02,71.2,22.1\n", "body composition"),
    ("sleep.csv", "Start Time,End Time,Minutes Asleep\n2024-01-02 23:10,2024-01-03 06:40,410\n", "sleep"),
    ("shoes.csv", "Shoe Name,Shoe Brand,Shoe Model\nDaily,Acme,Cloud 3\n", "gear"),
    ("notes.txt", "Remember to buy new shoes.\nKnee felt sore after long run, rest two days.\n", "text file"),
    ("one line.txt", "Marathon plan starts in March", "text file"),
    ("odd quote.txt", 'He said "go\nslow, then\n', "text file"),
]


@pytest.mark.parametrize("name,text,words", NOT_ACTIVITIES, ids=[n for n, _, _ in NOT_ACTIVITIES])
def test_non_activity_text_is_skipped_with_what_it_is(name, text, words):
    outcome = read_bytes(name, text.encode(), OPTIONS).outcome
    assert outcome.status == "skipped", outcome.reason
    assert words in outcome.reason


def test_a_runners_log_with_a_weight_column_is_still_read():
    text = "date,distance_km,duration,weight,bmi\n2024-01-02,10,50:00,71,22\n"
    result = read_bytes("log.csv", text.encode(), OPTIONS)
    assert result.outcome.status == "read" and len(result.rows) == 1


def test_a_log_kept_as_txt_is_still_read():
    text = "date,distance_km,duration\n2024-01-02,10,50:00\n"
    assert read_bytes("log.txt", text.encode(), OPTIONS).outcome.status == "read"


def test_unknown_csv_columns_still_fail():
    """A .csv with columns riskcheck does not know may be a log wanting a column map."""
    outcome = read_bytes("mine.csv", b"when,how far,how long\n2024-01-02,10,50:00\n", OPTIONS).outcome
    assert outcome.status == "failed" and "map" in outcome.reason


@pytest.mark.parametrize("name,kind", [
    ("photo.JPG", "image"), ("map.png", "image"), ("plan.pdf", "PDF"), ("index.html", "web page"),
    ("summary.json", "JSON"), ("clip.mp4", "video"), ("route.kml", "route"), ("x.jpg.gz", "image"),
])
def test_files_known_by_name_are_skipped(name, kind):
    outcome = read_bytes(name, b"\x89PNG\r\n\x1a\n....", OPTIONS).outcome
    assert outcome.status == "skipped" and kind in outcome.reason


def test_a_folder_of_photos_and_notes_costs_nothing(tmp_path):
    """Photos are skipped by name before a byte is read; notes are skipped, not failed."""
    folder = tmp_path / "export"
    folder.mkdir()
    for i in range(5):
        (folder / f"photo{i}.jpg").write_bytes(b"\xff\xd8" + b"\0" * 1000)
    (folder / "readme.txt").write_text("Exported from my phone.\n")
    (folder / "measurements.csv").write_text("Date,Type,Value\n2014-06-03 00:00:00,weight,80.7\n")
    (folder / "log.csv").write_text("date,distance_km,duration\n2024-01-02,10,50:00\n")
    photos = [s for s in iter_sources([folder]) if s.name.endswith(".jpg")]
    assert len(photos) == 5 and all(s.skip_reason.startswith("an image") for s in photos)
    result = read(folder)
    assert len(result.activities) == 1
    assert not (result.problems["status"] == "failed").any(), result.problems
