"""Writing outputs safely: atomic replacement and safe file names.

Every output is written to a temporary file in the output folder and renamed
into place only when complete (``os.replace`` is atomic on POSIX and Windows
within one file system), so an error or Ctrl-C never leaves a truncated file
and never replaces a good output with a broken one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path, PurePath
from urllib.parse import quote

from slugify import slugify

from converters.errors import OutputError

#: Longest slug, in characters (well under the 255-byte file-name limit of
#: common file systems, leaving room for ``-NN`` and the extension).
MAX_SLUG_LENGTH = 80

#: Characters of the output's name kept in its temporary file's name
#: (``.NAME.RANDOM.part``), which must fit the 255-byte limit as the name does.
_TMP_STEM = 64

#: Device names Windows reserves with any extension (``con.html``, ``lpt1.pdf``...).
_RESERVED_NAMES = frozenset(
    ["con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))]
)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    Raises:
        OutputError: the folder or file cannot be written (permissions, full disk...).
    """
    tmp_name = None
    try:
        # The temporary name is cut so that it is never longer than a legal final name.
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:_TMP_STEM]}.", suffix=".part")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        raise OutputError(path, f"cannot write: {exc.strerror or exc}") from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def ensure_dir(path: Path) -> None:
    """Create the output folder ``path`` (and parents) if needed.

    Raises:
        OutputError: it cannot be created or is not a folder.
    """
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise OutputError(path, "output path exists and is not a folder") from exc
    except OSError as exc:
        raise OutputError(path, f"cannot create output folder: {exc.strerror or exc}") from exc


def safe_slug(text: str, fallback: str = "untitled") -> str:
    """Return a file-name-safe slug of ``text`` (python-slugify, transliterated to ASCII).

    The result has no path separators, no ``..``, no leading dot, no control
    or reserved characters, is never empty (``fallback`` is used) and is at
    most :data:`MAX_SLUG_LENGTH` characters, cut on a word boundary; a name
    Windows reserves for a device (``con``, ``nul``, ``com1``...) gets ``-article``.
    """
    slug = slugify(text, max_length=MAX_SLUG_LENGTH, word_boundary=True, save_order=True)
    slug = slug or slugify(fallback) or "untitled"
    if slug in _RESERVED_NAMES:
        slug += "-article"  # con.html cannot be created on Windows, whatever the extension
    return slug


def url_for_path(relative: str | PurePath) -> str:
    """The relative URL of a file at ``relative`` (a path inside the output folder).

    Every segment is percent-encoded as UTF-8 (:func:`urllib.parse.quote`,
    RFC 3986), keeping only unreserved characters and ``/`` between segments,
    so ``100% done?.html`` gives ``100%25%20done%3F.html`` and ``draft #2.pdf``
    gives ``draft%20%232.pdf``: no ``?`` starts a query, no ``#`` a fragment.
    Backslashes of a Windows path become ``/``.
    """
    posix = PurePath(relative).as_posix() if isinstance(relative, PurePath) else relative.replace(os.sep, "/")
    return quote(posix, safe="/")


class NameAllocator:
    """Hands out unique output stems within one run (``editorial``, ``editorial-2``...)."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, stem: str) -> str:
        """Return ``stem`` or the first free ``stem-N`` (N from 2), and reserve it."""
        candidate, n = stem, 1
        while candidate.lower() in self._taken:
            n += 1
            candidate = f"{stem}-{n}"
        self._taken.add(candidate.lower())
        return candidate
