"""The diary CSV read on its own: known by its header, bad rows warned with their line, a day
noted twice kept once (the later row)."""

from __future__ import annotations

import math
from datetime import date

import pytest

from riskcheck.diary.format import looks_like_diary, read_diary
from riskcheck.errors import FileProblem

HEADER = "date,back_pain,other_pain,injury,days_lost,note\n"


@pytest.mark.parametrize("head, expected", [
    (HEADER, True),
    ("\ufeffDate;Back_Pain;Note\r\n", True),            # BOM, capitals, a spreadsheet's ';'
    ("date,injury\n", True),                             # an injury log alone
    ("date,note\n", False),                              # notes alone say nothing about pain
    ("date,distance_km,duration,back_pain\n", False),    # the simple log: activities
    ("date,back_pain,mood\n", False),                    # an unknown column: not this format
    ("\x00\x01binary", False),
    ("<?xml\rversion", False),                          # a lone CR: no csv.Error escapes
    ('date,"back_pain\n', False),                      # an open quote in the first line
])
def test_a_diary_is_known_by_its_header(head, expected):
    data = head.encode("utf-8") if isinstance(head, str) else head
    assert looks_like_diary(data) is expected


def test_rows_are_read_with_every_column():
    text = HEADER + '2025-03-02,4,1.5,yes,2,"stiff, after hills"\n2025-03-03,,,,,\n'
    rows, warnings = read_diary(text.encode(), "d.csv", today=date(2025, 3, 10))
    assert warnings == []
    first, second = rows
    assert first == {"date": date(2025, 3, 2), "back_pain": 4.0, "other_pain": 1.5, "injury": True,
                     "days_lost": 2.0, "note": "stiff, after hills", "source_file": "d.csv"}
    assert math.isnan(second["back_pain"]) and second["injury"] is False


@pytest.mark.parametrize("cell", ["ja", "oui", "Sí", "TRUE", "1", "y"])
def test_injury_takes_the_simple_logs_yes_words(cell):
    rows, _ = read_diary(f"date,injury\n2025-03-02,{cell}\n".encode(), "d.csv", today=date(2025, 3, 10))
    assert rows[0]["injury"] is True


@pytest.mark.parametrize("row, problem", [
    ("02/03/2025,3,,,,", "date '02/03/2025' is not YYYY-MM-DD"),
    ("2025-02-30,3,,,,", "is not YYYY-MM-DD"),
    ("2025-03-02,11,,,,", "back_pain 11 is outside 0-10"),
    ("2025-03-02,3,-1,,,", "other_pain -1 is outside 0-10"),
    ("2025-03-02,3,,maybe,,", "injury 'maybe' is not yes or no"),
    ("2025-03-02,3,,yes,1.5,", "days_lost 1.5 is not a whole number"),
    ("2025-04-30,3,,,,", "is in the future"),
    (",3,,,,", "no date"),
])
def test_a_bad_row_is_left_out_with_its_line_and_the_rest_kept(row, problem):
    text = HEADER + "2025-03-01,2,,,,\n" + row + "\n2025-03-05,1,,,,\n"
    rows, warnings = read_diary(text.encode(), "d.csv", today=date(2025, 3, 10))
    assert [r["date"] for r in rows] == [date(2025, 3, 1), date(2025, 3, 5)]
    assert len(warnings) == 1 and warnings[0].startswith("diary row on line 3 left out: ")
    assert problem in warnings[0]


def test_a_day_noted_twice_keeps_the_later_row_and_says_so():
    text = HEADER + "2025-03-01,2,,,,first\n2025-03-02,0,,,,\n2025-03-01,6,,,,second\n"
    rows, warnings = read_diary(text.encode(), "d.csv", today=date(2025, 3, 10))
    assert [(r["date"].day, r["note"]) for r in rows] == [(2, ""), (1, "second")]
    assert warnings == ["diary line 4: a second row for 2025-03-01 (line 2), the later one kept"]


def test_a_note_with_a_line_break_is_one_row_and_line_numbers_follow_the_file():
    text = HEADER + '2025-03-01,2,,,,"two\nlines"\n2025-03-02,12,,,,\n'
    rows, warnings = read_diary(text.encode(), "d.csv", today=date(2025, 3, 10))
    assert rows[0]["note"] == "two\nlines"
    assert warnings == ["diary row on line 4 left out: back_pain 12 is outside 0-10"]


@pytest.mark.parametrize("data, reason", [
    (b"date,back_pain\n\x00\x00junk", "binary data"),
    (b"date,back_pain\n2025-03-01,\xff\xfe3\n", "not UTF-8"),
])
def test_a_damaged_diary_is_a_file_problem(data, reason):
    with pytest.raises(FileProblem, match=reason):
        read_diary(data, "d.csv")


def test_a_last_row_cut_inside_its_quotes_is_left_out_not_merged():
    text = HEADER + '2025-03-01,2,,,,ok\n2025-03-02,3,,,,"cut'
    rows, warnings = read_diary(text.encode(), "d.csv", today=date(2025, 3, 10))
    assert [r["note"] for r in rows] == ["ok"]
    assert warnings == ["diary row on line 3 left out: a quoted cell is never closed (cut short?)"]
