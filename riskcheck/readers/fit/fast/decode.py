"""Decode a whole FIT file into numpy columns, one definition at a time.

After the header walk (walk.py) every data message is known by its offset and layout. All
messages that share a layout are viewed at once as a numpy structured array; each field then
becomes a float64 column: invalid values -> NaN, then value = raw / scale - offset, in the order
fitparse applies them, so the numbers are the ones fitparse gives. Where fitparse writes the
same field name twice in a message (a component and the field itself), the later write wins,
as in fitparse's `get_values()`.

Columns hold fitparse's `value` for scaled fields and its `raw_value` for the others: enums
(sport, manufacturer, ...) stay numbers, date_time fields stay seconds since the FIT epoch
(see `FitData.datetimes`). Strings are object columns.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

import numpy as np

from riskcheck.readers.fit import profile as p
from .errors import FitFastUnsupported
from .header import split_segments
from .walk import DevDescription, FieldLayout, Layout, Walk, parse_string, walk


@dataclass
class FitData:
    """The profile's messages as columns in file order (chained files one after another).

    messages[name][field]: one row per message of that name; NaN (None for strings) where a
    message lacks the field or holds its invalid value. developer[name][field]: developer
    fields by their field_description name, as fitparse gives them (no scale applied; the
    declared units, scale and offset are in developer_fields[name][field]). undecoded[name]: numbers of
    fields present in the file that the fast profile does not decode; other_messages: counts
    of messages of types outside the profile, by global message number.
    """
    messages: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    developer: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)
    developer_fields: dict[str, dict[str, DevDescription]] = field(default_factory=dict)
    undecoded: dict[str, list[int]] = field(default_factory=dict)
    other_messages: dict[int, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def count(self, message: str) -> int:
        return self.counts.get(message, 0)

    def datetimes(self, message: str, name: str = "timestamp") -> np.ndarray:
        """A date_time column as datetime64[s] (UTC), NaT where invalid."""
        seconds = self.messages[message][name]
        out = np.full(seconds.shape, np.datetime64("NaT"), dtype="datetime64[s]")
        valid = ~np.isnan(seconds)
        out[valid] = (seconds[valid].astype(np.int64) + p.FIT_EPOCH_UNIX_S).astype("datetime64[s]")
        return out


_DAMAGE = (IndexError, ValueError, KeyError, TypeError, OverflowError, struct.error)


def decode_fit(data: bytes) -> FitData:
    """Decode FIT bytes (chained files included). Raises FitFastUnsupported for anything the
    fast path does not handle, so the caller can fall back to fitparse."""
    data = bytes(data)
    try:
        return _Decoder(data, walk(data, split_segments(data))).decode()
    except FitFastUnsupported:
        raise
    except _DAMAGE as error:  # damaged bytes the explicit checks did not foresee
        raise FitFastUnsupported(f"damaged FIT data ({type(error).__name__}: {error})") from error


@dataclass
class _Accumulated:
    """Placeholder for a component whose value depends on the messages before it."""
    component: p.Component
    source: int            # index of the field in the layout
    field: FieldLayout


class _Decoder:
    def __init__(self, data: bytes, walked: Walk):
        self.buffer = np.frombuffer(data, dtype=np.uint8)
        self.walk = walked
        self.result = FitData()
        layouts = walked.layouts
        self.global_of_layout = np.asarray([layout.global_num for layout in layouts], np.int64)
        # Messages of equal layouts are decoded together. The walk hands out one object per
        # distinct definition text, so most equal layouts are already the same object.
        signatures: dict[tuple, int] = {}
        by_object: dict[int, int] = {}
        self.group_layout: dict[int, Layout] = {}
        for layout in layouts:
            if id(layout) not in by_object:
                group = signatures.setdefault(layout.signature, len(signatures))
                by_object[id(layout)] = group
                self.group_layout.setdefault(group, layout)
        self.group_of_layout = np.fromiter((by_object[id(layout)] for layout in layouts),
                                           np.int64, len(layouts))
        self.compressed_timestamps = self._compressed_timestamps()

    def decode(self) -> FitData:
        message_global = self.global_of_layout[self.walk.layout]
        counts = np.bincount(message_global)
        for number in np.flatnonzero(counts).tolist():
            count = int(counts[number])
            if number in p.MESSAGES:
                self._decode_message(number, np.flatnonzero(message_global == number))
            else:
                self.result.other_messages[number] = count
        if len(self.walk.segment_starts) > 1:
            self.result.warnings.append(
                f"{len(self.walk.segment_starts)} FIT files chained in one; all were read")
        return self.result

    # --- one message type -----------------------------------------------------------------
    def _decode_message(self, number: int, messages: np.ndarray):
        message = p.MESSAGES[number]
        groups = self.group_of_layout[self.walk.layout[messages]]
        columns: dict[str, np.ndarray] = {}
        developer: dict[str, np.ndarray] = {}
        accumulated: dict[int, list[tuple[np.ndarray, np.ndarray, _Accumulated, bool]]] = {}
        undecoded: set[int] = set()
        for group in np.flatnonzero(np.bincount(groups)).tolist():
            rows = np.flatnonzero(groups == group)
            layout = self.group_layout[group]
            records = self._records(layout, message, self.walk.offset[messages[rows]])
            sources: list[_Accumulated] = []
            writes = self._field_writes(message, layout, records, undecoded, sources)
            if self.compressed_timestamps is not None:
                stamps = self.compressed_timestamps[messages[rows]]
                if not np.isnan(stamps).all():   # fitparse adds this one after all fields
                    earlier = writes.pop(p.TIMESTAMP.name, None)
                    writes[p.TIMESTAMP.name] = (
                        np.where(np.isnan(stamps), earlier, stamps) if earlier is not None
                        else stamps)
            for part in sources:
                # Every source moves the accumulator, even where a later field of the same
                # name overwrites the component's value (`shown` False).
                shown = writes.get(message.fields[part.component.target].name) is part
                accumulated.setdefault(part.component.target, []).append(
                    (rows, records[f"f{part.source}"], part, shown))
            for name, values in writes.items():
                if not isinstance(values, _Accumulated):
                    _place(columns, name, len(messages), rows, values)
            for i, f in enumerate(layout.dev_fields, start=len(layout.fields)):
                values = _column(records[f"f{i}"], f.base_type)
                _place(developer, f.developer.name, len(messages), rows, values)
                self._note_developer_field(message.name, f.developer)
        for target, parts in accumulated.items():
            name = message.fields[target].name
            rows, values = self._accumulate(number, messages, parts)
            _place(columns, name, len(messages), rows, values)
        self.result.messages[message.name] = columns
        self.result.counts[message.name] = len(messages)
        if developer:
            self.result.developer[message.name] = developer
        if undecoded:
            self.result.undecoded[message.name] = sorted(undecoded)

    def _note_developer_field(self, message: str, described: DevDescription):
        """Developer columns are keyed by name: two different fields of one name in one
        message would mix their values, which fitparse keeps apart."""
        known = self.result.developer_fields.setdefault(message, {}).setdefault(
            described.name, described)
        if known != described:
            raise FitFastUnsupported(f"two developer fields named {described.name!r}")

    def _records(self, layout: Layout, message: p.Message, offsets: np.ndarray) -> np.ndarray:
        """The messages at `offsets` viewed through the layout's structured dtype."""
        dtype = _record_dtype(layout, message)
        n = len(offsets)
        if n and offsets[-1] - offsets[0] == (n - 1) * layout.stride:   # one contiguous run
            return np.frombuffer(self.buffer, dtype=dtype, count=n, offset=int(offsets[0]))
        # The bytes of a record starting at every byte (they overlap): the messages' rows are
        # copied out whole, then viewed through the dtype.
        at_every_byte = np.ndarray((len(self.buffer) - layout.stride + 1, layout.stride),
                                   dtype=np.uint8, buffer=self.buffer, strides=(1, 1))
        return at_every_byte[offsets].view(dtype).reshape(n)

    def _field_writes(self, message: p.Message, layout: Layout, records: np.ndarray,
                      undecoded: set[int], sources: list[_Accumulated]) -> dict[str, object]:
        """Name -> column for one layout, in the order fitparse writes them; accumulating
        components are left as placeholders and listed in `sources`."""
        writes: dict[str, object] = {}
        for i, f in enumerate(layout.fields):
            spec = message.fields.get(f.number)
            if spec is None:
                undecoded.add(f.number)
                continue
            raw = records[f"f{i}"]
            plain = None
            if not (spec.components and f.base_type == p.BYTE):   # a packed byte field: only
                _check_plain(message, spec, f)                     # its components mean something
                plain = _scaled(_column(raw, f.base_type), spec.scale, spec.offset)
            for component in spec.components:
                target = message.fields[component.target].name
                if component.accumulate:
                    writes[target] = _Accumulated(component, i, f)
                    sources.append(writes[target])
                elif plain is not None and _copies_whole_field(component, spec, f):
                    writes[target] = plain.copy()   # its own array: columns are filled in place
                else:
                    values = _component(raw, f, component)
                    if values is not None:
                        writes[target] = values
            if plain is not None:
                writes[spec.name] = plain
        return writes

    # --- values that depend on earlier messages --------------------------------------------
    def _accumulate(self, number: int, messages: np.ndarray,
                    parts) -> tuple[np.ndarray, np.ndarray]:
        """fitparse's compressed accumulation: each value adds its wrapped difference to the
        previous one; a definition carrying the source field starts again from 0."""
        component = parts[0][2].component
        rows = np.concatenate([r for r, _, _, _ in parts])
        shown = np.concatenate([np.full(len(r), s) for r, _, _, s in parts])
        bits = np.concatenate([_component_bits(raw, part.field, component)
                               for _, raw, part, _ in parts])
        order = np.argsort(rows, kind="stable")
        rows, bits, shown = rows[order], bits[order], shown[order]
        valid = ~np.isnan(bits)
        out = np.full(len(rows), np.nan)
        if not valid.any():
            return rows[shown], out[shown]
        kept_rows = rows[valid]
        raw = bits[valid].astype(np.int64)
        offsets = self.walk.offset[messages[kept_rows]]
        restart_at = self._accumulator_restarts(number, component.target)
        epoch = np.searchsorted(restart_at, offsets)
        previous = np.concatenate(([0], raw[:-1]))
        first = np.concatenate(([True], epoch[1:] != epoch[:-1]))
        previous[first] = 0
        steps = (raw - previous) % (1 << component.bits)
        totals = np.cumsum(steps)
        start_totals = np.maximum.accumulate(np.where(first, totals - steps, 0))
        out[valid] = _scaled((totals - start_totals).astype(np.float64),
                             component.scale, component.offset)
        return rows[shown], out[shown]

    def _accumulator_restarts(self, number: int, target: int) -> np.ndarray:
        """Offsets of the definitions that set this accumulator back to 0 (fitparse restarts
        it at every definition of the message that carries a field accumulating into it)."""
        fields = p.MESSAGES[number].fields
        return np.asarray([
            offset for offset, layout in zip(self.walk.definition_offsets, self.walk.layouts)
            if layout.global_num == number and any(
                c.target == target and c.accumulate
                for f in layout.fields if f.number in fields
                for c in fields[f.number].components)], dtype=np.int64)

    def _compressed_timestamps(self) -> np.ndarray | None:
        """Timestamp of every compressed-header message (NaN elsewhere), or None when the file
        has none. The 5-bit offset rolls over against the last timestamp seen in any message."""
        walked = self.walk
        compressed = (walked.header & p.COMPRESSED_HEADER_BIT) != 0
        if not compressed.any():
            return None
        full = np.full(len(walked.offset), np.nan)
        for index, layout in enumerate(walked.layouts):
            for f in layout.fields + layout.dev_fields:
                if f.number != p.TIMESTAMP_FIELD:
                    continue
                # fitparse 1.2 fails on a timestamp array here (it rolls the 5-bit offset
                # over the whole tuple): the fast path leaves such files to it, so both agree
                unusual = f.developer is not None or (f.base_type, f.size) != (
                    p.UINT32, p.TIMESTAMP_SIZE)
                if unusual:
                    raise FitFastUnsupported(
                        "compressed timestamps next to an unusual timestamp field")
                rows = np.flatnonzero(walked.layout == index)
                gathered = self.buffer[walked.offset[rows, None] + f.offset + np.arange(f.size)]
                raw = gathered.view(">u4" if layout.big_endian else "<u4").ravel()
                full[rows] = _column(raw, f.base_type)
        stamps = np.full(len(walked.offset), np.nan)
        starts = walked.segment_starts
        segment = np.searchsorted(np.asarray(starts), walked.offset, side="right")
        rows = np.flatnonzero(compressed | ~np.isnan(full)).tolist()
        accumulator, current_segment = 0, None
        for row in rows:   # sequential by nature; only files with compressed headers get here
            if segment[row] != current_segment:
                accumulator, current_segment = 0, segment[row]
            if not np.isnan(full[row]):
                accumulator = int(full[row])
            if compressed[row]:
                offset = int(walked.header[row]) & p.COMPRESSED_TIME_OFFSET_MASK
                rollover = 1 << p.COMPRESSED_TIME_OFFSET_BITS
                accumulator += (offset - accumulator) % rollover
                stamps[row] = accumulator
        return stamps


def _record_dtype(layout: Layout, message: p.Message) -> np.dtype:
    """Field `f{i}` for the i-th field of the layout (developer fields after the others), for
    the fields the decoder reads: the profile's and the developer fields."""
    endian = ">" if layout.big_endian else "<"
    fields = [(i, f) for i, f in enumerate(layout.fields) if f.number in message.fields]
    fields += enumerate(layout.dev_fields, start=len(layout.fields))
    formats = []
    for _, f in fields:
        base_type = f.base_type if f.base_type in p.BASE_TYPES else p.BYTE  # as fitparse does
        code = p.BASE_TYPES[base_type].numpy_code
        count = f.size // p.ELEMENT_SIZES[base_type]
        shape = (count,) if count > 1 or base_type in (p.BYTE, p.STRING) else ()
        formats.append((endian + code, shape) if shape else endian + code)
    return np.dtype({"names": [f"f{i}" for i, _ in fields], "formats": formats,
                     "offsets": [f.offset for _, f in fields], "itemsize": layout.stride})


def _column(raw: np.ndarray, base_type: int) -> np.ndarray:
    """Raw values -> float64 with NaN for invalid (object str/None for strings). Multi-value
    fields give 2-D columns; byte fields are invalid only when all their bytes are 0xFF."""
    if base_type == p.STRING:
        texts = np.ascontiguousarray(raw).view(f"S{raw.shape[1]}").ravel().tolist()
        return np.array([parse_string(text) for text in texts], dtype=object)
    invalid = p.BASE_TYPES[base_type].invalid
    values = raw.astype(np.float64)
    if invalid is not None:
        bad = raw == invalid
        values[bad.all(axis=1) if base_type == p.BYTE else bad] = np.nan
    return values


def _scaled(values: np.ndarray, scale: float | None, offset: float | None) -> np.ndarray:
    if scale:
        values = values / scale
    if offset:
        values = values - offset
    return values


def _check_plain(message: p.Message, spec: p.Field, f: FieldLayout):
    """Profile fields must hold numbers of a known type (or a string where the profile says
    so); several numbers in one field give a 2-D column."""
    known = f.base_type in p.BASE_TYPES
    is_string = f.base_type == p.STRING
    if not known or is_string != spec.is_string or f.base_type == p.BYTE or (
            p.ELEMENT_SIZES[f.base_type] == p.WIDE_INTEGER_SIZE and f.base_type not in p.FLOATS):
        name = p.BASE_TYPES[f.base_type].name if known else f"base type {f.base_type:#x}"
        raise FitFastUnsupported(f"{message.name}.{spec.name} stored as {f.size} bytes of {name}")


def _component_bits(raw: np.ndarray, f: FieldLayout, component: p.Component) -> np.ndarray:
    """The component's bits of each message as float64 (NaN where the field is invalid)."""
    if f.base_type == p.BYTE:
        if component.bit_offset >= raw.shape[1] * 8:
            return np.full(len(raw), np.nan)
        packed = np.zeros(len(raw), dtype=np.uint64)
        for i in range(raw.shape[1]):   # bytes are little-endian whatever the architecture
            packed |= raw[:, i].astype(np.uint64) << np.uint64(8 * i)
        invalid = (raw == p.BASE_TYPES[p.BYTE].invalid).all(axis=1)
    elif f.size == p.ELEMENT_SIZES[f.base_type] and f.base_type not in p.FLOATS | {p.STRING}:
        packed = raw.astype(np.uint64)
        invalid = raw == p.BASE_TYPES[f.base_type].invalid
    else:
        raise FitFastUnsupported(f"field {f.number} with components stored as "
                                 f"{f.size} bytes of {p.BASE_TYPES[f.base_type].name}")
    bits = ((packed >> np.uint64(component.bit_offset))
            & np.uint64((1 << component.bits) - 1)).astype(np.float64)
    bits[invalid] = np.nan
    return bits


def _copies_whole_field(component: p.Component, spec: p.Field, f: FieldLayout) -> bool:
    """A component that is the whole unsigned field under another name, scaled alike (speed ->
    enhanced_speed): its values are the field's own. (Signed fields differ: components read
    the bits as unsigned.)"""
    return (component.bit_offset == 0 and component.bits == f.size * 8
            and f.size == p.ELEMENT_SIZES[f.base_type] and f.base_type != p.STRING
            and p.BASE_TYPES[f.base_type].numpy_code.startswith("u")
            and (component.scale, component.offset) == (spec.scale, spec.offset))


def _component(raw: np.ndarray, f: FieldLayout, component: p.Component) -> np.ndarray | None:
    if f.base_type == p.BYTE and component.bit_offset >= raw.shape[1] * 8:
        return None   # fitparse skips components beyond the bytes present
    return _scaled(_component_bits(raw, f, component), component.scale, component.offset)


def _place(columns: dict[str, np.ndarray], name: str, length: int, rows: np.ndarray,
           values: np.ndarray):
    column = columns.get(name)
    if column is None and len(rows) == length:   # one layout holds every message
        columns[name] = values
        return
    if (column is not None and column.shape[1:] != values.shape[1:]
            and object not in (column.dtype, values.dtype)):
        # One definition makes the field an array, another a single value (or an array of
        # another length): the column keeps the first element of each, the value read.
        column, values = _first_elements(column), _first_elements(values)
        columns[name] = column
    if column is None or column.shape[1:] != values.shape[1:] or column.dtype != values.dtype:
        fresh = np.full((length,) + values.shape[1:], None if values.dtype == object else np.nan,
                        dtype=values.dtype)
        if column is not None and column.shape[1:] == values.shape[1:]:
            fresh[:] = column
        elif column is not None:
            raise FitFastUnsupported(f"field {name} changes shape between definitions")
        column = columns[name] = fresh
    column[rows] = values


def _first_elements(values: np.ndarray) -> np.ndarray:
    return values[:, 0] if values.ndim > 1 else values
