"""`riskcheck diary add`: rows validated, appended under a lock and never lost; one-line
errors that name the file; --replace keeps the other rows byte for byte."""

from __future__ import annotations

import multiprocessing
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from riskcheck.cli.main import cli
from riskcheck.diary.format import read_diary

HEADER = "date,back_pain,other_pain,injury,days_lost,note\n"


def _add(path, *args):
    return CliRunner().invoke(cli, ["diary", "add", *args, "--file", str(path)])


def _one_line_error(result, path, *words):
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {path}: "), result.stderr
    for word in words:
        assert word in lines[0]


def test_the_first_add_creates_the_diary_with_its_header(tmp_path):
    path = tmp_path / "diary.csv"
    result = _add(path, "2025-03-04", "3", "--other-pain", "2.5", "--injury", "--days-lost", "2",
                  "--note", 'sore, "really"')
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{path}: created 2025-03-04 (back pain 3)\n"
    assert path.read_text(encoding="utf-8") == HEADER + '2025-03-04,3,2.5,yes,2,"sore, ""really"""\n'
    rows, warnings = read_diary(path.read_bytes(), "d")
    assert warnings == [] and rows[0]["note"] == 'sore, "really"'


def test_the_default_file_is_diary_csv_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(cli, ["diary", "add", "2025-03-04", "1"]).exit_code == 0
    assert (tmp_path / "diary.csv").read_text(encoding="utf-8").startswith(HEADER)
    assert "diary.csv in the current folder" in CliRunner().invoke(cli, ["diary", "add", "--help"]).stdout


@pytest.mark.parametrize("args, words", [
    (("2025-3-4", "3"), ["'2025-3-4' is not YYYY-MM-DD"]),
    (("04.03.2025", "3"), ["not YYYY-MM-DD"]),
    (((date.today() + timedelta(days=1)).isoformat(), "3"), ["in the future"]),
    (("2025-03-04", "11"), ["SCORE 11 is outside 0-10"]),
    (("2025-03-04", "10.5"), ["outside 0-10"]),
    (("2025-03-04", "bad"), ["'bad' is not a number"]),
    (("2025-03-04", "3", "--other-pain", "12"), ["--other-pain 12 is outside 0-10"]),
    (("2025-03-01", "3"), ["already has a row for 2025-03-01 (line 2)", "--replace"]),
])
def test_a_bad_value_is_a_one_line_error_and_no_row_is_lost(tmp_path, args, words):
    path = tmp_path / "diary.csv"
    before = HEADER + "2025-03-01,2,,no,,kept\n"
    path.write_text(before, encoding="utf-8")
    _one_line_error(_add(path, *args), path, *words)
    assert path.read_text(encoding="utf-8") == before


def test_negative_days_lost_is_refused_in_one_line(tmp_path):
    result = _add(tmp_path / "diary.csv", "2025-03-04", "3", "--days-lost", "-1")
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "diary.csv").exists()


@pytest.mark.parametrize("content, problem", [
    (b"date,distance_km,duration\n2025-03-01,8,45:00\n", "not a diary"),
    (b"\x00\x01\x02PK junk" * 20, "binary data"),
    (b"date,back_pain\n2025-03-01,\xff3\n", "not UTF-8"),
    (HEADER.encode() + b"2025-03-01,2,,no,,\n2025-03-0", "the last line is cut short"),
    (HEADER.encode() + b'2025-03-01,2,,no,,"open quote\n', "cut short"),
])
def test_a_damaged_diary_is_named_and_left_untouched(tmp_path, content, problem):
    path = tmp_path / "pain.csv"
    path.write_bytes(content)
    _one_line_error(_add(path, "2025-03-04", "3"), path, problem)
    assert path.read_bytes() == content


def test_a_complete_last_row_without_its_newline_gets_one(tmp_path):
    path = tmp_path / "diary.csv"
    path.write_bytes(HEADER.encode() + b"2025-03-01,2,,no,,")
    assert _add(path, "2025-03-04", "3").exit_code == 0
    assert path.read_text(encoding="utf-8") == HEADER + "2025-03-01,2,,no,,\n2025-03-04,3,,no,,\n"


def test_replace_changes_one_day_and_keeps_every_other_row_byte_for_byte(tmp_path):
    path = tmp_path / "diary.csv"
    # Hand-edited rows the writer would never produce: spaces, CRLF, quotes, a note over two lines.
    original = (b"\xef\xbb\xbfdate,back_pain,other_pain,injury,days_lost,note\r\n"
                b"2025-03-01, 2 ,,ja,,\"first\r\nday\"\r\n"
                b"2025-03-02,4,,no,,old\r\n"
                b"2025-03-03,1,,,,\"k\xc3\xa9pt\"\r\n")
    path.write_bytes(original)
    result = _add(path, "2025-03-02", "6", "--note", "new", "--replace")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{path}: replaced 2025-03-02 (back pain 6)\n"
    assert path.read_bytes() == original.replace(b"2025-03-02,4,,no,,old", b"2025-03-02,6,,no,,new")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".riskcheck-tmp")]


def test_replace_of_a_new_day_appends_it(tmp_path):
    path = tmp_path / "diary.csv"
    path.write_text(HEADER + "2025-03-01,2,,no,,\n", encoding="utf-8")
    assert _add(path, "2025-03-02", "5", "--replace").stdout.endswith("added 2025-03-02 (back pain 5)\n")


PROCESSES, EACH = 8, 25
FIRST_DAY = date(2024, 1, 1)
SHARED_DAY = "2023-12-31"  # every process tries it: the lock must let exactly one in


def _writer(path: str, number: int, start, codes) -> None:
    start.wait()
    codes.append(_add(path, SHARED_DAY, str(number % 11)).exit_code)
    for i in range(EACH):
        day = FIRST_DAY + timedelta(days=number * EACH + i)
        result = _add(path, day.isoformat(), str(i % 11), "--note", f"p{number} n{i}")
        codes.append(result.exit_code)


def test_concurrent_adds_keep_every_row_exactly_once(tmp_path):
    path = tmp_path / "diary.csv"  # not there yet: the creation races too
    context = multiprocessing.get_context("fork")  # the test's imports are inherited: fast
    start, codes = context.Barrier(PROCESSES), context.Manager().list()
    workers = [context.Process(target=_writer, args=(str(path), n, start, codes)) for n in range(PROCESSES)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)
    assert all(w.exitcode == 0 for w in workers)
    assert sorted(codes).count(0) == PROCESSES * EACH + 1 and sorted(codes).count(2) == PROCESSES - 1
    text = path.read_text(encoding="utf-8")
    assert text.startswith(HEADER) and text.count("date,back_pain") == 1
    rows, warnings = read_diary(text.encode(), "d", today=date(2025, 1, 1))
    assert warnings == []
    assert len(rows) == len(text.splitlines()) - 1 == PROCESSES * EACH + 1
    expected = {f"p{n} n{i}" for n in range(PROCESSES) for i in range(EACH)}
    assert {r["note"] for r in rows if r["note"]} == expected


def test_a_hand_made_diary_gets_its_cells_in_its_own_column_order(tmp_path):
    path = tmp_path / "pain.csv"
    path.write_text("Note;Date;Back_Pain\nok;2025-03-01;2\n", encoding="utf-8")
    assert _add(path, "2025-03-02", "4", "--note", "a; b").exit_code == 0
    assert path.read_text(encoding="utf-8") == 'Note;Date;Back_Pain\nok;2025-03-01;2\n"a; b";2025-03-02;4\n'
    before = path.read_bytes()
    _one_line_error(_add(path, "2025-03-03", "1", "--injury"), path, "has no injury column")
    assert path.read_bytes() == before
