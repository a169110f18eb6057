"""The nav document: landmarks hidden from the reading flow, a meaningful toc id
(issue 10, item 5), in the single-article EPUB and in collections."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import converters
from converters.collection import CollectionSpec, render_collection
from tests.test_collection import ROSES, STRIKE, UPDATE
from tests.test_epub import rich

XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def navs(data: bytes) -> list[tuple[str | None, str | None, str | None]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        nav = etree.fromstring(archive.read("EPUB/nav.xhtml"))
    return [(n.get(EPUB_TYPE), n.get("id"), n.get("hidden")) for n in nav.iter(f"{XHTML}nav")]


def test_article_nav_hides_landmarks_and_names_the_toc() -> None:
    assert navs(converters.to_bytes(rich(), "epub")) == [("toc", "toc", None), ("landmarks", None, "")]


def test_collection_nav_hides_landmarks_and_names_the_toc() -> None:
    data = render_collection([STRIKE, ROSES, UPDATE], CollectionSpec(title="Labour Notes"))
    assert navs(data) == [("toc", "toc", None), ("landmarks", None, "")]


def test_nav_keeps_its_doctype() -> None:
    with zipfile.ZipFile(io.BytesIO(converters.to_bytes(rich(), "epub"))) as archive:
        assert archive.read("EPUB/nav.xhtml").startswith(
            b"<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html>"
        )


@pytest.mark.slow
def test_collection_with_hidden_landmarks_passes_epubcheck(tmp_path: Path) -> None:
    from tests.validators import epubcheck_problems

    path = tmp_path / "book.epub"
    path.write_bytes(render_collection([STRIKE, ROSES, UPDATE], CollectionSpec(title="Labour Notes")))
    assert epubcheck_problems(path) == []
