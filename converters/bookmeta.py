"""Series and store metadata: checking it, merging its sources, writing it into EPUB packages.

The values come from the command line (``--series``, ``--series-index``,
``--isbn``, ``--publisher``, ``--subject``, ``--rights``), from the keys
``series``, ``series_index``, ``isbn``, ``publisher``, ``subjects`` and
``rights`` of an article's front matter (kept in ``Document.metadata``), and
for books from ``[[collections]]`` in ``plainpress.toml``. The command line
wins over front matter, field by field.

In the EPUB package document (:func:`add_to_book`):

- the series as EPUB 3's ``belongs-to-collection`` with ``collection-type``
  ``series`` and ``group-position`` (EPUB 3.3, D.5.3), and as Calibre's
  ``calibre:series`` and ``calibre:series_index``, which Calibre and Kobo read;
- the ISBN as a second ``dc:identifier``, ``urn:isbn:`` and 13 digits (the
  book's unique identifier stays the content-derived ``urn:uuid:``);
- ``dc:publisher``, one ``dc:subject`` per subject, ``dc:rights``;
- in a collection, each article's author as a ``dc:contributor`` (role
  ``aut``), besides the chapter's own ``<meta name="author">``
  (:func:`add_contributors`).

ISBNs are checked with python-stdnum: ISBN-10 or ISBN-13, hyphens and spaces
allowed, the check digit verified; an ISBN-10 is stored as its ISBN-13.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import fields, replace
from typing import Any

from converters.options import StoreMetadata
from converters.validate import BadValue

log = logging.getLogger("plainpress")

#: Front-matter and config keys, by the :class:`StoreMetadata` field they set.
KEYS = {
    "series": "series",
    "series_index": "series_index",
    "isbn": "isbn",
    "publisher": "publisher",
    "subjects": "subjects",
    "rights": "rights",
}


def isbn(value: object) -> str:
    """The ISBN-13 of ``value`` (an ISBN-10 or ISBN-13, hyphens and spaces allowed), 13 digits.

    Raises:
        BadValue: not a string, the wrong length or characters, or a wrong check digit.
    """
    from stdnum import isbn as stdnum_isbn
    from stdnum.exceptions import InvalidChecksum, ValidationError

    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise BadValue(f"{value!r} is not an ISBN")
    try:
        number = stdnum_isbn.validate(str(value))
    except InvalidChecksum:
        raise BadValue(f"{value!r} is not an ISBN: its check digit is wrong") from None
    except ValidationError:
        raise BadValue(f"{value!r} is not an ISBN (10 or 13 digits, hyphens allowed)") from None
    return str(stdnum_isbn.to_isbn13(number))


def series_index(value: object) -> float:
    """A position in a series: a finite number >= 0 (``2``, ``"1.5"``).

    Raises:
        BadValue: anything else.
    """
    try:
        number = (
            float(value) if isinstance(value, (int, float, str)) and not isinstance(value, bool) else -1.0
        )
    except ValueError:
        number = -1.0
    if not math.isfinite(number) or number < 0:
        raise BadValue(f"{value!r} is not a series position (a number, 0 or more)")
    return number


def text_value(value: object) -> str:
    """A non-empty one-line text, white space collapsed.

    Raises:
        BadValue: not a string, or empty.
    """
    if not isinstance(value, str) or not value.strip():
        raise BadValue(f"{value!r} is not a non-empty text")
    return " ".join(value.split())


def subjects(value: object) -> tuple[str, ...]:
    """Subjects from a list of texts or one comma-separated text (``"labour, history"``).

    Raises:
        BadValue: neither, or an empty subject.
    """
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not items:
        raise BadValue(f"{value!r} is not a list of subjects")
    return tuple(text_value(item) for item in items)


_CHECKS = {
    "series": text_value,
    "series_index": series_index,
    "isbn": isbn,
    "publisher": text_value,
    "subjects": subjects,
    "rights": text_value,
}


def checked(field: str, value: object) -> Any:
    """``value`` checked and canonical for the :class:`StoreMetadata` field ``field``.

    Raises:
        BadValue: as the field's check (:func:`isbn`, :func:`series_index`...).
    """
    return _CHECKS[field](value)


def from_mapping(table: Mapping[str, Any], where: str, *, strict: bool) -> StoreMetadata:
    """The store metadata in ``table`` (front matter or a config table).

    ``strict``: a bad value raises (a config file); else it is logged as a
    warning naming ``where`` and the key, and ignored (front matter, as for ``language``).

    Raises:
        BadValue: ``strict`` and a bad value; the message names the key.
    """
    values: dict[str, Any] = {}
    for key, field in KEYS.items():
        if table.get(key) is None:
            continue
        try:
            values[field] = checked(field, table[key])
        except BadValue as exc:
            if strict:
                raise BadValue(f"{key}: {exc}") from None
            log.warning("%s: front matter key %r: %s; ignored", where, key, exc)
    return StoreMetadata(**values)


def from_config(table: object) -> StoreMetadata:
    """The store metadata of a ``plainpress.toml`` table (``[[collections]]``).

    Raises:
        BadValue: a bad value, the message starting with its key (``isbn: ...``).
    """
    if not isinstance(table, Mapping):
        raise BadValue("must be a table")
    return from_mapping(table, "", strict=True)


def merged(base: StoreMetadata, over: StoreMetadata) -> StoreMetadata:
    """``base`` with every field that ``over`` sets replaced by ``over``'s."""
    changes = {f.name: getattr(over, f.name) for f in fields(over) if getattr(over, f.name) not in (None, ())}
    return replace(base, **changes)


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def add_to_book(book: Any, store: StoreMetadata) -> None:
    """Add ``store`` to an ebooklib ``EpubBook``'s package metadata (see the module docstring)."""
    if store.series:
        book.add_metadata(None, "meta", store.series, {"property": "belongs-to-collection", "id": "series"})
        book.add_metadata(None, "meta", "series", {"refines": "#series", "property": "collection-type"})
        book.add_metadata(None, "meta", "", {"name": "calibre:series", "content": store.series})
        if store.series_index is not None:
            position = _number(store.series_index)
            book.add_metadata(None, "meta", position, {"refines": "#series", "property": "group-position"})
            book.add_metadata(None, "meta", "", {"name": "calibre:series_index", "content": position})
    if store.isbn:
        book.add_metadata("DC", "identifier", f"urn:isbn:{store.isbn}", {"id": "isbn"})
    if store.publisher:
        book.add_metadata("DC", "publisher", store.publisher)
    for subject in store.subjects:
        book.add_metadata("DC", "subject", subject)
    if store.rights:
        book.add_metadata("DC", "rights", store.rights)


def add_contributors(book: Any, names: Sequence[str], exclude: Sequence[str] = ()) -> None:
    """Add each distinct name of ``names`` (a collection's article authors) as a
    ``dc:contributor`` with the MARC relator role ``aut`` (author), in order,
    leaving out the book's own creators ``exclude``."""
    seen = set(exclude)
    for name in names:
        if name in seen:
            continue
        seen.add(name)
        ident = f"contributor{len(seen) - len(exclude)}"
        book.add_metadata("DC", "contributor", name, {"id": ident})
        book.add_metadata(
            None, "meta", "aut", {"refines": f"#{ident}", "property": "role", "scheme": "marc:relators"}
        )


def from_options(
    series: str | None,
    series_index_: str | None,
    isbn_: str | None,
    publisher: str | None,
    subjects_: Sequence[str],
    rights: str | None,
) -> StoreMetadata:
    """The store metadata of the command-line options (``None`` and ``()`` for unset ones).

    Raises:
        BadValue: a bad value; the message starts with the option's name (``'--isbn': ...``).
    """
    given = {
        "series": ("--series", series),
        "series_index": ("--series-index", series_index_),
        "isbn": ("--isbn", isbn_),
        "publisher": ("--publisher", publisher),
        "subjects": ("--subject", list(subjects_) or None),
        "rights": ("--rights", rights),
    }
    values: dict[str, Any] = {}
    for field, (option, value) in given.items():
        if value is None:
            continue
        try:
            values[field] = checked(field, value)
        except BadValue as exc:
            raise BadValue(f"'{option}': {exc}") from None
    if "series_index" in values and "series" not in values:
        raise BadValue("'--series-index' needs '--series'")
    return StoreMetadata(**values)
