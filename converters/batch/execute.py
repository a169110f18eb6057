"""Execution: run jobs through a :class:`concurrent.futures.Executor`, results as they complete."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait

from converters.batch.jobs import ArticleJob, CollectionJob, Result, _failure, job_paths, pack, pack_failure
from converters.batch.plan import templates_fingerprint
from converters.batch.travel import Kit, make_kit
from converters.batch.work import run_job
from converters.errors import PlainpressError
from converters.pool import local_pool, stop_workers


class ExecutorLost(PlainpressError):
    """The executor stopped running the build's jobs (a Dask scheduler went away): exit code 1.

    The files finished so far are written and recorded; the next build does the rest.
    """


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
    ignored, and warnings are not logged: the job that meets them reports
    them (else a warning about the first source was printed twice).
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

            log = logging.getLogger("plainpress")
            disabled, log.disabled = log.disabled, True
            try:
                read(first.source, first.read)
            finally:
                log.disabled = disabled


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
    kit: Kit | None = None,
    window: int | None = None,
) -> list[Result]:
    """Run ``jobs`` through ``executor`` (default: a ``ProcessPoolExecutor`` of
    ``workers`` processes, default the number of CPUs) and return the results
    in completion order, calling ``on_result`` as each arrives.

    Each job is packed (:func:`~converters.batch.jobs.pack`: its sources' bytes
    read here) just before it is submitted, with at most ``window`` jobs in
    flight (default: four per worker, at least 32), so memory holds a window
    of sources, not the archive. The job runs as :func:`~converters.batch.work.run_job`
    with ``kit`` (default: :func:`~converters.batch.travel.make_kit` of the
    first job's write options); a job whose sources cannot be read fails here.

    On Ctrl-C or SIGTERM (any ``BaseException`` while waiting), jobs not yet
    started are cancelled, the default pool's workers are stopped and waited
    for, and every result that did complete is still passed to ``on_result``
    before the exception is re-raised. With another executor, jobs already
    running are left to it.

    Raises:
        UsageError: the style cannot be read (making the default kit).
    """
    if not jobs:
        return []
    if kit is None:
        kit = make_kit(jobs[0].write, templates_fingerprint())
    own = executor is None
    count = workers or os.cpu_count() or 1
    if executor is None:
        import multiprocessing

        if multiprocessing.get_start_method() == "fork":
            warm_up(jobs)
        executor = local_pool(min(count, len(jobs)))
    results: list[Result] = []
    futures: dict[Future[Result], ArticleJob | CollectionJob] = {}
    delivered: set[Future[Result]] = set()
    running: set[Future[Result]] = set()
    waiting = iter(jobs)
    limit = window or max(4 * count, 32)

    def deliver(future: Future[Result] | None, result: Result) -> None:
        if future is not None:
            delivered.add(future)
            running.discard(future)
        results.append(result)
        if on_result is not None:
            on_result(result)

    def top_up() -> None:
        while len(running) < limit:
            job = next(waiting, None)
            if job is None:
                return
            try:
                packed = pack(job)
            except Exception as exc:  # a missing or unreadable source: this job fails, the others go on
                deliver(None, pack_failure(job, exc))
                continue
            future = executor.submit(run_job, packed, kit)
            futures[future] = job
            running.add(future)

    try:
        top_up()
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                if future.cancelled():  # not by this build: the executor dropped it
                    where = getattr(executor, "where", "the executor")
                    raise ExecutorLost(
                        None,
                        f"{where} went away; the files finished were kept and recorded, "
                        "build again to do the rest",
                    )
                try:
                    result = future.result()
                except Exception as exc:  # the worker died (killed, out of memory)
                    job = futures[future]
                    name = job.path if isinstance(job, CollectionJob) else job.display
                    result = _failure(job_paths(job), exc, name, None)
                deliver(future, result)
            top_up()
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
