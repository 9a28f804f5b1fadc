"""An on-disk store of what was read, keyed by file content, so the next run reads only new or
changed files.

SQLite (in the standard library, transactional, one file) holds one row per distinct file
content: the outcome and the activity rows as JSON. JSON rather than pickle, because a store
is data on disk and must never be able to run code when loaded. Each file's row is written
in its own transaction, so a run killed half-way leaves every finished file stored and
nothing half-written; the next run picks up from there.

The key also covers the reading code and the options that change what a file reads as (time
zone, CSV column map), so a new riskcheck version or a different --tz never serves stale rows.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from functools import lru_cache
from pathlib import Path

import pandas as pd

from riskcheck.ingest.one_file import FileOutcome, FileRead
from riskcheck.readers.base import ReadOptions

STORE_FILE = "riskcheck-store.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    key TEXT PRIMARY KEY,
    outcome TEXT NOT NULL,
    rows TEXT NOT NULL
)"""
_TIMESTAMP_COLUMNS = ("start_time_utc", "start_local", "local_date")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the code that turns bytes into rows: a change to it invalidates the store."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted([*root.joinpath("readers").rglob("*.py"), *root.joinpath("sport").rglob("*.py"),
                        root / "schema.py"]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def content_key(data: bytes, options: ReadOptions) -> str:
    digest = hashlib.sha256(data)
    digest.update(code_fingerprint().encode())
    digest.update(json.dumps([options.tz, sorted((options.csv_column_map or {}).items())]).encode())
    return digest.hexdigest()


def _encode(value):
    if isinstance(value, pd.Timestamp):
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
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")  # readers never block the writer; crash-safe
        self._db.execute(_SCHEMA)
        self._db.commit()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM files").fetchone()[0]

    def get(self, key: str) -> FileRead | None:
        """The stored FileRead (without samples), or None."""
        found = self._db.execute("SELECT outcome, rows FROM files WHERE key = ?", (key,)).fetchone()
        if found is None:
            return None
        outcome = FileOutcome(**json.loads(found[0]))
        rows = json.loads(found[1])
        for row in rows:
            for col in _TIMESTAMP_COLUMNS:
                row[col] = pd.Timestamp(row[col]) if row.get(col) else None
        return FileRead(outcome, rows, [None] * len(rows))

    def put(self, key: str, read: FileRead) -> None:
        outcome = json.dumps(read.outcome.__dict__)
        rows = json.dumps([{k: _encode(v) for k, v in row.items()} for row in read.rows])
        with self._db:  # one transaction per file
            self._db.execute("INSERT OR REPLACE INTO files (key, outcome, rows) VALUES (?, ?, ?)", (key, outcome, rows))
