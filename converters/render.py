"""HTML rendering shared by the HTML, EPUB and PDF writers (Jinja2, autoescaped).

One set of templates in ``converters/templates`` renders the article; the
HTML page, the EPUB content document and the PDF all come from it, so the
three share one structure and one stylesheet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import jinja2
from markupsafe import Markup, escape

from converters import __version__, presentation
from converters.metatext import plain
from converters.model import Document, Heading, RelatedLink
from converters.output import NameAllocator, url_for_path
from converters.spaces import collapse_breaking

GENERATOR = f"plainpress {__version__}"

_LIST_TYPES = {"a": "a", "A": "A", "i": "i", "I": "I"}


def _slugid(label: object) -> str:
    """Turn a note label into an id-safe token (``"1"`` stays ``"1"``, ``"a b"`` gives ``"a-b"``)."""
    return re.sub(r"[^\w-]+", "-", str(label)).strip("-") or "x"


def _list_type(marker: str) -> str:
    """The HTML ``type`` attribute for an ordered list marker (``"(a)"`` gives ``"a"``)."""
    letter = marker.strip("().")
    if len(letter) == 1 and letter in _LIST_TYPES:
        return _LIST_TYPES[letter]
    if letter.lower() in {"ii", "iii", "iv", "v", "x"}:
        return "I" if letter.isupper() else "i"
    return ""


def _url_runs(value: str) -> list[tuple[bool, str]]:
    """Split text into ``(is_url, text)`` runs, so URLs can be marked ``class="url"``.

    URLs are found by :func:`converters.linkify.find_urls` (GitHub's rules:
    balanced parentheses, sentence punctuation left out). The styles give
    ``.url`` ``overflow-wrap: anywhere`` and no hyphenation: a long address
    breaks at any character and never gains a hyphen that is not part of it.
    """
    from converters.linkify import find_urls
    from converters.literals import runs_from_spans

    return runs_from_spans(value, find_urls(value))


def _marked_runs(value: str) -> list[tuple[str, str]]:
    """Split text into ``(class, text)`` runs: ``"url"`` for URLs (:func:`_url_runs`),
    ``"literal"`` for strings that are not words (:func:`converters.literals.literal_runs`:
    hashes, identifiers, numbers, never hyphenated), ``""`` for the rest."""
    from converters.literals import literal_runs

    runs: list[tuple[str, str]] = []
    for is_url, part in _url_runs(value):
        if is_url:
            runs.append(("url", part))
        else:
            runs.extend(("literal" if literal else "", bit) for literal, bit in literal_runs(part))
    return runs


#: The start of a URL kept whole: the scheme, ``://``, the host and the first ``/``
#: (so a line never ends in ``http://``); or ``www.`` and the host.
_URL_HEAD = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)[^/?#&]*/?", re.IGNORECASE)

#: Where the rest of a URL may break: after a ``/`` (not inside ``//``), and before
#: ``?``, ``&`` and ``#``, so the next line starts with the query or fragment mark.
_URL_BREAK = re.compile(r"(?<=/)(?=[^/])|(?=[?&#])")

#: URL pieces up to this many characters get ``class="url-part"``, which the
#: styles keep on one line in print; longer ones may break anywhere.
URL_PART_MAX = 30


#: Where a piece longer than :data:`URL_PART_MAX` may break too: before ``-``, ``_``,
#: ``.``, ``~``, ``%``, ``=`` or ``,`` (so a line never ends in a hyphen that reads as
#: hyphenation; The Chicago Manual of Style, 6.76).
_URL_LONG_BREAK = re.compile(r"(?<=.)(?=[-_.~%=,])")


def url_pieces(url: str) -> list[str]:
    """``url`` cut where a line may break: ``"https://example.org/a/b?x=1&y=2"`` gives
    ``["https://example.org/", "a/", "b", "?x=1", "&y=2"]``; a piece longer than
    :data:`URL_PART_MAX` is cut again at :data:`_URL_LONG_BREAK`."""
    head = _URL_HEAD.match(url)
    start = head.end() if head else 0
    pieces = [url[:start]] if start else []
    for piece in _URL_BREAK.split(url[start:]):
        pieces += _URL_LONG_BREAK.split(piece) if len(piece) > URL_PART_MAX else [piece]
    return [piece for piece in pieces if piece]


def url_html(url: str, void_close: str = "") -> Markup:
    """A URL as ``<span class="url">``: its :func:`url_pieces` joined by ``<wbr>`` (a break
    opportunity that adds no character: copied text stays the URL), each piece of up to
    :data:`URL_PART_MAX` characters in a ``<span class="url-part">``. ``void_close``
    is ``"/"`` in XHTML (``<wbr/>``)."""
    wbr = Markup(f"<wbr{void_close}>")
    parts = [
        Markup('<span class="url-part">{}</span>').format(piece)
        if len(piece) <= URL_PART_MAX
        else escape(piece)
        for piece in url_pieces(url)
    ]
    return Markup('<span class="url">') + wbr.join(parts) + Markup("</span>")


def dir_attr(text: str, base: str) -> Markup:
    """`` dir="rtl"`` or `` dir="ltr"`` for a block whose strong characters mostly run
    against the document's direction ``base`` (an Arabic paragraph in an English
    article), else nothing: the block then keeps its direction in every reader."""
    rtl = sum(1 for ch in text if unicodedata.bidirectional(ch) in ("R", "AL"))
    ltr = sum(1 for ch in text if unicodedata.bidirectional(ch) == "L")
    own = "rtl" if rtl > ltr else "ltr" if ltr > rtl else base
    return Markup(f' dir="{own}"') if own != base else Markup("")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The shared Jinja2 environment (built once per process; autoescape on)."""
    from converters.cache import cache_subdir

    # Compiled templates are kept in the cache folder (keyed by each template's
    # checksum), saving ~0.1 s of compiling on every run.
    folder = cache_subdir("jinja")
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("converters", "templates"),
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(folder)) if folder is not None else None,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["slugid"] = _slugid
    env.filters["list_type"] = _list_type
    env.filters["marked_runs"] = _marked_runs
    env.filters["url_html"] = url_html
    env.filters["join_names"] = presentation.join_names
    env.filters["dir_attr"] = dir_attr
    env.filters["url_path"] = url_for_path
    env.filters["credit"] = presentation.credit
    env.filters["plain"] = plain
    return env


def related_label(doc: Document) -> str:
    """The heading of the related list: the label as written, without its colon."""
    label = str(doc.metadata.get("related_label") or "Related articles")
    return label.rstrip().rstrip(":").rstrip() or "Related articles"


def page_title(doc: Document) -> str:
    """The ``<title>``: the title, else the source file's stem, else ``"Untitled"``; without
    soft hyphens and zero-width spaces (:func:`converters.metatext.plain`), since every
    metadata and navigation label comes from it."""
    if doc.title and plain(doc.title).strip():
        return plain(doc.title)
    if doc.source is not None:
        from pathlib import PurePath

        from converters.readers.normalize import normalize

        # A file name may hold control characters, which XML forbids (an EPUB of
        # "a\x01b.txt" was an internal error): they are dropped like the text's.
        stem = " ".join(plain(normalize(PurePath(doc.source.path).stem)).split())
        return stem or "Untitled"
    return "Untitled"


def description(doc: Document) -> str:
    """A one-line description for ``<meta name="description">``: the subtitle, else the
    first paragraph cut at about 200 characters on a word boundary."""
    if doc.subtitle:
        return plain(doc.subtitle)
    for block in doc.blocks:
        text = getattr(block, "text", None)
        if isinstance(text, str) and text.strip():
            text = collapse_breaking(plain(text))
            if len(text) > 200:
                text = text[:200].rsplit(" ", 1)[0] + "\u2026"
            return text
    return ""


#: The standalone page lists the sections in a ``<nav>`` when the article has
#: at least this many top-level headings.
CONTENTS_MIN_SECTIONS = 3

#: Labels of the in-page contents and the skip link, by primary language
#: subtag; English for languages not listed.
_LABELS: dict[str, tuple[str, str]] = {
    "en": ("Contents", "Skip to the text"),
    "de": ("Inhalt", "Zum Text springen"),
    "fr": ("Sommaire", "Aller au texte"),
    "es": ("Índice", "Saltar al texto"),
    "it": ("Indice", "Vai al testo"),
    "pt": ("Sumário", "Saltar para o texto"),
    "nl": ("Inhoud", "Naar de tekst"),
    "ar": ("المحتويات", "انتقل إلى النص"),
    "he": ("תוכן העניינים", "דלג לטקסט"),
}


def labels(doc: Document) -> tuple[str, str]:
    """The (contents heading, skip link) labels in the document's language."""
    return _LABELS.get(doc.language.split("-")[0].lower(), _LABELS["en"])


def heading_ids(doc: Document, prefix: str = "") -> dict[int, str]:
    """Ids for the top-level headings: ``{index in doc.blocks: "section-N"}`` (N from 1)."""
    indexes = [i for i, block in enumerate(doc.blocks) if isinstance(block, Heading)]
    return {index: f"{prefix}section-{n}" for n, index in enumerate(indexes, 1)}


def sections(doc: Document, prefix: str = "") -> list[tuple[str, Heading]]:
    """The top-level level-2 headings with their ids, for the in-page contents."""
    ids = heading_ids(doc, prefix)
    return [
        (ids[i], block)
        for i, block in enumerate(doc.blocks)
        if isinstance(block, Heading) and block.level == 2
    ]


def default_link_for(link: RelatedLink) -> str | None:
    return link.url


def context(
    doc: Document,
    *,
    epub: bool = False,
    prefix: str = "",
    link_for: Callable[[RelatedLink], str | None] = default_link_for,
    article_lang: bool = False,
    contents: bool = False,
) -> dict[str, Any]:
    """The template context for one article.

    ``prefix`` is prepended to every id (unique ids across an anthology);
    ``link_for`` maps a related link to an ``href`` or ``None`` (collections
    use it for internal cross-links); ``article_lang`` puts ``lang``/``dir`` on
    the ``<article>`` itself (when the page around it has another language);
    ``contents`` lists the sections in a ``<nav>`` after the article header
    when there are at least :data:`CONTENTS_MIN_SECTIONS` of them. The text
    shown gets the language's typographic quotes
    (:func:`converters.typography.smarten`); metadata (``<title>``,
    description, Open Graph, hence the PDF's document information) keeps the
    text as written, as the EPUB package and Markdown front matter do, so a
    search for the title as typed finds it.
    """
    from converters.typography import smarten

    written = doc
    doc = smarten(doc)
    toc = sections(doc, prefix)
    contents_label, skip_label = labels(doc)
    text_blocks, trailing_notes = presentation.split_trailing_notes(doc.blocks)
    return {
        "header": presentation.header(doc),
        "letter": presentation.letter(doc),
        "fields": presentation.fields(doc),
        "text_blocks": text_blocks,
        "trailing_notes": trailing_notes,
        "heading_ids": heading_ids(doc, prefix),
        "sections": toc if contents and len(toc) >= CONTENTS_MIN_SECTIONS else [],
        "contents_label": contents_label,
        "skip_label": skip_label,
        "doc": doc,
        "epub": epub,
        "prefix": prefix,
        "void_close": "/" if epub else "",
        "related_label": related_label(doc),
        "link_for": link_for,
        "article_lang": article_lang,
        "page_title": page_title(written),
        "running_head": presentation.running_head(doc),
        "description": description(written),
        "generator": GENERATOR,
        # Ids that may repeat in the text (a note cited twice, two notes with one
        # label) take the first free "ID", "ID-2"... so every id is unique.
        "unique_id": NameAllocator().claim,
    }


def render_page(doc: Document, css: str) -> str:
    """Render a standalone HTML5 page with ``css`` embedded in a ``<style>`` element.

    The page gets the in-page contents (and a skip link past it) when the
    article has enough sections; see :func:`context`.
    """
    return (
        environment()
        .get_template("page.html.j2")
        .render(context(doc, contents=True), css=Markup(_safe_css(css)))
    )


def render_xhtml_body(doc: Document, **kwargs: Any) -> str:
    """Render the article as a body fragment for an EPUB content document."""
    return environment().get_template("article.xhtml.j2").render(context(doc, epub=True, **kwargs))


def _safe_css(css: str) -> str:
    """CSS for a ``<style>`` element: the only sequence that can break out of raw
    text is ``</style``; escape its ``<`` as the CSS escape ``\\3c `` (CSS Syntax 4.3.7)."""
    return re.sub(r"<(/style)", r"\\3c \1", css, flags=re.IGNORECASE)
