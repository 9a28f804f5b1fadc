"""A Dask cluster as the executor that reads and assesses a roster.

Reading and assessing are pure functions of bytes and frames, so a Dask worker runs exactly
the code a local worker process runs, and the results are identical. Bytes are loaded and
the store is consulted in this process; only parsing and assessing travel to the cluster.
Dask is optional: `pip install riskcheck[dask]`.
"""

from __future__ import annotations

import concurrent.futures as cf
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from riskcheck.errors import ConfigError, RiskcheckError

CONNECT_TIMEOUT_S = 30
PROBE_TIMEOUT_S = 5  # a plain TCP connect: nothing listening is known at once


@contextmanager
def dask_executor(scheduler: str | None = None, local_workers: int | None = None) -> Iterator[tuple[cf.Executor, int]]:
    """(executor, worker threads) on the cluster at `scheduler` (e.g. 'tcp://10.0.0.5:8786'),
    or on a local cluster of `local_workers` processes started here and closed after."""
    if (scheduler is None) == (local_workers is None):
        raise ConfigError("give either a scheduler address or a number of local workers")
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ConfigError("running on Dask needs the 'distributed' package: pip install 'riskcheck[dask]'") from None
    cluster = None
    try:
        if scheduler is None:
            if local_workers < 1:
                raise ConfigError("a local cluster needs at least one worker")
            cluster = LocalCluster(n_workers=local_workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        else:
            _probe(scheduler)
            client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        where = scheduler or "a local cluster"
        raise RiskcheckError(f"cannot reach the Dask scheduler at {where}: {exc}") from exc
    try:
        threads = sum(client.nthreads().values()) or 1
        yield client.get_executor(), threads
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _probe(scheduler: str) -> None:
    """OSError when nothing listens at a tcp:// address. Dask's client keeps retrying a
    refused connection until its timeout, so a mistyped address would cost the user 30 s
    before the error; other schemes (tls://, ucx://) are left to the client."""
    address = urlsplit(scheduler if "://" in scheduler else f"tcp://{scheduler}")
    try:
        port = address.port
    except ValueError:  # not a port number: the client says what is wrong
        return
    if address.scheme == "tcp" and address.hostname and port:
        with socket.create_connection((address.hostname, port), timeout=PROBE_TIMEOUT_S):
            pass
