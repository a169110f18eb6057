"""No-break spaces (U+00A0, U+202F, U+2007) survive every format (issue 10, item 21)."""

from __future__ import annotations

import io
import zipfile

import pytest
import yaml
from lxml import html

import converters
from converters.model import Document, Paragraph, text
from converters.options import WriteOptions
from converters.spaces import collapse_breaking, split_breaking

LINE = "Il a couru 10\u00a0000 km, soit 25\u202fkm par jour. Mme\u00a0Leclerc a dit\u00a0: \u00ab\u202fC’est fini\u202f\u00bb."
DOC = Document(
    title="Le 14\u00a0juillet",
    language="fr",
    blocks=(Paragraph(text(LINE)), Paragraph(text("Une autre ligne."))),
)


def test_split_and_collapse_keep_no_break_spaces() -> None:
    assert split_breaking(" 10\u00a0000\tkm \u2007 x\n") == ["10\u00a0000", "km", "\u2007", "x"]
    assert collapse_breaking("  Mme\u00a0Leclerc \n a dit\u202f: ") == "Mme\u00a0Leclerc a dit\u202f:"


@pytest.mark.parametrize("flavor", ["markdown", "gfm", "commonmark_x"])
def test_markdown_keeps_them_in_text_and_front_matter(flavor: str) -> None:
    md = converters.to_bytes(DOC, "md", WriteOptions(markdown_flavor=flavor)).decode("utf-8")
    front, body = md.split("---\n")[1:3]
    assert yaml.safe_load(front)["title"] == "Le 14\u00a0juillet"
    assert body.strip().split("\n\n")[0] == LINE


def test_docx_keeps_them() -> None:
    xml = zipfile.ZipFile(io.BytesIO(converters.to_bytes(DOC, "docx"))).read("word/document.xml").decode()
    assert f'<w:t xml:space="preserve">{LINE}</w:t>' in xml.replace("&#39;", "'")
    assert ">Le 14\u00a0juillet<" in xml


def test_odt_keeps_them() -> None:
    xml = zipfile.ZipFile(io.BytesIO(converters.to_bytes(DOC, "odt"))).read("content.xml").decode()
    assert f">{LINE}</text:p>" in xml


def test_html_metadata_keeps_them() -> None:
    root = html.fromstring(converters.to_bytes(DOC, "html"))
    assert root.xpath("//h1/@data-running-head") == ["Le 14\u00a0juillet"]
    untitled = Document(language="fr", blocks=(Paragraph(text(LINE)),))
    description = html.fromstring(converters.to_bytes(untitled, "html")).xpath(
        "//meta[@name='description']/@content"
    )
    assert description == [LINE]
