"""``plainpress check --kindle``: plainpress's EPUBs pass; each known cause of rejection is found."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import converters
from converters.cli import cli
from converters.collection import CollectionSpec, render_collection
from converters.kindle import kindle_findings
from converters.model import Document, Paragraph, text
from converters.options import StoreMetadata, WriteOptions
from tests.test_collection import ROSES, STRIKE

UNDATED = Document(title="No date", blocks=(Paragraph(text("Text.")),))


def problems(path: Path) -> list[str]:
    return [f.message for f in kindle_findings(path) if f.level == "problem"]


def rewrite(
    data: bytes, change: Callable[[str, bytes], tuple[str, bytes] | None], add: dict[str, bytes]
) -> bytes:
    """The EPUB ``data`` with each entry passed through ``change`` (``None`` drops it), then ``add``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            changed = change(info.filename, source.read(info))
            if changed is not None:
                kind = zipfile.ZIP_STORED if changed[0] == "mimetype" else zipfile.ZIP_DEFLATED
                target.writestr(changed[0], changed[1], compress_type=kind)
        for name, body in add.items():
            target.writestr(name, body)
    return out.getvalue()


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return render_collection([STRIKE, ROSES], CollectionSpec(title="Labour Notes", authors=("Ed Itor",)))


def test_everything_plainpress_writes_passes(tmp_path: Path, book: bytes) -> None:
    outputs = {
        "undated.epub": converters.to_bytes(UNDATED, "epub"),
        "undated.kepub.epub": converters.to_bytes(UNDATED, "kepub"),
        "book.epub": book,
        "store.epub": render_collection(
            [STRIKE], CollectionSpec(title="S"), WriteOptions(store=StoreMetadata(publisher="Small Press"))
        ),
    }
    for name, data in outputs.items():
        (tmp_path / name).write_bytes(data)
        assert problems(tmp_path / name) == [], name
    # the generated raster cover is the recommended size, so a book with a publisher has nothing to say
    assert kindle_findings(tmp_path / "store.epub") == []
    result = CliRunner().invoke(cli, ["check", "--kindle", str(tmp_path / "store.epub")])
    assert (result.exit_code, result.stdout) == (0, f"{tmp_path / 'store.epub'}: ok for Kindle\n")


def _opf(old: bytes, new: bytes) -> Callable[[str, bytes], tuple[str, bytes]]:
    return lambda name, body: (name, body.replace(old, new) if name.endswith(".opf") else body)


@pytest.mark.parametrize(
    ("change", "add", "expected"),
    [
        (lambda n, b: (n, b), {"META-INF/encryption.xml": b"<encryption/>"}, "Amazon refuses DRM"),
        (_opf(b"<dc:language>en</dc:language>", b"<dc:language>en_US</dc:language>"), {}, "not a BCP 47 tag"),
        (_opf(b"<dc:date>1989-08-14</dc:date>", b""), {}, "no dc:date"),
        (
            lambda n, b: (n, b[:-20]) if n.endswith("bread-and-roses.xhtml") else (n, b),
            {},
            "not well-formed XHTML",
        ),
        (lambda n, b: (n, b), {"EPUB/images/my cover.png": b"x"}, "file names with spaces"),
        (
            lambda n, b: None if n.endswith("cover.jpg") else (n, b),
            {},
            "the manifest lists EPUB/images/cover.jpg",
        ),
        (
            lambda n, b: None if n == "mimetype" else (n, b),
            {"mimetype": b"application/epub+zip"},
            "'mimetype'",
        ),
    ],
)
def test_each_known_cause_is_a_problem(
    tmp_path: Path,
    book: bytes,
    change: Callable[[str, bytes], tuple[str, bytes] | None],
    add: dict[str, bytes],
    expected: str,
) -> None:
    path = tmp_path / "bad.epub"
    path.write_bytes(rewrite(book, change, add))
    found = problems(path)
    assert any(expected in message for message in found), found
    result = CliRunner().invoke(cli, ["check", "--kindle", str(path)])
    assert result.exit_code == 1
    assert f"{path}: problem: " in result.stdout


def test_an_svg_or_small_cover_is_a_problem(tmp_path: Path) -> None:
    svg = tmp_path / "c.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="16"/>', encoding="utf-8")
    small = tmp_path / "c.png"
    from PIL import Image

    Image.new("RGB", (500, 800), "white").save(small)
    for cover, expected in (
        (svg, "image/svg+xml, not JPEG or PNG"),
        (small, "500 x 800 px, under KDP's minimum"),
    ):
        path = tmp_path / f"{cover.suffix[1:]}.epub"
        path.write_bytes(render_collection([ROSES], CollectionSpec(title="T", cover=cover)))
        assert any(expected in m for m in problems(path)), problems(path)


def test_not_an_epub_and_no_check_named(tmp_path: Path) -> None:
    path = tmp_path / "notes.epub"
    path.write_text("plain text", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--kindle", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"plainpress: error: {path}: is not an EPUB")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert (result.exit_code, result.stderr) == (2, "plainpress: error: name a check: --kindle\n")
