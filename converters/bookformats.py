"""Which format a collection is written in: from ``-t``, else from the name of ``-o``.

``collection`` writes an EPUB (``.epub``), a Kobo KEPUB (``.kepub.epub``,
:mod:`converters.writers.kepub`), a PDF book (``.pdf``, :mod:`converters.pdfbook`)
or, with ``-t web``, a web edition in a folder (:mod:`converters.webedition`).
The format follows ``-t`` when given, else the output's extension, else it is
an EPUB. A name that ends the way another format's files do is refused, so a
book is never written under a misleading name; a name that ends in no
format's ending is written all the same, with a warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from converters.errors import UsageError

if TYPE_CHECKING:
    from converters.collection import CollectionSpec
    from converters.model import Document
    from converters.options import WriteOptions

#: Collection formats and the ending of their file names, longest ending first.
COLLECTION_FORMATS: dict[str, str] = {"kepub": ".kepub.epub", "epub": ".epub", "pdf": ".pdf"}
#: The web edition: a folder of HTML pages (:mod:`converters.webedition`), asked for with ``-t web``.
WEB = "web"


def format_of_name(name: str) -> str | None:
    """The collection format a file name ends with (``"book.kepub.epub"`` gives ``"kepub"``), or ``None``."""
    lower = name.lower()
    return next((fmt for fmt, ending in COLLECTION_FORMATS.items() if lower.endswith(ending)), None)


def collection_path(raw: str, to: str | None, title: str) -> Path:
    """The file (or, with ``-t web``, the folder) that ``collection -o RAW`` names.

    A folder (``RAW`` ending in a path separator, or an existing one) gets the
    title's slug and the ending of the ``-t`` format, else ``.epub``
    (:func:`converters.arguments.collection_output`); ``-t web`` writes into
    ``RAW`` itself.
    """
    from converters.arguments import collection_output

    fmt = None if to is None else to.strip().lower()
    if fmt == WEB:
        return Path(raw)
    return collection_output(raw, title, COLLECTION_FORMATS.get(fmt or "epub", ".epub"))


def collection_format(output: Path, to: str | None) -> str:
    """The format to write ``output`` in: ``to``, else the one its name ends in, else EPUB.

    A name that ends in no format's ending is written all the same, with a
    warning (:func:`converters.arguments.warn_extension`).

    Raises:
        UsageError: ``to`` is not a collection format, ``output``'s name ends
            the way another format's files do (``-t kepub -o book.epub``,
            ``-t pdf -o book.epub``), or ``-t web`` names a file.
    """
    named = format_of_name(output.name)
    if to is not None and to.strip().lower() == WEB:
        if named is not None or output.is_file():
            raise UsageError(output, "'-t web' writes a folder of pages: name a folder, not a file")
        return WEB
    if to is None:
        return named or "epub"
    fmt = to.strip().lower()
    if fmt not in COLLECTION_FORMATS:
        raise UsageError(
            None, f"'-t {to}': a collection is written as {', '.join(COLLECTION_FORMATS)} or {WEB}"
        )
    if named is not None and named != fmt:
        raise UsageError(output, f"'-t {fmt}' writes a file whose name ends in {COLLECTION_FORMATS[fmt]}")
    return fmt


def render_book(
    name: str, docs: Sequence[Document], spec: CollectionSpec, options: WriteOptions | None = None
) -> bytes:
    """The collection in the format its file ``name`` ends with (EPUB when it names none).

    Raises:
        UsageError, InputError: as :func:`converters.collection.render_collection`
            and :func:`converters.pdfbook.render_pdf_book`.
    """
    fmt = format_of_name(name)
    if fmt == "pdf":
        from converters.pdfbook import render_pdf_book

        return render_pdf_book(docs, spec, options)
    from converters.collection import render_collection

    data = render_collection(docs, spec, options)
    if fmt == "kepub":  # Kobo's format: the same book, with its markup
        from converters.writers.kepub import kepubify

        data = kepubify(data)
    return data


def write_collection(
    docs: Sequence[Document], spec: CollectionSpec, path: Path, options: WriteOptions | None = None
) -> int:
    """Render the collection and write it atomically to ``path``; return its size in bytes.

    A ``path`` ending in ``.kepub.epub`` gets a Kobo KEPUB (:mod:`converters.writers.kepub`),
    one ending in ``.pdf`` the PDF book (:mod:`converters.pdfbook`).

    Raises:
        UsageError, InputError: as :func:`converters.collection.render_collection`.
        OutputError: the file cannot be written.
    """
    from converters.output import ensure_dir, write_atomic

    data = render_book(path.name, docs, spec, options)
    ensure_dir(path.parent)
    write_atomic(path, data)
    return len(data)
