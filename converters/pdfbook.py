"""The PDF book of a collection: one typeset book from many articles (WeasyPrint).

``plainpress collection ... -o book.pdf`` writes it. The book is one HTML
document (``templates/book.html.j2``), typeset by the PDF writer
(:meth:`converters.writers.pdf.PdfWriter.typeset`) with the style's print
rules, the ``--page-size`` and ``--pdf-variant``, and :data:`BOOK_CSS`:

- a half-title page (the title alone), then the title page (title, authors,
  description, number of articles), neither with running head nor folio;
- the contents, on a right-hand page: every article with its page number
  (``target-counter``), each entry a live link;
- each article from a new right-hand page (``break-before: right``), its ids
  prefixed as in the EPUB (:func:`converters.collection.plan_entries`), so ids
  are unique in the book;
- running heads: the book's title on left-hand (verso) pages, the article's
  title on right-hand (recto) pages, none on the page where an article starts
  (``first-except``); folios run on through the book; the blank pages
  before a right-hand start carry nothing;
- PDF bookmarks: the contents, each article (level 1) and its sections
  (level 2 and below); the half-title and title page have none;
- related links that name another article of the book become internal
  links to it, as in the EPUB (:func:`converters.collection.link_resolver`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from converters.collection import CollectionSpec, link_resolver, plan_book
from converters.model import Document, RelatedLink
from converters.options import WriteOptions

#: The book's page layout, in the page after the style's rules: author rules, as the
#: style's (WeasyPrint's ``stylesheets`` are user rules, which lose to the page's), and
#: ``:left``/``:right`` page rules win over the style's plain ``@page`` ones.
BOOK_CSS = """
@page :left { @top-center { content: string(book-title); } }
@page :right { @top-center { content: string(running-title, first-except); } }
@page :blank { @top-center { content: none; } @bottom-center { content: none; } }
.book-title { string-set: book-title content(text); }
.half-title, .titlepage { page: cover; break-after: page; }
.half-title .book-title { margin-top: 30%; text-align: center; font-size: 1.6em; }
.half-title *, .titlepage * { bookmark-level: none; }
.book-contents { display: block; break-before: right; break-after: page; }
.book-contents h2 { bookmark-level: 1; }
.book-contents ol { list-style: none; padding: 0; }
.book-contents li { margin: 0.4em 0; }
.book-contents a::after { content: leader(".") target-counter(attr(href url), page); }
.article { break-before: right; }
.article .title { bookmark-level: 1; }
"""


def render_pdf_book(
    docs: Sequence[Document], spec: CollectionSpec, options: WriteOptions | None = None
) -> bytes:
    """Return the PDF book of ``docs`` (see the module docstring).

    Raises:
        UsageError: no documents, an unknown order, style, page size or PDF variant.
    """
    from markupsafe import Markup

    from converters.presentation import join_names
    from converters.render import GENERATOR, _safe_css, context, environment, labels
    from converters.styles import css_for
    from converters.writers import get_writer
    from converters.writers.pdf import PdfWriter, warn_missing_glyphs

    options, style_path, ordered, entries, language = plan_book(docs, spec, options)
    anchors = {entry.file_name: f"#{entry.prefix}article" for entry in entries}
    env = environment()
    articles = []
    for entry in entries:
        to_file = link_resolver(entries, entry)

        def link_for(link: RelatedLink, to_file: Any = to_file) -> str | None:
            target = to_file(link)
            return anchors.get(target, target) if target is not None else None

        other = entry.doc.language.split("-")[0] != language.split("-")[0]
        page = context(entry.doc, prefix=entry.prefix, link_for=link_for, article_lang=other)
        articles.append(Markup(env.get_template("article.html.j2").render(page)))
    toc = [
        (
            e.label,
            anchors[e.file_name],
            e.doc.language if e.doc.language != language else None,
            e.doc.direction,
        )
        for e in entries
    ]
    html_text = env.get_template("book.html.j2").render(
        title=spec.title,
        authors=spec.authors,
        description=spec.description,
        count=len(entries),
        language=language,
        direction="rtl" if ordered[0].direction == "rtl" and language == ordered[0].language else "ltr",
        entries=toc,
        articles=articles,
        contents_label=labels(ordered[0])[0] if language == ordered[0].language else "Contents",
        css=Markup(_safe_css(css_for(style_path, "pdf"))),
        book_css=Markup(_safe_css(BOOK_CSS)),
        generator=GENERATOR,
    )
    writer = get_writer("pdf")
    assert isinstance(writer, PdfWriter)
    pdf, missing = writer.typeset(html_text, options)
    if missing:
        warn_missing_glyphs(Document(title=spec.title or join_names(spec.authors)), missing)
    return pdf
