"""A word hyphenated at a line end copies whole where the extractor joins line-end hyphens (issue 10, item 12)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

import converters
from converters.model import Document, Paragraph, text
from converters.options import WriteOptions
from converters.styles import css_for, list_styles, resolve_style

TEXT = (
    "The government tried to intimidate the demonstrators, but the extraordinary determination "
    "of the organisers overwhelmed the authorities, notwithstanding internationalisation and "
    "responsibilities of every kind. "
) * 4


def extracted(tmp_path: Path, style: str, *options: str) -> str:
    doc = Document(title="Hyphenation", language="en", blocks=(Paragraph(text(TEXT)),))
    path = tmp_path / f"{style}.pdf"
    path.write_bytes(converters.to_bytes(doc, "pdf", WriteOptions(style=style, page_size="a5")))
    return subprocess.run(
        ["pdftotext", *options, "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.mark.parametrize("style", [s.name for s in list_styles()])
def test_hyphenated_words_are_extracted_whole(tmp_path: Path, style: str) -> None:
    raw = extracted(tmp_path, style, "-raw")
    ends = [
        line[-1] for line in raw.splitlines() if line and line[-2:-1].isalpha() and not line[-1].isalnum()
    ]
    assert ends.count("-") >= 3  # the text was hyphenated, with hyphen-minus ...
    assert "\u2010" not in raw  # ... never U+2010, which extractors leave in the word
    joined = " ".join(extracted(tmp_path, style).split())  # pdftotext's default mode joins them
    assert set(re.findall(r"\w+", TEXT)) <= set(re.findall(r"\w+", joined))


def test_the_hyphen_setting_stays_out_of_html_and_epub() -> None:
    path = resolve_style("default").path
    assert 'hyphenate-character: "-"' in css_for(path, "pdf")
    assert "hyphenate-character" not in css_for(path, "html")
    assert "hyphenate-character" not in css_for(path, "epub")
