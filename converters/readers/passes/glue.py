"""What a web page glued to its headline: a date, a label, a button.

A title line copied from a page often carries more than the headline: the page's
date written before it (``date 2020-02-06 Nigeria: Police ...``), a date after a
separator (``Statement on resignations | 18 February 2019``) or an interface
string after it (``... in the election campaign! Recommended``). Rule
``roles.title-glue`` takes such a piece off the title; the caller keeps every
word of it (the date as the document's date or a source note, an interface
string as announced furniture).

Only these shapes are taken, so a headline that names a date (``The Events of
11 September 2001``) keeps it:

* a date at the very start, after at most one label word (``date``, ``Posted``),
  followed by three words or more that start with a capital letter or a digit;
* a date after ``|``, ``·`` or ``•`` at either end (a dash may join a date range or an
  issue line's date: ``Volume 8, Number 5 – March 30, 2005`` stays whole);
* an interface string (:data:`~converters.readers.roles.lexicon.INTERFACE`) after such a
  separator or a dash between spaces, at either end;
* an interface string after the headline's closing ``!``, ``?`` or ``.``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from converters.readers.dates import find_date
from converters.readers.roles.lexicon import INTERFACE

#: A separator between a headline and a piece a page glued to it.
SEPARATOR = re.compile(r"\s+(?:[|·•]|[-–—])\s+")
#: How many words a label before a leading date may have (``date``, ``Posted on``).
LABEL_WORDS = 2
#: The fewest words a headline keeps after a leading date is taken off.
MIN_HEADLINE_WORDS = 3


@dataclass
class Unglued:
    """A title line taken apart: the headline, and the glued ``dates`` and
    ``interface`` strings in the order they stood."""

    title: str
    dates: list[str] = field(default_factory=list)
    interface: list[str] = field(default_factory=list)


def _is_date(piece: str, language: str | None) -> bool:
    """Whether ``piece`` is a date and little else (a label word may stand before it)."""
    match = find_date(piece, language=language)
    if match is None:
        return False
    rest = (piece[: match.start] + piece[match.end :]).split()
    return len(rest) <= 1


def _is_interface(piece: str) -> bool:
    return " ".join(piece.split()).casefold().strip(" .:!") in INTERFACE


def unglue(text: str, language: str | None = None) -> Unglued:
    """Split the glued pieces off the title line ``text`` (see the module docstring).

    Shape: ``(str, BCP 47 tag | None) -> Unglued``; ``Unglued.title`` is never empty
    (a line that would be all glue stays whole). Never raises.
    """
    out = Unglued(text.strip())
    match = find_date(out.title, language=language)
    if match is not None and len(out.title[: match.start].split()) <= LABEL_WORDS:
        rest = out.title[match.end :].strip(" ,:|-–—")
        if len(rest.split()) >= MIN_HEADLINE_WORDS and (rest[:1].isupper() or rest[:1].isdigit()):
            out.dates.append(out.title[: match.end].strip())
            out.title = rest
    pieces = SEPARATOR.split(out.title)
    while len(pieces) > 1:
        separators = SEPARATOR.findall(out.title)
        for end in (-1, 0):
            piece = pieces[end].strip()
            if _is_date(piece, language) and separators[end].strip() in "|·•":
                out.dates.append(piece)
            elif _is_interface(piece):
                out.interface.append(piece)
            else:
                continue
            del pieces[end]
            out.title = _rejoin(pieces, separators[:-1] if end == -1 else separators[1:])
            break
        else:
            break
    head, _space, last = out.title.rpartition(" ")
    if head.rstrip()[-1:] in ("!", "?", ".") and _is_interface(last):
        out.interface.append(last)
        out.title = head.rstrip()
    return out


def _rejoin(pieces: list[str], separators: list[str]) -> str:
    """``pieces`` joined again with the ``separators`` that stood between them."""
    text = pieces[0]
    for separator, piece in zip(separators, pieces[1:], strict=False):
        text += separator + piece
    return text.strip()
