"""Read several groups of paths (a roster's athletes) through one pool of workers.

One pool for everyone keeps every core busy across athletes: a pool per athlete would idle
while each athlete's last files finish. Every group is then assembled on its own, by the same
code as read(), so a group's ReadResult equals what read() gives for its paths alone.
"""

from __future__ import annotations

import concurrent.futures as cf
import os
from collections.abc import Callable, Iterable, Mapping

from riskcheck.ingest.limits import Limits
from riskcheck.ingest.parallel import MIN_FILES_FOR_WORKERS, default_workers, read_all
from riskcheck.ingest.read import ReadResult, assemble
from riskcheck.ingest.sources import Source, iter_sources
from riskcheck.ingest.store import Store
from riskcheck.readers.base import ReadOptions

Paths = Iterable[str | os.PathLike]


def read_many(
    groups: Mapping[str, Paths],
    *,
    tz: str | None = None,
    tz_by_group: Mapping[str, str | None] | None = None,
    csv_column_map: dict[str, str] | None = None,
    limits: Limits | None = None,
    workers: int | None = None,
    store: str | os.PathLike | None = None,
    executor: cf.Executor | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, ReadResult]:
    """{group name: ReadResult}, each group's rows labelled with its name as the athlete.
    `tz_by_group` overrides `tz` for the groups it names; the other arguments are read()'s."""
    tz_by_group = tz_by_group or {}
    sources = {name: _unique(iter_sources(list(paths), limits)) for name, paths in groups.items()}
    # Only the time zone differs between groups: each zone is one read_all (its files are
    # keyed apart in the store), and all of them share the pool.
    by_tz: dict[str | None, list[str]] = {}
    for name in groups:
        by_tz.setdefault(tz_by_group.get(name, tz), []).append(name)
    total = sum(len(s) for s in sources.values())
    workers = workers or default_workers()
    own_pool = executor is None and workers > 1 and total >= MIN_FILES_FOR_WORKERS
    pool = cf.ProcessPoolExecutor(max_workers=workers) if own_pool else executor
    opened = Store(store) if store is not None else None
    results: dict[str, ReadResult] = {}
    try:
        done_before = 0
        for zone, names in by_tz.items():
            batch = [src for name in names for src in sources[name]]
            step = (lambda done, _total, before=done_before: progress(before + done, total)) if progress else None
            options = ReadOptions(tz=zone, csv_column_map=csv_column_map)
            reads = read_all(batch, options, workers=workers, store=opened, executor=pool, progress=step)
            done_before += len(batch)
            start = 0
            for name in names:
                results[name] = assemble(reads[start:start + len(sources[name])], name)
                start += len(sources[name])
        problem = opened.problem if opened is not None else ""
        for result in results.values():
            result.notes += [problem] if problem else []
    finally:
        if opened is not None:
            opened.close()
        if own_pool:
            pool.shutdown(cancel_futures=True)
    return {name: results[name] for name in groups}


def _unique(sources: Iterable[Source]) -> list[Source]:
    """The same file given twice (or a folder and a file inside it) is read once."""
    return list({src.name: src for src in sources}.values())

