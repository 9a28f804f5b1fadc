"""`riskcheck rules` in every format, --help on every command, --version, and the progress bar."""

from __future__ import annotations

import csv
import io
import json
import sys
import tomllib
import types

import click
import pytest

from cli_support import REPO, invoke
import riskcheck.cli.options
from riskcheck.cli.main import cli
from riskcheck.cli.options import PROGRESS_MIN_FILES, progress_bar
from riskcheck.rules.registry import RULES

THRESHOLDS = {(rule.id, t.name): t.default for rule in RULES for t in rule.thresholds}


def _rules(*args: str) -> str:
    result = invoke("rules", *args)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


def test_rules_text_lists_every_rule_and_threshold():
    out = _rules()
    for rule in RULES:
        assert f"{rule.id} {rule.slug} — {rule.title}" in out
        for t in rule.thresholds:
            assert f"    {t.name} = {t.default:g} {t.unit}: " in out
    assert "(default" not in out  # nothing differs from the defaults


def test_rules_json_and_csv_hold_one_row_per_threshold():
    from_json = json.loads(_rules("--format", "json"))
    from_csv = list(csv.DictReader(io.StringIO(_rules("--format", "csv"))))
    assert {(r["rule_id"], r["threshold"]): r["value"] for r in from_json} == THRESHOLDS
    assert {(r["rule_id"], r["threshold"]): float(r["value"]) for r in from_csv} == THRESHOLDS
    assert all(r["source"] for r in from_json)


def test_rules_markdown_is_a_table_row_per_threshold():
    lines = _rules("--format", "markdown").splitlines()
    assert lines[0].startswith("| Rule | Threshold |") and set(lines[1]) == {"|", "-"}
    assert len(lines) == 2 + len(THRESHOLDS)
    assert all(line.startswith("| RC") and line.endswith(" |") for line in lines[2:])


def test_rules_show_the_values_a_config_sets(tmp_path):
    config = tmp_path / "coach.toml"
    config.write_text('[thresholds.long-run-spike]\ncaution_pct = 15\n'
                      '[athletes."Ann".thresholds.RC01]\nhigh_pct = 40\n', encoding="utf-8")
    everyone = _rules("--config", str(config))
    assert "caution_pct = 15 % (default 10)" in everyone and "high_pct = 30 %:" in everyone
    ann = {(r["rule_id"], r["threshold"]): r["value"]
           for r in json.loads(_rules("--config", str(config), "--athlete", "Ann", "--format", "json"))}
    assert ann == {**THRESHOLDS, ("RC01", "caution_pct"): 15.0, ("RC01", "high_pct"): 40.0}


def _command_paths(group: click.Group, prefix: tuple[str, ...] = ()):
    yield prefix
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _command_paths(command, (*prefix, name))
        else:
            yield (*prefix, name)


@pytest.mark.parametrize("path", list(_command_paths(cli)), ids=lambda p: " ".join(("riskcheck", *p)))
def test_every_command_has_help_with_examples(path):
    result = invoke(*path, "--help")
    assert result.exit_code == 0, result.output
    examples = result.stdout.split("Examples:\n", 1)
    assert len(examples) == 2, f"riskcheck {' '.join(path)} --help shows no 'Examples:' section"
    assert examples[1].lstrip().startswith(" ".join(("riskcheck", *path[:1])))


def test_help_walk_finds_every_command():
    assert {"check", "rules"} <= set(cli.commands)


def test_version_is_the_package_version():
    version = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"riskcheck, version {version}\n"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _drawn(monkeypatch, total: int, quiet: bool = False) -> str:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with progress_bar("Reading files", quiet) as update:
        for done in range(1, total + 1):
            if update is not None:
                update(done, total)
    return terminal.getvalue()


def test_progress_bar_draws_on_a_terminal_for_many_files(monkeypatch):
    drawn = _drawn(monkeypatch, PROGRESS_MIN_FILES)
    assert "Reading files" in drawn and "100%" in drawn


def test_progress_bar_is_silent_for_few_files_or_quiet(monkeypatch):
    assert _drawn(monkeypatch, PROGRESS_MIN_FILES - 1) == ""
    assert _drawn(monkeypatch, 100, quiet=True) == ""


def test_progress_bar_is_silent_when_stderr_is_not_a_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with progress_bar("Reading files", quiet=False) as update:
        assert update is None


def test_check_draws_the_bar_while_reading_many_files(tmp_path, monkeypatch):
    for day in range(1, PROGRESS_MIN_FILES + 1):
        (tmp_path / f"run{day:02d}.csv").write_text(f"date,distance_km,duration\n2025-03-{day:02d},5,0:30:00\n",
                                                  encoding="utf-8")
    # CliRunner swaps sys.stderr for a pipe; give the options module a terminal of its own
    terminal = _Terminal()
    monkeypatch.setattr(riskcheck.cli.options, "sys", types.SimpleNamespace(stderr=terminal))
    result = invoke("check", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert f"Files: {PROGRESS_MIN_FILES} given: {PROGRESS_MIN_FILES} read" in result.stdout
    assert "Reading files" in terminal.getvalue() and "100%" in terminal.getvalue()
    assert result.stderr == ""
