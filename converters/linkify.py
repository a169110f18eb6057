"""Finding URLs in plain text, with the trailing-punctuation rules of GitHub's
autolinks (GFM, "Autolinks (extension)") and linkify-it.

A URL starts with ``http://``, ``https://``, ``ftp://`` or ``www.`` not glued
to a preceding letter, digit or slash, and runs up to white space or an
angle bracket. Then, from its end:

- punctuation that usually ends the sentence around it (``? ! . , : ; * _ ~``,
  quotes, closing typographic quotes and guillemets) is left out;
- a closing ``)``, ``]`` or ``}`` is left out while the URL has more of them
  than of the opening bracket (balanced parentheses), so
  ``(see https://en.wikipedia.org/wiki/Pipe_(unix))`` gives
  ``https://en.wikipedia.org/wiki/Pipe_(unix)``.

:func:`split_title_url` reads a related-list item ``Title (https://...)``,
``Title <https://...>``, ``Title - https://...`` or ``Title: https://...``.
"""

from __future__ import annotations

import re

_PREFIX = r"(?:(?:https?|ftp)://|www\.)"
_CANDIDATE = re.compile(rf"(?<![\w/@.]){_PREFIX}[^\s<>]+", re.IGNORECASE)
_PREFIX_ONLY = re.compile(_PREFIX, re.IGNORECASE)
_TRAILING = "?!.,:;*_~'\"\u201d\u2019\u00bb\u203a"
_BRACKETS = {")": "(", "]": "[", "}": "{"}
_WRAPPERS = {"(": ")", "<": ">", "[": "]"}
#: What may separate a title from its URL: a dash, a bar or a colon.
_SEPARATOR = re.compile(r"\s*[-\u2010-\u2015|:]?\s*$")


def _trim(url: str) -> str:
    """``url`` without the characters that end the sentence around it (see the module docstring)."""
    while url:
        last = url[-1]
        unbalanced = last in _BRACKETS and url.count(last) > url.count(_BRACKETS[last])
        if last not in _TRAILING and not unbalanced:
            break
        url = url[:-1]
    return url


def find_urls(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` character offsets of every URL in ``text``, in order.

    >>> text = "Pipes (https://en.wikipedia.org/wiki/Pipe_(unix))."
    >>> [text[s:e] for s, e in find_urls(text)]
    ['https://en.wikipedia.org/wiki/Pipe_(unix)']
    """
    spans = []
    for match in _CANDIDATE.finditer(text):
        url = _trim(match.group())
        prefix = _PREFIX_ONLY.match(url)
        if prefix is not None and len(url) > prefix.end():  # more than "https://" alone
            spans.append((match.start(), match.start() + len(url)))
    return spans


def split_title_url(text: str) -> tuple[str, str] | None:
    """A related-list line read as ``(title, url)`` when it ends with a URL, else ``None``.

    The URL may be wrapped in parentheses, angle brackets or square brackets,
    or follow a dash, bar or colon; a sentence's full stop after it is
    allowed. The title is what comes before, without the wrapper or separator.
    ``None`` when nothing but the URL is on the line, or text follows it.

    >>> split_title_url("The Eight-Hour Day (https://example.org/eight_(hours))")
    ('The Eight-Hour Day', 'https://example.org/eight_(hours)')
    >>> split_title_url("The Eight-Hour Day <https://example.org/8>")
    ('The Eight-Hour Day', 'https://example.org/8')
    """
    spans = find_urls(text)
    if not spans:
        return None
    start, end = spans[-1]
    before, after = text[:start].rstrip(), text[end:].strip()
    opener = before[-1:]
    if opener in _WRAPPERS and after.startswith(_WRAPPERS[opener]):
        before, after = before[:-1], after[1:].strip()
    if after.strip(".,;"):
        return None
    title = _SEPARATOR.sub("", before).strip()
    return (title, text[start:end]) if title else None


def bare_url(text: str) -> str | None:
    """The URL when ``text`` is nothing but one, perhaps wrapped (``<https://...>``,
    ``(https://...)``) or followed by a full stop; else ``None``."""
    spans = find_urls(text)
    if len(spans) != 1:
        return None
    start, end = spans[0]
    before, after = text[:start].strip(), text[end:].strip()
    if before and (before not in _WRAPPERS or not after.startswith(_WRAPPERS[before])):
        return None
    if before:
        after = after[1:]
    return None if after.strip(".,;") else text[start:end]


__all__ = ["bare_url", "find_urls", "split_title_url"]
