"""The memory-mapped language identifier: same answers as py3langid's own, cheap to load."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from converters.cache import cache_root
from converters.readers import langident

ROOT = Path(__file__).resolve().parent.parent
#: The evaluation articles, used in place (never copied into the project).
EVAL_CASES = Path(os.environ.get("PLAINPRESS_EVAL_CASES", ROOT.parent / "shared" / "eval" / "cases"))


@pytest.fixture(scope="module")
def stock() -> Any:
    return langident.stock_identifier()


@pytest.fixture(scope="module")
def mapped() -> Any:
    return langident.identifier()


def eval_texts() -> list[Path]:
    return sorted(EVAL_CASES.glob("*.txt")) if EVAL_CASES.is_dir() else []


@pytest.mark.skipif(not eval_texts(), reason=f"evaluation articles not found in {EVAL_CASES}")
def test_mapped_identifier_answers_exactly_as_py3langid_on_every_eval_article(
    stock: Any, mapped: Any
) -> None:
    assert mapped is not stock and type(mapped) is type(stock)
    for path in eval_texts():
        text = path.read_bytes().decode("utf-8", errors="replace")
        for sample in (text[:20000], text[:300]):
            assert mapped.classify(sample) == stock.classify(sample), path.name
            assert mapped.rank(sample)[:3] == stock.rank(sample)[:3], path.name


def test_mapped_identifier_agrees_on_short_and_odd_texts(stock: Any, mapped: Any) -> None:
    for text in ["", "   ", "12345", "Ελληνικά κείμενα", "日本語のテキストです", "ABC DEF GHI", "a" * 5000]:
        assert mapped.classify(text) == stock.classify(text), text


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("PLAINPRESS_CACHE_DIR", str(tmp_path / "cache"))
    langident.identifier.cache_clear()
    yield tmp_path / "cache"
    langident.identifier.cache_clear()


def test_unpacked_copy_is_deterministic_and_loaded_without_decompressing(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = langident.model_file()
    first = langident.cache_dir(model)
    assert first.parent == cache
    langident.identifier()  # unpacks
    other = cache / "again"
    langident.unpack(model, other)
    digests = [
        {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(d.iterdir())}
        for d in (first, other)
    ]
    assert digests[0] == digests[1]
    assert len(digests[0]) == 6
    assert not [p for p in cache.iterdir() if p.name.startswith(".")]  # no temporary left behind

    def slow() -> Any:
        raise AssertionError("the packed model was decompressed again")

    monkeypatch.setattr(langident, "stock_identifier", slow)
    langident.identifier.cache_clear()
    assert (
        langident.identifier().classify("Der schnelle braune Fuchs springt über den faulen Hund.")[0] == "de"
    )


def test_unwritable_cache_falls_back_to_the_stock_identifier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("PLAINPRESS_CACHE_DIR", str(blocker))
    langident.identifier.cache_clear()
    try:
        ident = langident.identifier()
        assert ident.classify("Ceci est un texte en français, assez long pour être reconnu.")[0] == "fr"
        assert list(tmp_path.iterdir()) == [blocker]
    finally:
        langident.identifier.cache_clear()


def test_cache_root_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PLAINPRESS_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_root() == tmp_path / "plainpress"
