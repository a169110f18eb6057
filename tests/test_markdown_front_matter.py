"""Markdown front matter for other tools: plain YAML strings in reading order (issue 10, items 10 and 11)."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import yaml

import converters
from converters.model import DateValue, Document, Paragraph, text
from converters.options import WriteOptions
from converters.writers.markdown import FLAVORS

HOSTILE = [
    "<script>alert(1)</script>",
    "*bold* and _under_ and `code`",
    "___",
    "1",
    "3.14",
    "yes",
    "null",
    "~",
    "key: value # not a comment",
    "- not a list",
    "@handle %percent &anchor *alias !tag",
    "'single' and \"double\" quotes",
    "[not a link](x) {not: a map}",
    "2020-10-31",
    "Ünïcode — “curly” and עברית",
]


def front(md: str) -> tuple[str, dict[str, object]]:
    match = re.match(r"---\n(.*?\n)---\n\n", md, re.S)
    assert match, md[:300]
    loaded = yaml.safe_load(match.group(1))
    assert isinstance(loaded, dict)
    return match.group(1), loaded


def markdown(doc: Document, flavor: str = "markdown") -> str:
    return converters.to_bytes(doc, "md", WriteOptions(markdown_flavor=flavor)).decode("utf-8")


@pytest.mark.parametrize("flavor", list(FLAVORS))
@pytest.mark.parametrize("value", HOSTILE)
def test_values_load_back_as_the_same_plain_strings(flavor: str, value: str) -> None:
    doc = Document(title=value, subtitle=value, authors=(value,), blocks=(Paragraph(text("Body.")),))
    raw, meta = front(markdown(doc, flavor))
    assert meta["title"] == value
    assert meta["subtitle"] == value
    assert meta["author"] == [value]
    assert "\\" not in raw  # no Markdown escapes for tools that show the value as text


def test_keys_in_reading_order_and_the_iso_date() -> None:
    doc = Document(
        title="The Title",
        subtitle="The subtitle",
        authors=("Tom Hale",),
        date=DateValue("Written: Feb. 27, 1914", "1914-02-27"),
        blocks=(Paragraph(text("Body.")),),
        metadata={"byline": "By Tom Hale, Contributing writer", "source_note": ["Source: The Archive"]},
    )
    raw, meta = front(markdown(doc))
    assert list(meta) == ["title", "subtitle", "author", "byline", "date", "dateline", "source-note", "lang"]
    assert meta["date"] == datetime.date(1914, 2, 27)
    assert "\ndate: 1914-02-27\n" in raw  # a YAML date: generators sort and format it
    assert meta["dateline"] == "Written: Feb. 27, 1914"
    assert meta["byline"] == "By Tom Hale, Contributing writer"
    assert meta["source-note"] == ["Source: The Archive"]


@pytest.mark.parametrize(("written", "iso"), [("January 1948", "1948-01"), ("1948", "1948")])
def test_a_partial_date_stays_a_string(written: str, iso: str) -> None:
    doc = Document(title="T", date=DateValue(written, iso), blocks=(Paragraph(text("Body.")),))
    _, meta = front(markdown(doc))
    assert (meta["date"], meta["dateline"]) == (iso, written)


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By Sam Okafor", ("Sam Okafor",)),
        ("by Ana Ruiz and Li Wei", ("Ana Ruiz", "Li Wei")),
        ("Von Anna Meier und Jan Roth", ("Anna Meier", "Jan Roth")),
        ("Sam Okafor", ("Sam Okafor",)),
    ],
)
def test_a_byline_that_only_names_the_authors_is_not_repeated(byline: str, authors: tuple[str, ...]) -> None:
    doc = Document(
        title="T", authors=authors, blocks=(Paragraph(text("Body.")),), metadata={"byline": byline}
    )
    _, meta = front(markdown(doc))
    assert meta["author"] == list(authors)
    assert "byline" not in meta


@pytest.mark.parametrize(
    "byline", ["By Sam Okafor, Reuters", "By Sam Okafor | Staff writer", "Sam Okafor in Lagos"]
)
def test_a_byline_that_says_more_is_kept(byline: str) -> None:
    doc = Document(
        title="T", authors=("Sam Okafor",), blocks=(Paragraph(text("Body.")),), metadata={"byline": byline}
    )
    assert front(markdown(doc))[1]["byline"] == byline


@pytest.mark.slow
def test_mkdocs_builds_the_page_with_its_title(tmp_path: Path) -> None:
    """MkDocs reads the front matter with a YAML parser and titles the page from ``title``:
    the title shows as written, without the backslashes of a pandoc-escaped value."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    doc = Document(
        title="Title with *stars*, _under_ and # hash: 1",
        subtitle="1",
        authors=("Jane Roe",),
        date=DateValue("31 October 2020", "2020-10-31"),
        blocks=(Paragraph(text("The body of the article.")),),
    )
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "docs" / "article.md").write_bytes(converters.to_bytes(doc, "md"))
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\n", encoding="utf-8")
    build(load_config(str(tmp_path / "mkdocs.yml")))
    page = (tmp_path / "site" / "article" / "index.html").read_text(encoding="utf-8")
    assert "<title>Title with *stars*, _under_ and # hash: 1 - Test</title>" in page
    assert "<p>The body of the article.</p>" in page
    assert "\\" not in page
