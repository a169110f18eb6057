"""One check per option value, whichever way the value comes in.

A value reaches plainpress from a command-line option, a ``plainpress.toml``
key or front matter; each check here is the only judge of it, so the three
agree. A check returns the value in its canonical form (``"A4"`` gives
``"a4"``) or raises :class:`BadValue` with a one-line reason that does not
name the option: the caller adds the name the user wrote (``'--lang'``,
``language`` in ``plainpress.toml``, front matter key ``lang``).
"""

from __future__ import annotations

import codecs
import re

from converters.options import PageSize

PAGE_SIZES: tuple[PageSize, ...] = ("a4", "letter", "a5")
MARKDOWN_FLAVORS = ("markdown", "gfm", "commonmark_x")
FORMAT_ALIASES = {"markdown": "md", "htm": "html"}


_SCHEDULER = re.compile(r"^(?:(?:tcp|tls|ucx|inproc|ws|wss)://)?[\w.\-\[\]:]+:\d+/?$")


class BadValue(ValueError):
    """A value an option does not accept; ``str(exc)`` is the one-line reason."""


def language_tag(value: object) -> str:
    """A well-formed BCP 47 tag (RFC 5646), as given (``"de-CH"``).

    Raises:
        BadValue: not a string, or not well-formed (``"en_US"``, ``"english"``...).
    """
    from converters.langtag import is_well_formed

    if not isinstance(value, str) or not is_well_formed(value):
        raise BadValue(f"{value!r} is not a BCP 47 language tag (e.g. en, de-CH, zh-Hant)")
    return value


def unknown_language(tag: str) -> str | None:
    """Why a well-formed tag is doubtful, or ``None``: a tag whose subtags are not in
    the IANA Language Subtag Registry (``"zz"``, ``"en-Xyzw"``), checked with
    langcodes, is kept (it is well-formed, so the outputs stay valid) but
    deserves a warning: it is most likely a typo.
    """
    import langcodes

    if langcodes.tag_is_valid(tag):
        return None
    return f"{tag!r} names no known language (it is not in the IANA language subtag registry); used as given"


def scheduler(value: object) -> str:
    """``"local"`` or a Dask scheduler address (``tcp://host:8786``, ``host:8786``, ``tls://...``), as given.

    Raises:
        BadValue: anything else.
    """
    if isinstance(value, str) and (value == "local" or _SCHEDULER.match(value)):
        return value
    raise BadValue(f"{value!r} is not a Dask scheduler address (tcp://HOST:PORT) nor 'local'")


def encoding(value: object) -> str:
    """A codec Python knows (``"cp1252"``, ``"latin-1"``), as given, optionally with
    ``:replace`` (``"utf-8:replace"``: bytes the codec cannot read become U+FFFD).

    Raises:
        BadValue: not a string, or an unknown codec.
    """
    if not isinstance(value, str) or not value:
        raise BadValue(f"unknown encoding {value!r}")
    name = value[: -len(":replace")] if value.lower().endswith(":replace") else value
    try:
        codecs.lookup(name)
    except LookupError:
        raise BadValue(f"unknown encoding {value!r}") from None
    return value


def page_size(value: object) -> PageSize:
    """``"a4"``, ``"letter"`` or ``"a5"``, in any case (``"A4"`` gives ``"a4"``).

    Raises:
        BadValue: any other value.
    """
    size = value.lower() if isinstance(value, str) else value
    if size not in PAGE_SIZES:
        raise BadValue(f"must be a4, letter or a5, not {value!r}")
    return size


def markdown_flavor(value: object) -> str:
    """A pandoc Markdown variant of :data:`MARKDOWN_FLAVORS`, in any case.

    Raises:
        BadValue: any other value.
    """
    flavor = value.lower() if isinstance(value, str) else value
    if flavor not in MARKDOWN_FLAVORS:
        raise BadValue(f"must be one of {', '.join(MARKDOWN_FLAVORS)}, not {value!r}")
    return flavor


def pdf_variants() -> list[str]:
    """The PDF variants this WeasyPrint supports (``pdf/a-2b``, ``pdf/ua-1``...); here, not in
    the PDF writer, so that checking a value imports no writer (the writer imports this)."""
    from weasyprint.pdf import VARIANTS

    return sorted(v for v in VARIANTS if v != "debug")


def pdf_variant(value: object) -> str:
    """A WeasyPrint PDF variant (``"pdf/ua-1"``), in any case.

    Raises:
        BadValue: any other value (the message lists the available ones).
    """
    variant = value.lower() if isinstance(value, str) else value
    known = pdf_variants()
    if variant not in known:
        raise BadValue(f"unknown PDF variant {value!r} (available: {', '.join(known)})")
    return variant


def output_format(value: object) -> str:
    """A format name of ``plainpress formats``, in any case, with its aliases
    (``"Markdown"`` gives ``"md"``, ``"HTM"`` gives ``"html"``).

    Raises:
        BadValue: an unknown format (the message lists the available ones).
    """
    from converters.writers import formats

    name = value.strip().lower() if isinstance(value, str) else value
    name = FORMAT_ALIASES.get(name, name) if isinstance(name, str) else name
    if name not in formats():
        raise BadValue(f"unknown format {value!r} (available: {', '.join(formats())})")
    return name


__all__ = [
    "MARKDOWN_FLAVORS",
    "PAGE_SIZES",
    "BadValue",
    "encoding",
    "language_tag",
    "markdown_flavor",
    "output_format",
    "page_size",
    "pdf_variant",
    "pdf_variants",
    "unknown_language",
]
