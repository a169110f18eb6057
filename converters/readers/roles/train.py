"""Train the line-role tagger from labelled articles, and cross-validate it.

    python -m converters.readers.roles.train                 # train on ../shared/eval, write the shipped model
    python -m converters.readers.roles.train --cv 5          # 5-fold cross-validation by document, line roles
    python -m converters.readers.roles.train --eval DIR --out model.crfsuite   # your own labelled set

A labelled set is a folder with ``cases/NAME.txt`` and ``roles/NAME.json``
(``[[first_line, last_line, role], ...]``, 1-based, after removing a BOM and
turning CRLF into LF; the conventions of ``../shared/eval/README.md``). Cases
without a roles file are left out of training.

Training is deterministic: the documents are read in sorted order, CRFsuite's
L-BFGS has no random start, and the folds are assigned by sorted position
(document ``i`` goes to fold ``i % k``).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from converters.readers.roles import (
    ROLES,
    LineRole,
    ranker_path,
    stage2_path,
    subtitle_ranker_path,
    tag_features,
)
from converters.readers.roles.features import Features, line_features
from converters.readers.roles.pipeline import read_roles, stacked
from converters.readers.roles.title import (
    SUBTITLE_FEATURES,
    Context,
    Ranker,
    candidate_features,
    candidates,
    choose,
    fit,
    subtitle_candidates,
    subtitle_features,
)

#: The default labelled set: ``../shared/eval`` beside the repository.
DEFAULT_EVAL = Path(__file__).resolve().parents[3].parent / "shared" / "eval"
#: Line roles for the cases of ``../shared/eval`` that came without a roles file
#: (the first 19): numbers and roles only, no text (see the README, "Retraining").
EXTRA_LABELS = Path(__file__).with_name("labels")
#: CRFsuite L-BFGS parameters (L1 ``c1``, L2 ``c2``), chosen by cross-validation.
PARAMS: dict[str, object] = {
    "c1": 0.3,
    "c2": 0.1,
    "max_iterations": 200,
    "feature.possible_transitions": True,
}


@dataclass(frozen=True)
class Example:
    """One labelled document: its name, lines, language and per-line roles."""

    name: str
    lines: list[str]
    language: str | None
    numbers: list[int]
    features: list[Features]
    roles: list[str]


def tagged_lines(text: str) -> list[str]:
    """The lines the tagger sees (:func:`converters.readers.passes.structured.tagged_lines`)."""
    from converters.readers.passes.structured import tagged_lines as lines_of

    return lines_of(text)


def case_lines(path: Path) -> list[str]:
    """The lines of a case as the labels number them (BOM removed, CRLF to LF)."""
    text = path.read_bytes().decode("utf-8", "replace").lstrip("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def detect_language(lines: list[str]) -> str | None:
    """The language of the text by the reader's identifier (``None`` when unsure)."""
    from converters.readers.passes.language import likely_language

    return likely_language(" ".join(lines))


def load(eval_dir: Path, augment: bool = True) -> list[Example]:
    """Read every case of ``eval_dir`` that has a roles file, in sorted order.

    A case without one in ``eval_dir/roles`` takes it from :data:`EXTRA_LABELS`
    when that has one. With ``augment``, each case is read twice more: without
    its page furniture (``NAME#clean``), and with only its header fields and text
    in their order (``NAME#canon``), the same article as a tidy archive keeps
    it, so the tagger also learns the plain layouts that web copies hide."""
    examples: list[Example] = []
    files = {p.name: p for p in EXTRA_LABELS.glob("*.json")}
    files.update({p.name: p for p in (eval_dir / "roles").glob("*.json")})
    for _name, roles_file in sorted(files.items()):
        case = eval_dir / "cases" / (roles_file.stem + ".txt")
        if not case.exists():
            continue
        lines = tagged_lines("\n".join(case_lines(case)))
        role_of: dict[int, str] = {}
        for first, last, role in json.loads(roles_file.read_text(encoding="utf-8")):
            for n in range(first, last + 1):
                role_of[n] = role
        language = detect_language(lines)
        examples.append(_example(case.stem, lines, language, role_of))
        if augment:
            for suffix, drop in ((CLEAN, {"furniture"}), (CANON, CANON_DROPS)):
                kept = [n for n in range(1, len(lines) + 1) if role_of.get(n) not in drop]
                if len(kept) == len(lines) or not any(role_of.get(n) for n in kept):
                    continue
                variant = [lines[n - 1] for n in kept]
                variant_roles = {i: role_of[n] for i, n in enumerate(kept, 1) if n in role_of}
                examples.append(_example(case.stem + suffix, variant, language, variant_roles))
    return examples


#: The name suffixes of a case's copy without its page furniture, and of its copy
#: as a tidy archive keeps it: only the header fields and the text (:func:`load`).
CLEAN = "#clean"
CANON = "#canon"
CANON_DROPS = frozenset({"furniture", "kicker", "meta", "caption", "related-label", "related-item", "other"})


def base_name(name: str) -> str:
    """The case a training example comes from (without :data:`CLEAN` or :data:`CANON`)."""
    return name.removesuffix(CLEAN).removesuffix(CANON)


def _example(name: str, lines: list[str], language: str | None, role_of: dict[int, str]) -> Example:
    feats = line_features(lines, language)
    numbers = [n for n, _f in feats]
    roles = [role_of.get(n, "other") for n in numbers]
    return Example(name, lines, language, numbers, [f for _n, f in feats], roles)


def train_crf(examples: list[Example], out: Path) -> None:
    """Train the line-role CRF on ``examples`` and write it to ``out``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for ex in examples:
        trainer.append(ex.features, ex.roles)
    trainer.set_params(PARAMS)
    trainer.train(str(out))


def title_rows(ex: Example, roles: list[LineRole]) -> tuple[list[list[float]], int | None]:
    """The ranker's training row for ``ex`` (first-stage ``roles``): candidate features and
    the true title's index among them."""
    found = candidates(roles, ex.lines)
    first = next((n for n, role in zip(ex.numbers, ex.roles, strict=True) if role == "title"), None)
    truth = next((k for k, i in enumerate(found) if roles[i].number == first), None)
    ctx = Context.of(roles, ex.lines)
    return [candidate_features(roles, ex.lines, i, ctx) for i in found], truth


def subtitle_rows(ex: Example, roles: list[LineRole], ranker: Ranker) -> tuple[list[list[float]], int | None]:
    """The subtitle ranker's training row for ``ex``, under the title ``ranker`` chooses."""
    title, _score = choose(roles, ex.lines, ranker)
    if title is None:
        return [], None
    found = subtitle_candidates(roles, title)
    ctx = Context.of(roles, ex.lines)
    first = next((n for n, role in zip(ex.numbers, ex.roles, strict=True) if role == "subtitle"), None)
    truth = next((k for k, i in enumerate(found) if roles[i].number == first), None)
    return [subtitle_features(roles, ex.lines, title, i, ctx) for i in found], truth


def train(examples: list[Example], out: Path, inner: int = 5) -> None:
    """Train the three models of :mod:`converters.readers.roles.pipeline` on ``examples``.

    The first CRF is written to ``out``. The title ranker (:func:`ranker_path`)
    and the second CRF (:func:`stage2_path`) learn from first-stage labels that
    are out of fold (``inner``-fold), so they learn how far to trust the first
    stage on text it has not seen."""
    train_crf(examples, out)
    first: dict[str, list[LineRole]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for index, (train_set, test_set) in enumerate(folds(examples, inner)):
            model = Path(tmp) / f"inner{index}.crfsuite"
            train_crf(train_set, model)
            for ex in test_set:
                first[ex.name] = tag_features(list(zip(ex.numbers, ex.features, strict=True)), model)
    ranker = fit([title_rows(ex, first[ex.name]) for ex in examples])
    ranker.dump(ranker_path(out))
    fit([subtitle_rows(ex, first[ex.name], ranker) for ex in examples], names=SUBTITLE_FEATURES).dump(
        subtitle_ranker_path(out)
    )
    stacked_examples = []
    for ex in examples:
        title, _score = choose(first[ex.name], ex.lines, ranker)
        feats = stacked(list(zip(ex.numbers, ex.features, strict=True)), first[ex.name], title)
        stacked_examples.append(
            Example(ex.name, ex.lines, ex.language, ex.numbers, [f for _n, f in feats], ex.roles)
        )
    train_crf(stacked_examples, stage2_path(out))


def folds(examples: list[Example], k: int) -> list[tuple[list[Example], list[Example]]]:
    """``k`` (train, test) splits by document: the ``i``-th case (in sorted order) is tested
    in fold ``i % k``, with its furniture-free copy (:data:`CLEAN`) in the same fold."""
    bases = sorted({base_name(e.name) for e in examples})
    fold_of = {name: i % k for i, name in enumerate(bases)}
    return [
        (
            [e for e in examples if fold_of[base_name(e.name)] != f],
            [e for e in examples if fold_of[base_name(e.name)] == f],
        )
        for f in range(k)
    ]


def cross_validate(examples: list[Example], k: int) -> dict[str, float]:
    """Line-role accuracy and per-role F1 under ``k``-fold cross-validation by document."""
    gold: list[str] = []
    pred: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for index, (train_set, test_set) in enumerate(folds(examples, k)):
            model = Path(tmp) / f"fold{index}.crfsuite"
            train(train_set, model)
            for ex in (e for e in test_set if base_name(e.name) == e.name):
                got, _score = read_roles(ex.lines, ex.language, str(model))
                gold.extend(ex.roles)
                pred.extend(item.role for item in got)
    return scores(gold, pred)


def scores(gold: list[str], pred: list[str]) -> dict[str, float]:
    """Accuracy and per-role F1 of ``pred`` against ``gold``."""
    out = {"accuracy": sum(g == p for g, p in zip(gold, pred, strict=True)) / max(len(gold), 1)}
    tp = Counter(g for g, p in zip(gold, pred, strict=True) if g == p)
    gold_n = Counter(gold)
    pred_n = Counter(pred)
    for role in ROLES:
        if gold_n[role]:
            precision = tp[role] / pred_n[role] if pred_n[role] else 0.0
            recall = tp[role] / gold_n[role]
            out[role] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return out


def main(argv: list[str] | None = None) -> int:
    """The command line (see the module docstring); returns the exit code."""
    parser = argparse.ArgumentParser(description="Train the plainpress line-role tagger.")
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="labelled set (cases/ and roles/)")
    parser.add_argument("--out", type=Path, default=None, help="model file (default: the shipped model)")
    parser.add_argument("--cv", type=int, default=0, help="k-fold cross-validation instead of training")
    args = parser.parse_args(argv)
    examples = load(args.eval)
    if not examples:
        print(f"train: no labelled cases in {args.eval}", file=sys.stderr)
        return 2
    if args.cv:
        result = cross_validate(examples, args.cv)
        for key, value in result.items():
            print(f"{key:<14} {value:.3f}")
        return 0
    from converters.readers.roles import MODEL_PATH

    out = args.out or MODEL_PATH
    train(examples, out)
    print(f"trained on {len(examples)} documents, {sum(len(e.roles) for e in examples)} lines: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
