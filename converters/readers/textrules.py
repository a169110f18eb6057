"""Small shared judgements about one line or block of text.

Each predicate is pure (``str -> bool`` or similar) and is used by more than
one pass; rules used by a single pass live in that pass.
"""

from __future__ import annotations

import re

OPEN_QUOTES = '"“„«‘‹「『'
CLOSE_QUOTES = '"”»’›」』“'
#: Punctuation that ends a sentence (closing quotes and brackets may follow it).
#: The marks that end a sentence in the scripts of the world: Latin and Cyrillic
#: ``.!?…``, CJK ``。！？``, Arabic ``؟``, Devanagari ``।``, Ethiopic ``።``.
SENTENCE_MARKS = ".!?…。！？؟।።"
_TERMINAL = re.compile(r"(?:[" + re.escape(SENTENCE_MARKS) + r":;,،][\"”’»)\]」』]*|:\s*[-–—])$")
_FULL_STOP = re.compile(r"[.…][\"”’»)\]]*$")

_NAME_PARTICLES = frozenset(
    {
        "de",
        "da",
        "del",
        "della",
        "der",
        "den",
        "di",
        "du",
        "van",
        "von",
        "la",
        "le",
        "bin",
        "ibn",
        "al",
        "y",
        "dos",
    }
)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-z]?\.|[A-ZÀ-ÖØ-Þ][\w'’\-]*[a-zß-ÿ][\w'’\-]*|[A-Z]{1}\.[A-Z]\.)$")
_NOT_NAME_TEXT = """
    the a an of and for in on at to by with from is are was were be new news home index archive menu
    contents search about contact subscribe login page posts comments share follow introduction
    background conclusion summary notes references statement report letter telegraph times post
    herald guardian worker workers league party union committee press review journal magazine
    newspaper daily weekly monthly international national socialist communist correspondent editor
    reporter writer secretary organiser organizer president chair chairman member staff officer
    director professor lecturer student contributor columnist spokesperson spokesman spokeswoman
"""
#: Words that never occur in a personal name (titles, mastheads, roles).
_NOT_NAME_WORDS = frozenset(_NOT_NAME_TEXT.split())


_NOTE_MARKERS = re.compile(r"(?:\s?\[\d{1,3}\]|\^\d{1,3}|(?<=[.!?”’\"])(?:\d{1,3}|\(\d{1,3}\)))+$")


#: A table cell boundary: ``|`` between two cells, or a column gap of a tab or
#: three or more spaces between two words (aligned plain-text tables).
PIPE_CELL = re.compile(r"\S\s*\|\s*\S")
COLUMN_GAP = re.compile(r"\S(?: {3,}|\t+)\S")


def strip_note_markers(text: str) -> str:
    """``text`` without trailing note markers (``agreed.[1]``, ``agreed.1``)."""
    return _NOTE_MARKERS.sub("", text.rstrip())


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence punctuation (``.``, ``!``, ``?``, ``:``, ``;``, ``,``),
    trailing note markers (``[1]``) aside."""
    return bool(_TERMINAL.search(strip_note_markers(text)))


def ends_with_mark(text: str) -> bool:
    """True when ``text`` ends with a mark of :data:`SENTENCE_MARKS` (closing quotes
    and brackets after it allowed)."""
    return text.rstrip().rstrip("\"”’»)]」』'")[-1:] in SENTENCE_MARKS and bool(text.strip())


def ends_full_stop(text: str) -> bool:
    """True when ``text`` ends with a full stop (or ellipsis), quotes after it allowed."""
    return bool(_FULL_STOP.search(strip_note_markers(text)))


def opens_quote(text: str) -> bool:
    """True when ``text`` starts with an opening quotation mark."""
    stripped = text.lstrip()
    return bool(stripped) and stripped[0] in OPEN_QUOTES


def closes_quote(text: str) -> bool:
    """True when ``text`` ends with a closing quotation mark, optionally followed by
    sentence punctuation or a short bracketed citation (``” (Trotsky, 1930).``)."""
    stripped = re.sub(r"\s*\([^()]{1,80}\)[.,;]?$", "", strip_note_markers(text))
    stripped = stripped.rstrip(".,;:!? ")
    return bool(stripped) and stripped[-1] in CLOSE_QUOTES


def wholly_quoted(text: str) -> bool:
    """True when ``text`` opens and closes with quotation marks (one quoted passage)."""
    return opens_quote(text) and closes_quote(text) and len(text.strip()) > 2


def looks_like_name(text: str) -> bool:
    """True for a bare personal name: 2 to 4 capitalised words (``Luis Velasco``,
    ``J. R. Smith``, ``Ana de la Cruz``), no digits or other punctuation."""
    words = text.strip().split()
    if not 2 <= len(words) <= 5:
        return False
    capitalised = 0
    for word in words:
        if word.lower() in _NAME_PARTICLES:
            continue
        if word.lower().strip(".") in _NOT_NAME_WORDS:
            return False
        if not _NAME_TOKEN.match(word):
            return False
        if word.isupper() and len(word) > 2:
            return False
        capitalised += 1
    return 2 <= capitalised <= 4


def word_count(text: str) -> int:
    """Number of white-space separated words."""
    return len(text.split())


def letters(text: str) -> str:
    """Only the letters of ``text``."""
    return "".join(ch for ch in text if ch.isalpha())


def is_all_caps(text: str) -> bool:
    """True when ``text`` has at least 3 letters, all of them upper case."""
    only = letters(text)
    return len(only) >= 3 and only.isupper()


_DASH_ATTRIBUTION = re.compile(r"^(?:[—–―]|--)\s*(?P<who>\S.*)$")


def dash_attribution(text: str) -> bool:
    """True for an attribution line under a quotation: a dash (``—``, ``–``, ``--``;
    not a single ``-``, a list marker) and up to ten words starting with a capital
    (``— Lao Tzu``, ``-- Jane Roe, 1921``)."""
    match = _DASH_ATTRIBUTION.match(text.strip())
    return match is not None and match.group("who")[:1].isupper() and word_count(text) <= 10


def quote_then_attribution(lines: list[str]) -> bool:
    """True when ``lines`` are a quotation wholly in quotation marks followed by a
    :func:`dash_attribution` line (an epigraph in one block)."""
    if len(lines) < 2 or not dash_attribution(lines[-1]):
        return False
    return wholly_quoted(" ".join(line.strip() for line in lines[:-1]))
