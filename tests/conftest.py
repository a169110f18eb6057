"""Shared fixtures: the sample article, read once and rendered once per format."""

from __future__ import annotations

from pathlib import Path

import pytest

import converters
from converters.model import Document
from converters.options import WriteOptions

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_8f149b7cd9f3a7e5.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_doc() -> Document:
    return converters.read(SEED)


@pytest.fixture(scope="session")
def seed_outputs(tmp_path_factory: pytest.TempPathFactory, seed_doc: Document) -> dict[str, Path]:
    """The sample article written once in every built-in format: {format: path}."""
    out = tmp_path_factory.mktemp("seed-out")
    return {
        fmt: converters.write(seed_doc, fmt, out / f"seed.{fmt}", WriteOptions())
        for fmt in ("html", "epub", "pdf", "md")
    }


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Release the cached writer instances while the interpreter is still whole.

    WeasyPrint's FontConfiguration frees fontconfig objects in ``__del__``;
    run at interpreter shutdown, after its C bindings are gone, that prints
    an "Exception ignored" traceback that looks like a failure.
    """
    import gc

    from converters.writers import _instance

    _instance.cache_clear()
    gc.collect()


#: Tests of the reader on synthetic layouts that the learned reader (issue 9) reads
#: otherwise than the old hand-written rules did, one test id a line. They are strict
#: xfails: each still runs, and one that starts passing fails the run until it leaves
#: this list, so the list only shrinks. README, "How the reader decides", gives the count.
KNOWN_MISREADINGS = Path(__file__).with_name("known_misreadings.txt")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not KNOWN_MISREADINGS.exists():
        return
    known = {
        line.strip()
        for line in KNOWN_MISREADINGS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for item in items:
        # pytest prints ids with non-ASCII characters escaped (compa\xf1eros): compare both forms
        escaped = item.nodeid.encode("ascii", "backslashreplace").decode("ascii")
        if item.nodeid in known or escaped in known:
            item.add_marker(
                pytest.mark.xfail(
                    strict=True, reason="known misreading of a synthetic layout (tests/known_misreadings.txt)"
                )
            )
