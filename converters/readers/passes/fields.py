"""The header fields read from the learned line roles: authors and date.

* ``roles.byline``: names from the byline lines (``By`` and its equivalents
  removed, :func:`~converters.readers.passes.names.split_names`); with none above
  the body, a byline line elsewhere; then the names after a by-word inside
  another header line (``roles.byline-inside``); then a signature under the
  text (``roles.byline-signed``).
* ``roles.date``: the date of the first date line; else a date written inside
  another header line (a byline, a meta line), whatever its role.
* ``roles.title-glue``: what :mod:`~converters.readers.passes.glue` took off the
  title line is kept.
"""

from __future__ import annotations

from converters.readers.dates import find_date, strip_date_label
from converters.readers.passes.glue import Unglued
from converters.readers.passes.names import BY, byline_names, name_like, names_inside
from converters.readers.roles import LineRole
from converters.readers.state import ReaderState, collapse


def byline(
    state: ReaderState, lines: list[str], tagged: list[LineRole], header: list[LineRole], consumed: set[int]
) -> None:
    if "authors" in state.fixed:
        return
    candidates = [item for item in header if item.role == "byline"]
    rule = "roles.byline"
    if not candidates:
        candidates = [item for item in tagged if item.role == "byline"][:1]
        rule = "roles.byline-elsewhere"
    written: list[str] = []
    for item in candidates:
        text = collapse(lines[item.number - 1])
        names = byline_names(text)
        if not names or not (BY.match(text) or all(name_like(name) for name in names)):
            continue  # "How Saturday became a day of rest" is no byline, whatever the tagger says
        state.authors.extend(n for n in names if n not in state.authors)
        written.append(text)
        state.metadata["byline"] = " · ".join(written)
        state.decide(
            "authors", rule + prob(item), text, runner(item), "authors:", item.number + state.line_offset
        )
        if rule == "roles.byline":
            consumed.add(item.number)
        if len(state.authors) >= 1 and rule != "roles.byline":
            break
    if not state.authors:
        byline_inside(state, lines, header)
    if not state.authors:
        byline_signed(state, lines, tagged)


#: A signature line's leading marks (``~ Kimberly Wolfe``, ``/-/ Bożena Dominiak``, ``— J. D.``).
_SIGN_MARKS = "~/-—–*•· \t"
#: The least probability of the signature role for a line to name the author.
SIGNED_CONFIDENCE = 0.4


def byline_signed(state: ReaderState, lines: list[str], tagged: list[LineRole]) -> None:
    """Rule ``roles.byline-signed``: with no byline anywhere, the person who signs
    under the last line of running text (a line the tagger reads as a signature at
    :data:`SIGNED_CONFIDENCE` or more, whose first part is a person's name:
    ``Andrew Schmidt,``, ``~ Kimberly Wolfe – Digital Collections Librarian``); two
    signatories on lines right under each other are both authors. The lines stay
    where they are."""
    body = [item.number for item in tagged if item.role == "body" and item.probability > 0.5]
    last_body = body[-1] if body else 0
    found: list[LineRole] = []
    names: list[str] = []
    for item in tagged:
        if found and item.number != found[-1].number + 1:
            break  # one signature block: the lines right under each other
        if item.number <= last_body or item.role != "signature" or item.probability < SIGNED_CONFIDENCE:
            continue
        first = byline_names(collapse(lines[item.number - 1]).lstrip(_SIGN_MARKS))[:1]
        if not (first and name_like(first[0])):
            if found:
                break
            continue
        found.append(item)
        names.extend(first)
    if found:
        state.authors.extend(names)
        text = " / ".join(collapse(lines[item.number - 1]) for item in found)
        state.decide(
            "authors",
            "roles.byline-signed" + prob(found[0]),
            text,
            runner(found[0]),
            "authors:",
            found[0].number + state.line_offset,
        )


#: A header line the tagger gives the byline role at this probability or more,
#: without choosing it, still names the authors when its first part is names
#: (``Alexander Cornwell Reuters``, ``Imtiaz Ali Published July 10, 2023``).
BYLINE_DOUBT = 0.15


def byline_inside(state: ReaderState, lines: list[str], header: list[LineRole]) -> None:
    """Rule ``roles.byline-inside``: with no byline line, the names after a by-word
    inside a header line of another kind (a date, meta or caption line:
    ``December 27, 2002|By Don Pierson``), or the names a header line opens with
    when the tagger doubts between byline and another role (:data:`BYLINE_DOUBT`).
    The line stays where it is."""
    for item in header:
        if item.role in ("title", "subtitle"):
            continue
        text = collapse(lines[item.number - 1])
        names = names_inside(text)
        if not names and item.probs.get("byline", 0.0) >= BYLINE_DOUBT:
            names = [name for name in byline_names(text) if name_like(name)]
        if names:
            state.authors.extend(names)
            state.decide(
                "authors",
                f"roles.byline-inside-{item.role}" + prob(item),
                text,
                runner(item),
                "authors:",
                item.number + state.line_offset,
            )
            return


def date(
    state: ReaderState,
    lines: list[str],
    tagged: list[LineRole],
    header: list[LineRole],
    consumed: set[int],
    language: str | None,
) -> None:
    """Rule ``roles.date``: the document's date, read in the text's ``language``
    (``04/06/2024`` is 4 June in pt and fr, 6 April in en-US), or in any
    language when the text's has no date there (a guessed language may be wrong)."""
    if "date" in state.fixed:
        return

    def labelled(item: LineRole) -> bool:
        return bool(strip_date_label(collapse(lines[item.number - 1]))[0])

    ordered = [item for item in header if item.role == "date"]
    ordered += [item for item in header if item.role != "date" and labelled(item)]
    ordered += [
        item for item in header if item.role not in ("date", "title", "subtitle") and not labelled(item)
    ]
    ordered += [item for item in tagged if item.role == "date" and item not in header]
    ordered += [item for item in header if item.role in ("title", "subtitle")]
    for item in ordered:
        text = collapse(lines[item.number - 1])
        _label, rest = strip_date_label(text)
        found = find_date(rest, language=language) or find_date(rest)
        if found is None:
            continue
        state.date = found.value
        printed_here = item in header and item.role not in ("byline", "title", "subtitle")
        # The whole line is the date line only where it is printed as one; a title or a
        # body line that holds a date keeps its own place, and the date line is the date.
        state.metadata["date_line"] = text if printed_here else found.value.text
        state.decide(
            "date",
            ("roles.date" if item.role == "date" else f"roles.date-in-{item.role}-line") + prob(item),
            text,
            runner(item),
            "date:",
            item.number + state.line_offset,
        )
        if printed_here:
            consumed.add(item.number)  # printed as the date line
        return


def keep_glue(state: ReaderState, glued: Unglued, line: int) -> None:
    """Every word rule ``roles.title-glue`` took off the title line is kept: a date
    the document's date was read from is its dateline, another date a source
    note, an interface string announced furniture."""
    printed = state.metadata.get("date_line") or ""
    for piece in glued.dates:
        if not printed or printed not in piece:
            state.metadata["source_note"] = [*state.metadata.get("source_note", []), piece]
        state.decide("title", "roles.title-glue", f"date {piece!r} taken off the title", line=line)
    for piece in glued.interface:
        state.drop(piece, "roles.title-glue", line)


def runner(item: LineRole) -> str:
    """The runner-up role of ``item`` and its probability (``"subtitle p=0.08"``)."""
    role, prob = item.runner_up
    return f"{role} p={prob:.2f}"


def prob(item: LineRole) -> str:
    return f" (p={item.probability:.2f})"
