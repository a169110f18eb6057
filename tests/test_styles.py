"""Styles: listing, selection by name or path, per-target cuts, directives, completeness."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html

import converters
from converters.cli import cli
from converters.errors import UsageError
from converters.model import BlockQuote, Document, Heading, Paragraph, RelatedLink, text
from converters.options import WriteOptions
from converters.styles import css_for, directives, embeds_fonts_in_epub, list_styles, resolve_style

#: What every bundled style styles: the structure documented for custom styles.
SELECTORS = [
    ".article",
    ".article-header",
    ".kicker",
    ".title",
    ".subtitle",
    ".byline",
    ".dateline",
    ".body p",
    "blockquote",
    ".attribution",
    ".contents",
    ".notes",
    ".related",
    ".noteref",
    ".url",
    ".skip-link",
    ".titlepage",
    ".toc",
    '[dir="rtl"]',
]


def doc() -> Document:
    return Document(
        title="Styled",
        subtitle="Sub",
        blocks=(
            Paragraph(text("Text.")),
            Heading(2, text("Section")),
            BlockQuote((Paragraph(text("Quote.")),)),
        ),
        related=(RelatedLink("Other"),),
    )


def test_bundled_styles_are_listed_with_descriptions() -> None:
    styles = {s.name: s.description for s in list_styles()}
    assert list(styles)[:1] == ["default"]
    assert {"default", "modern"} <= set(styles)
    assert styles["default"].startswith("Classic book style")
    assert styles["modern"].startswith("Modern web style")


def test_styles_command_prints_one_per_line() -> None:
    result = CliRunner().invoke(cli, ["styles"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == [s.name for s in list_styles()]
    assert all(re.fullmatch(r"[\w-]+ +\S.*", line) for line in lines)


def test_resolve_by_name_and_by_path(tmp_path: Path) -> None:
    assert resolve_style("modern").path.name == "modern.css"
    mine = tmp_path / "mine.css"
    mine.write_text("/* plainpress style: mine - my own */\nbody { color: #123456; }\n", encoding="utf-8")
    style = resolve_style(str(mine))
    assert (style.name, style.description, style.path) == ("mine", "my own", mine.resolve())
    with pytest.raises(UsageError, match="unknown style 'nope'"):
        resolve_style("nope")
    with pytest.raises(UsageError, match="style file not found"):
        resolve_style(str(tmp_path / "missing.css"))


def test_custom_css_file_reaches_every_html_family_output(tmp_path: Path) -> None:
    mine = tmp_path / "mine.css"
    mine.write_text(".title { color: #123456; }\n", encoding="utf-8")
    page = converters.to_bytes(doc(), "html", WriteOptions(style=str(mine))).decode()
    assert "color: #123456" in html.fromstring(page).xpath("string(//style)")
    epub = converters.to_bytes(doc(), "epub", WriteOptions(style=str(mine)))
    assert converters.to_bytes(doc(), "pdf", WriteOptions(style=str(mine)))[:4] == b"%PDF"
    assert epub[:2] == b"PK"


@pytest.mark.parametrize("style", [s.name for s in list_styles()])
def test_every_style_is_complete(style: str) -> None:
    css = resolve_style(style).css
    for selector in SELECTORS:
        assert re.search(rf"(^|[\s,]){re.escape(selector)}[\s,{{:]", css), f"{style}: {selector}"
    for at_rule in (
        "@page",
        "@page :first",
        "@page cover",
        "@media print",
        "@media screen",
        "@media screen and (prefers-color-scheme: dark)",
        "@media screen and (max-width: 36em)",
        "string-set: running-title",
        "counter(page)",
        "hyphens: auto",
        "orphans:",
        "widows:",
        "overflow-wrap: anywhere",
    ):
        assert at_rule in css, f"{style}: {at_rule}"


@pytest.mark.parametrize("style", [s.name for s in list_styles()])
def test_alignment_is_logical_so_rtl_text_aligns_right(style: str) -> None:
    """``start``/``end`` follow ``dir``; ``left``/``right`` would set Arabic flush left."""
    css = resolve_style(style).css
    assert not re.search(r"text-align:\s*(left|right)", css)


@pytest.mark.parametrize("style", [s.name for s in list_styles()])
def test_cuts_per_target(style: str) -> None:
    path = resolve_style(style).path
    page, book, pdf = css_for(path, "html"), css_for(path, "epub"), css_for(path, "pdf")
    assert "@page" not in page and "string-set" not in page and "@media print" in page
    assert "@page" not in book and "@media" not in book and "string-set" not in book
    assert "@page" in pdf and "string-set" in pdf and "@media print" in pdf
    assert "@media screen" not in pdf
    for cut in (page, book, pdf):
        assert "--plainpress-" not in cut


def test_directives_and_epub_fonts(tmp_path: Path) -> None:
    assert embeds_fonts_in_epub(resolve_style("modern").path)
    assert not embeds_fonts_in_epub(resolve_style("default").path)
    mine = tmp_path / "mine.css"
    mine.write_text(
        ':root { --plainpress-epub-embed-fonts: "YES"; --other: 1; }\n'
        "@media print { :root { --plainpress-ignored: yes; } }\n",
        encoding="utf-8",
    )
    assert directives(mine) == {"--plainpress-epub-embed-fonts": "yes"}
    assert embeds_fonts_in_epub(mine)
    assert "--other: 1" in css_for(mine, "html")


@pytest.mark.parametrize("style", [s.name for s in list_styles()])
def test_pdf_renders_without_weasyprint_warnings(style: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        converters.to_bytes(doc(), "pdf", WriteOptions(style=style))
    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []


@pytest.mark.parametrize("style", [s.name for s in list_styles()])
@pytest.mark.parametrize("fmt", ["html", "epub", "pdf"])
def test_every_style_in_every_format_through_the_cli(tmp_path: Path, style: str, fmt: str) -> None:
    source = tmp_path / "a.txt"
    source.write_text("A Title\n\nA paragraph of text.\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["convert", str(source), "--to", fmt, "--style", style, "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / f"a.{fmt}").stat().st_size > 0
