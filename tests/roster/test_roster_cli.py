"""`riskcheck roster` through click's CliRunner: formats, report folder, exit codes."""

from __future__ import annotations

import io
import json
import re

import pandas as pd
from click.testing import CliRunner
from support import SAMPLE_DATA

from riskcheck.cli.exit_codes import EXIT_FINDINGS, EXIT_USAGE
from riskcheck.cli.main import cli
from riskcheck.roster.rank import ROSTER_COLUMNS
from riskcheck.roster.sample import AS_OF, TZ


def run(*args: str):
    return CliRunner().invoke(cli, ["roster", *map(str, args)])


def run_as_of(*args: str):
    """The sample roster as of its last day (a roster is otherwise assessed as of today)."""
    return run(*args, "--to", AS_OF)


def test_text_ranks_and_lists_what_was_not_checked(small_roster):
    result = run_as_of(small_roster, "--tz", TZ, "--no-store", "--workers", "1")
    assert result.exit_code == 0, result.output
    out = result.output
    flat = " ".join(result.output.split())  # wrapped lines joined
    assert out.startswith("Roster of 4 athletes as of 2025-06-08: 2 high, 1 low, 1 not checked.")
    ranked = re.findall(r"^\s+\d+\s+(\w+)\s+(HIGH|MODERATE|LOW)\s", out, flags=re.M)
    assert ranked == [("ben", "HIGH"), ("dev", "HIGH"), ("ann", "LOW")]
    assert f"empty: no files found in {small_roster / 'empty'}" in flat
    assert f"ann: failed: {small_roster / 'ann' / '2025-06-09-07-00-00.fit'}: " in flat
    assert f"{small_roster / 'README.md'}: not an activity file or athlete folder" in flat
    assert "not a medical device" in flat


def test_json_and_csv_carry_the_same_ranking(small_roster):
    as_json = run_as_of(small_roster, "--tz", TZ, "--no-store", "--workers", "1", "--format", "json")
    as_csv = run_as_of(small_roster, "--tz", TZ, "--no-store", "--workers", "1", "--format", "csv")
    assert as_json.exit_code == 0 and as_csv.exit_code == 0
    data = json.loads(as_json.output)
    table = pd.read_csv(io.StringIO(as_csv.output), keep_default_na=False)
    assert data["schema"] == "riskcheck.roster/1"
    assert data["counts"] == {"high": 2, "moderate": 0, "low": 1, "not checked": 1}
    assert [a["athlete"] for a in data["athletes"]] == table["athlete"].tolist() == ["ben", "dev", "ann", "empty"]
    assert list(table.columns) == ROSTER_COLUMNS
    ben = data["athletes"][0]
    assert ben["reasons"][0] == ben["top_reason"] and ben["reasons"][0].startswith("RC01 ")
    # the spike build is one alert: RC02 and RC03 are part of it, not alerts of their own
    assert (ben["high_alerts"], ben["caution_alerts"], ben["score"]) == (1, 0, 4.0)
    assert "Also in this overload: RC02 Weekly distance jump; RC03" in ben["top_reason"]
    assert table.loc[0, "high_alerts"] == 1 and "high_findings" not in table.columns
    assert ben["max_distance_m"] > 1000  # SI whatever the units
    assert [p["athlete"] for p in data["file_problems"]] == ["ann"]


def test_fail_on_exit_codes(small_roster):
    common = (small_roster, "--tz", TZ, "--no-store", "--workers", "1", "--format", "csv")
    assert run_as_of(*common, "--fail-on", "high").exit_code == EXIT_FINDINGS
    assert run_as_of(*common, "--fail-on", "never").exit_code == 0
    for name in ("ben", "dev"):  # only Ann (low) and the empty folder are left
        for path in (small_roster / name).iterdir():
            path.unlink()
        (small_roster / name).rmdir()
    assert run_as_of(*common, "--fail-on", "moderate").exit_code == 0


def test_usage_mistakes_exit_2(small_roster, tmp_path):
    assert run(tmp_path / "missing").exit_code == EXIT_USAGE
    both = run(small_roster, "--scheduler", "tcp://127.0.0.1:1", "--local-cluster", "2")
    assert both.exit_code == EXIT_USAGE and "not both" in both.output
    roster_file = tmp_path / "roster.toml"
    roster_file.write_text(f'[athletes.ann]\npaths = ["{small_roster / "ann"}"]\n')
    config = tmp_path / "config.toml"
    config.write_text("[settings]\nmax_hr_bpm = 190\n")
    clash = run(roster_file, "--config", config)
    assert clash.exit_code == EXIT_USAGE and "drop --config" in clash.output
    bad = tmp_path / "bad.toml"
    bad.write_text('[athletes.ann]\npaths = ["ann/"]\nmax_hr = 190\n')
    unknown = run(bad)
    assert unknown.exit_code == EXIT_USAGE and "max_hr" in unknown.output


def test_roster_file_applies_each_athletes_settings(small_roster, tmp_path):
    folder = run_as_of(small_roster, "--tz", TZ, "--no-store", "--workers", "1", "--format", "json")
    roster_file = tmp_path / "roster.toml"
    # Ben's long-run spike is 33 %: his own RC01 thresholds above that leave him without it.
    roster_file.write_text(
        f'[athletes."Ben B."]\npaths = ["{small_roster / "ben"}"]\ntz = "{TZ}"\n'
        '[athletes."Ben B.".thresholds.RC01]\ncaution_pct = 60\nhigh_pct = 80\n'
        f'[athletes.Ann]\npaths = ["{small_roster / "ann"}"]\ntz = "{TZ}"\n')
    listed = run_as_of(roster_file, "--no-store", "--workers", "1", "--format", "json")
    assert listed.exit_code == 0, listed.output
    before = {a["athlete"]: a for a in json.loads(folder.output)["athletes"]}
    after = {a["athlete"]: a for a in json.loads(listed.output)["athletes"]}
    assert set(after) == {"Ben B.", "Ann"}
    assert not any(r.startswith("RC01 ") for r in after["Ben B."]["reasons"])
    assert before["ben"]["reasons"][0].startswith("RC01 ")
    assert after["Ann"]["status"] == before["ann"]["status"]


def test_output_folder_links_every_report_and_keeps_the_store(small_roster, tmp_path):
    for name in ("ben", "dev"):  # two athletes keep the report writing quick
        for path in (small_roster / name).iterdir():
            path.unlink()
        (small_roster / name).rmdir()
    (small_roster / "cara b").mkdir()
    (small_roster / "ann" / "training_log.csv").rename(small_roster / "cara b" / "training_log.csv")
    out = tmp_path / "out"
    result = run_as_of(small_roster, "--tz", TZ, "--workers", "2", "--output", out, "--units", "mi")
    assert result.exit_code == 0, result.output
    index = (out / "index.html").read_text()
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', index)
    assert sorted(links) == [("ann/report.html", "ann"), ("cara_b/report.html", "cara b")]
    for href, _ in links:
        assert "<!DOCTYPE html>" in (out / href).read_text()[:50]
    assert " mi<" in index  # the caps in the chosen units
    assert "no files found in" in index and "2025-06-09-07-00-00.fit" in index
    data = json.loads((out / "roster.json").read_text())
    assert {a["athlete"]: a["report"] for a in data["athletes"]} == {
        "ann": "ann/report.html", "cara b": "cara_b/report.html", "empty": None}
    assert pd.read_csv(out / "roster.csv")["athlete"].tolist() == [a["athlete"] for a in data["athletes"]]
    assert not any(p.suffix == ".sqlite3" for p in out.rglob("*"))  # the store stays in the cache


def test_scheduler_address_runs_the_roster_on_that_cluster(small_roster):
    """--scheduler connects to a running Dask scheduler (here one started by this test, with
    one worker process); the ranking equals the local run's, and the scheduler did the work."""
    from distributed import LocalCluster

    common = (small_roster, "--tz", TZ, "--no-store", "--format", "json")
    local = run_as_of(*common, "--workers", "1")
    # ":0": its HTTP server on a free port, not beside another test's cluster on 8787
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        remote = run_as_of(*common, "--scheduler", cluster.scheduler_address)
        transitions = cluster.scheduler.transition_counter
    assert remote.exit_code == 0, remote.output
    assert json.loads(remote.output)["athletes"] == json.loads(local.output)["athletes"]
    assert transitions > 0


def test_unreachable_scheduler_is_one_line_and_exit_2(small_roster):
    result = run(small_roster, "--no-store", "--scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == EXIT_USAGE
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_athletes_named_like_the_rosters_own_files_do_not_take_their_place(tmp_path):
    roster = tmp_path / "athletes"
    log = (SAMPLE_DATA / "runner" / "training_log.csv").read_bytes()
    for athlete in ("index.html", "roster.csv", "Roster.JSON"):
        (roster / athlete).mkdir(parents=True)
        (roster / athlete / "log.csv").write_bytes(log)
    result = run(roster, "--no-store", "--workers", "1", "--output", tmp_path / "out")
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    assert (out / "index.html").is_file() and (out / "roster.csv").is_file() and (out / "roster.json").is_file()
    assert json.loads((out / "roster.json").read_text())["athletes"][0]["athlete"] in ("index.html", "roster.csv",
                                                                                      "Roster.JSON")
    reports = sorted(p.parent.name for p in out.glob("*/report.html"))
    assert reports == ["Roster.JSON_2", "index.html_2", "roster.csv_2"]


def test_an_athlete_folder_whose_name_is_not_utf8_is_checked_and_written(tmp_path):
    import os

    roster = tmp_path / "athletes"
    log = (SAMPLE_DATA / "runner" / "training_log.csv").read_bytes()
    for name in (b"J\xf6rg", b"ann"):
        folder = os.path.join(os.fsencode(roster), name)
        os.makedirs(folder)
        with open(os.path.join(folder, b"log.csv"), "wb") as fh:
            fh.write(log)
    result = run(roster, "--no-store", "--workers", "1", "--output", tmp_path / "out", "--format", "json")
    assert result.exit_code == 0, result.output
    athletes = [os.fsencode(a["athlete"]) for a in json.loads(result.stdout)["athletes"]]
    assert sorted(athletes) == [b"J\xf6rg", b"ann"]
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "J\\xf6rg" in index


def test_a_roster_with_nothing_to_assess_exits_4_with_one_line(tmp_path):
    for name in ("ann", "bo"):
        (tmp_path / name).mkdir()
    (tmp_path / "bo" / "notes.txt").write_text("not training data", encoding="utf-8")
    result = CliRunner().invoke(cli, ["roster", str(tmp_path), "--no-store", "--workers", "1"])
    assert result.exit_code == 4, result.output
    assert "Nothing assessed: none of the roster's 2 athlete(s) has a run to assess." in result.stderr
