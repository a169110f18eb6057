"""Soft hyphens and zero-width spaces stay in the text and leave every metadata and navigation
string (issue 10, item 22)."""

from __future__ import annotations

import io
import zipfile

import yaml
from lxml import etree, html
from pypdf import PdfReader

import converters
from converters.collection import CollectionSpec, render_collection
from converters.metatext import plain
from converters.model import DateValue, Document, Heading, Paragraph, text

SHY_TITLE = "Inter\u00adnational\u200bism and Ex\u2060ile"
DOC = Document(
    title=SHY_TITLE,
    subtitle="Sub\u00adtitle",
    authors=("Jo\u00adhn Doe",),
    date=DateValue("1 May 1990", "1990-05-01"),
    blocks=(
        Paragraph(text("Body inter\u00adnational.")),
        Heading(2, text("Sec\u00adtion one")),
        Paragraph(text("More.")),
    ),
)
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
XHTML = "{http://www.w3.org/1999/xhtml}"
NCX = "{http://www.daisy.org/z3986/2005/ncx/}"


def test_plain_drops_only_the_invisible_break_hints() -> None:
    assert plain(SHY_TITLE) == "Internationalism and Exile"
    assert plain("\ufeffa\u180eb") == "ab"
    assert plain("می\u200cخواهم \U0001f469\u200d\U0001f4bb") == "می\u200cخواهم \U0001f469\u200d\U0001f4bb"


def test_html_metadata_is_plain_and_the_heading_keeps_its_soft_hyphens() -> None:
    root = html.fromstring(converters.to_bytes(DOC, "html"))
    assert root.findtext(".//title") == "Internationalism and Exile"
    assert root.xpath("//meta[@property='og:title']/@content") == ["Internationalism and Exile"]
    assert root.xpath("//meta[@name='description']/@content") == ["Subtitle"]
    assert root.xpath("//meta[@name='author']/@content") == ["John Doe"]
    assert root.xpath("//h1/@data-running-head") == ["Internationalism and Exile"]
    assert root.xpath("string(//h1)") == SHY_TITLE
    assert root.xpath("string(//h2)") == "Sec\u00adtion one"


def test_epub_package_nav_and_ncx_are_plain() -> None:
    book = zipfile.ZipFile(io.BytesIO(converters.to_bytes(DOC, "epub")))
    opf = etree.fromstring(book.read("EPUB/content.opf"))
    assert [e.text for e in opf.iter(f"{DC}title", f"{DC}creator", f"{DC}description")] == [
        "Internationalism and Exile",
        "John Doe",
        "Subtitle",
    ]
    nav = etree.fromstring(book.read("EPUB/nav.xhtml"))
    assert {a.text for a in nav.iter(f"{XHTML}a")} == {"Internationalism and Exile"}
    assert nav.findtext(f".//{XHTML}title") == "Internationalism and Exile"
    ncx = etree.fromstring(book.read("EPUB/toc.ncx"))
    assert {t.text for t in ncx.iter(f"{NCX}text")} == {"Internationalism and Exile"}
    article = etree.fromstring(book.read("EPUB/article.xhtml"))
    assert article.findtext(f".//{XHTML}title") == "Internationalism and Exile"
    assert "".join(next(article.iter(f"{XHTML}h1")).itertext()) == SHY_TITLE


def test_pdf_info_and_bookmarks_are_plain() -> None:
    reader = PdfReader(io.BytesIO(converters.to_bytes(DOC, "pdf")))
    meta = reader.metadata
    assert meta is not None
    assert (meta.title, meta.author, meta.subject) == ("Internationalism and Exile", "John Doe", "Subtitle")
    outline = reader.outline
    assert outline[0].title == "Internationalism and Exile"
    assert [item.title for item in outline[1]] == ["Section one"]


def test_markdown_front_matter_is_plain_and_the_text_keeps_its_soft_hyphens() -> None:
    md = converters.to_bytes(DOC, "md").decode("utf-8")
    front = yaml.safe_load(md.split("---\n")[1])
    assert (front["title"], front["subtitle"], front["author"]) == (
        "Internationalism and Exile",
        "Subtitle",
        ["John Doe"],
    )
    assert "Body inter\u00adnational." in md


def test_collection_nav_labels_and_book_title_are_plain() -> None:
    other = Document(title="Another", blocks=(Paragraph(text("Text.")),))
    data = render_collection([DOC, other], CollectionSpec(title="Labour\u00ad Notes"))
    book = zipfile.ZipFile(io.BytesIO(data))
    opf = etree.fromstring(book.read("EPUB/content.opf"))
    assert opf.findtext(f".//{DC}title") == "Labour Notes"
    nav = etree.fromstring(book.read("EPUB/nav.xhtml"))
    labels = [a.text for a in nav.find(f".//{XHTML}nav[@id='toc']").iter(f"{XHTML}a")]
    assert labels == ["Internationalism and Exile", "Another"]


def test_a_title_of_invisible_characters_only_is_no_title_in_metadata() -> None:
    blank = Document(title="\u00ad\u200b", subtitle="The subtitle", blocks=(Paragraph(text("Text.")),))
    root = html.fromstring(converters.to_bytes(blank, "html"))
    assert root.findtext(".//title") == "Untitled"
    data = render_collection([blank, DOC], CollectionSpec(title="Book"))
    nav = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("EPUB/nav.xhtml"))
    labels = [a.text for a in nav.find(f".//{XHTML}nav[@id='toc']").iter(f"{XHTML}a")]
    assert labels == ["The subtitle", "Internationalism and Exile"]
