"""The trailing related-articles list.

Rule ``related.label``: a label line at the end of the text - ``Related
articles:``, ``Related:``, ``See also:``, ``Further reading:``, ``Read more:``,
``More in CATEGORY``, a web page's ``Most read`` / ``Trending`` list (with or
without the colon), or one of
:data:`LOCAL_LABELS` in German, French, Spanish, Italian, Portuguese or Dutch
(``Weitere Artikel:``, ``Voir aussi``, ``Zie ook``) - followed only by item lines
(one title per line, optionally ``Title - https://...`` or a bare URL on the
next line) and at most one teaser paragraph per item (a teaser repeats words of
its item's title; any other paragraph means the list belongs to the body). The
label as written goes
to ``metadata["related_label"]``; teasers go to ``metadata["dropped"]``.

A list without such a label belongs to the body (a statement discussing two
articles lists their titles after a colon; they are not related links).
"""

from __future__ import annotations

import re

from converters.linkify import bare_url, split_title_url
from converters.model import RelatedLink
from converters.readers.dates import parse_date
from converters.readers.state import ReaderState, collapse
from converters.readers.textrules import ends_full_stop, word_count

#: Related-list labels in the other languages of the labour press (German,
#: French, Spanish, Italian, Portuguese, Dutch), by language. Data only: the
#: English forms, with their open patterns, are in :data:`LABEL`.
LOCAL_LABELS: dict[str, tuple[str, ...]] = {
    "de": (
        "weitere artikel",
        "weitere beiträge",
        "mehr zum thema",
        "verwandte artikel",
        "verwandte themen",
        "siehe auch",
        "das könnte sie auch interessieren",
        "lesen sie auch",
        "auch interessant",
    ),
    "fr": (
        "articles connexes",
        "voir aussi",
        "à lire aussi",
        "a lire aussi",
        "lire aussi",
        "sur le même sujet",
    ),
    "es": (
        "artículos relacionados",
        "articulos relacionados",
        "véase también",
        "vease también",
        "ver también",
        "lea también",
        "te puede interesar",
    ),
    "it": ("articoli correlati", "vedi anche", "leggi anche", "potrebbe interessarti"),
    "pt": ("artigos relacionados", "veja também", "veja tambem", "leia também", "leia tambem", "ver também"),
    "nl": ("gerelateerde artikelen", "zie ook", "lees ook", "meer over dit onderwerp"),
}
_LOCAL = "|".join(
    re.escape(label)
    for label in sorted({lab for labs in LOCAL_LABELS.values() for lab in labs}, key=len, reverse=True)
)
LABEL = re.compile(
    r"^(?:related(?: articles?| posts?| stories| reading| links| content| coverage)?|see also|"
    r"further reading|read more|more (?:on this|from|in|about) .{1,80}|you may also like|"
    r"recommended(?: reading| articles)?|also read|also in this (?:issue|section)|also by .{1,60}|"
    r"other articles.{0,40}|you might also like|further resources|most (?:read|popular|viewed|shared)|"
    rf"trending(?: now)?|popular now|{_LOCAL})\s*:?\s*$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^(?:[-*•·‣◦▪–]|\d{1,2}[.)])\s+")


def related(state: ReaderState) -> None:
    """Claim the trailing related list, if any (sets ``state.related``)."""
    if state.related:
        return
    lines = [(ci, li) for ci in range(state.head, state.tail) for li in range(len(state.chunks[ci].lines))]
    for position in range(len(lines) - 1, -1, -1):
        ci, li = lines[position]
        text = state.chunks[ci].lines[li].stripped
        if not LABEL.match(text):
            continue
        if ci == state.head and li == 0:
            return
        items, teasers = _items(state, lines[position + 1 :])
        if items is None or not items:
            continue
        if state.related and "related" in state.fixed:
            return
        state.related = items
        state.metadata["related_label"] = text
        for number, teaser in teasers:
            state.drop(teaser, "related.teaser", number)
        state.decide(
            "related",
            "related.label",
            f"{text!r} then {len(items)} item(s): " + "; ".join(item.title for item in items),
            fix="related:",
        )
        chunk = state.chunks[ci]
        chunk.lines = chunk.lines[:li]
        state.tail = ci + 1 if chunk.lines else ci
        return


def _is_prose(text: str) -> bool:
    return word_count(text) > 25 or (ends_full_stop(text) and word_count(text) > 12)


def _teases(title: str, text: str) -> bool:
    """A teaser repeats its headline's subject: one of a short title's longer words
    recurs, two of a longer title's."""
    words = {word.lower() for word in re.findall(r"\w{4,}", title)}
    found = {word.lower() for word in re.findall(r"\w{4,}", text)}
    return len(words & found) >= (1 if len(words) <= 3 else 2)


def _items(
    state: ReaderState, rest: list[tuple[int, int]]
) -> tuple[list[RelatedLink] | None, list[tuple[int, str]]]:
    """Read item lines and teaser paragraphs after a label; ``None`` when prose that is
    not a teaser (the label was a sentence's words, not a list's)."""
    groups: dict[int, list[int]] = {}
    for ci, li in rest:
        groups.setdefault(ci, []).append(li)
    label_chunk = rest[0][0] - 1 if rest and rest[0][1] == 0 else (rest[0][0] if rest else -1)
    items: list[RelatedLink] = []
    teasers: list[tuple[int, str]] = []
    teased = False
    for ci, indexes in groups.items():
        lines = [state.chunks[ci].lines[li] for li in indexes]
        texts = [line.stripped for line in lines]
        joined = collapse(" ".join(texts))
        wrapped = len(texts) >= 2 and max(len(t) for t in texts) >= 50 and not any(bare_url(t) for t in texts)
        if ci != label_chunk and _is_prose(joined) and (len(texts) == 1 or wrapped):
            if not items or teased or not _teases(items[-1].title, joined):
                return None, []
            teasers.append((lines[0].number, joined))
            teased = True
            continue
        teased = False
        previous_line = ""
        for text in texts:
            url = bare_url(text)
            if url and items and items[-1].url is None:
                items[-1] = RelatedLink(items[-1].title, url)
                continue
            if items and parse_date(text) is not None:
                teasers.append((lines[texts.index(text)].number, text))  # an item's date line
                continue
            if _is_prose(text):
                return None, []
            if items and len(previous_line) >= 60 and (text[:1].islower() or word_count(text) <= 2):
                items[-1] = RelatedLink(items[-1].title + " " + text, items[-1].url)  # a wrapped title
                previous_line = text
                continue
            previous_line = text
            text = _BULLET.sub("", text)
            titled = split_title_url(text)
            if titled:
                items.append(RelatedLink(*titled))
            else:
                items.append(RelatedLink(text, None))
    return items, teasers
