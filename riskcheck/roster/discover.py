"""Who is on the roster and where their files are: from a folder, or from a roster file.

A roster folder:
    roster/
      ann/                 a subfolder is one athlete, named after the folder
      ben.zip              an archive directly in the folder is one athlete ('ben')
      cara.csv             loose files are grouped by the name before the first '_' or '.':
      cara_watch.zip       'cara.csv' and 'cara_watch.zip' are both Cara's ('cara'),
      ann_extra.fit        and join the 'ann/' folder's athlete when the names match.
Names starting with '.' (such as a store folder) and the lock files of `riskcheck diary add` are
ignored; so are loose files that are not activity files (a README), and they are listed in
Roster.ignored with the reason. A pain diary is found by its header like any file in the
athlete's folder, archive or file group ('ann_diary.csv').

A roster file (TOML) is a riskcheck config (see riskcheck.config) whose athlete sections
also say where the files are, with an optional time zone for that athlete's files:
    [settings]
    max_hr_bpm = 190
    [athletes.ann]
    name = "Ann Smith"                           # optional: the name shown (default: the section's)
    paths = ["ann/", "exports/ann_garmin.zip"]   # relative to the roster file
    tz = "Europe/Berlin"
    diary = "diaries/ann.csv"                    # optional: her pain diary, kept elsewhere
    max_hr_bpm = 185
    [athletes.ann.thresholds.RC01]
    high_pct = 25

The name shown for an athlete is the roster file's `name`, else the name the export's own
profile gives (riskcheck.roster.names), else the folder's or section's name.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from riskcheck.config import config_from_dict
from riskcheck.diary.format import LOCK_SUFFIX
from riskcheck.errors import ConfigError
from riskcheck.ingest.sources import own_output
from riskcheck.settings import RiskConfig

ACTIVITY_SUFFIXES = (".fit", ".gpx", ".tcx", ".csv", ".zip")
ROSTER_KEYS = ("paths", "tz", "diary", "name")  # what a roster file's athlete section adds to the config's keys


@dataclass
class RosterEntry:
    athlete: str
    paths: list[Path]
    tz: str | None = None  # None: the run's --tz
    name: str | None = None  # the roster file's name for the athlete; None: the profile's or the folder's


@dataclass
class Roster:
    entries: list[RosterEntry]
    config: RiskConfig | None = None  # a roster file's settings; None for a folder
    ignored: list[str] = field(default_factory=list)  # 'path: reason' for what was left out


def load_roster(path: str | Path) -> Roster:
    """A roster from a folder or from a .toml roster file."""
    path = Path(path)
    if path.is_dir():
        return roster_from_folder(path)
    if path.suffix.lower() == ".toml":
        return roster_from_toml(path)
    raise ConfigError(f"{path}: a roster is a folder (one athlete per subfolder, archive or file group) "
                      "or a .toml roster file")


def group_key(file_name: str) -> str:
    """The athlete a loose file belongs to: its name up to the first '_' or '.'."""
    return re.split(r"[_.]", file_name, maxsplit=1)[0] or file_name


def is_activity_file(file_name: str) -> bool:
    name = file_name.lower().removesuffix(".gz")
    return name.endswith(ACTIVITY_SUFFIXES)


def _own_output(folder: Path) -> str:
    try:
        return own_output(folder, [p.name for p in folder.iterdir()])
    except OSError:
        return ""


def roster_from_folder(folder: Path) -> Roster:
    groups: dict[str, list[Path]] = {}
    ignored = []
    for child in sorted(folder.iterdir()):
        if child.name.startswith(".") or child.name.endswith(LOCK_SUFFIX):  # diary add's lock: no one's file
            continue
        if child.is_dir():
            own = _own_output(child)
            if own:
                ignored.append(f"{child}: {own}, riskcheck's own output")
            else:
                groups.setdefault(child.name, []).append(child)
        elif is_activity_file(child.name):
            groups.setdefault(group_key(child.name), []).append(child)
        else:
            ignored.append(f"{child}: not an activity file or athlete folder")
    entries = [RosterEntry(name, paths) for name, paths in sorted(groups.items(), key=lambda kv: kv[0].lower())]
    return Roster(entries, None, ignored)


def roster_from_toml(path: Path) -> Roster:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read roster {path}: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"roster {path} is not valid TOML: {exc}") from exc
    athletes = data.get("athletes")
    if not isinstance(athletes, dict) or not athletes:
        raise ConfigError(f"roster {path} names no athletes: add [athletes.\"Name\"] sections with paths = [...]")
    entries = []
    for name, section in athletes.items():
        if not isinstance(section, dict):
            raise ConfigError(f"athletes.{name} must be a table")
        entries.append(_entry(name, section, path.parent))
        for key in ROSTER_KEYS:
            section.pop(key, None)
    return Roster(entries, config_from_dict(data))


def _entry(name: str, section: dict, base: Path) -> RosterEntry:
    paths = section.get("paths")
    if isinstance(paths, str):
        paths = [paths]
    if not isinstance(paths, list) or not paths or not all(isinstance(p, str) for p in paths):
        raise ConfigError(f'athletes.{name}.paths must list the athlete\'s files or folders, e.g. paths = ["ann/"]')
    # A diary in the athlete's folder is found by its header like any file; `diary` names one
    # kept elsewhere (a shared folder of diaries), and is read with the athlete's paths.
    diary = section.get("diary", [])
    if isinstance(diary, str):
        diary = [diary]
    if not isinstance(diary, list) or not all(isinstance(p, str) for p in diary):
        raise ConfigError(f'athletes.{name}.diary names the athlete\'s diary file, e.g. diary = "diaries/ann.csv"')
    tz = section.get("tz")
    if tz is not None:
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            raise ConfigError(f"athletes.{name}.tz: unknown time zone {tz!r} (use an IANA name like Europe/Berlin)") from None
    shown = section.get("name")
    if shown is not None and (not isinstance(shown, str) or not shown.strip()):
        raise ConfigError(f'athletes.{name}.name is the name to show, e.g. name = "Ann Smith"')
    return RosterEntry(name, [base / p for p in [*paths, *diary]], tz, shown.strip() if shown else None)
