"""Strings in running text that are not words of the language: never hyphenate them.

The typeset formats hyphenate the text (CSS ``hyphens: auto``, WeasyPrint
through pyphen's dictionaries), and a dictionary breaks anything made of
letters: a 128-character checksum, a commit hash or ``parse_http_headers``
got a hyphen that is not part of it, so the text copied out of the PDF was
wrong. :func:`literal_runs` finds such strings so the templates can mark them
``<span class="literal">``; the styles (and, for the PDF, plainpress's own page
stylesheet, whatever the style) give ``.literal`` ``hyphens: none`` and
``overflow-wrap: anywhere``: they still break at the line end, without a hyphen.

A literal is a run of non-space characters, at least :data:`MIN_LENGTH` long
(shorter runs are never hyphenated anyway), that holds a digit or an
underscore, a lower-case letter followed by a capital (``camelCase``), or a
path, dotted-name or e-mail punctuation between letters (``os.path.join``,
``a/b/c``, ``x@y``), or that is made of hexadecimal digits only and is 16 or
more characters long (``deadbeefcafebabe``). Words, hyphenated compounds and
ordinary punctuation are left to the hyphenation dictionary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

#: Shorter strings are below WeasyPrint's ``hyphenate-limit-chars`` (5) anyway.
MIN_LENGTH = 6

_RUN = re.compile(r"\S+")
_EDGES = "\"'“”‘’«»()[]{}.,;:!?…"
_MACHINE = re.compile(r"[\d_]|[a-z][A-Z]|\w[./\\@]\w")
_HEX = re.compile(r"[0-9a-fA-F]{16,}")


def is_literal(token: str) -> bool:
    """Whether ``token`` (a run without spaces, punctuation around it ignored) is a machine
    string rather than a word: see the module's rules."""
    core = token.strip(_EDGES)
    if len(core) < MIN_LENGTH:
        return False
    return bool(_MACHINE.search(core) or _HEX.fullmatch(core))


def _literal_spans(value: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each literal in ``value``, surrounding punctuation left out."""
    for match in _RUN.finditer(value):
        token = match.group(0)
        if is_literal(token):
            lead = len(token) - len(token.lstrip(_EDGES))
            yield match.start() + lead, match.start() + len(token.rstrip(_EDGES))


def literal_runs(value: str) -> list[tuple[bool, str]]:
    """Split ``value`` into ``(is_literal, text)`` runs, in order; the texts join back to
    ``value``. Punctuation around a literal (a closing bracket, a full stop) stays outside it."""
    return runs_from_spans(value, _literal_spans(value))


def runs_from_spans(value: str, spans: Iterable[tuple[int, int]]) -> list[tuple[bool, str]]:
    """``value`` cut into ``(inside, text)`` runs at ``spans`` (``(start, end)`` offsets,
    in order, not overlapping): ``inside`` is true for the text of a span."""
    runs: list[tuple[bool, str]] = []
    pos = 0
    for start, end in spans:
        if start > pos:
            runs.append((False, value[pos:start]))
        runs.append((True, value[start:end]))
        pos = end
    if pos < len(value):
        runs.append((False, value[pos:]))
    return runs


__all__ = ["MIN_LENGTH", "is_literal", "literal_runs", "runs_from_spans"]
