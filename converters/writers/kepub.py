"""KEPUB writer: the EPUB with Kobo's reading-position markup, in pure Python (lxml).

Kobo e-readers open a file named ``NAME.kepub.epub`` with their own reading
engine, which shows page numbers per chapter, reading statistics and
highlights only when the text carries Kobo's markup. :func:`kepubify` adds it
to a finished EPUB, as Kobo's own conversion and kepubify
(github.com/pgaskin/kepubify) do:

- every run of text in the body of each content document of the spine is cut
  into sentences, each wrapped in ``<span class="koboSpan" id="kobo.P.S">``,
  where ``P`` counts the block elements (paragraphs, headings, list items...)
  of the document from 1 and ``S`` the sentences within the block from 1;
  the text itself is unchanged (the spans hold all of it, spaces included);
- the body's content is wrapped in ``<div id="book-columns"><div
  id="book-inner">...</div></div>``, the wrappers Kobo's engine lays out;
- the nav document, SVG and MathML content, ``script``, ``style`` and
  white-space-only text are left alone.

The package stays valid EPUB 3 (the tests run EPUBCheck on it) and is
finished like every plainpress EPUB (:func:`converters.writers.epub.finish_package`),
so it is reproducible too.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from typing import Any, ClassVar
from urllib.parse import unquote

from converters.model import Document
from converters.options import WriteOptions

XHTML = "http://www.w3.org/1999/xhtml"
_OPF = "{http://www.idpf.org/2007/opf}"
_X = f"{{{XHTML}}}"

#: Elements that start a new ``P`` in ``kobo.P.S`` (Kobo counts block-level text containers).
BLOCKS = frozenset(
    f"{_X}{name}"
    for name in (
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre",
        "td", "th", "caption", "figcaption", "div", "section", "article", "aside", "header",
        "footer", "nav", "figure", "address",
    )
)  # fmt: skip
#: Elements whose text is never wrapped.
SKIP = frozenset(
    f"{_X}{name}" for name in ("script", "style", "textarea", "select", "option", "ruby", "rt", "rp")
)
#: Elements in which a ``span`` may not stand (text in them is white space in valid documents).
NO_SPAN = frozenset(
    f"{_X}{name}"
    for name in (
        "ul",
        "ol",
        "dl",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "colgroup",
        "menu",
        "head",
        "html",
    )
)

#: The end of a sentence: closing punctuation, closing quotes and brackets, then white
#: space (``3.4`` and ``e.g.,`` do not end one); CJK full stops need no space.
SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+|[。！？]+[」』”’）]*\s*")


def sentences(text: str) -> list[str]:
    """Cut ``text`` into sentences whose concatenation is ``text`` (``"A. B?"`` gives ``["A. ", "B?"]``)."""
    parts, start = [], 0
    for match in SENTENCE_END.finditer(text):
        if match.end() < len(text):
            parts.append(text[start : match.end()])
            start = match.end()
    if start < len(text):
        parts.append(text[start:])
    return parts


class _Spans:
    """Numbers the ``koboSpan`` elements of one content document."""

    def __init__(self) -> None:
        self.paragraph = 0
        self.segment = 0
        self.slots: list[tuple[Any, str, list[tuple[str, str]]]] = []

    def block(self) -> None:
        self.paragraph += 1
        self.segment = 0

    def take(self, element: Any, where: str, text: str | None) -> None:
        """Record the spans ``text`` (the element's ``text`` or ``tail``) becomes."""
        if not text or not text.strip():
            return
        if self.paragraph == 0:
            self.block()
        parts = []
        for sentence in sentences(text):
            self.segment += 1
            parts.append((f"kobo.{self.paragraph}.{self.segment}", sentence))
        self.slots.append((element, where, parts))

    def walk(self, element: Any) -> None:
        """Visit ``element`` and its subtree in document order."""
        if element.tag in BLOCKS:
            self.block()
        if element.tag not in NO_SPAN:
            self.take(element, "text", element.text)
        for child in element:
            if not isinstance(child.tag, str):  # comments, processing instructions
                if element.tag not in NO_SPAN:
                    self.take(child, "tail", child.tail)
                continue
            if child.tag.startswith(_X) and child.tag not in SKIP and not _is_kobo_span(child):
                self.walk(child)
            if element.tag not in NO_SPAN:
                self.take(child, "tail", child.tail)


def _is_kobo_span(element: Any) -> bool:
    return bool(element.tag == f"{_X}span" and "koboSpan" in (element.get("class") or "").split())


def _span(text: str, ident: str) -> Any:
    from lxml import etree

    span = etree.Element(f"{_X}span", {"class": "koboSpan", "id": ident}, nsmap={None: XHTML})
    span.text = text
    return span


def kepubify_document(data: bytes) -> bytes:
    """One XHTML content document with Kobo's spans and wrappers (see the module docstring).

    Raises:
        lxml.etree.XMLSyntaxError: ``data`` is not well-formed XML.
    """
    from lxml import etree

    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    body = root.find(f"{_X}body")
    if body is None:
        return data
    spans = _Spans()
    spans.walk(body)
    for element, where, parts in reversed(spans.slots):
        new = [_span(text, ident) for ident, text in parts]
        if where == "text":
            element.text = None
            for position, span in enumerate(new):
                element.insert(position, span)
        else:
            element.tail = None
            parent = element.getparent()
            at = parent.index(element) + 1
            for offset, span in enumerate(new):
                parent.insert(at + offset, span)
    columns = etree.Element(f"{_X}div", {"id": "book-columns"}, nsmap={None: XHTML})
    inner = etree.SubElement(columns, f"{_X}div", {"id": "book-inner"})
    inner.text, body.text = body.text, None
    for child in list(body):
        inner.append(child)  # moves it, with its tail
    body.append(columns)
    return bytes(etree.tostring(root.getroottree(), xml_declaration=True, encoding="utf-8"))


def _content_documents(opf: bytes, opf_path: str) -> set[str]:
    """Archive paths of the spine's XHTML documents, the nav document left out."""
    from lxml import etree

    root = etree.fromstring(opf)
    items = {item.get("id"): item for item in root.iter(f"{_OPF}item")}
    found = set()
    for ref in root.iter(f"{_OPF}itemref"):
        item = items.get(ref.get("idref"))
        if item is None or item.get("media-type") != "application/xhtml+xml":
            continue
        if "nav" in (item.get("properties") or "").split():
            continue
        found.add(
            posixpath.normpath(posixpath.join(posixpath.dirname(opf_path), unquote(item.get("href", ""))))
        )
    return found


def kepubify(epub: bytes) -> bytes:
    """The EPUB ``epub`` as a KEPUB: every content document of the spine through
    :func:`kepubify_document`, then finished and stamped as plainpress's EPUBs are.

    Raises:
        zipfile.BadZipFile: ``epub`` is not an EPUB container.
    """
    from lxml import etree

    from converters.options import build_time
    from converters.writers.epub import _rootfile_path, finish_package

    with zipfile.ZipFile(io.BytesIO(epub)) as archive:
        opf_path = _rootfile_path(archive.read("META-INF/container.xml"))
        opf = archive.read(opf_path)
        documents = _content_documents(opf, opf_path)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for info in archive.infolist():
                data = archive.read(info)
                target.writestr(
                    info.filename, kepubify_document(data) if info.filename in documents else data
                )
    package = etree.fromstring(opf)
    language = package.get("{http://www.w3.org/XML/1998/namespace}lang") or "en"
    return finish_package(
        out.getvalue(), language=language, modified=build_time(), rtl=package.get("dir") == "rtl"
    )


def kepub_path(name: str) -> bool:
    """Whether the file name ``name`` asks for a KEPUB (ends in ``.kepub.epub``, any case)."""
    return name.lower().endswith(".kepub.epub")


class KepubWriter:
    """Write a KEPUB: the EPUB of :class:`~converters.writers.epub.EpubWriter` with Kobo's markup."""

    name: ClassVar[str] = "kepub"
    extension: ClassVar[str] = ".kepub.epub"
    media_type: ClassVar[str] = "application/epub+zip"
    description: ClassVar[str] = (
        "Kobo EPUB (.kepub.epub): the EPUB with koboSpan sentences and book-inner wrappers"
    )

    def render(self, doc: Document, options: WriteOptions) -> bytes:
        """Return the KEPUB as bytes.

        Raises:
            UsageError: the style named in ``options`` does not exist.
        """
        from converters.writers.epub import EpubWriter

        return kepubify(EpubWriter().render(doc, options))
