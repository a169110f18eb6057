"""Split the text into chunks: runs of non-blank lines (the candidate blocks).

Rules:

* ``chunking.blank-lines``: blank lines separate chunks (the plain-text
  convention of Project Gutenberg and every mail client).
* ``chunking.line-per-paragraph``: a chunk in which a line other than the last
  is longer than :data:`LONG_LINE` characters was not hard-wrapped (hard wraps
  sit at 60 to 80 columns), so each of its lines is a paragraph of its own;
  this is how a file with one long line per paragraph and no blank lines
  still splits into paragraphs.
* ``chunking.no-blank-lines``: in a hard-wrapped text with (almost) no blank
  lines, a paragraph starts at a line indented deeper than the lines around it
  (first-line indentation), or after a line that ends a sentence although the
  next line's first word would have fitted on it (the writer broke the line on
  purpose), or where a list item (``1.``, ``-``) starts after a finished line.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

from converters.readers.state import Chunk, Line, ReaderState
from converters.readers.textrules import SENTENCE_MARKS
from converters.readers.unwrap import Vocabulary

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
    chunks = _split_by_role(state, _split_quoted(_split_unwrapped(state, chunks)))
    if sum(len(chunk.lines) for chunk in chunks) >= 6 and len(chunks) <= 2:
        chunks = _split_without_blank_lines(state, chunks)
    vocabulary = Vocabulary(state.text)  # counted only if a line ends in a hyphen
    for chunk in chunks:
        chunk.vocabulary = vocabulary
    state.chunks = chunks
    state.head = 0
    state.tail = len(state.chunks)


def _split_unwrapped(state: ReaderState, chunks: list[Chunk]) -> list[Chunk]:
    out: list[Chunk] = []
    for chunk in chunks:
        if len(chunk.lines) > 1 and any(width(line.stripped) > LONG_LINE for line in chunk.lines[:-1]):
            state.decide(
                f"line {chunk.lines[0].number}",
                "chunking.line-per-paragraph",
                f"{len(chunk.lines)} lines, longest {max(len(x.stripped) for x in chunk.lines)} characters",
            )
            pieces: list[list[Line]] = []
            for line in chunk.lines:
                if pieces and _continues(pieces[-1], line):
                    pieces[-1].append(line)  # a wrapped line among unwrapped ones: same block
                else:
                    pieces.append([line])
            out.extend(_pieces(chunk, pieces))
        else:
            out.append(chunk)
    return out


def _split_quoted(chunks: list[Chunk]) -> list[Chunk]:
    """Rule ``chunking.quoted-reply``: where a run of ``>`` lines (an e-mail reply's
    quotation) starts or ends inside a block, the block splits there, so
    ``On Monday, Tom wrote:`` and the quotation under it are two blocks."""
    out: list[Chunk] = []
    for chunk in chunks:
        pieces: list[list[Line]] = []
        for line in chunk.lines:
            quoted = line.stripped.startswith(">")
            if pieces and pieces[-1][-1].stripped.startswith(">") == quoted:
                pieces[-1].append(line)
            else:
                pieces.append([line])
        if len(pieces) == 1 or not any(p[0].stripped.startswith(">") for p in pieces):
            out.append(chunk)
            continue
        out.extend(_pieces(chunk, pieces))
    return out


#: Learned roles whose lines stand apart from the running text: where the tagger's
#: role changes between one of these and anything else inside a block, the block splits.
SET_APART = frozenset(
    {
        "caption",
        "salutation",
        "signature",
        "furniture",
        "meta",
        "kicker",
        "title",
        "subtitle",
        "byline",
        "date",
    }
)
#: The tagger's least probability on both sides of such a split.
SPLIT_CONFIDENCE = 0.5


def _split_by_role(state: ReaderState, chunks: list[Chunk]) -> list[Chunk]:
    """Rule ``chunking.role-change``: a block whose lines the tagger reads as two kinds
    (a heading, caption, salutation, signature, furniture or header line next to
    running text, :data:`SET_APART`), each at :data:`SPLIT_CONFIDENCE` or more, splits
    where the kind changes, unless the upper line runs on into the lower one (a
    wrapped sentence). So ``Dear Friends,`` over the letter's first lines, or a
    heading with no blank line under it, is a block of its own."""
    roles = state.roles_by_line()

    def kind(line: Line) -> str | None:
        role = roles.get(line.number)
        if (
            role is None
            or role.probability < SPLIT_CONFIDENCE
            or not any(c.isalnum() for c in line.stripped)
            or _ITEM.match(line.stripped)
        ):
            return None  # unsure, a rule line (a setext underline) or a list item: the block rules' call
        return role.role if role.role in SET_APART else "text"

    out: list[Chunk] = []
    for chunk in chunks:
        pieces: list[list[Line]] = [[chunk.lines[0]]]
        for upper, lower in pairwise(chunk.lines):
            a, b = kind(upper), kind(lower)
            if a is not None and b is not None and a != b and not _runs_on(upper, lower):
                pieces.append([lower])
            else:
                pieces[-1].append(lower)
        if len(pieces) > 1:
            state.decide(f"line {chunk.lines[0].number}", "chunking.role-change", f"{len(pieces)} blocks")
        out.extend(_pieces(chunk, pieces) if len(pieces) > 1 else [chunk])
    return out


def _runs_on(upper: Line, lower: Line) -> bool:
    """True when ``lower`` continues ``upper``'s sentence: ``upper`` ends without
    closing punctuation and ``lower`` starts in lower case."""
    return not _SENTENCE_END.search(upper.stripped) and lower.stripped[:1].islower()


def _pieces(chunk: Chunk, pieces: list[list[Line]]) -> list[Chunk]:
    """``chunk`` split into ``pieces`` (runs of its lines), the blank lines around it kept
    at the ends."""
    return [
        Chunk(
            piece,
            blank_before=chunk.blank_before if index == 0 else 0,
            blank_after=chunk.blank_after if index == len(pieces) - 1 else 0,
        )
        for index, piece in enumerate(pieces)
    ]


def _continues(piece: list[Line], line: Line) -> bool:
    """True when ``line`` goes on from ``piece``: the piece's last line was short and
    unfinished, and ``line`` starts in lower case or under a hanging indent."""
    last = piece[-1]
    if _ITEM.match(piece[0].stripped) and line.indent > piece[0].indent and not _ITEM.match(line.stripped):
        return True  # a hanging indent under a list item, even after a full stop
    if width(last.stripped) > LONG_LINE or _SENTENCE_END.search(last.stripped):
        return False
    return line.stripped[:1].islower() or line.indent > piece[0].indent


_ITEM = re.compile(r"^(?:[-*•]|\d{1,3}[.)]|\([a-z]\))\s+\S")
_SENTENCE_END = re.compile(r"[" + re.escape(SENTENCE_MARKS) + r":][\"”’)\]」』]*$")


def width(text: str) -> int:
    """Display width in columns: wide and full-width characters (CJK) count two
    (Unicode Standard Annex #11), so a Japanese line of 60 characters is as long
    as an English one of 120 and is not taken for a hard-wrapped one."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _split_without_blank_lines(state: ReaderState, chunks: list[Chunk]) -> list[Chunk]:
    lengths = sorted(len(line.stripped) for chunk in chunks for line in chunk.lines)
    width = lengths[int(len(lengths) * 0.9)] if lengths else 0
    if not 40 <= width <= LONG_LINE:
        return chunks
    out: list[Chunk] = []
    for chunk in chunks:
        lines = chunk.lines
        base = min(line.indent for line in lines)
        current: list[Line] = [lines[0]]
        for previous, line in pairwise(lines):
            first_word = line.stripped.split(" ", 1)[0]
            # First-line indentation starts a paragraph after one that ended; a deeper
            # line after an unfinished one is a hanging indent (a list item going on).
            indented = (
                line.indent > base
                and previous.indent == base
                and _SENTENCE_END.search(previous.stripped) is not None
            )
            early = (
                _SENTENCE_END.search(previous.stripped) is not None
                and len(previous.stripped) + 1 + len(first_word) < width - 2
                and (line.stripped[:1].isupper() or line.stripped[:1] in "\"“‘'(")
            )
            item = (
                _ITEM.match(line.stripped) is not None and _SENTENCE_END.search(previous.stripped) is not None
            )
            if indented or early or item:
                out.append(Chunk(current))
                current = []
            current.append(line)
        out.append(Chunk(current))
    if len(out) > len(chunks):
        state.decide("chunks", "chunking.no-blank-lines", f"{len(out)} paragraphs found without blank lines")
    return out
