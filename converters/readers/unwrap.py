"""Joining hard-wrapped lines into one paragraph's text (rule ``unwrap``).

Lines are joined with one space, except where a line ends in a hyphen or a
dash that belongs to the word or phrase going on below it:

* ``offer—`` / ``which`` (an em or en dash, or ``--``, right after a word)
  gives ``offer—which``; a spaced dash (``offer —`` / ``which``) keeps its
  space.
* ``long-`` / ``term``, ``self-`` / ``employed``, ``COVID-`` / ``19`` keep
  the hyphen and lose the space: ``long-term``, ``COVID-19``.
* ``intimid-`` / ``ate`` loses the hyphen too (``intimidate``) when the text
  itself shows the word is one: the joined spelling occurs elsewhere in it
  and the hyphenated one does not (:class:`Vocabulary`). Without that
  evidence the hyphen is kept: plain-text wrapping (mail clients, ``fmt``,
  editors) never inserts hyphens, so a hyphen at a line end is nearly always
  the writer's. A hyphenation dictionary cannot make this call: pyphen
  (Hunspell's patterns) allows a break in ``self|employed`` and
  ``well|known`` as readily as in ``hap|piness``, and none in ``long|term``.
* A suspended hyphen, ``pre-`` / ``and post-war`` or ``Ein-`` / ``und
  Ausgang`` (a conjunction follows), keeps its space.
* A soft hyphen (U+00AD) at a line end marks a word broken on purpose: it is
  dropped and the halves joined.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_SPACES = re.compile(r"[ \t]+")
_DASHES = ("\u2014", "\u2013", "--")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
#: The letters just before a line's final hyphen (the first half of a broken word).
_LEFT_HALF = re.compile(r"([^\W\d_]*)-$")
#: The letters that open the next line (the second half).
_RIGHT_HALF = re.compile(r"[^\W\d_]+")
#: Conjunctions that follow a suspended hyphen (``pre- and post-war``, ``Ein- und Ausgang``).
_SUSPENDING = frozenset(
    {"and", "or", "nor", "und", "oder", "bis", "et", "ou", "y", "o", "e", "och", "eller", "og"}
)


class Vocabulary:
    """The words of one text, lower-cased: the evidence for mending a broken word.

    ``count(word)`` is how often ``word`` occurs as a whole word (hyphenated
    compounds count as written, ``self-employed``, and their parts are not
    counted separately; a word broken at a line end counts as its two
    halves). The words are counted on the first question, so a text with no
    hyphen at a line end never pays for it.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._counts: Counter[str] | None = None

    def count(self, word: str) -> int:
        """How often ``word`` (any case) occurs in the text."""
        if self._counts is None:
            self._counts = Counter(match.group(0).lower() for match in _WORD.finditer(self._text))
        return self._counts[word.lower()]


def join_lines(lines: Iterable[str], vocabulary: Vocabulary | None = None) -> str:
    """Join the (already stripped) lines of one block into one line of text.

    Runs of spaces and tabs collapse to one space and the ends are stripped, as
    :func:`converters.readers.state.collapse` does, and empty lines are skipped. See the module's rules for
    line ends in a hyphen or dash; ``vocabulary`` is the text's own words, the
    only evidence used to drop a hyphen.
    """
    parts: list[str] = []
    for line in lines:
        text = _SPACES.sub(" ", line).strip()
        if not text:
            continue
        if parts:
            parts[-1], glue = _glue(parts[-1], text, vocabulary)
            parts.append(glue)
        parts.append(text)
    return "".join(parts)


def _glue(before: str, after: str, vocabulary: Vocabulary | None) -> tuple[str, str]:
    """``(before, glue)``: the previous line (a soft hyphen or broken word's hyphen
    dropped) and what goes between it and ``after``."""
    if before.endswith("\u00ad"):
        return before[:-1], ""
    if before.endswith(_DASHES):
        dash = next(d for d in _DASHES if before.endswith(d))
        return before, "" if len(before) > len(dash) and not before[-len(dash) - 1].isspace() else " "
    if not before.endswith("-") or len(before) < 2 or not before[-2].isalnum():
        return before, " "  # no hyphen, or a spaced one used as a dash
    right = _RIGHT_HALF.match(after)
    if right is None:
        return before, ""  # COVID- / 19
    word = right.group(0)
    if word.lower() in _SUSPENDING and after[len(word) : len(word) + 1] in ("", " "):
        return before, " "  # pre- / and post-war, Ein- / und Ausgang (not rock- / and-roll)
    left = _LEFT_HALF.search(before)
    if word.islower() and left is not None and _broken_word(left.group(1), word, vocabulary):
        return before[:-1], ""
    return before, ""


def _broken_word(left: str, right: str, vocabulary: Vocabulary | None) -> bool:
    """Whether ``left-`` + ``right`` is one word the line broke, on the text's own evidence."""
    if vocabulary is None or not left:
        return False
    return vocabulary.count(left + right) > 0 and vocabulary.count(f"{left}-{right}") == 0


__all__ = ["Vocabulary", "join_lines"]
