"""Which format a collection is written in: from ``-t``, else from the name of ``-o``.

``collection`` writes an EPUB (``.epub``) or a Kobo KEPUB (``.kepub.epub``,
:mod:`converters.writers.kepub`). The format follows ``-t`` when given, else
the output's extension; a name that does not end the way the format's files
do is refused, so a book is never written under a misleading name.
"""

from __future__ import annotations

from pathlib import Path

from converters.errors import UsageError

#: Collection formats and the ending of their file names, longest ending first.
COLLECTION_FORMATS: dict[str, str] = {"kepub": ".kepub.epub", "epub": ".epub"}


def format_of_name(name: str) -> str | None:
    """The collection format a file name ends with (``"book.kepub.epub"`` gives ``"kepub"``), or ``None``."""
    lower = name.lower()
    return next((fmt for fmt, ending in COLLECTION_FORMATS.items() if lower.endswith(ending)), None)


def collection_format(output: Path, to: str | None) -> str:
    """The format to write ``output`` in.

    Raises:
        UsageError: ``to`` is not a collection format, or ``output``'s name does
            not end the way that format's files do (``-t kepub -o book.epub``,
            ``-o book.pdf``).
    """
    named = format_of_name(output.name)
    if to is None:
        if named is None:
            endings = ", ".join(f"{ending} ({fmt})" for fmt, ending in COLLECTION_FORMATS.items())
            raise UsageError(output, f"a collection's file name must end in {endings}")
        return named
    fmt = to.strip().lower()
    if fmt not in COLLECTION_FORMATS:
        raise UsageError(None, f"'-t {to}': a collection is written as {' or '.join(COLLECTION_FORMATS)}")
    if named != fmt:
        raise UsageError(output, f"'-t {fmt}' writes a file whose name ends in {COLLECTION_FORMATS[fmt]}")
    return fmt
