"""The document model: what readers produce and writers consume.

Data moves one way: a reader turns source text into a :class:`Document`, and
writers turn a :class:`Document` into files. Writers never look at the source
text; readers never know about output formats (the pandoc shape: readers and
writers meet only at one document type).

Everything here is an immutable dataclass. Block text is a tuple of *inlines*
(:class:`Text`, :class:`Emphasis`, :class:`Link`, :class:`LineBreak`,
:class:`NoteRef`) rather than a bare string, so inline features fit without a
rewrite.

:meth:`Document.to_dict` gives the JSON interchange form printed by
``plainpress inspect --json``; its shape is documented in the README and is
stable: keys are only ever added, never renamed or removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any

# --------------------------------------------------------------------------
# Inlines


@dataclass(frozen=True)
class Text:
    """A run of plain text, exactly as read (no markup is ever interpreted)."""

    text: str


@dataclass(frozen=True)
class Emphasis:
    """Emphasised text (``<em>`` in HTML, ``*...*`` in Markdown)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    """A hyperlink; ``url`` is absolute (``https://...``) or an internal ``#id``."""

    children: tuple[Inline, ...]
    url: str


@dataclass(frozen=True)
class LineBreak:
    """A hard line break inside a block (verse, addresses)."""


@dataclass(frozen=True)
class NoteRef:
    """An in-text note marker such as ``[1]``, linked to the note ``label``.

    ``text`` is the marker as written (``"[1]"``, ``"(1)"``); ``label`` is the
    bare label (``"1"``) that matches a :class:`Note`.
    """

    label: str
    text: str


Inline = Text | Emphasis | Link | LineBreak | NoteRef


def plain_text(inlines: Iterable[Inline]) -> str:
    """Return the text of ``inlines`` with markup dropped.

    Line breaks become ``"\\n"``; note markers keep their written form.
    """
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, (Emphasis, Link)):
            parts.append(plain_text(node.children))
        elif isinstance(node, LineBreak):
            parts.append("\n")
        elif isinstance(node, NoteRef):
            parts.append(node.text)
    return "".join(parts)


def text(value: str) -> tuple[Inline, ...]:
    """Wrap a plain string as an inline tuple (empty string gives ``()``)."""
    return (Text(value),) if value else ()


# --------------------------------------------------------------------------
# Blocks


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text."""

    inlines: tuple[Inline, ...]

    @property
    def text(self) -> str:
        return plain_text(self.inlines)


@dataclass(frozen=True)
class Heading:
    """A section heading. ``level`` 2 is a top-level section (level 1 is the title)."""

    level: int
    inlines: tuple[Inline, ...]

    @property
    def text(self) -> str:
        return plain_text(self.inlines)


@dataclass(frozen=True)
class BlockQuote:
    """A quotation of one or more blocks, with an optional attribution line."""

    blocks: tuple[Block, ...]
    attribution: tuple[Inline, ...] | None = None


@dataclass(frozen=True)
class List:
    """A bulleted (``ordered=False``) or numbered list.

    ``items`` holds one tuple of blocks per item; ``start`` is the number of
    the first item of an ordered list; ``marker`` is the list style as written
    (``"-"``, ``"*"``, ``"•"``, ``"1."``, ``"1)"``, ``"(a)"``) so writers can
    keep lettered lists lettered.
    """

    ordered: bool
    items: tuple[tuple[Block, ...], ...]
    start: int = 1
    marker: str = ""


@dataclass(frozen=True)
class Break:
    """A thematic break (``<hr>``): a scene or section change without a heading."""


@dataclass(frozen=True)
class Note:
    """One numbered note; ``label`` is the bare label (``"1"``)."""

    label: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Notes:
    """A block of notes (endnotes or references), with its heading as written."""

    items: tuple[Note, ...]
    heading: str = "Notes"


@dataclass(frozen=True)
class Aside:
    """Text kept in place that is not the article's running text.

    ``kind`` says what the reader took it for: ``"caption"`` (a photo
    caption), ``"meta"`` (a source, tag or update line inside the body),
    ``"furniture"`` (a line the reader thought page furniture but was not
    sure enough to leave out), ``"kicker"``, ``"byline"``, ``"date"``,
    ``"signature"`` or ``"other"``. Writers print it set apart from the body
    (HTML ``<p class="aside caption">``, a pandoc ``Div`` with classes
    ``aside`` and the kind), so every word stays and the body stays clean.
    """

    kind: str
    inlines: tuple[Inline, ...]

    @property
    def text(self) -> str:
        return plain_text(self.inlines)


@dataclass(frozen=True)
class Preformatted:
    """Line-structured text kept exactly, spaces and line breaks included:
    aligned or pipe-separated tables, ASCII diagrams, code, e-mail patches.

    ``text`` holds the lines joined with ``"\n"`` (no trailing newline).
    HTML ``<pre>``, pandoc ``CodeBlock``.
    """

    text: str


Block = Paragraph | Heading | BlockQuote | List | Break | Notes | Aside | Preformatted


# --------------------------------------------------------------------------
# Document


@dataclass(frozen=True)
class DateValue:
    """A date as written and as ISO 8601 at the precision the text gives.

    ``iso`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: never more precise than
    ``text`` ("January 1948" gives ``1948-01``, not ``1948-01-01``).
    """

    text: str
    iso: str


@dataclass(frozen=True)
class RelatedLink:
    """One entry of the trailing "Related articles" list."""

    title: str
    url: str | None = None


@dataclass(frozen=True)
class Source:
    """Where a document came from: ``path`` as given and the ``encoding`` used
    to decode it (a Python codec name such as ``"utf-8"`` or ``"cp1252"``)."""

    path: str
    encoding: str


def _frozen_mapping(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(value or {}))


@dataclass(frozen=True)
class Document:
    """One article.

    Attributes:
        title: the title, or ``None`` when the text has none.
        subtitle: the standfirst or subtitle line, or ``None``.
        date: the article's own date, or ``None``.
        authors: author names, without "By".
        language: a BCP 47 tag (``"en"``, ``"de"``, ``"ar"``).
        blocks: the body, in reading order.
        related: the trailing related-articles list, in order.
        source: where the text was read from, or ``None`` for in-memory text.
        metadata: free-form extra metadata (from front matter), read-only.
    """

    title: str | None = None
    subtitle: str | None = None
    date: DateValue | None = None
    authors: tuple[str, ...] = ()
    language: str = "en"
    blocks: tuple[Block, ...] = ()
    related: tuple[RelatedLink, ...] = ()
    source: Source | None = None
    metadata: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        if not isinstance(self.metadata, MappingProxyType):
            object.__setattr__(self, "metadata", _frozen_mapping(self.metadata))

    def __getstate__(self) -> dict[str, Any]:
        # Documents travel between worker processes (``plainpress build``);
        # pickle cannot handle the read-only mapping, so send a plain dict.
        state = {f.name: getattr(self, f.name) for f in fields(self)}
        state["metadata"] = dict(self.metadata)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "metadata", _frozen_mapping(state.get("metadata")))

    @property
    def direction(self) -> str:
        """``"rtl"`` for right-to-left languages (Arabic, Hebrew, Persian, Urdu...), else ``"ltr"``."""
        return "rtl" if self.language.split("-")[0].lower() in RTL_LANGUAGES else "ltr"

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON interchange form (see the module docstring)."""
        return {
            "title": self.title,
            "subtitle": self.subtitle,
            "date": None if self.date is None else {"text": self.date.text, "iso": self.date.iso},
            "authors": list(self.authors),
            "language": self.language,
            "blocks": [block_to_dict(b) for b in self.blocks],
            "related": [{"title": r.title, "url": r.url} for r in self.related],
            "source": None
            if self.source is None
            else {"path": self.source.path, "encoding": self.source.encoding},
            "metadata": {k: _jsonable(v) for k, v in self.metadata.items()},
        }


RTL_LANGUAGES = frozenset(
    {"ar", "arc", "dv", "fa", "ha", "he", "iw", "ks", "ku", "ps", "sd", "ug", "ur", "yi"}
)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return str(value)


def block_to_dict(block: Block) -> dict[str, Any]:
    """Return the JSON form of one block (the ``blocks`` entries of ``to_dict``)."""
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "text": block.text}
    if isinstance(block, Heading):
        return {"type": "heading", "level": block.level, "text": block.text}
    if isinstance(block, BlockQuote):
        return {
            "type": "blockquote",
            "blocks": [block_to_dict(b) for b in block.blocks],
            "attribution": None if block.attribution is None else plain_text(block.attribution),
        }
    if isinstance(block, List):
        return {
            "type": "list",
            "ordered": block.ordered,
            "start": block.start,
            "items": [[block_to_dict(b) for b in item] for item in block.items],
        }
    if isinstance(block, Break):
        return {"type": "break"}
    if isinstance(block, Aside):
        return {"type": "aside", "kind": block.kind, "text": block.text}
    if isinstance(block, Preformatted):
        return {"type": "preformatted", "text": block.text}
    if isinstance(block, Notes):
        return {
            "type": "notes",
            "heading": block.heading,
            "items": [
                {"label": n.label, "blocks": [block_to_dict(b) for b in n.blocks]} for n in block.items
            ],
        }
    raise TypeError(f"not a block: {block!r}")


def iter_text(doc: Document) -> Iterator[str]:
    """Yield every piece of text of ``doc`` in reading order.

    Order: title, subtitle, date (as written), authors, body blocks (quotation
    attributions after their quotation, notes in order), related titles.
    This is the order every writer must preserve ("every word in, every word out").
    """
    for value in (doc.title, doc.subtitle, doc.date.text if doc.date else None):
        if value:
            yield value
    yield from doc.authors
    for block in doc.blocks:
        yield from _block_text(block)
    for link in doc.related:
        yield link.title


def _block_text(block: Block) -> Iterator[str]:
    if isinstance(block, (Paragraph, Heading, Aside, Preformatted)):
        yield block.text
    elif isinstance(block, BlockQuote):
        for inner in block.blocks:
            yield from _block_text(inner)
        if block.attribution:
            yield plain_text(block.attribution)
    elif isinstance(block, List):
        for item in block.items:
            for inner in item:
                yield from _block_text(inner)
    elif isinstance(block, Notes):
        yield block.heading
        for note in block.items:
            for inner in note.blocks:
                yield from _block_text(inner)
