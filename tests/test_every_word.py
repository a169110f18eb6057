"""Every word in, every word out: one article using every model feature, in every format.

The source has a kicker, title, subtitle, byline, date, headings, a list, a
multi-paragraph quotation with an attribution, notes and related links with
URLs. Every word of it (structure labels included) must come out in order in
each registered format; the text is extracted the way a reader of that format
sees it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import converters
from converters.writers import formats
from tests.textcheck import epub_text, html_text, markdown_text, missing_in_order, pdf_text, words

SOURCE = """\
OPINION

The Origins of the Weekend

How Saturday became a day of rest

By Maria Gonzalez

June 9, 2017

For most of history there was no weekend at all. Workers laboured six days
and rested on the seventh, when they rested at all.[1]

THE FIRST CAMPAIGNS

The campaign for a shorter week began in the mills. Its demands were simple:

- a half-holiday on Saturday
- an eight-hour day
- a rise in wages

One organiser put the case plainly:

"We ask for nothing more than time to live.

"A man who works from dawn to dusk has no time for his family, his town or himself."

A SLOW VICTORY

By 1938 the five-day week was law in several countries, and <b>AT&T</b> & co. followed.

Notes

1. Historians disagree about how strictly the seventh day was kept.

See also:
The Eight-Hour Day - https://example.org/eight-hours
A History of Leisure
"""


LETTER = """\
The Harbour Gazette, Spring 1921

An Open Letter to the Dock Board

Date: 14 March 1921

From The Harbour Gazette, Vol. 3 No. 2, March 1921, p. 4.

Dear Members of the Board,

We write on behalf of the four hundred men who load and unload the ships
at the eastern quay. For three months they have worked without a contract.

They ask for a fair wage and a shorter day, and nothing more.

Yours faithfully,

The Quay Workers' Committee
"""
#: Where the letter's header ends and its body (salutation first) begins.
LETTER_BODY_START = "Dear Members"


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("src") / "weekend.txt"
    path.write_text(SOURCE, encoding="utf-8")
    return path


def extract(fmt: str, path: Path, vocabulary: set[str]) -> str:
    data = path.read_bytes()
    if fmt == "html":
        return html_text(data)
    if fmt in ("epub", "kepub"):
        return epub_text(data)
    if fmt == "pdf":
        return pdf_text(path, vocabulary, running_head="The Origins of the Weekend")
    if fmt == "md":
        return markdown_text(data.decode("utf-8"))
    return pandoc_text(path)


def pandoc_text(path: Path) -> str:
    """The text of a word-processor file as pandoc reads it: its title, subtitle,
    author and date (pandoc metadata, in header order), then the body."""
    import json

    import pypandoc

    ast = json.loads(pypandoc.convert_file(str(path), "json"))
    header = []
    for key in ("title", "subtitle", "author", "date"):
        value = ast["meta"].get(key)
        if value:
            blocks = []
            for v in value["c"] if value["t"] == "MetaList" else [value]:
                blocks += v["c"] if v["t"] == "MetaBlocks" else [{"t": "Plain", "c": v["c"]}]
            doc = {**ast, "meta": {}, "blocks": blocks}
            header.append(pypandoc.convert_text(json.dumps(doc), "plain", format="json"))
    # Markdown rather than plain text: it keeps link targets (URLs) visible.
    body = pypandoc.convert_text(
        json.dumps({**ast, "meta": {}}), "markdown", format="json", extra_args=["--wrap=none"]
    )
    return "\n".join([*header, body])


#: Formats whose title block is pandoc's, which has no place for a kicker: it is
#: the first body paragraph (style "Masthead"), right after the title block.
KICKER_AFTER_TITLE_BLOCK = {"docx", "odt"}


@pytest.mark.parametrize("fmt", formats())
def test_every_source_word_survives_in_order(fmt: str, source: Path, tmp_path: Path) -> None:
    doc = converters.read(source)
    out = converters.write(doc, fmt, tmp_path / f"weekend{converters.api.get_writer(fmt).extension}")
    expected = words(SOURCE)
    if fmt in KICKER_AFTER_TITLE_BLOCK:
        expected.remove("OPINION")
        expected.insert(expected.index("For"), "OPINION")  # first body paragraph
    if fmt == "md":
        # "By Maria Gonzalez" says no more than `author: [Maria Gonzalez]`, so Markdown
        # has no `byline` (issue 10, item 11); "By" is a label, as "Written:" is.
        expected.remove("By")
    assert missing_in_order(expected, words(extract(fmt, out, set(expected)))) == []


@pytest.mark.parametrize("fmt", formats())
def test_a_letters_header_lines_and_parts_survive(fmt: str, tmp_path: Path) -> None:
    """Publication and date lines, a labelled date, a source note, salutation, closing
    and signature live in the model's metadata; every format must still print them.
    The header is laid out in the conventional order (title first), so its words are
    checked as present; the body's words, letter parts included, in order."""
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    doc = converters.read(path)
    out = converters.write(doc, fmt, tmp_path / f"letter{converters.api.get_writer(fmt).extension}")
    head, body = LETTER.split(LETTER_BODY_START)
    expected_head, expected_body = words(head), words(LETTER_BODY_START + body)
    got = words(extract(fmt, out, set(words(LETTER))))
    missing = [w for w in expected_head if got.count(w) < expected_head.count(w)]
    assert missing == []
    assert missing_in_order(expected_body, got) == []


def test_the_kitchen_sink_reads_as_intended(source: Path) -> None:
    doc = converters.read(source)
    assert (doc.title, doc.subtitle, doc.authors) == (
        "The Origins of the Weekend",
        "How Saturday became a day of rest",
        ("Maria Gonzalez",),
    )
    assert doc.metadata.get("kicker") == "OPINION"
    assert [type(b).__name__ for b in doc.blocks] == [
        "Paragraph",
        "Heading",
        "Paragraph",
        "List",
        "Paragraph",
        "BlockQuote",
        "Heading",
        "Paragraph",
        "Notes",
    ]
    assert [(r.title, r.url) for r in doc.related] == [
        ("The Eight-Hour Day", "https://example.org/eight-hours"),
        ("A History of Leisure", None),
    ]
