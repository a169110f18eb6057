"""Typographic quotation marks for the typeset formats (HTML, EPUB, PDF).

Straight quotes typed in running text (``"``, ``'``) become the quotation
marks of the document's language, by docutils' SmartyPants port
(:mod:`docutils.utils.smartquotes`, option ``q``: quotes and apostrophes
only; dashes and ellipses stay as written): English ``“…” ‘…’``, German
``„…“ ‚…‘``, French ``« … »`` with no-break spaces, Russian ``«…» „…“``...
An apostrophe becomes ``’`` in every language. A language docutils has no
convention for keeps its straight quotes (only apostrophes change), rather
than being given another language's marks.

The quotes of one block are educated as one run, so a quotation that opens in
plain text and closes after an emphasised word pairs up; URLs are left
exactly as written. Markdown, DOCX and ODT keep the text as written: the
document model itself is never changed, :func:`smarten` returns a copy.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import lru_cache

from converters.linkify import find_urls
from converters.model import (
    Block,
    BlockQuote,
    Document,
    Emphasis,
    Heading,
    Inline,
    Link,
    List,
    Note,
    Notes,
    Paragraph,
    RelatedLink,
    Text,
)


@lru_cache(maxsize=64)
def quote_language(tag: str) -> str | None:
    """The docutils quotes key for a BCP 47 ``tag`` (``"de-CH"`` gives ``"de-ch"``,
    ``"en-GB"`` gives ``"en"``), or ``None`` when docutils knows no convention for it."""
    from docutils.utils.smartquotes import smartchars

    lowered = tag.lower()
    for candidate in (lowered, lowered.split("-")[0]):
        if candidate in smartchars.quotes:
            return candidate
    return None


def smarten(doc: Document) -> Document:
    """A copy of ``doc`` with typographic quotes in its title, subtitle, blocks and
    related titles, for the language ``doc.language`` (see the module docstring)."""
    language = quote_language(doc.language) or ""
    return replace(
        doc,
        title=_string(doc.title, language),
        subtitle=_string(doc.subtitle, language),
        blocks=tuple(_block(b, language) for b in doc.blocks),
        related=tuple(RelatedLink(_string(r.title, language) or r.title, r.url) for r in doc.related),
    )


def _string(value: str | None, language: str) -> str | None:
    if value is None:
        return None
    [result] = _inlines((Text(value),), language)
    return result.text if isinstance(result, Text) else value


def _block(block: Block, language: str) -> Block:
    if isinstance(block, Paragraph):
        return Paragraph(_inlines(block.inlines, language))
    if isinstance(block, Heading):
        return replace(block, inlines=_inlines(block.inlines, language))
    if isinstance(block, BlockQuote):
        attribution = None if block.attribution is None else _inlines(block.attribution, language)
        return BlockQuote(tuple(_block(b, language) for b in block.blocks), attribution)
    if isinstance(block, List):
        items = tuple(tuple(_block(b, language) for b in item) for item in block.items)
        return replace(block, items=items)
    if isinstance(block, Notes):
        notes = tuple(Note(n.label, tuple(_block(b, language) for b in n.blocks)) for n in block.items)
        return replace(block, items=notes)
    return block


def _texts(inlines: Sequence[Inline]) -> Iterator[str]:
    """The text of every :class:`Text` in ``inlines``, in reading order."""
    for node in inlines:
        if isinstance(node, Text):
            yield node.text
        elif isinstance(node, (Emphasis, Link)):
            yield from _texts(node.children)


def _rebuild(inlines: Sequence[Inline], texts: Iterator[str]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(Text(next(texts)))
        elif isinstance(node, Emphasis):
            out.append(Emphasis(_rebuild(node.children, texts)))
        elif isinstance(node, Link):
            out.append(Link(_rebuild(node.children, texts), node.url))
        else:
            out.append(node)
    return tuple(out)


def _inlines(inlines: Sequence[Inline], language: str) -> tuple[Inline, ...]:
    """``inlines`` with their quotes educated as one run (URLs are passed as literals)."""
    from docutils.utils.smartquotes import educate_tokens

    texts = list(_texts(inlines))
    if not any(q in t for t in texts for q in "\"'"):
        return tuple(inlines)
    tokens: list[tuple[str, str]] = []
    counts: list[int] = []
    for value in texts:
        parts, pos = [], 0
        for start, end in find_urls(value):
            parts += [("text", value[pos:start]), ("literal", value[start:end])]
            pos = end
        parts.append(("text", value[pos:]))
        tokens += parts
        counts.append(len(parts))
    educated = iter(educate_tokens(tokens, attr="q", language=language or "x-none"))
    joined = ["".join(next(educated) for _ in range(count)) for count in counts]
    return _rebuild(inlines, iter(joined))


__all__ = ["quote_language", "smarten"]
