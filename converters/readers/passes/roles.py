"""The header and the page furniture, from the learned line roles.

The pass runs the line-role tagger (:mod:`converters.readers.roles`) over the
text and takes from its labels what the body passes do not decide:

* ``roles.title`` / ``roles.subtitle``: the title run (at most one) and the
  first subtitle run, each joined into one line;
* ``roles.byline``: names from the byline lines (``By`` and its equivalents
  removed, :func:`~converters.readers.passes.names.split_names`); with none above the body, a byline line
  elsewhere (a sign-off);
* ``roles.date``: the date of the first date line; else a date written inside
  another header line (a byline, a meta line), whatever its role;
* ``roles.masthead`` / ``roles.header-note``: kicker lines above the title go
  to ``metadata["kicker"]``, other header lines (meta, captions) to
  ``metadata["source_note"]``, so every word is still printed;
* ``roles.furniture``: a furniture line whose probability is at least
  :data:`~converters.readers.passes.furniture.FURNITURE_CONFIDENCE` is set aside (``state.drop``: recorded,
  announced, recoverable with ``--keep-furniture``); below that it stays as
  text.

Lines the pass consumes become blank in ``state.text``, so line numbers stay
those of the source and the body passes see only the body.
"""

from __future__ import annotations

from converters.readers.passes.fields import byline, date, keep_glue, prob, runner
from converters.readers.passes.furniture import (
    LONG_FURNITURE_CONFIDENCE,
    MIN_LINES_FOR_FURNITURE,
    RECUR_HALF,
    droppable,
    droppable_runs,
    introduced_lists,
    repeated,
)
from converters.readers.passes.glue import Unglued, unglue
from converters.readers.passes.language import likely_language
from converters.readers.roles import LineRole
from converters.readers.roles.pipeline import read_roles
from converters.readers.state import ReaderState, collapse
from converters.readers.textrules import COLUMN_GAP, PIPE_CELL, ends_with_mark

#: A meta or caption line above the body longer than this stays in the body.
HEADER_NOTE_WORDS = 30
#: Roles that belong to the header when they come before the body.
HEADER_ROLES = frozenset({"kicker", "title", "subtitle", "byline", "date", "meta", "caption"})
#: Roles that start the body.
BODY_ROLES = frozenset({"body", "heading", "quote", "list", "salutation", "code", "note"})


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
    language = state.options.language or state.language or likely_language(state.text)
    tagged, _score = read_roles(lines, language, state.options.role_model)
    if not tagged:
        return
    tagged = _title_over_subtitle(_first_line_title(tagged, lines), lines)
    state.line_roles = tagged
    offset = state.line_offset
    consumed: set[int] = set()  # 1-based indexes into ``lines``
    title_runs = _runs(tagged, "title")
    title_run = title_runs[0] if title_runs else []
    after_title = tagged.index(title_run[-1]) + 1 if title_run else 0
    body_start = next(
        (
            i
            for i in range(after_title, len(tagged))
            if tagged[i].role in BODY_ROLES
            or (
                _prose(lines[tagged[i].number - 1])
                and not any(r.role in ("date", "byline") for r in tagged[i + 1 : i + 3])
            )
        ),
        len(tagged),
    )
    header = [item for item in tagged[:body_start] if item.role in HEADER_ROLES]

    glued = Unglued("")
    if title_run and "title" not in state.fixed:
        state.title = _take(state, "title", title_run, lines, consumed)
        if not state.options.keep_furniture:
            glued = unglue(state.title, language)
            state.title = glued.title
    elif title_run:  # front matter set the title; the line read as one stays in place
        state.metadata["detected_title"] = collapse(" ".join(lines[item.number - 1] for item in title_run))
    subtitle_runs = _runs(header, "subtitle")
    if subtitle_runs and "subtitle" not in state.fixed:
        state.subtitle = _take(state, "subtitle", subtitle_runs[0], lines, consumed)
    byline(state, lines, tagged, header, consumed)
    date(state, lines, tagged, header, consumed, language)
    keep_glue(state, glued, title_run[0].number + offset if title_run else 0)
    _subtitle_by_order(state, lines, tagged, title_run, consumed)
    kickers: list[str] = []
    notes: list[str] = []
    title_line = title_run[0].number if title_run else 0

    def in_table(number: int) -> bool:
        """Whether line ``number`` belongs to a run of two or more non-blank lines that
        all hold ``|`` cells or columns set apart by tabs or three spaces (a table)."""
        start = end = number
        while start > 1 and lines[start - 2].strip():
            start -= 1
        while end < len(lines) and lines[end].strip():
            end += 1
        run = [lines[n - 1].strip() for n in range(start, end + 1)]
        return len(run) >= 2 and all(PIPE_CELL.search(text) or COLUMN_GAP.search(text) for text in run)

    for item in tagged[:body_start]:
        if item.number in consumed:
            continue
        text = collapse(lines[item.number - 1])
        if (
            text.startswith(">")
            or len(text.split()) > HEADER_NOTE_WORDS
            or (not title_run and item.role != "kicker")
            or (
                item.role == "furniture"
                and droppable(item, text)
                and not repeated(text, state.text)
                and not state.options.keep_furniture
            )
        ):
            continue  # a quoted reply line, a paragraph, anything above a text with no title, or furniture
        if in_table(item.number):
            continue  # a row of a table stays with its table
        if item.number < title_line and item.role not in BODY_ROLES:
            kickers.append(text)  # printed above the title, where it stands in the source
        elif item.role in ("meta", "caption", "subtitle", "title"):
            notes.append(text)
        else:
            continue
        state.decide(
            "header", f"roles.{item.role}" + prob(item), text, runner(item), None, item.number + offset
        )
        consumed.add(item.number)
    if kickers:
        state.metadata["kicker"] = " · ".join(kickers)
    if notes:
        state.metadata["source_note"] = [*state.metadata.get("source_note", []), *notes]
    body_numbers = [r.number for r in tagged if r.role in BODY_ROLES and r.probability > 0.5]
    first_body, last_body = (body_numbers[0], body_numbers[-1]) if body_numbers else (0, 0)
    if not state.options.keep_furniture:
        whole_runs = droppable_runs(tagged, lines)
        listed = introduced_lists(tagged, lines)
        for item in tagged:
            text = collapse(lines[item.number - 1])
            if not whole_runs.get(item.number, True) or item.number in listed:
                continue  # a line of a run not all furniture (a table, a paragraph), or a list the text introduces
            if first_body < item.number < last_body and item.probability < LONG_FURNITURE_CONFIDENCE:
                continue  # inside the body, only a near-certain line is left out
            if (
                droppable(item, text)
                and not repeated(text, state.text)
                and item.number not in consumed
                and text.casefold() != (state.title or "").casefold()
            ):
                state.drop(
                    collapse(lines[item.number - 1]),
                    f"roles.furniture p={item.probability:.2f}",
                    item.number + offset,
                )
                consumed.add(item.number)
    _explain_missing(state)
    for number in consumed:
        lines[number - 1] = ""
    state.text = "\n".join(lines)


def _title_over_subtitle(tagged: list[LineRole], lines: list[str]) -> list[LineRole]:
    """Rule ``roles.title-over-subtitle``: a text that opens with two short headline
    lines, each standing alone, over a date or byline line reads title, subtitle, date
    (the plain archive layout). So when the tagger takes the first line for a kicker and
    the second for the title, the first is the title if it is a headline: three words
    or more, not in capitals, no label punctuation, and at least half of its words come
    back in the text below (a site name's do not)."""
    if len(tagged) < 4 or tagged[0].role != "kicker" or tagged[1].role != "title":
        return tagged
    first, second, third = tagged[0], tagged[1], tagged[2]
    text = lines[first.number - 1].strip()
    headline = (
        len(text.split()) >= 3
        and not text.isupper()
        and text[-1:] not in ":|»>›"
        and "date" not in first.features
        and any(key in first.features for key in RECUR_HALF)
    )
    apart = second.number > first.number + 1 and third.number > second.number + 1
    if not (headline and apart and third.role in ("date", "byline")):
        return tagged
    return [first.relabel("title"), second.relabel("subtitle"), *tagged[2:]]


def _first_line_title(tagged: list[LineRole], lines: list[str]) -> list[LineRole]:
    """Rule ``roles.first-line-title``: with no title chosen, a text that opens with a
    short line standing alone (no closing full stop, a blank line under it) and
    goes on with the body has that line for its title, the plain-text convention.
    In a text of fewer than :data:`MIN_LINES_FOR_FURNITURE` lines, a sentence is
    never furniture."""
    out = list(tagged)
    if len(out) < MIN_LINES_FOR_FURNITURE:
        out = [
            item.relabel(item.runner_up[0])
            if item.role == "furniture" and ends_with_mark(lines[item.number - 1])
            else item
            for item in out
        ]
    if any(item.role == "title" for item in out) or len(out) < 2:
        return out
    first, second = out[0], out[1]
    text = lines[first.number - 1].strip()
    alone = second.number > first.number + 1
    body_next = second.role in BODY_ROLES or (
        len(out) < MIN_LINES_FOR_FURNITURE and second.role not in ("date", "byline")
    )
    if (
        alone
        and body_next
        and len(text.split()) <= 20
        and text[-1:] not in ".,;"
        and first.role not in ("date", "byline")
    ):
        out[0] = first.relabel("title")
    return out


def _prose(line: str) -> bool:
    """A sentence of the text: twelve words or more, ending in ``.``, ``!``, ``?`` or ``:``.
    The header ends at the first one, whatever the tagger calls it."""
    text = line.strip()
    return len(text.split()) >= 12 and (ends_with_mark(text) or text.endswith(":"))


def _take(state: ReaderState, field: str, run: list[LineRole], lines: list[str], consumed: set[int]) -> str:
    """The text of the lines of ``run`` joined into one line, recorded as ``field``
    (rule ``roles.FIELD``), the lines consumed."""
    text = collapse(" ".join(lines[item.number - 1] for item in run))
    first = run[0]
    state.decide(
        field,
        f"roles.{field}" + prob(first),
        text,
        runner(first),
        f"{field}:",
        first.number + state.line_offset,
    )
    consumed.update(item.number for item in run)
    return text


def _subtitle_by_order(
    state: ReaderState,
    lines: list[str],
    tagged: list[LineRole],
    title_run: list[LineRole],
    consumed: set[int],
) -> None:
    """Rule ``roles.subtitle-by-order``: the header reads kicker, title, subtitle, byline
    and date, in that order; a line the tagger did not place, standing between the title
    and the byline or date line below it, can only be the subtitle."""
    if not title_run or state.subtitle is not None or "subtitle" in state.fixed:
        return
    below = [item for item in tagged if item.number > title_run[-1].number]
    stop = next((i for i, item in enumerate(below) if item.number in consumed), None)
    if stop is None or stop == 0:
        return
    candidate = below[0]
    text = collapse(lines[candidate.number - 1])
    if candidate.role in BODY_ROLES or len(text.split()) > HEADER_NOTE_WORDS:
        return
    state.subtitle = text
    state.decide(
        "subtitle",
        "roles.subtitle-by-order",
        text,
        runner(candidate),
        "subtitle:",
        candidate.number + state.line_offset,
    )
    consumed.add(candidate.number)


def _explain_missing(state: ReaderState) -> None:
    """Rule ``roles.no-FIELD``: record each header field left empty, so ``inspect
    --explain`` says so and names the front-matter key that sets it."""
    for field, value, key in (
        ("title", state.title, "title:"),
        ("subtitle", state.subtitle, "subtitle:"),
        ("date", state.date, "date:"),
        ("authors", state.authors, "authors:"),
    ):
        if not value and field not in state.fixed:
            state.decide(field, f"roles.no-{field}", f"no line was read as the {field}", fix=key)
