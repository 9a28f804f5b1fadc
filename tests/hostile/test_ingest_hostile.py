"""Hostile and broken input at the ingest level: what riskcheck.read makes of a folder or an
export archive holding attacks, damage and unrelated files next to good ones. Every file
must end as read, duplicate, skipped or failed with its reason, the good files must still
be read, and no limit may be hit without a message that names it."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

import pytest
from support import SAMPLE_DATA

import riskcheck
from riskcheck.errors import ConfigError
from riskcheck.ingest.limits import MiB, Limits

FORMATS = SAMPLE_DATA / "formats"
GOOD = ["run.fit", "run.gpx", "run.tcx", "simple_log.csv"]

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE gpx [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<gpx version="1.1" creator="&lol9;"><trk><name>&lol9;</name></trk></gpx>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE TrainingCenterDatabase [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
<Activities><Activity Sport="Running"><Id>&xxe;</Id></Activity></Activities></TrainingCenterDatabase>"""
QUADRATIC = (b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "' + b"x" * 50_000 + b'">]><gpx version="1.1">'
             + b"<trk><name>" + b"&a;" * 50_000 + b"</name></trk></gpx>")
EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE gpx SYSTEM "http://attacker.example/gpx.dtd"><gpx version="1.1"><trk/></gpx>"""


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _by_name(result) -> dict[str, dict]:
    """Each file's outcome, keyed by its name in the folder or its path in the archive."""
    return {p.split("!", 1)[1] if "!" in p else Path(p).name: row
            for p, row in zip(result.files["path"], result.files.to_dict("records"))}


def _assert_accounted(files, n_expected: int) -> None:
    assert len(files) == n_expected
    assert files["status"].isin(["read", "duplicate", "skipped", "failed"]).all()
    not_read = files[files["status"] != "read"]
    assert (not_read["reason"].str.strip() != "").all(), not_read[["path", "reason"]]
    assert (files.loc[files["status"] == "read", "activities"] > 0).all()


# --- XML attacks ------------------------------------------------------------------------------

def test_xml_attacks_fail_with_the_refusal_and_the_good_files_are_still_read(tmp_path):
    attacks = {"laughs.gpx": (BILLION_LAUGHS, "declares entities"),
               "xxe.tcx": (EXTERNAL_ENTITY, "declares entities"),
               "quadratic.gpx": (QUADRATIC, "declares entities"),
               "dtd.gpx": (EXTERNAL_DTD, "external DTD")}
    for name, (data, _) in attacks.items():
        (tmp_path / name).write_bytes(data)
    for name in GOOD:
        (tmp_path / name).write_bytes((FORMATS / name).read_bytes())

    result = riskcheck.read(tmp_path, workers=1)

    files = _by_name(result)
    _assert_accounted(result.files, len(attacks) + len(GOOD))
    for name, (_, refusal) in attacks.items():
        assert files[name]["status"] == "failed"
        assert files[name]["reason"].startswith("refused:") and refusal in files[name]["reason"]
    # The good files are one generated run in several formats: one read, the rest its duplicates.
    assert all(files[name]["status"] in ("read", "duplicate") for name in GOOD)
    assert len(result.activities) >= 1


# --- the whole corpus -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_check(corpus):
    from riskcheck.checking import CheckResult, assess_read

    # One read serves both the accounting and the JSON (check() reads the same way).
    read = riskcheck.read(corpus, workers=2)
    return CheckResult(read, assess_read(read.activities, None))


def test_every_corpus_file_is_accounted_for(corpus, corpus_check):
    on_disk = sorted(str(Path(root) / name) for root, _, names in os.walk(corpus) for name in names)
    files = corpus_check.read.files

    _assert_accounted(files, len(on_disk))
    assert sorted(files["path"]) == on_disk
    assert sum(corpus_check.read.counts().values()) == len(on_disk)
    for row in files[files["status"] == "duplicate"].itertuples():
        assert row.reason.startswith("is the same session as ")


def test_the_json_lists_every_corpus_file(corpus_check):
    from riskcheck.output.jsonout import check_to_json

    out = check_to_json(corpus_check)
    files = corpus_check.read.files
    assert [(f["path"], f["status"], f["reason"]) for f in out["files"]] == \
        list(zip(files["path"], files["status"], files["reason"]))
    assert out["file_counts"] == {**corpus_check.read.counts(), "total": len(files)}


def test_columns_the_readers_could_not_use_are_warnings(corpus_check):
    activities, files = corpus_check.read.activities, corpus_check.read.files
    with_loss = activities[activities["columns_lost"].fillna("") != ""]
    assert len(with_loss), "the corpus holds files with channels riskcheck does not read"
    suffix = " present in the file but not read"
    warnings = dict(zip(files["path"], files["warnings"]))
    for row in with_loss.itertuples():
        # columns_lost is a ", "-joined list whose items may hold commas themselves: match it
        # against the items the file's warnings name, rather than split it.
        warned = [w.removesuffix(suffix) for w in warnings[row.source_file].split("; ") if w.endswith(suffix)]
        assert ", ".join(w for w in warned if w in row.columns_lost) == row.columns_lost


@pytest.mark.parametrize("name, channel", [
    ("Runalyze_Runalyze__Movescount-mixed-extensions.gpx", "verticalspeed"),  # <gpxdata:verticalSpeed>
    ("Runalyze_Runalyze__SpoQ.gpx", "heart_rate_bpm"),  # <st:heartRateTrack> outside the track points
])
def test_a_channel_left_unread_is_named_in_the_warnings(corpus, name, channel):
    result = riskcheck.read(corpus / "gpx" / name, workers=1)
    assert result.files["status"].tolist() == ["read"]
    assert any(channel in w and "not read" in w for w in result.warnings["warning"])


def test_unmatched_gpx10_extensions_are_a_warning_not_a_loss(tmp_path):
    points = "".join(f'<trkpt lat="46.0" lon="{7 + i / 1000}"><time>2020-01-01T00:00:{i:02d}Z</time></trkpt>'
                     for i in range(10))
    doc = (f'<?xml version="1.0"?><gpx version="1.0" creator="x"><trk><trkseg>{points}</trkseg></trk>'
           # an extensions block the track points cannot be matched to (heart rate per point lost)
           f'<extensions><trkpt><extensions><hr>150</hr></extensions></trkpt></extensions></gpx>')
    (tmp_path / "gpx10.gpx").write_text(doc)
    result = riskcheck.read(tmp_path, workers=1)
    assert result.files["status"].tolist() == ["read"]
    assert any("heart rate, cadence and power not read" in w for w in result.warnings["warning"])


# --- a generated export archive ---------------------------------------------------------------

def test_a_damaged_export_archive_is_accounted_for_file_by_file(corpus, tmp_path):
    good = {f"activities/{n}": (FORMATS / n).read_bytes() for n in GOOD + ["run.fit.gz", "strava_activities.csv"]}
    good["activities/fenix5.fit"] = (corpus / "fit" / "dtcooper_python-fitparse__garmin-fenix-5-run.fit").read_bytes()
    good["activities/runtastic.tcx"] = (corpus / "tcx" / "Runalyze_Runalyze__Runtastic.tcx").read_bytes()
    fit = good["activities/run.fit"]
    broken = {
        "activities/corrupt.fit": fit[:14] + bytes(b ^ 0x5A for b in fit[14:]),
        "activities/empty.gpx": b"",
        "profile.json": b'{"name": "runner"}',
        "media/photo.jpg": b"\xff\xd8\xff\xe0" + bytes(200),
    }
    nested = _zip({"old/run.gpx": (corpus / "gpx" / "Runalyze_Runalyze__SpoQ.gpx").read_bytes(),
                   "old/settings.fit": (corpus / "fit" / "dtcooper_python-fitparse__Settings.fit").read_bytes()})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in {**good, **broken, "archive/old.zip": nested}.items():
            zf.writestr(name, data)
        zf.writestr("../../outside.csv", (FORMATS / "simple_log.csv").read_bytes())
        link = zipfile.ZipInfo("activities/link.gpx")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
    export = tmp_path / "export.zip"
    export.write_bytes(buf.getvalue())

    result = riskcheck.check(export)

    # Counted independently: every member of the outer archive except the nested zip, plus
    # every member of the nested zip.
    with zipfile.ZipFile(export) as zf:
        outer = [n for n in zf.namelist() if not n.endswith(".zip")]
    expected = len(outer) + len(zipfile.ZipFile(io.BytesIO(nested)).namelist())
    files = result.read.files
    _assert_accounted(files, expected)
    status = _by_name(result.read)
    assert all(status[n]["status"] in ("read", "duplicate") for n in good)
    assert status["activities/fenix5.fit"]["status"] == status["activities/runtastic.tcx"]["status"] == "read"
    assert status["activities/corrupt.fit"]["status"] == "failed"
    assert (status["activities/empty.gpx"]["status"], status["activities/empty.gpx"]["reason"]) == ("skipped", "empty file")
    assert status["profile.json"]["status"] == status["media/photo.jpg"]["status"] == "skipped"
    assert status["profile.json"]["reason"].endswith("not an activity file (.json)")
    assert status["media/photo.jpg"]["reason"] == "an image, not an activity file (.jpg)"
    assert "escapes the archive" in status["../../outside.csv"]["reason"]
    assert "symbolic link" in status["activities/link.gpx"]["reason"]
    assert status["archive/old.zip!old/run.gpx"]["status"] == "read"
    assert status["archive/old.zip!old/settings.fit"]["status"] == "skipped"
    assert not (tmp_path.parent / "outside.csv").exists()

    from riskcheck.output.jsonout import check_to_json
    out = check_to_json(result)
    assert sorted(f["path"] for f in out["files"]) == sorted(files["path"])
    assert out["file_counts"]["total"] == expected == sum(v for k, v in out["file_counts"].items() if k != "total")


# --- limits -----------------------------------------------------------------------------------

def test_every_limit_has_a_default_that_reads_an_ordinary_export(tmp_path):
    export = tmp_path / "export.zip"
    export.write_bytes(_zip({f"activities/{n}": (FORMATS / n).read_bytes() for n in GOOD}))
    result = riskcheck.read(export, workers=1, limits=Limits())
    # One generated run in several formats: one file read, the others its duplicates.
    assert sorted(result.files["status"]) == ["duplicate"] * (len(GOOD) - 1) + ["read"]


@pytest.mark.parametrize("limits, archive, named", [
    (Limits(max_file_bytes=1 * MiB), {"big.csv": b"date,distance_km,duration\n" * 100_000}, "max_file_bytes"),
    (Limits(max_ratio=10), {"bomb.csv": b"0" * (8 * MiB)}, "max_ratio"),
    (Limits(max_total_bytes=2 * MiB), {f"{i}.bin": bytes(range(256)) * 4096 for i in range(4)}, "max_total_bytes"),
    (Limits(max_depth=1), {"inner.zip": _zip({"run.csv": b"x"})}, "max_depth"),
    (Limits(max_members=3), {f"{i}.csv": b"x" for i in range(4)}, "max_members"),
])
def test_hitting_a_limit_fails_that_file_with_a_message_naming_the_limit(tmp_path, limits, archive, named):
    # The good file sits next to the archive, which must cost nothing but its own files.
    (tmp_path / "run.gpx").write_bytes((FORMATS / "run.gpx").read_bytes())
    (tmp_path / "export.zip").write_bytes(_zip(archive, zipfile.ZIP_STORED if named == "max_total_bytes" else zipfile.ZIP_DEFLATED))

    result = riskcheck.read(tmp_path, workers=1, limits=limits)

    failed = result.files[result.files["status"] == "failed"]
    assert len(failed) >= 1 and failed["reason"].str.contains(named).all(), failed[["path", "reason"]]
    assert result.files.set_index("path").loc[str(tmp_path / "run.gpx"), "status"] == "read"


def test_gzip_bomb_next_to_good_files_fails_alone(tmp_path):
    import gzip

    (tmp_path / "bomb.gpx.gz").write_bytes(gzip.compress(b"\0" * (64 * MiB), compresslevel=9))
    (tmp_path / "run.gpx").write_bytes((FORMATS / "run.gpx").read_bytes())
    files = _by_name(riskcheck.read(tmp_path, workers=1))
    assert files["bomb.gpx.gz"]["status"] == "failed" and "max_ratio" in files["bomb.gpx.gz"]["reason"]
    assert files["run.gpx"]["status"] == "read"


def test_an_unknown_limit_is_a_config_error_that_lists_the_known_ones():
    with pytest.raises(ConfigError, match="max_file_bytes"):
        Limits.from_mapping({"max_file_size": 10})


# --- dates no table can hold ------------------------------------------------------------------

def test_a_mistyped_year_costs_that_activity_only(tmp_path):
    # 1066 and 6020 parse, but no nanosecond timestamp holds them: building the activities
    # table raised OutOfBoundsDatetime and lost every file of the read.
    (tmp_path / "log.csv").write_text("date,distance_km,duration\n6020-01-01,10,0:50:00\n"
                                      "2021-03-04,5,0:25:00\n1066-10-14,3,0:20:00\n")
    (tmp_path / "bad.csv").write_text("date,distance_km,duration\n9999-01-01,10,0:50:00\n")
    (tmp_path / "run.gpx").write_bytes((FORMATS / "run.gpx").read_bytes())

    result = riskcheck.read(tmp_path, workers=1)

    files = _by_name(result)
    assert files["log.csv"]["status"] == "read" and files["log.csv"]["activities"] == 1
    assert "activity 1 left out: start 6020-01-01" in files["log.csv"]["warnings"]
    assert "activity 3 left out: start 1066-10-14" in files["log.csv"]["warnings"]
    assert files["bad.csv"]["status"] == "failed" and "9999-01-01" in files["bad.csv"]["reason"]
    assert files["run.gpx"]["status"] == "read"
    assert len(result.activities) == 2
