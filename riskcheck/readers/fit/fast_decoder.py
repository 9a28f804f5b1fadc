"""The fast FIT decoder's columns as a DecodedFit holding exactly what fitparse would give.

fast.decode_fit keeps enums as numbers and subfields under their parent's name. Here the
few summary fields the reader needs are named and rendered with fitparse's own profile
tables (fitparse.profile.MESSAGE_TYPES), resolving subfields the way fitparse does: the first
subfield one of whose reference fields holds its reference value in the same message.
Record columns pass through as arrays; no per-record Python object is built.

Anything the fast decoder does not handle raises FitFastUnsupported: the reader then falls
back to fitparse.
"""

from __future__ import annotations

import fitparse.profile
import numpy as np

from riskcheck.readers.fit import fields as fp
from riskcheck.readers.fit import profile
from riskcheck.readers.fit.decoded import DecodedFit, DevChannel, dev_key, is_creator
from riskcheck.readers.fit.fast import FitData, FitFastUnsupported, decode_fit

_MESSAGE_NUMBER = {message.name: number for number, message in profile.MESSAGES.items()}


def decode_fast(data: bytes) -> tuple[DecodedFit, list[str]]:
    """The file decoded by the fast path, and the warnings (none: a file the fast path
    accepts is whole). Raises FitFastUnsupported for anything it does not handle."""
    # FitData.warnings only says that chained files were all read: nothing was lost.
    fit = decode_fit(data)
    decoded = DecodedFit()
    _fill_records(fit, decoded)
    for message, attribute in fp.SUMMARY_LISTS.items():
        setattr(decoded, attribute, _summaries(fit, message))
    decoded.creators = [values for values in decoded.creators if is_creator(values)]
    return decoded, []


# --- records --------------------------------------------------------------------------------

def _fill_records(fit: FitData, decoded: DecodedFit) -> None:
    # Array fields (several values per message): the first element is the reading.
    columns = {name: _first_reading(column)
               for name, column in fit.messages.get("record", {}).items()}
    times = columns.get("timestamp")
    timed = np.zeros(fit.count("record"), bool) if times is None else ~np.isnan(times)
    decoded.records_without_time = int((~timed).sum())
    if not timed.any():
        return
    records = {name: column[timed] for name, column in columns.items()
               if name in fp.RECORD_FIELDS and column.dtype != object}
    described = fit.developer_fields.get("record", {})
    for name, column in fit.developer.get("record", {}).items():
        if column.dtype == object:   # text: never a reading
            continue
        field = described[name]
        key = dev_key(field.developer_data_index, field.field_number, field.name)
        records[key] = _first_reading(column)[timed]
        decoded.dev_channels[key] = DevChannel(field.name, field.units, field.native_field_num)
    decoded.records = records


def _first_reading(column: np.ndarray) -> np.ndarray:
    """Array fields (several values per message): the first element is the reading."""
    return column[:, 0] if column.ndim > 1 and column.dtype != object else column


# --- summary messages -----------------------------------------------------------------------

def _summaries(fit: FitData, message: str) -> list[dict]:
    """One {fitparse name: fitparse value} per message, the fields of fp.SUMMARY_FIELDS only."""
    number = _MESSAGE_NUMBER[message]
    reference = fitparse.profile.MESSAGE_TYPES[number].fields
    wanted = fp.SUMMARY_FIELDS[message]
    columns = fit.messages.get(message, {})
    by_number = {n: columns[f.name] for n, f in profile.MESSAGES[number].fields.items()
                 if f.name in columns}
    # An array (several values in one field) never equals a subfield's reference value in
    # fitparse, which compares the whole tuple; its first element is the value read.
    references = {n: column for n, column in by_number.items() if column.ndim == 1}
    read = {n: column for n, column in by_number.items()
            if n in reference and wanted & _names(reference[n])}
    rows = []
    for i in range(fit.count(message)):
        row = {}
        for n, column in read.items():
            value = column[i]
            if isinstance(value, np.ndarray):
                value = value[0]
            if value is None or (isinstance(value, float) and np.isnan(value)):
                continue
            field = _resolve_subfield(reference[n], references, i)
            if field.name in wanted:
                row[field.name] = _rendered(message, reference[n], field, value)
        rows.append(row)
    return rows


def _names(field) -> set[str]:
    return {field.name} | {sub.name for sub in field.subfields or ()}


def _resolve_subfield(field, by_number: dict, i: int):
    """fitparse's rule: the first subfield whose reference field holds its reference value."""
    for sub in field.subfields or ():
        for ref in sub.ref_fields:
            column = by_number.get(ref.def_num)
            if column is not None and column[i] == ref.raw_value:
                return sub
    return field


def _rendered(message: str, parent, field, value):
    """fitparse's value: strings as they are, scaled fields as floats (the fast decoder has
    scaled them already), the rest as ints with enum names from fitparse's type tables."""
    if isinstance(value, str):
        return value
    if (field.scale, field.offset) != (parent.scale, parent.offset):
        raise FitFastUnsupported(f"{message}.{field.name} is scaled unlike {parent.name}")
    if field.scale or field.offset:
        return float(value)
    return field.render(int(value))
