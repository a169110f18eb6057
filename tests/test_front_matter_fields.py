"""Front matter fields no other part of an output prints are printed at the end of
the article (every word in, every word out)."""

from __future__ import annotations

from pathlib import Path

import yaml
from lxml import html as lxml_html

from converters.api import write
from converters.presentation import fields
from converters.readers.plaintext import read_text

TEXT = (
    "---\nlayout: post\ntitle: Issue 1\nkicker: Editorial\ncategories:\n- Newsletters\n- News\n"
    "params:\n  id: 871\npermalink: /issue1/front-matter/\naudiourl:\n---\n\n"
    "I am still amazed and thrilled that we pulled this off, and the magazine is real.\n"
)


def test_fields_keep_source_order_flatten_values_and_skip_used_keys() -> None:
    doc = read_text(TEXT)
    assert fields(doc) == (
        ("layout", "post"),
        ("categories", "Newsletters, News"),
        ("params", "id: 871"),
        ("permalink", "/issue1/front-matter/"),
        ("audiourl", ""),
    )


def test_the_html_prints_them_in_a_definition_list_at_the_end(tmp_path: Path) -> None:
    out = tmp_path / "a.html"
    write(read_text(TEXT), "html", out)
    page = lxml_html.fromstring(out.read_text(encoding="utf-8"))
    footer = page.xpath('//article/footer[@class="fields"]')
    assert len(footer) == 1
    assert [
        (dt.text_content(), dd.text_content())
        for dt, dd in zip(footer[0].iter("dt"), footer[0].iter("dd"), strict=True)
    ] == [
        ("layout", "post"),
        ("categories", "Newsletters, News"),
        ("params", "id: 871"),
        ("permalink", "/issue1/front-matter/"),
        ("audiourl", ""),
    ]
    assert page.xpath("//article/*[last()]")[0] is footer[0]


def test_a_text_without_front_matter_has_no_fields(tmp_path: Path) -> None:
    out = tmp_path / "b.html"
    write(read_text("A Title\n\nSome body text that is long enough to be a paragraph.\n"), "html", out)
    assert 'class="fields"' not in out.read_text(encoding="utf-8")


def test_the_markdown_front_matter_keeps_them_as_the_source_had_them(tmp_path: Path) -> None:
    out = tmp_path / "a.md"
    write(read_text(TEXT), "md", out)
    head = out.read_text(encoding="utf-8").split("---\n")[1]
    assert yaml.safe_load(head) == {
        "title": "Issue 1",
        "masthead": ["Editorial"],
        "layout": "post",
        "categories": ["Newsletters", "News"],
        "params": {"id": 871},
        "permalink": "/issue1/front-matter/",
        "audiourl": "",
        "lang": "en",
    }


def test_word_processors_get_them_as_a_definition_list_at_the_end(tmp_path: Path) -> None:
    import pypandoc

    out = tmp_path / "a.docx"
    write(read_text(TEXT), "docx", out)
    text = pypandoc.convert_file(str(out), "plain")
    assert " ".join(text.split()).endswith(
        "layout post categories Newsletters, News params id: 871 permalink /issue1/front-matter/ audiourl"
    )
