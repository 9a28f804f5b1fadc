"""Where the athletes are assessed: here, on a process pool, or on a local Dask cluster.

assess() is a pure function of frames, so every executor gives the same results (the
roster's approach, riskcheck.cluster). A few athletes are quicker here than the cost
of starting workers; a large cohort goes to Dask, which spreads it over processes and can
report progress; in between, a process pool. An executor passed in (e.g. a Dask client's
get_executor() on a real cluster) is always used.
"""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Iterator
from contextlib import contextmanager

from riskcheck.cluster import dask_executor
from riskcheck.evaluate.settings import EvaluateSettings
from riskcheck.ingest import parallel


MAX_WORKERS = 8


def default_workers() -> int:
    """The cores this process may use (as reading files counts them), at most MAX_WORKERS."""
    return min(MAX_WORKERS, parallel.default_workers())


@contextmanager
def athlete_pool(n_athletes: int, settings: EvaluateSettings,
                 executor: cf.Executor | None = None) -> Iterator[cf.Executor | None]:
    """The executor to assess `n_athletes` with; None means this process."""
    workers = settings.workers or default_workers()
    if executor is not None:
        yield executor
    elif n_athletes < settings.serial_below or workers <= 1:
        yield None
    elif n_athletes >= settings.dask_threshold and _has_dask():
        with _local_dask(workers) as dask:
            yield dask
    else:
        with cf.ProcessPoolExecutor(max_workers=workers) as pool:
            yield pool


def _has_dask() -> bool:
    try:
        import distributed  # noqa: F401
    except ImportError:
        return False  # Dask is optional (riskcheck[dask]): a process pool does the same work
    return True


@contextmanager
def _local_dask(workers: int) -> Iterator[cf.Executor]:
    with dask_executor(local_workers=workers) as (executor, _):
        yield executor
