"""PDF/X: a CMYK output intent from Debian's libgs-common, CMYK colours, page boxes, embedded fonts."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from PIL import ImageCms

import converters
from converters import pdfx
from converters.cli import cli
from converters.errors import UsageError
from converters.model import Document, Paragraph, text
from converters.options import WriteOptions

PDFX = ["pdf/x-1a", "pdf/x-3", "pdf/x-4", "pdf/x-5g"]
MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)


def article() -> Document:
    return Document(
        title="Print exchange",
        authors=("Jane Roe",),
        language="en",
        blocks=tuple(Paragraph(text("A paragraph of running text for the printer. " * 30)) for _ in range(8)),
    )


@pytest.fixture(scope="module")
def pdfs() -> dict[str, pikepdf.Pdf]:
    return {
        v: pikepdf.open(io.BytesIO(converters.to_bytes(article(), "pdf", WriteOptions(pdf_variant=v))))
        for v in PDFX
    }


def colour_operators(pdf: pikepdf.Pdf) -> dict[str, list[list[float]]]:
    """Every colour-setting operator of every page and form XObject, with its operands as floats."""
    found: dict[str, list[list[float]]] = {}

    def walk(owner: object, resources: pikepdf.Object | None) -> None:
        for operands, operator in pikepdf.parse_content_stream(owner):  # type: ignore[arg-type]
            if str(operator) in {"rg", "RG", "k", "K", "g", "G", "sc", "scn", "SC", "SCN", "cs", "CS"}:
                found.setdefault(str(operator), []).append(
                    [float(v) if isinstance(v, (int, Decimal)) else v for v in operands]
                )
        for xobject in (resources.get("/XObject", {}) if resources is not None else {}).values():
            if xobject.get("/Subtype") == "/Form":
                walk(xobject, xobject.get("/Resources"))

    for page in pdf.pages:
        walk(page, page.obj.get("/Resources"))
    return found


@pytest.mark.parametrize("variant", PDFX)
def test_output_intent_embeds_the_cmyk_profile_of_libgs_common(
    pdfs: dict[str, pikepdf.Pdf], variant: str
) -> None:
    pdf = pdfs[variant]
    (intent,) = pdf.Root.OutputIntents
    assert intent.Type == "/OutputIntent"
    assert intent.S == "/GTS_PDFX"
    assert str(intent.OutputConditionIdentifier) == "Artifex CMYK SWOP Profile"
    profile = intent.DestOutputProfile
    assert int(profile.N) == 4
    icc = profile.read_bytes()
    assert icc[12:16] == b"prtr"  # ICC device class: output (printer)
    assert icc[16:20] == b"CMYK"  # ICC data colour space
    embedded = ImageCms.ImageCmsProfile(io.BytesIO(icc)).profile
    installed = ImageCms.getOpenProfile(str(pdfx.cmyk_profile_path())).profile
    assert embedded.profile_description == installed.profile_description == "Artifex CMYK SWOP Profile"
    assert embedded.copyright == installed.copyright
    assert pdfx.cmyk_profile_path() == Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")


@pytest.mark.parametrize(("variant", "version"), [("pdf/x-1a", "PDF/X-1a:2003"), ("pdf/x-3", "PDF/X-3:2003")])
def test_pdfx_1a_and_3_identify_themselves_in_pdf_1_4(
    pdfs: dict[str, pikepdf.Pdf], variant: str, version: str
) -> None:
    pdf = pdfs[variant]
    assert str(pdf.docinfo.GTS_PDFXVersion) == version
    assert pdf.docinfo.Trapped == "/False"
    assert pdf.pdf_version == "1.4"
    xmp = pdf.Root.Metadata.read_bytes().decode()
    assert version in xmp


@pytest.mark.parametrize("variant", PDFX)
def test_every_colour_is_cmyk(pdfs: dict[str, pikepdf.Pdf], variant: str) -> None:
    ops = colour_operators(pdfs[variant])
    assert "rg" not in ops and "RG" not in ops and "cs" not in ops
    assert [0.0, 0.0, 0.0, 1.0] in ops["k"]  # black text on the black ink alone
    for operands in ops["k"] + ops.get("K", []):
        assert len(operands) == 4 and all(0 <= v <= 1 for v in operands)


@pytest.mark.parametrize("variant", PDFX)
def test_pages_have_trim_and_bleed_boxes(pdfs: dict[str, pikepdf.Pdf], variant: str) -> None:
    bleed = 3 * MM
    for page in pdfs[variant].pages:
        x0, y0, x1, y1 = (float(v) for v in page.obj.TrimBox)
        assert (x1 - x0, y1 - y0) == pytest.approx(A4, abs=0.01)
        bx0, by0, bx1, by1 = (float(v) for v in page.obj.BleedBox)
        assert (x0 - bx0, y0 - by0, bx1 - x1, by1 - y1) == pytest.approx((bleed,) * 4, abs=0.01)
        assert [float(v) for v in page.MediaBox] == pytest.approx([bx0, by0, bx1, by1], abs=0.01)


@pytest.mark.parametrize("variant", PDFX)
def test_every_font_is_embedded(pdfs: dict[str, pikepdf.Pdf], variant: str) -> None:
    fonts = [f for page in pdfs[variant].pages for f in page.Resources.Font.values()]
    assert fonts
    for font in fonts:
        descriptor = (
            font.DescendantFonts[0].FontDescriptor if "/DescendantFonts" in font else font.FontDescriptor
        )
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()), font.BaseFont


def test_colours_convert_through_the_profile() -> None:
    profile = pdfx.cmyk_profile_path()
    assert pdfx.rgb_to_cmyk(0.5, 0.5, 0.5, profile) == (0.0, 0.0, 0.0, 0.5)
    cyan, magenta, yellow, black = pdfx.rgb_to_cmyk(0.8, 0.1, 0.1, profile)
    assert magenta > 0.8 and yellow > 0.8 and cyan < 0.2 and black < 0.2


def test_pdfx_is_reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    doc = Document(title="Undated", blocks=(Paragraph(text("Text.")),))
    first = converters.to_bytes(doc, "pdf", WriteOptions(pdf_variant="pdf/x-1a"))
    assert converters.to_bytes(doc, "pdf", WriteOptions(pdf_variant="pdf/x-1a")) == first
    assert b"D:20200913" in first


def test_transparency_is_refused_by_pdfx_1a_and_kept_by_pdfx_4(tmp_path: Path) -> None:
    style = tmp_path / "faded.css"
    style.write_text("/* plainpress style: faded - test */\np { opacity: 0.5; color: rgb(200, 30, 30); }\n")
    with pytest.raises(UsageError, match=r"pdf/x-1a: .*transparency"):
        converters.to_bytes(article(), "pdf", WriteOptions(style=str(style), pdf_variant="pdf/x-1a"))
    data = converters.to_bytes(article(), "pdf", WriteOptions(style=str(style), pdf_variant="pdf/x-4"))
    ops = colour_operators(pikepdf.open(io.BytesIO(data)))
    assert "rg" not in ops
    assert any(k[1] > 0.8 and k[0] < 0.2 for k in ops["k"])  # the red, in magenta and yellow


def test_a_missing_profile_refuses_the_variant_with_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pdfx, "PROFILE_CANDIDATES", (tmp_path / "none.icc",))
    monkeypatch.setattr(converters.writers.pdf.PdfWriter, "_pdfx", None, raising=False)
    source = tmp_path / "a.txt"
    source.write_text("A title\n\nSome text of the article.\n")
    result = CliRunner().invoke(
        cli, ["convert", "-t", "pdf", "--pdf-variant", "pdf/x-4", "-o", str(tmp_path / "out"), str(source)]
    )
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "libgs-common" in lines[0], result.stderr
    assert not (tmp_path / "out" / "a.pdf").exists()
