"""The raster cover of a collection: the generated SVG cover as a 1600 x 2560 px JPEG.

Kindle (Send to Kindle, KDP), Apple Books and Kobo take JPEG or PNG covers
and ignore SVG ones (Calibre reports "No cover found"); Amazon recommends
1600 x 2560 px (1:1.6). :func:`raster_cover` typesets the SVG with WeasyPrint
(the bundled fonts loaded, nothing fetched) into a one-page PDF of that size
and renders the page with PDFium (pypdfium2) at 96 px per inch, then encodes
it with Pillow: baseline JPEG, quality 90, RGB, no metadata, so the same
cover gives the same bytes.
"""

from __future__ import annotations

import base64
import io

#: The cover's size in pixels (width, height): Amazon KDP's recommended 1600 x 2560.
COVER_SIZE = (1600, 2560)
#: JPEG quality (Pillow's 1-95 scale); 90 keeps the title's edges clean at about 100 kB.
JPEG_QUALITY = 90


def _page(svg: bytes) -> str:
    """An HTML page holding only the SVG, full bleed, at :data:`COVER_SIZE` CSS pixels."""
    from lxml import html
    from lxml.html import builder as E

    width, height = COVER_SIZE
    source = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
    page = E.HTML(
        E.HEAD(E.STYLE(f"@page {{ size: {width}px {height}px; margin: 0; }} body {{ margin: 0; }}")),
        E.BODY(E.IMG(src=source, alt="", style=f"display: block; width: {width}px; height: {height}px")),
    )
    return str(html.tostring(page, encoding="unicode"))


def raster_cover(svg: bytes) -> bytes:
    """The cover ``svg`` as a JPEG of :data:`COVER_SIZE` pixels.

    Raises:
        RuntimeError: PDFium could not render the page (a bug: the page is plainpress's own).
    """
    import pypdfium2
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    from converters.fonts import font_dirs, font_face_css
    from converters.writers.pdf import LocalOnlyFetcher

    fonts = FontConfiguration()
    fetcher = LocalOnlyFetcher(font_dirs()).weasyprint_fetcher()
    stylesheet = CSS(string=font_face_css(), font_config=fonts, url_fetcher=fetcher)
    pdf = HTML(string=_page(svg), url_fetcher=fetcher).write_pdf(stylesheets=[stylesheet], font_config=fonts)
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        width_pt = page.get_width()
        image = page.render(scale=COVER_SIZE[0] / width_pt).to_pil().convert("RGB")
    finally:
        document.close()
    if image.size != COVER_SIZE:
        image = image.resize(COVER_SIZE)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()
