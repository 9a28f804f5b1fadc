"""What a folder can hold besides files, and riskcheck's own outputs inside the folder it
reads: every path is accounted for, nothing hangs, nothing is read without a bound, and no
report is read back as training (issues D2, D3, D4, D13)."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from click.testing import CliRunner
from support import SAMPLE_DATA

import riskcheck
from riskcheck.cli.main import cli
from riskcheck.ingest.limits import MiB, Limits

LOG = SAMPLE_DATA / "runner" / "training_log.csv"


def _runs(tmp_path):
    folder = tmp_path / "runs"
    folder.mkdir()
    shutil.copy(LOG, folder / "log.csv")
    return folder


def _files(result) -> dict[str, tuple[str, str]]:
    return {os.path.basename(p): (s, r) for p, s, r in result.files[["path", "status", "reason"]].values}


@pytest.mark.parametrize("name", ["notes", "zz.csv", "a.gpx.gz"])
def test_a_named_pipe_in_the_folder_is_skipped_not_waited_on(tmp_path, name):
    folder = _runs(tmp_path)
    os.mkfifo(folder / name)
    result = riskcheck.read(folder, workers=1)
    assert _files(result)[name] == ("skipped", "not a regular file (a named pipe)")
    assert _files(result)["log.csv"][0] == "read"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_link_to_a_device_is_skipped(tmp_path, device):
    folder = _runs(tmp_path)
    (folder / "zero.csv").symlink_to(device)
    result = riskcheck.read(folder, workers=1)
    assert _files(result)["zero.csv"] == ("skipped", "not a regular file (a device)")


def test_a_folder_of_devices_is_walked_without_reading_any(tmp_path):
    folder = tmp_path / "dev-like"
    folder.mkdir()
    for i, device in enumerate(["/dev/zero", "/dev/null", "/dev/urandom"] * 2):
        (folder / f"d{i}").symlink_to(device)
    result = riskcheck.read(folder, workers=1)
    assert set(result.files["status"]) == {"skipped"} and len(result.files) == 6


@pytest.mark.parametrize("compressed", [False, True])
def test_one_size_limit_for_plain_and_compressed_files(tmp_path, compressed):
    import gzip

    folder = tmp_path / "runs"
    folder.mkdir()
    big = LOG.read_bytes() * (2 * MiB // len(LOG.read_bytes()) + 1)
    name = "big.csv.gz" if compressed else "big.csv"
    (folder / name).write_bytes(gzip.compress(big) if compressed else big)
    result = riskcheck.read(folder, workers=1, limits=Limits(max_file_bytes=1 * MiB, max_ratio=1e9))
    status, reason = _files(result)[name]
    assert status == "failed" and "max_file_bytes" in reason


def test_symlinked_folders_are_followed_once_and_loops_stop(tmp_path):
    real = _runs(tmp_path)
    top = tmp_path / "watch"
    top.mkdir()
    (top / "linked").symlink_to(real, target_is_directory=True)
    (real / "loop").symlink_to(top, target_is_directory=True)  # back up the tree
    result = riskcheck.read(top, workers=1)
    assert result.files["path"].tolist() == [str(top / "linked" / "log.csv")]
    assert len(result.activities) == len(riskcheck.read(LOG, workers=1).activities)


def test_a_symlinked_watch_folder_given_directly_is_read(tmp_path):
    real = _runs(tmp_path)
    (tmp_path / "watch").symlink_to(real, target_is_directory=True)
    assert riskcheck.read(tmp_path / "watch", workers=1).counts()["read"] == 1


def test_a_folder_that_cannot_be_listed_is_counted(tmp_path, monkeypatch):
    folder = _runs(tmp_path)
    (folder / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path="."):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = riskcheck.read(folder, workers=1)
    assert _files(result)["locked"] == ("failed", "cannot read folder: Permission denied")
    assert _files(result)["log.csv"][0] == "read"


@pytest.mark.parametrize("output", ["report", "deep/weekly/report"])
def test_a_report_written_into_the_folder_it_reads_is_not_read_back(tmp_path, output):
    folder = _runs(tmp_path)
    runner = CliRunner()
    outputs = []
    for _ in range(3):  # weekly reruns
        result = runner.invoke(cli, ["check", str(folder), "-o", str(folder / output), "-f", "json"])
        assert result.exit_code in (0, 1), result.output
        outputs.append(json.loads(result.stdout))
    assert [o["activities"] for o in outputs] == [outputs[0]["activities"]] * 3
    assert [o["weekly"][-1]["distance_m"] for o in outputs] == [outputs[0]["weekly"][-1]["distance_m"]] * 3
    skipped = {f["path"]: f["reason"] for f in outputs[-1]["files"] if f["status"] == "skipped"}
    assert any("riskcheck's own output" in reason for reason in skipped.values()), skipped


def test_a_roster_written_into_the_roster_folder_adds_no_athlete(tmp_path):
    roster = tmp_path / "athletes"
    for athlete in ("ann", "ben"):
        (roster / athlete).mkdir(parents=True)
        shutil.copy(LOG, roster / athlete / "log.csv")
    runner = CliRunner()
    first = runner.invoke(cli, ["roster", str(roster), "-o", str(roster / "monday"), "-f", "json", "--workers", "1"])
    second = runner.invoke(cli, ["roster", str(roster), "-o", str(roster / "monday"), "-f", "json", "--workers", "1"])
    assert first.exit_code in (0, 1) and second.exit_code in (0, 1), second.output
    names = [a["athlete"] for a in json.loads(second.stdout)["athletes"]]
    assert sorted(names) == ["ann", "ben"]


_BOMB_READER = """
import sys, riskcheck
result = riskcheck.read(sys.argv[1], workers=1)
print(result.files.status[0])
"""
_POINTS = b"".join(b'<trkpt lat="48.1" lon="11.%04d"><time>2025-05-04T05:%02d:%02dZ</time></trkpt>'
                   % (i, i // 60, i % 60) for i in range(300))


@pytest.mark.parametrize("payload", [b"<!--", b"<![CDATA[", b"<?pi "])
@pytest.mark.parametrize("repeats", [80_000, 160_000])
def test_unterminated_markup_is_read_in_linear_time(tmp_path, payload, repeats):
    """80,000 unterminated '<!--' after the track (372 kB) took 107 s, 160,000 four times as
    long: each opener searched the rest of the document again. The bound here is generous (a
    linear read takes well under a second); the quadratic one needs minutes."""
    import subprocess
    import sys

    path = tmp_path / "bomb.gpx"
    path.write_bytes(b'<?xml version="1.0"?><gpx version="1.1" creator="x"><trk><trkseg>' + _POINTS
                     + b"</trkseg></trk>" + payload * repeats + b"</gpx>")
    done = subprocess.run([sys.executable, "-c", _BOMB_READER, str(path)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() in ("read", "failed", "skipped")
