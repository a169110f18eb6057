"""When a furniture line is left out: the tagger's confidence, and what never goes.

A line the tagger reads as page furniture (menus, share buttons, notices) is set
aside (recorded, announced, recoverable with ``--keep-furniture``) only when the
tagger is sure; a sentence, a long line, a line that may be the headline, or a
headline a page repeats always stays. "When in doubt it stays" (issue 9).
"""

from __future__ import annotations

import re

from converters.readers.roles import LineRole
from converters.readers.state import collapse
from converters.readers.textrules import ends_with_mark

#: A furniture line is left out only at or above this marginal probability.
FURNITURE_CONFIDENCE = 0.8
#: Furniture lines longer than this many words need :data:`LONG_FURNITURE_CONFIDENCE`.
LONG_LINE_WORDS = 20
LONG_FURNITURE_CONFIDENCE = 0.97
#: In a text of fewer non-blank lines than this, a sentence is never furniture.
MIN_LINES_FOR_FURNITURE = 5
RECUR_HALF = ("recur_below=<=0.75", "recur_below=>0.75")


#: A line the tagger gives the title at this probability or more is never left out.
HEADLINE_DOUBT = 0.1


#: A line of this many characters or more that the text holds twice is never left out.
REPEATED_CHARS = 12


def repeated(line: str, text: str) -> bool:
    """Whether ``line`` (:data:`REPEATED_CHARS` or longer) stands twice in ``text``: a
    headline a page repeats in its breadcrumb, share box or window title stays,
    whatever the tagger says (in any script: no word splitting is needed)."""
    return len(line) >= REPEATED_CHARS and text.count(line) >= 2


def droppable_runs(tagged: list[LineRole], lines: list[str]) -> dict[int, bool]:
    """For each line of a run of two or more lines (no blank line between): whether
    every line of its run is furniture to leave out. A table, a drawing, a wrapped
    epigraph or a paragraph is never cut. One pass over the lines."""
    out: dict[int, bool] = {}
    run: list[LineRole] = []
    for item in [*tagged, None]:
        if item is not None and run and item.number == run[-1].number + 1:
            run.append(item)
            continue
        if len(run) >= 2:
            whole = all(droppable(r, collapse(lines[r.number - 1])) for r in run)
            out.update((r.number, whole) for r in run)
        run = [item] if item is not None else []
    return out


def droppable(item: LineRole, line: str) -> bool:
    """Set a furniture line aside only when the tagger is sure: at
    :data:`FURNITURE_CONFIDENCE`, and at :data:`LONG_FURNITURE_CONFIDENCE` for a
    sentence (five words or more ending in ``.``, ``!`` or ``?``) or a line of more
    than :data:`LONG_LINE_WORDS` words: losing a sentence of the article costs more
    than keeping a notice. A line that may be the headline (:data:`HEADLINE_DOUBT`) or
    half of whose words come back below it (a headline a page repeats) always stays."""
    if item.role != "furniture" or item.probability < FURNITURE_CONFIDENCE:
        return False
    if item.probs.get("title", 0.0) >= HEADLINE_DOUBT or any(key in item.features for key in RECUR_HALF):
        return False  # a line that may be the headline, or whose words come back in the text
    words = len(line.split())
    sentence = words >= 5 and ends_with_mark(line)
    return (words <= LONG_LINE_WORDS and not sentence) or item.probability >= LONG_FURNITURE_CONFIDENCE


#: A list item line: a bullet or a number, then text.
_ITEM = re.compile(r"^\s*(?:[-*•·‣◦▪–]|\d{1,3}[.)])\s+\S")
#: Roles whose line, right above a run of list items, makes the list the article's.
_INTRODUCING = frozenset({"body", "heading"})


def introduced_lists(tagged: list[LineRole], lines: list[str]) -> set[int]:
    """The line numbers of list items that running text introduces: every item of a
    run of list lines whose nearest line above that is not an item is the text's
    (``body`` or ``heading`` at more than even odds). Such a list (a review's pros
    and cons, the points a paragraph announces) is never left out as a menu."""
    out: set[int] = set()
    introduced = False
    for item in tagged:
        if _ITEM.match(lines[item.number - 1]):
            if introduced:
                out.add(item.number)
            continue
        introduced = item.role in _INTRODUCING and item.probability > 0.5
    return out
