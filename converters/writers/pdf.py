"""PDF writer (WeasyPrint): the HTML page typeset with the print rules of the style.

- Page size from ``--page-size``: A4 (210 x 297 mm, default), US Letter
  (8.5 x 11 in) or A5 (148 x 210 mm), with margins scaled to the page.
- The text face is Source Serif Pro (SIL Open Font License), shipped as a
  Python dependency (``font-source-serif-pro``) and loaded with
  ``@font-face``; fonts are subset and embedded. Scripts it lacks fall back
  to the system's fonts through fontconfig (Debian: ``fonts-noto-core``,
  ``fonts-noto-cjk``).
- Metadata (title, subtitle as subject, authors, date, language, generator)
  come from the page's ``<title>`` and ``<meta>`` elements; bookmarks come
  from the headings.
- Nothing is fetched: :class:`LocalOnlyFetcher` serves only files inside the
  bundled styles, the user's named style's folder and the font packages.
- ``--pdf-variant`` passes one of WeasyPrint's variants (``pdf/ua-1``,
  ``pdf/a-2b``...) through; ``pdf/ua-*`` implies tagging. The PDF/X variants
  also get a 3 mm bleed, a CMYK output intent and CMYK colours
  (:mod:`converters.pdfx`).
- ``--print PROFILE`` typesets a print-on-demand interior: trim size, bleed,
  KDP's gutter, an even page count (:mod:`converters.printprofiles`).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote, urlparse

from converters.errors import UsageError
from converters.fonts import font_dirs, font_face_css
from converters.metatext import plain
from converters.model import Document
from converters.options import WriteOptions, build_time
from converters.render import render_page
from converters.styles import css_for, resolve_style, styles_dir
from converters.validate import pdf_variants

log = logging.getLogger("plainpress")

#: Page sizes (CSS ``size`` values) and margins (top, sides, bottom), in millimetres.
#: The side margins keep the measure near 70 characters at the styles' print size
#: (Bringhurst, *The Elements of Typographic Style*, 2.1.2: 45-75 characters);
#: the bottom margin holds the folio, the top one the running head.
PAGE_SIZES: dict[str, tuple[str, tuple[int, int, int]]] = {
    "a4": ("A4", (27, 40, 30)),
    "letter": ("letter", (25, 42, 28)),
    "a5": ("A5", (20, 18, 23)),
}


class LocalOnlyFetcher:
    """The fetch policy for WeasyPrint: serve only local files under ``roots``.

    Anything else (``http:``, ``https:``, ``ftp:``, files elsewhere) is refused
    and logged once as a warning, so a stylesheet that names a remote font
    gets a clear message instead of a hang. ``data:`` URLs are served.
    :meth:`weasyprint_fetcher` gives the object WeasyPrint takes as its
    ``url_fetcher`` (WeasyPrint 70 requires a ``URLFetcher`` subclass).
    """

    def __init__(self, roots: tuple[Path, ...]) -> None:
        self.roots = tuple(r.resolve() for r in roots)
        self.refused: list[str] = []

    def allows(self, url: str) -> bool:
        """Whether ``url`` is a ``data:`` URL or a ``file:`` URL of a file under the roots."""
        parsed = urlparse(url)
        if parsed.scheme == "data":
            return True
        if parsed.scheme == "file" and not parsed.netloc:
            path = Path(unquote(parsed.path)).resolve()
            return any(path.is_relative_to(root) for root in self.roots) and path.is_file()
        return False

    def check(self, url: str) -> None:
        """Return if ``url`` may be fetched.

        Raises:
            ValueError: it may not (WeasyPrint catches it and skips the resource);
                the URL is logged as a warning the first time.
        """
        if self.allows(url):
            return
        if url not in self.refused:
            self.refused.append(url)
            log.warning("not fetched (plainpress fetches nothing outside its styles and fonts): %s", url)
        raise ValueError(f"refused to fetch {url}")

    def weasyprint_fetcher(self) -> Any:
        """A ``weasyprint.urls.URLFetcher`` that applies this policy before every fetch."""
        return _policy_fetcher_class()(self)


@lru_cache(maxsize=1)
def _policy_fetcher_class() -> type[Any]:
    """The ``URLFetcher`` subclass, defined on first use so WeasyPrint loads lazily."""
    from weasyprint.urls import URLFetcher

    class PolicyFetcher(URLFetcher):  # type: ignore[misc]
        def __init__(self, policy: LocalOnlyFetcher) -> None:
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
            self.policy = policy

        def fetch(self, url: str, headers: Any = None) -> Any:
            self.policy.check(url)
            return super().fetch(url, headers)

    return PolicyFetcher


class PdfWriter:
    """Write a typeset PDF with WeasyPrint.

    One instance per process keeps WeasyPrint's font configuration and the
    parsed stylesheets across documents.
    """

    name: ClassVar[str] = "pdf"
    extension: ClassVar[str] = ".pdf"
    media_type: ClassVar[str] = "application/pdf"
    description: ClassVar[str] = "typeset PDF (WeasyPrint): A4, Letter or A5, embedded fonts, bookmarks"

    def __init__(self) -> None:
        self._font_config: Any = None
        self._stylesheets: dict[tuple[Path, str], Any] = {}
        self._pdfx: tuple[Any, dict[str, Any]] | None = None
        self._profiles: dict[str, Any] = {}

    def _pdfx_css(self) -> tuple[Any, dict[str, Any]]:
        """The PDF/X stylesheet (3 mm bleed, the CMYK ``@color-profile``) and the profiles it declares.

        Raises:
            UsageError: no CMYK profile is installed.
        """
        if self._pdfx is None:
            from weasyprint import CSS

            from converters import pdfx

            profile = pdfx.cmyk_profile_path()
            profiles: dict[str, Any] = {}
            css = CSS(
                string="@page { bleed: 3mm; }\n" + pdfx.color_profile_css(profile),
                font_config=self._font_config,
                color_profiles=profiles,
                url_fetcher=LocalOnlyFetcher((profile.parent,)).weasyprint_fetcher(),
            )
            self._pdfx = (css, profiles)
        return self._pdfx

    def _page_css(self, style_path: Path, page_size: str) -> Any:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        if self._font_config is None:
            self._font_config = FontConfiguration()
        key = (style_path, page_size)
        if key not in self._stylesheets:
            size, (top, side, bottom) = PAGE_SIZES[page_size]
            css = (
                font_face_css()
                + "\n"
                + f"@page {{ size: {size}; margin: {top}mm {side}mm {bottom}mm; }}\n"
                + _NO_HYPHENS
            )
            self._stylesheets[key] = CSS(
                string=css, font_config=self._font_config, url_fetcher=self._fetcher(style_path)
            )
        return self._stylesheets[key]

    @staticmethod
    def _fetcher(style_path: Path) -> Any:
        return LocalOnlyFetcher((styles_dir(), style_path.parent, *font_dirs())).weasyprint_fetcher()

    def prepare(self, options: WriteOptions) -> None:
        """Pay now the set-up a first :meth:`render` would pay (importing WeasyPrint,
        loading fonts, parsing the page stylesheet), e.g. in a worker process while
        the source is still being read. Errors are left for :meth:`render` to report."""
        import contextlib

        with contextlib.suppress(Exception):
            self._page_css(resolve_style(options.style).path, options.page_size)

    def render(self, doc: Document, options: WriteOptions) -> bytes:
        """Return the PDF as bytes.

        Raises:
            UsageError: unknown style, page size or PDF variant.
        """
        style = resolve_style(options.style)
        pdf, missing = self.typeset(render_page(doc, css_for(style.path, "pdf")), options)
        if missing:
            warn_missing_glyphs(doc, missing)
        return pdf

    def typeset(self, html_text: str, options: WriteOptions) -> tuple[bytes, set[int]]:
        """Typeset the HTML page ``html_text`` (the style's print rules embedded) as a PDF.

        Returns the PDF and the code points no installed font has.

        Raises:
            UsageError: unknown style, page size or PDF variant.
        """
        from weasyprint import HTML

        if options.page_size not in PAGE_SIZES:
            raise UsageError(None, f"unknown page size {options.page_size!r} (a4, letter, a5)")
        variant = options.pdf_variant
        if variant is not None and variant not in pdf_variants():
            raise UsageError(
                None, f"unknown PDF variant {variant!r} (available: {', '.join(pdf_variants())})"
            )
        from converters import pdfx

        style = resolve_style(options.style)
        stylesheets = [self._page_css(style.path, options.page_size)]
        profiles: dict[str, Any] = {}
        if pdfx.is_pdfx(variant):
            pdfx_css, profiles = self._pdfx_css()
            stylesheets.append(pdfx_css)
        html = HTML(
            string=html_text,
            base_url=style.path.parent.as_uri() + "/",
            url_fetcher=self._fetcher(style.path),
            media_type="print",
        )
        from converters import printprofiles

        # A print profile's inside margin follows the page count: typeset again
        # when the count moves it to another row of KDP's table.
        gutter = printprofiles.gutter(0) if options.print_profile else None
        # The variant goes to the layout too: WeasyPrint sets its defaults
        # (tagging for pdf/ua-* and pdf/a-*a) before laying out the boxes.
        with record_missing_glyphs() as missing:
            for _ in range(3):
                profile_css = (
                    [self._profile_css(options.print_profile, gutter)] if options.print_profile else []
                )
                document = html.render(
                    stylesheets=stylesheets + profile_css,
                    font_config=self._font_config,
                    color_profiles=dict(profiles),
                    pdf_variant=variant,
                )
                if gutter is None or printprofiles.gutter(len(document.pages)) == gutter:
                    break
                gutter = printprofiles.gutter(len(document.pages))
            _plain_bookmarks(document)
            document.metadata.modified = build_time().strftime("%Y-%m-%dT%H:%M:%SZ")
            if pdfx.is_pdfx(variant) and not document.metadata.created:
                # WeasyPrint's PDF/X step would stamp the current time (README "Reproducible builds").
                document.metadata.created = document.metadata.modified
            identifier = hashlib.md5(html_text.encode("utf-8"), usedforsecurity=False).hexdigest().encode()
            pdf: bytes = document.write_pdf(
                pdf_variant=variant,
                pdf_identifier=identifier,
                pdf_tags=None,  # None: the variant decides (tagged for pdf/ua-*, pdf/a-*a), else untagged
            )
        if options.print_profile:
            pdf = printprofiles.finish(pdf)
        if variant is not None and pdfx.is_pdfx(variant):
            pdf = pdfx.to_cmyk(pdf, pdfx.cmyk_profile_path(), variant)
        return pdf, missing

    def _profile_css(self, name: str, gutter: float | None) -> Any:
        """The page rules of print profile ``name`` with a ``gutter`` in inches (after the
        variant's, so its 0.125 in bleed wins over PDF/X's 3 mm)."""
        from weasyprint import CSS

        from converters import printprofiles

        key = f"{name}:{gutter}"
        if key not in self._profiles:
            css = printprofiles.page_css(name, gutter or printprofiles.gutter(0))
            self._profiles[key] = CSS(string=css, font_config=self._font_config)
        return self._profiles[key]


#: Whatever the style says: URLs and machine strings (converters/literals.py) break at
#: the line end without a hyphen, which would be copied with the text.
_NO_HYPHENS = ".url, .literal { hyphens: none !important; overflow-wrap: anywhere; }\n"


def _plain_bookmarks(document: Any) -> None:
    """Drop soft hyphens and zero-width spaces from the bookmark labels WeasyPrint took
    from the headings' text (``Page.bookmarks``: ``(level, label, position, state)``),
    so the outline can be searched; the headings themselves keep them."""
    for page in document.pages:
        page.bookmarks = [(level, plain(label), *rest) for level, label, *rest in page.bookmarks]


#: How many missing characters a warning names before it says "and N more".
_MAX_NAMED_GLYPHS = 10


@contextmanager
def record_missing_glyphs() -> Iterator[set[int]]:
    """Collect the code points WeasyPrint draws as ``.notdef`` (no installed font has them).

    WeasyPrint logs each one as a warning on the ``weasyprint`` logger while it
    draws; the CLI keeps that logger at ERROR, so the level is lowered for the
    duration and a filter takes those records (and drops the other warnings,
    which stay as quiet as before). Yields the set it fills.
    """
    wlog = logging.getLogger("weasyprint")
    missing: set[int] = set()
    level, threshold = wlog.level, wlog.getEffectiveLevel()

    def keep(record: logging.LogRecord) -> bool:
        args = record.args
        notdef = str(record.msg).startswith(".notdef glyph")
        if notdef and isinstance(args, tuple) and args and isinstance(args[-1], int):
            missing.add(args[-1])
            return False
        return record.levelno >= threshold

    wlog.addFilter(keep)
    wlog.setLevel(min(threshold, logging.WARNING))
    try:
        yield missing
    finally:
        wlog.removeFilter(keep)
        wlog.setLevel(level)


def warn_missing_glyphs(doc: Document, missing: set[int]) -> None:
    """Log ``FILE: no glyph for U+XXXX (NAME), ...`` on the ``plainpress`` logger."""
    import unicodedata

    name = doc.source.path if doc.source is not None else (doc.title or "document")
    codes = sorted(missing)
    named = ", ".join(
        f"U+{cp:04X} ({unicodedata.name(chr(cp), 'unnamed')})" for cp in codes[:_MAX_NAMED_GLYPHS]
    )
    more = f" and {len(codes) - _MAX_NAMED_GLYPHS} more" if len(codes) > _MAX_NAMED_GLYPHS else ""
    log.warning(
        "%s: no glyph for %s%s in any installed font; the PDF shows a box for each "
        "(install a font that covers them, e.g. a Noto package)",
        name,
        named,
        more,
    )
