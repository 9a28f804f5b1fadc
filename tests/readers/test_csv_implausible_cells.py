"""Cells no export means: non-finite and oddly written numbers, negative distances and
durations, and distances no session covers are refused per cell with a warning (issue D7);
miles beside a km column are read (D15); two equal runs in one diary both count (D14)."""

from __future__ import annotations

import pytest

import riskcheck
from riskcheck.readers.csv.cells import duration_s, number


@pytest.mark.parametrize("cell", ["inf", "-inf", "Infinity", "INF", "1e999", "-1e400", "1_000", "10_5", "0x10",
                                  "nan(1)", "１０", "10e", "e5", "--5", "5-"])
def test_numbers_no_export_writes_are_refused(cell):
    with pytest.raises(ValueError):
        number(cell)


@pytest.mark.parametrize("cell, value", [("10", 10), ("-4", -4), ("+3.5", 3.5), (".5", 0.5), ("1e3", 1000),
                                         ("8,966", 8966), ("--", None)])
def test_plain_numbers_still_read(cell, value):
    assert number(cell) == pytest.approx(value) if value is not None else number(cell) != number(cell)


@pytest.mark.parametrize("cell", ["-40:00", "-0:30:00", "-40", "1_0:00", "inf", "1e999", "10:-5", "+40:00"])
def test_negative_and_non_finite_durations_are_refused(cell):
    with pytest.raises(ValueError):
        duration_s(cell, 60.0)


def _read(tmp_path, text: str):
    (tmp_path / "log.csv").write_text(text, encoding="utf-8")
    result = riskcheck.read(tmp_path / "log.csv", workers=1)
    return result.activities.sort_values("start_local").reset_index(drop=True), " | ".join(result.warnings.warning)


@pytest.mark.parametrize("unit_header, bad, good_m", [("distance", "12000", 10_000), ("distance", "-8", 10_000),
                                                      ("distance_km", "2000", 10_000), ("distance_km", "-0.5", 10_000),
                                                      ("distance_mi", "-3", 16_093.44), ("distance_m", "2e9", 10)])
def test_a_distance_no_session_covers_is_left_out_and_said(tmp_path, unit_header, bad, good_m):
    # the other rows of the log are 10 (km, mi or m as the header says)
    acts, warnings = _read(tmp_path, f"date,{unit_header},duration\n2025-03-01,{bad},0:40:00\n"
                           + "".join(f"2025-03-{d:02d},10,0:50:00\n" for d in range(2, 7)))
    assert acts["distance_m"].isna().tolist() == [True] + [False] * 5
    assert acts["distance_m"].iloc[1] == pytest.approx(good_m)
    assert "below 0 or above" in warnings and f"left out ({float(bad):g})" in warnings


@pytest.mark.parametrize("cell", ["inf", "Infinity", "1e999", "1_000"])
def test_non_finite_distances_never_reach_the_guidance(tmp_path, cell):
    acts, warnings = _read(tmp_path, "date,distance_km,duration\n" + "".join(
        f"2025-03-{d:02d},{cell if d == 5 else 8},0:45:00\n" for d in range(1, 10)))
    assert acts["distance_m"].isna().sum() == 1 and acts["distance_m"].max() == 8000
    assert "not understood" in warnings
    check = riskcheck.check(tmp_path / "log.csv")
    assert check.assessment.guidance.max_distance_m is None or check.assessment.guidance.max_distance_m < 1e6


def test_miles_beside_a_km_column_are_read(tmp_path):
    acts, _ = _read(tmp_path, "date,distance_km,distance_mi,duration\n2025-04-01,10,,0:50:00\n"
                              "2025-04-02,,5,0:40:00\n2025-04-03,8,5,0:40:00\n")
    assert acts["distance_m"].tolist() == pytest.approx([10_000, 8_046.72, 8_000])


@pytest.mark.parametrize("rows, count, km", [
    (["10,0:50:00", "10,0:50:00", "5,0:25:00"], 3, 25),
    (["10,0:50:00", "10,0:50:00", "10,0:50:00", "10,0:50:00"], 4, 40),
    (["21.1,1:45:00", "21.1,1:45:00"], 2, 42.2),
])
def test_equal_runs_on_one_day_of_one_diary_all_count(tmp_path, rows, count, km):
    acts, warnings = _read(tmp_path, "date,distance_km,duration\n" + "".join(f"2025-03-08,{r}\n" for r in rows))
    assert len(acts) == count and acts["distance_m"].sum() == pytest.approx(km * 1000)
    assert "identical in every field: both kept" in warnings


@pytest.mark.parametrize("length", [131_073, 300_000])
def test_one_very_long_note_costs_nothing(tmp_path, length):
    note = "x" * length
    acts, _ = _read(tmp_path, "date,distance_km,duration,notes\n2025-03-01,10,0:50:00,easy\n"
                              f'2025-03-02,12,1:00:00,"{note}"\n2025-03-03,8,0:40:00,\n')
    assert len(acts) == 3 and len(acts["notes"].iloc[1]) == length
