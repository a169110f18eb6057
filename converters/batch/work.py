"""The work of one job, on whichever machine runs it: data in, bytes out, never raises.

:func:`run_job` takes a packed job (:func:`~converters.batch.jobs.pack`) and
the build's :class:`~converters.batch.travel.Kit`, and returns a
:class:`~converters.batch.jobs.Result` holding the files' bytes and what the
job logged. It opens no file of the build and writes none: the process that
started the build writes the outputs (:func:`store`), the manifest last.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from converters.batch.jobs import ArticleJob, Built, CollectionJob, Output, Result, _failure, job_paths
from converters.batch.travel import Kit, unpack, unpacked_cover
from converters.errors import InputError, PlainpressError
from converters.metatext import plain
from converters.model import Document
from converters.options import ReadOptions, fixed_epoch

_LOG = "plainpress"


class _Collect(logging.Filter):
    """Keeps, per thread, what jobs log, so the starting process can print it.

    Installed once on the ``plainpress`` logger; a record logged by a thread
    that is running a job is kept for that job and not printed here (a
    worker's stderr is not the user's); any other record passes.
    """

    def __init__(self) -> None:
        super().__init__()
        self.local = threading.local()

    def filter(self, record: logging.LogRecord) -> bool:
        kept: list[tuple[int, str]] | None = getattr(self.local, "records", None)
        if kept is None:
            return True
        kept.append((record.levelno, record.getMessage()))
        return False


_COLLECT = _Collect()
_INSTALL = threading.Lock()


@contextlib.contextmanager
def _collecting() -> Iterator[list[tuple[int, str]]]:
    """Within the block, what this thread logs on ``plainpress`` is kept in the yielded list."""
    log = logging.getLogger(_LOG)
    with _INSTALL:
        if _COLLECT not in log.filters:
            log.addFilter(_COLLECT)
        if log.level == logging.NOTSET:  # a fresh worker: keep notes too, as the CLI shows them
            log.setLevel(logging.INFO)
    records: list[tuple[int, str]] = []
    _COLLECT.local.records = records
    try:
        yield records
    finally:
        _COLLECT.local.records = None


def read_data(data: bytes, source: Path, options: ReadOptions) -> Document:
    """Read a source's bytes as :func:`converters.api.read` reads its file (the same
    checks, messages and model; the file itself is not opened), announcing furniture.

    Raises:
        InputError: the bytes are empty, binary or cannot be decoded.
    """
    from converters.api import announce_furniture
    from converters.model import Source
    from converters.readers.decode import decode
    from converters.readers.normalize import normalize
    from converters.readers.plaintext import read_text

    name = str(source)
    text, codec = decode(data, name, options.encoding)
    if not normalize(text).strip():
        raise InputError(name, "is empty")
    doc = read_text(text, options, Source(path=name, encoding=codec))
    announce_furniture(source, doc)
    return doc


def build_article(job: ArticleJob) -> Result:
    """Read one packed source and render each requested format; never raises.

    Every format is rendered before any is returned, so a failure returns no
    file of that source (the previous build's files stay).
    """
    from converters.api import to_bytes

    paths = job_paths(job)
    try:
        doc = read_data(_packed(job.data), job.source, job.read)
        outputs = tuple(Output(rel, fmt, to_bytes(doc, fmt, job.write)) for fmt, rel in job.outputs)
    except Exception as exc:
        return _failure(paths, exc, job.display, job.source)
    from converters.render import page_title

    date = (doc.date.text, doc.date.iso) if doc.date else None
    return Result(paths, outputs=outputs, title=page_title(doc), date=date, language=doc.language)


def build_collection(job: CollectionJob) -> Result:
    """Read every packed source of a collection and render its EPUB (a KEPUB when
    its output ends in ``.kepub.epub``); never raises.

    A source that cannot be read fails the whole collection (a book silently
    missing an article is worse than no book); the error names the source.
    """
    from converters.bookformats import render_book  # a .kepub.epub output is a KEPUB
    from converters.collection import book_language

    paths = (job.path,)
    docs = []
    data = job.data if job.data is not None else (None,) * len(job.sources)
    for source, display, raw in zip(job.sources, job.displays, data, strict=True):
        try:
            docs.append(read_data(_packed(raw), source, job.read))
        except Exception as exc:
            failed = _failure(paths, exc, display, source)
            return replace(failed, error=f"{job.path}: collection {job.spec.title!r}: {failed.error}")
    try:
        cover = job.spec.cover
        with unpacked_cover(cover.name if cover else "", job.cover) as here:
            spec = job.spec if here is None else replace(job.spec, cover=here)
            try:
                if job.fmt == "web":  # a folder: its index.html is the target, every file an output
                    from converters.webedition import render_web_edition

                    folder = job.path.rsplit("/", 1)[0]
                    files = render_web_edition(docs, spec, job.write)
                    pages = {f"{folder}/{rel}": data for rel, data in files.items()}
                    outputs = tuple(Output(path, "web", data) for path, data in sorted(pages.items()))
                else:
                    outputs = (Output(job.path, job.fmt, render_book(job.path, docs, spec, job.write)),)
            except PlainpressError as exc:  # name the user's cover, not the copy
                if here is not None and exc.path == str(here):
                    raise type(exc)(cover, exc.reason) from None
                raise
    except Exception as exc:
        return _failure(paths, exc, job.path, None)
    return Result(
        paths, outputs=outputs, title=plain(job.spec.title), language=book_language(docs, job.spec.language)
    )


def _packed(data: bytes | None) -> bytes:
    """A job's source bytes; a job must be packed before it runs.

    Raises:
        ValueError: the job was not packed (a bug in the caller).
    """
    if data is None:
        raise ValueError("the job was not packed (converters.batch.jobs.pack)")
    return data


def run_job(job: ArticleJob | CollectionJob, kit: Kit) -> Result:
    """Do one packed job with the build's ``kit``: its epoch, its style, its checks; never raises.

    What the job logs comes back in the result's ``notes``.
    """
    with _collecting() as records, fixed_epoch(kit.epoch):
        try:
            job = replace(job, write=unpack(kit, job.write))
        except Exception as exc:
            name = job.path if isinstance(job, CollectionJob) else job.display
            result = _failure(job_paths(job), exc, name, None)
        else:
            result = build_collection(job) if isinstance(job, CollectionJob) else build_article(job)
    return replace(result, notes=tuple(records))


def store(result: Result, write: Callable[[str, bytes], None]) -> Result:
    """Write a result's files with ``write(relative path, bytes)`` (in the starting process)
    and return it with ``built`` filled and the bytes dropped.

    An error while writing is the result's error (exit code 3 for an
    :class:`~converters.errors.OutputError`) and records none of its files,
    as when a job wrote its files itself.
    """
    if not result.outputs:
        return result
    built: list[Built] = []
    try:
        for out in result.outputs:
            write(out.path, out.data)
            built.append(Built(out.path, out.fmt, len(out.data), hashlib.sha256(out.data).hexdigest()))
    except Exception as exc:
        failed = _failure(result.paths, exc, result.paths[0], None)
        return replace(failed, notes=result.notes)
    return replace(result, outputs=(), built=tuple(built))


__all__ = ["build_article", "build_collection", "read_data", "run_job", "store"]
