"""`riskcheck check` keeps a store of what it read: a rerun on unchanged files reads nothing."""

from __future__ import annotations

import json
import os

from cli_support import DIARY, RUNNER, invoke

from riskcheck.ingest import parallel
from riskcheck.ingest.store import STORE_FILE


def _refuse_to_parse(monkeypatch):
    def must_not_parse(name, *_):
        raise AssertionError(f"{name} parsed again although unchanged")

    monkeypatch.setattr(parallel, "read_bytes", must_not_parse)


def _result(*args: str) -> dict:
    result = invoke("check", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    out.pop("generated_at")
    return out


def test_second_run_is_served_from_the_store(tmp_path, monkeypatch):
    first = _result(*RUNNER, "--store", str(tmp_path))
    assert (tmp_path / STORE_FILE).exists()
    _refuse_to_parse(monkeypatch)
    assert _result(*RUNNER, "--store", str(tmp_path)) == first


def test_default_store_is_in_the_cache_folder_never_in_the_report_folder(tmp_path):
    cached = os.path.join(os.environ["XDG_CACHE_HOME"], "riskcheck", "store", STORE_FILE)
    _result(*DIARY, "-o", str(tmp_path / "out"))
    assert os.path.exists(cached)
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".")) == []


def test_no_store_reads_again_and_writes_no_store(tmp_path, monkeypatch):
    _result(*DIARY, "--store", str(tmp_path))
    _refuse_to_parse(monkeypatch)
    result = invoke("check", *DIARY, "--no-store", "-o", str(tmp_path / "out"))
    assert result.exit_code == 3 and "parsed again" in result.output
    assert not any(p.suffix == ".sqlite3" for p in (tmp_path / "out").rglob("*"))


def test_store_and_no_store_together_is_a_usage_error(tmp_path):
    result = invoke("check", *DIARY, "--store", str(tmp_path), "--no-store")
    assert result.exit_code == 2 and "not both" in result.output
