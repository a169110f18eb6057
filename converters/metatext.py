"""Metadata and navigation strings without invisible formatting characters.

A soft hyphen (U+00AD) or a zero-width space (U+200B) in a title helps line
breaking in the text, so the body keeps it; in a string that is searched,
compared or shown outside the flow of text (the HTML ``<title>``, ``<meta>``
values, the EPUB's ``dc:title``, nav and NCX labels, the PDF's ``/Title``
and bookmarks, Markdown front matter, the downloads index and manifest) it
only makes ``Internationalism`` unfindable. :func:`plain` removes them there.

Zero-width joiners and non-joiners (U+200D, U+200C) are kept: they change how
Arabic, Persian and Indic words and emoji are drawn.
"""

from __future__ import annotations

from collections.abc import Iterable

#: Soft hyphen, zero-width space, word joiner, zero-width no-break space (BOM),
#: Mongolian vowel separator: invisible, break-or-not hints only.
INVISIBLE = "\u00ad\u200b\u2060\ufeff\u180e"

_DROP = dict.fromkeys(map(ord, INVISIBLE))


def plain(text: str) -> str:
    """``text`` without the characters of :data:`INVISIBLE` (``"Inter\\u00adnational"`` gives
    ``"International"``)."""
    return text.translate(_DROP)


def plain_all(texts: Iterable[str]) -> tuple[str, ...]:
    """:func:`plain` of each string, in order (author lists and the like)."""
    return tuple(plain(t) for t in texts)


__all__ = ["INVISIBLE", "plain", "plain_all"]
