"""The PDF writer: pages, running heads, metadata, outline, fonts, variants."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

import converters
from converters.errors import UsageError
from converters.model import BlockQuote, DateValue, Document, Heading, Paragraph, RelatedLink, text
from converters.options import WriteOptions
from converters.validate import pdf_variants
from converters.writers.pdf import PAGE_SIZES

TITLE = "MAS/Arce Election Win"
SUBTITLE = "No Victory for Bolivian Working Class"
LOREM = (
    "The decisive re-election clearly stems from anger over the removal of the government and "
    "rejection of the year-long coup government and its mishandling of the economy. "
) * 6


def article(language: str = "en") -> Document:
    """A three-page article with two sections, a quotation and a related list."""
    blocks = [Paragraph(text(LOREM)) for _ in range(4)]
    blocks.insert(1, Heading(2, text("The road to power")))
    blocks.insert(3, Heading(3, text("Minister of Economy")))
    blocks.append(BlockQuote((Paragraph(text("A quotation, set off from the text.")),)))
    blocks.append(Heading(2, text("What is to be done")))
    blocks.extend(Paragraph(text(LOREM)) for _ in range(6))
    return Document(
        title=TITLE,
        subtitle=SUBTITLE,
        date=DateValue("31 October 2020", "2020-10-31"),
        authors=("Jane Roe", "John Doe"),
        language=language,
        blocks=tuple(blocks),
        related=(RelatedLink("The Stalin School of Falsification Revisited"),),
    )


@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "article.pdf"
    path.write_bytes(converters.to_bytes(article(), "pdf"))
    return path


def page_texts(path: Path) -> list[str]:
    """The text of each page as ``pdftotext -layout`` reads it."""
    out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True
    ).stdout.decode("utf-8")
    return out.split("\f")[:-1]


def test_metadata_comes_from_the_model(pdf_path: Path) -> None:
    info = PdfReader(pdf_path).metadata
    assert info is not None
    assert info.title == TITLE
    assert info.subject == SUBTITLE
    assert info.author == "Jane Roe, John Doe"
    assert info["/Creator"] == f"plainpress {converters.__version__}"
    assert info["/CreationDate"].startswith("D:20201031")
    assert PdfReader(pdf_path).trailer["/Root"]["/Lang"] == "en"


def test_outline_has_the_title_and_every_heading(pdf_path: Path) -> None:
    def titles(items: list[object], depth: int = 0) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        for item in items:
            if isinstance(item, list):
                out.extend(titles(item, depth + 1))
            else:
                out.append((depth, item.title))  # type: ignore[attr-defined]
        return out

    assert titles(PdfReader(pdf_path).outline) == [
        (0, TITLE),
        (1, "The road to power"),
        (2, "Minister of Economy"),
        (1, "What is to be done"),
        (1, "Related articles"),
    ]


def test_running_head_and_folios_start_on_page_two(pdf_path: Path) -> None:
    pages = page_texts(pdf_path)
    assert len(pages) >= 3
    first_lines = [line.strip() for line in pages[0].splitlines() if line.strip()]
    # page 1: the title block opens the page, no running head, no folio
    assert first_lines[0] == TITLE
    assert first_lines[-1] != "1"
    for number, page in enumerate(pages[1:], start=2):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[0] == TITLE, f"page {number} head: {lines[0]!r}"
        assert lines[-1] == str(number), f"page {number} folio: {lines[-1]!r}"


@pytest.mark.parametrize("size", ["a4", "letter", "a5"])
def test_page_sizes_and_margins(size: str) -> None:
    from pypdf import PageObject

    data = converters.to_bytes(article(), "pdf", WriteOptions(page_size=size))  # type: ignore[arg-type]
    page: PageObject = PdfReader(io.BytesIO(data)).pages[1]
    expected = {"a4": (595, 842), "letter": (612, 792), "a5": (420, 595)}[size]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == expected
    # the text block stays inside the margins plainpress sets for this size
    side = PAGE_SIZES[size][1][1]
    xs: list[float] = []

    def visit(text_: str, cm: list[float], tm: list[float], font: object, size_: float) -> None:
        if text_.strip():
            xs.append(tm[4] * cm[0] + cm[4])

    page.extract_text(visitor_text=visit)
    mm = 72 / 25.4
    assert min(xs) >= side * mm - 1
    assert max(xs) < float(page.mediabox.width) - side * mm


def test_unknown_page_size_and_variant_are_usage_errors() -> None:
    doc = Document(title="x", blocks=(Paragraph(text("y")),))
    with pytest.raises(UsageError, match="page size"):
        converters.to_bytes(doc, "pdf", WriteOptions(page_size="b5"))  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="PDF variant"):
        converters.to_bytes(doc, "pdf", WriteOptions(pdf_variant="pdf/z-9"))


def test_every_font_is_embedded_and_the_text_face_is_shipped(pdf_path: Path) -> None:
    out = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows
    assert all(row.split()[-5] == "yes" for row in rows), out  # the "emb" column
    names = {row.split()[0].split("+")[-1] for row in rows}
    assert "Source-Serif-Pro" in names
    assert "Source-Serif-Pro-Italic" in names


def test_modern_style_embeds_the_sans_face(tmp_path: Path) -> None:
    path = tmp_path / "modern.pdf"
    path.write_bytes(converters.to_bytes(article(), "pdf", WriteOptions(style="modern")))
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert all(row.split()[-5] == "yes" for row in rows), out
    assert any("Source-Sans-Pro" in row for row in rows), out


def test_pdf_ua_is_tagged_with_a_language() -> None:
    data = converters.to_bytes(article("en-GB"), "pdf", WriteOptions(pdf_variant="pdf/ua-1"))
    root = PdfReader(io.BytesIO(data)).trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfuaid:part="1"' in xmp
    assert TITLE in xmp


def test_pdf_a_2b_has_an_output_intent_and_xmp() -> None:
    data = converters.to_bytes(article(), "pdf", WriteOptions(pdf_variant="pdf/a-2b"))
    root = PdfReader(io.BytesIO(data)).trailer["/Root"]
    assert root["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfaid:part="2"' in xmp
    assert 'pdfaid:conformance="B"' in xmp


@pytest.mark.parametrize(("variant", "tagged"), [(None, False), ("pdf/a-2b", False), ("pdf/a-2a", True)])
def test_tagging_follows_the_variant(variant: str | None, tagged: bool) -> None:
    data = converters.to_bytes(article(), "pdf", WriteOptions(pdf_variant=variant))
    root = PdfReader(io.BytesIO(data)).trailer["/Root"]
    assert ("/StructTreeRoot" in root) is tagged
    assert root["/Lang"] == "en"


def test_variants_listed_are_weasyprints() -> None:
    assert {"pdf/ua-1", "pdf/a-2b", "pdf/a-3b"} <= set(pdf_variants())
    assert "debug" not in pdf_variants()


def test_long_urls_wrap_inside_the_text_block(tmp_path: Path) -> None:
    url = "https://example.org/" + "averylongpathsegment/" * 12 + "index.html"  # no hyphen to break at
    doc = Document(title="Links", blocks=(Paragraph(text(f"See {url} for more.")),))
    path = tmp_path / "url.pdf"
    path.write_bytes(converters.to_bytes(doc, "pdf"))
    page = PdfReader(path).pages[0]
    right: list[float] = []

    def visit(text_: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text_.strip():
            right.append(tm[4] * cm[0] + cm[4])

    page.extract_text(visitor_text=visit)
    assert max(right) < float(page.mediabox.width) - PAGE_SIZES["a4"][1][1] * 72 / 25.4
    joined = "".join(page.extract_text().split())
    assert url in joined  # broken across lines, but no hyphen added


def test_right_to_left_article_renders(tmp_path: Path) -> None:
    doc = Document(
        title="مقالة تجريبية",
        language="ar",
        blocks=(Paragraph(text("هذه فقرة باللغة العربية لاختبار الاتجاه.")),),
    )
    path = tmp_path / "ar.pdf"
    path.write_bytes(converters.to_bytes(doc, "pdf"))
    assert PdfReader(path).trailer["/Root"]["/Lang"] == "ar"
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert all(row.split()[-5] == "yes" for row in out.splitlines()[2:]), out
    assert "العربية" in page_texts(path)[0]


def test_hyphenation_follows_the_document_language(tmp_path: Path) -> None:
    """``hyphens: auto`` with ``lang``: long words break at hyphenation points of the language."""
    german = "Die Donaudampfschifffahrtsgesellschaft verhandelte mit der Bundesverkehrswegeplanung. " * 30
    doc = Document(title="Silbentrennung", language="de", blocks=(Paragraph(text(german)),))
    path = tmp_path / "de.pdf"
    path.write_bytes(converters.to_bytes(doc, "pdf"))
    raw = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True
    ).stdout.decode("utf-8")
    broken = [line.split()[-1] for line in raw.splitlines() if line.endswith(("-", "\u2010"))]
    assert broken, "no word was hyphenated"
    vocabulary = set(german.replace(".", "").split())
    for head in broken:
        assert any(word.startswith(head[:-1]) for word in vocabulary), head
