"""Checks on the paths a command is given, before anything is read or written.

Two kinds of mistakes are caught here, for ``convert`` and ``collection``
alike:

- the same source named twice (``a.txt ./a.txt``, or a glob and a name that
  overlap, or a hard or symbolic link to the same file): it would be
  converted twice (``a.html`` and ``a-2.html``, or two identical chapters),
  so it is refused as a usage error;
- ``collection -o``: a trailing slash or an existing folder names the folder
  the book goes into (named after a slug of its title), and a file name that
  does not end in ``.epub`` (or the ending of the ``-t`` format) gets a
  warning, since readers and shops go by the extension.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path

from converters.errors import UsageError
from converters.output import safe_slug

log = logging.getLogger("plainpress")


def _identity(path: Path) -> tuple[object, ...]:
    """What makes two paths the same file: device and inode when it exists, else the resolved path."""
    try:
        info = path.stat()
    except OSError:
        return ("path", os.path.normcase(str(path.resolve())))
    return ("file", info.st_dev, info.st_ino)


def refuse_repeated(sources: Sequence[Path]) -> None:
    """Refuse a source list that names one file twice, by whatever path.

    Raises:
        UsageError: ``"SECOND: given twice (also as FIRST); name each source once"``,
            for the first repeat in the order given (exit code 2).
    """
    seen: dict[tuple[object, ...], Path] = {}
    for source in sources:
        first = seen.setdefault(_identity(source), source)
        if first is not source:
            also = f" (also as {first})" if str(first) != str(source) else ""
            raise UsageError(source, f"given twice{also}; name each source once")


def collection_output(raw: str, title: str, ending: str = ".epub") -> Path:
    """The book file ``collection -o RAW`` means.

    ``RAW`` ending in a path separator, or naming an existing folder, is a
    folder: the book is ``RAW/<slug of title><ending>`` (``.epub``, or the
    ``-t`` format's, :mod:`converters.bookformats`). Any other name is the
    file itself (see :func:`warn_extension`).
    """
    path = Path(raw)
    if raw.endswith(("/", os.sep)) or path.is_dir():
        return path / f"{safe_slug(title, fallback='collection')}{ending}"
    return path


def warn_extension(path: Path, extension: str = ".epub") -> None:
    """Warn when ``path`` does not end in ``extension`` (any case; ``.kepub.epub``
    too); the file is written under that name all the same (readers and shops go
    by the extension)."""
    if not (path.suffix and path.name.lower().endswith(extension)):
        ending = f"ends in {path.suffix}" if path.suffix else "has no extension"
        log.warning("%s: the name %s, not %s; written there all the same", path, ending, extension)


__all__ = ["collection_output", "refuse_repeated", "warn_extension"]
