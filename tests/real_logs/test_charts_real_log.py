"""Chart golden case on a real log ($RISKCHECK_REAL_LOGS/kbrch_runkeeper): two and a half years
of Runkeeper, a 13-week break in 2015, the data moving from GPX files to the service's list and
back, and 20 long-run spikes whose labels would collide. The golden file holds what each chart
says (axes, notes, legend, how many marks, which spikes are labelled, where the source changes),
never the log's data. After a reviewed change:

    RISKCHECK_UPDATE_GOLDEN=1 .venv/bin/pytest tests/real_logs/test_charts_real_log.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from compare import read_riskcheck, zone_of
from riskcheck.checking import assess_read
from riskcheck.report.charts import build_charts, figure
from riskcheck.report.charts.vega import vega_lite

LOG = "kbrch_runkeeper"
GOLDEN = Path(__file__).parent / "golden" / f"charts_{LOG}.json"
UPDATE = os.environ.get("RISKCHECK_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="module")
def assessment(real_logs):
    folder = real_logs / LOG
    if not folder.is_dir():
        pytest.fail(f"{folder} is missing: the chart golden case needs this real log")
    result = read_riskcheck(folder, zone_of(folder))
    return assess_read(result.activities, None, diary=result.diary)


@pytest.fixture(scope="module")
def charts(assessment):
    return {chart.name: chart for chart in build_charts(assessment)}


def day(value) -> str:
    return f"{pd.Timestamp(value):%Y-%m-%d}"


def summary(chart) -> dict:
    if chart.empty:
        return {"left out": chart.empty}
    out = {"y": chart.y.title, "y domain": [round(v, 2) for v in chart.y.domain] if chart.y.domain else None,
           "notes": list(chart.notes), "legend": [label for label, _ in chart.legend],
           "marks": {layer.label or f"({layer.mark})": len(layer.data) for layer in chart.layers}}
    for layer in chart.layers:
        if layer.mark == "text":
            out["labels"] = [f"{day(x)} {t}" for x, t in zip(layer.data["x"], layer.data["text"])]
        if layer.label.startswith("data source changes"):
            out["source changes"] = [f"{day(x)} {t}" for x, t in zip(layer.data["x"], layer.data["text"])]
        if "above the axis" in layer.label:
            out["above the axis"] = [f"{day(x)} {v:.2f}" for x, v in zip(layer.data["x"], layer.data["y"])]
    return out


def test_charts_match_the_golden_case(charts):
    actual = {name: summary(chart) for name, chart in charts.items()}
    if UPDATE:
        GOLDEN.write_text(json.dumps(actual, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert GOLDEN.exists(), f"{GOLDEN} is missing: run with RISKCHECK_UPDATE_GOLDEN=1 to write it"
    assert actual == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_the_break_is_drawn_as_empty_weeks_not_left_out(charts, assessment):
    weekly = assessment.weekly
    empty = weekly[weekly["runs"] == 0]
    assert len(empty) >= 13
    bars = pd.concat([layer.data for layer in charts["weekly_distance"].layers if layer.label.startswith("week status")])
    assert set(empty["week_start"]) <= set(bars["week"]) and (bars.set_index("week").loc[empty["week_start"], "y"] == 0).all()
    # after the break the load ratio shoots up; the axis keeps its bands readable
    assert charts["acwr"].y.domain[1] <= 3.2 and "above the axis" in " ".join(l.label for l in charts["acwr"].layers)
    # and its line does not bridge the break: those weeks are gaps
    line = next(l for l in charts["acwr"].layers if l.label == "weekly peak of the ratio RC03 judges").data
    assert line.loc[line["week"].isin(empty["week_start"]), "y"].isna().sum() >= 13


def test_the_source_change_is_marked_on_the_charts_it_affects(charts):
    for name in ("weekly_distance", "long_runs", "climbing", "acwr", "fitness"):
        labels = [layer.label for layer in charts[name].layers]
        assert any(label.startswith("data source changes") for label in labels), name


def test_no_two_labels_overlap_in_either_picture(charts):
    for chart in charts.values():
        if chart.empty:
            continue
        vega_lite(chart)  # schema-valid
        ax = figure(chart).axes[0]
        ax.figure.canvas.draw()
        boxes = [t.get_window_extent() for t in ax.texts]
        assert all(not a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:]), chart.name
    plt.close("all")
