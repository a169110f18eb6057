"""Worker processes shared by ``build`` and ``convert``: start, signals, stop.

Both commands run their expensive work as plain functions of picklable
inputs through a :class:`concurrent.futures.Executor`; when none is given
they make a local :class:`~concurrent.futures.ProcessPoolExecutor` with
:func:`local_pool`. Ctrl-C is left to the main process, which ends the
workers itself (:func:`stop_workers`), so outputs are only ever written
whole (see :mod:`converters.output`).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # concurrent.futures.process imports multiprocessing: ~20 ms, only for a pool
    from concurrent.futures import Executor, ProcessPoolExecutor


#: ``PR_SET_PDEATHSIG`` from ``<linux/prctl.h>``.
_PR_SET_PDEATHSIG = 1


def cpu_count() -> int:
    """The CPUs this process may run on (its affinity mask where the OS has one), at least 1."""
    with contextlib.suppress(AttributeError, OSError):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def worker_init() -> None:
    """In each worker: leave Ctrl-C to the main process (it stops the workers itself,
    see :func:`stop_workers`), let SIGTERM end the worker at once, and, on Linux,
    have the kernel send SIGTERM when the main process dies (``prctl(PR_SET_PDEATHSIG)``),
    so a killed ``--watch`` leaves no idle worker behind."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM))


def local_pool(
    workers: int, initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = ()
) -> ProcessPoolExecutor:
    """A process pool of ``workers`` processes (the platform's default start method:
    fork on Linux, so workers inherit what the parent already imported), each
    running :func:`worker_init` and then ``initializer(*initargs)``."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        max_workers=max(1, workers),
        mp_context=multiprocessing.get_context(),
        initializer=_start,
        initargs=(initializer, initargs),
    )


def _start(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    """A worker's first act (module level, so it pickles under any start method)."""
    worker_init()
    if initializer is not None:
        initializer(*initargs)


def stop_workers(executor: Executor) -> None:
    """End a local process pool's workers now and wait until they are gone.

    A worker ended inside :func:`~converters.output.write_atomic` leaves either
    the complete file (the rename happened) or a ``.part`` file, which the
    caller deletes; never a truncated output.
    """
    processes = getattr(executor, "_processes", None) or {}
    for process in list(processes.values()):
        with contextlib.suppress(Exception):
            process.terminate()
    executor.shutdown(wait=True, cancel_futures=True)
