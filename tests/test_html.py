"""The HTML writer: landmarks, language and direction, contents and skip link, metadata, Nu validity."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

import converters
from converters.model import (
    BlockQuote,
    DateValue,
    Document,
    Heading,
    Link,
    Paragraph,
    RelatedLink,
    Text,
    text,
)
from converters.options import WriteOptions
from converters.styles import list_styles
from tests.browser import in_chromium
from tests.validators import nu_errors


def article(sections: int = 3, language: str = "en") -> Document:
    blocks: list[Paragraph | Heading | BlockQuote] = [Paragraph(text("Opening paragraph."))]
    for n in range(1, sections + 1):
        blocks.append(Heading(2, text(f"Section {n}")))
        blocks.append(Paragraph(text(f"Text of section {n}.")))
    blocks.append(BlockQuote((Paragraph(text("A quotation.")),), attribution=text("Someone")))
    return Document(
        title="A Title",
        subtitle="A subtitle that previews well",
        date=DateValue("31 October 2020", "2020-10-31"),
        authors=("Jane Roe",),
        language=language,
        blocks=tuple(blocks),
        related=(RelatedLink("Another article", "https://example.org/other"),),
    )


def page(doc: Document, style: str = "default") -> html.HtmlElement:
    return html.fromstring(converters.to_bytes(doc, "html", WriteOptions(style=style)))


def test_landmarks_and_language() -> None:
    root = page(article())
    assert (root.get("lang"), root.get("dir")) == ("en", "ltr")
    assert len(root.xpath("/html/body/main[@id='content']/article[@class='article']")) == 1
    assert len(root.xpath("//main/article/header[@class='article-header']/h1[@class='title']")) == 1
    assert len(root.xpath("//main/article/nav[@class='contents']")) == 1
    assert root.xpath("//aside[@class='related']/@aria-labelledby") == ["related-heading"]


def test_contents_and_skip_link_when_there_are_sections() -> None:
    root = page(article(3))
    nav = root.xpath("//nav[@class='contents']")[0]
    assert nav.get("aria-labelledby") == "contents-heading"
    assert nav.xpath("string(h2)") == "Contents"
    targets = nav.xpath("ol/li/a/@href")
    assert targets == ["#section-1", "#section-2", "#section-3"]
    for target in targets:
        assert root.xpath(f"string(//h2[@id='{target[1:]}'])").startswith("Section ")
    skip = root.xpath("/html/body/*[1]")[0]
    assert (skip.tag, skip.get("class"), skip.get("href")) == ("a", "skip-link", "#text")
    assert root.xpath("//div[@class='body']/@id") == ["text"]


def test_no_contents_or_skip_link_for_a_short_article() -> None:
    root = page(article(2))
    assert root.xpath("//nav") == []
    assert root.xpath("//*[@class='skip-link']") == []


def test_labels_follow_the_language() -> None:
    root = page(article(3, "de"))
    assert root.xpath("string(//nav/h2)") == "Inhalt"
    assert root.xpath("string(//a[@class='skip-link'])") == "Zum Text springen"


def test_right_to_left() -> None:
    root = page(article(1, "ar"))
    assert (root.get("lang"), root.get("dir")) == ("ar", "rtl")


def test_preview_metadata() -> None:
    root = page(article())
    meta = {
        (m.get("name") or m.get("property")): m.get("content") for m in root.xpath("//head/meta[@content]")
    }
    assert meta["description"] == "A subtitle that previews well"
    assert meta["og:title"] == "A Title"
    assert meta["og:description"] == "A subtitle that previews well"
    assert meta["og:type"] == "article"
    assert meta["article:published_time"] == "2020-10-31"
    assert meta["author"] == "Jane Roe"
    assert meta["viewport"] == "width=device-width, initial-scale=1"
    assert meta["color-scheme"] == "light dark"


def test_description_falls_back_to_the_first_paragraph() -> None:
    doc = Document(title="T", blocks=(Paragraph(text("word " * 80)),))
    content = page(doc).xpath("//meta[@name='description']/@content")[0]
    assert content.endswith("\u2026")
    assert len(content) <= 201


def test_urls_in_text_are_marked() -> None:
    doc = Document(
        title="T",
        blocks=(
            Paragraph(text("See https://example.org/a_very/long/path. And www.example.com, too.")),
            Paragraph((Link(text("a link"), "https://example.org"),)),
        ),
    )
    root = page(doc)
    assert [span.xpath("string()") for span in root.xpath("//span[@class='url']")] == [
        "https://example.org/a_very/long/path",
        "www.example.com",
    ]
    assert (
        root.xpath("string(//p[1])") == "See https://example.org/a_very/long/path. And www.example.com, too."
    )
    assert root.xpath("//p[2]/a/@href") == ["https://example.org"]


@pytest.mark.parametrize("style", [s.name for s in list_styles()])
def test_stylesheet_carries_screen_dark_phone_and_print_rules(style: str) -> None:
    css = page(article(), style).xpath("string(//head/style)")
    assert "@media screen and (prefers-color-scheme: dark)" in css
    assert "@media screen and (max-width: 36em)" in css
    assert "@media print" in css
    assert "@page" not in css  # paged media goes to the PDF only
    assert "string-set" not in css
    assert "--plainpress-" not in css


@pytest.mark.slow
def test_nu_valid_for_every_style(tmp_path: Path, seed_doc: Document) -> None:
    docs = {"seed": seed_doc, "sections": article(3), "rtl": article(1, "ar"), "short": article(0)}
    paths = []
    for style in list_styles():
        for name, doc in docs.items():
            path = tmp_path / f"{name}-{style.name}.html"
            path.write_bytes(converters.to_bytes(doc, "html", WriteOptions(style=style.name)))
            paths.append(path)
    assert nu_errors(*paths) == []


def test_inline_markup_renders() -> None:
    doc = Document(title="T", blocks=(Paragraph((Text("a "), Link(text("b"), "#x"))),))
    assert page(doc).xpath("//div[@class='body']/p/a/@href") == ["#x"]


# -- layout in headless Chromium ------------------------------------------------

MEASURE_JS = """
const p = document.querySelector(".body p");
return {width: window.innerWidth, scrollWidth: document.documentElement.scrollWidth,
        measure: p.getBoundingClientRect().width, fontSize: parseFloat(getComputedStyle(p).fontSize)};
"""


@pytest.mark.slow
@pytest.mark.parametrize("style", [s.name for s in list_styles()])
def test_layout_at_phone_and_desktop_widths(tmp_path: Path, style: str) -> None:
    """No horizontal scrolling on a 390 px phone (even with a long URL); a measure of
    at most about 80 characters (40 em) on a 1280 px desktop."""
    url = "https://example.org/" + "averylongpathsegment/" * 10  # no hyphen to break at
    doc = Document(
        title="A headline long enough to wrap on a phone screen",
        blocks=(Paragraph(text(f"Text with a long address {url} in it. " * 3)),),
    )
    page_path = tmp_path / "page.html"
    page_path.write_bytes(converters.to_bytes(doc, "html", WriteOptions(style=style)))
    phone, desktop = in_chromium(page_path, MEASURE_JS)
    assert phone["scrollWidth"] <= phone["width"] == 390
    assert desktop["measure"] / desktop["fontSize"] <= 40
