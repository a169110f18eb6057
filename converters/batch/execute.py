"""Execution: run jobs through a :class:`concurrent.futures.Executor`, results as they complete."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, as_completed

from converters.batch.jobs import ArticleJob, CollectionJob, Result, _failure, _run_job
from converters.pool import local_pool, stop_workers

_WRITER_MODULES: dict[str, tuple[str, ...]] = {
    "pdf": ("weasyprint",),
    "epub": ("ebooklib.epub", "lxml.etree"),
    "md": ("pypandoc",),
}


def warm_up(jobs: Sequence[ArticleJob | CollectionJob]) -> None:
    """Pay, once in this process, the set-up every worker would otherwise pay.

    Forked workers inherit the parent's memory, so importing the writers'
    libraries, loading the reader's language model (by reading the first
    source) and asking pandoc its API version here, before the pool starts,
    saves each worker seconds of CPU. Only imports and pure caches are
    warmed: no fonts are configured and no files are written. Errors are
    ignored; the job that meets them reports them.
    """
    import importlib

    formats = {fmt for job in jobs if isinstance(job, ArticleJob) for fmt, _ in job.outputs}
    if any(isinstance(job, CollectionJob) for job in jobs):
        formats.add("epub")
    with contextlib.suppress(Exception):  # warming is an optimisation only
        for fmt in sorted(formats):
            for module in _WRITER_MODULES.get(fmt, ()):
                importlib.import_module(module)
        if "md" in formats:
            from converters.writers.markdown import pandoc_api_version

            pandoc_api_version()
        first = next((job for job in jobs if isinstance(job, ArticleJob)), None)
        if first is not None:
            from converters.api import read

            read(first.source, first.read)


@contextlib.contextmanager
def _shielded() -> Iterator[None]:
    """Hold off a second Ctrl-C or SIGTERM while the build records what it finished.

    Only the main thread can change signal handlers; elsewhere this does nothing.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


def execute(
    jobs: Sequence[ArticleJob | CollectionJob],
    executor: Executor | None = None,
    workers: int | None = None,
    on_result: Callable[[Result], None] | None = None,
) -> list[Result]:
    """Run ``jobs`` through ``executor`` (default: a ``ProcessPoolExecutor`` of
    ``workers`` processes, default the number of CPUs) and return the results
    in completion order, calling ``on_result`` as each arrives.

    On Ctrl-C or SIGTERM (any ``BaseException`` while waiting), jobs not yet
    started are cancelled, the default pool's workers are stopped and waited
    for, and every result that did complete is still passed to ``on_result``
    before the exception is re-raised. With another executor, jobs already
    running are left to it.
    """
    if not jobs:
        return []
    own = executor is None
    if executor is None:
        import multiprocessing

        if multiprocessing.get_start_method() == "fork":
            warm_up(jobs)
        executor = local_pool(min(workers or os.cpu_count() or 1, len(jobs)))
    results: list[Result] = []
    futures: dict[Future[Result], ArticleJob | CollectionJob] = {}
    delivered: set[Future[Result]] = set()

    def deliver(future: Future[Result], result: Result) -> None:
        delivered.add(future)
        results.append(result)
        if on_result is not None:
            on_result(result)

    try:
        for job in jobs:
            futures[executor.submit(_run_job, job)] = job
        for future in as_completed(futures):
            try:
                result = future.result()
            except Exception as exc:  # the worker died (killed, out of memory)
                job = futures[future]
                paths = (job.path,) if isinstance(job, CollectionJob) else tuple(p for _, p in job.outputs)
                name = job.path if isinstance(job, CollectionJob) else job.display
                result = _failure(paths, exc, name, None)
            deliver(future, result)
    except BaseException:
        with _shielded():
            for future in futures:
                future.cancel()
            if own:
                stop_workers(executor)
            for future in futures:  # finished in a worker, not yet collected here
                if future in delivered or not future.done() or future.cancelled():
                    continue
                if future.exception() is None:
                    deliver(future, future.result())
        raise
    if own:
        executor.shutdown()
    return results
