"""The learned line-role tagger: what each non-blank line of an article is.

A linear-chain conditional random field (CRFsuite through python-crfsuite,
https://github.com/scrapinghub/python-crfsuite) labels every non-blank line
with one of :data:`ROLES`, from the features of
:mod:`converters.readers.roles.features`. The weights are learned from the
labelled articles of ``../shared/eval`` by
``python -m converters.readers.roles.train`` and ship as package data
(``converters/readers/roles/roles.crfsuite``).

The tagger returns, per line, the role of the best sequence (Viterbi) and its
marginal probability, plus the runner-up role. Which line is the title is
then decided by the title ranker (:mod:`converters.readers.roles.title`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from converters.readers.roles.features import Features, line_features

#: The line roles of ``../shared/eval/README.md``.
ROLES: tuple[str, ...] = (
    "furniture", "kicker", "title", "subtitle", "byline", "date", "meta", "caption", "body", "heading",
    "quote", "list", "salutation", "signature", "note", "related-label", "related-item", "code", "other",
)  # fmt: skip

#: The shipped model; the title ranker beside it (:func:`ranker_path`).
MODEL_PATH = Path(__file__).with_name("roles.crfsuite")


def ranker_path(model: str | Path | None = None) -> Path:
    """The title ranker that goes with the CRF ``model`` (``NAME.title.json``)."""
    return Path(model or MODEL_PATH).with_suffix(".title.json")


def subtitle_ranker_path(model: str | Path | None = None) -> Path:
    """The subtitle ranker that goes with the CRF ``model`` (``NAME.subtitle.json``)."""
    return Path(model or MODEL_PATH).with_suffix(".subtitle.json")


def stage2_path(model: str | Path | None = None) -> Path:
    """The second-stage CRF that goes with ``model`` (``NAME.stage2.crfsuite``)."""
    return Path(model or MODEL_PATH).with_suffix(".stage2.crfsuite")


@dataclass(frozen=True)
class LineRole:
    """The role of one source line.

    Attributes:
        number: the 1-based source line number.
        role: one of :data:`ROLES`.
        probability: the marginal probability of ``role`` (0..1).
        runner_up: the next most probable role and its probability.
        features: the line's features, for ``inspect --explain``.
        probs: the marginal probability of every role.
    """

    number: int
    role: str
    probability: float
    runner_up: tuple[str, float]
    features: Features
    probs: dict[str, float]

    def relabel(self, role: str) -> LineRole:
        """This line with ``role`` instead (its probability from :attr:`probs`)."""
        ranked = sorted(self.probs.items(), key=lambda kv: -kv[1])
        runner = next(((r, p) for r, p in ranked if r != role), ("body", 0.0))
        return LineRole(self.number, role, self.probs.get(role, 0.0), runner, self.features, self.probs)

    def demote(self, banned: frozenset[str]) -> LineRole:
        """This line with its most probable role outside ``banned`` (the roles a
        document holds once, when another line took them)."""
        ranked = sorted(self.probs.items(), key=lambda kv: -kv[1])
        return self.relabel(next((r for r, _p in ranked if r not in banned), "body"))


@lru_cache(maxsize=4)
def _tagger(path: str) -> Any:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


def tag(lines: list[str], language: str | None = None, model: str | Path | None = None) -> list[LineRole]:
    """Label every non-blank line of ``lines`` (the text split on ``"\\n"``).

    ``model`` is a CRFsuite model file (default :data:`MODEL_PATH`). Returns one
    :class:`LineRole` per non-blank line, in order; an empty list for a blank text.

    Raises:
        OSError: when the model file cannot be opened.
    """
    return tag_features(line_features(lines, language), model)


def tag_features(feats: list[tuple[int, Features]], model: str | Path | None = None) -> list[LineRole]:
    """Label lines from their features (``[(line_number, features), ...]``) with ``model``."""
    if not feats:
        return []
    tagger = _tagger(str(model or MODEL_PATH))
    tagger.set([f for _n, f in feats])
    labels = list(tagger.tag())
    known = set(tagger.labels())
    out: list[LineRole] = []
    for index, (number, f) in enumerate(feats):
        probs = {role: tagger.marginal(role, index) for role in ROLES if role in known}
        ranked = sorted(probs.items(), key=lambda kv: -kv[1])
        runner = next(((r, p) for r, p in ranked if r != labels[index]), ("body", 0.0))
        out.append(LineRole(number, labels[index], probs.get(labels[index], 0.0), runner, f, probs))
    return out


@lru_cache(maxsize=4)
def _weights(path: str) -> dict[tuple[str, str], float]:
    return dict(_tagger(path).info().state_features)


def reasons(item: LineRole, model: str | Path | None = None, top: int = 3) -> tuple[list[str], list[str]]:
    """The features that weighed most for and against ``item.role`` in ``model``
    (default: the shipped second-stage model), as ``"name +weight"`` strings."""
    path = stage2_path(model) if Path(stage2_path(model)).exists() else Path(model or MODEL_PATH)
    weights = _weights(str(path))
    scored = [(name, value * weights.get((name, item.role), 0.0)) for name, value in item.features.items()]
    scored = [s for s in scored if s[1]]
    pro = sorted((s for s in scored if s[1] > 0), key=lambda s: -s[1])[:top]
    con = sorted((s for s in scored if s[1] < 0), key=lambda s: s[1])[:top]
    return [f"{n} {w:+.2f}" for n, w in pro], [f"{n} {w:+.2f}" for n, w in con]
