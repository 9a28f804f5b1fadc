"""Archives and compressed files: opened within limits, hostile ones refused with a reason,
and nothing written anywhere."""

from __future__ import annotations

import gzip
import io
import stat
import zipfile
import zlib

import pytest

from riskcheck.errors import LimitExceeded
from riskcheck.ingest.limits import MiB, Limits
from riskcheck.ingest.sources import gunzip, iter_sources


def _zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _sources(tmp_path, name: str, data: bytes, limits: Limits | None = None):
    path = tmp_path / name
    path.write_bytes(data)
    return {s.name.split("!", 1)[-1]: s for s in iter_sources([path], limits)}


def test_zip_members_are_listed_with_archive_prefix(tmp_path):
    srcs = _sources(tmp_path, "export.zip", _zip({"activities/a.csv": b"x", "activities/b.gpx": b"<gpx/>"}))
    assert set(srcs) == {"activities/a.csv", "activities/b.gpx"}
    assert srcs["activities/a.csv"].name.endswith("export.zip!activities/a.csv")
    assert srcs["activities/b.gpx"].load() == b"<gpx/>"


def test_gzip_members_inside_zip_are_decompressed(tmp_path):
    srcs = _sources(tmp_path, "export.zip", _zip({"activities/1.gpx.gz": gzip.compress(b"<gpx>run</gpx>")}))
    assert srcs["activities/1.gpx.gz"].load() == b"<gpx>run</gpx>"


def test_nested_zip_is_opened_up_to_the_depth_limit(tmp_path):
    inner = _zip({"run.csv": b"date,distance_km\n"})
    middle = _zip({"inner.zip": inner})
    srcs = _sources(tmp_path, "outer.zip", _zip({"middle.zip": middle}))
    assert list(srcs) == ["middle.zip!inner.zip!run.csv"]
    deep = _sources(tmp_path, "deep.zip", _zip({"middle.zip": middle}), Limits(max_depth=2))
    (only,) = deep.values()
    assert "nested more than 2 deep" in only.fail_reason


@pytest.mark.parametrize(
    "member, reason",
    [("../../evil.csv", "escapes the archive"), ("/etc/passwd", "absolute path"), ("C:/x.csv", "absolute path")],
)
def test_path_traversal_members_are_refused(tmp_path, member, reason):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo(member), b"x")
        zf.writestr("ok.csv", b"date\n")
    srcs = _sources(tmp_path, "t.zip", buf.getvalue())
    bad = [s for s in srcs.values() if s.fail_reason]
    assert len(bad) == 1 and reason in bad[0].fail_reason
    assert any(not s.fail_reason for s in srcs.values())
    assert not (tmp_path.parent / "evil.csv").exists()


def test_symlink_member_is_refused(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        info = zipfile.ZipInfo("link.fit")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    (src,) = _sources(tmp_path, "l.zip", buf.getvalue()).values()
    assert "symbolic link" in src.fail_reason


def test_zip_bomb_member_is_refused_without_unpacking_it_all(tmp_path):
    bomb = _zip({"bomb.csv": b"0" * (64 * MiB)})
    assert len(bomb) < MiB
    (src,) = _sources(tmp_path, "bomb.zip", bomb, Limits(max_file_bytes=16 * MiB)).values()
    with pytest.raises(LimitExceeded, match="max_file_bytes"):
        src.load()
    (src,) = _sources(tmp_path, "bomb2.zip", bomb).values()
    with pytest.raises(LimitExceeded, match="ratio"):
        src.load()


def test_zip_total_budget_spans_members(tmp_path):
    data = _zip({f"{i}.csv": bytes(range(256)) * 4096 * 2 for i in range(4)}, zipfile.ZIP_STORED)  # 2 MiB each
    srcs = _sources(tmp_path, "many.zip", data, Limits(max_total_bytes=5 * MiB))
    outcomes = []
    for src in srcs.values():
        try:
            src.load()
            outcomes.append("ok")
        except LimitExceeded as exc:
            outcomes.append(str(exc))
    assert outcomes[:2] == ["ok", "ok"] and "max_total_bytes" in outcomes[2]


def test_member_count_limit(tmp_path):
    (src,) = _sources(tmp_path, "m.zip", _zip({f"{i}.csv": b"" for i in range(20)}), Limits(max_members=10)).values()
    assert "max_members" in src.fail_reason


def test_gzip_bomb_is_refused():
    bomb = gzip.compress(b"\0" * (64 * MiB), compresslevel=9)
    with pytest.raises(LimitExceeded, match="ratio"):
        gunzip(bomb, Limits())
    with pytest.raises(LimitExceeded, match="max_file_bytes"):
        gunzip(bomb, Limits(max_file_bytes=8 * MiB, max_ratio=1e9))


def test_gzip_multi_member_and_truncated():
    assert gunzip(gzip.compress(b"ab") + gzip.compress(b"cd"), Limits()) == b"abcd"
    with pytest.raises(Exception, match="truncated gzip"):
        gunzip(gzip.compress(b"x" * 1000)[:-12], Limits())
    with pytest.raises(Exception, match="damaged gzip"):
        gunzip(b"\x1f\x8b\x08\x00" + b"\xff" * 40, Limits())


def test_corrupt_zip_is_one_failed_entry(tmp_path):
    (src,) = _sources(tmp_path, "broken.zip", b"PK\x03\x04" + b"\0" * 50).values()
    assert "not a readable zip" in src.fail_reason


def test_missing_path_is_reported_not_raised(tmp_path):
    (src,) = iter_sources([tmp_path / "nope"])
    assert src.fail_reason == "no such file or folder"


def test_folders_are_walked_recursively_and_system_files_skipped(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "run.gpx").write_text("<gpx/>")
    (tmp_path / "a" / ".DS_Store").write_bytes(b"\0")
    srcs = list(iter_sources([tmp_path]))
    assert [s.name.rsplit("/", 1)[-1] for s in srcs] == [".DS_Store", "run.gpx"]
    assert srcs[0].skip_reason and not srcs[1].skip_reason


def test_zlib_stream_check_counts_consumed_input():
    # A well-compressible but legitimate 3 MiB file stays under the ratio floor.
    data = gzip.compress(b"a,b,c\n" * (512 * 1024))
    assert len(gunzip(data, Limits(max_ratio=2))) == 3 * MiB
    assert zlib.crc32(gunzip(data, Limits())) == zlib.crc32(b"a,b,c\n" * (512 * 1024))
