"""EPUB 3 writer (ebooklib), finished by :func:`finish_package`.

The article becomes one XHTML content document rendered from the shared
templates, with a nav document, an NCX for EPUB 2 reading systems, the
shared stylesheet cut for EPUB (no ``@page``, no ``@media print``/``screen``),
Dublin Core metadata, schema.org accessibility metadata (EPUB Accessibility
1.1, section 2) and a ``dc:identifier`` derived from the content, so the same
article always has the same identifier.

ebooklib cannot put ``xml:lang`` on the package element (DAISY Ace needs it)
and stamps the current time on ZIP entries, so :func:`finish_package`
rewrites the container once ebooklib is done: ``mimetype`` first and stored
(OCF 3.3, section 4.3), the other entries in a fixed order with a fixed
time, and the package element completed.

Fonts: reading systems bring their own fonts and a book's size matters on
e-readers, so the bundled text face is embedded only when the style asks
with ``--plainpress-epub-embed-fonts: yes`` (see
:func:`converters.styles.embeds_fonts_in_epub`). Then the faces the style
names are subset to the characters the book uses (fontTools) and declared
with ``@font-face`` at the top of the EPUB stylesheet.

Semantics: the article is ``epub:type="bodymatter chapter"``; the nav
document holds the ``toc`` and a ``landmarks`` list pointing at the bodymatter (EPUB 3.3 Structural
Semantics Vocabulary).
"""

from __future__ import annotations

import hashlib
import io
import json
import uuid
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar

from converters.fonts import faces_named, subset, subset_chars
from converters.metatext import plain, plain_all
from converters.model import Document
from converters.options import WriteOptions, build_time
from converters.render import GENERATOR, page_title, render_xhtml_body
from converters.styles import css_for, embeds_fonts_in_epub, resolve_style

#: ZIP timestamps cannot be earlier than 1980-01-01 (the DOS date epoch).
_ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)

ACCESSIBILITY_SUMMARY = (
    "Text-only publication with headings, a table of contents and a logical reading order; "
    "no images, audio, video or other hazards."
)


def content_identifier(docs: Sequence[Document], extra: str = "") -> str:
    """A ``urn:uuid:`` derived from the documents' content (UUID version 5 of a SHA-256).

    The source path is left out, so moving a file does not change its book's
    identifier; any change of text or metadata does.
    """
    digest = hashlib.sha256()
    for doc in docs:
        data = doc.to_dict()
        data.pop("source", None)
        digest.update(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    digest.update(extra.encode("utf-8"))
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "plainpress:" + digest.hexdigest()))


def add_accessibility_metadata(book: Any, summary: str = ACCESSIBILITY_SUMMARY) -> None:
    """Add schema.org accessibility metadata to an ebooklib book (EPUB Accessibility 1.1, 2.1)."""
    entries = [
        ("schema:accessMode", "textual"),
        ("schema:accessModeSufficient", "textual"),
        ("schema:accessibilityFeature", "structuralNavigation"),
        ("schema:accessibilityFeature", "readingOrder"),
        ("schema:accessibilityFeature", "tableOfContents"),
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", summary),
    ]
    for prop, value in entries:
        book.add_metadata(None, "meta", value, {"property": prop})


def new_book(
    *, identifier: str, title: str, language: str, authors: Sequence[str], description: str | None
) -> Any:
    """Create an ebooklib ``EpubBook`` with the common package metadata."""
    from ebooklib import epub

    book = epub.EpubBook()
    # ebooklib adds <meta name="generator" content="Ebook-lib ..."/>; the
    # package names one generator, plainpress.
    book.metadata.get(epub.NAMESPACES["OPF"], {}).pop("generator", None)
    book.set_identifier(identifier)
    book.set_title(plain(title))  # no soft hyphen or zero-width space in metadata
    book.set_language(language)
    for number, author in enumerate(plain_all(authors), 1):
        book.add_author(author, uid=f"creator{number}")  # ids must be unique
    if description:
        book.add_metadata("DC", "description", plain(description))
    book.add_metadata(None, "meta", "", {"name": "generator", "content": GENERATOR})
    add_accessibility_metadata(book)
    return book


def stylesheet_item(style_path: Any, font_css: str = "") -> Any:
    """The shared stylesheet, cut for EPUB, as an ebooklib item at ``style/plainpress.css``.

    ``font_css`` (``@font-face`` rules from :func:`embedded_fonts`) goes first.
    """
    from ebooklib import epub

    css = css_for(style_path, "epub")
    return epub.EpubItem(
        uid="style",
        file_name="style/plainpress.css",
        media_type="text/css",
        content=((font_css + "\n\n" if font_css else "") + css).encode("utf-8"),
    )


def embedded_fonts(style_path: Any, texts: Sequence[str]) -> tuple[list[Any], str]:
    """The font items and ``@font-face`` CSS for an EPUB, when the style asks for them.

    Returns ``([], "")`` unless the style at ``style_path`` declares
    ``--plainpress-epub-embed-fonts: yes``. Otherwise every bundled family the
    stylesheet names (``"Source Serif Pro"``, ``"Source Sans Pro"``) is
    embedded as CFF OpenType (``font/otf``, an EPUB 3.3 core media type) under
    ``fonts/``, subset to the characters of ``texts`` (the book's content)
    plus :data:`converters.fonts.ALWAYS`; the CSS URLs are relative to
    ``style/plainpress.css``.
    """
    from ebooklib import epub

    if not embeds_fonts_in_epub(style_path):
        return [], ""
    chars = subset_chars(texts)
    items, rules = [], []
    for family, path, weight, style in faces_named(css_for(style_path, "epub"), ".otf"):
        name = f"fonts/{path.name}"
        items.append(
            epub.EpubItem(
                uid=f"font-{path.stem}", file_name=name, media_type="font/otf", content=subset(path, chars)
            )
        )
        rules.append(
            f'@font-face {{ font-family: "{family}"; src: url("../{name}"); '
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return items, "\n".join(rules)


def write_book(book: Any, *, language: str, rtl: bool = False) -> bytes:
    """Write an ebooklib book to bytes and finish the package (see :func:`finish_package`)."""
    from ebooklib import epub

    stamp = build_time()
    buffer = io.BytesIO()
    epub.write_epub(buffer, book, {"mtime": stamp.replace(tzinfo=None), "epub3_pages": False})
    return finish_package(buffer.getvalue(), language=language, modified=stamp, rtl=rtl)


@dataclass(frozen=True)
class _Entry:
    name: str
    data: bytes


def finish_package(data: bytes, *, language: str, modified: datetime, rtl: bool = False) -> bytes:
    """Return the EPUB ``data`` with its container and package document completed.

    - the package element gets ``xml:lang`` (and ``dir="rtl"`` when ``rtl``);
    - the nav document is completed by :func:`finish_nav`;
    - the spine gets ``page-progression-direction="rtl"`` when ``rtl``;
    - ``mimetype`` is the first entry, stored uncompressed (OCF 3.3, 4.3);
    - every entry gets the time ``modified`` (clamped to 1980, the earliest
      ZIP time) and the same permissions, in a fixed order, so two builds of
      the same book with ``SOURCE_DATE_EPOCH`` set are byte-identical.

    Raises:
        zipfile.BadZipFile: ``data`` is not a ZIP archive.
    """
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = [_Entry(info.filename, archive.read(info)) for info in archive.infolist()]
        opf_path = _rootfile_path(archive.read("META-INF/container.xml"))

    nav_path = _nav_path(next(e.data for e in entries if e.name == opf_path), opf_path)
    finished: list[_Entry] = []
    for entry in entries:
        if entry.name == nav_path:
            entry = _Entry(entry.name, finish_nav(entry.data))
        if entry.name == opf_path:
            root = etree.fromstring(entry.data)
            root.set("{http://www.w3.org/XML/1998/namespace}lang", language)
            if rtl:
                root.set("dir", "rtl")
                spine = root.find("{http://www.idpf.org/2007/opf}spine")
                if spine is not None:
                    spine.set("page-progression-direction", "rtl")
            entry = _Entry(entry.name, etree.tostring(root, xml_declaration=True, encoding="utf-8"))
        finished.append(entry)

    when = max(modified, _ZIP_EPOCH)
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        mimetype = zipfile.ZipInfo("mimetype", stamp)
        mimetype.compress_type = zipfile.ZIP_STORED
        mimetype.external_attr = 0o644 << 16
        archive.writestr(mimetype, b"application/epub+zip")
        for entry in finished:
            if entry.name == "mimetype":
                continue
            info = zipfile.ZipInfo(entry.name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever the build machine
            archive.writestr(info, entry.data, compresslevel=9)
    return out.getvalue()


_EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
_XHTML_NAV = "{http://www.w3.org/1999/xhtml}nav"


def finish_nav(data: bytes) -> bytes:
    """The nav document ``data`` with what ebooklib leaves out or gets wrong.

    - the ``landmarks`` nav gets ``hidden=""``: it is for the reading system's
      menus, not for the reading flow (EPUB 3.3, 7.4.2.3, and what pandoc and
      Calibre write), so the contents page does not show "Guide / Cover /
      Start of content";
    - the ``toc`` nav gets ``id="toc"`` instead of ebooklib's ``id="id"``.
    """
    from lxml import etree

    root = etree.fromstring(data)
    for nav in root.iter(_XHTML_NAV):
        kind = nav.get(_EPUB_TYPE, "").split()
        if "landmarks" in kind:
            nav.set("hidden", "")
        if "toc" in kind:
            nav.set("id", "toc")
    return bytes(etree.tostring(root.getroottree(), xml_declaration=True, encoding="utf-8"))


def _nav_path(opf: bytes, opf_path: str) -> str | None:
    """The archive path of the nav document the package document ``opf`` names, if any."""
    import posixpath
    from urllib.parse import unquote

    from lxml import etree

    for item in etree.fromstring(opf).iter("{http://www.idpf.org/2007/opf}item"):
        if "nav" in (item.get("properties") or "").split():
            return posixpath.normpath(
                posixpath.join(posixpath.dirname(opf_path), unquote(item.get("href", "")))
            )
    return None


def _rootfile_path(container_xml: bytes) -> str:
    from lxml import etree

    root = etree.fromstring(container_xml)
    rootfile = root.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile")
    if rootfile is None:
        raise zipfile.BadZipFile("META-INF/container.xml names no rootfile")
    return str(rootfile.get("full-path"))


def content_document(doc: Document, *, file_name: str, uid: str, style: Any, **render_args: Any) -> Any:
    """One article as an ebooklib ``EpubHtml`` (body fragment from the shared templates)."""
    from ebooklib import epub

    item = epub.EpubHtml(
        title=page_title(doc),
        file_name=file_name,
        uid=uid,
        lang=doc.language,
        direction="rtl" if doc.direction == "rtl" else None,
    )
    # A body fragment, never a whole document: ebooklib silently writes an
    # empty file when given a str that starts with an XML declaration.
    item.content = render_xhtml_body(doc, **render_args)
    item.add_item(style)
    return item


def toc_entry(doc: Document, file_name: str, label: str, uid: str, prefix: str = "") -> Any:
    """The article's entry in the nav document and the NCX, as ebooklib takes it.

    An article with headings, notes or a related list is a section whose
    children link to each of them, nested by heading level, in reading order
    (what pandoc's ``--toc`` lists): ``(Section(label, file_name), [Link(...#section-1),
    ..., Link(...#notes-heading), Link(...#related-heading)])``; any other article
    is one ``Link``. ``prefix`` is the article's id prefix (collections).
    """
    from ebooklib import epub

    from converters.model import Heading, Notes
    from converters.render import heading_ids, related_label

    ids = heading_ids(doc, prefix)
    parts: list[tuple[int, str, str]] = []  # (level, id, label), in reading order
    for index, block in enumerate(doc.blocks):
        if isinstance(block, Heading) and index in ids and plain(block.text).strip():
            parts.append((block.level, ids[index], " ".join(plain(block.text).split())))
        elif isinstance(block, Notes) and plain(block.heading).strip():
            parts.append((2, f"{prefix}notes-heading", " ".join(plain(block.heading).split())))
    if doc.related:
        parts.append((2, f"{prefix}related-heading", plain(related_label(doc))))
    if not parts:
        return epub.Link(file_name, label, f"toc-{uid}")
    root: list[Any] = []
    stack: list[tuple[int, list[Any]]] = [(0, root)]
    for level, anchor, text in parts:
        while stack[-1][0] >= level:
            stack.pop()
        children: list[Any] = []
        stack[-1][1].append((epub.Link(f"{file_name}#{anchor}", text, f"toc-{uid}-{anchor}"), children))
        stack.append((level, children))
    return (epub.Section(label, file_name), _toc_tree(root))


def _toc_tree(nodes: list[Any]) -> list[Any]:
    """``(Link, children)`` pairs as ebooklib nests them: a ``Link`` alone, or a
    ``(Section, [...])`` pair for one with children."""
    from ebooklib import epub

    out: list[Any] = []
    for link, children in nodes:
        out.append((epub.Section(link.title, link.href), _toc_tree(children)) if children else link)
    return out


class EpubWriter:
    """Write an EPUB 3 publication holding one article."""

    name: ClassVar[str] = "epub"
    extension: ClassVar[str] = ".epub"
    media_type: ClassVar[str] = "application/epub+zip"
    description: ClassVar[str] = "EPUB 3 e-book with nav document, NCX and accessibility metadata"

    def render(self, doc: Document, options: WriteOptions) -> bytes:
        """Return the EPUB as bytes.

        Raises:
            UsageError: the style named in ``options`` does not exist.
        """
        from ebooklib import epub

        style = resolve_style(options.style)
        book = new_book(
            identifier=content_identifier([doc]),
            title=page_title(doc),
            language=doc.language,
            authors=doc.authors,
            description=doc.subtitle,
        )
        # dc:date is the publication's date: the article's, else the build's (Kindle wants one).
        book.add_metadata("DC", "date", doc.date.iso if doc.date else build_time().date().isoformat())
        from converters import bookmeta  # series and store metadata: config, front matter, then the options

        where = str(doc.source.path) if doc.source else page_title(doc)
        front = bookmeta.from_mapping(doc.metadata, where, strict=False)
        bookmeta.add_to_book(
            book, bookmeta.merged(bookmeta.merged(options.store_defaults, front), options.store)
        )
        body = render_xhtml_body(doc)
        fonts, font_css = embedded_fonts(style.path, [body])
        css = stylesheet_item(style.path, font_css)
        book.add_item(css)
        for font in fonts:
            book.add_item(font)
        rtl = doc.direction == "rtl"
        chapter = content_document(doc, file_name="article.xhtml", uid="article", style=css)
        book.add_item(chapter)
        book.toc = [toc_entry(doc, "article.xhtml", page_title(doc), "article")]
        # The landmarks nav (EPUB 3.3, 7.4.2.3): where the text starts. (The nav
        # itself is not in the spine, so it cannot be a landmark target.)
        book.guide = [{"href": "article.xhtml", "title": page_title(doc), "type": "text"}]
        book.add_item(epub.EpubNcx())
        nav = epub.EpubNav(direction="rtl" if rtl else None)
        nav.add_item(css)
        book.add_item(nav)
        book.spine = [chapter]
        return write_book(book, language=doc.language, rtl=rtl)
