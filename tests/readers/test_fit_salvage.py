"""A damaged FIT file that loses most of its records is not read silently.

The reader keeps the records decoded before the damage. When the file's own session message
survived (written before the records, as here) and the records kept cover far less than its
duration or distance, a warning says how much, and the activity's totals are the session's.
Both ways a file gets damaged are checked: truncation, and a definition no decoder can read
(a developer field that was never described).
"""

from __future__ import annotations

import pytest

from riskcheck.readers.base import ReadOptions
from riskcheck.readers.fit.reader import read_fit
from fit_helpers import Block, fit_bytes

ENUM, UINT8, UINT16, UINT32 = 0x00, 0x02, 0x84, 0x86
T0 = 1_000_000_000
RECORDS = 900
SPEED_CM_S = 300
OPTIONS = ReadOptions()
RECORD_FIELDS = [(253, 4, UINT32), (5, 4, UINT32), (3, 1, UINT8)]
SESSION_DISTANCE_M = (RECORDS - 1) * SPEED_CM_S / 100
SESSION_ELAPSED_S = RECORDS - 1


def _records(first: int, last: int) -> list[list[int]]:
    return [[T0 + i, i * SPEED_CM_S, 150] for i in range(first, last)]


def _head() -> list[Block]:
    """file_id, then the session (some devices write it first), then the activity."""
    elapsed_ms = SESSION_ELAPSED_S * 1000
    return [
        Block(0, 0, [(0, 1, ENUM), (1, 2, UINT16), (2, 2, UINT16), (4, 4, UINT32)],
              [[4, 1, 1, T0]]),
        Block(2, 18, [(253, 4, UINT32), (2, 4, UINT32), (7, 4, UINT32), (8, 4, UINT32),
                      (9, 4, UINT32), (5, 1, ENUM), (6, 1, ENUM)],
              [[T0 + RECORDS, T0, elapsed_ms, elapsed_ms, (RECORDS - 1) * SPEED_CM_S, 1, 0]]),
        Block(3, 34, [(253, 4, UINT32), (5, 4, UINT32)], [[T0 + RECORDS, T0 + RECORDS + 3600]]),
    ]


def truncated(kept_share: float) -> bytes:
    whole = fit_bytes(_head() + [Block(1, 20, RECORD_FIELDS, _records(0, RECORDS))])
    record_bytes = 1 + sum(size for _, size, _ in RECORD_FIELDS)
    records_at = len(whole) - 2 - RECORDS * record_bytes
    return whole[:records_at + int(kept_share * RECORDS) * record_bytes + 3]


def with_undescribed_developer_field(kept: int) -> bytes:
    return fit_bytes(_head() + [
        Block(1, 20, RECORD_FIELDS, _records(0, kept)),
        # developer data index 0 was never described: fitparse stops here, and so must any
        # decoder, since the field's base type is unknown
        Block(1, 20, RECORD_FIELDS, _records(kept, RECORDS), dev_fields=((0, 2, 0),)),
    ])


FAR_SHORT = {
    "truncated after 10 % of the records": truncated(0.1),
    "an undecodable definition after 60 records": with_undescribed_developer_field(60),
}


@pytest.mark.parametrize("name", FAR_SHORT)
def test_far_short_salvage_is_said_and_totals_are_the_sessions(name):
    (activity,) = read_fit(FAR_SHORT[name], name, OPTIONS)
    assert 0 < len(activity.samples) < RECORDS / 5
    assert any(w.startswith("damaged FIT file (") for w in activity.warnings)
    (short,) = [w for w in activity.warnings if "cover only" in w]
    assert f"of its {SESSION_DISTANCE_M / 1000:.2f} km" in short
    assert f"of its {SESSION_ELAPSED_S / 60:.1f} min" in short
    assert activity.totals["distance_m"] == pytest.approx(SESSION_DISTANCE_M)
    assert activity.totals["elapsed_s"] == pytest.approx(SESSION_ELAPSED_S)


@pytest.mark.parametrize("data", [truncated(0.9), with_undescribed_developer_field(RECORDS - 30)],
                         ids=["truncated after 90 %", "undecodable definition near the end"])
def test_salvage_covering_most_of_the_session_only_notes_the_damage(data):
    (activity,) = read_fit(data, "x", OPTIONS)
    assert any(w.startswith("damaged FIT file (") for w in activity.warnings)
    assert not any("cover only" in w for w in activity.warnings)
