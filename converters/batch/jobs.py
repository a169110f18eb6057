"""The work of one job, run in a worker process: plain functions of picklable data.

:func:`jobs_for` groups stale targets into jobs (one per source, one per
collection); :func:`build_article` and :func:`build_collection` do them and
never raise; :func:`read_many` reads many sources in parallel.
"""

from __future__ import annotations

import contextlib
import os
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from converters.batch.config import BuildConfig
from converters.batch.plan import Target, display_path
from converters.collection import CollectionSpec
from converters.errors import EXIT_BUG, EXIT_OK, PlainpressError
from converters.model import Document
from converters.options import ReadOptions, WriteOptions


@dataclass(frozen=True)
class Built:
    """One file written: ``path`` relative to the output folder, ``size`` in bytes, ``sha256``."""

    path: str
    fmt: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Output:
    """One file a job made: ``path`` relative to the output folder, its ``fmt`` and its bytes."""

    path: str
    fmt: str
    data: bytes


@dataclass(frozen=True)
class Result:
    """What a job returns: the files it wrote, or why it failed.

    Attributes:
        paths: the target paths the job was asked for.
        built: the files written (empty on failure, and until the starting process wrote them).
        outputs: the files made, not yet written (a job returns them; the starting process writes them).
        title: the article's or collection's title (for the index page).
        date: the article's date as written and as ISO 8601, or ``None``.
        language: the article's language, or the book's (BCP 47).
        error: ``"PATH: reason"`` when the job failed, else ``None``.
        exit_code: the error's exit code (1 bad input, 3 output, 70 bug).
        detail: a traceback for internal errors (shown with ``--debug``).
        notes: what the job logged (warnings, notes) as ``(level, message)``, for the
            starting process to print: a worker's stderr is not the user's.
    """

    paths: tuple[str, ...]
    built: tuple[Built, ...] = ()
    outputs: tuple[Output, ...] = ()
    title: str | None = None
    date: tuple[str, str] | None = None
    language: str | None = None
    error: str | None = None
    exit_code: int = EXIT_OK
    detail: str | None = None
    notes: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class ArticleJob:
    """One source and the formats of it to build (all picklable).

    ``source`` names the file (in messages and the document's ``source``) but is
    never opened by the job: ``data`` holds its bytes, filled by :func:`pack`
    in the starting process, so the job runs on any machine.
    """

    source: Path
    display: str
    outputs: tuple[tuple[str, str], ...]  # (format, path relative to output)
    read: ReadOptions
    write: WriteOptions
    data: bytes | None = None


@dataclass(frozen=True)
class CollectionJob:
    """One collection to build (all picklable); ``data`` and ``cover`` are the sources'
    and the cover image's bytes, filled by :func:`pack` (as :class:`ArticleJob`'s)."""

    spec: CollectionSpec
    sources: tuple[Path, ...]
    displays: tuple[str, ...]
    path: str
    read: ReadOptions
    write: WriteOptions
    data: tuple[bytes, ...] | None = None
    cover: bytes | None = None
    fmt: str = "epub"


def _failure(paths: tuple[str, ...], exc: BaseException, display: str, source: Path | None) -> Result:
    if isinstance(exc, PlainpressError):
        message = exc.message
        if source is not None and exc.path is not None and Path(exc.path).resolve() == source:
            message = f"{display}: {exc.reason}"
        return Result(paths, error=message, exit_code=exc.exit_code)
    return Result(
        paths,
        error=f"{display}: internal error: {type(exc).__name__}: {exc} (rerun with --debug for details)",
        exit_code=EXIT_BUG,
        detail=traceback.format_exc(),
    )


def _read_one(path: Path, options: ReadOptions) -> tuple[Document | None, tuple[str, str | None, str] | None]:
    """Read one source in a worker; errors come back as ``(class name, path, reason)``
    because :class:`PlainpressError` subclasses do not survive pickling."""
    from converters.api import read

    try:
        return read(path, options), None
    except PlainpressError as exc:
        return None, (type(exc).__name__, exc.path, exc.reason)


def read_many(
    paths: Sequence[Path], options: ReadOptions, workers: int | None = None
) -> list[Document | PlainpressError]:
    """Read ``paths`` in order, in parallel when there are many; each item is the
    :class:`~converters.model.Document` or the :class:`PlainpressError` it raised.

    The first source is read here first, so the forked workers start with the
    reader and its language model already loaded.
    """
    from converters import errors

    if not paths:
        return []
    workers = workers or os.cpu_count() or 1
    first = _read_one(paths[0], options)
    if workers == 1 or len(paths) < 24:
        results = [first, *(_read_one(p, options) for p in paths[1:])]
    else:
        from concurrent.futures import ProcessPoolExecutor

        rest = list(paths[1:])
        with ProcessPoolExecutor(max_workers=workers) as pool:
            chunk = max(1, len(rest) // (workers * 4))
            results = [first, *pool.map(_read_one, rest, [options] * len(rest), chunksize=chunk)]
    out: list[Document | PlainpressError] = []
    for doc, error in results:
        if error is not None:
            kind, path, reason = error
            cls = getattr(errors, kind, PlainpressError)
            out.append(cls(path, reason))
        elif doc is not None:
            out.append(doc)
    return out


def jobs_for(config: BuildConfig, todo: Sequence[Target], cwd: Path) -> list[ArticleJob | CollectionJob]:
    """Group stale targets into jobs: one per source (its stale formats) and one per collection.

    Collections come first: they are the longest jobs, so starting them early
    keeps them off the end of the build.
    """
    by_source: dict[Path, list[Target]] = {}
    jobs: list[ArticleJob | CollectionJob] = []
    for target in todo:
        if target.kind == "collection" and target.collection is not None:
            col = config.collections[target.collection]
            jobs.append(
                CollectionJob(
                    spec=col.spec,
                    sources=target.sources,
                    displays=tuple(display_path(s, cwd) for s in target.sources),
                    path=target.path,
                    read=config.read,
                    write=config.write,
                    fmt=target.fmt,
                )
            )
        else:
            by_source.setdefault(target.sources[0], []).append(target)
    cheap_first = {"html": 0, "md": 1, "epub": 2, "kepub": 2, "pdf": 9}
    for source, targets in by_source.items():
        ordered = sorted(targets, key=lambda t: cheap_first.get(t.fmt, 5))
        jobs.append(
            ArticleJob(
                source=source,
                display=display_path(source, cwd),
                outputs=tuple((t.fmt, t.path) for t in ordered),
                read=config.read,
                write=config.write,
            )
        )
    return jobs


def job_paths(job: ArticleJob | CollectionJob) -> tuple[str, ...]:
    """The target paths ``job`` makes, relative to the output folder."""
    return (job.path,) if isinstance(job, CollectionJob) else tuple(p for _, p in job.outputs)


def pack(job: ArticleJob | CollectionJob) -> ArticleJob | CollectionJob:
    """``job`` with the bytes of its sources (and cover) in it, read here, in the starting process.

    Raises:
        InputError: a source is missing, unreadable, a folder, empty or over
            ``max_input_size`` (the reader's own checks and messages).
    """
    from converters.readers.plaintext import _read_bytes

    limit = job.read.max_input_size
    if isinstance(job, ArticleJob):
        return replace(job, data=_read_bytes(job.source, str(job.source), limit))
    data = tuple(_read_bytes(s, str(s), limit) for s in job.sources)
    cover = None
    if job.spec.cover is not None:
        with contextlib.suppress(OSError):  # left to the collection's own check, which says why
            cover = job.spec.cover.read_bytes()
    return replace(job, data=data, cover=cover)


def pack_failure(job: ArticleJob | CollectionJob, exc: BaseException) -> Result:
    """The result of a job whose inputs could not be packed, worded as when the job reads them."""
    if isinstance(job, ArticleJob):
        return _failure(job_paths(job), exc, job.display, job.source)
    path = Path(getattr(exc, "path", None) or "")
    display = next((d for s, d in zip(job.sources, job.displays, strict=True) if s == path), str(path))
    failed = _failure(job_paths(job), exc, display, path)
    return replace(failed, error=f"{job.path}: collection {job.spec.title!r}: {failed.error}")
