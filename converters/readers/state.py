"""The shared state the reader passes work on, and the :class:`Decision` record.

The shape follows markdown-it-py's block state (one object every rule reads
and updates, https://github.com/executablebooks/markdown-it-py, ``StateBlock``):

* the text is split once into :class:`Chunk` objects (runs of non-blank lines,
  with the number of blank lines around them and each line's indentation);
* passes claim chunks from the front (header zone) and the back (related list,
  notes, footers) by moving ``head`` and ``tail``; what lies between is the
  body, which block rules turn into :class:`Draft` blocks;
* every decision is recorded as a :class:`Decision` (rule, evidence, runner-up,
  and the front-matter key that overrides it) for ``inspect --explain``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from converters.model import Block, DateValue, RelatedLink, Source
from converters.options import ReadOptions
from converters.readers.roles import LineRole
from converters.readers.unwrap import Vocabulary, join_lines

_SPACES = re.compile(r"[ \t]+")


@dataclass(frozen=True)
class Decision:
    """Why the reader read one part of the text the way it did.

    Attributes:
        target: what was decided: ``"title"``, ``"subtitle"``, ``"date"``,
            ``"authors"``, ``"language"``, ``"related"``, ``"notes"``,
            ``"dropped"``, or ``"block N (kind)"`` (N counts from 1).
        rule: the pass and rule name, e.g. ``"header.title-before-subtitle"``.
        evidence: the text or reason, shortened to one line.
        runner_up: the other reading when the call was close, else ``None``.
        fix: the front-matter key that overrides the decision (``"title:"``),
            else ``None``.
        line: the source line the decision is about (1-based), when known.
    """

    target: str
    rule: str
    evidence: str
    runner_up: str | None = None
    fix: str | None = None
    line: int | None = None


@dataclass
class Line:
    """One source line: ``text`` without its line end, 1-based ``number``,
    ``indent`` in columns (a tab counts 4)."""

    text: str
    number: int
    indent: int

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass
class Chunk:
    """A run of non-blank lines with ``blank_before`` / ``blank_after`` blank lines around it;
    ``vocabulary`` is the whole text's, the evidence :attr:`joined` mends broken words with."""

    lines: list[Line]
    blank_before: int = 0
    blank_after: int = 0
    vocabulary: Vocabulary | None = None

    @property
    def texts(self) -> list[str]:
        return [line.stripped for line in self.lines]

    @property
    def joined(self) -> str:
        """The lines joined with one space, inner runs of spaces collapsed; a line ending in
        a hyphen or dash joins without one (:func:`converters.readers.unwrap.join_lines`)."""
        return join_lines(self.texts, self.vocabulary)

    @property
    def first(self) -> str:
        return self.lines[0].stripped if self.lines else ""

    @property
    def words(self) -> int:
        return len(self.joined.split())


@dataclass
class Draft:
    """A body block before it becomes a model block.

    ``kind`` is ``"paragraph"``, ``"heading"``, ``"list"``, ``"break"``,
    ``"item"`` (one chunk of list items: ``lines`` holds the item texts,
    ``text`` the marker, ``level`` the first number), ``"list"``,
    ``"quote"`` (a ``>`` or indented block), ``"blockquote"`` (a finished
    quotation) or ``"block"`` (a ready model block in ``block``).
    """

    kind: str
    chunk: Chunk | None
    text: str = ""
    lines: list[str] = field(default_factory=list)
    level: int = 2
    keep_breaks: bool = False
    children: list[Draft] = field(default_factory=list)
    attribution: str | None = None
    block: Block | None = None
    ordered: bool = False
    rule: str = ""
    evidence: str = ""
    runner_up: str | None = None


@dataclass
class ReaderState:
    """Everything the passes share while reading one text."""

    text: str
    options: ReadOptions
    source: Source | None
    chunks: list[Chunk] = field(default_factory=list)
    head: int = 0
    tail: int = 0
    title: str | None = None
    subtitle: str | None = None
    date: DateValue | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    related: list[RelatedLink] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    #: Fields set by front matter; detection passes leave them alone.
    fixed: set[str] = field(default_factory=set)
    drafts: list[Draft] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    trailer: list[Block] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    #: (source line, text) of every dropped leftover.
    dropped: list[tuple[int, str]] = field(default_factory=list)
    #: Source names from "Read more at X" lines, for the excerpt rule.
    read_more_sources: list[str] = field(default_factory=list)
    #: Publication names seen in footers ("From X"), for the masthead rule.
    publications: list[str] = field(default_factory=list)
    #: Lines taken by front matter, so line numbers still match the source.
    line_offset: int = 0
    #: The learned role of every non-blank line (:mod:`converters.readers.roles`).
    line_roles: list[LineRole] = field(default_factory=list)

    def decide(
        self,
        target: str,
        rule: str,
        evidence: str,
        runner_up: str | None = None,
        fix: str | None = None,
        line: int | None = None,
    ) -> None:
        """Record a :class:`Decision` (evidence shortened to 100 characters)."""
        self.decisions.append(
            Decision(target, rule, _short(evidence), runner_up and _short(runner_up), fix, line)
        )

    def roles_by_line(self) -> dict[int, LineRole]:
        """The learned role of each tagged line, by its source line number (front
        matter lines counted, :attr:`line_offset`), as the chunks number lines."""
        return {role.number + self.line_offset: role for role in self.line_roles}

    def drop(self, text: str, rule: str, line: int) -> None:
        """Keep ``text`` (from source ``line``) for ``metadata["dropped"]`` and record why.

        :meth:`finish` puts the dropped texts in source order."""
        self.dropped.append((line, text))
        self.decide("dropped", rule, f"line {line}: {text}", line=line)

    def finish(self) -> None:
        """Last step before building the document: dropped texts in source order."""
        if self.dropped:
            self.metadata["dropped"] = [
                text for _line, text in sorted(self.dropped, key=lambda item: item[0])
            ]

    @property
    def body(self) -> list[Chunk]:
        """The chunks no pass has claimed yet."""
        return self.chunks[self.head : self.tail]


def collapse(text: str) -> str:
    """Collapse runs of spaces and tabs to one space and strip the ends."""
    return _SPACES.sub(" ", text).strip()


def _short(text: str, limit: int = 100) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[: limit - 1] + "…"
