"""The title ranker: which line above the body is the headline, or none.

The line-role tagger sees a line and its neighbours; the headline is better
told by its relation to the whole article. For each candidate line (the first
:data:`MAX_CANDIDATES` non-blank lines of up to :data:`MAX_WORDS` words) the
ranker computes :func:`candidate_features`: the tagger's marginal
probabilities, the candidate's rank among them, its position, shape, the share
of its content words that come back in the body (weighted by rarity: a word
used on few lines counts more), and whether a byline, date or subtitle line
follows it. A logistic regression (weights learned from the labelled corpus by
:mod:`converters.readers.roles.train`, shipped as JSON beside the CRF model)
scores each candidate; the best one is the title when its score reaches the
learned threshold, otherwise the text has no title.

Shape: :func:`choose` takes the lines, the tagger's :class:`LineRole` list
and the ranker (:class:`Ranker`) and returns the index into that list of the
title line, or ``None``.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from converters.readers.roles import LineRole
from converters.readers.roles.features import stems, stopwords

MAX_CANDIDATES = 40
MAX_WORDS = 60
_WORD = re.compile(r"\w+")
_ROLES = ("title", "subtitle", "kicker", "furniture", "meta", "body", "byline", "date", "heading", "caption")

#: The names of :func:`candidate_features`, in order.
FEATURES: tuple[str, ...] = (
    *(f"p_{role}" for role in _ROLES),
    "rank_title_1",
    "rank_title_2",
    "rank_title_3plus",
    "title_gap",
    "crf_title",
    "first_line",
    "position",
    "before_body",
    "words_log",
    "ends_stop",
    "ends_colon",
    "allcaps",
    "body_overlap",
    "body_overlap_rare",
    "below_overlap",
    "below_matches",
    "lead_overlap",
    "next_byline_date",
    "next_subtitle",
    "prev_kicker",
    "separator",
    "has_date",
    "repeated",
    "above_title",
    "below_title",
    "in_tail",
    "credit",
    "header_key",
    "subject_key",
    "bias",
)

#: A picture credit or caption marker: a line holding one is no headline.
_CREDIT = re.compile(
    r"\b(?:photo|foto|image|picture|getty|unsplash|shutterstock|credit|crédit|bild|fotografía)\b",
    re.IGNORECASE,
)
#: A mail or news header field other than the subject (``From:``, ``Received:``, ``X-...:``, mbox ``From ``).
_HEADER_KEY = re.compile(
    r"^(?:from[: ]|received:|sender:|to:|cc:|date:|message-id:|reply-to:|return-path:|newsgroups:|"
    r"path:|organization:|lines:|x-[\w-]+:)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Ranker:
    """Logistic-regression weights over :data:`FEATURES` and the acceptance threshold."""

    weights: tuple[float, ...]
    threshold: float

    names: tuple[str, ...] = FEATURES

    @classmethod
    def load(cls, path: Path, names: tuple[str, ...] = FEATURES) -> Ranker:
        """Read a ranker over the features ``names`` written by :meth:`dump`.

        Raises:
            OSError, ValueError: when the file is missing or malformed.
        """
        data = json.loads(path.read_text(encoding="utf-8"))
        weights = dict(zip(data["features"], data["weights"], strict=True))
        return cls(tuple(float(weights.get(name, 0.0)) for name in names), float(data["threshold"]), names)

    def dump(self, path: Path) -> None:
        """Write the ranker as JSON (feature names, weights rounded to 6 places, threshold)."""
        data = {
            "features": list(self.names),
            "weights": [round(w, 6) for w in self.weights],
            "threshold": round(self.threshold, 6),
        }
        path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")

    def score(self, features: list[float]) -> float:
        """The probability that the candidate is the title (0..1)."""
        z = sum(w * x for w, x in zip(self.weights, features, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def candidates(roles: list[LineRole], lines: list[str]) -> list[int]:
    """Indexes into ``roles`` of the lines that may be the title: the first
    :data:`MAX_CANDIDATES` lines of at most :data:`MAX_WORDS` words, and none after
    the first paragraph of prose the tagger is sure of (a title stands above its
    text; a headline in a related list under it is not the title)."""
    out = []
    for index, item in enumerate(roles[:MAX_CANDIDATES]):
        text = lines[item.number - 1].strip()
        if (
            item.role == "body"
            and item.probability > 0.9
            and len(text.split()) >= 20
            and text[-1:] in ".!?。"
        ):
            break
        if len(text.split()) <= MAX_WORDS:
            out.append(index)
    return out


@dataclass(frozen=True)
class Context:
    """What every candidate of one document is compared with (computed once)."""

    titles: list[float]
    body_start: int
    body_words: Counter[str]
    line_stems: list[set[str]]
    keys: list[str]
    #: The last third of the text, casefolded, white space collapsed (where a site's
    #: name comes back in its footer and a headline seldom does).
    tail: str

    @classmethod
    def of(cls, roles: list[LineRole], lines: list[str]) -> Context:
        stop = stopwords(None)
        texts = [lines[r.number - 1] for r in roles]
        titles = sorted((r.probs.get("title", 0.0) for r in roles[:MAX_CANDIDATES]), reverse=True)
        body_start = next(
            (i for i, r in enumerate(roles) if r.role == "body" and r.probability > 0.7), len(roles)
        )
        body_words: Counter[str] = Counter(
            w
            for r, t in zip(roles[body_start:], texts[body_start:], strict=True)
            if r.role == "body"
            for w in {*_WORD.findall(t.casefold())}
        )
        line_stems = [stems(_WORD.findall(t), stop) for t in texts]
        keys = [" ".join(t.casefold().split()) for t in texts]
        tail = " ".join(" ".join(lines[len(lines) * 2 // 3 :]).casefold().split())
        return cls(titles, body_start, body_words, line_stems, keys, tail)


def candidate_features(
    roles: list[LineRole], lines: list[str], index: int, ctx: Context | None = None
) -> list[float]:
    """The :data:`FEATURES` of the candidate ``roles[index]`` (floats, mostly 0..1)."""
    ctx = ctx or Context.of(roles, lines)
    item = roles[index]
    text = lines[item.number - 1].strip()
    p_title = item.probs.get("title", 0.0)
    rank = ctx.titles.index(p_title) + 1 if p_title in ctx.titles else 99
    words = {w for w in _WORD.findall(text.casefold()) if len(w) > 3}
    overlap = sum(1 for w in words if ctx.body_words[w]) / len(words) if words else 0.0
    rare = (
        sum(1.0 / (1 + ctx.body_words[w]) for w in words if ctx.body_words[w]) / len(words) if words else 0.0
    )
    mine = ctx.line_stems[index]
    below_words = ctx.line_stems[index + 2 :]
    below_all: set[str] = set().union(*below_words) if below_words else set()
    lead = next((ws for ws in ctx.line_stems[index + 1 :] if len(ws) >= 12), set())
    below = len(mine & below_all) / len(mine) if mine else 0.0
    lead_share = len(mine & lead) / len(mine) if mine else 0.0
    after = roles[index + 1 : index + 4]
    before = roles[max(0, index - 2) : index]
    repeated = ctx.keys.count(ctx.keys[index]) > 1
    values = [item.probs.get(role, 0.0) for role in _ROLES]
    values += [
        float(rank == 1),
        float(rank == 2),
        float(rank >= 3),
        ctx.titles[0] - p_title if ctx.titles else 0.0,
        float(item.role == "title"),
        float(index == 0),
        min(index, 20) / 20,
        float(index < ctx.body_start),
        math.log1p(len(text.split())) / 4,
        float(text[-1:] in ".!?。"),
        float(text[-1:] == ":"),
        float(text.isupper()),
        overlap,
        rare,
        below,
        math.log1p(len(mine & below_all)) / 3,
        lead_share,
        float(any(r.role in ("byline", "date") for r in after)),
        float(any(r.role == "subtitle" for r in after)),
        float(any(r.role == "kicker" for r in before)),
        float(bool(re.search(r"\s[|–—-]\s|»|›|>", text))),
        float("date" in item.features),
        float(repeated),
        max((r.probs.get("title", 0.0) for r in before), default=0.0),
        max((r.probs.get("title", 0.0) for r in after[:1]), default=0.0),
        float(len(text.split()) >= 2 and " ".join(text.casefold().split()) in ctx.tail),
        float(bool(_CREDIT.search(text))),
        float(bool(_HEADER_KEY.match(text))),
        float(text[:8].casefold() == "subject:"),
        1.0,
    ]
    return values


def choose(roles: list[LineRole], lines: list[str], ranker: Ranker) -> tuple[int | None, float]:
    """The index into ``roles`` of the title line and its score; ``(None, best)`` when no
    candidate reaches ``ranker.threshold``."""
    best: int | None = None
    best_score = 0.0
    ctx = Context.of(roles, lines)
    for index in candidates(roles, lines):
        score = ranker.score(candidate_features(roles, lines, index, ctx))
        if score > best_score:
            best, best_score = index, score
    if best is None or best_score < ranker.threshold:
        return None, best_score
    return best, best_score


def fit(
    rows: list[tuple[list[list[float]], int | None]],
    epochs: int = 400,
    rate: float = 0.5,
    names: tuple[str, ...] = FEATURES,
) -> Ranker:
    """Learn a :class:`Ranker` from documents: per document the candidates' features
    and the index (into that list) of the true title, or ``None``.

    Plain batch gradient descent on the log loss with L2 (1e-3), from zero
    weights: deterministic. The threshold is the one, among the documents'
    best scores, that chooses right (title or no title) most often.
    """
    import numpy as np

    if not any(feats for feats, _t in rows):
        return Ranker(tuple(0.0 for _ in names), 1.0, names)
    xs = [np.array(feats, dtype=float) for feats, _t in rows if feats]
    ys = [np.array([float(i == t) for i in range(len(feats))]) for feats, t in rows if feats]
    x = np.vstack(xs)
    y = np.concatenate(ys)
    w = np.zeros(x.shape[1])
    for _ in range(epochs):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) / len(y) + 1e-3 * w
        w -= rate * grad
    ranker = Ranker(tuple(float(v) for v in w), 0.0, names)
    best_threshold, best_right = 0.0, -1
    outcomes = []
    for feats, truth in rows:
        scores = [ranker.score(f) for f in feats]
        top = max(range(len(scores)), key=scores.__getitem__) if scores else None
        outcomes.append((scores[top] if top is not None else 0.0, top, truth))
    for threshold in sorted({round(s, 4) for s, _t, _u in outcomes} | {0.0}):
        right = sum(
            (truth is None and (top is None or score < threshold))
            or (truth is not None and top == truth and score >= threshold)
            for score, top, truth in outcomes
        )
        if right > best_right:
            best_threshold, best_right = threshold, right
    return Ranker(ranker.weights, best_threshold, names)


# --------------------------------------------------------------------------
# The subtitle: the same kind of ranker over the few lines under the title.

#: How many non-blank lines under the title may be the subtitle.
SUBTITLE_WINDOW = 4
_SUB_ROLES = ("subtitle", "body", "byline", "date", "meta", "caption", "furniture", "heading", "quote")

SUBTITLE_FEATURES: tuple[str, ...] = (
    *(f"p_{role}" for role in _SUB_ROLES),
    *(f"offset_{k}" for k in range(1, SUBTITLE_WINDOW + 1)),
    "crf_subtitle",
    "words_log",
    "long",
    "ends_stop",
    "ends_other",
    "starts_lower",
    "same_chunk",
    "sentences",
    "next_byline_date",
    "prev_byline_date",
    "next_long_body",
    "below_overlap",
    "bias",
)


def subtitle_candidates(roles: list[LineRole], title: int | None) -> list[int]:
    """Indexes into ``roles`` of the lines that may be the subtitle (none without a title)."""
    if title is None:
        return []
    return list(range(title + 1, min(len(roles), title + 1 + SUBTITLE_WINDOW)))


def subtitle_features(
    roles: list[LineRole], lines: list[str], title: int, index: int, ctx: Context
) -> list[float]:
    """The :data:`SUBTITLE_FEATURES` of candidate ``roles[index]`` under the title ``roles[title]``."""
    item = roles[index]
    text = lines[item.number - 1].strip()
    words = text.split()
    offset = index - title
    nxt = roles[index + 1] if index + 1 < len(roles) else None
    prev = roles[index - 1]
    mine = ctx.line_stems[index]
    below = [w for ws in ctx.line_stems[index + 1 :] for w in ws]
    values = [item.probs.get(role, 0.0) for role in _SUB_ROLES]
    values += [float(offset == k) for k in range(1, SUBTITLE_WINDOW + 1)]
    values += [
        float(item.role == "subtitle"),
        math.log1p(len(words)) / 4,
        float(len(words) > 40),
        float(text[-1:] in ".!?。"),
        float(text[-1:] in ":;,"),
        float(text[:1].islower()),
        float(item.number == prev.number + 1),
        min(len(re.findall(r"[.!?。](?:\s|$)", text)), 4) / 4,
        float(nxt is not None and nxt.role in ("byline", "date")),
        float(prev.role in ("byline", "date")),
        float(nxt is not None and nxt.role == "body" and len(lines[nxt.number - 1].split()) > 25),
        len(mine & set(below)) / len(mine) if mine else 0.0,
        1.0,
    ]
    return values


def choose_subtitle(
    roles: list[LineRole], lines: list[str], title: int | None, ranker: Ranker
) -> tuple[int | None, float]:
    """The index into ``roles`` of the subtitle line and its score, or ``(None, best)``."""
    if title is None:
        return None, 0.0
    ctx = Context.of(roles, lines)
    best: int | None = None
    best_score = 0.0
    for index in subtitle_candidates(roles, title):
        score = ranker.score(subtitle_features(roles, lines, title, index, ctx))
        if score > best_score:
            best, best_score = index, score
    if best is None or best_score < ranker.threshold:
        return None, best_score
    return best, best_score
