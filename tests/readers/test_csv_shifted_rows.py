"""A list row whose cells do not fit the header (a cell added or lost) is reported with its
line number and not read as a session: read by position, its values land in wrong columns."""

from __future__ import annotations

import pytest

from riskcheck.errors import FileProblem
from riskcheck.readers.base import ReadOptions
from riskcheck.readers.csv import read_csv_log


def _read(text: str):
    return read_csv_log(text.encode(), "log.csv", ReadOptions())


def test_rows_with_more_or_fewer_cells_are_named_by_line():
    text = ("date,distance_km,duration,notes\n"
            "2024-01-02,10,50:00,easy\n"
            "2024-01-03,5:10,8,40:00,tempo\n"   # line 3: a pace cell slipped in
            "2024-01-04,12,1:00:00,long\n"
            "2024-01-05,6\n")                   # line 5: cells lost
    activities = _read(text)
    assert [a.start_local.day for a in activities] == [2, 4]
    warning = " ".join(activities[0].warnings)
    assert "2 row(s) not read" in warning and "line 3 (5 cells), 5 (2 cells)" in warning


def test_trailing_empty_cells_are_not_a_shift():
    activities = _read("date,distance_km,duration\n2024-01-02,10,50:00,,\n2024-01-03,5,25:00\n")
    assert len(activities) == 2 and "not read" not in " ".join(activities[0].warnings)


def test_a_file_of_only_shifted_rows_says_so():
    with pytest.raises(FileProblem, match="fits its header.*line 2"):
        _read("date,distance_km,duration\n2024-01-02,10,50:00,x,y\n")
