"""Print profiles: trim and bleed boxes, KDP's gutter by page count, even page count,
no annotations or bookmarks; from convert, collection and plainpress.toml."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

import converters
from converters import printprofiles
from converters.cli import cli
from converters.collection import CollectionSpec
from converters.options import WriteOptions
from converters.pdfbook import render_pdf_book
from converters.validate import BadValue
from tests.test_collection import ROSES, STRIKE
from tests.test_pdf import article

INCH = 72.0


def boxes(page: pikepdf.Page) -> dict[str, list[float]]:
    """The page boxes in inches, relative to the trim box's lower left corner."""
    x0, y0 = (float(v) for v in list(page.obj.TrimBox)[:2])
    return {
        name: [round((float(v) - (x0 if i % 2 == 0 else y0)) / INCH, 3) for i, v in enumerate(page.obj[name])]
        for name in ("/TrimBox", "/BleedBox", "/MediaBox")
    }


@pytest.mark.parametrize(
    ("name", "trim"), [("kdp-6x9", (6.0, 9.0)), ("kdp-5.5x8.5", (5.5, 8.5)), ("a5", (5.827, 8.268))]
)
def test_trim_and_bleed_boxes_even_pages_no_links_or_bookmarks(name: str, trim: tuple[float, float]) -> None:
    data = converters.to_bytes(article(), "pdf", WriteOptions(print_profile=name))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) % 2 == 0
        width, height = trim
        for page in pdf.pages:
            assert boxes(page) == {
                "/TrimBox": [0.0, 0.0, width, height],
                "/BleedBox": [-0.125, -0.125, width + 0.125, height + 0.125],
                "/MediaBox": [-0.125, -0.125, width + 0.125, height + 0.125],
            }
            assert "/Annots" not in page.obj
        assert "/Outlines" not in pdf.Root


def test_the_gutter_follows_kdps_table() -> None:
    assert [printprofiles.gutter(n) for n in (24, 150, 151, 300, 301, 500, 501, 700, 701, 828)] == [
        0.375, 0.375, 0.5, 0.5, 0.625, 0.625, 0.75, 0.75, 0.875, 0.875,
    ]  # fmt: skip


def text_left_edges(data: bytes) -> list[float]:
    """The smallest x of the text on each page, in inches from the trim box's left edge."""
    from pypdf import PdfReader

    edges = []
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        xs: list[float] = []

        def visit(
            t: str, cm: list[float], tm: list[float], fd: object, fs: object, xs: list[float] = xs
        ) -> None:
            if t.strip():
                xs.append(tm[4] * cm[0] + cm[4])

        page.extract_text(visitor_text=visit)
        trim_x = float(page.trimbox.left)
        edges.append(round((min(xs) - trim_x) / INCH, 2) if xs else -1.0)
    return edges


def test_inside_margin_is_on_the_spine_side() -> None:
    data = converters.to_bytes(article(), "pdf", WriteOptions(print_profile="kdp-6x9"))
    edges = text_left_edges(data)
    # right-hand (odd) pages: the gutter (0.375 in for under 150 pages) on the left; left-hand pages: 0.5 in outside
    assert edges[2] == pytest.approx(0.375, abs=0.02)
    assert edges[1] == pytest.approx(0.5, abs=0.02)


def test_a_pdf_x_book_with_a_print_profile_keeps_kdps_bleed() -> None:
    data = render_pdf_book(
        [STRIKE, ROSES],
        CollectionSpec(title="B"),
        WriteOptions(print_profile="kdp-6x9", pdf_variant="pdf/x-1a"),
    )
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFX"
        assert boxes(pdf.pages[0])["/BleedBox"] == [-0.125, -0.125, 6.125, 9.125]
        assert len(pdf.pages) % 2 == 0


def test_unknown_profiles_are_refused() -> None:
    with pytest.raises(
        BadValue, match=r"unknown print profile 'kdp-7x10' \(available: kdp-6x9, kdp-5\.5x8\.5, a5\)"
    ):
        printprofiles.print_profile("kdp-7x10")
    assert printprofiles.print_profile("KDP-6x9") == "kdp-6x9"


def test_cli_and_config(tmp_path: Path, seed_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["convert", "-t", "pdf", "--print", "a5", "-o", str(tmp_path), str(seed_path)]
    )
    assert result.exit_code == 0, result.stderr
    with pikepdf.open(tmp_path / f"{seed_path.stem}.pdf") as pdf:
        assert boxes(pdf.pages[0])["/TrimBox"] == [0.0, 0.0, 5.827, 8.268]
    bad = CliRunner().invoke(
        cli, ["convert", "-t", "pdf", "--print", "b5", "-o", str(tmp_path), str(seed_path)]
    )
    assert bad.exit_code == 2 and "unknown print profile 'b5'" in bad.stderr

    from tests.test_build import make_project, run

    root = make_project(tmp_path / "p", formats='["pdf"]')
    config = root / "plainpress.toml"
    config.write_text('print = "kdp-6x9"\n' + config.read_text(encoding="utf-8"), encoding="utf-8")
    assert run(root, "-q")[0] == 0
    with pikepdf.open(root / "dist" / "alpha.pdf") as pdf:
        assert boxes(pdf.pages[0])["/TrimBox"] == [0.0, 0.0, 6.0, 9.0]
    config.write_text(config.read_text(encoding="utf-8").replace("kdp-6x9", "kdp-7x10"), encoding="utf-8")
    code, _, err = run(root)
    assert code == 2 and "print: unknown print profile 'kdp-7x10'" in err
