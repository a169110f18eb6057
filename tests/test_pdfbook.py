"""The PDF book of a collection: front matter, contents with page numbers, recto starts,
running heads, continuous folios, bookmarks and live cross-links, read back from the PDF."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from converters.cli import cli
from converters.collection import CollectionSpec
from converters.model import Document, Heading, Paragraph, text
from converters.pdfbook import render_pdf_book
from tests.test_collection import ROSES, STRIKE

LONG = Document(
    title="A Longer Piece",
    blocks=(
        Heading(2, text("First part")),
        *(Paragraph(text("Words of the first part, set at length. " * 40)) for _ in range(6)),
        Heading(2, text("Second part")),
        *(Paragraph(text("Words of the second part. " * 40)) for _ in range(4)),
    ),
)
SPEC = CollectionSpec(title="Labour Notes", authors=("Ed Itor",), description="Three pieces.")


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("book") / "book.pdf"
    path.write_bytes(render_pdf_book([STRIKE, LONG, ROSES], SPEC))
    return path


def page_lines(path: Path) -> list[list[str]]:
    """The non-blank lines of each page, spaces collapsed (``pdftotext -layout``)."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [
        [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        for page in out.split("\f")[:-1]
    ]


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """``(depth, title, page number)`` of every bookmark."""
    found: list[tuple[int, str, int]] = []

    def walk(items: list[object], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))  # type: ignore[attr-defined]

    walk(reader.outline, 0)
    return found


def test_front_matter_and_contents_with_page_numbers(book: Path) -> None:
    pages = page_lines(book)
    assert pages[0] == ["Labour Notes"]  # half-title: the title alone, no folio
    assert pages[1] == ["Labour Notes", "Ed Itor", "Three pieces.", "3 articles"]  # title page
    contents = pages[2]
    assert contents[0] == "Contents"
    starts = {
        title: int(line.rsplit(" ", 1)[1])
        for line in contents[1:-1]
        for title in [line.rsplit(" ", 1)[0].rstrip(". ")]
    }
    assert list(starts) == ["The Dock Strike of 1889", "A Longer Piece", "“Bread and Roses”"]
    for title, number in starts.items():
        assert number % 2 == 1, title  # every article starts on a right-hand page
        assert pages[number - 1][0] == title  # ... with its title, and no running head above it
        assert pages[number - 1][-1] == str(number)  # folios run on through the book
    assert outline(PdfReader(book)) == [
        (0, "Contents", 3),
        (0, "The Dock Strike of 1889", 5),
        (1, "Related articles", 5),
        (0, "A Longer Piece", 7),
        (1, "First part", 7),
        (1, "Second part", 10),
        (0, "“Bread and Roses”", 13),
        (1, "Related articles", 13),
    ]
    assert starts == {"The Dock Strike of 1889": 5, "A Longer Piece": 7, "“Bread and Roses”": 13}


def test_running_heads_book_title_verso_article_title_recto(book: Path) -> None:
    pages = page_lines(book)
    long_start = next(i for i, page in enumerate(pages) if page and page[0] == "A Longer Piece") + 1
    verso, recto = pages[long_start], pages[long_start + 1]  # pages long_start+1 and +2 (1-based)
    assert (long_start + 1) % 2 == 0 and verso[0] == "Labour Notes"
    assert recto[0] == "A Longer Piece"
    blank = [i + 1 for i, page in enumerate(pages) if not page]
    assert all(number % 2 == 0 for number in blank)  # only versos are left blank, with no head or folio


def test_related_articles_are_live_internal_links(book: Path) -> None:
    reader = PdfReader(book)
    starts = {title: page for depth, title, page in outline(reader) if depth == 0 and title != "Contents"}
    named = reader.named_destinations
    links = []
    for number, page in enumerate(reader.pages, 1):
        for annotation in page.get("/Annots") or []:
            dest = annotation.get_object().get("/Dest")
            if isinstance(dest, str) and dest.endswith("article"):
                links.append((number, reader.get_destination_page_number(named[dest]) + 1))
    contents = sorted({dst for src, dst in links if src == 3})
    assert contents == sorted(starts.values())  # every contents entry is a live link to its article
    strike, roses = starts["The Dock Strike of 1889"], starts["“Bread and Roses”"]
    assert [(src, dst) for src, dst in links if src != 3] == [(strike, roses), (roses, strike)]


def test_cli_writes_the_pdf_book(tmp_path: Path, seed_path: Path) -> None:
    out = tmp_path / "book.pdf"
    result = CliRunner().invoke(cli, ["collection", str(seed_path), "-o", str(out), "--title", "Samples"])
    assert (result.exit_code, result.stderr) == (0, "")
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert reader.metadata is not None and reader.metadata.title == "Samples"
    assert len(reader.pages) >= 5


def test_a_pdf_x_book_in_a5(tmp_path: Path, seed_path: Path) -> None:
    import pikepdf

    out = tmp_path / "book.pdf"
    options = {"--title": "S", "--page-size": "A5", "--pdf-variant": "pdf/x-4"}
    args = [
        "collection",
        str(seed_path),
        "-o",
        str(out),
        *(item for pair in options.items() for item in pair),
    ]
    result = CliRunner().invoke(cli, args)
    assert (result.exit_code, result.stderr) == (0, "")
    with pikepdf.open(out) as pdf:
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFX"
        x0, y0, x1, y1 = (float(v) for v in pdf.pages[0].obj.TrimBox)
        assert (x1 - x0, y1 - y0) == pytest.approx((148 * 72 / 25.4, 210 * 72 / 25.4), abs=0.01)
