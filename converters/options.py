"""Options shared by readers and writers, built once by the CLI or a config file.

No writer reads ``sys.argv`` or the environment on its own; the only
environment variable consulted is ``SOURCE_DATE_EPOCH``
(https://reproducible-builds.org/specs/source-date-epoch/), read here in
:func:`source_date_epoch`.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

PageSize = Literal["a4", "letter", "a5"]

#: Default maximum input size, in bytes (10 MiB). Memory grows with the text
#: (pandoc needs about 0.25 GB and the PDF about 0.2 GB per MB of text, README
#: "Safety and limits"), so 10 MiB stays within about 3 GB; larger archives
#: raise it with ``--max-input-size``.
DEFAULT_MAX_INPUT_SIZE = 10 * 1024 * 1024


@dataclass(frozen=True)
class ReadOptions:
    """How sources are read.

    Attributes:
        encoding: force this codec (``"cp1252"``; ``"utf-8:replace"`` puts U+FFFD
            for the bytes it cannot decode); ``None`` detects it.
        language: force this BCP 47 language tag; ``None`` detects it.
        max_input_size: reject larger sources, in bytes.
        keep_furniture: keep the lines the reader takes for page furniture
            (menus, share buttons) as text instead of setting them aside.
        role_model: a line-role model file (CRFsuite) to use instead of the
            shipped one (``python -m converters.readers.roles.train --out``).
    """

    encoding: str | None = None
    language: str | None = None
    max_input_size: int = DEFAULT_MAX_INPUT_SIZE
    keep_furniture: bool = False
    role_model: str | None = None


@dataclass(frozen=True)
class StoreMetadata:
    """Series and store metadata for e-books (see :mod:`converters.bookmeta`); every field optional.

    Attributes:
        series: the series' name.
        series_index: the book's position in the series (``2``, ``1.5``), a number >= 0.
        isbn: an ISBN-13 of 13 digits, check digit verified (an ISBN-10 is converted).
        publisher: the publisher's name.
        subjects: subjects or keywords, in order.
        rights: a rights or licence statement.
    """

    series: str | None = None
    series_index: float | None = None
    isbn: str | None = None
    publisher: str | None = None
    subjects: tuple[str, ...] = ()
    rights: str | None = None


@dataclass(frozen=True)
class WriteOptions:
    """How documents are written.

    Attributes:
        style: a style name from ``styles/`` (``"default"``) or a path to a CSS file.
        page_size: PDF page size, ``"a4"`` (210 x 297 mm), ``"letter"`` (8.5 x 11 in)
            or ``"a5"`` (148 x 210 mm).
        pdf_variant: a WeasyPrint PDF variant (``"pdf/ua-1"``, ``"pdf/a-2b"``) or ``None``.
        markdown_flavor: the pandoc Markdown variant: ``"markdown"``, ``"gfm"`` or
            ``"commonmark_x"``.
        html_fonts: embed the bundled faces the style names in the HTML page
            (WOFF2 subsets of the page's characters), so it shows the PDF's face.
        print_profile: a print profile for PDFs (``"kdp-6x9"``, ``"kdp-5.5x8.5"``,
            ``"a5"``: :mod:`converters.printprofiles`) or ``None``; it replaces ``page_size``.
        store: series and store metadata for EPUB and KEPUB, from the command line
            (front matter fills what it leaves unset).
        store_defaults: series and store metadata from ``plainpress.toml``'s top level,
            for what neither ``store`` nor the front matter sets.
        extra: writer-specific settings added by plug-in writers.
    """

    style: str = "default"
    page_size: PageSize = "a4"
    pdf_variant: str | None = None
    markdown_flavor: str = "markdown"
    html_fonts: bool = True
    print_profile: str | None = None
    store: StoreMetadata = field(default_factory=StoreMetadata)
    store_defaults: StoreMetadata = field(default_factory=StoreMetadata)
    extra: tuple[tuple[str, str], ...] = field(default=())


#: The epoch a build carried to this worker (see :func:`fixed_epoch`); unset: the environment's.
_CARRIED_EPOCH: ContextVar[tuple[int | None]] = ContextVar("plainpress_epoch")


@contextlib.contextmanager
def fixed_epoch(epoch: int | None) -> Iterator[None]:
    """Within the block, in this thread, :func:`source_date_epoch` is ``epoch`` (seconds, or
    ``None`` for unset), whatever this machine's environment says: a build run on another
    machine stamps the time of the machine that started it."""
    token = _CARRIED_EPOCH.set((epoch,))
    try:
        yield
    finally:
        _CARRIED_EPOCH.reset(token)


_ENVIRONMENT = threading.Lock()


@contextlib.contextmanager
def epoch_environment() -> Iterator[None]:
    """Within the block, ``SOURCE_DATE_EPOCH`` in this process's environment is
    :func:`source_date_epoch`, for a program plainpress runs (pandoc stamps DOCX
    and ODT packages with it). Changed only inside :func:`fixed_epoch` when the
    two differ, and then one block at a time (a lock: the environment is the
    process's, not the thread's)."""
    carried = _CARRIED_EPOCH.get(None)
    if carried is None:
        yield
        return
    wanted = None if carried[0] is None else str(carried[0])
    with _ENVIRONMENT:
        before = os.environ.get("SOURCE_DATE_EPOCH")
        if before == wanted:
            yield
            return
        if wanted is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = wanted
        try:
            yield
        finally:
            if before is None:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
            else:
                os.environ["SOURCE_DATE_EPOCH"] = before


def source_date_epoch() -> int | None:
    """Return ``SOURCE_DATE_EPOCH`` as seconds since 1970-01-01 UTC, or ``None``.

    Inside :func:`fixed_epoch`, its value. A value that is not a non-negative
    integer is ignored (``None``), as the reproducible-builds.org specification asks.
    """
    carried = _CARRIED_EPOCH.get(None)
    if carried is not None:
        return carried[0]
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value.isdigit():
        return int(value)
    return None


def build_time() -> datetime:
    """The time stamped into outputs (EPUB ``dcterms:modified`` and ZIP entries, PDF dates):
    ``SOURCE_DATE_EPOCH`` when set, else now (UTC, whole seconds)."""
    epoch = source_date_epoch()
    now = datetime.fromtimestamp(epoch, UTC) if epoch is not None else datetime.now(UTC)
    return now.replace(microsecond=0)
