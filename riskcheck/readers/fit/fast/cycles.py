"""Long runs of a repeating cycle of data messages, counted with strided slices of header bytes.

Devices interleave a few message types in a fixed order (record, hrv, record, hrv, ...). Data
messages of one header byte have one size, so from a known message boundary a cycle of header
bytes fixes where every later message of the cycle starts. Checking the header byte at each of
those places, phase by phase and cycle after cycle, proves them message boundaries: each match
fixes the size of its message and so the place of the next one.

A run pays off only when long: slicing costs about as much as stepping a few dozen messages
one by one (walk.py), and irregular files (FR955: an odd message every ten cycles or so) break
their cycle long before that. So a cycle is first probed far ahead, one byte per message.
"""

from __future__ import annotations

from typing import NamedTuple

MIN_REPEATS = 16       # shorter runs are stepped one by one for less
WINDOW_GROWTH = 4      # long runs (minutes of records) take a few growing windows
# Cycles counted by the first slice: most runs that pass the probe are shorter (Wahoo:
# stretches of 16-200 records between definitions), and slicing 256 costs about what 16 does.
FIRST_WINDOW = 256
_AS_BYTES = [bytes((value,)) for value in range(256)]


class Cycle(NamedTuple):
    headers: bytes              # header byte of each message, in order
    offsets: tuple[int, ...]    # where each message starts, from the start of the cycle
    length: int                 # bytes of one whole cycle


def cycle_of(headers: bytes, stride: list[int]) -> Cycle | None:
    """The cycle these header bytes make with the current message sizes; None when one of
    them is no data message the walk may step over (stride 0)."""
    offsets = []
    length = 0
    for header in headers:
        size = stride[header]
        if not size:
            return None
        offsets.append(length)
        length += size
    return Cycle(headers, tuple(offsets), length)


def repeats(data: bytes, pos: int, end: int, cycle: Cycle) -> int:
    """How many whole times `cycle` repeats from the message boundary `pos`, before `end`;
    0 unless at least MIN_REPEATS times."""
    step = cycle.length
    probe = pos + (MIN_REPEATS - 1) * step
    if probe + step > end:
        return 0
    for offset, header in zip(cycle.offsets, cycle.headers):
        # Where a short run ends, the bytes far ahead are another message's: most guesses
        # stop here, for a few byte reads.
        if data[probe + offset] != header:
            return 0
    count, window = 0, FIRST_WINDOW
    while True:
        n = wanted = min(window, (end - pos) // step)
        for offset, header in zip(cycle.offsets, cycle.headers):
            start = pos + offset
            column = data[start:start + n * step:step]
            n = min(n, len(column) - len(column.lstrip(_AS_BYTES[header])))
        count += n
        if n < wanted or n == 0:
            return count if count >= MIN_REPEATS else 0
        pos += n * step
        window *= WINDOW_GROWTH
