"""The notebooks run top to bottom on the committed sample data, and are committed with their
outputs. Each runs in a temporary copy of notebooks/ and sample_data/, so the committed files are
never rewritten (re-execute and save them with run_notebooks.py, see notebooks/README.md)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from run_notebooks import NOTEBOOKS, REPO, execute, notebook_paths

MAX_NOTEBOOK_BYTES = 400_000  # outputs stay small: modest PNGs, no huge tables
NOTEBOOK_IDS = [p.name for p in notebook_paths()]


def _code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def test_the_four_notebooks_of_the_tour_are_there():
    assert {"01_quick_start.ipynb", "02_coach_roster.ipynb", "03_thresholds_and_custom_rules.ipynb",
            "04_flags_and_back_pain.ipynb"} <= set(NOTEBOOK_IDS)


def test_the_do_flags_predict_pain_notebook_has_the_backtest_and_the_cohort():
    nb = nbformat.read(NOTEBOOKS / "do_flags_predict_pain.ipynb", as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "tests the evaluator, not the rules" in text
    assert "## One runner's backtest" in text and "Placeholder" not in text


@pytest.mark.parametrize("name", NOTEBOOK_IDS)
def test_committed_with_outputs_from_one_clean_run(name):
    path = NOTEBOOKS / name
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    counts = [c.execution_count for c in _code_cells(nb)]
    assert counts == list(range(1, len(counts) + 1)), "re-run the whole notebook before committing"
    outputs = [o for c in _code_cells(nb) for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"], "warnings in the outputs"
    assert any("image/png" in o.get("data", {}) for o in outputs), "a tour without a chart"
    assert path.stat().st_size < MAX_NOTEBOOK_BYTES


@pytest.mark.parametrize("name", NOTEBOOK_IDS)
def test_runs_top_to_bottom_on_the_sample_data(name, tmp_path):
    shutil.copytree(REPO / "sample_data", tmp_path / "sample_data")
    (tmp_path / "notebooks").mkdir()
    copy = tmp_path / "notebooks" / name
    shutil.copy(NOTEBOOKS / name, copy)
    nb = execute(nbformat.read(copy, as_version=4), copy.parent)  # raises at the first failing cell
    assert all(c.execution_count is not None for c in _code_cells(nb))
    assert sorted(p.name for p in copy.parent.iterdir()) == [name], "a notebook wrote into its folder"


def test_the_kernel_is_this_python(tmp_path):
    """The project's venv (sys.prefix), not whatever "python3" kernel the machine registered."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import sys; print(sys.prefix)")])
    printed = execute(nb, tmp_path).cells[0].outputs[0].text.strip()
    assert Path(printed) == Path(sys.prefix)
