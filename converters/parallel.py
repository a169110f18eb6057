"""``convert`` of many sources and formats with its work overlapped.

Where the time goes (sample article, one process): importing WeasyPrint and
laying out the PDF take most of a second; each pandoc format (``md``,
``docx``, ``odt``) is a pandoc subprocess of about 0.1 s; HTML and EPUB take
a few tens of milliseconds. So :func:`convert_files`

- sends the *process* formats (``pdf``) to worker processes through a
  :class:`concurrent.futures.Executor` (by default a local pool from
  :mod:`converters.pool`, the machinery ``build`` uses), started before the
  first source is read, each worker importing WeasyPrint and loading its
  fonts (:meth:`~converters.writers.pdf.PdfWriter.prepare`) while the main
  process reads;
- runs the *subprocess* formats (pandoc's) on threads, which wait for pandoc
  while the main thread renders HTML and EPUB;
- with one worker (one CPU, or ``-j 1``), renders the process formats in the
  main process too.

Writing stays all-or-nothing per source: every format of a source is
rendered to bytes first, then all are written atomically, in the order
given, by the main process; a failure in any format writes none of that
source's files.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Generator, Iterable, Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from converters.api import (
    NameFrom,
    Written,
    announce_furniture,
    check_article,
    output_stem,
    read,
    refuse_overwrite,
    to_bytes,
)
from converters.model import Document
from converters.options import ReadOptions, WriteOptions
from converters.output import NameAllocator, ensure_dir, write_atomic
from converters.pool import cpu_count, local_pool, stop_workers
from converters.writers import get_writer

#: Formats rendered in worker processes when there is more than one CPU.
PROCESS_FORMATS = frozenset({"pdf"})
#: Formats whose writer waits on a pandoc subprocess: rendered on threads.
SUBPROCESS_FORMATS = frozenset({"md", "docx", "odt"})

_LOG = "plainpress"


@dataclass
class _Pending:
    """One source in flight: its output stem and, per format, the bytes or their future."""

    source: Path
    stem: str = ""
    outputs: dict[str, Future[Any] | bytes] = field(default_factory=dict)
    error: BaseException | None = None


class _Collect(logging.Handler):
    """Keeps a worker's warnings so the main process can print them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelno, record.getMessage()))


_HANDLERS_LOCK = threading.Lock()


def prepare_worker(formats: tuple[str, ...], options: WriteOptions) -> None:
    """Worker initialiser: do each writer's one-time set-up (see ``prepare`` on a writer)."""
    for fmt in formats:
        prepare = getattr(get_writer(fmt), "prepare", None)
        if prepare is not None:
            prepare(options)


def render_in_worker(doc: Document, fmt: str, options: WriteOptions) -> tuple[bytes, list[tuple[int, str]]]:
    """Render ``doc`` as ``fmt`` in a worker; returns the bytes and the warnings logged
    meanwhile as ``(level, message)`` (a forked worker's stderr is not the caller's).

    Raises:
        whatever the writer raises (errors pickle back to the caller with their class).
    """
    log = logging.getLogger(_LOG)
    collect = _Collect()
    # Threads of one process share the logger: without the lock, two renders swapping
    # its handlers at once could restore each other's collector and silence stderr.
    with _HANDLERS_LOCK:
        saved = log.handlers[:]
        log.handlers = [collect]
        try:
            return to_bytes(doc, fmt, options), collect.records
        finally:
            log.handlers = saved


def _value(output: Future[Any] | bytes) -> bytes:
    """The bytes of one format: rendered here, by a thread, or by a worker (which also
    sends back the warnings it logged, logged now, in the source's turn)."""
    if not isinstance(output, Future):
        return output
    result = output.result()
    if isinstance(result, tuple):
        data, records = result
        for level, message in records:
            logging.getLogger(_LOG).log(level, "%s", message)
        return cast(bytes, data)
    return cast(bytes, result)


def convert_files(
    sources: Sequence[Path],
    formats: Sequence[str],
    output_dir: Path,
    read_options: ReadOptions | None = None,
    write_options: WriteOptions | None = None,
    name_from: NameFrom = "source",
    *,
    executor: Executor | None = None,
    workers: int | None = None,
    eager: bool = False,
) -> Generator[tuple[Path, list[Written] | Exception], None, None]:
    """Convert every source into every format; yield ``(source, written files)`` or
    ``(source, the exception that stopped it)`` for each source, in the order given.

    ``executor`` runs the process formats (default: a local pool of ``workers``
    processes, default one per CPU, and none when that is 1). On Ctrl-C or any
    other ``BaseException`` the workers are stopped and nothing more is
    written; each file already yielded is complete.

    With ``eager`` (the watch mode), each format of a source is written as
    soon as it is rendered, so the HTML does not wait for the PDF; a format
    that then fails leaves the source's other new files in place.

    Raises:
        KeyboardInterrupt, SystemExit: passed on after the workers are stopped.
    """
    ropts, wopts = read_options or ReadOptions(), write_options or WriteOptions()
    remote = [f for f in formats if f in PROCESS_FORMATS]
    own = None
    allowed = workers or cpu_count()
    if executor is None and remote and allowed > 1:
        count = min(allowed, len(sources) * len(remote))
        own = executor = local_pool(count, prepare_worker, (tuple(remote), wopts))
    if executor is None:
        remote = []
    threads = ThreadPoolExecutor(max_workers=4, thread_name_prefix="plainpress-pandoc")
    names = NameAllocator()
    pending: list[_Pending] = []
    try:
        if own is not None:
            own.submit(int)  # start the workers now: they prepare while the sources are read
        done = 0  # sources yielded so far, in order
        for source in sources:
            item = _Pending(source)
            pending.append(item)
            _start(item, formats, ropts, wopts, name_from, names, remote, executor, threads)
            while done < len(pending) and _ready(pending[done]):  # report early what is finished
                yield pending[done].source, _finish(pending[done], formats, output_dir, sources, eager)
                done += 1
        for item in pending[done:]:
            yield item.source, _finish(item, formats, output_dir, sources, eager)
    except BaseException:
        for item in pending:
            for output in item.outputs.values():
                if isinstance(output, Future):
                    output.cancel()
        if own is not None:
            stop_workers(own)
            own = None
        raise
    finally:
        threads.shutdown(wait=False, cancel_futures=True)
        if own is not None:
            own.shutdown()


def _ready(item: _Pending) -> bool:
    """Whether every format of ``item`` is rendered (or it failed): finishing it will not wait."""
    return item.error is not None or all(
        not isinstance(output, Future) or output.done() for output in item.outputs.values()
    )


def _start(
    item: _Pending,
    formats: Sequence[str],
    ropts: ReadOptions,
    wopts: WriteOptions,
    name_from: NameFrom,
    names: NameAllocator,
    remote: Sequence[str],
    executor: Executor | None,
    threads: ThreadPoolExecutor,
) -> None:
    """Read ``item.source`` and set each of its formats rendering; an error is kept in
    ``item.error``, not raised."""
    try:
        doc = read(item.source, ropts, announce=False)
        check_article(doc, item.source)
        announce_furniture(item.source, doc)
        item.stem = output_stem(doc, item.source, name_from, names)
        for fmt in formats:  # the slow ones first, so they start first
            if fmt in remote and executor is not None:
                item.outputs[fmt] = executor.submit(render_in_worker, doc, fmt, wopts)
            elif fmt in SUBPROCESS_FORMATS:
                item.outputs[fmt] = threads.submit(to_bytes, doc, fmt, wopts)
        for fmt in formats:
            if fmt not in item.outputs:
                item.outputs[fmt] = to_bytes(doc, fmt, wopts)
    except Exception as exc:  # reported when this source's turn comes
        item.error = exc


def _finish(
    item: _Pending, formats: Sequence[str], output_dir: Path, sources: Sequence[Path], eager: bool = False
) -> list[Written] | Exception:
    """Wait for every format of ``item``, then write them all, or none if one failed
    (a write that fails stops there: the files before it are whole, the rest untouched).
    With ``eager``, write each format as soon as it is ready, in the order they finish."""
    written: list[Written] = []
    try:
        if item.error is not None:
            raise item.error
        ensure_dir(output_dir)
        targets = {fmt: output_dir / f"{item.stem}{get_writer(fmt).extension}" for fmt in formats}
        for target in targets.values():
            refuse_overwrite(target, item.source, [s for s in sources if s != item.source])
        pairs: Iterable[tuple[str, bytes]]
        if eager:
            ready = [f for f in formats if not isinstance(item.outputs[f], Future)]
            futures = {cast(Future[Any], item.outputs[f]): f for f in formats if f not in ready}
            order = itertools.chain(ready, (futures[f] for f in as_completed(futures)))
            pairs = ((fmt, _value(item.outputs[fmt])) for fmt in order)
        else:  # every format rendered before any is written
            pairs = [(fmt, _value(item.outputs[fmt])) for fmt in formats]
        for fmt, data in pairs:
            write_atomic(targets[fmt], data)
            written.append(Written(targets[fmt], fmt, len(data)))
    except Exception as exc:
        for output in item.outputs.values():
            if isinstance(output, Future):
                output.cancel()
        return exc
    if eager:
        written.sort(key=lambda w: formats.index(w.fmt))
    return written
