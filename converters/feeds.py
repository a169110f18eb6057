"""The build's Atom feed and OPDS catalogue, written next to ``manifest.json``.

- ``feed.atom``: an Atom feed (RFC 4287) of the articles, newest first, each
  with its title, authors, dates, summary and a link to every format (the
  HTML page as ``alternate``, the other files as ``enclosure`` with their
  size in bytes), so a feed reader follows a folder of articles;
- ``opds.xml``: an OPDS 1.2 acquisition feed of the collections and the
  articles, each format an acquisition link, so KOReader, Thorium or Calibre
  can browse the build and download from it.

Both are made from the manifest's entries (``Artifact.to_dict()``), plus the
authors and summary read back from the built files (the HTML page's
``<meta name="author">`` and ``<meta name="description">``, else the EPUB's
``dc:creator`` and ``dc:description``), so unchanged outputs need not be
re-read from their sources. Files are read and written through the build's
store (:mod:`converters.batch.store`), by paths relative to the output, so an
fsspec output (``s3://...``) gets its feeds as a folder does; there, reading
the files back costs one download per article (its HTML page, else its EPUB).
Every URL is the manifest's percent-encoded
relative ``href`` (:func:`converters.output.url_for_path`); XML is built with
lxml, which escapes text and attributes.

Times: an article's date is its entry's ``published`` and ``updated``
(``2020-10`` is read as 2020-10-01, midnight UTC); an undated article gets
``SOURCE_DATE_EPOCH``, else 1970-01-01, never the build time, so a build with
nothing changed leaves both files as they were. The feeds' ``updated`` is
their newest entry's.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any

from converters import __version__
from converters.options import source_date_epoch

FEED_NAME = "feed.atom"
OPDS_NAME = "opds.xml"
ATOM = "http://www.w3.org/2005/Atom"
DCTERMS = "http://purl.org/dc/terms/"
OPDS = "http://opds-spec.org/2010/catalog"
OPDS_ACQUISITION = "http://opds-spec.org/acquisition"
OPDS_FEED_TYPE = "application/atom+xml;profile=opds-catalog;kind=acquisition"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_A = f"{{{ATOM}}}"

Entry = Mapping[str, Any]
#: Reads a file of the output by its relative path: its bytes, or ``None`` when there is none.
Reader = Callable[[str], "bytes | None"]


def timestamp(iso: str | None) -> str:
    """An RFC 3339 time for a date of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` precision.

    ``None`` or an unreadable date gives ``SOURCE_DATE_EPOCH``, else 1970-01-01T00:00:00Z.
    """
    if iso:
        parts = iso.split("-")
        try:
            when = datetime(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1, tzinfo=UTC)  # fmt: skip
            return when.strftime("%Y-%m-%dT%H:%M:%SZ")
        except (ValueError, IndexError):
            pass
    return datetime.fromtimestamp(source_date_epoch() or 0, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _urn(kind: str, name: str) -> str:
    """A permanent ``urn:uuid:`` for an entry (UUID version 5 of its kind and name)."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"plainpress:{kind}:{name}"))


def _html_metadata(data: bytes) -> tuple[list[str], str | None]:
    """Authors and description from a built HTML page's ``<meta>`` elements."""
    from lxml import etree, html

    try:
        root = html.document_fromstring(data)
    except (ValueError, etree.ParserError):
        return [], None
    meta = {m.get("name"): m.get("content") for m in root.iter("meta") if m.get("name")}
    authors = [a.strip() for a in (meta.get("author") or "").split(",") if a.strip()]
    return authors, meta.get("description") or None


def _epub_metadata(data: bytes) -> tuple[list[str], str | None]:
    """Authors and description from a built EPUB's package document."""
    from lxml import etree

    from converters.writers.epub import _rootfile_path

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            opf = etree.fromstring(archive.read(_rootfile_path(archive.read("META-INF/container.xml"))))
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return [], None
    dc = "{http://purl.org/dc/elements/1.1/}"
    authors = [c.text.strip() for c in opf.iter(f"{dc}creator") if c.text and c.text.strip()]
    description = next((d.text for d in opf.iter(f"{dc}description") if d.text), None)
    return authors, description


class Publication:
    """One article or collection: its manifest entries (one per format) and what the files say."""

    def __init__(self, entries: Sequence[Entry], read: Reader) -> None:
        self.entries = list(entries)
        first = self.entries[0]
        self.kind: str = first["kind"]
        self.title: str = first.get("title") or PurePosixPath(first["path"]).stem
        self.language: str | None = first.get("language")
        date = first.get("date") or {}
        self.iso: str | None = date.get("iso")
        self.key = first.get("source") or first["path"]
        self.latest: str | None = None  # a collection's newest article date
        self.authors: list[str] = []
        self.summary: str | None = None
        for entry in sorted(self.entries, key=lambda e: e["format"] != "html"):
            if entry["format"] not in ("html", "epub", "kepub"):
                continue
            data = read(entry["path"])
            reader = _html_metadata if entry["format"] == "html" else _epub_metadata
            if data is not None:
                self.authors, self.summary = reader(data)
                if self.authors or self.summary:
                    break

    @property
    def updated(self) -> str:
        """The entry's ``updated`` time (RFC 3339), see :func:`timestamp`."""
        return timestamp(self.iso or self.latest)


def publications(entries: Sequence[Entry], read: Reader) -> tuple[list[Publication], list[Publication]]:
    """The manifest's entries grouped into collections and articles, articles newest first (undated last)."""
    groups: dict[tuple[str, str], list[Entry]] = {}
    for entry in entries:
        name = (entry.get("source") or entry["path"]) if entry["kind"] == "article" else entry["path"]
        groups.setdefault((entry["kind"], name), []).append(entry)
    pubs = [Publication(group, read) for group in groups.values()]
    articles = [p for p in pubs if p.kind == "article"]
    articles.sort(key=lambda p: p.iso or "", reverse=True)
    collections = [p for p in pubs if p.kind == "collection"]
    for book in collections:  # a book is as new as its newest article
        sources = set(book.entries[0].get("sources") or ())
        book.latest = max((p.iso for p in articles if p.key in sources and p.iso), default=None)
    return collections, articles


def _media_type(fmt: str) -> str:
    from converters.writers import get_writer

    if fmt == "web":  # a collection's web edition: its index.html
        return "text/html"
    try:
        return get_writer(fmt).media_type
    except Exception:  # a plug-in format that is no longer installed
        return "application/octet-stream"


def _sub(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
    from lxml import etree

    element = etree.SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def _feed(
    title: str, language: str, kind: str, self_href: str, self_type: str, nsmap: dict[str | None, str]
) -> Any:
    from lxml import etree

    feed = etree.Element(f"{_A}feed", nsmap={None: ATOM, **nsmap})
    feed.set(_XML_LANG, language)
    _sub(feed, f"{_A}id", _urn(kind, title))
    _sub(feed, f"{_A}title", title)
    _sub(feed, f"{_A}updated", timestamp(None))  # set to the newest entry's by _finish_feed
    author = _sub(feed, f"{_A}author")
    _sub(author, f"{_A}name", title)
    _sub(feed, f"{_A}generator", "plainpress", version=__version__)
    _sub(feed, f"{_A}link", rel="self", href=self_href, type=self_type)
    return feed


def _entry(feed: Any, pub: Publication) -> Any:
    entry = _sub(feed, f"{_A}entry")
    if pub.language:
        entry.set(_XML_LANG, pub.language)
    _sub(entry, f"{_A}id", _urn(pub.kind, pub.key))
    _sub(entry, f"{_A}title", pub.title)
    _sub(entry, f"{_A}updated", pub.updated)
    if pub.iso:
        _sub(entry, f"{_A}published", timestamp(pub.iso))
    for name in pub.authors:
        _sub(_sub(entry, f"{_A}author"), f"{_A}name", name)
    return entry


def _finish_feed(feed: Any, pubs: Sequence[Publication]) -> bytes:
    from lxml import etree

    if pubs:
        feed.find(f"{_A}updated").text = max(p.updated for p in pubs)
    return bytes(etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True))


def atom_bytes(title: str, language: str, entries: Sequence[Entry], read: Reader) -> bytes:
    """The Atom feed of the articles of ``entries`` (manifest entries), newest first."""
    _, articles = publications(entries, read)
    feed = _feed(title, language, "feed", FEED_NAME, "application/atom+xml", {})
    _sub(feed, f"{_A}link", rel="alternate", href="index.html", type="text/html")
    for pub in articles:
        entry = _entry(feed, pub)
        if pub.summary:
            _sub(entry, f"{_A}summary", pub.summary, type="text")
        html = [e for e in pub.entries if e["format"] == "html"]
        for item in html or pub.entries[:1]:  # an entry without content needs an alternate link
            _sub(entry, f"{_A}link", rel="alternate", href=item["href"], type=_media_type(item["format"]))
        for item in pub.entries:
            if item not in (html or pub.entries[:1]):
                attrs = {"rel": "enclosure", "href": item["href"], "type": _media_type(item["format"])}
                _sub(entry, f"{_A}link", **attrs, length=str(item["size"]))
    return _finish_feed(feed, articles)


def opds_bytes(title: str, language: str, entries: Sequence[Entry], read: Reader) -> bytes:
    """The OPDS 1.2 acquisition feed of the collections, then the articles, of ``entries``."""
    collections, articles = publications(entries, read)
    feed = _feed(title, language, "opds", OPDS_NAME, OPDS_FEED_TYPE, {"dc": DCTERMS, "opds": OPDS})
    _sub(feed, f"{_A}link", rel="start", href=OPDS_NAME, type=OPDS_FEED_TYPE)
    for pub in [*collections, *articles]:
        entry = _entry(feed, pub)
        if pub.language:
            _sub(entry, f"{{{DCTERMS}}}language", pub.language)
        if pub.iso:
            _sub(entry, f"{{{DCTERMS}}}issued", pub.iso)
        if pub.summary:
            _sub(entry, f"{_A}summary", pub.summary, type="text")
        for item in pub.entries:
            attrs = {"rel": OPDS_ACQUISITION, "href": item["href"], "type": _media_type(item["format"])}
            _sub(entry, f"{_A}link", **attrs, length=str(item["size"]))
    return _finish_feed(feed, [*collections, *articles])


def write_feeds(
    title: str, language: str, entries: Sequence[Entry], read: Reader, write: Callable[[str, bytes], None]
) -> None:
    """Write ``feed.atom`` and ``opds.xml`` with ``write(rel, data)``, the built files read with ``read(rel)``
    (both by paths relative to the output: a build's store, :mod:`converters.batch.store`).

    Raises:
        OutputError: as ``write`` raises when a file cannot be written.
    """
    write(FEED_NAME, atom_bytes(title, language, entries, read))
    write(OPDS_NAME, opds_bytes(title, language, entries, read))
