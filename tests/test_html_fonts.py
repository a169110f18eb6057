"""The HTML page embeds the faces its style names, as the PDF and EPUB use them (issue 10, item 8)."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from lxml import html

import converters
from converters.batch import config_from_table
from converters.errors import UsageError
from converters.model import Document, Paragraph, Text, text
from converters.options import WriteOptions
from tests.browser import in_chromium
from tests.test_cli import run

FACE = re.compile(
    r'@font-face \{ font-family: "(?P<family>[^"]+)"; '
    r'src: url\("data:font/woff2;base64,(?P<data>[A-Za-z0-9+/=]+)"\) format\("woff2"\); '
    r"font-weight: (?P<weight>\d+); font-style: (?P<style>\w+); font-display: swap; \}"
)

DOC = Document(title="Ærøskøbing café", blocks=(Paragraph(text("Ünïcode “quoted” text ≠ 42.")),))


def style_text(page: bytes) -> str:
    return str(html.fromstring(page).xpath("string(//head/style)"))


def faces(page: bytes) -> list[tuple[str, str, str, TTFont]]:
    return [
        (m["family"], m["weight"], m["style"], TTFont(io.BytesIO(base64.b64decode(m["data"]))))
        for m in FACE.finditer(style_text(page))
    ]


@pytest.mark.parametrize(
    ("style", "family"), [("default", "Source Serif Pro"), ("modern", "Source Sans Pro")]
)
def test_the_page_embeds_the_styles_faces_as_woff2(style: str, family: str) -> None:
    found = faces(converters.to_bytes(DOC, "html", WriteOptions(style=style)))
    assert [(f, w, s) for f, w, s, _ in found] == [
        (family, "400", "normal"),
        (family, "400", "italic"),
        (family, "600", "normal"),
        (family, "700", "normal"),
    ]
    assert all(font.flavor == "woff2" for *_, font in found)


def test_the_faces_are_subset_to_the_pages_characters() -> None:
    page = converters.to_bytes(DOC, "html")
    for *_, font in faces(page):
        cmap = font.getBestCmap()
        assert all(ord(ch) in cmap for ch in "Ærøskøbing caféÜnïcode“”≠")
        assert ord("Ж") not in cmap  # Source Serif has Cyrillic; this page has none
        # Latin pages are rounded up to whole 128-code-point pages, so articles in
        # one script share one cached subset: about 240 of about 1,000 characters
        assert ord("ÿ") in cmap  # unused, but on a page the text uses
        assert len(cmap) < 260
    assert len(page) < 150_000


def test_subsets_are_cached_on_disk_and_shared_by_pages_of_one_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLAINPRESS_CACHE_DIR", str(tmp_path))
    first = converters.to_bytes(DOC, "html")
    cached = sorted((tmp_path / "fonts").glob("*.woff2"))
    assert len(cached) == 4
    other = Document(title="Another page", blocks=(Paragraph((Text("Plain words, one café, 1 ≠ 2."),)),))
    converters.to_bytes(other, "html")
    assert sorted((tmp_path / "fonts").glob("*.woff2")) == cached  # the same four subsets
    assert converters.to_bytes(DOC, "html") == first


def test_a_style_naming_no_bundled_face_embeds_none(tmp_path: Path) -> None:
    css = tmp_path / "plain.css"
    css.write_text("body { font-family: Georgia, serif; }\n", encoding="utf-8")
    page = converters.to_bytes(DOC, "html", WriteOptions(style=str(css)))
    assert "@font-face" not in style_text(page)


def test_the_option_turns_it_off() -> None:
    page = converters.to_bytes(DOC, "html", WriteOptions(html_fonts=False))
    assert "@font-face" not in style_text(page)
    assert "Source Serif Pro" in style_text(page)  # still named, for readers who have it


def test_no_html_fonts_on_the_command_line(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Title\n\nSome text of the article.\n", encoding="utf-8")
    code, _, err = run("convert", "-t", "html", "--no-html-fonts", "-o", str(tmp_path), str(source))
    assert (code, err) == (0, "")
    assert "@font-face" not in (tmp_path / "a.html").read_text(encoding="utf-8")
    code, _, err = run("convert", "-t", "html", "-o", str(tmp_path), str(source))
    assert (code, err) == (0, "")
    assert (tmp_path / "a.html").read_text(encoding="utf-8").count("font-display: swap") == 4


def test_html_fonts_in_the_config(tmp_path: Path) -> None:
    assert config_from_table({"sources": ["*.txt"], "html_fonts": False}, tmp_path).write.html_fonts is False
    assert config_from_table({"sources": ["*.txt"]}, tmp_path).write.html_fonts is True
    with pytest.raises(UsageError, match="html_fonts: must be true or false"):
        config_from_table({"sources": ["*.txt"], "html_fonts": "no"}, tmp_path)


FONTS_JS = """
const faces = [...document.fonts].filter(f => f.status === "loaded").map(f => `${f.family} ${f.weight} ${f.style}`);
return {faces: faces.sort(), body: getComputedStyle(document.querySelector(".body p")).fontFamily};
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("style", "family"), [("default", "Source Serif Pro"), ("modern", "Source Sans Pro")]
)
def test_chromium_draws_the_page_in_the_embedded_faces(tmp_path: Path, style: str, family: str) -> None:
    """On this machine no Source face is installed (fontconfig), so a loaded face is the embedded one."""
    doc = Document(
        title="A title",
        subtitle="An italic subtitle",
        blocks=(Paragraph(text("Body text of the article.")),),
    )
    page = tmp_path / "page.html"
    page.write_bytes(converters.to_bytes(doc, "html", WriteOptions(style=style)))
    phone, desktop = in_chromium(page, FONTS_JS)
    assert phone == desktop
    assert phone["body"].startswith(f'"{family}"')
    # the faces this page uses (an italic subtitle in the default style only)
    used = {"default": ["400 italic", "400 normal", "600 normal"], "modern": ["400 normal", "700 normal"]}
    assert phone["faces"] == [f"{family} {face}" for face in used[style]]
