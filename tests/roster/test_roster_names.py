"""Athletes' names: the roster file's `name`, else the export's own profile (Strava's
profile.csv, Garmin Connect's user_profile.json), else the folder's; shown in the text, CSV,
JSON, index.html and the athlete's own report."""

from __future__ import annotations

import io
import json
import re
import zipfile

import lxml.html
import pandas as pd
import pytest
from click.testing import CliRunner
from support import SAMPLE_DATA

from riskcheck.cli.main import cli
from riskcheck.roster import check_roster, load_roster
from riskcheck.roster.names import MAX_PROFILE_BYTES, name_in, profile_name

LOG = (SAMPLE_DATA / "runner" / "training_log.csv").read_bytes()
STRAVA_PROFILE = ("Athlete ID,Email Address,First Name,Last Name,Sex,Description,Weight,City,State,Country\n"
                  "12345,ann@example.org,Ann,Smith,F,,61.0,Munich,Bavaria,Germany\n")
GARMIN_PROFILE = {"userName": "bo_runs", "firstName": "Bo", "lastName": "Berg", "gender": "MALE",
                  "emailAddress": "bo@example.org"}


@pytest.fixture()
def roster(tmp_path):
    """ann: a Strava bulk export's folder with its profile.csv; bo: a Garmin data export (a
    zip) with DI_CONNECT/DI-Connect-User/user_profile.json; cy: files only."""
    root = tmp_path / "athletes"
    (root / "ann").mkdir(parents=True)
    (root / "ann" / "profile.csv").write_text(STRAVA_PROFILE, encoding="utf-8")
    (root / "ann" / "log.csv").write_bytes(LOG)
    (root / "cy").mkdir()
    (root / "cy" / "log.csv").write_bytes(LOG)
    with zipfile.ZipFile(root / "bo.zip", "w") as z:
        z.writestr("DI_CONNECT/DI-Connect-User/user_profile.json", json.dumps(GARMIN_PROFILE))
        z.writestr("DI_CONNECT/DI-Connect-Fitness/log.csv", LOG)
    return root


def test_names_come_from_the_exports_profiles_else_the_folder(roster):
    result = check_roster(roster, store=None, workers=1)
    names = dict(zip(result.table["athlete"], result.table["name"]))
    assert names == {"ann": "Ann Smith", "bo": "Bo Berg", "cy": "cy"}
    # the assessment carries the name, so the athlete's report is titled with it
    assert result.athletes["ann"].result.assessment.athlete == "Ann Smith"
    # a profile is not an activity file that failed: it is skipped with what it is
    files = result.athletes["ann"].read.files.set_index("status")
    assert "failed" not in files.index
    assert files.loc["skipped", "reason"].startswith("an account profile")


def test_the_roster_files_name_comes_first(roster, tmp_path):
    toml = tmp_path / "roster.toml"
    toml.write_text(f'[athletes.ann]\nname = "Annie S."\npaths = ["{roster / "ann"}"]\n'
                    f'[athletes.cy]\npaths = ["{roster / "cy"}"]\n'
                    f'[athletes.cy.thresholds.RC01]\ncaution_pct = 60\nhigh_pct = 80\n', encoding="utf-8")
    listed = load_roster(toml)
    assert [(e.athlete, e.name) for e in listed.entries] == [("ann", "Annie S."), ("cy", None)]
    result = check_roster(listed, store=None, workers=1)
    assert dict(zip(result.table["athlete"], result.table["name"])) == {"ann": "Annie S.", "cy": "cy"}
    # cy's own thresholds still apply under the key of her section
    assert result.athletes["cy"].result.assessment.config.thresholds["RC01"]["caution_pct"] == 60
    bad = tmp_path / "bad.toml"
    bad.write_text(f'[athletes.ann]\nname = 3\npaths = ["{roster / "ann"}"]\n', encoding="utf-8")
    with pytest.raises(Exception, match="name is the name to show"):
        load_roster(bad)


def test_names_in_text_csv_json_index_and_report(roster, tmp_path):
    common = ["roster", str(roster), "--no-store", "--workers", "1", "--to", "2025-06-08"]
    out = tmp_path / "out"
    text = CliRunner().invoke(cli, [*common, "--output", str(out)])
    assert text.exit_code == 0, text.output
    ranked = re.findall(r"^\s+\d+\s+(.+?)\s+(?:HIGH|MODERATE|LOW)\s", text.stdout, flags=re.M)
    assert sorted(ranked) == ["Ann Smith", "Bo Berg", "cy"]
    table = pd.read_csv(io.StringIO(CliRunner().invoke(cli, [*common, "--format", "csv"]).output))
    assert sorted(zip(table["athlete"], table["name"])) == [("ann", "Ann Smith"), ("bo", "Bo Berg"), ("cy", "cy")]
    data = json.loads(CliRunner().invoke(cli, [*common, "--format", "json"]).output)
    assert {a["athlete"]: a["name"] for a in data["athletes"]} == {"ann": "Ann Smith", "bo": "Bo Berg", "cy": "cy"}
    index = lxml.html.document_fromstring((out / "index.html").read_text(encoding="utf-8"))
    assert sorted((a.get("href"), a.text) for a in index.xpath("//a")) == [
        ("ann/report.html", "Ann Smith"), ("bo/report.html", "Bo Berg"), ("cy/report.html", "cy")]
    report = lxml.html.document_fromstring((out / "ann" / "report.html").read_text(encoding="utf-8"))
    assert "Ann Smith" in report.findtext(".//title") and "Ann Smith" in report.findtext(".//h1")


def test_two_profiles_with_one_name_keep_their_folders_apart(roster):
    (roster / "cy" / "profile.csv").write_text(STRAVA_PROFILE, encoding="utf-8")
    result = check_roster(roster, store=None, workers=1, date_to=pd.Timestamp("2025-06-08").date())
    names = dict(zip(result.table["athlete"], result.table["name"]))
    assert names["ann"] == "Ann Smith (ann)" and names["cy"] == "Ann Smith (cy)"


def test_profile_files_are_read_with_care(tmp_path):
    assert name_in("profile.csv", STRAVA_PROFILE.encode()) == "Ann Smith"
    assert name_in("user_profile.json", json.dumps(GARMIN_PROFILE).encode()) == "Bo Berg"
    assert name_in("user_profile.json", json.dumps([{"displayName": "  Cy\n Young "}]).encode()) == "Cy Young"
    assert name_in("user_profile.json", json.dumps({"userProfile": {"firstName": "Di"}}).encode()) == "Di"
    # nothing that names someone: no name, never an error
    for name, data in [("profile.csv", b"First Name,Last Name\n"), ("profile.json", b"{not json"),
                       ("profile.json", b"[1, 2]"), ("profile.json", json.dumps({"firstName": 7}).encode()),
                       ("profile.csv", b"\xff\xfe\x00garbage"), ("profile.json", b"[" * 100_000),
                       ("profile.csv", b"First Name,Last Name\n" + b"A" * MAX_PROFILE_BYTES + b",B\n")]:
        assert name_in(name, data) is None, (name, data[:20])
    # the services' own profile file is preferred to another profile-like file
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "heart_rate_profile.json").write_text('{"name": "Zone 2"}', encoding="utf-8")
    (tmp_path / "a" / "profile.csv").write_text(STRAVA_PROFILE, encoding="utf-8")
    assert profile_name([tmp_path / "a"]) == "Ann Smith"
    assert profile_name([tmp_path / "missing"]) is None
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really")
    assert profile_name([tmp_path / "broken.zip"]) is None
