"""Options shared by the commands, their parsing, and the one progress-bar helper.

Each shared option is defined once here, so `check`, `rules` and any later command spell
and explain it the same way."""

from __future__ import annotations

import sys
import tempfile
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from riskcheck.cache import user_cache_dir
from riskcheck.assess.status import STATUS_RANK
from riskcheck.config import load_config
from riskcheck.errors import ConfigError
from riskcheck.settings import RiskConfig

FORMATS = ("text", "json", "csv", "markdown", "html")
PROGRESS_MIN_FILES = 20  # below this, reading is too quick for a bar to help


def _tz(ctx, param, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise click.BadParameter(f"unknown time zone {value!r} (use an IANA name like Europe/Berlin)") from None
    return value


# Dates a training log can be cut at: no log starts before 1970 (ingest refuses such starts)
# and the tables' timestamps end in 2262.
FIRST_DATE, LAST_DATE = date(1970, 1, 1), date(2199, 12, 31)


def _date(ctx, param, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2024-06-30") from None
    if not FIRST_DATE <= day <= LAST_DATE:
        raise click.BadParameter(f"{value} lies outside {FIRST_DATE} to {LAST_DATE}")
    return day


def check_writable(folder: str | None, option: str = "--output") -> None:
    """An output folder that cannot be written is said before the check runs, not after. Nothing
    is created here: a folder made now would be read (a roster athlete) before it is written."""
    if not folder:
        return
    existing = Path(folder).absolute()
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    try:
        if not existing.is_dir():
            raise NotADirectoryError(20, "Not a directory")
        with tempfile.TemporaryFile(dir=existing):
            pass
    except OSError as exc:
        raise click.BadParameter(f"cannot write into {folder}: {exc.strerror or exc}", param_hint=option) from None


def check_date_range(date_from: date | None, date_to: date | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise click.BadParameter(f"--from {date_from} is after --to {date_to}", param_hint="--from")


def _column_map(ctx, param, values: tuple[str, ...]) -> dict[str, str] | None:
    from riskcheck.readers.csv.mapping import check_column_map

    mapping = {}
    for item in values:
        theirs, sep, ours = item.rpartition("=")
        if not sep or not theirs or not ours:
            raise click.BadParameter(f"{item!r}: use 'Their Column=field', e.g. 'Km=distance_km'")
        mapping[theirs] = ours
    try:
        check_column_map(mapping)  # a misspelt field fails now, not as a warning per file
    except ConfigError as exc:
        raise click.BadParameter(str(exc)) from None
    return mapping or None


def format_option(formats: tuple[str, ...] = FORMATS):
    return click.option("-f", "--format", "fmt", type=click.Choice(formats), default="text", show_default=True,
                        help="What to print on stdout.")


def config_option(help: str = "TOML file with settings and thresholds (see `riskcheck rules`)."):
    return click.option("--config", "config_path", type=click.Path(dir_okay=False), metavar="FILE", help=help)


def athlete_option(help: str = "Athlete name: shown in the report; picks the athlete's own section of the config."):
    return click.option("--athlete", default="", help=help)




def fail_on_option(help: str = "Exit with code 1 when the risk status now is at or above this level (for scripts)."):
    return click.option("--fail-on", type=click.Choice(["never", "moderate", "high"]), default="never",
                        show_default=True, help=help)


def fails(level: str, fail_on: str) -> bool:
    """True when a risk status `level` reaches the --fail-on level."""
    return fail_on != "never" and STATUS_RANK.get(level, -1) >= STATUS_RANK[fail_on]


def store_options(func):
    """--store DIR / --no-store: where the store of files already read lives."""
    func = click.option("--no-store", is_flag=True, help="Read every file again; keep no store.")(func)
    return click.option(
        "--store", type=click.Path(file_okay=False), metavar="DIR",
        help="Folder of the store of files already read, so unchanged files are not read again "
             "[default: the user's cache, $XDG_CACHE_HOME/riskcheck/store or ~/.cache/riskcheck/store; "
             "never the report folder, which a user may zip and send].")(func)


def store_dir(store: str | None, no_store: bool) -> Path | None:
    """The store folder in force: the one given, else the user's cache folder. Never inside
    an --output folder by default: a report folder is zipped and sent, and a store of every
    file read (names, activities) does not belong in it."""
    if no_store and store:
        raise click.BadParameter("give --store or --no-store, not both", param_hint="--store")
    if no_store:
        return None
    if store:
        return Path(store)
    return user_cache_dir() / "store"


def reading_options(func):
    """Options about what to read and how to interpret it: --tz, --map, --config, --from,
    --to, --units, --quiet (keyword arguments tz, column_map, config_path, date_from,
    date_to, units, quiet)."""
    decorators = [
        click.option("--tz", callback=_tz, metavar="ZONE",
                     help="Time zone for files without their own offset (IANA name, e.g. Europe/Berlin)."),
        click.option("--map", "column_map", multiple=True, callback=_column_map, metavar="'COL=field'",
                     help="Map a CSV column to a riskcheck field (repeatable), e.g. --map 'Km=distance_km'."),
        config_option(),
        click.option("--from", "date_from", callback=_date, metavar="DATE",
                     help="Report weeks and findings from this date (earlier weeks still serve as baseline)."),
        click.option("--to", "date_to", callback=_date, metavar="DATE",
                     help="End the log on this date (status as of then)."),
        click.option("--units", type=click.Choice(["km", "mi"]), default=None,
                     help="Distance units for text, reports and charts (JSON stays SI). "
                          "Default: the config's units, else km."),
        click.option("-q", "--quiet", is_flag=True, help="No progress bar."),
    ]
    for decorate in reversed(decorators):
        func = decorate(func)
    return func


def config_from(path: str | None) -> RiskConfig:
    return load_config(path) if path else RiskConfig()


@contextmanager
def progress_bar(label: str, quiet: bool):
    """A callback(done, total) drawing a bar on stderr, only on a terminal and for
    enough files to be worth it; None otherwise (scripts, CI, pipes, --quiet)."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    state: dict = {}

    def update(done: int, total: int) -> None:
        if total < PROGRESS_MIN_FILES:
            return
        bar = state.get("bar")
        if bar is None:
            bar = state["bar"] = click.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        yield update
    finally:
        if "bar" in state:
            state["bar"].__exit__(None, None, None)
