"""A readable outline of a document model (``plainpress inspect``)."""

from __future__ import annotations

import textwrap

from converters.model import (
    Aside,
    Block,
    BlockQuote,
    Break,
    Document,
    Heading,
    List,
    Notes,
    Paragraph,
    Preformatted,
    plain_text,
)


def _clip(text: str, width: int = 72) -> str:
    one = " ".join(text.split())
    if len(one) <= width:
        return one or "(empty)"
    short = textwrap.shorten(one, width=width, placeholder=" \u2026")
    if len(short) < width // 2:  # no spaces to cut at (Chinese, Japanese): cut by characters
        return one[: width - 1] + "\u2026"
    return short


def _block_lines(block: Block, indent: str = "  ") -> list[str]:
    if isinstance(block, Paragraph):
        return [f"{indent}paragraph   {_clip(block.text)}"]
    if isinstance(block, Heading):
        return [f"{indent}heading {block.level}   {_clip(block.text)}"]
    if isinstance(block, BlockQuote):
        lines = [f"{indent}blockquote"]
        for inner in block.blocks:
            lines += _block_lines(inner, indent + "  ")
        if block.attribution:
            lines.append(f"{indent}  attribution {_clip(plain_text(block.attribution))}")
        return lines
    if isinstance(block, List):
        lines = [f"{indent}list ({'ordered' if block.ordered else 'bulleted'}, {len(block.items)} items)"]
        for item in block.items:
            for inner in item:
                lines += _block_lines(inner, indent + "  ")
        return lines
    if isinstance(block, Break):
        return [f"{indent}break"]
    if isinstance(block, Aside):
        return [f"{indent}aside ({block.kind}) {_clip(block.text)}"]
    if isinstance(block, Preformatted):
        return [f"{indent}preformatted ({block.text.count(chr(10)) + 1} lines) {_clip(block.text)}"]
    if isinstance(block, Notes):
        return [f"{indent}notes ({len(block.items)}): {block.heading}"]
    return [f"{indent}{type(block).__name__}"]


def outline(doc: Document) -> str:
    """Return a multi-line outline: header fields, then one line per block, then related links."""
    lines = [
        f"title       {doc.title if doc.title is not None else '(none)'}",
        f"subtitle    {doc.subtitle or '(none)'}",
        f"date        {f'{doc.date.text} ({doc.date.iso})' if doc.date else '(none)'}",
        f"authors     {', '.join(doc.authors) or '(none)'}",
        f"language    {doc.language}",
    ]
    if doc.source:
        lines.append(f"source      {doc.source.path} ({doc.source.encoding})")
    lines.append(f"blocks      {len(doc.blocks)}")
    for block in doc.blocks:
        lines += _block_lines(block)
    lines.append(f"related     {len(doc.related)}")
    for link in doc.related:
        lines.append(f"  {link.title}" + (f"  <{link.url}>" if link.url else ""))
    return "\n".join(lines)
