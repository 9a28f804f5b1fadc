"""Salvaged and failed files per athlete: a damaged file read in part counts as salvaged (read,
with the reader's damage warning, as files.csv shows it), a file not read at all as failed; both
in the ranked table, the CSV, the JSON, the text and index.html."""

from __future__ import annotations

import io
import json
import shutil

import lxml.html
import pandas as pd
from click.testing import CliRunner
from support import SAMPLE_DATA

from riskcheck.cli.main import cli
from riskcheck.report.roster import HEADERS
from riskcheck.roster import check_roster
from riskcheck.roster.rank import DAMAGE_WARNINGS, salvaged_files

FORMATS = SAMPLE_DATA / "formats"


def _cut(source, target, share: float = 2 / 3) -> None:
    data = source.read_bytes()
    target.write_bytes(data[: int(len(data) * share)])


def build(root, corpus):
    """ann: her log, a FIT and a GPX cut short (salvaged), one file that is not FIT at all
    (failed) and a real FIT file truncated in the wild (the corpus's nick.fit, salvaged);
    bo: his log only."""
    (root / "ann").mkdir(parents=True)
    (root / "bo").mkdir()
    shutil.copy(SAMPLE_DATA / "runner" / "training_log.csv", root / "ann" / "training_log.csv")
    shutil.copy(SAMPLE_DATA / "runner" / "training_log.csv", root / "bo" / "training_log.csv")
    _cut(FORMATS / "run.fit", root / "ann" / "cut.fit")
    _cut(FORMATS / "run.gpx", root / "ann" / "cut.gpx")
    (root / "ann" / "bad.fit").write_bytes(b"\x0e\x10broken")
    shutil.copy(corpus / "fit" / "dtcooper_python-fitparse__nick.fit", root / "ann" / "nick.fit")
    return root


def test_salvaged_and_failed_files_are_counted_per_athlete(tmp_path, corpus):
    roster = build(tmp_path / "athletes", corpus)
    result = check_roster(roster, store=None, workers=1)
    files = result.athletes["ann"].read.files.set_index(result.athletes["ann"].read.files["path"].map(
        lambda p: p.rsplit("/", 1)[-1]))
    # what files.csv says of each: the damaged ones read with the reader's damage warning
    assert files.loc["bad.fit", "status"] == "failed"
    for name in ("cut.fit", "cut.gpx", "nick.fit"):
        assert files.loc[name, "status"] == "read", name
        assert any(marker in files.loc[name, "warnings"] for marker in DAMAGE_WARNINGS), name
    assert not any(m in files.loc["training_log.csv", "warnings"] for m in DAMAGE_WARNINGS)
    table = result.table.set_index("athlete")
    assert (table.loc["ann", "files_salvaged"], table.loc["ann", "files_failed"]) == (3, 1)
    assert (table.loc["bo", "files_salvaged"], table.loc["bo", "files_failed"]) == (0, 0)

    common = ["roster", str(roster), "--no-store", "--workers", "1"]
    csv = pd.read_csv(io.StringIO(CliRunner().invoke(cli, [*common, "--format", "csv"]).output)).set_index("athlete")
    assert (csv.loc["ann", "files_salvaged"], csv.loc["ann", "files_failed"]) == (3, 1)
    data = {a["athlete"]: a for a in json.loads(CliRunner().invoke(cli, [*common, "--format", "json"]).output)["athletes"]}
    assert (data["ann"]["files_salvaged"], data["ann"]["files_failed"], data["ann"]["files"]) == (3, 1, 5)
    text = CliRunner().invoke(cli, common).output
    assert "5 (3 salvaged, 1 failed)" in next(line for line in text.splitlines() if " ann " in line)
    out = tmp_path / "out"
    assert CliRunner().invoke(cli, [*common, "--output", str(out)]).exit_code == 0
    doc = lxml.html.document_fromstring((out / "index.html").read_text(encoding="utf-8"))
    rows = {tr.xpath("td")[1].text_content(): tr.xpath("td")[HEADERS.index("Files")].text_content()
            for tr in doc.xpath("//section[@id='roster']//tbody/tr")}
    assert rows == {"ann": "5: 3 salvaged, 1 failed", "bo": "1"}


def test_a_duplicate_or_a_plain_warning_is_not_salvaged():
    files = pd.DataFrame({
        "path": ["a.fit", "b.fit", "c.gpx", "d.csv"],
        "status": ["duplicate", "read", "read", "read"],
        "warnings": ["damaged FIT file (FitEOFError: ...): kept the 14 records", "file CRC mismatch: data may be damaged",
                     "no local time offset in the file and no time zone set: local date taken from UTC", ""]})
    assert salvaged_files(files) == 1  # b.fit only: a's session came from another file
    assert salvaged_files(files.iloc[:0]) == 0
