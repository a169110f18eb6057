"""Markdown writer: the model as a pandoc document, written by pandoc (pypandoc).

The document is built as pandoc's JSON AST (https://pandoc.org/filters.html,
"pandoc-types"), never as Markdown text, so pandoc does all the escaping:
text that merely contains ``*``, ``_``, ``#`` or ``1984.`` stays text.
Output: YAML front matter written by PyYAML, not pandoc
(:mod:`converters.writers.yaml_meta`: plain strings for static-site
generators), then the body: paragraphs unwrapped (``--wrap=none``),
blockquotes as ``> ``, ATX headings, the related list as a final section. The ``smart`` extension is turned off on output so
curly quotes and dashes stay as written.

Flavors (``--markdown-flavor``), each with YAML front matter:

- ``markdown`` (default): pandoc's Markdown without ``smart`` and without
  table syntaxes, so a ``|`` in running text needs no escape. Read it back
  as ``markdown-smart`` to keep ``--`` and straight quotes exactly as written.
- ``gfm``: GitHub-Flavored Markdown (GitHub renders the front matter as a
  table); a bare URL becomes a link there (GitHub's autolinking).
- ``commonmark_x``: CommonMark with pandoc's extensions, ``smart`` off.

pandoc escapes Markdown characters in text, with a few gaps: a paragraph
line that is nothing but a dashed, starred or underscored line (``---``) or
a row of ``=`` is written bare and read back as a rule or a heading
underline, and in pandoc Markdown and commonmark_x a line starting ``: `` becomes a
definition; ``&amp;``, ``[@key]``, ``:smile:`` and ``{.class}`` are written
bare and read back as a character reference, citation, emoji or attributes
(depending on the flavor). :func:`pandoc_document` with ``markdown_format``
closes these gaps with a backslash escape of the one character (a
``RawInline``); nothing else gets an extra escape.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any, ClassVar

from converters import presentation
from converters.errors import UsageError
from converters.metatext import plain
from converters.model import (
    Aside,
    Block,
    BlockQuote,
    Break,
    Document,
    Emphasis,
    Heading,
    Inline,
    LineBreak,
    Link,
    List,
    NoteRef,
    Notes,
    Paragraph,
    Preformatted,
    Text,
)
from converters.options import WriteOptions
from converters.render import related_label
from converters.spaces import split_breaking

#: Supported ``--markdown-flavor`` values and the pandoc writer spec each uses.
FLAVORS: dict[str, str] = {
    "markdown": "markdown-smart-simple_tables-multiline_tables-grid_tables-pipe_tables",
    "gfm": "gfm",
    "commonmark_x": "commonmark_x-smart",
}


@lru_cache(maxsize=1)
def pandoc_api_version() -> list[int]:
    """The pandoc-types API version of the bundled pandoc (asked once per process)."""
    import pypandoc

    probe = json.loads(pypandoc.convert_text("", "json", format="markdown"))
    return list(probe["pandoc-api-version"])


def _inlines(nodes: tuple[Inline, ...]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for node in nodes:
        if isinstance(node, Text):
            out.extend(_words(node.text))
        elif isinstance(node, Emphasis):
            out.append({"t": "Emph", "c": _inlines(node.children)})
        elif isinstance(node, Link):
            out.append({"t": "Link", "c": [["", [], []], _inlines(node.children), [node.url, ""]]})
        elif isinstance(node, LineBreak):
            out.append({"t": "LineBreak"})
        elif isinstance(node, NoteRef):
            out.append({"t": "Str", "c": node.text})
    return out


def _words(text: str) -> list[dict[str, Any]]:
    """pandoc ``Str``/``Space`` inlines of ``text``; a no-break space (U+00A0, U+202F,
    U+2007) stays a character inside its ``Str``, so pandoc keeps it in every format."""
    out: list[dict[str, Any]] = []
    words = split_breaking(text)
    for i, word in enumerate(words):
        if i or not text.startswith(word):
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    if words and not text.endswith(words[-1]):
        out.append({"t": "Space"})
    return out


#: A line pandoc writes bare but reads back as a thematic break (CommonMark 4.1)
#: or a setext heading underline (CommonMark 4.3).
_RULE_LIKE = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*|=+|-+")

#: A line that opens a definition in pandoc Markdown (``: text`` or ``~ text``
#: after a paragraph), which pandoc's writer leaves bare.
_DEFINITION = re.compile(r"[:~](?:\s|$)")


def _guard_lines(inlines: list[dict[str, Any]], raw_format: str | None) -> list[dict[str, Any]]:
    """Escape the first character of every line of ``inlines`` that looks like a rule
    (or, in pandoc Markdown and commonmark_x, like a definition), then the characters of :data:`_CHAR_GUARDS`.

    ``raw_format`` is the pandoc writer's format (``"markdown"``, ``"gfm"``);
    ``None`` leaves ``inlines`` unchanged (non-Markdown outputs).
    """
    if raw_format is None:
        return inlines
    out: list[dict[str, Any]] = []
    line: list[dict[str, Any]] = []
    for node in [*inlines, {"t": "LineBreak"}]:
        if node["t"] != "LineBreak":
            line.append(node)
            continue
        text = "".join(n["c"] if n["t"] == "Str" else " " for n in line if n["t"] in {"Str", "Space"})
        starts_definition = raw_format in {"markdown", "commonmark_x"} and _DEFINITION.match(text) is not None
        if line and line[0]["t"] == "Str" and (_RULE_LIKE.fullmatch(text.strip()) or starts_definition):
            first = line[0]["c"]
            head = {"t": "RawInline", "c": [raw_format, "\\" + first[0]]}
            line = [head, *([{"t": "Str", "c": first[1:]}] if first[1:] else []), *line[1:]]
        out.extend(line)
        out.append(node)
        line = []
    return _guard_chars(out[:-1], raw_format)


#: Characters pandoc writes bare although reading the text back would turn
#: them into markup, per flavor: ``&`` of ``&amp;`` (a character reference,
#: all flavors), ``@`` of ``[@key]`` (a citation, pandoc Markdown), ``:`` of
#: ``:smile:`` (an emoji, GFM) and ``{`` of ``{.class}`` (attributes,
#: commonmark_x; ``:`` of emoji there too). Each match is the one character to escape.
_CHAR_GUARDS: dict[str, re.Pattern[str]] = {
    "markdown": re.compile(r"&(?=(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)|(?<![\w\\])@(?=[\w{])"),
    "gfm": re.compile(r"&(?=(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)|:(?=[\w+-]+:)"),
    "commonmark_x": re.compile(r"&(?=(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)|:(?=[\w+-]+:)|\{"),
}


def _guard_chars(inlines: list[dict[str, Any]], raw_format: str) -> list[dict[str, Any]]:
    """Backslash-escape the characters of :data:`_CHAR_GUARDS` in ``inlines`` (recursively)."""
    pattern = _CHAR_GUARDS.get(raw_format)
    if pattern is None:
        return inlines
    out: list[dict[str, Any]] = []
    for node in inlines:
        if node["t"] == "Str" and pattern.search(node["c"]):
            pos = 0
            for match in pattern.finditer(node["c"]):
                if match.start() > pos:
                    out.append({"t": "Str", "c": node["c"][pos : match.start()]})
                out.append({"t": "RawInline", "c": [raw_format, "\\" + match.group()]})
                pos = match.end()
            if pos < len(node["c"]):
                out.append({"t": "Str", "c": node["c"][pos:]})
        elif node["t"] == "Emph":
            out.append({"t": "Emph", "c": _guard_chars(node["c"], raw_format)})
        elif node["t"] == "Link":
            attr, children, target = node["c"]
            out.append({"t": "Link", "c": [attr, _guard_chars(children, raw_format), target]})
        else:
            out.append(node)
    return out


def _block(block: Block, raw_format: str | None = None) -> list[dict[str, Any]]:
    if isinstance(block, Paragraph):
        return [{"t": "Para", "c": _guard_lines(_inlines(block.inlines), raw_format)}]
    if isinstance(block, Heading):
        return [{"t": "Header", "c": [block.level, ["", [], []], _inlines(block.inlines)]}]
    if isinstance(block, BlockQuote):
        inner = [b for child in block.blocks for b in _block(child, raw_format)]
        if block.attribution:
            inner.append(
                {
                    "t": "Para",
                    "c": _inlines(presentation.credit(block.attribution, dash=True)),
                }
            )
        return [{"t": "BlockQuote", "c": inner}]
    if isinstance(block, List):
        items = [_item(item, raw_format) for item in block.items]
        if block.ordered:
            return [{"t": "OrderedList", "c": [[block.start, {"t": "Decimal"}, {"t": "Period"}], items]}]
        return [{"t": "BulletList", "c": items}]
    if isinstance(block, Break):
        return [{"t": "HorizontalRule"}]
    if isinstance(block, Aside):
        para = {"t": "Para", "c": _guard_lines(_inlines(block.inlines), raw_format)}
        if raw_format == "gfm":  # GFM has no fenced divs; a raw <div> would be markup
            return [para]
        return [{"t": "Div", "c": [["", ["aside", block.kind], []], [para]]}]
    if isinstance(block, Preformatted):
        return [{"t": "CodeBlock", "c": [["", [], []], block.text]}]
    if isinstance(block, Notes):
        heading = {"t": "Header", "c": [2, ["", [], []], _words(block.heading)]}
        items = [_item(note.blocks, raw_format) for note in block.items]
        start = int(block.items[0].label) if block.items and block.items[0].label.isdigit() else 1
        return [heading, {"t": "OrderedList", "c": [[start, {"t": "Decimal"}, {"t": "Period"}], items]}]
    raise TypeError(f"not a block: {block!r}")


def _item(blocks: tuple[Block, ...], raw_format: str | None = None) -> list[dict[str, Any]]:
    """A list item; a lone paragraph becomes ``Plain`` so the list stays tight."""
    if len(blocks) == 1 and isinstance(blocks[0], Paragraph):
        return [{"t": "Plain", "c": _guard_lines(_inlines(blocks[0].inlines), raw_format)}]
    return [b for child in blocks for b in _block(child, raw_format)]


def _meta_inlines(text: str) -> dict[str, Any]:
    """A metadata value for word processors, without soft hyphens and zero-width spaces
    (:func:`converters.metatext.plain`): metadata is searched."""
    return {"t": "MetaInlines", "c": _words(plain(text))}


def pandoc_document(doc: Document, markdown_format: str | None = None) -> dict[str, Any]:
    """Return ``doc`` as a pandoc JSON AST (a dict ready for ``json.dumps``).

    For word processors (``markdown_format`` ``None``): metadata ``title``,
    ``subtitle``, ``date`` and ``author`` as written (the byline as written
    when it says more than the names), ``lang`` and, for right-to-left
    languages, ``dir: rtl`` (pandoc's template variables); the masthead lines
    (publication, issue, kicker) and source notes open the body in the
    "Masthead" and "Source Note" paragraph styles. For Markdown
    (``markdown_format`` ``"markdown"``, ``"gfm"``, ``"commonmark_x"``): no
    metadata (the writer adds YAML front matter of its own,
    :mod:`converters.writers.yaml_meta`) and the escape guards Markdown needs.
    """
    meta: dict[str, Any] = {}
    if not markdown_format:
        meta = _word_processor_meta(doc)
    head = presentation.header(doc)
    letter = presentation.letter(doc)
    text_blocks, trailing_notes = presentation.split_trailing_notes(doc.blocks)

    def para(text: str) -> dict[str, Any]:
        return {"t": "Para", "c": _words(text)}

    def styled(style: str, texts: tuple[str, ...]) -> list[dict[str, Any]]:
        # pandoc's custom-style attribute: a named paragraph style in DOCX and ODT.
        return (
            [{"t": "Div", "c": [["", [], [["custom-style", style]]], [para(t) for t in texts]]}]
            if texts
            else []
        )

    blocks: list[dict[str, Any]] = []
    if not markdown_format:
        # Word processors drop unknown metadata: the lines above the title open
        # the body in a "Masthead" style, source notes follow in "Source Note".
        blocks += styled("Masthead", head.masthead) + styled("Date", head.other_dates)
        blocks += styled("Source Note", head.source_notes)
    if letter.salutation:
        blocks.append(para(letter.salutation))
    blocks += [b for block in text_blocks for b in _block(block, markdown_format)]
    blocks += [para(t) for t in (letter.closing, letter.signature) if t]
    blocks += [b for block in trailing_notes for b in _block(block, markdown_format)]
    if doc.related:
        blocks.append({"t": "Header", "c": [2, ["", [], []], _words(related_label(doc))]})
        items = []
        for link in doc.related:
            inl = _words(link.title)
            if link.url:
                inl = [{"t": "Link", "c": [["", [], []], inl, [link.url, ""]]}]
            items.append([{"t": "Plain", "c": inl}])
        blocks.append({"t": "BulletList", "c": items})
    fields = presentation.fields(doc)
    if fields and not markdown_format:
        # front matter fields nothing else prints: a definition list at the end, as in HTML
        definitions = [[_words(key), [[para(text)] if text else []]] for key, text in fields]
        blocks.append({"t": "Div", "c": [["", ["fields"], []], [{"t": "DefinitionList", "c": definitions}]]})
    if markdown_format:
        blocks = _guard_blocks(blocks, markdown_format)
    return {"pandoc-api-version": pandoc_api_version(), "meta": meta, "blocks": blocks}


def _word_processor_meta(doc: Document) -> dict[str, Any]:
    """pandoc metadata for DOCX and ODT: the header fields as the document shows them."""
    meta: dict[str, Any] = {}
    if doc.title:
        meta["title"] = _meta_inlines(doc.title)
    if doc.subtitle:
        meta["subtitle"] = _meta_inlines(doc.subtitle)
    line = presentation.dateline(doc)
    if line is not None:
        meta["date"] = _meta_inlines(line.text)  # shown as written in the Date style
    byline = presentation.header(doc).byline
    if doc.authors:
        names = [_meta_inlines(a) for a in doc.authors]
        if byline and byline != presentation.join_names(doc.authors):
            # Word processors show the Author paragraph: the byline as written
            # ("By Tom Hale, Contributing writer"), so no word of it is lost.
            names = [_meta_inlines(byline)]
        meta["author"] = {"t": "MetaList", "c": names}
    meta["lang"] = {"t": "MetaString", "c": doc.language}
    if doc.direction == "rtl":
        meta["dir"] = {"t": "MetaString", "c": "rtl"}
    return meta


def _guard_blocks(blocks: list[dict[str, Any]], raw_format: str) -> list[dict[str, Any]]:
    """Apply :func:`_guard_lines` to the inlines of every block, at any depth: headings,
    quotation attributions and related titles need the paragraphs' guards too
    (``## &amp;`` read back as ``&``, ``- ---`` as a rule). Guarding is idempotent:
    guards are ``RawInline`` nodes, which are never guarded again."""
    out: list[dict[str, Any]] = []
    for block in blocks:
        kind = block["t"]
        content: Any = block.get("c")
        if kind in ("Para", "Plain"):
            block = {"t": kind, "c": _guard_lines(content, raw_format)}
        elif kind == "Header":
            level, attr, inlines = content
            block = {"t": kind, "c": [level, attr, _guard_lines(inlines, raw_format)]}
        elif kind == "BlockQuote":
            block = {"t": kind, "c": _guard_blocks(content, raw_format)}
        elif kind == "BulletList":
            block = {"t": kind, "c": [_guard_blocks(item, raw_format) for item in content]}
        elif kind == "OrderedList":
            block = {"t": kind, "c": [content[0], [_guard_blocks(item, raw_format) for item in content[1]]]}
        elif kind == "Div":
            block = {"t": kind, "c": [content[0], _guard_blocks(content[1], raw_format)]}
        out.append(block)
    return out


def convert_with_pandoc(
    doc: Document, to: str, extra_args: list[str] | None = None, *, markdown_format: str | None = None
) -> bytes:
    """Write ``doc`` with pandoc's writer ``to``; returns the output bytes.

    Text outputs are returned UTF-8 encoded; binary outputs (``docx``, ``odt``)
    are written by pandoc to a temporary file and read back. ``markdown_format``
    is passed to :func:`pandoc_document`.

    Raises:
        RuntimeError: pandoc failed (pypandoc's error, with pandoc's message).
    """
    import os
    import tempfile

    import pypandoc

    from converters.options import epoch_environment

    source = json.dumps(pandoc_document(doc, markdown_format), ensure_ascii=False)
    args = ["--standalone", *(extra_args or [])]
    if to.split("-")[0].split("+")[0] in {"docx", "odt", "epub", "epub3", "pptx"}:
        fd, tmp = tempfile.mkstemp(suffix="." + to.split("-")[0].split("+")[0])
        os.close(fd)
        try:
            with epoch_environment():  # pandoc stamps the package with SOURCE_DATE_EPOCH
                pypandoc.convert_text(source, to, format="json", extra_args=args, outputfile=tmp)
            with open(tmp, "rb") as handle:
                return handle.read()
        finally:
            os.unlink(tmp)
    text: str = pypandoc.convert_text(source, to, format="json", extra_args=args)
    return text.encode("utf-8")


class MarkdownWriter:
    """Write Markdown with YAML front matter (pandoc's ``markdown`` by default)."""

    name: ClassVar[str] = "md"
    extension: ClassVar[str] = ".md"
    media_type: ClassVar[str] = "text/markdown"
    description: ClassVar[str] = "Markdown with YAML front matter (pandoc; --markdown-flavor)"

    def render(self, doc: Document, options: WriteOptions) -> bytes:
        """Return the Markdown as UTF-8 bytes.

        Raises:
            UsageError: unknown ``markdown_flavor``.
        """
        flavor = options.markdown_flavor
        if flavor not in FLAVORS:
            raise UsageError(None, f"unknown Markdown flavor {flavor!r} (available: {', '.join(FLAVORS)})")
        from converters.writers.yaml_meta import front_matter

        body = convert_with_pandoc(
            doc, FLAVORS[flavor], ["--wrap=none", "--markdown-headings=atx"], markdown_format=flavor
        )
        return front_matter(doc).encode("utf-8") + body
