"""Outputs that must not attack whoever opens them, and must survive what they print: formulas in
CSV cells (D11), terminal escape sequences (D12), and file names that are not UTF-8, which once
left report.html empty (D5)."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from riskcheck.cli.main import cli
from riskcheck.output.files import write_atomically
from riskcheck.output.spreadsheet import FORMULA_STARTS, csv_text
from riskcheck.output.terminal import printable

HEADER = "date,distance_km,duration,sport,shoe,notes\n"


def _log(folder: Path, rows: list[tuple[str, str]], name: str = "log.csv") -> Path:
    """A simple log of one run a day, each with the given (shoe, notes)."""
    folder.mkdir(parents=True, exist_ok=True)
    body = io.StringIO()
    writer = csv.writer(body)
    for day, (shoe, notes) in enumerate(rows, start=1):
        writer.writerow([f"2025-03-{day:02d}", 5 + day % 3, "0:30:00", "run", shoe, notes])
    path = folder / name
    path.write_text(HEADER + body.getvalue(), encoding="utf-8")
    return path


FORMULAS = ["=HYPERLINK(\"http://x.example\",\"click\")", "+1+2", "-2+3", "@SUM(A1:A2)", "\tcmd", "\r=1+1",
            "=cmd|' /C calc'!A0"]


def test_csv_outputs_neutralise_formulas_and_keep_numbers(tmp_path):
    _log(tmp_path / "runs", [(payload, payload) for payload in FORMULAS] + [("-8", "-8.5"), ("Ghost 15", "easy")])
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "runs"), "-o", str(tmp_path / "out"), "--no-store"])
    assert result.exit_code in (0, 1), result.output
    for table, columns in (("activities.csv", ("shoe", "notes")), ("findings.csv", ("message",))):
        with open(tmp_path / "out" / table, newline="", encoding="utf-8") as fh:
            cells = [row[c] for row in csv.DictReader(fh) for c in columns]
        assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in cells), table
        assert not any(cell.startswith("-") and cell not in ("-8", "-8.5") for cell in cells), table
    # the reader strips the cells ('\tcmd' is read as 'cmd'); what is left is written quoted
    with open(tmp_path / "out" / "activities.csv", newline="", encoding="utf-8") as fh:
        shoes = [row["shoe"] for row in csv.DictReader(fh)]
    read = [payload.strip() for payload in FORMULAS]
    assert {"'" + cell if cell.startswith(FORMULA_STARTS) else cell for cell in read} <= set(shoes)
    assert "-8" in shoes  # numbers stay numbers


def test_csv_text_leaves_numbers_and_plain_text_alone():
    frame = pd.DataFrame({"a": ["=1", "-1.5", "x", None], "n": [1.0, -2.0, 3.0, 4.0]})
    assert csv_text(frame, index=False).splitlines() == ["a,n", "'=1,1.0", "-1.5,-2.0", "x,3.0", ",4.0"]


ESCAPES = ["\x1b]52;c;ZXZpbA==\x07", "\x1b[2J\x1b[H", "ok\rhidden", "\x9b31m", "\x00\x08\x7f"]


@pytest.mark.parametrize("fmt", ["text", "markdown", "csv", "html"])
def test_nothing_a_terminal_acts_on_is_printed(tmp_path, fmt):
    folder = tmp_path / "runs"
    for i, payload in enumerate(ESCAPES):  # in cells and in file names
        _log(folder, [(f"shoe{payload}", f"note{payload}")] * 3, name=f"log{i}{payload[-2:]}.csv")
    result = CliRunner().invoke(cli, ["check", str(folder), "--no-store", "-f", fmt])
    assert result.exit_code in (0, 1), result.output
    printed = result.stdout + result.stderr
    assert not any(ch in printed for ch in "\x1b\x07\x00\x08\x7f\x9b\r")


def test_printable_shows_controls_as_escapes_and_keeps_lines():
    assert printable("a\x1b[2Jb\tc\nd\x9b") == "a\\x1b[2Jb\tc\nd\\x9b"


@pytest.mark.skipif(os.name != "posix", reason="file names as bytes are a POSIX matter")
@pytest.mark.parametrize("raw_name", [b"J\xf6rg.csv", b"\xff\xfe caf\xe9 " * 20 + b".csv"])
def test_a_file_name_that_is_not_utf8_is_shown_escaped_and_the_report_written(tmp_path, raw_name):
    folder = tmp_path / "runs"
    good = _log(folder, [("Ghost", "easy")] * 4)
    os.rename(good, os.path.join(os.fsencode(folder), raw_name))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["check", str(folder), "-o", str(out), "--no-store"])
    assert result.exit_code == 0, result.output
    for name in ("report.html", "report.md", "check.json", "files.csv", "activities.csv"):
        text = (out / name).read_bytes().decode("utf-8")  # valid UTF-8 throughout
        assert text
    shown = "runs/" + "".join(chr(b) if b < 0x80 else f"\\x{b:02x}" for b in raw_name)  # as ls -b shows it
    for name in ("files.csv", "report.html"):
        assert shown in (out / name).read_text(encoding="utf-8"), name
    # JSON keeps the name exactly: its undecodable bytes as \\udcXX escapes, read back as Python had them
    paths = [f["path"] for f in json.loads((out / "check.json").read_text(encoding="utf-8"))["files"]]
    assert os.fsencode(paths[0]).endswith(raw_name)
    printed = CliRunner().invoke(cli, ["check", str(folder), "--no-store", "-f", "json"])
    assert os.fsencode(json.loads(printed.stdout)["files"][0]["path"]).endswith(raw_name)


def test_a_failed_write_leaves_the_earlier_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "report.html"
    write_atomically(path, "last week")

    def disk_full(*args):
        raise OSError("disk full")

    monkeypatch.setattr("riskcheck.output.files.os.replace", disk_full)
    with pytest.raises(OSError):
        write_atomically(path, "this week")
    monkeypatch.undo()
    assert path.read_text() == "last week"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary left behind
    assert oct(path.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_file_that_is_no_table_shows_only_short_names_in_its_refusal(tmp_path):
    import riskcheck

    secret = "Dear Dr Smith, my back pain started after the marathon and " * 20
    (tmp_path / "letter.csv").write_text(secret + "\n" + "second line, more private text\n", encoding="utf-8")
    (tmp_path / "wide.csv").write_text(",".join(f"col{i}" for i in range(40)) + "\n" + ",".join("1" * 40) + "\n")
    files = riskcheck.read(tmp_path, workers=1).files.set_index("path")["reason"]
    letter = files[str(tmp_path / "letter.csv")]
    assert "unrecognised CSV layout: its first line is no header" in letter and "Dear" not in letter
    wide = files[str(tmp_path / "wide.csv")]
    assert "col14" in wide and "col15" not in wide and "25 more" in wide
