"""Property-based tests (Hypothesis) of the writers on generated text (issue 6).

The text mixes words, markup-like strings, Markdown-significant characters,
control characters, every kind of line ending and random Unicode. For any of
it, the reader makes a model and:

* HTML: renders, parses, holds no XML-forbidden character, and shows every
  word of the model in order;
* Markdown: renders, and pandoc reads it back to the same words in order, with
  no construct the model does not have (no code, raw HTML, math, tables...):
  text never changes meaning;
* EPUB (a small sample): every XML file parses strictly and every word is
  there; EPUBCheck finds nothing on a few (slow);
* PDF (a small sample, Latin words): renders and every word is on the page.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree, html

from converters.model import Document, iter_text
from converters.options import WriteOptions
from converters.readers.plaintext import read_text
from converters.writers import get_writer
from tests.textcheck import epub_text, html_text, missing_in_order, pdf_text, words

FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SAMPLE = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

MARKUP = [
    "<script>alert(1)</script>",
    "<b>",
    "</p>",
    "&amp;",
    "AT&T",
    "<<NAME>>",
    "]]>",
    "<!--",
    "&#0;",
    "*stars*",
    "_under_",
    "**bold**",
    "# hash",
    "1984.",
    "2.",
    "- dash",
    "+ plus",
    "> quote",
    "`tick`",
    "```",
    "~~~",
    "[link](http://x)",
    "![img](x.png)",
    "<http://auto.link>",
    "$x^2$",
    "$$",
    "\\",
    "|a|b|",
    "---",
    "***",
    "{.class}",
    "@cite",
    "[^1]",
    "^sup^",
    "~sub~",
    ":smile:",
    "    indented",
    "\tTabbed",
    "=====",
]
ENDINGS = ["\n", "\n\n", "\r\n", "\r\n\r\n", "\r", "\u2028", "\u2029", "\f", "\x85", "\v"]
CONTROLS = [chr(c) for c in range(0x20) if chr(c) not in "\n\r"] + ["\x7f", "\x9b", "\ufeff", "\ufffe"]
LATIN = st.from_regex(r"[A-Za-zÀ-ÿ]{1,10}", fullmatch=True)

tokens = st.one_of(
    LATIN,
    LATIN,
    st.sampled_from(MARKUP),
    st.sampled_from(ENDINGS),
    st.sampled_from(CONTROLS),
    st.text(min_size=1, max_size=8),  # random Unicode, controls and all
    st.just(" "),
)


@st.composite
def articles(draw: st.DrawFn, token: st.SearchStrategy[str] = tokens, size: int = 80) -> str:
    parts = draw(st.lists(token, min_size=1, max_size=size))
    return " ".join(parts)


latin_tokens = st.one_of(LATIN, LATIN, LATIN, st.sampled_from(MARKUP), st.sampled_from(ENDINGS))

FORBIDDEN = {chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"} | {"\ufffe", "\uffff"}


def model_words(doc: Document) -> list[str]:
    return words(" ".join(iter_text(doc)))


def render(doc: Document, fmt: str, **options: Any) -> bytes:
    return get_writer(fmt).render(doc, WriteOptions(**options))


@FAST
@given(articles())
def test_html_never_crashes_and_keeps_every_word(text: str) -> None:
    doc = read_text(text)
    page = render(doc, "html")
    decoded = page.decode("utf-8")
    assert not FORBIDDEN & set(decoded)
    root = html.fromstring(page)
    assert root.xpath("//body//script") == []
    assert missing_in_order(model_words(doc), words(html_text(page))) == []


# pandoc node types plain text may become; anything else changed its meaning.
_ALLOWED = {
    "Para",
    "Plain",
    "Header",
    "BlockQuote",
    "BulletList",
    "OrderedList",
    "HorizontalRule",
    "Str",
    "Space",
    "SoftBreak",
    "LineBreak",
    "Emph",
    "Link",
    "Div",
    "CodeBlock",  # a Preformatted block (table, drawing): its text stays verbatim
    "Span",
    "MetaInlines",
    "MetaList",
    "MetaString",
    "MetaMap",
    "MetaBlocks",
}
_READERS = {"markdown": "markdown-smart", "gfm": "gfm", "commonmark_x": "commonmark_x-smart"}


def _nodes(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        if "t" in value:
            yield value
        for item in value.values():
            yield from _nodes(item)
    elif isinstance(value, list):
        for item in value:
            yield from _nodes(item)


def _stringify(value: Any) -> str:
    out: list[str] = []
    for node in _nodes(value):
        if node["t"] == "Str":
            out.append(node["c"])
        elif node["t"] in ("Space", "SoftBreak", "LineBreak", "Para", "Plain", "Header", "MetaInlines"):
            out.append(" ")  # blocks are separated too, so words never run together
        elif node["t"] == "MetaString":
            out.append(node["c"])
        elif node["t"] == "CodeBlock":  # [attr, text]: verbatim lines
            out.append(" " + node["c"][1] + " ")
    return "".join(out).strip()


def yaml_front_matter(md: str) -> dict[str, Any]:
    """The front matter of ``md`` as a YAML parser (PyYAML) reads it."""
    import yaml

    match = re.match(r"---\n(.*?\n)---\n", md, re.S)
    assert match, md[:300]
    loaded: dict[str, Any] = yaml.safe_load(match.group(1))
    return loaded


def markdown_round_trip(md: str, flavor: str) -> tuple[str, set[str]]:
    """``md`` read back: (its text, the header fields as YAML gives them, then the body
    as pandoc reads it; the body's node types)."""
    import json

    import pypandoc

    ast = json.loads(pypandoc.convert_text(md, "json", format=_READERS[flavor]))
    meta = yaml_front_matter(md)
    header = [str(meta[key]) for key in ("title", "subtitle", "dateline") if key in meta]
    header += [str(name) for name in meta.get("author", [])]
    types = {node["t"] for node in _nodes(ast["blocks"])}
    return " ".join([*header, _stringify(ast["blocks"])]), types


@FAST
@given(articles())
def test_markdown_never_crashes_keeps_every_word_and_its_meaning(text: str) -> None:
    doc = read_text(text)
    md = render(doc, "md").decode("utf-8")
    back, types = markdown_round_trip(md, "markdown")
    assert types <= _ALLOWED, f"became markup: {types - _ALLOWED}\n{md}"
    assert missing_in_order(model_words(doc), words(back)) == [], md


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles(), st.sampled_from(["gfm", "commonmark_x"]))
def test_other_markdown_flavors_keep_every_word(text: str, flavor: str) -> None:
    doc = read_text(text)
    md = render(doc, "md", markdown_flavor=flavor).decode("utf-8")
    back, types = markdown_round_trip(md, flavor)
    assert types <= _ALLOWED, md
    assert missing_in_order(model_words(doc), words(back)) == [], md


# Front-matter values pandoc's writers left bare when pandoc wrote the front matter (found by the properties above).
META_CASES = ["1984. A", "- A", "+ A", "1) A", "&amp; x", "&#0; y", "{.c} z", "[@k] w", ":smile: v"]


@pytest.mark.parametrize("flavor", sorted(_READERS))
@pytest.mark.parametrize("value", META_CASES)
def test_front_matter_values_read_back_as_written(value: str, flavor: str) -> None:
    doc = Document(title=value, subtitle=value, authors=(value,))
    md = render(doc, "md", markdown_flavor=flavor).decode("utf-8")
    meta = yaml_front_matter(md)
    assert (meta["title"], meta["subtitle"], meta["author"]) == (value, value, [value]), md


def check_epub(data: bytes, doc: Document) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as epub:
        for name in epub.namelist():
            if name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
                raw = epub.read(name)
                assert not FORBIDDEN & set(raw.decode("utf-8")), name
                etree.fromstring(raw)  # strict XML: raises on anything malformed
    assert missing_in_order(model_words(doc), words(epub_text(data))) == []


@SAMPLE
@given(articles(size=40))
def test_epub_sample_is_well_formed_and_keeps_every_word(text: str) -> None:
    doc = read_text(text)
    check_epub(render(doc, "epub"), doc)


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(articles(latin_tokens, size=60))
def test_pdf_sample_renders_every_word(tmp_path: Path, text: str) -> None:
    doc = read_text(text)
    path = tmp_path / "sample.pdf"
    path.write_bytes(render(doc, "pdf"))
    # pdf_text drops lines that are only digits (page numbers), so numbers are not compared.
    expected = [word for word in model_words(doc) if not word.isdigit()]
    got = Counter(words(pdf_text(path, set(expected))))
    assert not Counter(expected) - got


@pytest.mark.slow
@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(articles(size=40))
def test_epubcheck_finds_nothing_on_a_sample(tmp_path: Path, text: str) -> None:
    from tests.validators import epubcheck_problems

    doc = read_text(text)
    path = tmp_path / "sample.epub"
    path.write_bytes(render(doc, "epub"))
    assert epubcheck_problems(path) == []


INLINE_CASES = ["&amp; x", "&#0; y", "[@k] w", ":smile: v", "{.c} z", "---", "1984. A"]


def _in_place(kind: str, value: str) -> Document:
    from converters.model import BlockQuote, Heading, List, Paragraph, RelatedLink, text

    if kind == "heading":
        return Document(title="T", blocks=(Heading(2, text(value)),))
    if kind == "related":
        return Document(title="T", related=(RelatedLink(value),))
    if kind == "attribution":
        return Document(
            title="T", blocks=(BlockQuote((Paragraph(text("Quoted")),), attribution=text(value)),)
        )
    return Document(title="T", blocks=(List(ordered=False, start=1, items=((Paragraph(text(value)),),)),))


@pytest.mark.parametrize("flavor", sorted(_READERS))
@pytest.mark.parametrize("kind", ["heading", "related", "attribution", "list item"])
@pytest.mark.parametrize("value", INLINE_CASES)
def test_text_outside_paragraphs_reads_back_as_written(value: str, kind: str, flavor: str) -> None:
    md = render(_in_place(kind, value), "md", markdown_flavor=flavor).decode("utf-8")
    back, types = markdown_round_trip(md, flavor)
    assert value in back, md
    assert types <= _ALLOWED, md


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.one_of(
        st.binary(max_size=600),
        articles(size=30).map(lambda t: t.encode("utf-8")),
        articles(size=30).map(lambda t: t.encode("utf-16")),
        articles(latin_tokens, size=30).map(lambda t: t.encode("cp1252", "replace")),
    )
)
def test_any_bytes_convert_or_fail_cleanly(tmp_path: Path, data: bytes) -> None:
    """Any file: converted with every word, or an InputError and no output at all."""
    import shutil

    from converters.api import convert_file
    from converters.errors import InputError

    out = tmp_path / "out"
    shutil.rmtree(out, ignore_errors=True)
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    try:
        written = convert_file(path, ["html", "md"], out)
    except InputError as exc:
        assert exc.path == str(path)
        assert "\n" not in exc.reason
        assert not out.exists() or list(out.iterdir()) == []
        return
    assert sorted(p.name for p in out.iterdir()) == ["input.html", "input.md"]
    assert [w.path.name for w in written] == ["input.html", "input.md"]
