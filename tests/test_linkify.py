"""URLs in text are found the way GitHub and linkify-it find them (issue 10, item 3)."""

from __future__ import annotations

import pytest
from lxml import html

from converters.linkify import bare_url, find_urls, split_title_url
from converters.model import RelatedLink
from converters.readers.plaintext import read_text
from converters.render import render_page


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("See https://example.org/a.", ["https://example.org/a"]),
        ("(see https://example.org/a)", ["https://example.org/a"]),
        ("Pipes (https://en.wikipedia.org/wiki/Pipe_(unix)).", ["https://en.wikipedia.org/wiki/Pipe_(unix)"]),
        ("<https://example.org/x?a=1&b=2>", ["https://example.org/x?a=1&b=2"]),
        ("at www.example.org, then", ["www.example.org"]),
        ("\u201chttps://example.org/q\u201d", ["https://example.org/q"]),
        ("one—https://example.org/dash", ["https://example.org/dash"]),
        ("[https://example.org/b]", ["https://example.org/b"]),
        ("xhttps://example.org and https:// alone", []),
    ],
)
def test_find_urls_balances_brackets_and_drops_sentence_punctuation(text: str, urls: list[str]) -> None:
    assert [text[s:e] for s, e in find_urls(text)] == urls


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Title (https://example.org/t)", ("Title", "https://example.org/t")),
        ("Title (https://example.org/a_(b))", ("Title", "https://example.org/a_(b)")),
        ("Title <https://example.org/t>", ("Title", "https://example.org/t")),
        ("Title - https://example.org/t", ("Title", "https://example.org/t")),
        ("Title — https://example.org/t", ("Title", "https://example.org/t")),
        ("Title: https://example.org/t.", ("Title", "https://example.org/t")),
        ("Title [https://example.org/t]", ("Title", "https://example.org/t")),
        ("https://example.org/t", None),
        ("Title https://example.org/t and more words", None),
    ],
)
def test_split_title_url(line: str, expected: tuple[str, str] | None) -> None:
    assert split_title_url(line) == expected


@pytest.mark.parametrize(
    ("line", "url"),
    [
        ("https://example.org/t", "https://example.org/t"),
        ("<https://example.org/t>", "https://example.org/t"),
        ("(https://example.org/t)", "https://example.org/t"),
        ("see https://example.org/t", None),
    ],
)
def test_bare_url(line: str, url: str | None) -> None:
    assert bare_url(line) == url


ARTICLE = """The Long Strike

The workers of the mill stayed out for eleven weeks in the winter of 1912, and the town watched.

They won a shorter week and a small rise, and the union grew to twice its size within a year.

Related articles:
The Eight-Hour Day (https://example.org/eight_(hours))
Bread and Roses <https://example.org/bread-and-roses>
"""


def test_a_related_item_with_its_url_in_parentheses_is_one_link() -> None:
    doc = read_text(ARTICLE)
    assert doc.related == (
        RelatedLink("The Eight-Hour Day", "https://example.org/eight_(hours)"),
        RelatedLink("Bread and Roses", "https://example.org/bread-and-roses"),
    )
    page = html.fromstring(render_page(doc, ""))
    assert [(a.text, a.get("href")) for a in page.iter("a") if a.get("href", "").startswith("http")] == [
        ("The Eight-Hour Day", "https://example.org/eight_(hours)"),
        ("Bread and Roses", "https://example.org/bread-and-roses"),
    ]


def test_a_url_in_parentheses_in_running_text_is_marked_whole() -> None:
    doc = read_text(
        "A Title\n\nThe figures are on the wiki (https://en.wikipedia.org/wiki/Pipe_(unix)), as before.\n"
    )
    page = html.fromstring(render_page(doc, ""))
    assert [s.text_content() for s in page.find_class("url")] == ["https://en.wikipedia.org/wiki/Pipe_(unix)"]
