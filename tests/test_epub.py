"""The EPUB writer: accessibility metadata, languages, direction, semantics, fonts, EPUBCheck."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

import converters
from converters.model import (
    BlockQuote,
    DateValue,
    Document,
    Heading,
    Note,
    NoteRef,
    Notes,
    Paragraph,
    RelatedLink,
    Text,
    text,
)
from converters.options import WriteOptions
from tests.validators import epubcheck_problems

OPF = "{http://www.idpf.org/2007/opf}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
XHTML = "{http://www.w3.org/1999/xhtml}"


def rich(language: str = "en", title: str = "A Title") -> Document:
    return Document(
        title=title,
        subtitle="A subtitle",
        date=DateValue("31 October 2020", "2020-10-31"),
        authors=("Jane Roe", "John Doe"),
        language=language,
        blocks=(
            Paragraph((Text("First paragraph with a note"), NoteRef("1", "[1]"), Text("."))),
            Heading(2, text("A section")),
            BlockQuote((Paragraph(text("Quoted text.")),), attribution=text("Someone")),
            Notes((Note("1", (Paragraph(text("The note.")),)),)),
        ),
        related=(RelatedLink("Another article"),),
    )


ARABIC = Document(
    title="مقالة تجريبية",
    subtitle="عنوان فرعي",
    language="ar",
    blocks=(Heading(2, text("مقدمة")), Paragraph(text("هذه فقرة باللغة العربية."))),
)


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def opf(data: bytes) -> etree._Element:
    return etree.fromstring(parts(data)["EPUB/content.opf"])


def meta_properties(root: etree._Element) -> Counter[tuple[str, str]]:
    return Counter(
        (m.get("property"), m.text)
        for m in root.iter(f"{OPF}meta")
        if m.get("property", "").startswith("schema:")
    )


def test_accessibility_metadata() -> None:
    props = meta_properties(opf(converters.to_bytes(rich(), "epub")))
    assert props[("schema:accessMode", "textual")] == 1
    assert props[("schema:accessModeSufficient", "textual")] == 1
    for feature in ("structuralNavigation", "readingOrder", "tableOfContents"):
        assert props[("schema:accessibilityFeature", feature)] == 1
    assert props[("schema:accessibilityHazard", "none")] == 1
    summaries = [value for (prop, value) in props if prop == "schema:accessibilitySummary"]
    assert len(summaries) == 1
    assert "table of contents" in summaries[0]


def test_one_generator_and_unique_creator_ids() -> None:
    root = opf(converters.to_bytes(rich(), "epub"))
    generators = [m.get("content") for m in root.iter(f"{OPF}meta") if m.get("name") == "generator"]
    assert generators == [f"plainpress {converters.__version__}"]
    creators = root.findall(".//{http://purl.org/dc/elements/1.1/}creator")
    assert [c.text for c in creators] == ["Jane Roe", "John Doe"]
    assert len({c.get("id") for c in creators}) == 2


def test_every_content_document_has_both_language_attributes() -> None:
    for name, data in parts(converters.to_bytes(rich("de"), "epub")).items():
        if name.endswith(".xhtml"):
            root = etree.fromstring(data)
            assert (root.get("lang"), root.get(XML_LANG)) == ("de", "de"), name
    assert opf(converters.to_bytes(rich("de"), "epub")).get(XML_LANG) == "de"


def test_right_to_left_article() -> None:
    files = parts(converters.to_bytes(ARABIC, "epub"))
    package = etree.fromstring(files["EPUB/content.opf"])
    assert package.get("dir") == "rtl"
    assert package.find(f"{OPF}spine").get("page-progression-direction") == "rtl"
    article = etree.fromstring(files["EPUB/article.xhtml"])
    assert article.get("dir") == "rtl"
    assert article.find(f"{XHTML}body").get("dir") == "rtl"
    nav = etree.fromstring(files["EPUB/nav.xhtml"])
    assert nav.find(f"{XHTML}body").get("dir") == "rtl"
    assert (nav.get("lang"), nav.get(XML_LANG)) == ("ar", "ar")


def test_left_to_right_article_has_no_direction_overrides() -> None:
    files = parts(converters.to_bytes(rich(), "epub"))
    package = etree.fromstring(files["EPUB/content.opf"])
    assert package.get("dir") is None
    assert package.find(f"{OPF}spine").get("page-progression-direction") is None


def test_semantics_and_ids() -> None:
    files = parts(converters.to_bytes(rich(), "epub"))
    article = etree.fromstring(files["EPUB/article.xhtml"])
    types = {el.get(EPUB_TYPE) for el in article.iter() if el.get(EPUB_TYPE)}
    assert {"bodymatter chapter", "noteref", "endnotes", "endnote"} <= types
    chapter = article.find(f"{XHTML}body/{XHTML}section")
    assert (chapter.get(EPUB_TYPE), chapter.get("role")) == ("bodymatter chapter", "doc-chapter")
    ids = [el.get("id") for el in article.iter() if el.get("id") is not None]
    assert "" not in ids
    assert len(ids) == len(set(ids))
    nav = etree.fromstring(files["EPUB/nav.xhtml"])
    navs = {el.get(EPUB_TYPE): el for el in nav.iter(f"{XHTML}nav")}
    assert set(navs) == {"toc", "landmarks"}
    landmark = navs["landmarks"].find(f".//{XHTML}a")
    assert (landmark.get(EPUB_TYPE), landmark.get("href")) == ("bodymatter", "article.xhtml")


def test_reading_order_is_title_body_related() -> None:
    article = etree.fromstring(parts(converters.to_bytes(rich(), "epub"))["EPUB/article.xhtml"])
    text_ = " ".join(article.itertext())
    positions = [
        text_.index(s) for s in ("A Title", "First paragraph", "Quoted text.", "The note.", "Another article")
    ]
    assert positions == sorted(positions)


def test_stylesheet_is_cut_for_reading_systems() -> None:
    css = parts(converters.to_bytes(rich(), "epub"))["EPUB/style/plainpress.css"].decode()
    assert "@page" not in css
    assert "@media" not in css
    assert "string-set" not in css
    assert "--plainpress-" not in css
    assert "font-family" in css


def test_fonts_are_embedded_only_when_the_style_asks() -> None:
    plain = parts(converters.to_bytes(rich(), "epub"))  # default: no directive
    assert not [name for name in plain if name.startswith("EPUB/fonts/")]
    assert "@font-face" not in plain["EPUB/style/plainpress.css"].decode()

    modern = parts(converters.to_bytes(rich(), "epub", WriteOptions(style="modern")))
    fonts = sorted(name for name in modern if name.startswith("EPUB/fonts/"))
    assert fonts == [
        "EPUB/fonts/SourceSansPro-Bold.otf",
        "EPUB/fonts/SourceSansPro-It.otf",
        "EPUB/fonts/SourceSansPro-Regular.otf",
        "EPUB/fonts/SourceSansPro-Semibold.otf",
    ]
    # subset to the book's characters: far smaller than the 230 kB originals
    assert all(len(modern[name]) < 60_000 for name in fonts)
    css = modern["EPUB/style/plainpress.css"].decode()
    assert css.count("@font-face") == 4
    assert 'src: url("../fonts/SourceSansPro-Regular.otf")' in css
    manifest = {
        i.get("href"): i.get("media-type")
        for i in etree.fromstring(modern["EPUB/content.opf"]).iter(f"{OPF}item")
    }
    assert manifest["fonts/SourceSansPro-Regular.otf"] == "font/otf"


def test_embedded_subset_covers_the_text() -> None:
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    doc = rich(title="Ærøskøbing — “quoted” café")
    data = parts(converters.to_bytes(doc, "epub", WriteOptions(style="modern")))
    cmap = TTFont(io.BytesIO(data["EPUB/fonts/SourceSansPro-Regular.otf"])).getBestCmap()
    assert all(ord(ch) in cmap for ch in "Ærøskøbing—“”café" if not ch.isspace())


def test_custom_style_can_ask_for_fonts(tmp_path: Path) -> None:
    css = tmp_path / "mine.css"
    css.write_text(
        ':root { --plainpress-epub-embed-fonts: yes; }\nhtml { font-family: "Source Serif Pro", serif; }\n',
        encoding="utf-8",
    )
    files = parts(converters.to_bytes(rich(), "epub", WriteOptions(style=str(css))))
    assert sorted(n for n in files if n.startswith("EPUB/fonts/")) == [
        "EPUB/fonts/SourceSerifPro-Bold.otf",
        "EPUB/fonts/SourceSerifPro-It.otf",
        "EPUB/fonts/SourceSerifPro-Regular.otf",
        "EPUB/fonts/SourceSerifPro-Semibold.otf",
    ]


@pytest.mark.slow
@pytest.mark.parametrize("style", ["default", "modern"])
@pytest.mark.parametrize("which", ["rich", "arabic", "seed"])
def test_epubcheck_clean(tmp_path: Path, style: str, which: str, seed_doc: Document) -> None:
    doc = {"rich": rich(), "arabic": ARABIC, "seed": seed_doc}[which]
    path = tmp_path / f"{which}-{style}.epub"
    path.write_bytes(converters.to_bytes(doc, "epub", WriteOptions(style=style)))
    assert epubcheck_problems(path) == []
