"""Run generated cases in worker processes that bound each case in time and memory.

Each worker limits its own address space (RLIMIT_AS) and arms a timer per case, so a reader
that hangs or swallows memory fails its case instead of the machine. Per case it records the
wall time and the peak resident memory above what the worker held before the case (Linux
resets the peak through /proc/self/clear_refs).
"""

from __future__ import annotations

import concurrent.futures as cf
import ctypes
import multiprocessing
import re
import resource
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

from hostile_cases import Case, build, for_each_case
from hypothesis import strategies as st

TIME_LIMIT_S = 15.0  # generous: the slowest case takes 0.35 s on an idle machine; CI machines are shared
MEMORY_HEADROOM_BYTES = 1024 * 1024 * 1024  # address space a worker may add to what it starts with
CHUNK = 40                                   # cases per task sent to a worker
WORKERS = 2


class CaseTimeout(BaseException):
    """Raised by the per-case timer. A BaseException, so that no reader's `except Exception`
    (nor read_bytes' own catch-all) can swallow it."""


@dataclass
class Ran:
    status: str = ""
    reason: str = ""
    path: str = ""
    activities: int = 0
    rows: int = 0
    warnings: list[str] = field(default_factory=list)
    elapsed_s: float = 0.0
    peak_kib: int | None = None  # growth of resident memory during the case
    worker_peak_kib: int = 0     # the worker's whole resident memory at its peak in the case
    escaped: str = ""  # what left read_bytes, which must never raise or hang


_SEEDS: dict[str, bytes] = {}
_LIBC = ctypes.CDLL(None)


def start_pool(seed_paths: dict[str, Path]) -> cf.ProcessPoolExecutor:
    return cf.ProcessPoolExecutor(max_workers=WORKERS, mp_context=multiprocessing.get_context("spawn"),
                                  initializer=_init_worker, initargs=(seed_paths,))


def generate_and_run(pool: cf.Executor, strategy: st.SearchStrategy[Case], count: int) -> list[tuple[Case, Ran]]:
    """Draw up to `count` distinct cases and run them; workers test each chunk while
    hypothesis draws the next."""
    cases: list[Case] = []
    seen: set[Case] = set()
    futures: list[cf.Future] = []

    def each(case: Case) -> None:
        if case not in seen:
            seen.add(case)
            cases.append(case)
            if len(cases) % CHUNK == 0:
                futures.append(pool.submit(_run_chunk, cases[-CHUNK:]))

    for_each_case(strategy, count, each)
    if len(cases) % CHUNK:
        futures.append(pool.submit(_run_chunk, cases[-(len(cases) % CHUNK):]))
    results: list[Ran] = []
    for start, future in zip(range(0, len(cases), CHUNK), futures):
        chunk = cases[start:start + CHUNK]
        try:
            # Backstop for a hang the per-case timer cannot interrupt (a loop inside C code).
            results += future.result(timeout=len(chunk) * TIME_LIMIT_S + 60)
        except (cf.TimeoutError, cf.process.BrokenProcessPool) as exc:
            raise AssertionError(f"worker lost ({type(exc).__name__}) on one of these cases:\n"
                                 + "\n".join(c.reproducer() for c in chunk)) from exc
    return list(zip(cases, results))


def _init_worker(seed_paths: dict[str, Path]) -> None:
    global _SEEDS
    _SEEDS = {name: Path(path).read_bytes() for name, path in seed_paths.items()}
    # Import every reader before the limit, so imports are not counted against it.
    import riskcheck.ingest.read  # noqa: F401
    from riskcheck.ingest.formats import reader_for
    for fmt in ("fit", "gpx", "tcx", "csv"):
        reader_for(fmt)
    limit = _status_kib("VmSize") * 1024 + MEMORY_HEADROOM_BYTES
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGALRM, _on_alarm)


def _on_alarm(signum, frame):
    raise CaseTimeout()


def _run_chunk(cases: list[Case]) -> list[Ran]:
    return [_run_one(case) for case in cases]


def _run_one(case: Case) -> Ran:
    from riskcheck.ingest.one_file import read_bytes
    from riskcheck.readers.base import ReadOptions

    data = build(case, _SEEDS)
    ran = Ran()
    read = _bounded(ran, TIME_LIMIT_S, read_bytes, case.name, data, ReadOptions())
    if read is not None:
        o = read.outcome
        ran.status, ran.reason, ran.path, ran.activities = o.status, o.reason, o.path, o.activities
        ran.rows, ran.warnings = len(read.rows), list(o.warnings)
    return ran


def _bounded(ran: Ran, limit_s: float, fn, *args):
    """fn(*args) under the timer, its time and memory noted in `ran`; None if it escaped."""
    before_kib = _reset_peak()
    start = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, limit_s)
    try:
        return fn(*args)
    except CaseTimeout:
        ran.escaped = f"no result within {limit_s:g} s"
    except BaseException as exc:  # noqa: BLE001 - anything at all is the finding
        ran.escaped = f"{type(exc).__name__}: {exc}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        ran.elapsed_s = time.perf_counter() - start
        ran.worker_peak_kib = _status_kib("VmHWM")
        ran.peak_kib = ran.worker_peak_kib - before_kib if before_kib is not None else None
    return None


def probe_bounds(hang_s: float, allocate_bytes: int) -> tuple[Ran, Ran, int]:
    """What the bounds do to a hang and to a runaway allocation, and the address-space
    limit itself: proof that the workers are bounded, for the tests."""
    hang, greedy = Ran(), Ran()
    _bounded(hang, 0.2, time.sleep, hang_s)
    _bounded(greedy, TIME_LIMIT_S, bytearray, allocate_bytes)
    return hang, greedy, resource.getrlimit(resource.RLIMIT_AS)[0]


def _reset_peak() -> int | None:
    """Hand freed heap back to the system and reset the process's peak RSS, so the next peak
    is the case's own; the RSS now (KiB), or None where Linux's clear_refs is not available
    (the address-space limit still bounds memory)."""
    _LIBC.malloc_trim(0)
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        return None
    return _status_kib("VmRSS")


def _status_kib(key: str) -> int:
    with open("/proc/self/status") as fh:
        return int(re.search(rf"^{key}:\s+(\d+)", fh.read(), re.M).group(1))
