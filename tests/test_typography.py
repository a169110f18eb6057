"""Typographic quotes in the typeset formats, per language; Markdown as written (issue 10, item 6)."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import html

import converters
from converters.model import Document, Emphasis, Paragraph, Text, text
from converters.typography import quote_language, smarten


def para(value: str, language: str = "en") -> Document:
    return Document(title="T", language=language, blocks=(Paragraph(text(value)),))


@pytest.mark.parametrize(
    ("language", "written", "typeset"),
    [
        ("en", "She said \"no\" and 'maybe', it's over.", "She said “no” and ‘maybe’, it’s over."),
        ("en-GB", '"Yes."', "“Yes.”"),
        ("de", 'Er sagte "nein".', "Er sagte „nein“."),
        ("de-CH", 'Er sagte "nein".', "Er sagte «nein»."),
        ("fr", 'Il a dit "non".', "Il a dit «\u00a0non\u00a0»."),
        ("ru", 'Он сказал "нет".', "Он сказал «нет»."),
        ("zz", 'He said "no", it\'s over.', 'He said "no", it’s over.'),  # no convention known
        ("en", 'See "https://example.org/it\'s" now.', "See “https://example.org/it's” now."),
    ],
)
def test_smarten_uses_the_language_convention(language: str, written: str, typeset: str) -> None:
    [block] = smarten(para(written, language)).blocks
    assert block == Paragraph((Text(typeset),))


def test_quotes_pair_across_emphasis() -> None:
    doc = Document(
        title='The "Big" Strike',
        language="en",
        blocks=(
            Paragraph(
                (Text('He called it "a '), Emphasis((Text("great"),)), Text(' day".')),
            ),
        ),
    )
    out = smarten(doc)
    assert out.title == "The “Big” Strike"
    assert out.blocks == (Paragraph((Text("He called it “a "), Emphasis((Text("great"),)), Text(" day”."))),)
    assert doc.title == 'The "Big" Strike'  # the model is not changed


def test_quote_language() -> None:
    assert [quote_language(t) for t in ("en-US", "de-CH", "pt-BR", "zh-Hant", "ar")] == [
        "en",
        "de-ch",
        "pt-br",
        None,
        None,
    ]


GERMAN = Document(
    title='Der "Streik"', language="de", blocks=(Paragraph(text('Sie riefen "Brot!" und gingen.')),)
)


def test_html_and_epub_are_typeset_markdown_is_as_written() -> None:
    page = html.fromstring(converters.to_bytes(GERMAN, "html"))
    assert page.findtext(".//h1") == "Der „Streik“"
    assert "Sie riefen „Brot!“ und gingen." in [p.text_content() for p in page.iter("p")]
    with zipfile.ZipFile(io.BytesIO(converters.to_bytes(GERMAN, "epub"))) as book:
        article = html.fromstring(book.read("EPUB/article.xhtml"))
    assert "Sie riefen „Brot!“ und gingen." in [p.text_content() for p in article.iter("p")]
    md = converters.to_bytes(GERMAN, "md").decode("utf-8")
    assert 'Sie riefen "Brot!" und gingen.' in md


def test_pdf_is_typeset(tmp_path: Path) -> None:
    path = tmp_path / "de.pdf"
    path.write_bytes(converters.to_bytes(GERMAN, "pdf"))
    raw = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True
    )
    assert "Sie riefen „Brot!“ und gingen." in raw.stdout.decode("utf-8").splitlines()
