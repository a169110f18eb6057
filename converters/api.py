"""The Python API: read sources, render and write documents, convert files.

These are the functions the command line calls; nothing here parses options.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from converters.errors import InputError, OutputError
from converters.model import Document
from converters.options import ReadOptions, WriteOptions
from converters.output import NameAllocator, ensure_dir, safe_slug, write_atomic
from converters.writers import get_writer

NameFrom = Literal["source", "title"]


def read(path: str | os.PathLike[str], options: ReadOptions | None = None, announce: bool = True) -> Document:
    """Read a plain-text article into a :class:`~converters.model.Document`.

    Lines set aside as page furniture are announced: one INFO record on the
    ``plainpress`` logger per file (:func:`~converters.readers.plaintext.furniture_note`),
    which the CLI prints as ``plainpress: note: FILE: left out ...``.

    Raises:
        InputError: the file is missing, unreadable, empty, binary or too large.
    """
    from converters.readers.plaintext import read_file

    doc = read_file(path, options or ReadOptions())
    if announce:
        announce_furniture(path, doc)
    return doc


def announce_furniture(path: str | os.PathLike[str], doc: Document) -> None:
    """Log the one-line note on what the reader set aside from ``path``, if anything."""
    from converters.readers.plaintext import furniture_note

    note = furniture_note(doc)
    if note:
        logging.getLogger("plainpress").info("%s: %s", path, note)


def to_bytes(doc: Document, fmt: str, options: WriteOptions | None = None) -> bytes:
    """Render ``doc`` in format ``fmt`` (``"html"``, ``"epub"``, ``"pdf"``, ``"md"``...).

    Raises:
        UsageError: unknown format or style.
    """
    return get_writer(fmt).render(doc, options or WriteOptions())


def write(doc: Document, fmt: str, path: str | os.PathLike[str], options: WriteOptions | None = None) -> Path:
    """Render ``doc`` and write it atomically to ``path``; return the path.

    Raises:
        UsageError: unknown format or style.
        OutputError: the file cannot be written.
    """
    target = Path(path)
    data = to_bytes(doc, fmt, options)
    ensure_dir(target.parent)
    write_atomic(target, data)
    return target


@dataclass(frozen=True)
class Written:
    """One output file written by :func:`convert_file`: ``path``, ``fmt`` and ``size`` in bytes."""

    path: Path
    fmt: str
    size: int


def output_stem(doc: Document, source: Path, name_from: NameFrom, names: NameAllocator) -> str:
    """The output file stem: the source's stem (pandoc's and Calibre's convention) or a
    slug of the title (``--name-from title``), unique within the run."""
    if name_from == "title" and doc.title:
        stem = safe_slug(doc.title, fallback=source.stem)
    else:
        stem = source.stem if name_from == "source" else safe_slug(source.stem)
    return names.claim(stem)


def convert_file(
    source: str | os.PathLike[str],
    formats: Sequence[str],
    output_dir: str | os.PathLike[str],
    read_options: ReadOptions | None = None,
    write_options: WriteOptions | None = None,
    name_from: NameFrom = "source",
    names: NameAllocator | None = None,
    protect: Sequence[str | os.PathLike[str]] = (),
) -> list[Written]:
    """Convert one source into every format in ``formats`` inside ``output_dir``.

    All formats are rendered in memory first and written only if every one
    succeeded, so a bad input leaves no output file of any format. No output
    is written over ``source`` or over a file of ``protect`` (the run's other
    sources: ``a.txt`` converted to Markdown must not replace a source ``a.md``).

    Raises:
        InputError: the source cannot be read, or nothing of it is article text
            (no title, subtitle, date, author, body or related list: every line was set aside).
        UsageError: unknown format or style.
        OutputError: an output cannot be written.
    """
    src = Path(source)
    doc = read(src, read_options, announce=False)
    check_article(doc, src)
    announce_furniture(src, doc)
    out_dir = Path(output_dir)
    stem = output_stem(doc, src, name_from, names or NameAllocator())
    rendered = [(fmt, get_writer(fmt), to_bytes(doc, fmt, write_options)) for fmt in formats]
    ensure_dir(out_dir)
    planned = [(fmt, out_dir / f"{stem}{writer.extension}", data) for fmt, writer, data in rendered]
    for _, target, _ in planned:
        refuse_overwrite(target, src, protect)
    written = []
    for fmt, target, data in planned:
        write_atomic(target, data)
        written.append(Written(target, fmt, len(data)))
    return written


def check_article(doc: Document, source: Path) -> None:
    """Refuse a document with nothing of an article in it.

    Raises:
        InputError: no title, subtitle, date, author, body or related list
            (every line was set aside as page furniture: share links, navigation...).
    """
    if not (doc.title or doc.subtitle or doc.date or doc.authors or doc.blocks or doc.related):
        raise InputError(
            source,
            "has no article text: every line was set aside as page furniture (see plainpress inspect --explain)",
        )


def refuse_overwrite(target: Path, source: Path, others: Sequence[str | os.PathLike[str]] = ()) -> None:
    """Refuse to write ``target`` over ``source`` or over one of the run's ``others`` sources.

    Raises:
        OutputError: ``target`` is one of them (the same file, by any path).
    """
    _refuse_source(source, target)
    for other in others:
        _refuse_source(Path(other), target, own=False)


def refuse_sources(
    target: Path, sources: Sequence[str | os.PathLike[str]], hint: str = "choose another --output"
) -> None:
    """Refuse to write ``target`` when it is one of ``sources`` (the same file, by any path).

    Raises:
        OutputError: ``"output would overwrite the source SOURCE; HINT"``.
    """
    for source in sources:
        _refuse_source(Path(source), target, own=False, hint=hint)


def _refuse_source(
    source: Path, target: Path, own: bool = True, hint: str = "choose another --output-dir"
) -> None:
    """Never write over a source file, even when the output folder is its folder.

    Raises:
        OutputError: ``target`` is ``source`` (the same file, by any path).
    """
    try:
        same = target.exists() and os.path.samefile(source, target)
    except OSError:
        same = False
    if same and own:
        raise OutputError(target, f"output would overwrite the source file; {hint}")
    if same:
        raise OutputError(target, f"output would overwrite the source {source}; {hint}")


__all__ = [
    "InputError",
    "Written",
    "check_article",
    "convert_file",
    "read",
    "refuse_overwrite",
    "refuse_sources",
    "to_bytes",
    "write",
]
