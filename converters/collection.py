"""Collections: many articles in one EPUB 3 publication.

Each article keeps the content document the single-article EPUB gives it
(the same templates, the same title block, subtitle, date and blockquotes),
in its own file with its own id prefix, so ids are unique across the book
(EPUB 3.3, section 6.1: a content document is an XHTML document; ids must be
unique per document, and plainpress keeps them unique per book so that
fragment links never become ambiguous when a reading system joins documents).

The package holds, in spine order: a cover page (a given image, or a JPEG of
1600 x 2560 px rendered from an SVG made of the title and author and styled
by the style's ``.cover*`` rules, :mod:`converters.cover`), a title page, the nav document (EPUB 3.3, section 7: the ``toc``
nav lists every article in order) and the articles; an NCX is added for
EPUB 2 reading systems. A related link whose title matches another
article of the book (see :func:`normalize_title`) becomes an internal link
to that article's document.

The container is finished by :func:`converters.writers.epub.write_book`, so
a collection is byte-identical across builds when ``SOURCE_DATE_EPOCH`` is
set (https://reproducible-builds.org/specs/source-date-epoch/), and its
``dc:identifier`` is derived from the content in any case.
"""

from __future__ import annotations

import logging
import re
import textwrap
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from converters.errors import InputError, UsageError
from converters.metatext import plain
from converters.model import Document, RelatedLink, iter_text
from converters.options import StoreMetadata, WriteOptions
from converters.output import NameAllocator, safe_slug
from converters.render import environment, page_title

log = logging.getLogger("plainpress")

Order = Literal["given", "date", "title"]
ORDERS: tuple[Order, ...] = ("given", "date", "title")

#: Cover image types EPUB 3.3 lists as core media types (section 3.2), by suffix.
COVER_MEDIA_TYPES: dict[str, str] = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}

#: Largest cover image accepted, in bytes (20 MiB).
MAX_COVER_SIZE = 20 * 1024 * 1024

#: File stems the package itself uses; articles never get them.
RESERVED_STEMS = ("cover", "titlepage", "nav", "toc", "style")


@dataclass(frozen=True)
class CollectionSpec:
    """What a collection is, apart from its articles.

    Attributes:
        title: the collection's title (``dc:title``, title page, cover).
        authors: editor or author names (``dc:creator``), may be empty.
        language: a BCP 47 tag for the package, or ``None`` for the most
            common language of the articles.
        description: a one-paragraph description (``dc:description``), or ``None``.
        cover: a cover image file (JPEG, PNG, GIF, WebP or SVG), or ``None``
            to generate one.
        order: ``"given"`` (as listed), ``"date"`` (oldest first, undated
            last) or ``"title"`` (alphabetical, case-insensitive).
        store: series and store metadata (``[[collections]]`` keys); the
            write options' ``store`` (command line) wins field by field.
    """

    title: str
    authors: tuple[str, ...] = ()
    language: str | None = None
    description: str | None = None
    cover: Path | None = None
    order: Order = "given"
    store: StoreMetadata = field(default_factory=StoreMetadata)

    def __post_init__(self) -> None:
        # Given on the command line or in a config file, these never went through
        # the reader: drop the control characters XML forbids (a title with U+0001
        # was an internal error) and fold line breaks into spaces.
        object.__setattr__(self, "title", _one_line(self.title))
        if not self.title:  # an empty dc:title makes an invalid EPUB
            raise UsageError(None, "a collection needs a title (it is empty)")
        object.__setattr__(self, "authors", tuple(_one_line(a) for a in self.authors))
        if self.description is not None:
            object.__setattr__(self, "description", _one_line(self.description))


def _one_line(text: str) -> str:
    """``text`` without XML-forbidden characters, its white space folded to single spaces."""
    from converters.readers.normalize import normalize

    return " ".join(normalize(text).split())


@dataclass(frozen=True)
class Entry:
    """One article's place in the book.

    Attributes:
        doc: the article.
        file_name: its content document, relative to the package document
            (``"no-victory.xhtml"``); distinct for every article.
        uid: its manifest item id (an XML NCName).
        prefix: prepended to every id in its document (``"no-victory-"``).
        label: its entry in the nav document and the NCX.
    """

    doc: Document
    file_name: str
    uid: str
    prefix: str
    label: str


_QUOTES = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u00b4`\u2039\u203a", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    }
)


def normalize_title(title: str) -> str:
    """A title's comparison key: NFKC, case-folded, quotes and dashes unified,
    whitespace collapsed, and every quotation mark dropped (so ``“Socialism’``
    and ``'Socialism'`` compare equal)."""
    text = unicodedata.normalize("NFKC", title).translate(_QUOTES).casefold()
    text = text.replace('"', "").replace("'", "")
    text = re.sub(r"\s*-\s*", " - ", text)
    return " ".join(text.split()).strip(" .:;,")


_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


def _title_keys(title: str) -> list[str]:
    """Keys a related title may match: itself, then without a trailing
    parenthesised note such as ``(1917 No. 41)`` (where it was published)."""
    keys = [normalize_title(title)]
    shorter = _TRAILING_NOTE.sub("", title)
    if shorter and shorter != title:
        keys.append(normalize_title(shorter))
    return [k for k in keys if k]


def order_documents(docs: Sequence[Document], order: Order) -> list[Document]:
    """Return ``docs`` in ``order`` (stable: ties keep the given order).

    Raises:
        UsageError: an unknown order.
    """
    if order == "given":
        return list(docs)
    if order == "date":
        return sorted(docs, key=lambda d: (d.date is None, d.date.iso if d.date else ""))
    if order == "title":
        return sorted(docs, key=lambda d: normalize_title(page_title(d)))
    raise UsageError(None, f"unknown order {order!r} (available: {', '.join(ORDERS)})")


def nav_label(doc: Document, duplicated: bool) -> str:
    """The nav and NCX entry of one article.

    The title alone, unless it does not identify the article: an article
    whose title another article of the book shares gets its date (else its
    subtitle) in parentheses; an article without a title is named by its
    subtitle, else its file name, with its date in parentheses. Soft hyphens
    and zero-width spaces are left out (:func:`converters.metatext.plain`).
    """
    if doc.title and plain(doc.title).strip():
        extra = (doc.date.text if doc.date else doc.subtitle) if duplicated else None
        return plain(f"{doc.title} ({extra})" if extra else doc.title)
    name = doc.subtitle or page_title(doc)
    return plain(f"{name} ({doc.date.text})" if doc.date else name)


def plan_entries(docs: Sequence[Document]) -> list[Entry]:
    """Give every article a distinct file name, item id, id prefix and nav label.

    File stems are slugs of the titles (:func:`converters.output.safe_slug`),
    made unique with ``-2``, ``-3``...; labels come from :func:`nav_label`,
    and labels that still collide get ``(2)``, ``(3)``...
    """
    names = NameAllocator()
    for stem in RESERVED_STEMS:
        names.claim(stem)
    counts = Counter(normalize_title(page_title(d)) for d in docs)
    entries: list[Entry] = []
    labels: Counter[str] = Counter()
    for doc in docs:
        title = page_title(doc)
        stem = names.claim(safe_slug(title, fallback="article"))
        label = nav_label(doc, counts[normalize_title(title)] > 1)
        labels[label] += 1
        if labels[label] > 1:
            label = f"{label} ({labels[label]})"
        entries.append(Entry(doc, f"{stem}.xhtml", f"article-{stem}", f"{stem}-", label))
    return entries


def title_index(entries: Sequence[Entry]) -> dict[str, tuple[str, ...]]:
    """Map each normalised title to the file names of the articles that have it, in book order."""
    index: dict[str, list[str]] = {}
    for entry in entries:
        key = normalize_title(page_title(entry.doc))
        if key:
            index.setdefault(key, []).append(entry.file_name)
    return {key: tuple(files) for key, files in index.items()}


def link_resolver(
    entries: Sequence[Entry], current: Entry, index: Mapping[str, tuple[str, ...]] | None = None
) -> Callable[[RelatedLink], str | None]:
    """Return ``link_for`` for ``current``: a related link whose title matches
    another article of the book gives that article's file name (never
    ``current`` itself); any other keeps its own URL (or ``None``: plain text).
    ``index`` is :func:`title_index` of ``entries``, computed once per book by
    the caller.

    When the title matches several other articles (two articles share it),
    the link goes to the first of them in book order, the choice a reader
    can check in the contents, and a warning naming the title and the
    article is logged on the ``plainpress`` logger.
    """
    titles = index if index is not None else title_index(entries)
    warned: set[str] = set()  # a document may be rendered more than once

    def link_for(link: RelatedLink) -> str | None:
        for key in _title_keys(link.title):
            candidates = [f for f in titles.get(key, ()) if f != current.file_name]
            if len(candidates) > 1 and link.title not in warned:
                warned.add(link.title)
                log.warning(
                    "%s: related title %r matches %d articles of the book (%s); linked to the first",
                    page_title(current.doc),
                    link.title,
                    len(candidates),
                    ", ".join(candidates),
                )
            if candidates:
                return candidates[0]
        return link.url

    return link_for


def book_language(docs: Sequence[Document], language: str | None) -> str:
    """The package language: ``language`` when given, else the articles' most
    common language (the first article's on a tie), else ``"en"``."""
    if language:
        return language
    counts = Counter(d.language for d in docs)
    if not counts:
        return "en"
    best = max(counts.values())
    return next(d.language for d in docs if counts[d.language] == best)


def _cover_rules(style_path: Path) -> str:
    """The style's rules whose selectors all start with ``.cover`` (for the SVG cover)."""
    import tinycss2

    from converters.styles import css_for

    rules = tinycss2.parse_stylesheet(css_for(style_path, "epub"), skip_comments=True, skip_whitespace=True)
    kept = []
    for rule in rules:
        if rule.type != "qualified-rule":
            continue
        selectors = [s.strip() for s in tinycss2.serialize(rule.prelude).split(",")]
        if selectors and all(s.startswith(".cover") for s in selectors):
            kept.append(tinycss2.serialize([rule]).strip())
    return "\n".join(kept)


def _font_family(style_path: Path) -> str:
    """The ``font-family`` of the style's ``html`` (or ``body``) rule, else ``serif``."""
    import tinycss2

    from converters.styles import css_for

    rules = tinycss2.parse_stylesheet(css_for(style_path, "epub"), skip_comments=True, skip_whitespace=True)
    for wanted in ("html", "body"):
        for rule in rules:
            if rule.type == "qualified-rule" and tinycss2.serialize(rule.prelude).strip() == wanted:
                for decl in tinycss2.parse_blocks_contents(rule.content, True, True):
                    if decl.type == "declaration" and decl.lower_name == "font-family":
                        return str(tinycss2.serialize(decl.value)).strip()
    return "serif"


def balanced_lines(text: str, width: int) -> list[str]:
    """Wrap ``text`` in as few lines as greedy wrapping at ``width`` needs, but
    with the lines as even as possible (the narrowest width that still gives
    that many lines), so no word is left alone on the last line when it can
    be helped."""
    greedy = textwrap.wrap(text, width=width, break_long_words=True) or [text]
    best = greedy
    for narrower in range(width - 1, 0, -1):
        lines = textwrap.wrap(text, width=narrower, break_long_words=True)
        if len(lines) != len(greedy):
            break
        best = lines
    return best


def cover_svg(title: str, authors: Sequence[str], style_path: Path) -> bytes:
    """A 1600 x 2560 SVG cover showing ``title`` and ``authors``, styled by the
    style's ``html`` font family and its ``.cover-*`` rules
    (``.cover-background``, ``.cover-title``, ``.cover-author``, ``.cover-rule``)."""
    from converters.presentation import join_names

    size = 150 if len(title) <= 40 else 120 if len(title) <= 90 else 96
    width = max(8, int(1300 / (size * 0.5)))
    lines = balanced_lines(title, width)[:8]
    line_height = int(size * 1.2)
    block = line_height * (len(lines) - 1)
    title_y = 1180 - block // 2
    svg = (
        environment()
        .get_template("cover.svg.j2")
        .render(
            label=title + (f" by {join_names(authors)}" if authors else ""),
            title_lines=lines,
            title_size=size,
            line_height=line_height,
            title_y=title_y,
            rule_top=title_y - size - 60,
            rule_bottom=title_y + block + 90,
            author=join_names(authors),
            author_y=title_y + block + 260,
            font_family=_font_family(style_path),
            style_rules=_cover_rules(style_path),
        )
    )
    return svg.encode("utf-8")


def _read_cover(path: Path) -> tuple[str, bytes]:
    """The cover's file name in the package and its bytes.

    Raises:
        UsageError: an image type EPUB does not allow.
        InputError: the file cannot be read or is too large.
    """
    suffix = path.suffix.lower()
    if suffix not in COVER_MEDIA_TYPES:
        raise UsageError(path, f"cover must be one of {', '.join(sorted(set(COVER_MEDIA_TYPES)))}")
    try:
        if path.stat().st_size > MAX_COVER_SIZE:
            raise InputError(path, f"cover image is larger than {MAX_COVER_SIZE} bytes")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read cover image: {exc.strerror or exc}") from exc
    if not data:
        raise InputError(path, "cover image is empty")
    if not _looks_like(suffix, data):
        # A mislabelled or corrupt file made a book EPUBCheck rejects (PKG-021, OPF-029).
        raise InputError(path, f"is not a {suffix[1:].upper()} image (its content does not match its name)")
    return "images/cover" + (".jpg" if suffix == ".jpeg" else suffix), data


def _looks_like(suffix: str, data: bytes) -> bool:
    """Whether ``data`` starts the way files of type ``suffix`` do (their magic numbers)."""
    if suffix == ".png":
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    if suffix in (".jpg", ".jpeg"):
        return data.startswith(b"\xff\xd8\xff")
    if suffix == ".gif":
        return data.startswith((b"GIF87a", b"GIF89a"))
    if suffix == ".webp":
        return data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    if suffix == ".svg":
        return b"<svg" in data[:4096]
    return True


def plan_book(
    docs: Sequence[Document], spec: CollectionSpec, options: WriteOptions | None
) -> tuple[WriteOptions, Path, list[Document], list[Entry], str]:
    """What every format of a book starts from: the options, the style's file,
    the documents in book order, their entries and the book's language.

    Raises:
        UsageError: no documents, an unknown order or style.
    """
    from converters.styles import resolve_style

    if not docs:
        raise UsageError(None, "a collection needs at least one article")
    options = options or WriteOptions()
    ordered = order_documents(docs, spec.order)
    return (
        options,
        resolve_style(options.style).path,
        ordered,
        plan_entries(ordered),
        book_language(ordered, spec.language),
    )


def render_collection(
    docs: Sequence[Document], spec: CollectionSpec, options: WriteOptions | None = None
) -> bytes:
    """Return one EPUB 3 publication holding ``docs`` (see the module docstring).

    Raises:
        UsageError: no documents, an unknown order or style, or a cover of a
            type EPUB does not allow.
        InputError: the cover image cannot be read.
    """
    from ebooklib import epub

    from converters.cover import raster_cover
    from converters.options import build_time
    from converters.writers.epub import (
        content_document,
        content_identifier,
        embedded_fonts,
        new_book,
        stylesheet_item,
        toc_entry,
        write_book,
    )

    options, style_path, ordered, entries, language = plan_book(docs, spec, options)
    cover_name, cover_data = (
        _read_cover(spec.cover)
        if spec.cover is not None
        else ("images/cover.jpg", raster_cover(cover_svg(spec.title, spec.authors, style_path)))
    )
    extra = "\x1f".join([spec.title, *spec.authors, language, spec.description or "", spec.order, cover_name])
    book = new_book(
        identifier=content_identifier(ordered, extra=extra),
        title=spec.title,
        language=language,
        authors=spec.authors,
        description=spec.description,
    )
    from converters.bookmeta import add_contributors, add_to_book, merged  # series and store metadata

    add_to_book(book, merged(spec.store, options.store))
    dates = [
        d.date.iso for d in ordered if d.date is not None
    ]  # dc:date: the newest article's, else the build's
    book.add_metadata("DC", "date", max(dates) if dates else build_time().date().isoformat())
    texts = [spec.title, *spec.authors, spec.description or "", *(e.label for e in entries)]
    texts += [t for e in entries for t in iter_text(e.doc)]
    fonts, font_css = embedded_fonts(style_path, texts)
    _describe_cover_for_accessibility(book)
    css = stylesheet_item(style_path, font_css)
    book.add_item(css)
    for font in fonts:
        book.add_item(font)

    book.set_cover(cover_name, cover_data, create_page=False)
    cover_page = _fragment_document(
        "coverpage.xhtml.j2",
        file_name="cover.xhtml",
        uid="cover",
        title=spec.title,
        language=language,
        css=css,
        image=cover_name,
        alt=f"Cover: {spec.title}",
    )
    title_page = _fragment_document(
        "titlepage.xhtml.j2",
        file_name="titlepage.xhtml",
        uid="titlepage",
        title=spec.title,
        language=language,
        css=css,
        authors=tuple(spec.authors),
        description=spec.description,
        count=len(entries),
    )
    book.add_item(cover_page)
    book.add_item(title_page)

    titles = title_index(entries)
    chapters = []
    for entry in entries:
        chapter = content_document(
            entry.doc,
            file_name=entry.file_name,
            uid=entry.uid,
            style=css,
            prefix=entry.prefix,
            link_for=link_resolver(entries, entry, titles),
        )
        for author in entry.doc.authors:  # the chapter's own authors, in its head
            chapter.add_meta(name="author", content=author)
        book.add_item(chapter)
        chapters.append(chapter)
    add_contributors(book, [a for e in entries for a in e.doc.authors], exclude=spec.authors)

    book.toc = [toc_entry(e.doc, e.file_name, e.label, e.uid, e.prefix) for e in entries]
    book.guide = [
        {"href": "cover.xhtml", "title": "Cover", "type": "cover"},
        {"href": entries[0].file_name, "title": "Start of content", "type": "text"},
    ]
    rtl = language.split("-")[0].lower() in _rtl_languages()
    book.add_item(epub.EpubNcx())
    nav = epub.EpubNav(title="Contents", direction="rtl" if rtl else None)
    nav.add_item(css)
    book.add_item(nav)
    book.spine = [cover_page, title_page, nav, *chapters]
    return _mark_languages(write_book(book, language=language, rtl=rtl), entries, language)


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _mark_languages(data: bytes, entries: Sequence[Entry], language: str) -> bytes:
    """Give each nav and NCX entry of an article in another language than the
    book that article's ``lang``/``xml:lang`` and ``dir``, so an Arabic title in
    an English contents list is announced and laid out right to left.

    ebooklib writes the nav and NCX without them; the archive is rewritten
    with every entry's name, time, order and attributes kept (so it stays
    reproducible). Returns ``data`` unchanged when every article is in the
    book's language.
    """
    import io
    import zipfile

    from lxml import etree

    other = {e.file_name: (e.doc.language, e.doc.direction) for e in entries if e.doc.language != language}
    if not other:
        return data

    def mark(element: Any, href: str | None, attrs: tuple[str, ...]) -> None:
        found = other.get((href or "").split("#")[0])
        if found is not None:
            for attr in attrs:
                element.set(attr, found[0])
            element.set("dir", found[1])

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.endswith("nav.xhtml"):
                root = etree.fromstring(content)
                for link in root.iter("{http://www.w3.org/1999/xhtml}a"):
                    mark(link, link.get("href"), ("lang", _XML_LANG))
                content = etree.tostring(root, xml_declaration=True, encoding="utf-8")
            elif info.filename.endswith(".ncx"):
                root = etree.fromstring(content)
                ncx = "{http://www.daisy.org/z3986/2005/ncx/}"
                for point in root.iter(f"{ncx}navPoint"):
                    label, src = point.find(f"{ncx}navLabel"), point.find(f"{ncx}content")
                    if label is not None and src is not None:
                        mark(label, src.get("src"), (_XML_LANG,))
                content = etree.tostring(root, xml_declaration=True, encoding="utf-8")
            copy = zipfile.ZipInfo(info.filename, info.date_time)
            copy.compress_type = info.compress_type
            copy.external_attr = info.external_attr
            copy.create_system = info.create_system
            target.writestr(
                copy, content, compresslevel=9 if info.compress_type == zipfile.ZIP_DEFLATED else None
            )
    return out.getvalue()


#: The accessibility summary of a collection: unlike a single article, it has an image.
COLLECTION_ACCESSIBILITY_SUMMARY = (
    "Text with headings, a table of contents and a logical reading order; the only image is "
    "the cover, which has a text alternative; no audio, video or other hazards."
)


def _describe_cover_for_accessibility(book: Any) -> None:
    """Make the schema.org accessibility metadata true of a book with a cover image
    (EPUB Accessibility 1.1, 2.1): ``accessMode`` ``visual`` and the
    ``alternativeText`` feature join ``textual``, and the summary says so."""
    metas = book.metadata.get(None, {}).get("meta", [])  # where add_metadata(None, "meta", ...) puts them
    for i, (_, attrs) in enumerate(metas):
        if (attrs or {}).get("property") == "schema:accessibilitySummary":
            metas[i] = (COLLECTION_ACCESSIBILITY_SUMMARY, attrs)
    book.add_metadata(None, "meta", "visual", {"property": "schema:accessMode"})
    book.add_metadata(None, "meta", "alternativeText", {"property": "schema:accessibilityFeature"})


def _rtl_languages() -> frozenset[str]:
    from converters.model import RTL_LANGUAGES

    return RTL_LANGUAGES


def _fragment_document(
    template: str, *, file_name: str, uid: str, title: str, language: str, css: Any, **values: Any
) -> Any:
    from ebooklib import epub

    rtl = language.split("-")[0].lower() in _rtl_languages()
    item = epub.EpubHtml(
        title=title, file_name=file_name, uid=uid, lang=language, direction="rtl" if rtl else None
    )
    item.content = environment().get_template(template).render(**values, title=title)
    item.add_item(css)
    return item


__all__ = [
    "ORDERS",
    "CollectionSpec",
    "Entry",
    "Order",
    "cover_svg",
    "link_resolver",
    "nav_label",
    "normalize_title",
    "order_documents",
    "plan_book",
    "plan_entries",
    "render_collection",
    "title_index",
]
