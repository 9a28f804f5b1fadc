"""docs/json-output.md documents every key check_to_json produces, and nothing else: the
top-level keys, and the keys of each nested object and of the rows of each list."""

from __future__ import annotations

import re
from datetime import date

import pytest

from cli_support import REPO, SPIKE_DAY
from riskcheck import check
from riskcheck.output.jsonout import SCHEMA, check_to_json

DOC = REPO / "docs" / "json-output.md"
DOC_KEY = re.compile(r"^\| `([a-z_0-9]+(?:\[\])?(?:\.[a-z_0-9]+(?:\[\])?)*)` \|", re.M)


@pytest.fixture(scope="module")
def produced() -> dict:
    # the overload runner's diary: findings, files with warnings, recommendations: no list empty
    result = check(REPO / "sample_data/runner/training_log.csv", tz="Europe/Zurich",
                   date_to=date.fromisoformat(SPIKE_DAY))
    data = check_to_json(result)
    assert all(data[key] for key in ("findings", "recommendations", "weekly", "files", "warning_signs"))
    return data


@pytest.fixture(scope="module")
def produced_later() -> dict:
    # the same runner a month on, after the back pain the diary notes: the backtest is filled in
    data = check_to_json(check(REPO / "sample_data/runner/training_log.csv", tz="Europe/Zurich"))
    assert data["backtest"]["episodes"] and data["backtest"]["rules"]
    return data


def key_paths(data: dict, prefix: str = "") -> set[str]:
    paths = set()
    for key, value in data.items():
        paths.add(prefix + key)
        if isinstance(value, dict):
            paths |= key_paths(value, f"{prefix}{key}.")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for row in value:
                paths |= key_paths(row, f"{prefix}{key}[].")
    return paths


def test_every_key_is_documented_and_every_documented_key_exists(produced, produced_later):
    documented = DOC_KEY.findall(DOC.read_text(encoding="utf-8"))
    assert len(documented) == len(set(documented)), "a key is documented twice"
    produced_paths = key_paths(produced) | key_paths(produced_later)
    assert sorted(produced_paths - set(documented)) == [], "undocumented keys: add them to docs/json-output.md"
    assert sorted(set(documented) - produced_paths) == [], "documented keys the output lacks"


def test_doc_names_the_schema_in_force():
    assert f'"schema": "{SCHEMA}"' in DOC.read_text(encoding="utf-8")
    assert SCHEMA == "riskcheck.check/1"  # a bump is a breaking change: docs, golden files and users follow
