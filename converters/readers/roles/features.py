"""Features of each non-blank line, for the line-role tagger.

Shape: :func:`line_features` takes the document's lines (``list[str]``, the
text split on ``"\\n"``, 1-based line numbers = index + 1) and its language
(ISO 639-1 or ``None``) and returns one ``dict[str, float]`` per *non-blank*
line, in order, with the 1-based line numbers beside them. The features are
the clues the labelled corpus taught to matter (see the README, "How the
reader decides"):

* **layout**: position among the non-blank lines and relative to the first
  prose line, blank lines around, indentation, length, case, the first and
  last characters, the run of short lines it sits in (a menu is a run of
  short lines);
* **content**: dates (:func:`converters.readers.dates.find_date`), a "by"
  word, a name-like shape, a ``Key: value`` shape and e-mail header keys,
  URLs, ``|`` separators, stop-word share in the document's language
  (jusText's stoplists), interface strings in many languages
  (:mod:`converters.readers.roles.lexicon`), and the older reader's
  web-leftover tests (:mod:`converters.readers.roles.cues`) kept as clues,
  not decisions;
* **relation to the article**: the share of the line's content words that
  recur elsewhere in the text (a headline's words come back in the body, a
  site name's do not), and whether the line is repeated;
* **neighbours**: a few of these for the lines one and two above and below.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from converters.readers.dates import find_date
from converters.readers.roles.cues import junk_reason
from converters.readers.roles.lexicon import (
    BYLINE_WORDS,
    INTERFACE,
    INTERFACE_WORDS,
    RELATED_LABELS,
    STOPLIST_NAMES,
)

Features = dict[str, float]

_WORD = re.compile(r"\w+", re.UNICODE)
_URL = re.compile(r"https?://|www\.\w", re.IGNORECASE)
#: Searched only in a line holding ``@``: on a long run of word characters the
#: leading ``[\w.+-]+`` would be tried from every position (quadratic).
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_BULLET = re.compile(r"^\s*(?:[-*+•◦▪·–]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)])\s+\S")
_KEY_VALUE = re.compile(r"^\s*[\w][\w .'/-]{0,24}\s?:\s+\S")
_MAIL_KEY = re.compile(
    r"^(?:from|to|cc|subject|date|newsgroups|message-id|organi[sz]ation|lines|reply-to|path|sender|"
    r"references|keywords|summary|followup-to|x-[\w-]+|in-reply-to|content-type|mime-version|archive-name|"
    r"posting-frequency|last-modified|version|url|title|author|release date|language|posting date)\s*:",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}\b")
_GUTENBERG = re.compile(r"project gutenberg|\*\*\* ?(?:start|end) of", re.IGNORECASE)
_DIVIDER = re.compile(r"^[\s\-=_*~#.·•+]{3,}$")
_END_PUNCT = {".": "stop", "!": "stop", "?": "q", ":": "colon", ",": "comma", ";": "semi", "…": "ell"}


@lru_cache(maxsize=32)
def stopwords(language: str | None) -> frozenset[str]:
    """jusText's stop-word list for ``language`` (casefolded), English when it has none."""
    name = STOPLIST_NAMES.get((language or "en").split("-")[0].lower(), "English")
    spec = find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "stoplists" / f"{name}.txt"
    if not path.exists():
        path = path.with_name("English.txt")
    return frozenset(w.strip().casefold() for w in path.read_text(encoding="utf-8").split("\n") if w.strip())


def stems(words: list[str], stop: frozenset[str]) -> set[str]:
    """The content words of ``words`` (not stop words, over 3 letters), cut to their
    first 5 letters, a crude stem that lets ``farmer`` meet ``farmers`` in most languages."""
    return {w.casefold()[:5] for w in words if len(w) > 3 and w.casefold() not in stop}


def _bucket(value: float, edges: tuple[float, ...]) -> str:
    for edge in edges:
        if value <= edge:
            return f"<={edge:g}"
    return f">{edges[-1]:g}"


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalpha())


def _latin_share(letters: str) -> float:
    if not letters:
        return 1.0
    return sum(1 for ch in letters if "LATIN" in unicodedata.name(ch, "LATIN")) / len(letters)


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _shape(text: str, words: list[str], stop: frozenset[str]) -> Features:
    """The features of one line on its own (no neighbours, no document)."""
    f: Features = {}
    stripped = text.strip()
    letters = _letters(stripped)
    n = len(words)
    f["words=" + _bucket(n, (1, 2, 3, 4, 6, 9, 14, 20, 30, 50, 90))] = 1
    f["chars=" + _bucket(len(stripped), (3, 10, 20, 40, 60, 80, 120, 200, 400))] = 1
    if letters:
        upper = sum(1 for ch in letters if ch.isupper())
        if upper == len(letters) and len(letters) > 1:
            f["allcaps"] = 1
        caps = sum(1 for w in words if w[:1].isupper())
        f["capshare=" + _bucket(caps / max(n, 1), (0, 0.3, 0.6, 0.9, 1.0))] = 1
        if _latin_share(letters) < 0.5:
            f["nonlatin"] = 1
    first = stripped[:1]
    f[
        "first=" + ("U" if first.isupper() else "l" if first.islower() else "d" if first.isdigit() else first)
    ] = 1
    last = stripped[-1:]
    f["last=" + _END_PUNCT.get(last, "a" if last.isalnum() else "d" if last.isdigit() else last)] = 1
    if n:
        share = sum(1 for w in words if w.casefold() in stop) / n
        f["stop=" + _bucket(share, (0, 0.1, 0.2, 0.3, 0.45))] = 1
    folded = _key(stripped)
    if folded in INTERFACE:
        f["ui_exact"] = 1
    if folded in RELATED_LABELS:
        f["related_label"] = 1
    if n and n <= 12:
        ui = sum(1 for w in words if w.casefold() in INTERFACE_WORDS) / n
        if ui:
            f["ui_share=" + _bucket(ui, (0.3, 0.6, 1.0))] = 1
    if words and words[0].casefold() in BYLINE_WORDS and n <= 12:
        f["by_word"] = 1
    if 2 <= n <= 5 and all(w[:1].isupper() for w in words) and not any(ch.isdigit() for ch in stripped):
        f["namelike"] = 1
    found = find_date(stripped)
    if found is not None:
        f["date"] = 1
        span = (found.end - found.start) / max(len(stripped), 1)
        f["dateshare=" + _bucket(span, (0.3, 0.6, 0.9))] = 1
        f["dateprec=" + str(found.value.iso.count("-"))] = 1
    if _TIME.search(stripped):
        f["time"] = 1
    if _URL.search(stripped):
        f["url"] = 1
    if "@" in stripped and _EMAIL.search(stripped):
        f["email"] = 1
    pipes = stripped.count("|") + stripped.count("•") + stripped.count("·")
    if pipes:
        f["pipes=" + _bucket(pipes, (1, 2, 4))] = 1
    if "\t" in text.strip("\t"):
        f["tab_inside"] = 1
    if re.search(r"\S {3,}\S", stripped):
        f["spaced_columns"] = 1
    if _BULLET.match(stripped):
        f["bullet"] = 1
    if stripped.startswith(">"):
        f["gt"] = 1
    if stripped[:1] in "\"“„«'‘":
        f["open_quote"] = 1
    if stripped[-1:] in "\"”»'’":
        f["close_quote"] = 1
    if stripped[:1] in "-–—―~" and not _DIVIDER.match(stripped):
        f["dash_start"] = 1
    if _DIVIDER.match(stripped):
        f["divider"] = 1
    if _MAIL_KEY.match(stripped):
        f["mail_key"] = 1
    elif _KEY_VALUE.match(stripped):
        f["key_value"] = 1
    junk = junk_reason(stripped)
    if junk:
        f["junk=" + junk] = 1
    if _GUTENBERG.search(stripped):
        f["gutenberg"] = 1
    if "©" in stripped or folded.startswith("copyright"):
        f["copyright"] = 1
    if stripped.startswith(("[", "(")) and stripped.endswith(("]", ")")):
        f["bracketed"] = 1
    if re.match(r"^\[?\(?\d{1,3}[\])]?\s", stripped) or re.match(r"^\[\d{1,3}\]", stripped):
        f["note_mark"] = 1
    digits = sum(1 for ch in stripped if ch.isdigit())
    if digits:
        f["digits=" + _bucket(digits / max(len(stripped), 1), (0.1, 0.3, 0.6))] = 1
    sentences = len(re.findall(r"[.!?。！？][\"”’)]?(?:\s|$)", stripped))
    f["sentences=" + _bucket(sentences, (0, 1, 2, 4))] = 1
    return f


#: The one-line features copied to the neighbours' feature sets.
_NEIGHBOUR_KEYS = ("allcaps", "date", "ui_exact", "by_word", "namelike", "url", "bullet", "gt", "divider")
_NEIGHBOUR_PREFIXES = ("words=", "last=", "stop=", "sentences=")


def line_features(lines: list[str], language: str | None = None) -> list[tuple[int, Features]]:
    """Return ``[(line_number, features), ...]`` for every non-blank line of ``lines``.

    ``line_number`` is 1-based. Never raises on any list of strings.
    """
    stop = stopwords(language)
    numbered = [(i + 1, line) for i, line in enumerate(lines) if line.strip()]
    tokens = [_WORD.findall(text) for _n, text in numbered]
    keys = [_key(text) for _n, text in numbered]
    key_count = Counter(k for k in keys if k)
    content = [stems(ws, stop) for ws in tokens]
    first_at: dict[str, int] = {}
    last_at: dict[str, int] = {}
    for index, words in enumerate(content):
        for word in words:
            first_at.setdefault(word, index)
            last_at[word] = index
    first_prose = next(
        (i for i, ws in enumerate(tokens) if len(ws) >= 25 and re.search(r"[.!?。]", numbered[i][1])),
        len(numbered),
    )
    total = len(numbered)
    shapes = [_shape(text, tokens[i], stop) for i, (_n, text) in enumerate(numbered)]
    short = [len(ws) <= 4 for ws in tokens]
    runs = [0] * total
    i = 0
    while i < total:
        j = i
        while j < total and short[j] == short[i]:
            j += 1
        for k in range(i, j):
            runs[k] = j - i if short[i] else 0
        i = j
    out: list[tuple[int, Features]] = []
    for index, (number, text) in enumerate(numbered):
        f = dict(shapes[index])
        f["bias"] = 1
        f["pos=" + (str(index) if index < 6 else _bucket(index, (9, 14, 24, 49)))] = 1
        rel = index - first_prose
        f["prose=" + (str(rel) if -4 <= rel <= 3 else "before" if rel < 0 else _bucket(rel, (8, 20)))] = 1
        f["toend=" + _bucket(total - 1 - index, (0, 1, 3, 7, 15))] = 1
        before = _blank_run(lines, number - 2, -1)
        after = _blank_run(lines, number, 1)
        f["blank_before=" + ("start" if number - 1 - before <= 0 else _bucket(before, (0, 1, 2)))] = 1
        f["blank_after=" + ("end" if number + after >= len(lines) else _bucket(after, (0, 1, 2)))] = 1
        indent = len(text.expandtabs(4)) - len(text.expandtabs(4).lstrip())
        f["indent=" + _bucket(indent, (0, 2, 6, 12))] = 1
        if runs[index]:
            f["shortrun=" + _bucket(runs[index], (1, 2, 4, 8))] = 1
        if key_count[keys[index]] > 1:
            f["repeated"] = 1
        words = content[index]
        if words:
            below = sum(1 for w in words if last_at[w] > index) / len(words)
            above = sum(1 for w in words if first_at[w] < index) / len(words)
            f["recur_below=" + _bucket(below, (0, 0.25, 0.5, 0.75))] = 1
            f["recur_above=" + _bucket(above, (0, 0.25, 0.5, 0.75))] = 1
        for offset in (-2, -1, 1, 2):
            other = index + offset
            if not 0 <= other < total:
                f[f"{offset:+d}:none"] = 1
                continue
            for key, value in shapes[other].items():
                if key in _NEIGHBOUR_KEYS or key.startswith(_NEIGHBOUR_PREFIXES):
                    f[f"{offset:+d}:{key}"] = value
        out.append((number, f))
    return out


def _blank_run(lines: list[str], start: int, step: int) -> int:
    """Blank lines counted from index ``start`` (0-based) in direction ``step``."""
    count = 0
    i = start
    while 0 <= i < len(lines) and not lines[i].strip():
        count += 1
        i += step
    return count
