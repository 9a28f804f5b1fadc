"""An athlete's name from their export's own profile, for the roster to show.

Services put the account holder's name in a profile file beside the activities:
- a Strava bulk export: `profile.csv`, one row with 'First Name' and 'Last Name';
- a Garmin Connect data export: `DI_CONNECT/DI-Connect-User/user_profile.json` (a name
  ending in 'user_profile.json'), an object with 'firstName' and 'lastName'.
Any CSV or JSON file whose name holds 'profile', in the athlete's folders or archives, is
looked at the same way: the first of a first and last name, a full name, a display name or
a plain 'name' field is taken. Files are looked for, never trusted: an unreadable, oversized
or odd profile gives no name, and the roster falls back to the folder's name.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

KNOWN_PROFILES = ("profile.csv", "user_profile.json")  # Strava's, Garmin Connect's (any prefix)
MAX_PROFILE_BYTES = 1_000_000  # a profile is a few hundred bytes; anything bigger is not one
MAX_NAME_CHARS = 80
MAX_FILES_LOOKED_AT = 200_000  # files walked per athlete before giving up (a huge export)
# Field names, lower-cased with everything but letters dropped, in the order they are tried.
FIRST, LAST = ("firstname", "givenname"), ("lastname", "surname", "familyname")
WHOLE = ("fullname", "displayname", "name")


def profile_name(paths: list[Path]) -> str | None:
    """The name the first profile file found in `paths` (folders, archives, files) gives;
    the services' own profile files (KNOWN_PROFILES) are tried before other profile-like files."""
    found = sorted(_profile_files(paths), key=lambda f: not _known(f[0]))  # stable: the walk's order otherwise
    for name, read in found:
        try:
            data = read()
        except (OSError, zipfile.BadZipFile, RuntimeError, ValueError):
            continue
        shown = name_in(name, data)
        if shown:
            return shown
    return None


def name_in(file_name: str, data: bytes) -> str | None:
    """The athlete's name in one profile file's bytes, or None."""
    if len(data) > MAX_PROFILE_BYTES:
        return None
    text = data.decode("utf-8-sig", errors="replace")
    lower = file_name.lower()
    try:
        if lower.endswith(".json"):
            return _from_fields(_json_fields(json.loads(text)))
        if lower.endswith(".csv"):
            rows = list(csv.reader(io.StringIO(text)))
            if len(rows) >= 2:
                return _from_fields(dict(zip(rows[0], rows[1])))
    except (ValueError, csv.Error, RecursionError):
        return None
    return None


def _known(file_name: str) -> bool:
    base = file_name.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return base.endswith(KNOWN_PROFILES)


def is_profile_file(file_name: str) -> bool:
    base = file_name.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return "profile" in base and base.endswith((".csv", ".json"))


def _profile_files(paths: list[Path]) -> Iterator[tuple[str, object]]:
    """(file name, a call returning its bytes) for each profile-like file, folders walked in
    sorted order and archives' members in their order."""
    looked = 0
    for path in paths:
        if path.is_dir():
            try:
                children = sorted(path.rglob("*"))
            except OSError:
                continue
            for child in children:
                looked += 1
                if looked > MAX_FILES_LOOKED_AT:
                    return
                if is_profile_file(child.name) and child.is_file():
                    yield child.name, lambda child=child: _bounded(child)
                elif child.suffix.lower() == ".zip" and child.is_file():
                    yield from _members(child)
        elif path.suffix.lower() == ".zip" and path.is_file():
            yield from _members(path)
        elif is_profile_file(path.name) and path.is_file():
            yield path.name, lambda path=path: _bounded(path)


def _members(archive: Path) -> Iterator[tuple[str, object]]:
    try:
        with zipfile.ZipFile(archive) as z:
            infos = [i for i in z.infolist() if is_profile_file(i.filename) and i.file_size <= MAX_PROFILE_BYTES]
    except (OSError, zipfile.BadZipFile, ValueError):
        return
    for info in infos:
        def read(info=info):
            with zipfile.ZipFile(archive) as z, z.open(info) as fh:
                return fh.read(MAX_PROFILE_BYTES + 1)
        yield info.filename, read


def _bounded(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(MAX_PROFILE_BYTES + 1)


def _json_fields(data) -> dict:
    """The object holding the name: the top level, or one level down (a list of one profile,
    or {"userProfile": {...}})."""
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    if not isinstance(data, dict):
        return {}
    if _from_fields(data):
        return data
    for value in data.values():
        if isinstance(value, dict) and _from_fields(value):
            return value
    return data


def _key(field: str) -> str:
    return re.sub(r"[^a-z]", "", str(field).lower())


def _from_fields(fields: dict) -> str | None:
    values = {_key(k): v.strip() for k, v in fields.items() if isinstance(v, str) and v.strip()}
    first = next((values[k] for k in FIRST if k in values), "")
    last = next((values[k] for k in LAST if k in values), "")
    name = " ".join(p for p in (first, last) if p) or next((values[k] for k in WHOLE if k in values), "")
    name = " ".join(name.split())  # no line breaks or runs of spaces from a hand-edited profile
    return name[:MAX_NAME_CHARS] or None
