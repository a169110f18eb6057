"""Stylesheets: finding them, listing them, and cutting them per target.

A *style* is one CSS file in ``styles/`` (``default.css``, ``modern.css``...)
covering screen, print (``@media print`` and ``@page`` rules for the PDF) and
EPUB. Its first comment names it: ``/* plainpress style: NAME - one-line
description */``.

Styles are found in the installed package (``converters/_styles``, where the
wheel puts the top-level ``styles/`` folder) or, from a checkout, in
``styles/`` beside ``converters/``.

EPUB reading systems reject ``@page`` margin boxes and EPUBCheck warns on
them, so :func:`css_for` removes ``@page`` rules and ``@media print`` blocks
for the ``"epub"`` target, using tinycss2 (the CSS parser WeasyPrint uses)
rather than text surgery.

A style asks the EPUB writer to embed the bundled text face with the custom
property ``--plainpress-epub-embed-fonts: yes`` in any rule (by convention
``:root``); see :func:`embeds_fonts_in_epub`. Declarations whose name starts
with ``--plainpress-`` are directives to plainpress and are removed from every
cut of the stylesheet.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from converters.errors import UsageError

log = logging.getLogger("plainpress")

Target = Literal["html", "epub", "pdf"]

_PACKAGE_DIR = Path(__file__).resolve().parent
_HEADER = re.compile(r"/\*\s*plainpress style:\s*(?P<name>[\w-]+)\s*[-\u2013\u2014]\s*(?P<desc>[^*]*?)\s*\*/")


@dataclass(frozen=True)
class Style:
    """A resolved stylesheet: its ``name``, file ``path`` and a one-line ``description``."""

    name: str
    path: Path
    description: str

    @property
    def css(self) -> str:
        """The stylesheet's full text (UTF-8)."""
        return _read(self.path)


def styles_dir() -> Path:
    """Return the folder holding the bundled styles.

    Raises:
        FileNotFoundError: neither the installed nor the checkout folder exists
            (a broken installation).
    """
    for candidate in (_PACKAGE_DIR / "_styles", _PACKAGE_DIR.parent / "styles"):
        if (candidate / "default.css").is_file():
            return candidate
    raise FileNotFoundError("plainpress styles folder not found (broken installation)")


@lru_cache(maxsize=64)
def _read(path: Path) -> str:
    """The stylesheet's text.

    Raises:
        UsageError: it cannot be read or is not UTF-8 text (``--style /bin/ls``
            was a raw traceback).
    """
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(path, "is not a CSS stylesheet (not UTF-8 text)") from exc
    except OSError as exc:
        raise UsageError(path, f"cannot read the style: {exc.strerror or exc}") from exc


def _describe(path: Path) -> Style:
    match = _HEADER.search(_read(path)[:400])
    if match:
        return Style(match["name"], path, match["desc"])
    return Style(path.stem, path, "")


def list_styles() -> list[Style]:
    """Return the bundled styles sorted by name (``default`` first)."""
    styles = [_describe(p) for p in sorted(styles_dir().glob("*.css"))]
    return sorted(styles, key=lambda s: (s.name != "default", s.name))


def resolve_style(name_or_path: str) -> Style:
    """Return the style named ``name_or_path`` or the CSS file at that path.

    A value containing a path separator or ending in ``.css`` is a path.

    Raises:
        UsageError: no such style, or the file does not exist.
    """
    if "/" in name_or_path or "\\" in name_or_path or name_or_path.endswith(".css"):
        path = Path(name_or_path).expanduser().resolve()
        if not path.is_file():
            raise UsageError(name_or_path, "style file not found")
        return _describe(path)
    for style in list_styles():
        if style.name == name_or_path:
            return style
    names = ", ".join(s.name for s in list_styles())
    raise UsageError(None, f"unknown style {name_or_path!r} (available: {names})")


#: Paged-media declarations (CSS GCPM) that only the PDF understands; browsers
#: ignore them and the Nu HTML Checker reports them as errors.
PAGED_ONLY_PROPERTIES = frozenset({"string-set", "bookmark-level", "bookmark-label", "bookmark-state"})

#: Custom properties starting with this prefix are directives to plainpress.
DIRECTIVE_PREFIX = "--plainpress-"

#: The directive that asks the EPUB writer to embed the bundled fonts.
EPUB_EMBED_FONTS = "--plainpress-epub-embed-fonts"


@lru_cache(maxsize=32)
def directives(path: Path) -> dict[str, str]:
    """Return the ``--plainpress-*`` custom properties declared in the stylesheet at ``path``.

    Keys keep their full name (``"--plainpress-epub-embed-fonts"``); values are
    the declared value, stripped and lower-cased (``"yes"``). Rules inside
    ``@media`` blocks are ignored: directives apply to the whole style.
    """
    import tinycss2

    found: dict[str, str] = {}
    rules = tinycss2.parse_stylesheet(_read(path), skip_comments=True, skip_whitespace=True)
    for rule in rules:
        if rule.type != "qualified-rule":
            continue
        for decl in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True):
            if decl.type == "declaration" and decl.name.startswith(DIRECTIVE_PREFIX):
                found[decl.name] = tinycss2.serialize(decl.value).strip().strip("\"'").lower()
    return found


def embeds_fonts_in_epub(path: Path) -> bool:
    """Whether the style at ``path`` asks for its text face inside the EPUB.

    True when the style declares ``--plainpress-epub-embed-fonts: yes`` (or
    ``true``, ``1``). Off by default: e-readers bring their own fonts and the
    faces add a few hundred kilobytes to a book.
    """
    return directives(path).get(EPUB_EMBED_FONTS, "no") in {"yes", "true", "1"}


@lru_cache(maxsize=32)
def css_for(path: Path, target: Target) -> str:
    """Return the stylesheet at ``path`` cut for ``target``.

    - ``"pdf"``: without ``@media screen`` blocks (WeasyPrint renders for
      print and warns on the media features it does not know).
    - ``"html"``: without ``@page`` rules and paged-media-only declarations
      (:data:`PAGED_ONLY_PROPERTIES`); ``@media print`` stays for browser printing.
    - ``"epub"``: as for HTML, and also without ``@media print`` and
      ``@media screen`` blocks (reading systems own the screen and print).

    Every cut drops the ``--plainpress-*`` directives (see :func:`directives`).
    HTML and EPUB outputs are self-contained, so their cuts also leave out every
    rule or declaration that references a URL other than ``data:`` (``@import``,
    a remote ``@font-face``, ``url(https://...)``, ``url(file:///...)``), each
    logged once as a warning; the PDF keeps them for WeasyPrint, whose fetcher
    refuses anything outside the styles (:class:`~converters.writers.pdf.LocalOnlyFetcher`).
    """
    css = _read(path)
    import tinycss2

    drop_media = {"epub": {"print", "screen"}, "pdf": {"screen"}}.get(target, set())
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    dropped: list[str] = []
    kept = _filter_rules(
        rules, drop_media, keep_paged=target == "pdf", dropped=None if target == "pdf" else dropped
    )
    if dropped:
        log.warning(
            "%s: left out of the %s output, which is self-contained (only data: URLs are kept): %s",
            path,
            target,
            ", ".join(dict.fromkeys(dropped)),
        )
    return "\n\n".join(kept) + "\n"


def referenced_urls(path: Path) -> list[str]:
    """The URLs (other than ``data:``) the stylesheet at ``path`` names anywhere, in order.

    Raises:
        UsageError: the stylesheet cannot be read.
    """
    import tinycss2

    rules = tinycss2.parse_stylesheet(_read(path), skip_comments=True, skip_whitespace=True)
    found: list[str] = []
    for rule in rules:
        found.extend(
            _urls([*(getattr(rule, "prelude", None) or ()), *(getattr(rule, "content", None) or ())])
        )
    return list(dict.fromkeys(found))


def _urls(tokens: Any) -> list[str]:
    """The URLs (other than ``data:``) that tinycss2 ``tokens`` reference, at any depth."""
    found: list[str] = []
    for token in tokens or ():
        kind = getattr(token, "type", None)
        if kind == "url":
            found.append(token.value)
        elif kind == "function" and token.lower_name in ("url", "src"):
            found.extend(t.value for t in token.arguments if getattr(t, "type", None) in ("string", "url"))
        elif kind == "function":
            found.extend(_urls(token.arguments))
        elif kind in ("() block", "[] block", "{} block"):
            found.extend(_urls(token.content))
    return [url for url in found if not url.strip().lower().startswith("data:")]


def _filter_rules(
    rules: list[Any], drop_media: set[str], *, keep_paged: bool = False, dropped: list[str] | None = None
) -> list[str]:
    """Serialize ``rules`` without the cut ones; with ``dropped``, also without URL
    references, whose URLs are appended to ``dropped``."""
    import tinycss2

    out = []
    for rule in rules:
        if rule.type == "at-rule" and dropped is not None and rule.lower_at_keyword != "media":
            urls = _urls([*rule.prelude, *(rule.content or [])])
            if rule.lower_at_keyword == "import" and not urls:
                urls = [t.value for t in rule.prelude if getattr(t, "type", None) == "string"]
            if urls:
                dropped.extend(urls)
                continue
        if rule.type == "at-rule":
            keyword = rule.lower_at_keyword
            prelude = tinycss2.serialize(rule.prelude).strip()
            media = prelude.lower().split(" and ")[0].strip()
            if (keyword == "page" and not keep_paged) or (keyword == "media" and media in drop_media):
                continue
            if keyword == "media" and rule.content is not None:
                inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
                body = "\n\n".join(_filter_rules(inner, drop_media, keep_paged=keep_paged, dropped=dropped))
                out.append(f"@media {prelude} {{\n{body}\n}}")
                continue
            out.append(tinycss2.serialize([rule]))
        elif rule.type == "qualified-rule":
            decls = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
            if dropped is not None:
                for d in decls:
                    if d.type == "declaration" and _urls(d.value):
                        dropped.extend(_urls(d.value))
                decls = [d for d in decls if d.type != "declaration" or not _urls(d.value)]
            kept = [
                f"  {d.name}: {tinycss2.serialize(d.value).strip()}{' !important' if d.important else ''};"
                for d in decls
                if d.type == "declaration"
                and (keep_paged or d.lower_name not in PAGED_ONLY_PROPERTIES)
                and not d.name.startswith(DIRECTIVE_PREFIX)
            ]
            if not kept:
                continue
            selector = tinycss2.serialize(rule.prelude).strip()
            out.append(selector + " {\n" + "\n".join(kept) + "\n}")
    return out
