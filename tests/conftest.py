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
