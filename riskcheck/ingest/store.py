"""An on-disk store of what was read, keyed by file content, so the next run reads only new or
changed files.

SQLite (in the standard library, transactional, one file) holds one row per distinct file
content: the outcome, the activity rows and a diary's rows as JSON. JSON rather than pickle, because a store
is data on disk and must never be able to run code when loaded. Each file's row is written
in its own transaction, so a run killed half-way leaves every finished file stored and
nothing half-written; the next run picks up from there.

The key covers everything the outcome depends on besides the bytes: the file's name (the format
is told from its suffix: the same bytes as 'log.tsv' are skipped, as 'log.csv' read), the code
that turns bytes into rows (readers, ingest, sport names, schema) and the reading options (time
zone, CSV column map), so a rename, a new riskcheck version or a different --tz never serves a
stale outcome.

A store that cannot be used (damaged, written by another version, a folder in its place, a
read-only place) never stops a run: a damaged or foreign store file is set aside under another
name and a new one started; where even that fails the run goes on without a store. Either way
`Store.problem` says what happened, for the run to report.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
import time
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd

from riskcheck.ingest.one_file import FileOutcome, FileRead
from riskcheck.ingest.sources import STORE_FILE
from riskcheck.readers.base import ReadOptions

STORE_VERSION = 3  # PRAGMA user_version; a store of another version is set aside, not read
# Version 2 lacked the diary column; it is added in place (its entries are stale anyway: the
# code fingerprint in every key changed with it).
_UPGRADABLE = {2}
_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    key TEXT PRIMARY KEY,
    outcome TEXT NOT NULL,
    rows TEXT NOT NULL,
    diary TEXT NOT NULL DEFAULT '[]'
)"""
_TIMESTAMP_COLUMNS = ("start_time_utc", "start_local", "local_date")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the code that turns bytes into rows: a change to it invalidates the store."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted([*root.joinpath("readers").rglob("*.py"), *root.joinpath("ingest").rglob("*.py"),
                        *root.joinpath("diary").rglob("*.py"),
                        *root.joinpath("sport").rglob("*.py"), root / "schema.py"]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def content_key(name: str, data: bytes, options: ReadOptions) -> str:
    """The store key of a file's outcome. Its folder is left out (a relabelled copy elsewhere
    reads the same), its own name is not: the suffix decides the format."""
    digest = hashlib.sha256(data)
    digest.update(code_fingerprint().encode())
    base = name.replace("\\", "/").replace("!", "/").rsplit("/", 1)[-1]
    reading = {**dataclasses.asdict(options), "with_samples": None}  # the store never keeps samples
    digest.update(json.dumps([base, sorted(reading.items(), key=str)], default=str).encode())
    return digest.hexdigest()


def _encode(value):
    if isinstance(value, (pd.Timestamp, date)):
        return value.isoformat()
    if value is None or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


class Store:
    """`with Store(folder) as store:` — get(key) / put(key, FileRead)."""

    def __init__(self, folder: str | Path):
        self.path = Path(folder) / STORE_FILE
        self.problem = ""  # what went wrong with the store, for the run to report
        self._db: sqlite3.Connection | None = None
        try:
            self._db = self._open()
        except (sqlite3.DatabaseError, OSError) as exc:
            self._set_aside(exc)

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=30)
        try:
            db.execute("PRAGMA journal_mode=WAL")  # readers never block the writer; crash-safe
            # Checked and set up in one write transaction: a second opener (a run started while
            # another creates the store) waits, then finds the tables with their version, never
            # tables of version 0 that it would take for a foreign store and set aside.
            db.execute("BEGIN IMMEDIATE")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables and version != STORE_VERSION and version not in _UPGRADABLE:
                raise sqlite3.DatabaseError(f"written by another riskcheck version (store version {version})")
            columns = {r[1] for r in db.execute("PRAGMA table_info(files)")}
            if tables and columns - {"diary"} != {"key", "outcome", "rows"}:
                raise sqlite3.DatabaseError(f"not riskcheck's layout (tables {sorted(tables)})")
            if tables and "diary" not in columns:
                db.execute("ALTER TABLE files ADD COLUMN diary TEXT NOT NULL DEFAULT '[]'")
            db.execute(_SCHEMA)
            db.execute(f"PRAGMA user_version = {STORE_VERSION}")
            db.commit()
        except BaseException:
            db.close()
            raise
        return db

    def _set_aside(self, exc: Exception) -> None:
        """Move an unusable store file (or whatever stands in its place) aside and start anew;
        when that fails too, go on without a store."""
        why = str(exc) or type(exc).__name__
        aside = self.path.with_name(f"{STORE_FILE}.unusable-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            if self.path.exists() or self.path.is_symlink():
                self.path.rename(aside)
                for suffix in ("-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                self._db = self._open()
                self.problem = f"the store {self.path} could not be used ({why}); set aside as {aside.name}"
                return
        except (sqlite3.DatabaseError, OSError) as again:
            why = f"{why}; {again}"
        self._db = None
        self.problem = f"the store {self.path} could not be used ({why}); every file was read anew"

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()

    def __len__(self) -> int:
        return 0 if self._db is None else self._db.execute("SELECT COUNT(*) FROM files").fetchone()[0]

    def get(self, key: str) -> FileRead | None:
        """The stored FileRead (without samples), or None: also for an entry this version
        cannot read, which is then read anew and stored again."""
        if self._db is None:
            return None
        try:
            found = self._db.execute("SELECT outcome, rows, diary FROM files WHERE key = ?", (key,)).fetchone()
            if found is None:
                return None
            outcome = FileOutcome(**json.loads(found[0]))
            rows = json.loads(found[1])
            for row in rows:
                for col in _TIMESTAMP_COLUMNS:
                    row[col] = pd.Timestamp(row[col]) if row.get(col) else None
            diary = json.loads(found[2])
            for row in diary:
                row["date"] = date.fromisoformat(row["date"])
        except (sqlite3.DatabaseError, TypeError, ValueError, KeyError, AttributeError):
            return None
        return FileRead(outcome, rows, [None] * len(rows), diary)

    def put(self, key: str, read: FileRead) -> None:
        """Store one file's outcome; a store that stops taking writes (disk full, made read-only)
        is left alone for the rest of the run, and the run goes on."""
        if self._db is None:
            return
        outcome = json.dumps(read.outcome.__dict__)
        rows = json.dumps([{k: _encode(v) for k, v in row.items()} for row in read.rows])
        diary = json.dumps([{k: _encode(v) for k, v in row.items()} for row in read.diary])
        try:
            with self._db:  # one transaction per file
                self._db.execute("INSERT OR REPLACE INTO files (key, outcome, rows, diary) VALUES (?, ?, ?, ?)",
                                 (key, outcome, rows, diary))
        except sqlite3.DatabaseError as exc:  # OperationalError included
            self.problem = f"the store {self.path} stopped taking new files ({exc}); the rest were not stored"
            self._db.close()
            self._db = None
