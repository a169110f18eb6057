"""The Markdown writer: front matter, layout, escaping and the round trip, per flavor."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import pypandoc
import pytest
import yaml

import converters
from converters.errors import UsageError
from converters.model import (
    BlockQuote,
    Break,
    DateValue,
    Document,
    Emphasis,
    Heading,
    LineBreak,
    List,
    Paragraph,
    RelatedLink,
    Text,
    text,
)
from converters.options import WriteOptions
from converters.writers.markdown import FLAVORS, pandoc_document

#: How each flavor is read back: the writer's own variant (``-smart`` keeps
#: ``--`` and straight quotes as written; gfm without bare-URL autolinks).
READ_BACK = {
    "markdown": "markdown-smart",
    "gfm": "gfm-autolink_bare_uris",
    "commonmark_x": "commonmark_x-smart",
}

TRICKY = [
    "2*3*4 = 24 and snake_case_name",
    "*not emphasis* and _not either_",
    "# not a heading",
    "## nor this",
    "a | b | c",
    "|cell|cell|",
    "x < y and <b>not html</b> &amp;",
    "1984. was a year",
    "1) not a list either",
    "- not a bullet",
    "+ nor this",
    "* nor this",
    "> not a quotation",
    "---",
    "- - -",
    "***",
    "___",
    "=====",
    "[not a link](http://example.com) and ![no image](x.png)",
    "`not code` and ~~not struck~~ and ~sub~ ^sup^",
    "a \\ backslash and a trailing one \\",
    "100% @citation [@key] {.class} $math$",
    "\u201ccurly\u201d \u2018quotes\u2019 \u2014 em dash \u2013 en dash \u2026 ellipsis",
    "straight \"quotes\" 'single' -- two dashes ... three dots",
    "<!-- not a comment -->",
    ":smile: and www.example.com",
    "Term",
    ": not a definition",
]


def tricky_doc() -> Document:
    return Document(
        title="Title with *stars* and _under_ # hash",
        subtitle="Subtitle: with a colon | pipe",
        date=DateValue("31 October 2020", "2020-10-31"),
        authors=("Jane Roe", "John O'Doe"),
        language="en",
        blocks=(
            *(Paragraph(text(t)) for t in TRICKY),
            Paragraph((Text("line one"), LineBreak(), Text("---"), LineBreak(), Text("line three"))),
            Heading(2, text("A *real* heading")),
            Paragraph((Text("Some "), Emphasis(text("real emphasis")), Text(" here."))),
            BlockQuote((Paragraph(text("1984. Quoted # text")), Paragraph(text("Second paragraph.")))),
            List(False, ((Paragraph(text("# item")),), (Paragraph(text("1. item")),))),
            List(True, ((Paragraph(text("first")),), (Paragraph(text("second")),)), start=3),
            Break(),
            Paragraph(text("After the break.")),
        ),
        related=(RelatedLink("Related * one"), RelatedLink("Related two", "https://example.org/two")),
    )


def without_ids(value: Any) -> Any:
    """``value`` with every heading identifier blanked (readers derive them from the text)."""
    if isinstance(value, list):
        return [without_ids(v) for v in value]
    if isinstance(value, dict):
        if value.get("t") == "Header":
            level, _, inlines = value["c"]
            return {"t": "Header", "c": [level, ["", [], []], without_ids(inlines)]}
        return {k: without_ids(v) for k, v in value.items()}
    return value


def write(doc: Document, flavor: str) -> str:
    return converters.to_bytes(doc, "md", WriteOptions(markdown_flavor=flavor)).decode("utf-8")


def read_back(md: str, flavor: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(
        pypandoc.convert_text(md, "json", format=READ_BACK[flavor], extra_args=["--standalone"])
    )
    return loaded


def stringify(meta_value: dict[str, Any]) -> str:
    """The text of a pandoc metadata value (MetaInlines or MetaString)."""
    if meta_value["t"] == "MetaString":
        return str(meta_value["c"])
    return "".join(
        i["c"] if i["t"] == "Str" else " " if i["t"] in {"Space", "SoftBreak"} else ""
        for i in meta_value["c"]
    )


def front_matter(md: str) -> dict[str, Any]:
    match = re.match(r"---\n(.*?)\n---\n", md, re.S)
    assert match, md[:200]
    loaded: dict[str, Any] = yaml.safe_load(match.group(1))
    return loaded


@pytest.mark.parametrize("flavor", list(FLAVORS))
def test_front_matter(flavor: str) -> None:
    meta = front_matter(write(tricky_doc(), flavor))
    assert meta == {
        "title": "Title with *stars* and _under_ # hash",
        "subtitle": "Subtitle: with a colon | pipe",
        "author": ["Jane Roe", "John O'Doe"],
        "date": datetime.date(2020, 10, 31),
        "dateline": "31 October 2020",
        "lang": "en",
    }


def test_right_to_left_front_matter() -> None:
    doc = Document(title="مقالة", language="ar", blocks=(Paragraph(text("فقرة")),))
    assert front_matter(write(doc, "markdown"))["dir"] == "rtl"


@pytest.mark.parametrize("flavor", list(FLAVORS))
def test_round_trip_gives_the_same_blocks_and_metadata(flavor: str) -> None:
    """pandoc reads the body back to the same blocks; the front matter holds plain
    strings for YAML parsers (pandoc would read its values as Markdown)."""
    doc = tricky_doc()
    md = write(doc, flavor)
    back = read_back(md, flavor)
    expected = pandoc_document(doc)  # without the writer's escape guards
    assert without_ids(back["blocks"]) == expected["blocks"]
    meta = front_matter(md)
    assert (meta["title"], meta["subtitle"], meta["lang"]) == (doc.title, doc.subtitle, doc.language)
    assert stringify(back["meta"]["lang"]) == "en"
    assert [stringify(a) for a in back["meta"]["author"]["c"]] == ["Jane Roe", "John O'Doe"]


@pytest.mark.parametrize("flavor", list(FLAVORS))
def test_round_trip_of_the_sample_article(flavor: str, seed_doc: Document) -> None:
    back = read_back(write(seed_doc, flavor), flavor)
    assert without_ids(back["blocks"]) == pandoc_document(seed_doc)["blocks"]
    assert stringify(back["meta"]["title"]) == seed_doc.title  # a title without markup characters


@pytest.mark.parametrize("flavor", list(FLAVORS))
def test_layout(flavor: str) -> None:
    lines = write(tricky_doc(), flavor).split("\n---\n", 1)[1].splitlines()
    assert "## A *real* heading" not in lines  # the stars are text
    assert any(re.fullmatch(r"## A \\\*real\\\* heading", line) for line in lines)
    assert "> Second paragraph." in lines
    assert "## Related articles" in lines
    assert lines[-2:] == ["- Related \\* one", "- [Related two](https://example.org/two)"]
    assert "Some *real emphasis* here." in lines


@pytest.mark.parametrize("flavor", list(FLAVORS))
def test_escaping_is_minimal(flavor: str) -> None:
    body = write(tricky_doc(), flavor).split("\n---\n", 1)[1]
    lines = body.splitlines()
    # words that need no escape stay bare; punctuation is never rewritten
    assert "2\\*3\\*4 = 24 and snake_case_name" in lines
    assert "\u201ccurly\u201d \u2018quotes\u2019 \u2014 em dash \u2013 en dash \u2026 ellipsis" in lines
    assert "straight \"quotes\" 'single' -- two dashes ... three dots" in lines
    assert "1984\\. was a year" in lines
    assert "\\# not a heading" in lines


def test_paragraphs_are_unwrapped(seed_doc: Document) -> None:
    body = write(seed_doc, "markdown").split("\n---\n", 1)[1]
    paragraphs = [b.text for b in seed_doc.blocks if isinstance(b, Paragraph)]
    lines = body.splitlines()
    for para in paragraphs:
        assert any(line.startswith(para.split()[0]) and line.endswith(para.split()[-1]) for line in lines)
    assert max(len(line) for line in lines) > 500


def test_gfm_keeps_yaml_front_matter(seed_doc: Document) -> None:
    md = write(seed_doc, "gfm")
    assert md.startswith("---\ntitle: MAS/Arce Election Win\n")
    assert front_matter(md)["title"] == seed_doc.title


def test_unknown_flavor_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="Markdown flavor"):
        converters.to_bytes(tricky_doc(), "md", WriteOptions(markdown_flavor="asciidoc"))
