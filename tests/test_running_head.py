"""The PDF running head is one line: shortened at a word boundary, or front matter
``short_title`` (issue 10, item 7)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import converters
from converters.model import Document
from converters.presentation import RUNNING_HEAD_MAX, running_head
from converters.readers.plaintext import read_text

LONG = (
    "The Long and Winding History of the Eight-Hour Day Campaign in the Textile Mills "
    "of Northern England and Its Consequences"
)


@pytest.mark.parametrize(
    ("title", "metadata", "head"),
    [
        ("A Short Title", {}, "A Short Title"),
        (LONG, {}, "The Long and Winding History of the Eight-Hour Day Campaign in the…"),
        (LONG, {"short_title": "The Eight-Hour Day"}, "The Eight-Hour Day"),
        ("Word, " * 20, {}, "Word, Word, Word, Word, Word, Word, Word, Word, Word, Word, Word…"),
        ("x" * 100, {}, "x" * 69 + "…"),
        (None, {}, ""),
    ],
)
def test_running_head(title: str | None, metadata: dict[str, str], head: str) -> None:
    doc = Document(title=title, metadata=metadata)
    assert running_head(doc) == head
    assert len(running_head(doc)) <= RUNNING_HEAD_MAX


BODY = "\n\n".join(
    f"Paragraph {n} of the article, long enough to fill the lines of a page with words and more words "
    "about the campaign, the mills and the people who worked in them for many long years." * 3
    for n in range(30)
)


def pdf_lines(tmp_path: Path, source: str) -> list[str]:
    """The top line of every page after the first (``pdftotext -layout``: in reading position)."""
    path = tmp_path / "a.pdf"
    path.write_bytes(converters.to_bytes(read_text(source), "pdf"))
    laid_out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True
    )
    pages = [page for page in laid_out.stdout.decode("utf-8").split("\f") if page.strip()]
    assert len(pages) > 2
    return [page.strip().split("\n")[0].strip() for page in pages[1:]]


def test_a_long_title_gives_a_one_line_running_head(tmp_path: Path) -> None:
    heads = pdf_lines(tmp_path, f"{LONG}\n\n{BODY}\n")
    assert set(heads) == {"The Long and Winding History of the Eight-Hour Day Campaign in the…"}


def test_front_matter_short_title_is_the_running_head(tmp_path: Path) -> None:
    heads = pdf_lines(tmp_path, f"---\ntitle: {LONG}\nshort_title: The Eight-Hour Day\n---\n\n{BODY}\n")
    assert set(heads) == {"The Eight-Hour Day"}
