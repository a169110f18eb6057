"""Writers: one module per output format, found through entry points.

A writer is a class with the attributes of :class:`Writer` and a ``render``
method that returns the finished file as bytes (so outputs can be hashed,
compared and written atomically). Writers are registered under the
``plainpress.writers`` entry-point group; another installed package adds a
format by declaring, in its ``pyproject.toml``::

    [project.entry-points."plainpress.writers"]
    rtf = "my_package.rtf:RtfWriter"

Writer modules must not import their heavy libraries at module level: the
registry imports them to read ``extension`` and ``description``.

The built-in names always mean the built-in writers: looking one up never
scans the installed packages' entry points (that scan costs 50-150 ms of
start-up), and a plugin cannot replace one, only add new names.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import import_module
from typing import ClassVar, Protocol

from converters.errors import UsageError
from converters.model import Document
from converters.options import WriteOptions

GROUP = "plainpress.writers"

#: The built-in writers, used when the package metadata is missing or stale
#: (running from a checkout that was not reinstalled).
BUILTIN: dict[str, str] = {
    "html": "converters.writers.html:HtmlWriter",
    "epub": "converters.writers.epub:EpubWriter",
    "pdf": "converters.writers.pdf:PdfWriter",
    "md": "converters.writers.markdown:MarkdownWriter",
    "docx": "converters.writers.docx:DocxWriter",
    "odt": "converters.writers.odt:OdtWriter",
    "kepub": "converters.writers.kepub:KepubWriter",
}


class Writer(Protocol):
    """What a writer provides.

    Attributes:
        name: the format name used with ``--to`` (``"pdf"``).
        extension: the output file suffix, with its dot (``".pdf"``).
        media_type: the IANA media type of the output.
        description: one line for ``plainpress formats``.
    """

    name: ClassVar[str]
    extension: ClassVar[str]
    media_type: ClassVar[str]
    description: ClassVar[str]

    def render(self, doc: Document, options: WriteOptions) -> bytes:
        """Return the complete output file for ``doc``.

        Raises:
            UsageError: an option value this writer cannot honour.
        """
        ...


def _load(spec: str) -> type[Writer]:
    module, _, attr = spec.partition(":")
    cls: type[Writer] = getattr(import_module(module), attr)
    return cls


@lru_cache(maxsize=1)
def writer_specs() -> dict[str, str]:
    """Map each format name to its ``module:Class`` spec (built-ins, then entry points)."""
    specs = dict(BUILTIN)
    from importlib.metadata import entry_points

    for ep in entry_points(group=GROUP):
        specs.setdefault(ep.name, ep.value)
    return specs


def formats() -> list[str]:
    """The available format names, built-ins first in their documented order."""
    names = list(writer_specs())
    return [n for n in BUILTIN if n in names] + sorted(n for n in names if n not in BUILTIN)


def is_format(name: str) -> bool:
    """Whether ``name`` is a format (a built-in one is known without scanning entry points)."""
    return name in BUILTIN or name in writer_specs()


def get_writer(name: str) -> Writer:
    """Return an instance of the writer for format ``name``.

    Raises:
        UsageError: no writer is registered under ``name``.
    """
    if name in BUILTIN:
        return _instance(BUILTIN[name])
    specs = writer_specs()
    if name not in specs:
        raise UsageError(None, f"unknown format {name!r} (available: {', '.join(formats())})")
    return _instance(specs[name])


@cache
def _instance(spec: str) -> Writer:
    # One instance per process: writers keep expensive set-up (fonts, parsed
    # stylesheets, templates) across documents.
    return _load(spec)()
