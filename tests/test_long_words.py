"""Long words and URLs: they wrap in HTML, and URLs break at sensible points (issue 10, item 9)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from lxml import html

import converters
from converters.model import Document, Paragraph, text
from converters.options import WriteOptions
from converters.render import url_html, url_pieces
from converters.styles import list_styles
from tests.browser import in_chromium

URLS = [
    "http://www.marxists.org/archive/trotsky/1930/04/stalinschool.htm",
    "https://en.wikipedia.org/wiki/2019_Bolivian_political_crisis_and_the_interim_government_of_Jeanine_%C3%81%C3%B1ez",
    "https://www.example.org/news/2020/10/31/a-very-long-article-slug-about-the-election?utm_source=feed&utm_medium=rss&utm_campaign=autumn",
]

#: A German compound of 79 letters: no hyphen, no break opportunity.
LONG_WORD = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft"


def url_doc() -> Document:
    sentence = "The result was reported widely, and the fuller account is at {} where readers find the rest."
    return Document(title="Addresses", blocks=tuple(Paragraph(text(sentence.format(u))) for u in URLS * 2))


def test_url_pieces_break_after_slashes_and_before_query_marks() -> None:
    assert url_pieces("https://example.org/a/b?x=1&y=2#top") == [
        "https://example.org/",
        "a/",
        "b",
        "?x=1",
        "&y=2",
        "#top",
    ]
    # the scheme stays with the host; a long piece also breaks before - _ . % (never after a hyphen)
    assert url_pieces(URLS[2])[:8] == [
        "https://www.example.org/",
        "news/",
        "2020/",
        "10/",
        "31/",
        "a",
        "-very",
        "-long",
    ]
    for url in URLS:
        assert "".join(url_pieces(url)) == url


def test_url_html_joins_escaped_pieces_with_wbr() -> None:
    assert str(url_html("https://a.org/x?q=<1>&r=2", "/")) == (
        '<span class="url"><span class="url-part">https://a.org/</span><wbr/>'
        '<span class="url-part">x</span><wbr/><span class="url-part">?q=&lt;1&gt;</span><wbr/>'
        '<span class="url-part">&amp;r=2</span></span>'
    )


def test_html_text_of_a_url_is_the_url() -> None:
    page = html.fromstring(converters.to_bytes(url_doc(), "html", WriteOptions(html_fonts=False)))
    spans = page.xpath("//div[@class='body']//span[@class='url']")
    assert ["".join(s.itertext()) for s in spans] == URLS * 2
    assert len(list(spans[0].iter("wbr"))) == len(url_pieces(URLS[0])) - 1  # libxml2 nests them


@pytest.mark.parametrize("style", [s.name for s in list_styles()])
def test_pdf_breaks_urls_only_between_pieces(tmp_path: Path, style: str) -> None:
    doc = url_doc()
    path = tmp_path / "doc.pdf"
    path.write_bytes(converters.to_bytes(doc, "pdf", WriteOptions(style=style)))
    raw = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert not re.search(r"://\n", raw)  # never a line ending in "http://"
    broken = 0
    for url in URLS:
        pattern = "\n?".join(re.escape(ch) for ch in url)
        found = re.findall(pattern, raw)
        assert len(found) == 2, url
        ends = {sum(map(len, url_pieces(url)[: i + 1])) for i in range(len(url_pieces(url)))}
        for occurrence in found:
            offset = 0
            for part in occurrence.split("\n")[:-1]:
                offset += len(part)
                assert offset in ends, (url, occurrence)  # a break between two pieces only
                broken += 1
    assert broken >= 4  # the long addresses did break


@pytest.mark.slow
@pytest.mark.parametrize("style", [s.name for s in list_styles()])
def test_a_long_word_wraps_on_a_phone(tmp_path: Path, style: str) -> None:
    doc = Document(
        title=f"The {LONG_WORD}",
        subtitle=LONG_WORD,
        blocks=(Paragraph(text(f"A {LONG_WORD} in the text, and {URLS[1]} too.")),),
    )
    page = tmp_path / "page.html"
    page.write_bytes(converters.to_bytes(doc, "html", WriteOptions(style=style)))
    measure = """
    const title = document.querySelector(".title");
    return {width: window.innerWidth, scrollWidth: document.documentElement.scrollWidth,
            titleFits: title.scrollWidth <= title.clientWidth, titleLines: Math.round(title.getBoundingClientRect().height / parseFloat(getComputedStyle(title).lineHeight))};
    """
    (phone,) = in_chromium(page, measure, widths=(390,))
    assert phone["scrollWidth"] <= phone["width"] == 390
    assert phone["titleFits"]
    assert phone["titleLines"] >= 2
