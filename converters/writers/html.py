"""HTML writer: one standalone HTML5 page with the stylesheet embedded.

The page is the shared article template (``templates/page.html.j2``) with
landmarks (``main``, ``article``, ``header``, ``aside``), ``lang``/``dir``,
description and Open Graph metadata (https://ogp.me/). It passes the Nu HTML
Checker.

Fonts: unless ``html_fonts`` is off, the bundled faces the style names
(Source Serif Pro, Source Sans Pro) are embedded in the page's stylesheet as
WOFF2 ``data:`` URLs subset to the page's characters, with
``font-display: swap`` (:func:`converters.fonts.html_font_css`), so the page
looks like the PDF and the EPUB on a machine without those fonts.
"""

from __future__ import annotations

from typing import ClassVar

from converters.model import Document
from converters.options import WriteOptions
from converters.render import render_page
from converters.styles import css_for, resolve_style


class HtmlWriter:
    """Write a standalone HTML5 document (UTF-8)."""

    name: ClassVar[str] = "html"
    extension: ClassVar[str] = ".html"
    media_type: ClassVar[str] = "text/html"
    description: ClassVar[str] = "standalone HTML5 page, stylesheet embedded"

    def render(self, doc: Document, options: WriteOptions) -> bytes:
        """Return the page as UTF-8 bytes.

        Raises:
            UsageError: the style named in ``options`` does not exist.
        """
        style = resolve_style(options.style)
        css = css_for(style.path, "html")
        page = render_page(doc, css)
        if options.html_fonts:
            from converters.fonts import html_font_css

            font_css = html_font_css(css, [page])
            if font_css:
                page = render_page(doc, font_css + "\n\n" + css)
        return page.encode("utf-8")
