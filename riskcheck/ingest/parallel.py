"""Read many sources on every core (or on a Dask cluster), consulting the store first.

Bytes are loaded in this process (disk and archive I/O are cheap and archives cannot be
shared with workers), then parsing — the expensive part — runs in worker processes. At most
IN_FLIGHT_PER_WORKER files per worker are in flight, so memory follows the number of
activities, not the size of the whole export.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
from collections.abc import Callable, Iterable

from riskcheck.ingest.one_file import FileRead, load_source, read_bytes
from riskcheck.ingest.sources import Source
from riskcheck.ingest.store import Store, content_key
from riskcheck.readers.base import ReadOptions
from riskcheck.readers.summarize import activity_id

IN_FLIGHT_PER_WORKER = 4
MIN_FILES_FOR_WORKERS = 8  # below this, starting worker processes costs more than it saves


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def relabel(read: FileRead, name: str) -> FileRead:
    """A stored read of the same content found under another name takes that name."""
    if read.outcome.path == name:
        return read
    read.outcome.path = name
    for index, row in enumerate(read.rows):
        row["source_file"] = name
        row["activity_id"] = activity_id(name, row["start_time_utc"], index)
    for row in read.diary:
        row["source_file"] = name
    return read


def read_all(
    sources: Iterable[Source],
    options: ReadOptions,
    *,
    workers: int | None = None,
    store: Store | None = None,
    executor: cf.Executor | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[FileRead]:
    """FileReads in the order of `sources`. `executor` overrides the local process pool
    (a Dask client's get_executor(), for instance)."""
    sources = list(sources)
    total, done = len(sources), 0
    results: list[FileRead | None] = [None] * total

    def finish(i: int, read: FileRead, key: str | None) -> None:
        nonlocal done
        if store is not None and key is not None:
            store.put(key, read)
        results[i] = read
        done += 1
        if progress:
            progress(done, total)

    def loaded():
        for i, src in enumerate(sources):
            data = load_source(src)
            if isinstance(data, FileRead):
                finish(i, data, None)
                continue
            key = content_key(src.name, data, options) if store is not None else None
            cached = store.get(key) if store is not None else None
            if cached is not None:
                finish(i, relabel(cached, src.name), None)
                continue
            yield i, src.name, data, key

    workers = workers or default_workers()
    if executor is None and (workers <= 1 or total < MIN_FILES_FOR_WORKERS):
        for i, name, data, key in loaded():
            finish(i, read_bytes(name, data, options), key)
        return results
    own_pool = executor is None
    pool = executor or cf.ProcessPoolExecutor(max_workers=workers)
    try:
        in_flight: dict[cf.Future, tuple[int, str | None]] = {}
        for i, name, data, key in loaded():
            in_flight[pool.submit(read_bytes, name, data, options)] = (i, key)
            if len(in_flight) >= workers * IN_FLIGHT_PER_WORKER:
                _harvest(in_flight, finish, cf.FIRST_COMPLETED)
        _harvest(in_flight, finish, cf.ALL_COMPLETED)
    finally:
        if own_pool:
            pool.shutdown(cancel_futures=True)
    return results


def _harvest(in_flight: dict, finish, when) -> None:
    finished, _ = cf.wait(list(in_flight), return_when=when)
    for future in finished:
        i, key = in_flight.pop(future)
        finish(i, future.result(), key)
