"""The nav document: landmarks hidden from the reading flow, a meaningful toc id
(issue 10, item 5), in the single-article EPUB and in collections."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import converters
from converters.collection import CollectionSpec, plan_entries, render_collection
from converters.model import Document, Heading, Paragraph, RelatedLink, text
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


# -- the contents list the article's sections and notes (issue 10, item 13) ----------

Tree = list[tuple[str, str, "Tree"]]


def toc_tree(data: bytes) -> Tree:
    """The toc nav as ``[(label, href, children)]``."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        nav = etree.fromstring(archive.read("EPUB/nav.xhtml"))
    toc = next(n for n in nav.iter(f"{XHTML}nav") if n.get(EPUB_TYPE) == "toc")

    def items(ol: etree._Element | None) -> Tree:
        out: Tree = []
        for li in ol.findall(f"{XHTML}li") if ol is not None else []:
            link = li.find(f"{XHTML}a")
            out.append((link.text or "", link.get("href") or "", items(li.find(f"{XHTML}ol"))))
        return out

    return items(toc.find(f"{XHTML}ol"))


def ncx_tree(data: bytes) -> Tree:
    ncx = "{http://www.daisy.org/z3986/2005/ncx/}"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("EPUB/toc.ncx"))

    def points(parent: etree._Element) -> Tree:
        return [
            (p.findtext(f"{ncx}navLabel/{ncx}text") or "", p.find(f"{ncx}content").get("src"), points(p))
            for p in parent.findall(f"{ncx}navPoint")
        ]

    return points(root.find(f"{ncx}navMap"))


def ids_of(data: bytes, name: str) -> set[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {str(i) for i in etree.fromstring(archive.read(name)).xpath("//@id")}


def test_article_contents_list_its_sections_notes_and_related_list() -> None:
    data = converters.to_bytes(rich(), "epub")
    expected = [
        (
            "A Title",
            "article.xhtml",
            [
                ("A section", "article.xhtml#section-1", []),
                ("Notes", "article.xhtml#notes-heading", []),
                ("Related articles", "article.xhtml#related-heading", []),
            ],
        )
    ]
    assert toc_tree(data) == expected
    assert ncx_tree(data) == expected
    assert {"section-1", "notes-heading", "related-heading"} <= ids_of(data, "EPUB/article.xhtml")


def test_sections_nest_by_heading_level() -> None:
    doc = Document(
        title="T",
        blocks=(
            Paragraph(text("Opening.")),
            Heading(2, text("One")),
            Heading(3, text("One, first part")),
            Heading(3, text("One, second part")),
            Heading(2, text("Two")),
            Heading(4, text("Deep")),
            Paragraph(text("Closing.")),
        ),
    )
    assert toc_tree(converters.to_bytes(doc, "epub")) == [
        (
            "T",
            "article.xhtml",
            [
                (
                    "One",
                    "article.xhtml#section-1",
                    [
                        ("One, first part", "article.xhtml#section-2", []),
                        ("One, second part", "article.xhtml#section-3", []),
                    ],
                ),
                ("Two", "article.xhtml#section-4", [("Deep", "article.xhtml#section-5", [])]),
            ],
        )
    ]


def test_an_article_without_sections_is_one_entry() -> None:
    doc = Document(title="Plain", blocks=(Paragraph(text("Only text.")),))
    assert toc_tree(converters.to_bytes(doc, "epub")) == [("Plain", "article.xhtml", [])]


def test_collection_contents_list_each_articles_sections() -> None:
    data = render_collection([STRIKE, ROSES, UPDATE], CollectionSpec(title="Labour Notes"))
    tree = toc_tree(data)
    assert [label for label, _, _ in tree] == [e.label for e in plan_entries([STRIKE, ROSES, UPDATE])]
    for (_, href, children), doc in zip(tree, (STRIKE, ROSES, UPDATE), strict=True):
        headings = [" ".join(b.text.split()) for b in doc.blocks if isinstance(b, Heading)]
        assert [label for label, _, _ in children][: len(headings)] == headings
        for _, child_href, _ in children:
            name, _, anchor = child_href.partition("#")
            assert name == href and anchor in ids_of(data, f"EPUB/{name}")
    assert ncx_tree(data) == tree


@pytest.mark.slow
def test_nested_contents_pass_epubcheck(tmp_path: Path) -> None:
    from tests.validators import epubcheck_problems

    doc = Document(
        title="T",
        blocks=(Heading(2, text("One")), Heading(3, text("One.a")), Paragraph(text("Text."))),
        related=(RelatedLink("Other"),),
    )
    path = tmp_path / "nested.epub"
    path.write_bytes(converters.to_bytes(doc, "epub"))
    book = tmp_path / "book.epub"
    book.write_bytes(render_collection([STRIKE, ROSES, UPDATE, doc], CollectionSpec(title="Labour Notes")))
    assert epubcheck_problems(path) == []
    assert epubcheck_problems(book) == []
