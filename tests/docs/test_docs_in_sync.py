"""The README's rule table and docs/columns.md are generated from the code; these tests keep
them in sync. Run with RISKCHECK_UPDATE_GOLDEN=1 to rewrite them after a deliberate change."""

from __future__ import annotations

import os
import re

from support import REPO
from riskcheck import schema
from riskcheck.cli.rules import rules_markdown
from riskcheck.config import rules_table

UPDATE = os.environ.get("RISKCHECK_UPDATE_GOLDEN") == "1"


def _block(text: str, marker: str) -> re.Match:
    match = re.search(rf"<!-- {marker} -->\n(.*?)<!-- /{marker} -->", text, re.S)
    assert match, f"README.md lacks the <!-- {marker} --> block"
    return match


def test_readme_rules_table_is_generated_from_the_rules():
    readme = REPO / "README.md"
    text = readme.read_text(encoding="utf-8")
    expected = rules_markdown(rules_table()) + "\n"
    match = _block(text, "rules-table")
    if UPDATE:
        readme.write_text(text[:match.start(1)] + expected + text[match.end(1):], encoding="utf-8")
        return
    assert match.group(1) == expected


def test_columns_page_is_generated_from_the_schema():
    page = REPO / "docs" / "columns.md"
    if UPDATE:
        page.write_text(schema.columns_markdown(), encoding="utf-8")
    assert page.read_text(encoding="utf-8") == schema.columns_markdown()
    for name in schema.ACTIVITY_COLUMNS:
        assert f"`{name}`" in page.read_text(encoding="utf-8")


def test_readme_commands_are_the_ones_ci_runs():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    test_cmd = _block(text, "test-command").group(1)
    assert "pytest" in test_cmd and ".[test]" in test_cmd
    main_cmd = _block(text, "main-command").group(1)
    assert "riskcheck check sample_data/" in main_cmd
    assert "test-command" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
