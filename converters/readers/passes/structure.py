"""Passes over neighbouring drafts: lists, quotations, and the final build.

Rules:

* ``structure.list-items``: consecutive list-item chunks with the same marker
  form one list; numbered items need a second item (``1.`` alone is a
  numbered paragraph) and stay paragraphs when they are long prose (on
  average over 50 words: numbered paragraphs of a letter, not a list).
* ``structure.colon-list``: two or more short lines after a paragraph ending
  in ``:`` are the items it announces.
* ``structure.heading-needs-body``: a "heading" with nothing after it is a
  paragraph (a closing slogan is not a section).
* ``quotes.colon-intro``: a paragraph wholly in quotation marks (straight or
  curly) after a paragraph ending in ``:``; several consecutive quoted
  paragraphs after the colon form one quotation.
* ``quotes.colon-intro-unclosed``: after a colon, a paragraph that opens a
  quotation and never closes it (a text cut off inside the quotation).
* ``quotes.open-only-run``: two or more consecutive paragraphs that each open
  with a quotation mark where only the last closes (the typographic convention
  for a quotation of several paragraphs) form one quotation.
* ``quotes.attributed``: a quoted paragraph followed by an attribution line
  (``— Name``, ``(Name, Source)``, or a short citation ending in a year) - the
  attribution is kept with the quotation.
* ``quotes.inner-attribution``: the last line of a ``>`` quotation that is a
  dash and a name (``> — Dwight D. Eisenhower``, ``> -- Jane Roe``; a single
  ``-`` is a list item) is the quotation's attribution, kept as written like the
  ``— Name`` line after a quoted paragraph.
* ``quotes.attributed-block``: a block of lines wholly in quotation marks whose
  last line is ``— Name`` (an epigraph, no blank line between quotation and
  attribution) is a quotation with that attribution, as written.
* ``quotes.excerpt``: a short intro ending in ``:`` that names the source of
  a "Read more at SOURCE" link introduces an excerpt from it.
"""

from __future__ import annotations

import re

from converters.model import (
    Block,
    BlockQuote,
    Break,
    Heading,
    Inline,
    LineBreak,
    List,
    Paragraph,
    Text,
)
from converters.readers.state import Draft, ReaderState
from converters.readers.textrules import (
    CLOSE_QUOTES,
    closes_quote,
    ends_full_stop,
    opens_quote,
    quote_then_attribution,
    wholly_quoted,
    word_count,
)
from converters.readers.unwrap import join_lines


def group(state: ReaderState) -> None:
    """Join list items into lists; demote headings with no body after them."""
    drafts = state.drafts
    out: list[Draft] = []
    index = 0
    while index < len(drafts):
        draft = drafts[index]
        if draft.kind == "item":
            run = [draft]
            while index + 1 < len(drafts) and _continues(run[-1], drafts[index + 1]):
                index += 1
                run.append(drafts[index])
            out.extend(_list_or_paragraphs(state, run))
        elif _colon_intro(draft):
            out.append(draft)
            run = []
            while index + 1 < len(drafts) and _short_item(drafts[index + 1]):
                index += 1
                run.append(drafts[index])
            if len(run) >= 2:
                items = [d.text for d in run]
                out.append(
                    Draft(
                        "list",
                        None,
                        lines=items,
                        text="",
                        rule="structure.colon-list",
                        evidence=draft.text[-60:],
                        runner_up="headings or paragraphs",
                    )
                )
            else:
                out.extend(run)
        else:
            out.append(draft)
        index += 1
    # A heading needs a section after it.
    last_content = max((i for i, d in enumerate(out) if d.kind != "break"), default=-1)
    for position, draft in enumerate(out):
        if draft.kind == "heading" and position >= last_content:
            draft.kind = "paragraph"
            draft.rule = "structure.heading-needs-body"
            draft.runner_up = "heading"
    state.drafts = out


def _continues(previous: Draft, following: Draft) -> bool:
    if following.kind != "item" or following.text != previous.text:
        return False
    if previous.ordered:
        return following.level == previous.level + len(previous.lines)
    return True


def _list_or_paragraphs(state: ReaderState, run: list[Draft]) -> list[Draft]:
    items = [text for draft in run for text in draft.lines]
    ordered = run[0].ordered
    average = sum(word_count(text) for text in items) / len(items)
    if ordered and (len(items) < 2 or average > 50):
        reason = "a single numbered paragraph" if len(items) < 2 else "numbered paragraphs of prose"
        out = []
        for draft in run:
            assert draft.chunk is not None
            out.append(
                Draft(
                    "paragraph",
                    draft.chunk,
                    text=draft.chunk.joined,
                    rule="structure.numbered-paragraph",
                    evidence=reason,
                    runner_up="list item",
                )
            )
        return out
    merged = Draft(
        "list",
        run[0].chunk,
        lines=items,
        text=run[0].text,
        level=run[0].level,
        ordered=ordered,
        rule="structure.list-items",
        evidence=f"{len(items)} item(s) marked {run[0].text!r}",
        runner_up="paragraphs" if ordered else None,
    )
    return [merged]


def _colon_intro(draft: Draft) -> bool:
    return draft.kind == "paragraph" and word_count(draft.text) >= 8 and draft.text.rstrip().endswith(":")


def _short_item(draft: Draft) -> bool:
    if draft.kind not in ("paragraph", "heading") or draft.chunk is None or len(draft.chunk.lines) > 2:
        return False
    if len(draft.chunk.lines) == 2 and len(draft.chunk.lines[0].stripped) < 50:
        return False  # two short lines are two things, not one wrapped title
    text = draft.text
    return (
        word_count(text) <= 20
        and not ends_full_stop(text)
        and not opens_quote(text)
        and not text.endswith(":")
    )


_DASH = re.compile(r"^(?:[—–―]|--?)\s*(?P<who>\S.*)$")
_YEAR_END = re.compile(r"\b(?:1[5-9]|20)\d\d\)?\.?$")


def attribution(text: str) -> str | None:
    """Return the attribution ``text`` makes after a quotation, or ``None``.

    Accepts ``— Name``, ``(Name, Source)`` and a short citation line that ends
    in a year (``Against Bureaucratic Centralism, 1992``).
    """
    stripped = text.strip()
    words = word_count(stripped)
    if words > 15 or opens_quote(stripped):
        return None
    dash = _DASH.match(stripped)
    if dash and dash.group("who")[:1].isupper():
        return stripped
    if stripped.startswith("(") and stripped.endswith((")", ").")):
        return stripped
    if _YEAR_END.search(stripped) and not ends_full_stop(stripped.rstrip(")")) and stripped[:1].isupper():
        return stripped
    return None


def quotes(state: ReaderState) -> None:
    """Find quotations among paragraph drafts (see the module rules)."""
    drafts = state.drafts
    out: list[Draft] = []
    index = 0
    while index < len(drafts):
        draft = drafts[index]
        if draft.kind == "quote":
            quote = Draft(
                "blockquote", draft.chunk, children=draft.children, rule=draft.rule, evidence=draft.evidence
            )
            index += 1
            _inner_attribution(state, quote)
            if quote.attribution is None:
                index = _take_attribution(drafts, index, quote)
            out.append(quote)
            continue
        if (
            draft.kind == "paragraph"
            and draft.chunk is not None
            and quote_then_attribution(draft.chunk.texts)
        ):
            texts = draft.chunk.texts
            quoted = join_lines(texts[:-1], draft.chunk.vocabulary)
            out.append(
                Draft(
                    "blockquote",
                    draft.chunk,
                    children=[Draft("paragraph", None, text=quoted, rule="quotes.attributed-block")],
                    attribution=texts[-1],
                    rule="quotes.attributed-block",
                    evidence=quoted,
                    runner_up="paragraph",
                )
            )
            index += 1
            continue
        if draft.kind == "paragraph" and opens_quote(draft.text):
            end = index
            while end < len(drafts) and drafts[end].kind == "paragraph" and opens_quote(drafts[end].text):
                end += 1
            run = drafts[index:end]
            intro = out[-1] if out else None
            rule = _quote_rule(intro, run, drafts[end] if end < len(drafts) else None)
            if rule is not None:
                quote = Draft(
                    "blockquote",
                    draft.chunk,
                    children=list(run),
                    rule=rule,
                    evidence=run[0].text,
                    runner_up="paragraph",
                )
                index = _take_attribution(drafts, end, quote)
                out.append(quote)
                continue
        if draft.kind == "paragraph" and _excerpt_intro(state, draft):
            end = index + 1
            while end < len(drafts) and drafts[end].kind == "paragraph":
                end += 1
            if end > index + 1:
                out.append(draft)
                out.append(
                    Draft(
                        "blockquote",
                        None,
                        children=drafts[index + 1 : end],
                        rule="quotes.excerpt",
                        evidence=draft.text,
                        runner_up="paragraph",
                    )
                )
                index = end
                continue
        out.append(draft)
        index += 1
    state.drafts = out


def _quote_rule(intro: Draft | None, run: list[Draft], following: Draft | None) -> str | None:
    colon = intro is not None and intro.kind == "paragraph" and bool(re.search(r":\s*[-–—]?\s*$", intro.text))
    # After a colon the run is announced, so "does not end with a closing mark" is
    # enough; without one, each paragraph but the last must never close its quote.
    open_only = len(run) >= 2 and all(not closes_quote(d.text) for d in run[:-1])
    strict_open_only = open_only and all(_never_closes(d.text) for d in run[:-1])
    attributed = (
        following is not None
        and following.kind in ("paragraph", "heading")
        and attribution(following.text) is not None
    )
    if colon and (all(wholly_quoted(d.text) for d in run) or open_only):
        return "quotes.colon-intro"
    if colon and len(run) == 1 and wholly_quoted(run[0].text):
        return "quotes.colon-intro"
    if colon and len(run) == 1 and not any(mark in run[0].text.strip()[1:] for mark in CLOSE_QUOTES):
        return "quotes.colon-intro-unclosed"  # a quotation cut off (truncated text)
    if strict_open_only and closes_quote(run[-1].text):
        return "quotes.open-only-run"
    if len(run) == 1 and wholly_quoted(run[0].text) and attributed:
        return "quotes.attributed"
    return None


_PAIRS = {"“": "”", "«": "»", "„": "“", "‹": "›", "「": "」", "『": "』"}


def _never_closes(text: str) -> bool:
    """True when a paragraph opens a quotation and never closes it (the convention for
    every paragraph but the last of a long quotation); dialogue closes its quotes."""
    stripped = text.strip()
    opening = stripped[:1]
    if opening == '"':
        return stripped.count('"') == 1
    closing = _PAIRS.get(opening)
    return closing is not None and closing not in stripped[1:]


_INNER_DASH = re.compile(r"^(?:[—–―]|--)\s*\S")


def _inner_attribution(state: ReaderState, quote: Draft) -> None:
    """Rule ``quotes.inner-attribution``: take a ``> — Name`` last line out of the
    quoted text as the attribution, when something else is quoted above it."""
    if not quote.children or not quote.children[-1].lines:
        return
    last = quote.children[-1]
    line = last.lines[-1]
    if not _INNER_DASH.match(line) or attribution(line) is None or word_count(line) > 10:
        return
    if len(last.lines) == 1 and len(quote.children) == 1:
        return  # nothing but the dash line is quoted
    quote.attribution = line
    if len(last.lines) == 1:
        quote.children = quote.children[:-1]
    else:
        quote.children = [
            *quote.children[:-1],
            Draft(
                "paragraph",
                None,
                text=join_lines(last.lines[:-1], last.chunk.vocabulary if last.chunk else None),
                lines=last.lines[:-1],
                rule=last.rule,
            ),
        ]
    state.decide("attribution", "quotes.inner-attribution", line, runner_up="last line of the quotation")


def _take_attribution(drafts: list[Draft], index: int, quote: Draft) -> int:
    if index < len(drafts) and drafts[index].kind in ("paragraph", "heading"):
        found = attribution(drafts[index].text)
        if found is not None:
            quote.attribution = found
            return index + 1
    return index


def _excerpt_intro(state: ReaderState, draft: Draft) -> bool:
    text = draft.text.rstrip()
    if not text.endswith(":") or word_count(text) > 12 or not state.read_more_sources:
        return False
    return any(source.casefold() in text.casefold() for source in state.read_more_sources)


def build(state: ReaderState) -> None:
    """Turn drafts into model blocks, recording one decision per block."""
    blocks: list[Block] = []
    for draft in state.drafts:
        block = _block(draft)
        blocks.append(block)
        kind = type(block).__name__.lower()
        state.decide(
            f"block {len(blocks)} ({kind})",
            draft.rule or "blocks.paragraph",
            draft.evidence or draft.text,
            runner_up=draft.runner_up,
            line=_first_line(draft),
        )
    state.blocks = blocks


def _first_line(draft: Draft) -> int | None:
    if draft.chunk is not None and draft.chunk.lines:
        return draft.chunk.lines[0].number
    for child in draft.children:
        found = _first_line(child)
        if found is not None:
            return found
    return None


def _inlines(draft: Draft) -> tuple[Inline, ...]:
    if draft.keep_breaks and draft.lines:
        out: list[Inline] = []
        for position, line in enumerate(draft.lines):
            if position:
                out.append(LineBreak())
            out.append(Text(line))
        return tuple(out)
    return (Text(draft.text),) if draft.text else ()


def _block(draft: Draft) -> Block:
    if draft.kind == "heading":
        return Heading(draft.level, _inlines(draft))
    if draft.kind == "break":
        return Break()
    if draft.kind == "list":
        return List(
            ordered=draft.ordered,
            items=tuple((Paragraph((Text(text),)),) for text in draft.lines),
            start=draft.level if draft.ordered else 1,
            marker=draft.text,
        )
    if draft.kind in ("blockquote", "quote"):
        children = tuple(_block(child) for child in draft.children)
        return BlockQuote(children, None if draft.attribution is None else (Text(draft.attribution),))
    if draft.kind == "block" and draft.block is not None:
        return draft.block
    return Paragraph(_inlines(draft))


__all__ = ["attribution", "build", "group", "quotes"]
