"""One pass over the record headers of a FIT file.

The walk reads definition messages in full (they are few) and, for data messages, only their
header byte: data messages of one local type have a fixed size. It steps over data messages
one by one, in a tight loop; after every chunk of them it looks whether the last 1-4 messages
start a long run of one cycle (record, hrv, record, hrv, ...), which cycles.py counts with
strided slices instead of a Python step per message. Irregular files (FR955: record, hrv and
two others, with an odd message every ten cycles or so) have no long runs: stepping is the
cheapest there, so the walk looks for runs less and less often while it finds none.
Developer-data descriptions are read as they come, because later definitions refer to them."""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from itertools import accumulate
from typing import NamedTuple

import numpy as np

from riskcheck.readers.fit import profile as p
from .cycles import MIN_REPEATS, Cycle, cycle_of, repeats
from .errors import FitFastUnsupported
from .header import FitSegment

NOT_DATA = 0xFF   # key of a definition header: never equal to a local message type


def _header_key(byte: int) -> int:
    if byte & p.COMPRESSED_HEADER_BIT:
        return (byte >> p.COMPRESSED_LOCAL_SHIFT) & p.COMPRESSED_LOCAL_MASK
    if byte & p.DEFINITION_BIT:
        return NOT_DATA
    return byte & p.LOCAL_TYPE_MASK


# The local message type each header byte announces (NOT_DATA for definitions).
HEADER_KEYS = bytes(_header_key(b) for b in range(256))
HEADERS_OF_LOCAL = [[b for b in range(len(HEADER_KEYS)) if HEADER_KEYS[b] == local]
                    for local in range(p.LOCAL_TYPE_MASK + 1)]


def _stepped_headers(local: int) -> list[slice]:
    """The header bytes of a local type that the walk steps over fast: the plain one and, for
    local types 0-3, the compressed-timestamp ones (local type 1: 1 and 160-191). Bytes with
    reserved bits set are legal but unseen: the slow path takes them, so that a definition
    (Wahoo writes hundreds) updates two slices, not five."""
    compressed = [h for h in HEADERS_OF_LOCAL[local] if h & p.COMPRESSED_HEADER_BIT]
    return [slice(local, local + 1)] + (
        [slice(compressed[0], compressed[-1] + 1)] if compressed else [])


STEPPED_HEADERS_OF_LOCAL = [_stepped_headers(local) for local in range(p.LOCAL_TYPE_MASK + 1)]
MAX_PERIOD = 4         # longest cycle of messages looked for (FR955: record, hrv, 2 others)
LOOK_BACK = range(1, MAX_PERIOD + 1)
# Bytes of data messages stepped one by one before looking for a long run; doubled after
# each look that found none, up to the most, so irregular files seldom pay for looking.
STEP_CHUNK_MIN = 1 << 10
STEP_CHUNK_MAX = 1 << 16


@dataclass(frozen=True)
class DevDescription:
    """A developer field as its field_description message declares it."""
    developer_data_index: int
    field_number: int
    name: str
    base_type: int
    units: str | None
    scale: int | None
    offset: int | None
    native_field_num: int | None


class FieldLayout(NamedTuple):   # a tuple: definitions with many fields are built often
    number: int
    offset: int          # byte offset inside the message, header byte included
    size: int
    base_type: int
    developer: DevDescription | None = None


@dataclass
class Layout:
    """What one definition message declares: the fixed shape of its data messages."""
    global_num: int
    big_endian: bool
    fields: list[FieldLayout]
    dev_fields: list[FieldLayout]
    stride: int          # header byte + data bytes

    @property
    def signature(self) -> tuple:
        return (self.global_num, self.big_endian, tuple(self.fields), tuple(self.dev_fields))


@dataclass
class Walk:
    layouts: list[Layout] = field(default_factory=list)
    # Every data message in file order: offset of its header byte, the byte, its layout.
    offset: np.ndarray | None = None
    header: np.ndarray | None = None
    layout: np.ndarray | None = None
    # Offset of the definition message behind each entry of `layouts` (accumulators restart
    # there, as fitparse restarts them).
    definition_offsets: list[int] = field(default_factory=list)
    segment_starts: list[int] = field(default_factory=list)


class _DeveloperRegistry:
    """developer_data_id and field_description messages seen so far, as fitparse keeps them."""

    def __init__(self):
        self.fields: dict[int, dict[int, DevDescription]] = {}

    def add_data_id(self, values: dict[int, object]):
        index = values.get(p.DDI_DEVELOPER_DATA_INDEX)
        self.fields[index] = {}   # a new developer_data_id starts an empty field list

    def add_description(self, values: dict[int, object]):
        index = values.get(p.FD_DEVELOPER_DATA_INDEX)
        number = values.get(p.FD_FIELD_DEFINITION_NUMBER)
        base_type = values.get(p.FD_BASE_TYPE)
        if index not in self.fields:
            raise FitFastUnsupported(f"field_description for unknown developer index {index}")
        if base_type not in p.BASE_TYPES:
            raise FitFastUnsupported(f"developer field with unknown base type {base_type}")
        name = values.get(p.FD_FIELD_NAME) or f"unnamed_dev_field_{number}"
        self.fields[index][number] = DevDescription(
            index, number, name, base_type, values.get(p.FD_UNITS), values.get(p.FD_SCALE),
            values.get(p.FD_OFFSET), values.get(p.FD_NATIVE_FIELD_NUMBER))

    def lookup(self, index: int, number: int) -> DevDescription:
        try:
            return self.fields[index][number]
        except KeyError:
            raise FitFastUnsupported(
                f"developer field {number} of developer index {index} was never described"
            ) from None


def parse_string(raw: bytes) -> str | None:
    """FIT strings end at the first NUL; some writers leave them unterminated."""
    return raw.split(b"\x00", 1)[0].decode("utf-8", errors="replace") or None


def read_message_values(data: bytes, start: int, layout: Layout) -> dict[int, object]:
    """Field number -> value of the profile's fields in one data message, read one by one
    (for the rare messages the walk itself needs). Invalid values become None."""
    values: dict[int, object] = {}
    endian = ">" if layout.big_endian else "<"
    wanted = p.MESSAGES[layout.global_num].fields
    for f in layout.fields:
        if f.number not in wanted:
            continue
        if f.base_type not in p.BASE_TYPES:
            raise FitFastUnsupported(f"unknown base type {f.base_type:#x} in a "
                                     f"{p.MESSAGES[layout.global_num].name} message")
        raw = data[start + f.offset:start + f.offset + f.size]
        base = p.BASE_TYPES[f.base_type]
        if f.base_type == p.STRING:
            values[f.number] = parse_string(raw)
        elif f.size % p.ELEMENT_SIZES[f.base_type] == 0 and f.base_type != p.BYTE:
            # an array: its first element is the value
            value = struct.unpack_from(endian + _STRUCT_CODES[base.numpy_code], raw)[0]
            values[f.number] = None if value == base.invalid else value
        else:
            raise FitFastUnsupported(f"{p.MESSAGES[layout.global_num].name} field {f.number} "
                                     f"stored as {f.size} bytes of {base.name}")
    return values


_STRUCT_CODES = {"u1": "B", "i1": "b", "u2": "H", "i2": "h", "u4": "I", "i4": "i",
                 "u8": "Q", "i8": "q", "f4": "f", "f8": "d"}


def _read_definition(data: bytes, pos: int, end: int, header: int,
                     developers: _DeveloperRegistry) -> tuple[Layout, int]:
    fixed = data[pos + 1:pos + 1 + p.DEFINITION_FIXED_SIZE]
    if len(fixed) < p.DEFINITION_FIXED_SIZE:
        raise FitFastUnsupported(f"truncated definition message at byte {pos}")
    big_endian = fixed[1] == p.ARCHITECTURE_BIG_ENDIAN
    global_num = int.from_bytes(fixed[2:4], "big" if big_endian else "little")
    cursor = pos + 1 + p.DEFINITION_FIXED_SIZE
    triples = _field_triples(data, cursor, fixed[4], pos)
    cursor += len(triples) * p.FIELD_DEFINITION_SIZE
    triples = [_readable_field(number, size, base_type, pos) for number, size, base_type in triples]
    offsets = list(accumulate((size for _, size, _ in triples), initial=1))  # after the header
    fields = [FieldLayout(number, offset, size, base_type)
              for (number, size, base_type), offset in zip(triples, offsets)]
    dev_fields = []
    if header & p.DEVELOPER_DATA_BIT:
        if cursor >= len(data):
            raise FitFastUnsupported(f"truncated definition message at byte {pos}")
        dev_triples = _field_triples(data, cursor + 1, data[cursor], pos)
        cursor += 1 + len(dev_triples) * p.FIELD_DEFINITION_SIZE
        for number, size, index in dev_triples:
            description = developers.lookup(index, number)
            _check_field(number, size, description.base_type, pos)
            dev_fields.append(FieldLayout(number, offsets[-1], size, description.base_type,
                                          description))
            offsets.append(offsets[-1] + size)
    if cursor > end:
        raise FitFastUnsupported(f"definition message at byte {pos} runs past the data")
    return Layout(global_num, big_endian, fields, dev_fields, offsets[-1]), cursor


def _field_triples(data: bytes, start: int, count: int, pos: int) -> list[tuple[int, int, int]]:
    """(field number, size, base type or developer index) of `count` field definitions."""
    raw = data[start:start + count * p.FIELD_DEFINITION_SIZE]
    if len(raw) < count * p.FIELD_DEFINITION_SIZE:
        raise FitFastUnsupported(f"truncated definition message at byte {pos}")
    step = p.FIELD_DEFINITION_SIZE
    return list(zip(raw[0::step], raw[1::step], raw[2::step]))


def _check_field(number: int, size: int, base_type: int, pos: int):
    # An unknown base type is read as bytes, like fitparse; the decoder refuses it only in
    # the fields it decodes.
    if size == 0 or size % p.ELEMENT_SIZES.get(base_type, 1):
        raise FitFastUnsupported(
            f"field {number} of size {size} does not fit base type {base_type:#x} "
            f"(definition at byte {pos})")


def _readable_field(number: int, size: int, base_type: int, pos: int) -> tuple[int, int, int]:
    """A field definition as the decoder reads it. A size that is a multiple of the base
    type's size is an array of that many elements (the decoder keeps the first where it
    wants one value); any other size holds no readable value: the field becomes
    p.UNREADABLE_FIELD, bytes the decoder steps over, and the message decodes on."""
    if size and size % p.ELEMENT_SIZES.get(base_type, 1):
        return p.UNREADABLE_FIELD, size, p.BYTE
    _check_field(number, size, base_type, pos)
    return number, size, base_type


class _Definition(NamedTuple):
    """One definition text, parsed, with what the walk does on meeting it."""
    layout: Layout
    length: int              # bytes of the definition message
    local_type: int
    stepped_size: int        # stride of its data messages in the step loop; 0: the slow path
    stride_fills: list[tuple[slice, list[int]]]   # that stride, for each stepped header byte
    own_run: Cycle | None    # its data messages one after another (plain header byte)
    run_probe: int           # bytes ahead where a long run of them has its header byte


def _definition_entry(layout: Layout, length: int, header: int) -> _Definition:
    local_type = header & p.LOCAL_TYPE_MASK
    size = 0 if layout.global_num in _READ_WHILE_WALKING else layout.stride
    fills = [(headers, [size] * (headers.stop - headers.start))
             for headers in STEPPED_HEADERS_OF_LOCAL[local_type]]
    own_run = Cycle(bytes((local_type,)), (0,), size) if size else None
    return _Definition(layout, length, local_type, size, fills, own_run,
                       (MIN_REPEATS - 1) * size)


class _Walker:
    """Walks one FIT file's records; see the module docstring."""

    def __init__(self, data: bytes):
        self.data = data
        self.developers = _DeveloperRegistry()
        self.result = Walk()
        self.singles: list[int] = []     # header offsets of data messages outside runs
        self.runs: list[int] = []   # first header offset, count, stride; flat: one array
        # Devices repeat identical definitions hundreds of times (Wahoo: 838 of 56 texts):
        # parse each text once. Emptied when a developer field is described, since
        # definitions refer to those descriptions.
        self.definition_cache: dict[bytes, _Definition] = {}

    def segment(self, segment: FitSegment):
        data, singles = self.data, self.singles
        layouts, definition_offsets = self.result.layouts, self.result.definition_offsets
        append = singles.append
        local = [NO_LAYOUT] * (p.LOCAL_TYPE_MASK + 1)
        # Size per header byte of the data messages the walk may step over; 0 sends the byte
        # to the slow path (definitions, undefined types, developer descriptions, reserved bits).
        stride = [0] * len(HEADER_KEYS)
        chunk = STEP_CHUNK_MIN
        pos, end = segment.data_start, segment.data_end
        self.result.segment_starts.append(pos)
        while pos < end:
            stepped_from = len(singles)
            limit = min(end, pos + chunk)
            while pos < limit:
                size = stride[data[pos]]
                if not size:
                    break
                append(pos)
                pos += size
            else:
                if pos < end and len(singles) - stepped_from >= MAX_PERIOD:
                    # A chunk of data messages only: a long run of a cycle may follow.
                    run_end = self._run(pos, end, stride)
                    # Irregular files break their cycles often: look less often there.
                    chunk = STEP_CHUNK_MIN if run_end > pos else min(2 * chunk, STEP_CHUNK_MAX)
                    pos = run_end
                continue
            header = data[pos]
            key = HEADER_KEYS[header]
            if key == NOT_DATA:
                (layout, length, local_type, size, stride_fills, own_run,
                 run_probe) = self._definition(pos, end)
                local[local_type] = len(layouts)
                layouts.append(layout)
                definition_offsets.append(pos)
                if stride[local_type] != size:   # devices mostly redefine a type as it was
                    for headers, sizes in stride_fills:
                        stride[headers] = sizes
                pos += length
                # Wahoo writes a definition before each stretch of one message type: a long
                # stretch is counted at once. Most are short and fail this one-byte probe
                # (the plain header byte of a local type is the type).
                probe = pos + run_probe
                if own_run and probe < end and data[probe] == local_type:
                    pos = self._count_run(pos, end, own_run)
                continue
            if local[key] == NO_LAYOUT:
                raise FitFastUnsupported(f"data message of undefined local type {key} at {pos}")
            layout = layouts[local[key]]
            read = _READ_WHILE_WALKING.get(layout.global_num)
            if read:
                read(self.developers, read_message_values(data, pos, layout))
                self.definition_cache.clear()
            append(pos)
            pos += layout.stride
        if pos != end:
            raise FitFastUnsupported(f"last message of the FIT file at byte {segment.start} "
                                     "runs past its data size")

    def _run(self, pos: int, end: int, stride: list[int]) -> int:
        """Where a run of the cycle that the last few stepped messages make, repeated from
        the boundary `pos`, ends (`pos` itself when there is no long run); the cycle that
        broke off is stepped up to its odd message."""
        data, singles = self.data, self.singles
        header = data[pos]
        for back in LOOK_BACK:
            if data[singles[-back]] == header:   # the last `back` messages may repeat
                cycle = cycle_of(bytes([data[q] for q in singles[-back:]]), stride)
                break
        else:
            return pos
        count = repeats(data, pos, end, cycle) if cycle else 0
        if not count:
            return pos
        for offset in cycle.offsets:
            self.runs += (pos + offset, count, cycle.length)
        pos += count * cycle.length
        for offset, expected in zip(cycle.offsets, cycle.headers):
            if pos + offset >= end or data[pos + offset] != expected:
                return pos + offset
            singles.append(pos + offset)
        return pos + cycle.length   # whole, yet past `end`: refused by the caller

    def _count_run(self, pos: int, end: int, cycle: Cycle) -> int:
        """Where a long run of `cycle` from the boundary `pos` ends (`pos`: no long run)."""
        count = repeats(self.data, pos, end, cycle)
        if count:
            self.runs += (pos, count, cycle.length)
        return pos + count * cycle.length

    def _definition(self, pos: int, end: int) -> _Definition:
        """The definition message at `pos`, parsed (or found parsed before)."""
        data = self.data
        fields_at = pos + 1 + p.DEFINITION_FIXED_SIZE
        length = fields_at - pos + data[fields_at - 1] * p.FIELD_DEFINITION_SIZE
        if data[pos] & p.DEVELOPER_DATA_BIT:
            length += 1 + data[pos + length] * p.FIELD_DEFINITION_SIZE
        text = data[pos:pos + length]
        known = self.definition_cache.get(text)
        if known is None:
            layout, _ = _read_definition(data, pos, end, data[pos], self.developers)
            known = self.definition_cache[text] = _definition_entry(layout, length, data[pos])
        return known

    def finish(self) -> Walk:
        result = self.result
        start, count, stride = np.array(self.runs, dtype=np.int64).reshape(-1, 3).T
        first_of_run = np.repeat(np.cumsum(count) - count, count)
        in_run = np.repeat(start, count) + (
            np.arange(count.sum()) - first_of_run) * np.repeat(stride, count)
        # Already sorted stretches: the stable (merging) sort is many times faster here.
        singles = np.fromiter(self.singles, np.int64, len(self.singles))
        result.offset = np.sort(np.concatenate((singles, in_run)), kind="stable")
        result.header = np.frombuffer(self.data, dtype=np.uint8)[result.offset]
        key = np.frombuffer(HEADER_KEYS, dtype=np.uint8).take(result.header)
        result.layout = _layout_of_messages(result.offset, key, result.definition_offsets,
                                            self.data)
        return result


def _layout_of_messages(offsets: np.ndarray, local_types: np.ndarray,
                        definition_offsets: list[int], data: bytes) -> np.ndarray:
    """Index of the layout of each data message: the last definition of its local type before
    it (the walk has checked that there is one, in the same chained file)."""
    definitions = np.fromiter(definition_offsets, np.int64, len(definition_offsets))
    defined_types = np.frombuffer(data, np.uint8).take(definitions) & p.LOCAL_TYPE_MASK
    # latest[d, t]: the last of definitions 0..d that defines local type t (-1: none yet)
    numbered = np.arange(len(definitions))
    latest = np.full((len(definitions), p.LOCAL_TYPE_MASK + 1), -1)
    latest[numbered, defined_types] = numbered
    np.maximum.accumulate(latest, axis=0, out=latest)
    # The definition each message follows: both lists are sorted, so finding where each of
    # the few definitions falls among the many messages is the cheap search.
    follows = np.searchsorted(offsets, definitions)
    current = np.repeat(np.arange(-1, len(definitions)),
                        np.diff(follows, prepend=0, append=len(offsets)))
    # latest[current, local_types], as a flat take: numpy's 2-D fancy index is ~3x slower
    return latest.ravel().take(current * latest.shape[1] + local_types)


NO_LAYOUT = -1
_READ_WHILE_WALKING = {
    p.MESG_DEVELOPER_DATA_ID: _DeveloperRegistry.add_data_id,
    p.MESG_FIELD_DESCRIPTION: _DeveloperRegistry.add_description,
}


def walk(data: bytes, segments: list[FitSegment]) -> Walk:
    walker = _Walker(data)
    for segment in segments:
        walker.segment(segment)
    return walker.finish()
