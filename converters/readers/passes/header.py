"""The header zone: title, subtitle, date and byline above the body.

The zone is the run of leading chunks made only of *header lines* (short
lines without closing punctuation, date lines, bylines, issue lines and
source notes), optionally ended by one standfirst (a longer line with no
closing full stop). The first chunk of prose ends it. Inside the zone each
line is classified, then the remaining text lines are assigned. Rules:

* ``header.date-line``: a line that is a date, possibly after a label
  (``Date:``, ``Published``, ``Written:``), after a periodical name
  (``New International, January 1948``), in brackets (``(October 1937)``) or
  followed by a time (``3 May 2021 14:02 BST``); ``header.labelled-date``: a
  labelled full date below a periodical or season line without a day wins.
* ``header.byline``: ``By NAME`` (also ``Posted by``, ``Written by``, ``Von``,
  ``Par``, ``Por``, and ``Door`` / ``di`` when names follow), ``By
  NAME on DATE``, ``NAME | affiliation``; ``header.bare-name``: a name-like
  line above the title and subtitle (archive style), or in the subtitle's place
  when it starts with a given name or initial (:mod:`converters.readers.names`),
  or as the third of three lines under a sentence-case subtitle.
* ``header.first-numbered-heading``: after the title, a line numbered one
  (``I. THE PROBLEM``, ``Part One``) opens the body; the header ends above it.
* ``header.issue-line`` / ``header.source-note``: ``Workers Hammer No. 209``;
  archive notes (``Source: ...``, ``Translated by ...``) go to ``metadata``;
  ``header.source-note-date``: with no date line, the date of a ``Written:`` or
  ``First published:`` note.
* ``header.masthead``: the first line, when a footer names it as the source
  (``From Belfast Telegraph``); ``header.masthead-before-date``: one short
  line, a date, then a longer headline (the blog layout).
* ``header.kicker-label``: ``PRESS RELEASE``, ``For immediate release``,
  ``OPINION`` and short ALL-CAPS section labels above the headline.
* ``header.address``: a block with a street line and a postcode line is the
  sender's address above a letter (``metadata["address"]``), not a title.
* ``header.repeated-title``: a web page title (``Headline | Site``) repeated
  as the headline is kept once.
* ``header.title-before-subtitle``: of the text lines left, the last two are
  title and subtitle (a kicker sits *above* a title, a standfirst *below*
  it); ``header.single-line``: a single line is the title.
* ``header.standfirst-byline``: a standfirst ending "NAME assesses ..." names
  the author (the Weekly Worker / Guardian convention).
* ``header.split-block``: a title line directly above the first paragraph,
  with no blank line between, is split off when clearly shorter than the
  paragraph's lines.
* ``header.glued-date``: ``Date: 23 June 2016 Body text...`` gives the date,
  and the body keeps the rest.
* ``header.epigraph``: after the title, a quotation with a ``— Name`` line
  under it in the same block is an epigraph: the body starts there.
* ``header.section-word``: ``Introduction``, ``Background`` ... after the
  title is a section heading, not a subtitle; ``header.after-date``: with a
  title and subtitle above the date, a short line below it is a heading too.
* ``header.standfirst-above-date``: a sentence between the title and a date or
  byline line is the standfirst, even with its full stop.
* Periodical issue lines (``Labor Action, Vol. 5 No. 12, 24 March 1941, p. 3.``)
  date the article; ``A | B`` lines are split when each part is a header item.

Lines that are not title, subtitle, date or byline are kept in ``metadata``
(``kicker``, ``publication``, ``issue``, ``source_note``, ``byline`` and
``date_line`` as written). Fields set by front matter are not overwritten;
what detection found for them is kept under ``metadata["detected_<field>"]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from converters.model import DateValue
from converters.readers.dates import find_date, parse_date, strip_date_label
from converters.readers.names import starts_with_given_name
from converters.readers.state import Chunk, Line, ReaderState, collapse
from converters.readers.textrules import (
    ends_full_stop,
    ends_sentence,
    is_all_caps,
    looks_like_name,
    quote_then_attribution,
    word_count,
)

SECTION_WORDS = re.compile(
    r"^(?:introduction|background|summary|abstract|preface|foreword|prologue|epilogue|conclusions?|"
    r"afterword|overview|context|analysis|appendix|acknowledg(?:e)?ments)$",
    re.IGNORECASE,
)
_BY = re.compile(
    r"^(?:(?:posted|written|words|reported|text|story|interview)\s+by|by|author:|authors:|byline:|von|par|por)"
    r"\s+(?P<names>.+)$",
    re.IGNORECASE,
)
#: ``door`` (Dutch), ``di`` (Italian): "by" words that also open ordinary phrases,
#: so what follows must be names (``Door Sanne de Vries``, ``di Marco Bianchi``).
_BY_LOCAL = re.compile(r"^(?:door|di)\s+(?P<names>.+)$", re.IGNORECASE)
#: Labels a press office or website puts above a headline; never the title.
_LABEL_LINE = re.compile(
    r"^(?:press release|news release|media release|for immediate release|immediate release|"
    r"embargoed(?: until .{1,40})?|statement|opinion|analysis|comment|editorial|feature|breaking(?: news)?|"
    r"exclusive|interview|review|obituary|letters?|news)\s*:?$",
    re.IGNORECASE,
)
_ISSUE = re.compile(r"\b(?:No\.|Nos\.|Number|Vol\.|Volume|Issue|Nr\.)\s*[\dIVXLC]+[\s.,]*$")
_META = re.compile(
    r"^(?:written|source|first published|originally published|published|translated|translation|"
    r"transcribed|transcription|transcription/markup|markup|html markup|proofread|proofreading|"
    r"online version|public domain|copyleft|copyright|delivered|first appeared|reprinted|produced by|"
    r"prepared by|e-?text prepared by|scanned by|digiti[sz]ed by|html version by|updated editions?)\b",
    re.IGNORECASE,
)
_FROM_SOURCE = re.compile(r"^From\s.+(?:\bVol\.|\bNo\.|\bpp?\.\s*\d|\b(?:1[5-9]|20)\d\d\b)")
_STANDFIRST_BY = re.compile(
    r"\b(?P<name>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-.]*){1,3})\s+(?:assesses|argues|reports|writes|explains|"
    r"examines|looks at|asks|considers|analyses|analyzes|reviews|describes|investigates|reflects|"
    r"responds|recalls|outlines|discusses|explores|replies|urges|warns|insists|calls for)\b"
)
_BY_DATE = re.compile(
    r"^(?:(?:posted|written|published|submitted)\s+)?by\s+(?P<names>.+?)\s*(?:\s(?:on|at)\s|[|,·•]|\s[-–—]\s)\s*(?P<date>.+)$",
    re.IGNORECASE,
)
#: ``Posted on May 3, 2021 by admin`` (the WordPress order: date first).
_DATE_BY = re.compile(
    r"^(?:(?:posted|published|submitted|written)(?:\s+on)?\s+)?(?P<date>.+?)\s+(?:by|[-–—|])\s+(?P<names>.+)$",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"(?:\s*(?:at|@|,|-|–|\|)?\s*\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,5}|UTC|GMT)(?:[+-]\d{1,2})?)?)$",
    re.IGNORECASE,
)
_PERIODICAL = re.compile(r"\b(?:Vol\.|Volume|No\.|Nos\.|Issue|Nr\.)\s*[\dIVXLC]|\bpp?\.\s*\d")
_DATED_NOTE = re.compile(r"^(?:written|first published|published|delivered|dated)\b", re.IGNORECASE)
_SOURCE_NOTE = re.compile(r"^(?:source|from)\b", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s+[|·•]\s+")
_WRAP_END = re.compile(r"\b(?:the|of|and|a|an|in|on|to|for|with|by|or|at|from)$", re.IGNORECASE)


@dataclass(eq=False)
class HeaderLine:
    """One classified line of the header zone."""

    kind: str  # "text", "date", "byline", "issue", "meta"
    text: str
    date: DateValue | None = None
    prefix: str = ""
    standfirst: bool = False
    raw: str = ""
    chunk: int = -1


def classify(text: str) -> HeaderLine | None:
    """Classify one header-zone line, or return ``None`` when it is not a header line.

    The line as written is kept in ``raw``."""
    text = collapse(text)
    if len(text) > 600:  # far longer than any header line
        return None
    found = _classify(text)
    if found is not None:
        found.raw = text
    return found


_PLACE_ARTICLE = re.compile(r"\s+(?:le|den|am|el|il|em|op|on|the)$", re.IGNORECASE)


def _names_before_bar(names: str) -> str:
    """``Pablo Martín | Barcelona`` -> ``Pablo Martín``: a place or affiliation after a
    bar is not a name (the whole line stays in ``metadata["byline"]``)."""
    first, bar, _rest = names.partition("|")
    return first.strip() if bar and looks_like_name(first.strip()) else names


def _classify(text: str) -> HeaderLine | None:
    by_date = _BY_DATE.match(text)
    if by_date:
        value = parse_date(_TIME.sub("", by_date.group("date")))
        if value is not None and word_count(by_date.group("names")) <= 8:
            return HeaderLine("byline", by_date.group("names"), value)
    date_by = _DATE_BY.match(text)
    if date_by and " by " in f" {text.lower()} ":
        value = parse_date(_TIME.sub("", date_by.group("date")))
        if value is not None and word_count(date_by.group("names")) <= 8:
            return HeaderLine("byline", date_by.group("names"), value)
    text_no_time = _TIME.sub("", text)
    if text_no_time and text_no_time != text:
        dated = _classify(text_no_time)
        if dated is not None and dated.kind == "date":
            return dated
    label, rest = strip_date_label(text)
    value = parse_date(rest)
    if value is not None:
        return HeaderLine("date", text, value, prefix=label)
    found = find_date(text)
    if found and not text[found.end :].strip(" .,;)]") and word_count(text) <= 10:
        before = text[: found.start].strip()
        # "Paris, le 3 mars 2021", "Berlin, den 4. Mai 2022": a place, then the date.
        place = _PLACE_ARTICLE.sub("", before)
        if (
            before.endswith(",")
            or label
            or (word_count(before) <= 6 and _capitalised(before))
            or (place != before and place.endswith(",") and word_count(place) <= 4)
        ):
            return HeaderLine("date", text, found.value, prefix=before)
    by = _BY.match(text)
    if by and word_count(text) <= 12 and not ends_full_stop(text):
        return HeaderLine("byline", _names_before_bar(by.group("names")))
    by = _BY_LOCAL.match(text)
    if (
        by
        and word_count(text) <= 12
        and all(looks_like_name(name) for name in split_names(by.group("names")))
    ):
        return HeaderLine("byline", by.group("names"))
    if "|" in text:
        first, _, _rest = text.partition("|")
        if looks_like_name(first.strip()):
            return HeaderLine("byline", first.strip(), prefix=text)
    if (_META.match(text) and (":" in text[:40] or " by " in text)) or _FROM_SOURCE.match(text):
        return HeaderLine("meta", text)
    periodical = find_date(text) if _PERIODICAL.search(text) and word_count(text) <= 16 else None
    if periodical is not None:
        # "Labor Action, Vol. 5 No. 12, 24 March 1941, p. 3.": an issue line that dates the text.
        return HeaderLine("date", text, periodical.value, prefix=text[: periodical.start].strip(" ,"))
    if _ISSUE.search(text) and word_count(text) <= 8 and not ends_full_stop(text):
        return HeaderLine("issue", text)
    words = word_count(text)
    if words > 25 or not any(ch.isalnum() for ch in text):
        return None
    if not ends_sentence(text) or (text.rstrip()[-1:] in "?!" and words <= 12):
        return HeaderLine("text", text)
    return None


def header(state: ReaderState) -> None:
    """Claim the header zone and set title, subtitle, date and authors."""
    zone: list[HeaderLine] = []
    index = state.head
    texts_seen = 0
    while index < state.tail and index < state.head + 12:
        chunk = state.chunks[index]
        if texts_seen and quote_then_attribution(chunk.texts):
            # Rule header.epigraph: '"... a single step." / "— Lao Tzu"' opens the body.
            state.decide(
                "subtitle",
                "header.epigraph",
                chunk.joined,
                runner_up="subtitle",
                fix="subtitle:",
                line=chunk.lines[0].number,
            )
            break
        lines = _classify_chunk(chunk)
        if lines is None and _split_header_lines(state, index):
            chunk = state.chunks[index]
            lines = _classify_chunk(chunk)
            if lines is not None:
                for line in lines:
                    line.chunk = index
                zone.extend(lines)
                index += 1
            break
        if lines is None:
            standfirst = _standfirst(state, index, texts_seen)
            if standfirst is not None:
                standfirst.chunk = index
                zone.append(standfirst)
                index += 1
            elif texts_seen and _sentence_standfirst(state, index):
                # "Title / One sentence of summary. / 3 May 2021 / Body": the sentence sits
                # inside the header, above its date or byline, so it is the standfirst.
                zone.append(HeaderLine("text", chunk.joined, standfirst=True, raw=chunk.joined, chunk=index))
                state.decide(
                    "subtitle",
                    "header.standfirst-above-date",
                    chunk.joined,
                    runner_up="first paragraph",
                    fix="subtitle:",
                )
                index += 1
                continue
            break
        if texts_seen and _is_section_heading(chunk):
            state.decide(
                "subtitle", "header.section-word", chunk.joined, runner_up="subtitle", fix="subtitle:"
            )
            break
        if texts_seen and _is_first_numbered_heading(chunk):
            state.decide(
                "subtitle",
                "header.first-numbered-heading",
                chunk.joined,
                runner_up="subtitle",
                fix="subtitle:",
                line=chunk.lines[0].number,
            )
            break
        for line in lines:
            line.chunk = index
        zone.extend(lines)
        texts_seen += sum(1 for line in lines if line.kind == "text")
        index += 1
    if not zone:
        state.decide("title", "header.none", "the text begins with prose", fix="title:")
        return
    zone, index = _cut_after_date(state, zone, index)
    state.head = index
    _assign(state, zone)


def explain_missing(state: ReaderState) -> None:
    """Rules ``header.no-*``: say why a header field stayed empty, so ``--explain``
    covers every field (runs after the passes that may still fill one)."""
    if state.subtitle is None:
        state.decide(
            "subtitle", "header.no-subtitle", "no second header line before the body", fix="subtitle:"
        )
    if state.date is None:
        state.decide(
            "date",
            "header.no-date",
            "no date line in the header (dates inside sentences are not taken)",
            fix="date:",
        )
    if not state.authors:
        state.decide("authors", "header.no-byline", "no 'By' line, name line or signature", fix="authors:")


def _cut_after_date(state: ReaderState, zone: list[HeaderLine], end: int) -> tuple[list[HeaderLine], int]:
    """Rule ``header.after-date``: when a title and subtitle stand above the date, a
    short line below the date is the first section heading, not part of the header."""
    first_date = next((i for i, line in enumerate(zone) if line.kind == "date"), None)
    if first_date is None:
        return zone, end
    before = [line for line in zone[:first_date] if line.kind == "text" and not _LABEL_LINE.match(line.text)]
    if len(before) < 2:
        return zone, end
    for position in range(first_date + 1, len(zone)):
        line = zone[position]
        if line.kind == "text" and line.chunk != zone[first_date].chunk and not _likely_person(line.text):
            state.decide("title", "header.after-date", line.text, runner_up="subtitle", fix="subtitle:")
            return zone[:position], line.chunk
    return zone, end


def _split_header_lines(state: ReaderState, index: int) -> bool:
    """Rule ``header.split-block``: a title (or date, byline) line directly above the
    first paragraph, with no blank line between, is split off when it is clearly
    shorter than the paragraph's lines and does not end like a wrapped line."""
    chunk = state.chunks[index]
    if len(chunk.lines) < 2:
        return False
    widest = max(len(line.stripped) for line in chunk.lines)
    count = 0
    for line in chunk.lines:
        if len(line.stripped) >= 0.7 * widest or classify(line.stripped) is None:
            break
        count += 1
    if count == 0 or count == len(chunk.lines):
        return False
    last = chunk.lines[count - 1].stripped
    rest = chunk.lines[count:]
    if _WRAP_END.search(last):
        return False
    if not (rest[0].stripped[:1].isupper() or rest[0].stripped[:1] in "“\"‘'«0123456789"):
        return False
    state.chunks[index : index + 1] = [
        Chunk(chunk.lines[:count], blank_before=chunk.blank_before, blank_after=0),
        Chunk(rest, blank_before=0, blank_after=chunk.blank_after),
    ]
    state.tail += 1
    state.decide("title", "header.split-block", last, runner_up="first line of the paragraph", fix="title:")
    return True


def _classify_chunk(chunk: Chunk) -> list[HeaderLine] | None:
    out: list[HeaderLine] = []
    for line in _unwrap(chunk.lines):
        if _SEPARATOR.search(line):
            # "3 May 2021 | Issue 2500": parts that are each a header item.
            parts = [classify(part) for part in _SEPARATOR.split(line) if part.strip()]
            if len(parts) > 1 and all(p is not None and p.kind != "text" for p in parts):
                out.extend(p for p in parts if p is not None)
                continue
        item = classify(line)
        if item is None:
            return None
        if out and _name_role(out[-1], item):
            # "Tom Hale / Contributing writer": a name and its role, one byline.
            out[-1] = HeaderLine("byline", out[-1].text, raw=f"{out[-1].raw}, {item.raw}")
            continue
        out.append(item)
    return out


_ROLE = re.compile(
    r"\b(?:writer|reporter|correspondent|editor|columnist|contributor|journalist|critic|"
    r"commentator|photographer|staff)s?\b",
    re.IGNORECASE,
)


def _name_role(name: HeaderLine, role: HeaderLine) -> bool:
    """Rule ``header.byline`` (name and role): a name line directly followed, in the
    same block, by a short role line (``Contributing writer``, ``Staff reporter``,
    ``Political editor, The Ledger``) is a byline; the role stays in ``byline``."""
    return (
        name.kind == "text"
        and role.kind == "text"
        and looks_like_name(name.text)
        and word_count(role.text) <= 6
        and bool(_ROLE.search(role.text))
        and role.text.split()[0].lower() not in _NOT_ROLE_START
    )


#: A line opening so is a headline about writers (``The writer and the revolution``), not a role.
_NOT_ROLE_START = frozenset({"the", "a", "an", "on", "how", "why", "what", "when", "who", "for", "in", "to"})


def _unwrap(lines: list[Line]) -> list[str]:
    """Join a header line that was wrapped onto the next line."""
    # Parts are joined once at the end and only the last part is searched, so a
    # chunk of thousands of lines stays linear (a 1 MB source took minutes).
    out: list[list[str]] = []
    for line in lines:
        text = line.stripped
        # A long line followed by a much shorter one was wrapped (a long title at 72 columns).
        wrapped = bool(out) and len(out[-1][-1]) >= 60 and len(text) < len(out[-1][-1])
        if out and (_WRAP_END.search(out[-1][-1]) or text[:1].islower() or wrapped):
            out[-1].append(text)
        else:
            out.append([text])
    return [" ".join(parts) for parts in out]


def _is_section_heading(chunk: Chunk) -> bool:
    text = chunk.joined
    return len(chunk.lines) == 1 and bool(SECTION_WORDS.match(text.rstrip(":")))


_FIRST_NUMBERED = re.compile(
    r"^(?:(?:I|1)[.)]\s+\S.*|(?i:part|chapter|section|book)\s+(?:I|1|[Oo]ne|ONE)(?!\s+(?i:of|in)\b)(?:[.:\s]\s*\S.*)?)$"
)


def _is_first_numbered_heading(chunk: Chunk) -> bool:
    """Rule ``header.first-numbered-heading``: after the title, a single short line
    numbered one (``I. THE PROBLEM``, ``1. Origins``, ``Part One``) opens the first
    section; it is not a subtitle, and the header zone ends above it. Only number one
    counts: a body's first section is numbered one, a subtitle is not numbered."""
    text = chunk.joined
    return (
        len(chunk.lines) == 1
        and word_count(text) <= 10
        and not ends_full_stop(text)
        and bool(_FIRST_NUMBERED.match(text))
    )


def _sentence_standfirst(state: ReaderState, index: int) -> bool:
    """A sentence of up to 60 words followed by a chunk of only date or byline lines."""
    chunk = state.chunks[index]
    if chunk.words > 60 or index + 2 >= state.tail:
        return False
    following = _classify_chunk(state.chunks[index + 1])
    return bool(following) and all(item.kind in ("date", "byline") for item in following or [])


def _standfirst(state: ReaderState, index: int, texts_seen: int) -> HeaderLine | None:
    """A standfirst: after the title, up to 70 words, no closing full stop, prose follows."""
    chunk = state.chunks[index]
    text = chunk.joined
    if not texts_seen or index + 1 >= state.tail:
        return None
    if ends_sentence(text) or word_count(text) > 70:
        return None
    if _GLUED.match(text) or re.search(r"(?:https?://|www\.|\.\w{2,3}/?)\S*$", text):
        return None  # a dated first paragraph, or one ending in a web address
    return HeaderLine("text", text, standfirst=True)


def _assign(state: ReaderState, zone: list[HeaderLine]) -> None:
    meta: list[str] = [line.text for line in zone if line.kind == "meta"]
    issues: list[str] = [line.text for line in zone if line.kind == "issue"]
    authors: list[str] = []
    bylines: list[str] = []
    dates = [
        line for line in zone if line.kind == "date" or (line.kind == "byline" and line.date is not None)
    ]
    for line in zone:
        if line.kind == "byline":
            names = split_names(line.text)
            authors.extend(names)
            if line.raw != " and ".join(names):
                bylines.append(line.raw)
            state.decide("authors", "header.byline", line.raw, fix="authors:", line=_line_of(state, line))
    if bylines:
        state.metadata["byline"] = bylines[0] if len(bylines) == 1 else bylines
    address = _address_lines(zone)
    if address:
        state.metadata["address"] = [line.text for line in address]
        state.decide(
            "title",
            "header.address",
            " / ".join(line.text for line in address),
            runner_up="title and subtitle",
            fix="title:",
            line=_line_of(state, address[0]),
        )
    texts = [line for line in zone if line.kind == "text" and line not in address]
    kickers: list[str] = []
    publication: list[str] = []
    masthead = _masthead_before_date(zone)
    if masthead is not None and len(texts) > 1:
        texts = [line for line in texts if line is not masthead]
        publication.append(masthead.text)
        state.decide("title", "header.masthead-before-date", masthead.text, runner_up="title", fix="title:")

    for position in range(len(texts) - 1, 0, -1):
        earlier, later = texts[position - 1], texts[position]
        if _same(earlier.text, later.text) or _same(_strip_site(earlier.text), later.text):
            if "page_title" in state.metadata:
                previous = state.metadata["page_title"]
                state.metadata["page_title"] = [
                    earlier.text,
                    *([previous] if isinstance(previous, str) else previous),
                ]
            else:
                state.metadata["page_title"] = earlier.text
            state.decide("title", "header.repeated-title", earlier.text, fix="title:")
            del texts[position - 1]
    if len(texts) > 1 and any(_same(texts[0].text, pub) for pub in state.publications):
        publication.append(texts.pop(0).text)
        state.decide("title", "header.masthead", f"{publication[-1]!r} is named in the footer", fix="title:")
    if len(texts) > 1:
        # A name sits above the title and subtitle (archive style) or alone below the
        # title; a name-like line in the title's own place stays the title.
        # Above a title and subtitle the shape of a name is enough; in the subtitle's
        # place it must also start with a given name or an initial.
        named: list[HeaderLine] = []
        if not texts[-1].standfirst and (_likely_person(texts[-1].text) or _name_below_subtitle(texts, zone)):
            named.append(texts[-1])
        rest = [line for line in texts if line is not texts[-1]] if named else texts
        if len(rest) >= 3:
            named.extend(line for line in rest[:-2] if looks_like_name(line.text))
        elif (
            len(rest) == 2
            and not named
            and _likely_person(rest[0].text)
            and not looks_like_name(rest[1].text)
        ):
            named = [rest[0]]  # archive style: "Rosa Luxemburg" above the title
        if named and len(named) < len(texts):
            for line in named:
                authors.append(line.text)
                state.decide(
                    "authors",
                    "header.bare-name",
                    line.text,
                    runner_up="title or kicker",
                    fix="authors:",
                    line=_line_of(state, line),
                )
            taken = {id(line) for line in named}
            texts = [line for line in texts if id(line) not in taken]
    while len(texts) > 1 and _LABEL_LINE.match(texts[0].text):
        kickers.append(texts.pop(0).text)
        state.decide("title", "header.kicker-label", kickers[-1], fix="title:")
    if (
        len(texts) > 1
        and is_all_caps(texts[0].text)
        and word_count(texts[0].text) <= 2
        and not is_all_caps(texts[1].text)
    ):
        kickers.append(texts.pop(0).text)
        state.decide("title", "header.kicker-label", kickers[-1], fix="title:")

    title: str | None = None
    subtitle: str | None = None
    if len(texts) == 1:
        title = texts[0].text
        state.decide("title", "header.single-line", title, fix="title:", line=_line_of(state, texts[0]))
    elif len(texts) >= 2:
        title, subtitle = texts[-2].text, texts[-1].text
        kickers.extend(line.text for line in texts[:-2])
        runner = (
            f"{texts[-3].text!r} as title (the line above)"
            if len(texts) >= 3
            else f"no subtitle, {subtitle!r} in the body"
        )
        state.decide(
            "title",
            "header.title-before-subtitle",
            title,
            runner_up=runner,
            fix="title:",
            line=_line_of(state, texts[-2]),
        )
        rule = "header.standfirst" if texts[-1].standfirst else "header.subtitle-after-title"
        state.decide(
            "subtitle",
            rule,
            subtitle,
            runner_up="first paragraph",
            fix="subtitle:",
            line=_line_of(state, texts[-1]),
        )
        for kicker in texts[:-2]:
            state.decide("title", "header.kicker-above-title", kicker.text, runner_up="title", fix="title:")
    if subtitle and not authors:
        match = _STANDFIRST_BY.search(subtitle)
        if match and looks_like_name(match.group("name")):
            authors.append(match.group("name"))
            state.decide("authors", "header.standfirst-byline", match.group(0), fix="authors:")

    _set(state, "title", title)
    _set(state, "subtitle", subtitle)
    if dates:
        first = _labelled_over_periodical(state, dates) or dates[0]
        _set(state, "date", first.date)
        state.decide("date", "header.date-line", first.text, fix="date:", line=_line_of(state, first))
        if first.date is not None and first.raw != first.date.text:
            state.metadata["date_line"] = first.raw
        if first.prefix and not strip_date_label(first.text)[0] and not _PLACE_ARTICLE.search(first.prefix):
            publication.append(first.prefix.rstrip(", "))  # not a place ("Paris, le")
        for other in dates:
            if other is first:
                continue
            if dates.index(other) < dates.index(first) and other.prefix and not publication:
                publication.append(other.raw)  # the periodical line, printed whole as the masthead
            else:
                state.metadata.setdefault("dates", []).append(
                    other.raw if other.kind == "date" and other.raw else other.text
                )
    if not dates:
        # Written/published notes first; a source note's periodical date after them.
        ranked = sorted(
            meta, key=lambda note: 0 if _DATED_NOTE.match(note) else 1 if _SOURCE_NOTE.match(note) else 2
        )
        for note in ranked:
            if not (_DATED_NOTE.match(note) or _SOURCE_NOTE.match(note)):
                break
            found = find_date(note, allow_year=bool(_DATED_NOTE.match(note)))
            if found is not None:
                _set(state, "date", found.value)
                state.decide("date", "header.source-note-date", note, fix="date:")
                break
    if authors:
        _set(state, "authors", authors)
    if kickers:
        state.metadata["kicker"] = " / ".join(kickers) if len(kickers) > 1 else kickers[0]
    if publication:
        state.metadata["publication"] = publication[0]
    if issues:
        state.metadata["issue"] = issues[0] if len(issues) == 1 else issues
    if meta:
        state.metadata["source_note"] = meta
        state.decide("metadata", "header.source-note", " / ".join(meta))


_STREET = re.compile(
    r"^\d{1,5}[A-Za-z]?,?\s+(?:[A-Z][\w'’.-]*\s+){1,3}(?:Road|Rd\.?|Street|St\.?|Avenue|Ave\.?|Lane|Way|"
    r"Drive|Close|Place|Square|Crescent|Terrace|Gardens|Row|Court|Boulevard|Blvd\.?)\.?,?$"
    r"|^(?:[A-ZÄÖÜ][\wäöüß-]*(?:straße|strasse|weg|gasse|platz|allee))\s+\d{1,4}[a-z]?,?$"
    r"|^\d{1,4},?\s+(?:rue|avenue|boulevard|place|chemin|calle|via|rua)\b.{1,40}$",
)
_POSTCODE = re.compile(
    r"^(?:[A-Z][\w'’-]+\s+){1,3}[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}$"  # Leeds LS6 2AB
    r"|^(?:[A-Z][\w'’-]+,?\s+){1,3}[A-Z]{2}\s+\d{5}(?:-\d{4})?$"  # Springfield, IL 62701
    r"|^\d{4,5}(?:\s+[A-Z]{2})?\s+[A-ZÀ-Þ][\w'’-]+(?:\s+[\w'’-]+){0,2}$",  # 75011 Paris, 1012 AB Amsterdam
)


def _address_lines(zone: list[HeaderLine]) -> list[HeaderLine]:
    """Rule ``header.address``: a block of the header with a street line
    (``14 Elm Road``) and a town line with a postcode (``Leeds LS6 2AB``) is the
    sender's address above a letter, not its title and subtitle. Every text line of
    that block goes to ``metadata["address"]`` (printed above the date)."""
    found: list[HeaderLine] = []
    for chunk in sorted({line.chunk for line in zone}):
        lines = [line for line in zone if line.chunk == chunk and line.kind == "text"]
        street = any(_STREET.match(line.text) for line in lines)
        town = any(_POSTCODE.match(line.text) for line in lines)
        if street and town and len(lines) <= 6:
            found.extend(lines)
    return found


def _labelled_over_periodical(state: ReaderState, dates: list[HeaderLine]) -> HeaderLine | None:
    """Rule ``header.labelled-date``: a later line that labels a full date (``Date: 14
    March 1921``, ``Published 3 May 2021``) is the article's date when the first date
    line is a periodical's or season's line without a day (``The Harbour Gazette,
    Spring 1921``, ``Winter 2009-2010``): the periodical line dates the issue, the
    label dates the article. That line is then kept whole as ``publication`` (or in
    ``dates`` when it is a bare season line). An unlabelled later date
    (``New International, January 1948`` then ``12 January 1948``) does not win over
    the periodical line: without a label nothing says which of the two dates is the
    article's own, and in the labelled archive copies the periodical line's date is
    the article's."""
    head = dates[0]
    if head.kind != "date" or head.date is None or len(head.date.iso) >= 10 or strip_date_label(head.text)[0]:
        return None
    for line in dates[1:]:
        if (
            line.kind == "date"
            and line.date is not None
            and len(line.date.iso) == 10
            and strip_date_label(line.text)[0]
        ):
            state.decide(
                "date",
                "header.labelled-date",
                line.text,
                runner_up=f"{head.text!r} (the periodical line)",
                fix="date:",
                line=_line_of(state, line),
            )
            return line
    return None


def _set(state: ReaderState, name: str, value: object) -> None:
    if value is None:
        return
    if name in state.fixed:
        detected = value.iso if isinstance(value, DateValue) else value
        state.metadata[f"detected_{name}"] = detected
        return
    setattr(state, name, value)


def _masthead_before_date(zone: list[HeaderLine]) -> HeaderLine | None:
    """Rule ``header.masthead-before-date``: one short line (up to 3 words), then a date,
    then a longer headline is a site or paper name above a dated post (the blog layout)."""
    first_date = next((i for i, line in enumerate(zone) if line.kind == "date"), None)
    if first_date is None:
        return None
    before = [line for line in zone[:first_date] if line.kind == "text"]
    after = [line for line in zone[first_date:] if line.kind == "text" and not line.standfirst]
    if len(before) != 1 or not after or word_count(before[0].text) > 3:
        return None
    if len(after[0].text) <= len(before[0].text):
        return None
    return before[0]


def _line_of(state: ReaderState, line: HeaderLine) -> int | None:
    """The source line number of a header line's block (its first line)."""
    if 0 <= line.chunk < len(state.chunks) and state.chunks[line.chunk].lines:
        return state.chunks[line.chunk].lines[0].number
    return None


def _capitalised(text: str) -> bool:
    """Every word starts with a capital or digit (a periodical name: ``Workers Hammer``)."""
    return all(word[:1].isupper() or word[:1].isdigit() for word in text.split())


def _name_below_subtitle(texts: list[HeaderLine], zone: list[HeaderLine]) -> bool:
    """Rule ``header.bare-name`` (below the subtitle): under a title and subtitle
    (section labels such as ``OPINION`` aside), a name-shaped last line is the
    author, even when its given name is not in the lexicon, when the subtitle is
    written in sentence case (``How Saturday became a day of rest``: a subtitle,
    not a title) or the name sits directly above a date line in the same block
    (``Helga Svartholm`` / ``June 9, 2017``). A headline-style line (``Notes From
    the Field``) is not name-shaped."""
    lines = [line for line in texts if not _LABEL_LINE.match(line.text)]
    if len(lines) != 3 or not looks_like_name(lines[-1].text) or looks_like_name(lines[-2].text):
        return False
    if any(len(word) >= 4 and word[:1].islower() for word in lines[-2].text.split()[1:]):
        return True
    position = zone.index(lines[-1])
    following = zone[position + 1] if position + 1 < len(zone) else None
    return following is not None and following.kind == "date" and following.chunk == lines[-1].chunk


def _likely_person(text: str) -> bool:
    return looks_like_name(text) and starts_with_given_name(text)


def _strip_site(text: str) -> str:
    """``"Title | Site"`` or ``"Title - Site"`` without the site name (a web page title)."""
    return re.split(r"\s+[|–—-]\s+(?=[^|–—-]+$)", text)[0]


def _same(a: str, b: str) -> bool:
    return collapse(a).casefold() == collapse(b).casefold()


_SPLIT_NAMES = re.compile(r"\s*,\s*|\s+and\s+|\s*&\s*|\s+und\s+|\s+et\s+|\s+y\s+|\s+en\s+|\s+e\s+")


def split_names(text: str) -> list[str]:
    """Split ``"Jane Doe and John Smith"`` into names; keep the text whole when the parts are not names."""
    text = text.strip().rstrip(".")
    parts = [part for part in _SPLIT_NAMES.split(text) if part]

    def name(part: str) -> bool:  # "JANE DOE" is a name in capitals
        return looks_like_name(part if not part.isupper() else part.title())

    if len(parts) > 1 and all(name(part) for part in parts):
        return parts
    if len(parts) > 1 and name(parts[0]):
        return [parts[0]]
    return [text]


_GLUED = re.compile(r"^(?P<label>(?:date|published|posted|updated|dated)\b\s*[:\-–—]?\s*)", re.IGNORECASE)


def glued_date(state: ReaderState) -> None:
    """Rule ``header.glued-date``: ``Date: 23 June 2016 Body text...`` at the start of the
    first body chunk gives the date, and the body keeps the rest."""
    if state.date is not None or state.head >= state.tail:
        return
    chunk = state.chunks[state.head]
    if not chunk.lines:
        return
    line = chunk.lines[0]
    label = _GLUED.match(line.stripped)
    if not label:
        return
    rest = line.stripped[label.end() :]
    found = find_date(rest)
    if found is None or found.start != 0:
        return
    state.date = found.value
    state.metadata["date_label"] = label.group(0).strip()
    state.decide("date", "header.glued-date", line.stripped[: label.end() + found.end], fix="date:")
    remainder = rest[found.end :].strip()
    if remainder:
        line.text = remainder
    else:
        chunk.lines = chunk.lines[1:]
        if not chunk.lines:
            state.head += 1
