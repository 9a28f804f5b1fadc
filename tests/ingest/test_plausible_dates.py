"""A typo in a year leaves that activity out with a warning; the rest of the file counts."""

from __future__ import annotations

import riskcheck


def test_implausible_years_are_left_out_with_a_warning(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text("date,distance_km,duration\n2024-03-01,8,0:45:00\n2206-03-03,10,0:55:00\n"
                   "1066-10-14,5,0:30:00\n2024-03-05,6,0:35:00\n", encoding="utf-8")
    result = riskcheck.read(log, workers=1)
    assert result.activities["local_date"].dt.year.tolist() == [2024, 2024]
    (file,) = result.files.itertuples()
    assert file.status == "read" and file.activities == 2
    assert file.warnings.count("is not a plausible date") == 2
