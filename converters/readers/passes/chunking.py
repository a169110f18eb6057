"""Split the text into chunks: runs of non-blank lines (the candidate blocks).

Rules:

* ``chunking.blank-lines``: blank lines separate chunks (the plain-text
  convention of Project Gutenberg and every mail client).
* ``chunking.line-per-paragraph``: a chunk in which a line other than the last
  is longer than :data:`LONG_LINE` characters was not hard-wrapped (hard wraps
  sit at 60 to 80 columns), so each of its lines is a paragraph of its own;
  this is how a file with one long line per paragraph and no blank lines
  still splits into paragraphs.
"""

from __future__ import annotations

from converters.readers.state import Chunk, Line, ReaderState

#: Lines longer than this were not hard-wrapped.
LONG_LINE = 100


def split_chunks(state: ReaderState) -> None:
    """Fill ``state.chunks`` and set ``head``/``tail`` around all of them."""
    chunks: list[Chunk] = []
    current: list[Line] = []
    blanks = 0
    for number, raw in enumerate(state.text.split("\n"), start=1 + state.line_offset):
        if not raw.strip():
            if current:
                chunks.append(Chunk(current, blank_before=blanks))
                current = []
                blanks = 0
            blanks += 1
            continue
        expanded = raw.expandtabs(4)
        current.append(Line(raw.rstrip(), number, len(expanded) - len(expanded.lstrip())))
    if current:
        chunks.append(Chunk(current, blank_before=blanks))
        blanks = 0
    for index, chunk in enumerate(chunks):
        chunk.blank_after = chunks[index + 1].blank_before if index + 1 < len(chunks) else blanks
    state.chunks = _split_unwrapped(state, chunks)
    state.head = 0
    state.tail = len(state.chunks)


def _split_unwrapped(state: ReaderState, chunks: list[Chunk]) -> list[Chunk]:
    out: list[Chunk] = []
    for chunk in chunks:
        if len(chunk.lines) > 1 and any(len(line.stripped) > LONG_LINE for line in chunk.lines[:-1]):
            state.decide(
                f"line {chunk.lines[0].number}",
                "chunking.line-per-paragraph",
                f"{len(chunk.lines)} lines, longest {max(len(x.stripped) for x in chunk.lines)} characters",
            )
            for index, line in enumerate(chunk.lines):
                out.append(
                    Chunk(
                        [line],
                        blank_before=chunk.blank_before if index == 0 else 0,
                        blank_after=chunk.blank_after if index == len(chunk.lines) - 1 else 0,
                    )
                )
        else:
            out.append(chunk)
    return out
