"""The line roles in two stages, the title chosen between them.

1. The first CRF (:func:`converters.readers.roles.tag`) labels every line from
   its own features and its neighbours'.
2. The title ranker (:mod:`converters.readers.roles.title`) chooses the title
   line (or none) from those labels.
3. The second CRF labels every line again, from the same features plus where
   the line stands relative to the chosen title and to the first stage's body
   (:func:`zone_features`: "two lines above the title", "after the last body
   line") and the first stage's labels around it (stacking). Position relative
   to the headline is what tells a site menu from a standfirst.

:func:`read_roles` returns the second stage's labels with the chosen title
applied (wrapped title lines kept, other title labels moved to their next
role). The models are three files side by side: ``NAME.crfsuite``,
``NAME.title.json`` and ``NAME.stage2.crfsuite``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from converters.readers.roles import LineRole, ranker_path, stage2_path, subtitle_ranker_path, tag_features
from converters.readers.roles.features import Features, line_features
from converters.readers.roles.title import SUBTITLE_FEATURES, Ranker, choose, choose_subtitle


def _rel(value: int) -> str:
    if -5 <= value <= 5:
        return str(value)
    if value < 0:
        return "above"
    return "6-10" if value <= 10 else "below"


def zone_features(first: list[LineRole], title: int | None) -> list[Features]:
    """The second stage's extra features for each line (same order as ``first``)."""
    confident = [i for i, r in enumerate(first) if r.role == "body" and r.probability > 0.7]
    start = confident[0] if confident else len(first)
    end = confident[-1] if confident else -1
    out: list[Features] = []
    for index, item in enumerate(first):
        f: Features = {}
        f["t=" + ("none" if title is None else _rel(index - title))] = 1
        if index < start:
            f["zone=head"] = 1
            f["to_body=" + _rel(index - start)] = 1
        elif index > end:
            f["zone=tail"] = 1
            f["from_body=" + _rel(index - end)] = 1
        else:
            f["zone=body"] = 1
        f["s1=" + item.role] = 1
        for offset in (-1, 1):
            other = index + offset
            f[f"s1{offset:+d}=" + (first[other].role if 0 <= other < len(first) else "none")] = 1
        out.append(f)
    return out


def stacked(
    feats: list[tuple[int, Features]], first: list[LineRole], title: int | None
) -> list[tuple[int, Features]]:
    """``feats`` with :func:`zone_features` added."""
    return [(n, {**f, **z}) for (n, f), z in zip(feats, zone_features(first, title), strict=True)]


@lru_cache(maxsize=4)
def _ranker(model: str | None) -> Ranker:
    return Ranker.load(ranker_path(model))


@lru_cache(maxsize=4)
def _subtitle_ranker(model: str | None) -> Ranker | None:
    path = subtitle_ranker_path(model)
    return Ranker.load(path, SUBTITLE_FEATURES) if path.exists() else None


#: In a text of more non-blank lines than this, only the first :data:`HEAD_LINES`
#: and the last :data:`TAIL_LINES` are tagged (where the header and the page around
#: the article are); the lines between are body text. This keeps a book-length
#: text to seconds: tagging costs about 1 ms a line.
MAX_TAGGED = 3000
HEAD_LINES = 2000
TAIL_LINES = 500


def read_roles(
    lines: list[str], language: str | None = None, model: str | None = None
) -> tuple[list[LineRole], float]:
    """The final line roles of ``lines`` and the title ranker's score.

    Raises:
        OSError: when a model file cannot be opened.
    """
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if len(nonblank) > MAX_TAGGED:
        keep = set(nonblank[:HEAD_LINES]) | set(nonblank[-TAIL_LINES:])
        view = [line if i in keep else "" for i, line in enumerate(lines)]
        tagged, score = read_roles(view, language, model)
        middle = [
            LineRole(i + 1, "body", 1.0, ("body", 0.0), {}, {"body": 1.0}) for i in nonblank if i not in keep
        ]
        return sorted([*tagged, *middle], key=lambda r: r.number), score
    feats = line_features(lines, language)
    first = tag_features(feats, model)
    if not first:
        return [], 0.0
    title, score = choose(first, lines, _ranker(model))
    second = (
        tag_features(stacked(feats, first, title), stage2_path(model))
        if Path(stage2_path(model)).exists()
        else first
    )
    roles = apply_title(second, lines, title)
    sub_ranker = _subtitle_ranker(model)
    if sub_ranker is not None:
        subtitle, _sub_score = choose_subtitle(first, lines, title, sub_ranker)
        roles = apply_subtitle(roles, lines, subtitle)
    return roles, score


def _opens_paragraph(roles: list[LineRole], lines: list[str], index: int) -> bool:
    """Whether ``roles[index]`` is the first line of a hard-wrapped paragraph: the
    next line follows with no blank line, is body text, and continues it
    (the line does not end a sentence and the next starts in lower case)."""
    if index + 1 >= len(roles) or roles[index + 1].number != roles[index].number + 1:
        return False
    upper = lines[roles[index].number - 1].strip()
    lower = lines[roles[index + 1].number - 1].strip()
    return roles[index + 1].role == "body" and upper[-1:] not in ".!?:" and lower[:1].islower()


_TEXT_ROLES = frozenset({"body", "heading", "quote", "list"})


def apply_subtitle(roles: list[LineRole], lines: list[str], chosen: int | None) -> list[LineRole]:
    """The chosen subtitle line, and the lines of its paragraph under it (no blank line
    between), labelled ``subtitle``; other subtitle labels move to their next role.
    No subtitle when no body text follows it (the one paragraph of a text is its body)."""
    out = list(roles)
    if chosen is not None and (
        _opens_paragraph(out, lines, chosen)
        or not any(r.role in _TEXT_ROLES for r in out[chosen + 1 :] if r.number > out[chosen].number + 1)
    ):
        chosen = None  # a subtitle stands above the text, and is not the start of its first paragraph
    return _label_run(out, "subtitle", chosen, lambda _upper, lower: lower.role in ("subtitle", "body"))


def apply_title(roles: list[LineRole], lines: list[str], chosen: int | None) -> list[LineRole]:
    """The chosen title line (and the title lines right under it that continue it,
    :func:`wraps`) labelled ``title``; every other title label moved to the line's
    next most probable role."""
    out = list(roles)
    if chosen is not None and _opens_paragraph(out, lines, chosen):
        chosen = None
    return _label_run(
        out,
        "title",
        chosen,
        lambda upper, lower: (
            lower.role == "title" and wraps(lines[upper.number - 1], lines[lower.number - 1])
        ),
    )


def _label_run(
    roles: list[LineRole], role: str, chosen: int | None, continues: Callable[[LineRole, LineRole], bool]
) -> list[LineRole]:
    """``roles`` with ``roles[chosen]`` and the lines right under it that ``continues``
    (no blank line between) labelled ``role``; every other ``role`` label moved to the
    line's next most probable role."""
    out = list(roles)
    keep: set[int] = set()
    if chosen is not None:
        keep.add(chosen)
        out[chosen] = out[chosen].relabel(role)
        i = chosen
        while i + 1 < len(out) and out[i + 1].number == out[i].number + 1 and continues(out[i], out[i + 1]):
            i += 1
            keep.add(i)
            out[i] = out[i].relabel(role)
    for i, item in enumerate(out):
        if item.role == role and i not in keep:
            out[i] = item.demote(_ONCE if role == "subtitle" else frozenset({role}))
    return out


#: The roles a document gives one run of lines each, chosen by the rankers (the
#: title first): a line that loses the subtitle never falls back to the title.
_ONCE = frozenset({"title", "subtitle"})


_CONNECTIVE = (",", "-", "–", "—", "&")
_CONNECTIVE_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "a",
        "an",
        "in",
        "on",
        "to",
        "for",
        "with",
        "by",
        "or",
        "at",
        "from",
        "de",
        "la",
        "le",
        "der",
        "die",
        "und",
    ]
)


def wraps(upper: str, lower: str) -> bool:
    """Whether ``lower`` continues ``upper`` as one wrapped title: ``upper`` does not end
    a sentence and ``lower`` starts in lower case, or ``upper`` ends with a comma, dash or
    connective word, or both are long ALL-CAPS lines."""
    upper, lower = upper.strip(), lower.strip()
    if not upper or not lower or upper[-1] in ".!?:;":
        return False
    last = upper.split()[-1].casefold()
    if lower[0].islower() or upper.endswith(_CONNECTIVE) or last in _CONNECTIVE_WORDS:
        return True
    return upper.isupper() and lower.isupper() and len(upper) >= 30
