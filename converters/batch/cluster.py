"""Running a build's jobs on a Dask cluster, through the standard executor interface.

``plainpress build --scheduler tcp://host:8786`` (or ``scheduler =`` in the
config) sends the stale targets to an existing ``dask.distributed`` cluster;
``--scheduler local`` starts a :class:`distributed.LocalCluster` of worker
processes for a try-out. Dask is an optional extra (``pip install
'plainpress[dask]'``) and is imported only here, only then.

Jobs are submitted with ``pure=False`` (a job submitted again, after an
output was deleted or for a retry, is run again, never taken from Dask's
cache) and :data:`RETRIES` retries; a job on a worker that dies is run again
on another one by the scheduler. The build's :class:`~converters.batch.travel.Kit`
is scattered to the workers once instead of travelling with every job.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from typing import Any, TypeVar

from converters.batch.travel import Kit
from converters.errors import PlainpressError, UsageError

R = TypeVar("R")

#: How many times a job that raised on a worker is run again (a worker that dies
#: is handled by the scheduler itself: its jobs go to other workers).
RETRIES = 3

#: Seconds to wait for a scheduler to answer before giving up.
CONNECT_TIMEOUT = 10

DASK_HINT = "pip install 'plainpress[dask]'"


class ClusterError(PlainpressError):
    """The scheduler cannot be reached (exit code 1: nothing was built)."""


def _one_at_a_time(fn: Callable[..., R], *args: Any) -> R:
    """Run ``fn(*args)`` holding this process's lock: WeasyPrint and the writers' caches
    are not made for threads, so a worker with several threads renders one job at a time
    (give workers ``--nthreads 1`` and more processes instead)."""
    with _RENDER:
        return fn(*args)


_RENDER = threading.Lock()


class DaskExecutor(Executor):
    """A :class:`concurrent.futures.Executor` over a ``distributed.Client``.

    Attributes:
        where: the scheduler, for messages (``"the Dask scheduler at tcp://10.0.0.5:8786"``).
        dashboard: the dashboard's URL, or ``None`` when the scheduler serves none.
        window: how many jobs to keep in flight: four per worker thread, at least 32.
    """

    def __init__(self, client: Any, where: str) -> None:
        self.client = client
        self.where = where
        self._inner = client.get_executor(pure=False, retries=RETRIES)
        self._kits: dict[str, Any] = {}
        info = client.scheduler_info(n_workers=-1)
        port = info.get("services", {}).get("dashboard")
        host = str(info.get("address", "")).split("://")[-1].rsplit(":", 1)[0]
        self.dashboard = f"http://{host}:{port}/status" if port else None
        threads = sum(int(w.get("nthreads", 1)) for w in info.get("workers", {}).values())
        self.workers = len(info.get("workers", {}))
        self.window = max(32, 4 * threads)

    def _shared(self, kit: Kit) -> Any:
        """The kit, scattered to every worker once (a Dask future the jobs take as argument)."""
        key = kit.digest
        if key not in self._kits:
            self._kits[key] = self.client.scatter(kit, broadcast=True, hash=False)
        return self._kits[key]

    def submit(self, fn: Callable[..., R], /, *args: Any, **kwargs: Any) -> Future[R]:
        """Run ``fn(*args)`` on the cluster (one job at a time per worker process)."""
        shared = [self._shared(a) if isinstance(a, Kit) else a for a in args]
        future: Future[R] = self._inner.submit(_one_at_a_time, fn, *shared, **kwargs)
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop submitting; with ``cancel_futures`` (or not ``wait``), cancel what has not run."""
        self._inner.shutdown(wait=wait and not cancel_futures)


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ignore Ctrl-C while the block starts processes, which inherit it: a local cluster's
    workers then leave Ctrl-C to the build (which cancels its jobs and records what it
    finished) instead of each printing a traceback. Only the main thread can do this."""
    import signal

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


def _quiet_dask() -> contextlib.ExitStack:
    """Keep Dask's own log records (a lost connection's tracebacks) off the user's terminal,
    unless ``--debug`` is on; plainpress says what happened in one line. Close to restore."""
    stack = contextlib.ExitStack()
    if logging.getLogger("plainpress").isEnabledFor(logging.DEBUG):
        return stack
    for name in ("distributed", "tornado"):
        log = logging.getLogger(name)
        stack.callback(log.setLevel, log.level)
        log.setLevel(logging.CRITICAL + 1)
    return stack


@contextlib.contextmanager
def dask_executor(scheduler: str, workers: int | None = None) -> Iterator[DaskExecutor]:
    """A :class:`DaskExecutor` on the cluster at ``scheduler``, or on a new local cluster
    of ``workers`` processes (default: one per CPU) for ``"local"``; closed on exit.

    Raises:
        UsageError: Dask is not installed (the message says what to install).
        ClusterError: the scheduler does not answer within :data:`CONNECT_TIMEOUT` seconds.
    """
    try:
        import distributed
    except ImportError:
        raise UsageError(None, f"--scheduler needs Dask, which is not installed: {DASK_HINT}") from None
    from converters.pool import cpu_count

    quiet = _quiet_dask()
    cluster: Any = None
    try:
        if scheduler == "local":
            with _sigint_ignored():  # inherited by its processes: Ctrl-C is the build's to handle
                cluster = distributed.LocalCluster(
                    n_workers=workers or cpu_count(),
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=":0",
                    silence_logs=logging.ERROR,
                )
            client = distributed.Client(cluster, set_as_default=False)
            where = f"a local Dask cluster at {cluster.scheduler_address}"
        else:
            client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
            where = f"the Dask scheduler at {scheduler}"
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        quiet.close()
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise ClusterError(scheduler, f"cannot reach the Dask scheduler: {reason}") from None
    try:
        yield DaskExecutor(client, where)
    finally:
        with contextlib.suppress(Exception):  # a scheduler already gone cannot be told goodbye
            client.close(timeout=CONNECT_TIMEOUT)
        if cluster is not None:
            with contextlib.suppress(Exception):
                cluster.close()
        quiet.close()


__all__ = ["RETRIES", "ClusterError", "DaskExecutor", "dask_executor"]
