"""A trailing block of numbered notes (endnotes, references).

Rules:

* ``notes.heading``: a line ``Notes``, ``References``, ``Footnotes``,
  ``Endnotes`` or ``Sources`` (colon optional) followed to the end of the text
  by numbered notes ``[1] ...``, ``1. ...``, ``1) ...``, ``(1) ...``.
* ``notes.bracketed``: without a heading, a trailing run of notes that start
  with a bracketed number ``[1]`` (the form web archives print).

The notes become one :class:`~converters.model.Notes` block after the body;
the pass :func:`link_markers` later links in-text markers ``[1]`` (and
``(1)`` when the text has no bracketed markers) to notes with the same label.
"""

from __future__ import annotations

import re

from converters.model import (
    Block,
    BlockQuote,
    Document,
    Emphasis,
    Inline,
    Link,
    List,
    Note,
    NoteRef,
    Notes,
    Paragraph,
    Text,
    iter_text,
)
from converters.readers.state import ReaderState
from converters.readers.unwrap import join_lines

_HEADING = re.compile(
    r"^(?:notes?|references|footnotes|endnotes|sources|citations|notes (?:to|for) editors|editors[’']? notes)\s*:?$",
    re.IGNORECASE,
)
_NOTE_ANY = re.compile(
    r"^(?:\[(?P<a>\d{1,3})\]|\((?P<b>\d{1,3})\)|(?P<c>\d{1,3})[.)]|\^(?P<d>\d{1,3}))\s*(?P<rest>.*)$"
)
_NOTE_BRACKET = re.compile(r"^\[(?P<a>\d{1,3})\]\s*(?P<rest>.*)$")


def notes(state: ReaderState) -> None:
    """Claim a trailing notes section into ``state.trailer``."""
    flat = [(ci, li) for ci in range(state.head, state.tail) for li in range(len(state.chunks[ci].lines))]
    for position in range(len(flat) - 1, -1, -1):
        ci, li = flat[position]
        text = state.chunks[ci].lines[li].stripped
        if _HEADING.match(text) and position + 1 < len(flat) and position > 0:
            parsed = _parse(state, flat[position + 1 :], _NOTE_ANY)
            if parsed:
                _claim(state, ci, li, parsed, text.rstrip(":").strip(), "notes.heading")
                return
    # No heading: a trailing run of [n] notes.
    start = None
    for position in range(len(flat) - 1, -1, -1):
        ci, li = flat[position]
        line = state.chunks[ci].lines[li]
        if _NOTE_BRACKET.match(line.stripped) and li == 0:
            start = position
        elif li == 0 and start is None:
            return
        elif li == 0:
            break
    if start is None:
        return
    parsed = _parse(state, flat[start:], _NOTE_BRACKET)
    ci, li = flat[start]
    if parsed and (ci > state.head or li > 0):  # notes need a text to annotate
        _claim(state, ci, li, parsed, "Notes", "notes.bracketed", keep_heading=False)


def _parse(state: ReaderState, lines: list[tuple[int, int]], pattern: re.Pattern[str]) -> list[Note] | None:
    items: list[tuple[str, list[str]]] = []
    for ci, li in lines:
        text = state.chunks[ci].lines[li].stripped
        match = pattern.match(text)
        if match and (not items or li == 0 or _label(match) == str(int(items[-1][0]) + 1)):
            items.append((_label(match), [match.group("rest")]))
        elif items:
            items[-1][1].append(text)
        else:
            return None
    if not items:
        return None
    vocabulary = state.chunks[lines[0][0]].vocabulary
    return [Note(label, (Paragraph((Text(join_lines(body, vocabulary)),)),)) for label, body in items]


def _label(match: re.Match[str]) -> str:
    return next(
        g
        for g in (
            match.group("a"),
            match.groupdict().get("b"),
            match.groupdict().get("c"),
            match.groupdict().get("d"),
        )
        if g
    )


def _claim(
    state: ReaderState,
    ci: int,
    li: int,
    items: list[Note],
    heading: str,
    rule: str,
    keep_heading: bool = True,
) -> None:
    state.trailer.append(Notes(tuple(items), heading=heading))
    if not keep_heading:
        # The heading was not written in the source; say so for writers.
        state.metadata["notes_heading_implied"] = True
    state.decide(
        "notes",
        rule,
        f"{heading}: {len(items)} note(s), labels {', '.join(n.label for n in items)}",
        fix=None,
    )
    chunk = state.chunks[ci]
    chunk.lines = chunk.lines[:li]
    state.tail = ci + 1 if chunk.lines else ci


_MARK_BRACKET = re.compile(r"\[(\d{1,3})\]")
_MARK_PAREN = re.compile(r"(?<=\S)\((\d{1,3})\)")


def link_markers(state: ReaderState) -> None:
    """Turn ``[n]`` markers in body paragraphs into :class:`NoteRef` inlines (rule ``notes.markers``)."""
    labels = {note.label for block in state.trailer if isinstance(block, Notes) for note in block.items}
    if not labels:
        return
    body = " ".join(iter_text(Document(blocks=tuple(state.blocks))))
    pattern = _MARK_BRACKET if _MARK_BRACKET.search(body) else _MARK_PAREN
    linked = 0

    def link(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
        nonlocal linked
        out: list[Inline] = []
        for node in inlines:
            if isinstance(node, Text):
                pos = 0
                for match in pattern.finditer(node.text):
                    if match.group(1) not in labels:
                        continue
                    if match.start() > pos:
                        out.append(Text(node.text[pos : match.start()]))
                    out.append(NoteRef(match.group(1), match.group(0)))
                    linked += 1
                    pos = match.end()
                if pos < len(node.text):
                    out.append(Text(node.text[pos:]))
            elif isinstance(node, Emphasis):
                out.append(Emphasis(link(node.children)))
            elif isinstance(node, Link):
                out.append(Link(link(node.children), node.url))
            else:
                out.append(node)
        return tuple(out)

    def walk(block: Block) -> Block:
        if isinstance(block, Paragraph):
            return Paragraph(link(block.inlines))
        if isinstance(block, BlockQuote):
            return BlockQuote(tuple(walk(inner) for inner in block.blocks), block.attribution)
        if isinstance(block, List):
            items = tuple(tuple(walk(inner) for inner in item) for item in block.items)
            return List(block.ordered, items, block.start, block.marker)
        return block

    state.blocks = [walk(block) for block in state.blocks]
    if linked:
        state.decide("notes", "notes.markers", f"{linked} in-text marker(s) linked to notes")
