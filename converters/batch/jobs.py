"""The work of one job, run in a worker process: plain functions of picklable data.

:func:`jobs_for` groups stale targets into jobs (one per source, one per
collection); :func:`build_article` and :func:`build_collection` do them and
never raise; :func:`read_many` reads many sources in parallel.
"""

from __future__ import annotations

import hashlib
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
from converters.output import ensure_dir, write_atomic


@dataclass(frozen=True)
class Built:
    """One file written: ``path`` relative to the output folder, ``size`` in bytes, ``sha256``."""

    path: str
    fmt: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Result:
    """What a job returns: the files it wrote, or why it failed.

    Attributes:
        paths: the target paths the job was asked for.
        built: the files written (empty on failure).
        title: the article's or collection's title (for the index page).
        date: the article's date as written and as ISO 8601, or ``None``.
        language: the article's language, or the book's (BCP 47).
        error: ``"PATH: reason"`` when the job failed, else ``None``.
        exit_code: the error's exit code (1 bad input, 3 output, 70 bug).
        detail: a traceback for internal errors (shown with ``--debug``).
    """

    paths: tuple[str, ...]
    built: tuple[Built, ...] = ()
    title: str | None = None
    date: tuple[str, str] | None = None
    language: str | None = None
    error: str | None = None
    exit_code: int = EXIT_OK
    detail: str | None = None


@dataclass(frozen=True)
class ArticleJob:
    """One source and the formats of it to build (all picklable)."""

    source: Path
    display: str
    outputs: tuple[tuple[str, str], ...]  # (format, path relative to output)
    output: Path
    read: ReadOptions
    write: WriteOptions


@dataclass(frozen=True)
class CollectionJob:
    """One collection to build (all picklable)."""

    spec: CollectionSpec
    sources: tuple[Path, ...]
    displays: tuple[str, ...]
    path: str
    output: Path
    read: ReadOptions
    write: WriteOptions


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


def _write(output: Path, rel: str, fmt: str, data: bytes) -> Built:
    target = output / rel
    ensure_dir(target.parent)
    write_atomic(target, data)
    return Built(rel, fmt, len(data), hashlib.sha256(data).hexdigest())


def build_article(job: ArticleJob) -> Result:
    """Read one source and write each requested format; never raises.

    Every format is rendered before any is written, so a failure leaves no
    new file of that source (the previous build's files stay).
    """
    from converters.api import read, to_bytes

    paths = tuple(p for _, p in job.outputs)
    try:
        doc = read(job.source, job.read)
        rendered = [(fmt, rel, to_bytes(doc, fmt, job.write)) for fmt, rel in job.outputs]
        built = tuple(_write(job.output, rel, fmt, data) for fmt, rel, data in rendered)
    except Exception as exc:
        return _failure(paths, exc, job.display, job.source)
    from converters.render import page_title

    date = (doc.date.text, doc.date.iso) if doc.date else None
    return Result(paths, built, title=page_title(doc), date=date, language=doc.language)


def build_collection(job: CollectionJob) -> Result:
    """Read every source of a collection and write its EPUB; never raises.

    A source that cannot be read fails the whole collection (a book silently
    missing an article is worse than no book); the error names the source.
    """
    from converters.api import read
    from converters.collection import book_language, render_collection

    paths = (job.path,)
    docs = []
    for source, display in zip(job.sources, job.displays, strict=True):
        try:
            docs.append(read(source, job.read))
        except Exception as exc:
            failed = _failure(paths, exc, display, source)
            return replace(failed, error=f"{job.path}: collection {job.spec.title!r}: {failed.error}")
    try:
        data = render_collection(docs, job.spec, job.write)
        built = (_write(job.output, job.path, "epub", data),)
    except Exception as exc:
        return _failure(paths, exc, job.path, None)
    return Result(paths, built, title=job.spec.title, language=book_language(docs, job.spec.language))


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
                    output=config.output,
                    read=config.read,
                    write=config.write,
                )
            )
        else:
            by_source.setdefault(target.sources[0], []).append(target)
    cheap_first = {"html": 0, "md": 1, "epub": 2, "pdf": 9}
    for source, targets in by_source.items():
        ordered = sorted(targets, key=lambda t: cheap_first.get(t.fmt, 5))
        jobs.append(
            ArticleJob(
                source=source,
                display=display_path(source, cwd),
                outputs=tuple((t.fmt, t.path) for t in ordered),
                output=config.output,
                read=config.read,
                write=config.write,
            )
        )
    return jobs


def _run_job(job: ArticleJob | CollectionJob) -> Result:
    return build_collection(job) if isinstance(job, CollectionJob) else build_article(job)
