"""The web edition of a collection: a folder of HTML pages (``collection -t web -o DIR``).

- ``index.html``: the cover, the title page (title, authors, description,
  number of articles) and the book's contents;
- one page per article, named after the EPUB's file stem
  (``the-dock-strike.html``), with the book's title linking home, previous
  and next links (``<a rel="prev">``, ``rel="next"``, and ``<link>`` in the
  head), and the book's contents with the current page marked
  (``aria-current="page"``);
- ``style/plainpress.css``: the style, cut for HTML, once for every page,
  with :data:`WEB_CSS` for the book's header, pager and contents; the
  bundled faces the style asks for (``--plainpress-epub-embed-fonts: yes``)
  in ``fonts/``, subset to the book's characters, as in the EPUB;
- ``images/``: the cover (a given image, or the generated 1600 x 2560 JPEG).

Every link is relative and percent-encoded, so the folder works opened from
the file system and served by any web server; there is no script. Related
links that name another article of the book link to its page, as in the EPUB.
The pages pass the Nu HTML Checker (tested).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from converters.collection import CollectionSpec, link_resolver, plan_book
from converters.model import Document, RelatedLink, iter_text
from converters.options import WriteOptions
from converters.output import ensure_dir, url_for_path, write_atomic

#: The book's own rules, after the style's: header, pager, contents and cover.
WEB_CSS = """
.book-header, .pager, .book-contents { max-width: 40em; margin: 1em auto; padding: 0 1em; }
.book-header .book-title { margin: 0; font-size: 0.95em; }
.pager { display: flex; justify-content: space-between; gap: 1em; }
.pager-next { margin-left: auto; text-align: right; }
.book-contents ol { padding-left: 1.4em; }
.book-contents [aria-current="page"] { font-weight: bold; }
.titlepage { max-width: 40em; margin: 0 auto; padding: 0 1em; text-align: center; }
.book-cover img { display: block; max-width: min(100%, 16em); height: auto; margin: 1em auto; }
"""


def _page_name(file_name: str) -> str:
    return PurePosixPath(file_name).stem + ".html"


def _cover(spec: CollectionSpec, style_path: Path) -> tuple[str, bytes, tuple[int, int]]:
    """The cover's path in the folder, its bytes and its size in pixels (1600 x 2560 for SVG)."""
    from PIL import Image, UnidentifiedImageError

    from converters.collection import _read_cover, cover_svg
    from converters.cover import COVER_SIZE, raster_cover

    if spec.cover is None:
        return "images/cover.jpg", raster_cover(cover_svg(spec.title, spec.authors, style_path)), COVER_SIZE
    name, data = _read_cover(spec.cover)
    try:
        with Image.open(io.BytesIO(data)) as image:
            return name, data, image.size
    except (OSError, UnidentifiedImageError):  # SVG: drawn at the generated cover's size
        return name, data, COVER_SIZE


def render_web_edition(
    docs: Sequence[Document], spec: CollectionSpec, options: WriteOptions | None = None
) -> dict[str, bytes]:
    """The web edition's files: ``{path inside the folder: bytes}``.

    Raises:
        UsageError: no documents, an unknown order or style, a cover of a type
            the web edition cannot show.
        InputError: the cover image cannot be read.
    """
    from markupsafe import Markup

    from converters.render import GENERATOR, context, environment, labels
    from converters.styles import css_for
    from converters.writers.epub import embedded_fonts

    options, style_path, ordered, entries, language = plan_book(docs, spec, options)
    pages = {entry.file_name: _page_name(entry.file_name) for entry in entries}
    texts = [spec.title, *spec.authors, spec.description or "", *(e.label for e in entries)]
    texts += [t for e in entries for t in iter_text(e.doc)]
    fonts, font_css = embedded_fonts(style_path, texts)
    files: dict[str, bytes] = {f.file_name: f.content for f in fonts}
    css = "\n\n".join(part for part in (font_css, css_for(style_path, "html"), WEB_CSS) if part)
    files["style/plainpress.css"] = css.encode("utf-8")
    cover_name, cover_data, cover_size = _cover(spec, style_path)
    files[cover_name] = cover_data

    contents_label, skip_label = (
        labels(ordered[0]) if ordered[0].language == language else ("Contents", "Skip")
    )
    common: dict[str, Any] = {
        "title": spec.title,
        "authors": spec.authors,
        "language": language,
        "direction": "rtl" if language == ordered[0].language and ordered[0].direction == "rtl" else "ltr",
        "generator": GENERATOR,
        "contents_label": contents_label,
        "skip_label": skip_label,
        "pager_label": "Pages",
    }

    def toc(current: str | None) -> list[dict[str, Any]]:
        return [
            {
                "href": url_for_path(pages[e.file_name]),
                "label": e.label,
                "current": pages[e.file_name] == current,
                "lang": e.doc.language if e.doc.language != language else None,
                "dir": e.doc.direction,
            }
            for e in entries
        ]

    template = environment().get_template("web-page.html.j2")
    hrefs = [{"href": "index.html", "label": spec.title}]
    hrefs += [{"href": url_for_path(pages[e.file_name]), "label": e.label} for e in entries]
    files["index.html"] = template.render(
        common,
        article=None,
        description=spec.description,
        cover=url_for_path(cover_name),
        cover_alt=f"Cover: {spec.title}",
        cover_size=cover_size,
        skip_target="book-contents-heading",
        previous=None,
        next=hrefs[1],
        entries=toc(None),
    ).encode("utf-8")
    for number, entry in enumerate(entries, 1):
        to_file = link_resolver(entries, entry)

        def link_for(link: RelatedLink, to_file: Any = to_file) -> str | None:
            target = to_file(link)
            return url_for_path(pages[target]) if target in pages else target

        other = entry.doc.language.split("-")[0] != language.split("-")[0]
        page = context(entry.doc, prefix=entry.prefix, link_for=link_for, article_lang=other)
        files[pages[entry.file_name]] = template.render(
            common,
            article=Markup(environment().get_template("article.html.j2").render(page)),
            page_title=page["page_title"],
            description=page["description"],
            skip_target=f"{entry.prefix}article",
            previous=hrefs[number - 1],
            next=hrefs[number + 1] if number + 1 < len(hrefs) else None,
            entries=toc(pages[entry.file_name]),
        ).encode("utf-8")
    return files


def write_web_edition(
    docs: Sequence[Document], spec: CollectionSpec, folder: Path, options: WriteOptions | None = None
) -> int:
    """Render the web edition and write its files into ``folder`` (created if missing),
    each atomically; return the number of files. Files already in the folder
    that the edition does not name are left alone.

    Raises:
        UsageError, InputError: as :func:`render_web_edition`.
        OutputError: a file or folder cannot be written.
    """
    files = render_web_edition(docs, spec, options)
    for relative, data in files.items():
        path = folder / relative
        ensure_dir(path.parent)
        write_atomic(path, data)
    return len(files)
