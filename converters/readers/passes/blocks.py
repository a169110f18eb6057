"""Body block rules: each body chunk becomes one draft block.

Block rules are tried in order on each chunk, like markdown-it-py's block
ruler (``markdown_it/rules_block``); the first that accepts the chunk wins.
A later pass (:func:`group`) looks at neighbours: it joins list items into
lists and turns a heading with nothing after it back into a paragraph.

Rules:

* ``blocks.break``: ``* * *``, ``***``, ``---``, ``___``, ``~~~``, ``§`` alone.
* ``blocks.setext-heading``: a line underlined with ``===`` (level 2) or ``---`` (level 3).
* ``blocks.quote-marker``: every line starts with ``>`` (e-mail quoting).
* ``blocks.list``: lines starting with ``-``, ``*``, ``•``, ``1.``, ``1)``, ``(a)``, ``a)``;
  a year (``1984. That was...``) is never a list number (at most 3 digits).
* ``blocks.colon-list``: two or more short lines after a paragraph ending in
  ``:`` are the items it announces, not headings.
* ``blocks.heading``: a short line standing alone (up to 12 words) without
  closing punctuation (a question or exclamation only when set apart by more
  blank lines than the text puts between paragraphs, or written in Title Case); an ALL-CAPS or numbered (``I.``, ``2.``, ``A.``)
  heading may run over two lines. A short sentence ending in a full stop is
  not a heading; nor is a line introduced by a colon.
* ``blocks.indented-quote``: a block indented 2 to 10 columns in a text
  whose paragraphs are not indented.
* ``blocks.learned-code`` / ``blocks.learned-aside``: lines the tagger
  labelled code, or labelled caption, meta or uncertain furniture (see
  :func:`rule_learned`).
* ``blocks.preformatted-table`` / ``-art``: pipe- or space-aligned tables and
  ASCII drawings keep their lines and spaces.
* ``blocks.paragraph``: everything else; lines are joined with one space,
  except verse or address lines (every line under 45 columns in a text that
  is wrapped wider, or in a text none of whose lines reaches 45 columns: a
  poem), which keep their line breaks.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from itertools import pairwise

from converters.model import Aside, Preformatted
from converters.model import text as inline_text
from converters.readers.dates import parse_date
from converters.readers.passes.names import byline_names
from converters.readers.state import Chunk, Draft, ReaderState, collapse
from converters.readers.textrules import (
    COLUMN_GAP,
    PIPE_CELL,
    ends_full_stop,
    ends_sentence,
    ends_with_mark,
    is_all_caps,
    looks_like_name,
    opens_quote,
    wholly_quoted,
    word_count,
)
from converters.readers.unwrap import join_lines

_BREAK = re.compile(r"^(?:(?:[*\-_=~•·#]\s*){3,}|§|\*|[—–―⁂]|[—–―]\s*[—–―]\s*[—–―]?)$")
_SETEXT = re.compile(r"^(?P<c>[=\-])(?P=c){2,}\s*$")
_BULLET = re.compile(r"^(?P<m>[-*•·‣◦▪–])\s+(?P<rest>\S.*)$")
_NUMBER = re.compile(r"^(?P<m>(?P<n>\d{1,3})[.)])\s+(?P<rest>\S.*)$")
_LETTER = re.compile(r"^(?P<m>\((?P<n>[a-z])\)|(?P<n2>[a-z])\))\s+(?P<rest>\S.*)$")
_NUMBERED_HEADING = re.compile(r"^(?P<n>[IVXLC]+|\d{1,2}|[A-Z])\.\s+(?P<rest>\S.*)$")
_ROMAN = re.compile(r"^[IVXLC]+$")

BlockRule = Callable[["Context", int, Chunk], Draft | None]


class Context:
    """What block rules may know about the whole body."""

    def __init__(self, state: ReaderState) -> None:
        self.state = state
        self.body = state.body
        #: Source line number -> learned role (:mod:`converters.readers.roles`).
        self.roles = state.roles_by_line()
        body = [n for n, role in self.roles.items() if role.role == "body" and role.probability > 0.5]
        #: The first and last source lines the tagger reads as running text.
        self.first_body, self.last_body = (min(body), max(body)) if body else (0, 0)
        #: The widest line of the body: a run of lines far shorter than it was broken on purpose.
        lengths = [len(line.stripped) for chunk in self.body for line in chunk.lines]
        self.wrap_width = max(lengths) if lengths else 0
        first_indents = [chunk.lines[0].indent for chunk in self.body if chunk.words >= 12]
        self.indented_paragraphs = bool(first_indents) and (
            sum(1 for i in first_indents if i > 0) * 2 > len(first_indents)
        )
        gaps = sorted(chunk.blank_before for chunk in self.body[1:])
        #: The usual number of blank lines between paragraphs (a wider gap sets a line apart).
        self.typical_gap = max(1, gaps[len(gaps) // 2]) if gaps else 1
        self.has_roman_headings = any(
            (m := _NUMBERED_HEADING.match(chunk.first)) is not None
            and _ROMAN.match(m.group("n")) is not None
            and is_all_caps(m.group("rest"))
            for chunk in self.body
        )

    def previous(self, index: int) -> Chunk | None:
        return self.body[index - 1] if index > 0 else None


def rule_break(ctx: Context, index: int, chunk: Chunk) -> Draft | None:
    """Rule ``blocks.break``: a line of ``* * *``, ``---``, ``___``, ``~~~``, ``§``, ``⁂``
    or a dash (``—``) alone: nothing to read, a pause between sections."""
    if len(chunk.lines) == 1 and _BREAK.match(
        chunk.first.replace(" ", "") if "*" in chunk.first else chunk.first
    ):
        return Draft("break", chunk, rule="blocks.break", evidence=chunk.first)
    return None


def rule_setext(ctx: Context, index: int, chunk: Chunk) -> Draft | None:
    """Rule ``blocks.setext-heading``: text underlined with ``===`` (level 2) or ``---`` (level 3)."""
    if 2 <= len(chunk.lines) <= 3:
        underline = _SETEXT.match(chunk.lines[-1].stripped)
        text = join_lines(chunk.texts[:-1], chunk.vocabulary)
        if underline and word_count(text) <= 15:
            level = 2 if underline.group("c") == "=" else 3
            return Draft(
                "heading", chunk, text=text, level=level, rule="blocks.setext-heading", evidence=text
            )
    return None


def rule_quote_marker(ctx: Context, index: int, chunk: Chunk) -> Draft | None:
    """Rule ``blocks.quote-marker``: every line starts with ``>``; ``>`` alone separates quoted paragraphs."""
    if not all(text.startswith(">") for text in chunk.texts):
        return None
    inner: list[list[str]] = [[]]
    for text in chunk.texts:
        content = text[1:].strip()
        if content.startswith(">"):
            content = content.lstrip("> ")
        if content:
            inner[-1].append(content)
        elif inner[-1]:
            inner.append([])
    children = [
        Draft(
            "paragraph", None, text=join_lines(part, chunk.vocabulary), lines=part, rule="blocks.quote-marker"
        )
        for part in inner
        if part
    ]
    return Draft("quote", chunk, children=children, rule="blocks.quote-marker", evidence=chunk.first)


def _item_match(text: str) -> tuple[str, str, int | None, str] | None:
    """Return (style, marker, number, rest) for a list-item line."""
    for style, pattern in (("bullet", _BULLET), ("number", _NUMBER), ("letter", _LETTER)):
        match = pattern.match(text)
        if match:
            groups = match.groupdict()
            number: int | None = None
            if groups.get("n") and str(groups["n"]).isdigit():
                number = int(groups["n"])
            elif style == "letter":
                letter = groups.get("n") or groups.get("n2") or "a"
                number = ord(letter) - ord("a") + 1
            marker = match.group("m")
            if style == "number":
                marker = "1" + marker[-1]
            elif style == "letter":
                marker = "(a)" if marker.startswith("(") else "a)"
            return style, marker, number, match.group("rest")
    return None


def _heading_like(text: str) -> bool:
    return word_count(text) <= 10 and not ends_sentence(text) and text[:1].isupper()


def rule_list(ctx: Context, index: int, chunk: Chunk) -> Draft | None:
    """Rule ``blocks.list``: a chunk opening with a list marker becomes an ``item`` draft
    (its item texts in ``lines``); :func:`~converters.readers.passes.structure.group`
    joins neighbouring items into one list."""
    first = _item_match(chunk.first)
    if first is None:
        return None
    if len(chunk.lines) == 1 and first[0] == "number" and _heading_like(first[3]):
        following = ctx.body[index + 1] if index + 1 < len(ctx.body) else None
        if is_all_caps(first[3]) or following is None or _item_match(following.first) is None:
            return None  # "1. REACTIONARY SOCIALISM", "3. What Next" alone: a numbered heading
    style, marker, _number, _rest = first
    items: list[list[str]] = []
    numbers: list[int | None] = []
    for line in chunk.lines:
        found = _item_match(line.stripped)
        if found and (found[1] == marker or (style == "bullet" and found[0] == "bullet")):
            items.append([found[3]])
            numbers.append(found[2])
        else:
            items[-1].append(line.stripped)
    if (
        style == "bullet"
        and marker in "-–"
        and len(items) == 1
        and len(chunk.lines) > 1
        and not ends_sentence(chunk.lines[0].stripped)
        and not chunk.lines[1].indent
    ):
        return None  # A dash opening a wrapped paragraph is a dash, not a list.
    return Draft(
        "item",
        chunk,
        lines=[join_lines(parts, chunk.vocabulary) for parts in items],
        text=marker,
        level=numbers[0] or 1,
        rule="blocks.list",
        evidence=chunk.first,
        ordered=style != "bullet",
    )


def rule_heading(ctx: Context, index: int, chunk: Chunk) -> Draft | None:
    """Rule ``blocks.heading`` (and ``numbered-heading``, ``caps-heading``): see the module docstring."""
    if len(chunk.lines) > 2:
        return None
    text = chunk.joined
    words = word_count(text)
    previous = ctx.previous(index)
    if previous is not None and previous.joined.rstrip().endswith((":", ":-", ":–")) and previous.words >= 8:
        return None  # a line introduced by a colon is what the colon announces
    if wholly_quoted(text) or opens_quote(text) or parse_date(text) is not None:
        return None  # a quotation or a bare date is not a section heading
    numbered = _NUMBERED_HEADING.match(text)
    caps = is_all_caps(text)
    if len(chunk.lines) == 2 and not (caps or (numbered and is_all_caps(numbered.group("rest")))):
        return None
    if not text[:1].isupper() and not text[:1].isdigit():
        return None
    limit = 18 if caps or numbered else 12
    if words > limit or len(text) > 120:
        return None
    last = text.rstrip()[-1:]
    if ends_sentence(text) and (
        last not in "?!"
        or words > 8
        or (max(chunk.blank_before, chunk.blank_after) <= ctx.typical_gap and not _title_case(text))
    ):
        return None
    level = 2
    rule = "blocks.heading"
    if numbered:
        label = numbered.group("n")
        rest = numbered.group("rest")
        if ends_full_stop(rest):
            return None
        if (
            _ROMAN.match(label)
            and len(label) > 0
            and (label != "I" or is_all_caps(rest) or ctx.has_roman_headings)
        ):
            level = 2
            rule = "blocks.numbered-heading"
        elif label.isdigit():
            level = 3 if ctx.has_roman_headings else 2
            rule = "blocks.numbered-heading"
        else:
            level = 4 if ctx.has_roman_headings else 3
            rule = "blocks.numbered-heading"
    elif caps:
        rule = "blocks.caps-heading"
    return Draft("heading", chunk, text=text, level=level, rule=rule, evidence=text, runner_up="paragraph")


def _title_case(text: str) -> bool:
    """True when most words (of 2 or more) start with a capital: ``What Happens Next?``."""
    words = [word for word in text.split() if word[:1].isalpha()]
    if is_all_caps(text):
        return False
    return len(words) >= 2 and sum(1 for word in words if word[:1].isupper()) >= 0.75 * len(words)


def rule_indented_quote(ctx: Context, index: int, chunk: Chunk) -> Draft | None:
    """Rule ``blocks.indented-quote``: indented 2 to 10 columns in a text of unindented paragraphs."""
    if ctx.indented_paragraphs:
        return None
    indents = [line.indent for line in chunk.lines]
    if min(indents) < 2 or max(indents) > 10:
        return None
    if len(chunk.lines) < 2 and chunk.words < 8:
        return None
    child = _paragraph(ctx, chunk)
    return Draft("quote", chunk, children=[child], rule="blocks.indented-quote", evidence=chunk.first)


#: The least mean probability of the ``quote`` role over a block's lines for
#: rule ``blocks.learned-quote``.
QUOTE_CONFIDENCE = 0.5


def rule_learned_quote(ctx: Context, index: int, chunk: Chunk) -> Draft | None:
    """Rule ``blocks.learned-quote``: above the first line of running text, a block the
    tagger reads as a quotation, line by line (an epigraph in curly quotes, a verse
    with its poet under it), at :data:`QUOTE_CONFIDENCE` on average, is a blockquote. Its line breaks are kept
    as in any verse (:func:`_paragraph`)."""
    if chunk.lines[-1].number >= ctx.first_body or chunk.lines[0].number <= min(ctx.roles, default=0):
        return None  # inside the text the quotation rules decide; the text's first line is no epigraph
    roles = [ctx.roles.get(line.number) for line in chunk.lines]
    if any(role is None or role.role != "quote" for role in roles):
        return None
    if sum(role.probability for role in roles if role is not None) / len(roles) < QUOTE_CONFIDENCE:
        return None
    child = _paragraph(ctx, chunk)
    return Draft("quote", chunk, children=[child], rule="blocks.learned-quote", evidence=chunk.first)


def _paragraph(ctx: Context, chunk: Chunk) -> Draft:
    texts = [collapse(text) for text in chunk.texts]
    verse = (
        len(texts) >= 2
        and all(len(text) < 45 for text in texts)
        and (ctx.wrap_width >= 60 or ctx.wrap_width < 45)
        and not any(_item_match(text) for text in texts)
        and (_line_ends_marked(texts) or ctx.wrap_width < 45)
    )
    if verse:
        return Draft(
            "paragraph",
            chunk,
            text=" ".join(texts),
            lines=texts,
            keep_breaks=True,
            rule="blocks.verse-lines",
            evidence=" / ".join(texts),
        )
    return Draft("paragraph", chunk, text=chunk.joined, rule="blocks.paragraph", evidence=chunk.joined)


def _line_ends_marked(texts: list[str]) -> bool:
    """True when most line ends look deliberate: punctuation, or a capital on the next line."""
    marked = sum(
        1
        for line, following in pairwise(texts)
        if line[-1:] in ",.;:!?—–-)" or following[:1].isupper() or following[:1].isdigit()
    )
    return marked * 2 >= len(texts) - 1


def rule_paragraph(ctx: Context, index: int, chunk: Chunk) -> Draft | None:
    """Rule ``blocks.paragraph`` (or ``blocks.verse-lines``): the fallback, always accepts."""
    return _paragraph(ctx, chunk)


def _symbol_share(text: str) -> float:
    visible = [ch for ch in text if not ch.isspace()]
    return sum(1 for ch in visible if not ch.isalnum()) / len(visible) if visible else 0.0


def rule_preformatted(ctx: Context, index: int, chunk: Chunk) -> Draft | None:
    """Rule ``blocks.preformatted``: a table or a drawing keeps its lines and spaces
    (:class:`Preformatted`): two or more lines that all hold ``|``-separated cells or
    columns set apart by tabs or three or more spaces, or three or more lines most
    of which are made mostly of symbols (ASCII art, box drawings)."""
    raw = [line.text.rstrip() for line in chunk.lines]
    if len(raw) < 2:
        return None
    inner = [text.strip() for text in raw]
    table = all(PIPE_CELL.search(t) for t in inner) or all(COLUMN_GAP.search(t) for t in inner)
    art = len(inner) >= 3 and sum(1 for t in inner if _symbol_share(t) > 0.5) * 2 > len(inner)
    if not (table or art):
        return None
    text = textwrap.dedent("\n".join(raw))
    rule = "blocks.preformatted-table" if table else "blocks.preformatted-art"
    return Draft("block", chunk, block=Preformatted(text), rule=rule, evidence=chunk.first)


#: A chunk of lines the tagger takes for furniture at this probability or more, but
#: not enough to leave them out, is kept in place as an aside, not as running text.
FURNITURE_ASIDE = 0.6
#: A chunk of this many words or more that ends a sentence is prose: it is set apart
#: as an :class:`Aside` only when the tagger gives every line its role at
#: :data:`PROSE_ASIDE` or more (a paragraph read as a signature at 0.6 stays a paragraph).
PROSE_WORDS = 12
PROSE_ASIDE = 0.8
#: Learned roles whose lines are kept apart from the running text (:class:`Aside`).
ASIDE_ROLES = frozenset({"caption", "meta", "kicker", "date", "title", "subtitle"})
#: Roles a chunk that is not prose is set apart for only where the order of a text
#: puts them: above its first or under its last line of running text (a signature,
#: a byline that names someone, a related-list label with no list, furniture the
#: tagger is not sure enough of to leave out). A bulleted chunk is the list rule's.
SURE_ASIDE_ROLES = frozenset({"signature", "byline", "related-label", "furniture"})


def _names_someone(text: str) -> bool:
    """Whether the byline ``text`` names at least one person (``By Jane Doe``; a
    heading such as ``The Early Years`` does not)."""
    names = byline_names(text)
    return any(looks_like_name(name.title() if name.isupper() else name) for name in names)


def rule_learned(ctx: Context, index: int, chunk: Chunk) -> Draft | None:
    """Rule ``blocks.learned-code`` / ``blocks.learned-aside``: a chunk whose every
    line the tagger labelled ``code`` keeps its lines and spaces
    (:class:`Preformatted`); one whose every line it labelled a non-body role
    (:data:`ASIDE_ROLES`: a caption, a meta line) stays in place as an
    :class:`Aside` of the most frequent of those roles; so does a chunk of lines
    the tagger gives furniture at :data:`FURNITURE_ASIDE` or more without being
    sure enough to leave them out. Below that, a line is the article's; so is a chunk
    of prose (:data:`PROSE_WORDS`) the tagger is not sure of (:data:`PROSE_ASIDE`)."""
    roles = [ctx.roles.get(line.number) for line in chunk.lines]
    if any(role is None for role in roles):
        return None
    names = [role.role for role in roles if role is not None]
    if all(name == "code" for name in names):
        text = textwrap.dedent("\n".join(line.text for line in chunk.lines))
        return Draft(
            "block", chunk, block=Preformatted(text), rule="blocks.learned-code", evidence=chunk.first
        )
    furniture = all(
        role is not None and role.role == "furniture" and role.probability >= FURNITURE_ASIDE
        for role in roles
    )
    prose = chunk.words >= PROSE_WORDS and ends_with_mark(chunk.joined)
    sure = all(role is not None and role.probability >= PROSE_ASIDE for role in roles)
    furniture = furniture and (sure or not prose)
    apart = all(name in ASIDE_ROLES for name in names) and (sure or not prose)
    outside = chunk.lines[0].number > ctx.last_body or chunk.lines[-1].number < ctx.first_body
    closing = (
        outside
        and not prose
        and chunk.joined[-1:] not in "!?"
        and not _BULLET.match(chunk.first)
        and all(name in ASIDE_ROLES | SURE_ASIDE_ROLES for name in names)
        and ("byline" not in names or _names_someone(chunk.joined))
    )
    if furniture or apart or closing:
        kind = "furniture" if furniture else max(sorted(set(names)), key=names.count)
        block = Aside(kind, inline_text(chunk.joined))
        return Draft("block", chunk, block=block, rule="blocks.learned-aside", evidence=chunk.first)
    return None


#: The block rules, in the order they are tried.
BLOCK_RULES: list[tuple[str, BlockRule]] = [
    ("preformatted", rule_preformatted),
    ("setext-heading", rule_setext),
    ("learned", rule_learned),
    ("break", rule_break),
    ("quote-marker", rule_quote_marker),
    ("list", rule_list),
    ("heading", rule_heading),
    ("indented-quote", rule_indented_quote),
    ("learned-quote", rule_learned_quote),
    ("paragraph", rule_paragraph),
]


def blocks(state: ReaderState) -> None:
    """Turn every body chunk into a :class:`Draft` (``state.drafts``)."""
    ctx = Context(state)
    drafts: list[Draft] = []
    for index, chunk in enumerate(ctx.body):
        if not chunk.lines:
            continue
        for _name, rule in BLOCK_RULES:
            draft = rule(ctx, index, chunk)
            if draft is not None:
                drafts.append(draft)
                break
    state.drafts = drafts
    state.head = state.tail
