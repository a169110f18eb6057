"""``index.html``: the downloads page listing every article and collection of a build."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from converters.batch.config import BuildConfig
from converters.batch.manifest import Artifact

INDEX_NAME = "index.html"


def index_bytes(config: BuildConfig, artifacts: Sequence[Artifact]) -> bytes:
    """The downloads page: a standalone HTML5 page (``templates/index.html.j2``)
    listing every collection and every article with a link per format,
    styled by the build's stylesheet (cut for HTML)."""
    from markupsafe import Markup

    from converters.render import GENERATOR, _safe_css, environment
    from converters.styles import css_for, resolve_style

    articles: dict[str, dict[str, Any]] = {}
    collections = []
    for art in artifacts:
        if art.kind == "collection":
            collections.append(art)
            continue
        row = articles.setdefault(
            art.source or art.path,
            {
                "title": art.title,
                "date": art.date,
                "source": art.source,
                "language": art.language,
                "direction": _direction(art.language),
                "files": [],
            },
        )
        row["files"].append(art)
    books = [{"art": c, "language": c.language, "direction": _direction(c.language)} for c in collections]
    labels = {fmt: _format_label(fmt) for fmt in config.formats}
    for art in artifacts:
        labels.setdefault(art.format, _format_label(art.format))
    css = css_for(resolve_style(config.write.style).path, "html")
    page = (
        environment()
        .get_template("index.html.j2")
        .render(
            title=config.title,
            articles=list(articles.values()),
            collections=books,
            labels=labels,
            media_types={a.format: _media_type(a.format) for a in artifacts},
            generator=GENERATOR,
            css=Markup(_safe_css(css)),
            language=config.read.language or "en",
        )
    )
    return page.encode("utf-8")


def _direction(language: str | None) -> str:
    """``"rtl"`` or ``"ltr"`` for a BCP 47 tag (``"ltr"`` when unknown)."""
    from converters.model import RTL_LANGUAGES

    return "rtl" if language and language.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def _format_label(fmt: str) -> str:
    return {
        "html": "HTML",
        "epub": "EPUB",
        "pdf": "PDF",
        "md": "Markdown",
        "kepub": "Kobo",
        "web": "Web edition",
    }.get(fmt, fmt.upper())


def _media_type(fmt: str) -> str:
    """The media type of ``fmt``'s files; a collection's web edition is linked by its ``index.html``."""
    from converters.writers import get_writer

    return "text/html" if fmt == "web" else get_writer(fmt).media_type
