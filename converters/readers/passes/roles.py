"""The header and the page furniture, from the learned line roles.

The pass runs the line-role tagger (:mod:`converters.readers.roles`) over the
text and takes from its labels what the body passes do not decide:

* ``roles.title`` / ``roles.subtitle``: the title run (at most one) and the
  first subtitle run, each joined into one line;
* ``roles.byline``: names from the byline lines (``By`` and its equivalents
  removed, :func:`split_names`); with none above the body, a byline line
  elsewhere (a sign-off);
* ``roles.date``: the date of the first date line; else a date written inside
  another header line (a byline, a meta line), whatever its role;
* ``roles.masthead`` / ``roles.header-note``: kicker lines above the title go
  to ``metadata["kicker"]``, other header lines (meta, captions) to
  ``metadata["source_note"]``, so every word is still printed;
* ``roles.furniture``: a furniture line whose probability is at least
  :data:`FURNITURE_CONFIDENCE` is set aside (``state.drop``: recorded,
  announced, recoverable with ``--keep-furniture``); below that it stays as
  text.

Lines the pass consumes become blank in ``state.text``, so line numbers stay
those of the source and the body passes see only the body.
"""

from __future__ import annotations

import re

from converters.readers.dates import find_date, strip_date_label
from converters.readers.roles import LineRole
from converters.readers.roles.pipeline import read_roles
from converters.readers.state import ReaderState, collapse
from converters.readers.textrules import looks_like_name

#: A furniture line is left out only at or above this marginal probability.
FURNITURE_CONFIDENCE = 0.8
#: Furniture lines longer than this many words need :data:`LONG_FURNITURE_CONFIDENCE`.
LONG_LINE_WORDS = 20
LONG_FURNITURE_CONFIDENCE = 0.97
#: A meta or caption line above the body longer than this stays in the body.
HEADER_NOTE_WORDS = 30
#: Roles that belong to the header when they come before the body.
HEADER_ROLES = frozenset({"kicker", "title", "subtitle", "byline", "date", "meta", "caption"})
#: Roles that start the body.
BODY_ROLES = frozenset({"body", "heading", "quote", "list", "salutation", "code", "note"})

_BY = re.compile(
    r"^(?:(?:posted|written|words|reported|text|story|interview|photos?)\s+(?:by|von|par|por)|by|von|par|por|"
    r"di|door|af|av|oleh|autor[a]?:?|author:?|authors:?|byline:?|redação|redacción|penulis:?)\s+",
    re.IGNORECASE,
)
_SPLIT_NAMES = re.compile(
    r"\s*,\s*|\s+and\s+|\s*&\s*|\s+und\s+|\s+et\s+|\s+y\s+|\s+en\s+|\s+e\s+|\s+og\s+|\s+och\s+|\s+i\s+"
)
_AFTER_NAME = re.compile(r"\s*(?:[|•·]|\s[-–—]\s|,\s*(?=\d)|\bon\b|\bat\b|\bupdated\b|\bpublished\b).*$")


def split_names(text: str) -> list[str]:
    """Split ``"Jane Doe and John Smith"`` into names; keep the text whole when the parts are not names."""
    text = text.strip().rstrip(".,;:")
    parts = [part for part in _SPLIT_NAMES.split(text) if part]

    def name(part: str) -> bool:  # "JANE DOE" is a name in capitals
        return looks_like_name(part if not part.isupper() else part.title())

    if len(parts) > 1 and all(name(part) for part in parts):
        return parts
    if len(parts) > 1 and name(parts[0]):
        return [parts[0]]
    return [text] if text else []


#: News agencies and words that follow a name on a byline without being part of it
#: (``Alexander Cornwell Reuters``, ``Imtiaz Ali Published``); alone they are the byline.
_AFTER_WORDS = frozenset(
    [
        "reuters",
        "ap",
        "afp",
        "pti",
        "ians",
        "upi",
        "dpa",
        "efe",
        "ansa",
        "bloomberg",
        "xinhua",
        "published",
        "updated",
        "posted",
        "staff",
    ]
)


def byline_names(line: str) -> list[str]:
    """The names of a byline as written: ``"By Jane Doe | Reuters, 3 May 2021"`` gives ``["Jane Doe"]``."""
    text = collapse(line.replace("*", " ").replace("_", " "))
    found = find_date(text)
    if found is not None and found.start > 0:
        text = text[: found.start]
    text = _BY.sub("", text, count=1)
    text = _AFTER_NAME.sub("", text) or text
    words = text.split()
    while len(words) > 2 and words[-1].casefold().strip(".,:") in _AFTER_WORDS:
        words.pop()
    return split_names(" ".join(words))


def _runs(roles: list[LineRole], role: str) -> list[list[LineRole]]:
    runs: list[list[LineRole]] = []
    last = -2
    for index, item in enumerate(roles):
        if item.role != role:
            continue
        if runs and last == index - 1:
            runs[-1].append(item)
        else:
            runs.append([item])
        last = index
    return runs


def roles(state: ReaderState) -> None:
    """Tag the lines, fill the header fields and set the furniture aside."""
    lines = state.text.split("\n")
    language = state.options.language or state.language or _guess_language(state.text)
    tagged, _score = read_roles(lines, language, state.options.role_model)
    if not tagged:
        return
    state.line_roles = tagged
    offset = state.line_offset
    consumed: set[int] = set()  # 1-based indexes into ``lines``
    title_runs = _runs(tagged, "title")
    title_run = title_runs[0] if title_runs else []
    after_title = tagged.index(title_run[-1]) + 1 if title_run else 0
    body_start = next(
        (i for i in range(after_title, len(tagged)) if tagged[i].role in BODY_ROLES), len(tagged)
    )
    header = [item for item in tagged[:body_start] if item.role in HEADER_ROLES]

    if title_run and "title" not in state.fixed:
        state.title = collapse(" ".join(lines[item.number - 1] for item in title_run))
        state.decide(
            "title", "roles.title", state.title, _runner(title_run[0]), "title:", title_run[0].number + offset
        )
        consumed.update(item.number for item in title_run)
    subtitle_runs = [run for run in _runs(header, "subtitle") if run]
    if subtitle_runs and "subtitle" not in state.fixed:
        run = subtitle_runs[0]
        state.subtitle = collapse(" ".join(lines[item.number - 1] for item in run))
        state.decide(
            "subtitle", "roles.subtitle", state.subtitle, _runner(run[0]), "subtitle:", run[0].number + offset
        )
        consumed.update(item.number for item in run)
    _byline(state, lines, tagged, header, consumed)
    _date(state, lines, tagged, header, consumed)
    kickers: list[str] = []
    notes: list[str] = []
    for item in header:
        if item.number in consumed:
            continue
        text = collapse(lines[item.number - 1])
        if (
            text.startswith(">")
            or len(text.split()) > HEADER_NOTE_WORDS
            or (not title_run and item.role != "kicker")
        ):
            continue  # a quoted reply line, a paragraph, or anything above a text with no title stays in the body
        if item.role == "kicker" or (
            item.role in ("meta", "caption") and title_run and item.number < title_run[0].number
        ):
            kickers.append(text)
        elif item.role in ("meta", "caption", "subtitle", "title"):
            notes.append(text)
        else:
            continue
        state.decide("header", f"roles.{item.role}", text, _runner(item), None, item.number + offset)
        consumed.add(item.number)
    if kickers:
        state.metadata["kicker"] = " · ".join(kickers)
    if notes:
        state.metadata["source_note"] = [*state.metadata.get("source_note", []), *notes]
    if not state.options.keep_furniture:
        for item in tagged:
            text = collapse(lines[item.number - 1])
            if (
                _drop(item, text)
                and item.number not in consumed
                and text.casefold() != (state.title or "").casefold()
            ):
                state.drop(
                    collapse(lines[item.number - 1]),
                    f"roles.furniture p={item.probability:.2f}",
                    item.number + offset,
                )
                consumed.add(item.number)
    for number in consumed:
        lines[number - 1] = ""
    state.text = "\n".join(lines)


def _drop(item: LineRole, line: str) -> bool:
    """Set a furniture line aside only when the tagger is sure: at
    :data:`FURNITURE_CONFIDENCE`, and at :data:`LONG_FURNITURE_CONFIDENCE` for
    a line of more than :data:`LONG_LINE_WORDS` words (losing a paragraph costs more
    than keeping a notice)."""
    if item.role != "furniture" or item.probability < FURNITURE_CONFIDENCE:
        return False
    return len(line.split()) <= LONG_LINE_WORDS or item.probability >= LONG_FURNITURE_CONFIDENCE


def _byline(
    state: ReaderState, lines: list[str], tagged: list[LineRole], header: list[LineRole], consumed: set[int]
) -> None:
    if "authors" in state.fixed:
        return
    candidates = [item for item in header if item.role == "byline"]
    rule = "roles.byline"
    if not candidates:
        candidates = [item for item in tagged if item.role == "byline"][:1]
        rule = "roles.byline-elsewhere"
    for item in candidates:
        text = collapse(lines[item.number - 1])
        names = byline_names(text)
        if not names:
            continue
        state.authors.extend(n for n in names if n not in state.authors)
        state.metadata.setdefault("byline", text)
        state.decide("authors", rule, text, _runner(item), "authors:", item.number + state.line_offset)
        if rule == "roles.byline":
            consumed.add(item.number)
        if len(state.authors) >= 1 and rule != "roles.byline":
            break


def _date(
    state: ReaderState, lines: list[str], tagged: list[LineRole], header: list[LineRole], consumed: set[int]
) -> None:
    if "date" in state.fixed:
        return
    ordered = [item for item in header if item.role == "date"]
    ordered += [item for item in header if item.role != "date"]
    ordered += [item for item in tagged if item.role == "date" and item not in header]
    for item in ordered:
        text = collapse(lines[item.number - 1])
        _label, rest = strip_date_label(text)
        found = find_date(rest)
        if found is None:
            continue
        state.date = found.value
        state.metadata["date_line"] = text
        state.decide(
            "date",
            f"roles.date ({item.role} line)",
            text,
            _runner(item),
            "date:",
            item.number + state.line_offset,
        )
        if item.role == "date" and item in header:
            consumed.add(item.number)
        return


def _runner(item: LineRole) -> str:
    role, prob = item.runner_up
    return f"{item.role} p={item.probability:.2f}, else {role} p={prob:.2f}"


def _guess_language(text: str) -> str | None:
    from converters.readers.passes.language import MIN_CONFIDENCE, detect

    found = detect(text[:20000])
    if found is None or found[1] < MIN_CONFIDENCE:
        return None
    return found[0]
