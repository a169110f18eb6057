"""A quotation's credit line: one em dash in every format (issue 10, item 6)."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree, html

import converters
from converters.model import Emphasis, Text
from converters.presentation import credit
from converters.readers.plaintext import read_text

QUOTED = (
    "On Hope\n\nA short essay about hope and the people who keep it going through long winters.\n\n"
    '"Hope is the only thing stronger than fear."\n{credit}\n\n'
    "And the essay goes on after the quotation, with one more plain paragraph of text.\n"
)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("-- Henry Ward Beecher", "— Henry Ward Beecher"),
        ("--Henry Ward Beecher", "— Henry Ward Beecher"),
        ("— Henry Ward Beecher", "— Henry Ward Beecher"),
        ("―Henry Ward Beecher", "— Henry Ward Beecher"),
        ("– Henry Ward Beecher", "— Henry Ward Beecher"),
        ("— — Henry Ward Beecher", "— Henry Ward Beecher"),
        ("(Henry Ward Beecher, 1870)", "(Henry Ward Beecher, 1870)"),
    ],
)
def test_credit_makes_one_em_dash(written: str, shown: str) -> None:
    assert credit((Text(written),)) == (Text(shown),)


def test_credit_with_dash_marks_an_undashed_credit_and_keeps_emphasis() -> None:
    assert credit((Text("(Beecher)"),), dash=True) == (Text("— (Beecher)"),)
    assert credit((Emphasis((Text("Life Thoughts"),)),), dash=True) == (
        Text("— "),
        Emphasis((Text("Life Thoughts"),)),
    )
    assert credit((Text("-- "), Emphasis((Text("Life Thoughts"),)))) == (
        Text("— "),
        Emphasis((Text("Life Thoughts"),)),
    )


@pytest.fixture(scope="module")
def doc() -> converters.Document:
    return read_text(QUOTED.format(credit="-- Henry Ward Beecher"))


def test_html_shows_one_em_dash(doc: converters.Document) -> None:
    page = html.fromstring(converters.to_bytes(doc, "html"))
    assert [p.text_content() for p in page.find_class("attribution")] == ["— Henry Ward Beecher"]


def test_epub_shows_one_em_dash(doc: converters.Document) -> None:
    with zipfile.ZipFile(io.BytesIO(converters.to_bytes(doc, "epub"))) as book:
        article = html.fromstring(book.read("EPUB/article.xhtml"))
    assert [p.text_content() for p in article.find_class("attribution")] == ["— Henry Ward Beecher"]


def test_markdown_shows_one_em_dash(doc: converters.Document) -> None:
    md = converters.to_bytes(doc, "md").decode("utf-8")
    assert "> — Henry Ward Beecher\n" in md
    assert "--" not in md.split("---\n", 2)[-1]


def test_docx_shows_one_em_dash(doc: converters.Document) -> None:
    with zipfile.ZipFile(io.BytesIO(converters.to_bytes(doc, "docx"))) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    paragraphs = ["".join(p.itertext()) for p in body.iter(f"{W}p")]
    assert "— Henry Ward Beecher" in paragraphs
    assert not any("--" in p for p in paragraphs)


def test_pdf_shows_one_em_dash(doc: converters.Document, tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(converters.to_bytes(doc, "pdf"))
    raw = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True
    )
    lines = raw.stdout.decode("utf-8").splitlines()
    assert "— Henry Ward Beecher" in lines
