"""What of the model a reader sees around the body, in reading order.

The reader keeps some of an article's words outside the blocks, in
``Document.metadata``: the publication and issue lines and a kicker above
the title, a letter's sender address, the date line as written (``Date: 23 June 2016``), source notes
(``From The New International, Vol. XIV No. 1 ...``), and a letter's
salutation, closing and signature. Every writer prints them, so every word of
the source reaches every format; this module says where, once, for the HTML
templates and the pandoc writers alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from converters.metatext import plain
from converters.model import Block, Document, Inline, Notes, Text
from converters.spaces import collapse_breaking


@dataclass(frozen=True)
class Dateline:
    """The date line as written, split around the date: ``before`` + ``date`` + ``after``.

    ``iso`` is the date's ISO form (for ``<time datetime>``).
    """

    before: str
    date: str
    after: str
    iso: str

    @property
    def text(self) -> str:
        return f"{self.before}{self.date}{self.after}"


@dataclass(frozen=True)
class Header:
    """The header lines around the title.

    Attributes:
        masthead: lines above the title, in order: publication, issue, kicker,
            then a letter's sender address lines.
        byline: the byline as written (``By Jane Smith``), or the names joined.
        dateline: the date line, or ``None``.
        other_dates: further date lines as written (``Date: 14 March 1921`` when a
            periodical line gave the article's date), printed after the dateline.
        source_notes: notes on where the text comes from, printed after the dateline.
    """

    masthead: tuple[str, ...]
    byline: str | None
    dateline: Dateline | None
    other_dates: tuple[str, ...]
    source_notes: tuple[str, ...]


@dataclass(frozen=True)
class Letter:
    """A letter's parts outside the body blocks (each ``None`` when absent)."""

    salutation: str | None
    closing: str | None
    signature: str | None


def _text(doc: Document, key: str) -> str | None:
    value = doc.metadata.get(key)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _texts(doc: Document, key: str) -> tuple[str, ...]:
    value = doc.metadata.get(key)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        return ()
    return tuple(v.strip() for v in value if isinstance(v, str) and v.strip())


def join_names(names: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


#: Words that join names in a byline (``and``, ``&``, ``und``, ``et``...), casefolded.
_NAME_JOINERS = frozenset(["and", "&", "und", "et", "y", "en", "e", "og", "och", "i"])


def byline_says_more(byline: str, names: Sequence[str]) -> bool:
    """Whether ``byline`` says more than ``names``: ``"By Tom Hale, Contributing writer"``
    does, ``"By Sam Okafor"`` and ``"von Anna Meier und Jan Roth"`` do not (their
    other words are the reader's "by" words, ``BYLINE_WORDS``, and :data:`_NAME_JOINERS`)."""
    from converters.readers.roles.lexicon import BYLINE_WORDS

    name_words = {w.casefold() for name in names for w in name.split()}
    words = [w.strip(",.;:").casefold() for w in byline.split()]
    return any(w and w not in name_words | BYLINE_WORDS | _NAME_JOINERS for w in words)


def dateline(doc: Document) -> Dateline | None:
    """The date as the article writes it: its whole date line (``Written: February 27,
    1914``), else its label and the date (``Date: 23 June 2016``), else the date."""
    if doc.date is None:
        return None
    date = doc.date.text
    line = _text(doc, "date_line")
    label = _text(doc, "date_label")
    if line is None and label is not None:
        line = f"{label} {date}"
    if line is None or date not in line:
        return Dateline("", date, "", doc.date.iso)
    before, _, after = line.partition(date)
    return Dateline(before, date, after, doc.date.iso)


def header(doc: Document) -> Header:
    """The header lines of ``doc`` (see :class:`Header`)."""
    line = dateline(doc)
    masthead = []
    for key in ("publication", "issue", "kicker"):
        value = _text(doc, key)
        # "New International, January 1948" is both the publication and the date line.
        if value and not (line is not None and value in line.text):
            masthead.append(value)
    masthead.extend(_texts(doc, "address"))  # a letter's sender address, above its date
    byline = _text(doc, "byline") or (join_names(doc.authors) if doc.authors else None)
    shown = line.text if line is not None else ""
    others = tuple(d for d in _texts(doc, "dates") if d not in shown)
    return Header(tuple(masthead), byline, line, others, _texts(doc, "source_note"))


#: Front matter keys a writer already prints or uses elsewhere (the header, the
#: running head, the package document's metadata): not repeated as fields.
USED_KEYS = frozenset(
    {
        "kicker",
        "publication",
        "issue",
        "short_title",
        "series",
        "series_index",
        "isbn",
        "publisher",
        "subjects",
        "subject",
        "rights",
        "description",
        "keywords",
        "dateline",
        "date",
        "byline",
        "source_note",
        "address",
        "related_label",
    }
)


def _field_text(value: object) -> str:
    """A front matter value as one line of text: a list joined with commas, a
    mapping as ``key: value`` pairs joined with semicolons."""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_field_text(v)}" for k, v in value.items() if _field_text(v))
    if isinstance(value, (list, tuple)):
        return ", ".join(t for t in (_field_text(v) for v in value) if t)
    return "" if value is None else str(value).strip()


def fields(doc: Document) -> tuple[tuple[str, str], ...]:
    """The front matter fields no other part of an output prints (``layout: post``,
    ``permalink: ...``), in source order, as ``(key, text)`` pairs (an empty value
    as ``""``: the key is a word of the source too). Printed at the end of the
    article, so every word of the source is in every format."""
    keys = doc.metadata.get("front_matter_keys")
    if not isinstance(keys, (list, tuple)):
        return ()
    out = []
    for key in keys:
        if not isinstance(key, str) or key in USED_KEYS:
            continue
        out.append((key, _field_text(doc.metadata.get(key))))
    return tuple(out)


def letter(doc: Document) -> Letter:
    """The salutation, closing and signature of a letter (see :class:`Letter`)."""
    return Letter(_text(doc, "salutation"), _text(doc, "closing"), _text(doc, "signature"))


#: A credit line's leading dash as typed: ``--``, ``-``, an en dash, an em dash,
#: a horizontal bar, or several of them, and the spaces after it.
_CREDIT_DASH = re.compile(r"^\s*(?:(?:--?|[\u2012-\u2015\u2212])\s*)+")
EM_DASH = "\u2014"


def credit(attribution: Sequence[Inline], *, dash: bool = False) -> tuple[Inline, ...]:
    """A quotation's credit line as every format prints it.

    A leading ``--``, ``—``, ``–`` or ``―`` (as typed) becomes one em dash and
    a space: ``-- Henry Ward Beecher`` gives ``— Henry Ward Beecher``. A
    credit written without a dash keeps its text; with ``dash`` (the pandoc
    formats, where nothing else tells a credit from the quotation's last
    paragraph) it gets the em dash too. The other inlines are kept.
    """
    items = list(attribution)
    first = items[0] if items else None
    rest = _CREDIT_DASH.sub("", first.text, count=1) if isinstance(first, Text) else ""
    if isinstance(first, Text) and rest != first.text and (rest.strip() or len(items) > 1):
        items[0] = Text(rest)
        dash = True
    if not dash:
        return tuple(items)
    head = items[0] if items else None
    if isinstance(head, Text):
        items[0] = Text(f"{EM_DASH} {head.text}")
    else:
        items.insert(0, Text(f"{EM_DASH} "))
    return tuple(i for i in items if not (isinstance(i, Text) and not i.text))


#: Longest running head, in characters: one line of the 8.5 pt italic head
#: across the narrowest page (A5, about 108 mm of text width) holds about 85.
RUNNING_HEAD_MAX = 70
ELLIPSIS = "\u2026"


def running_head(doc: Document, limit: int = RUNNING_HEAD_MAX) -> str:
    """The PDF's running head: front matter ``short_title``, else the title, on one line.

    Longer than ``limit`` characters, it is cut at the last word boundary
    that fits and ends in an ellipsis (``…``), trailing punctuation dropped;
    a single word longer than ``limit`` is cut inside it. ``""`` when the
    document has no title.
    """
    short = doc.metadata.get("short_title")
    text = short if isinstance(short, str) and short.strip() else (doc.title or "")
    text = collapse_breaking(plain(text))  # one line: soft hyphens and zero-width spaces break nothing
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.\u2013\u2014-") + ELLIPSIS


def split_trailing_notes(blocks: Sequence[Block]) -> tuple[tuple[Block, ...], tuple[Block, ...]]:
    """Split ``blocks`` into the text and the notes blocks that end it, so a letter's
    closing and signature can stand after the text and before its notes."""
    end = len(blocks)
    while end and isinstance(blocks[end - 1], Notes):
        end -= 1
    return tuple(blocks[:end]), tuple(blocks[end:])
