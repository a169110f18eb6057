"""Score the whole reader under k-fold cross-validation by document.

    python -m converters.readers.roles.evaluate            # 5-fold CV on ../shared/eval
    python -m converters.readers.roles.evaluate --in-sample  # the shipped model on every case (an upper bound)
    python -m converters.readers.roles.evaluate --show-misses

For each fold the line-role model is trained on the other folds' labelled
cases (:mod:`converters.readers.roles.train`), every case of the fold is read
with it (``ReadOptions(role_model=...)``), and the result is scored with the
corpus's own scorers, used in place: ``score_reader.judge`` (the header and
structure fields) and ``score_lines.score_case`` (kept and cleaned words of
the HTML output). Cases without a roles file are never trained on; they are
read in the fold their sorted position gives them, like the others.

Output: the per-field shares, the field score (mean over fields and cases),
kept (share of article words in the HTML) and cleaned (share of furniture
lines left out).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from converters.readers.roles.train import DEFAULT_EVAL, Example, base_name, load, train


def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read(case: Path, model: str | None) -> Any:
    from converters.options import ReadOptions
    from converters.readers.plaintext import read_file

    return read_file(case, ReadOptions(role_model=model))


def _html(doc: Any, out: Path) -> str:
    from converters.api import write

    write(doc, "html", out)
    return out.read_text(encoding="utf-8")


def evaluate(
    eval_dir: Path,
    k: int,
    in_sample: bool = False,
    show: bool = False,
    keep: Path | None = None,
    reuse: bool = False,
) -> dict[str, float]:
    """Return ``{field: share, "fields": score, "kept": share, "cleaned": share}``.

    With *keep*, the fold models are written there; with *reuse* as well, fold
    models already in *keep* are used as they are (to measure a change to the
    passes after the line-role model without retraining).
    """
    reader = _module(eval_dir / "score_reader.py")
    lines_mod = _module(eval_dir / "score_lines.py")
    labels = json.loads((eval_dir / "labels.json").read_text(encoding="utf-8"))
    names = sorted(label["file"] for label in labels)
    fold_of = {name: i % k for i, name in enumerate(names)}
    examples = load(eval_dir)
    per_field: dict[str, int] = {f: 0 for f in reader.FIELDS}
    kept = total = cleaned = furniture = 0
    with tempfile.TemporaryDirectory() as tmp:
        models: dict[int, str | None] = {}
        for fold in range(k):
            if in_sample:
                models[fold] = None
                continue
            held = {n.removesuffix(".txt") for n, f in fold_of.items() if f == fold}
            path = (keep or Path(tmp)) / f"fold{fold}.crfsuite"
            if not (reuse and path.exists()):
                train([e for e in examples if base_name(e.name) not in held], path)
            models[fold] = str(path)
        for label in labels:
            case = eval_dir / "cases" / label["file"]
            doc = _read(case, models[fold_of[label["file"]]])
            model = json.loads(json.dumps(doc.to_dict()))
            for field, (ok, want, got) in reader.judge(label, model).items():
                per_field[field] += ok
                if show and not ok:
                    print(f"{label['file']}  {field}\n    expected: {want!r}\n    got:      {got!r}")
            roles_file = eval_dir / "roles" / (case.stem + ".json")
            if roles_file.exists():
                html = lines_mod.html_text(_html(doc, Path(tmp) / "out.html"))
                roles = json.loads(roles_file.read_text(encoding="utf-8"))
                k_, t_, c_, f_, lost = lines_mod.score_case(lines_mod.case_lines(case), roles, html)
                if show:
                    for number, role, missing, text in lost:
                        print(f"{label['file']}  LOST line {number} {role} -{missing}: {text[:90]}")
                kept, total, cleaned, furniture = kept + k_, total + t_, cleaned + c_, furniture + f_
    n = len(labels)
    result = {f: v / n for f, v in per_field.items()}
    result["fields"] = sum(per_field.values()) / (n * len(per_field))
    result["kept"] = kept / total if total else 1.0
    result["cleaned"] = cleaned / furniture if furniture else 1.0
    if keep is not None:
        (keep / "folds.json").write_text(json.dumps(fold_of, indent=1), encoding="utf-8")
    return result


def main(argv: list[str] | None = None) -> int:
    """The command line (see the module docstring); returns the exit code."""
    parser = argparse.ArgumentParser(description="Cross-validate the plainpress reader.")
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("-k", type=int, default=5)
    parser.add_argument("--in-sample", action="store_true")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--keep-models", type=Path, default=None, help="write the fold models here")
    parser.add_argument("--reuse", action="store_true", help="use fold models already in --keep-models")
    args = parser.parse_args(argv)
    result = evaluate(args.eval, args.k, args.in_sample, args.show_misses, args.keep_models, args.reuse)
    for key, value in result.items():
        print(f"{key:<16} {value:.3f}")
    return 0


__all__ = ["Example", "evaluate"]

if __name__ == "__main__":
    sys.exit(main())
