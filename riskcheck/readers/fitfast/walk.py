"""One pass over the record headers of a FIT file.

The walk reads definition messages in full (they are few) and, for data messages, only their
header byte: data messages of one local type have a fixed size. Devices write long runs of one
message, or short cycles (record, hrv, record, hrv, ...); when the last 1-4 messages start to
repeat, one strided slice of header bytes per message of the cycle checks how far the cycle
goes, instead of a Python step per message. Developer-data descriptions are read as they come,
because later definitions refer to them.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

import numpy as np

from . import profile as p
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
FIRST_WINDOW = 16      # repeats checked at once when a pattern starts; grows fourfold
MAX_PERIOD = 4         # longest cycle of messages looked for (FR955: record, hrv, 2 others)
LOOK_BACK = [range(1, n + 1) for n in range(MAX_PERIOD + 1)]


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


@dataclass(frozen=True)
class FieldLayout:
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
        self.version = 0   # changes with every message, so cached definitions stay right

    def add_data_id(self, values: dict[int, object]):
        index = values.get(p.DDI_DEVELOPER_DATA_INDEX)
        self.version += 1
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
        self.version += 1
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
        elif f.size == p.ELEMENT_SIZES[f.base_type] and f.base_type != p.BYTE:
            value = struct.unpack(endian + _STRUCT_CODES[base.numpy_code], raw)[0]
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
    count = fixed[4]
    cursor = pos + 1 + p.DEFINITION_FIXED_SIZE
    offset = 1                        # data starts after the record header byte
    fields = []
    for _ in range(count):
        number, size, base_type = data[cursor:cursor + p.FIELD_DEFINITION_SIZE]
        cursor += p.FIELD_DEFINITION_SIZE
        fields.append(_field_layout(number, offset, size, base_type, None, pos))
        offset += size
    dev_fields = []
    if header & p.DEVELOPER_DATA_BIT:
        dev_count = data[cursor]
        cursor += 1
        for _ in range(dev_count):
            number, size, index = data[cursor:cursor + p.FIELD_DEFINITION_SIZE]
            cursor += p.FIELD_DEFINITION_SIZE
            description = developers.lookup(index, number)
            dev_fields.append(
                _field_layout(number, offset, size, description.base_type, description, pos))
            offset += size
    if cursor > end:
        raise FitFastUnsupported(f"definition message at byte {pos} runs past the data")
    return Layout(global_num, big_endian, fields, dev_fields, offset), cursor


def _field_layout(number, offset, size, base_type, developer, pos) -> FieldLayout:
    # An unknown base type is read as bytes, like fitparse; the decoder refuses it only in
    # the fields it decodes.
    if size == 0 or size % p.ELEMENT_SIZES.get(base_type, 1):
        raise FitFastUnsupported(
            f"field {number} of size {size} does not fit base type {base_type:#x} "
            f"(definition at byte {pos})")
    return FieldLayout(number, offset, size, base_type, developer)


def _cycle_count(data: bytes, pos: int, pattern: list[int], end: int) -> int:
    """How many times the messages at `pattern` (consecutive header offsets ending just
    before `pos`) repeat, byte for byte in their header bytes, from `pos` on. Data messages
    of one local type have one size, so equal header bytes mean equal message boundaries."""
    cycle = pos - pattern[0]
    phases = [(q - pattern[0], bytes((data[q],))) for q in pattern]
    count, window = 0, FIRST_WINDOW
    while True:
        n = wanted = min(window, (end - pos) // cycle)
        if n <= 0:
            return count
        for offset, header in phases:
            start = pos + offset
            headers = data[start:start + n * cycle:cycle]
            n = min(n, len(headers) - len(headers.lstrip(header)))
        count += n
        if n < wanted:
            return count
        pos += n * cycle
        window *= 4


class _Walker:
    """Walks one FIT file's records; see the module docstring."""

    def __init__(self, data: bytes):
        self.data = data
        self.developers = _DeveloperRegistry()
        self.result = Walk()
        self.singles: list[int] = []     # header offsets of data messages outside runs
        self.runs: list[tuple[int, int, int]] = []   # (first header offset, count, stride)
        # local type -> layout index, after each definition (at result.definition_offsets)
        self.maps: list[list[int]] = []
        # Devices repeat identical definitions hundreds of times: parse each text once.
        self.definition_cache: dict[tuple[bytes, int], Layout] = {}

    def segment(self, segment: FitSegment):
        data, singles, runs = self.data, self.singles, self.runs
        append = singles.append
        local = [NO_LAYOUT] * (p.LOCAL_TYPE_MASK + 1)
        # Stride per header byte for data messages the tight loop may step over; 0 sends the
        # byte to the slow path (definitions, undefined types, developer descriptions).
        fast_stride = [0] * len(HEADER_KEYS)
        pos, end = segment.data_start, segment.data_end
        self.result.segment_starts.append(pos)
        while pos < end:
            in_a_row = 0   # messages just walked one by one, consecutively
            while pos < end:
                header = data[pos]
                stride = fast_stride[header]
                if not stride:
                    break
                cycles = 0
                for back in LOOK_BACK[in_a_row]:
                    if data[singles[-back]] == header:   # the last `back` messages may repeat
                        pattern = singles[-back:]
                        cycles = _cycle_count(data, pos, pattern, end)
                        break
                if cycles:
                    cycle = pos - pattern[0]
                    runs.extend((q - pattern[0] + pos, cycles, cycle) for q in pattern)
                    pos += cycles * cycle
                    in_a_row = 0
                else:
                    append(pos)
                    pos += stride
                    if in_a_row < MAX_PERIOD:
                        in_a_row += 1
            if pos >= end:
                break
            key = HEADER_KEYS[data[pos]]
            if key == NOT_DATA:
                layout, next_pos = self._definition(pos, end)
                local_type = data[pos] & p.LOCAL_TYPE_MASK
                local[local_type] = len(self.result.layouts)
                self.result.layouts.append(layout)
                self.result.definition_offsets.append(pos)
                self.maps.append(list(local))
                fast = 0 if layout.global_num in _READ_WHILE_WALKING else layout.stride
                for header in HEADERS_OF_LOCAL[local_type]:
                    fast_stride[header] = fast
                pos = next_pos
                continue
            if local[key] == NO_LAYOUT:
                raise FitFastUnsupported(f"data message of undefined local type {key} at {pos}")
            layout = self.result.layouts[local[key]]
            _READ_WHILE_WALKING[layout.global_num](
                self.developers, read_message_values(data, pos, layout))
            append(pos)
            pos += layout.stride
        if pos != end:
            raise FitFastUnsupported(f"last message of the FIT file at byte {segment.start} "
                                     "runs past its data size")

    def _definition(self, pos: int, end: int) -> tuple[Layout, int]:
        """The layout a definition message declares, and the offset after it."""
        data = self.data
        fields_at = pos + 1 + p.DEFINITION_FIXED_SIZE
        length = fields_at - pos + data[fields_at - 1] * p.FIELD_DEFINITION_SIZE
        if data[pos] & p.DEVELOPER_DATA_BIT:
            length += 1 + data[pos + length] * p.FIELD_DEFINITION_SIZE
        key = (data[pos:pos + length], self.developers.version)
        layout = self.definition_cache.get(key)
        if layout is None:
            layout, next_pos = _read_definition(data, pos, end, data[pos], self.developers)
            self.definition_cache[key] = layout
        return layout, pos + length

    def finish(self) -> Walk:
        result = self.result
        start, count, stride = np.asarray(self.runs, dtype=np.int64).reshape(-1, 3).T
        first_of_run = np.repeat(np.cumsum(count) - count, count)
        in_run = np.repeat(start, count) + (
            np.arange(count.sum()) - first_of_run) * np.repeat(stride, count)
        # Already sorted stretches: the stable (merging) sort is many times faster here.
        result.offset = np.sort(np.concatenate((np.asarray(self.singles, np.int64), in_run)),
                                kind="stable")
        result.header = np.frombuffer(self.data, dtype=np.uint8)[result.offset]
        key = np.frombuffer(HEADER_KEYS, dtype=np.uint8)[result.header]
        current_map = np.searchsorted(np.asarray(result.definition_offsets), result.offset) - 1
        result.layout = np.asarray(self.maps, dtype=np.int64).reshape(-1, len(
            HEADERS_OF_LOCAL))[current_map, key]
        return result


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
