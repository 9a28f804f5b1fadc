"""What a FIT decoder hands the FIT reader: the same shape whichever decoder ran.

Two decoders fill it: the fast numpy one (fast_decoder.py) and fitparse (reference_decoder.py),
the reference and the fallback. Values follow fitparse: profile fields by fitparse's names
(subfields such as avg_running_cadence or garmin_product included), enums rendered as
fitparse's strings, scaled fields as floats, the others as ints, date_time fields as seconds
since the FIT epoch. Only the fields named in fields.py are kept, so both decoders can be
compared field for field.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class DevChannel:
    """A developer field seen in record messages."""

    name: str
    units: str | None
    native_field_num: int | None


# Key of a developer column in DecodedFit.records: ("dev", developer_data_index, field number,
# name). The name is part of it: chained files may describe one index and number twice, as
# different fields (GoldenCheetah's wprime_bal, then Stryd's Power).
DevKey = tuple[str, int, int, str]


def dev_key(developer_data_index: int, field_number: int, name: str | None) -> DevKey:
    return ("dev", developer_data_index, field_number, name or f"unnamed_dev_field_{field_number}")


@dataclass
class DecodedFit:
    """What one pass over the file collected.

    records: column per record field (fields.RECORD_FIELDS by name, developer fields by
    DevKey) as float64, NaN where a record lacks it; one row per record message with a usable
    timestamp, in file order ('timestamp' holds FIT seconds). The summary messages are lists
    of {field name: value} without missing values.
    """

    records: dict[str | DevKey, np.ndarray] = field(default_factory=dict)
    dev_channels: dict[DevKey, DevChannel] = field(default_factory=dict)
    sessions: list[dict] = field(default_factory=list)
    sports: list[dict] = field(default_factory=list)
    file_ids: list[dict] = field(default_factory=list)
    creators: list[dict] = field(default_factory=list)   # device_info of the creator device
    activities: list[dict] = field(default_factory=list)
    records_without_time: int = 0
    damage: str = ""   # why decoding stopped early; empty when the whole file was read

    @property
    def record_count(self) -> int:
        times = self.records.get("timestamp")
        return 0 if times is None else len(times)

    def keep_records(self, keep: np.ndarray) -> None:
        """Keep only the record rows where `keep` is True."""
        self.records = {key: column[keep] for key, column in self.records.items()}


def is_creator(device_info: dict) -> bool:
    """The device_info message describing the device that wrote the file."""
    return device_info.get("device_index") in ("creator", 0)
