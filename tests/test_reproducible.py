"""Reproducible output (https://reproducible-builds.org/specs/source-date-epoch/).

With ``SOURCE_DATE_EPOCH`` set, two builds of the same sources, in different
folders and seconds apart, give byte-identical files in every format, with
no build-machine path or time in them. Without it, EPUB identifiers are
still derived from the content.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from pypdf import PdfReader

from converters.cli import cli

EPOCH = 1_700_000_000  # 2023-11-14T22:13:20Z

CONFIG = """\
sources = ["articles/*.txt"]
formats = ["html", "epub", "pdf", "md"]
output = "dist"

[[collections]]
title = "Reproducible"
sources = ["articles/*.txt"]
output = "book.epub"
"""


def project(root: Path, seed_path: Path) -> Path:
    (root / "articles").mkdir(parents=True)
    shutil.copy(seed_path, root / "articles" / "seed.txt")
    (root / "articles" / "short.txt").write_text(
        "A Short Piece\n\n5 June 2005\n\nIt has “quotes” — and a dash.\n", encoding="utf-8"
    )
    (root / "plainpress.toml").write_text(CONFIG, encoding="utf-8")
    return root


def build(root: Path) -> dict[str, bytes]:
    cwd = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(cli, ["build", "-q"])
    finally:
        os.chdir(cwd)
    assert (result.exit_code, result.stderr) == (0, "")
    return {p.name: p.read_bytes() for p in sorted((root / "dist").iterdir())}


def epub_identifier(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        container = etree.fromstring(archive.read("META-INF/container.xml"))
        opf_path = container.find(".//{*}rootfile").get("full-path")
        opf = etree.fromstring(archive.read(opf_path))
    return str(opf.findtext(".//{http://purl.org/dc/elements/1.1/}identifier"))


def readable_parts(name: str, data: bytes) -> list[bytes]:
    """Every text a file holds: ZIP entries unpacked, PDF streams inflated."""
    if name.endswith(".epub"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [archive.read(info) for info in archive.infolist()]
    if name.endswith(".pdf"):
        parts = [data]
        for match in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
            try:
                parts.append(zlib.decompress(match.group(1)))
            except zlib.error:
                continue
        return parts
    return [data]


@pytest.fixture(scope="module")
def two_builds(
    tmp_path_factory: pytest.TempPathFactory, seed_path: Path
) -> tuple[Path, dict[str, bytes], Path, dict[str, bytes]]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
        first_root = project(tmp_path_factory.mktemp("first"), seed_path)
        first = build(first_root)
        time.sleep(1.1)  # a second later: any wall-clock time would differ
        second_root = project(tmp_path_factory.mktemp("second-elsewhere"), seed_path)
        second = build(second_root)
    return first_root, first, second_root, second


def test_two_builds_are_byte_identical(
    two_builds: tuple[Path, dict[str, bytes], Path, dict[str, bytes]],
) -> None:
    _, first, _, second = two_builds
    assert sorted(first) == [
        "book.epub",
        "feed.atom",
        "index.html",
        "manifest.json",
        "opds.xml",
        "seed.epub",
        "seed.html",
        "seed.md",
        "seed.pdf",
        "short.epub",
        "short.html",
        "short.md",
        "short.pdf",
    ]
    assert [name for name in first if first[name] != second[name]] == []


def test_no_build_paths_or_times_in_any_output(
    two_builds: tuple[Path, dict[str, bytes], Path, dict[str, bytes]],
) -> None:
    root, first, _, _ = two_builds
    today = time.strftime("%Y%m%d").encode()
    today_iso = time.strftime("%Y-%m-%d").encode()
    forbidden = [
        str(root).encode(),
        str(Path.home()).encode() + b"/",
        b"/tmp/",
        b"site-packages",
        today,
        today_iso,
    ]
    for name, data in first.items():
        for part in readable_parts(name, data):
            assert [f for f in forbidden if f in part] == [], name


def test_zip_entries_have_fixed_times_and_order(
    two_builds: tuple[Path, dict[str, bytes], Path, dict[str, bytes]],
) -> None:
    _, first, _, _ = two_builds
    with zipfile.ZipFile(io.BytesIO(first["book.epub"])) as archive:
        infos = archive.infolist()
        modified = etree.fromstring(archive.read("EPUB/content.opf")).findtext(
            ".//{*}meta[@property='dcterms:modified']"
        )
    assert infos[0].filename == "mimetype"
    assert infos[0].compress_type == zipfile.ZIP_STORED
    assert {i.date_time for i in infos} == {(2023, 11, 14, 22, 13, 20)}
    assert modified == "2023-11-14T22:13:20Z"


def test_pdf_dates_and_ids_are_fixed(
    two_builds: tuple[Path, dict[str, bytes], Path, dict[str, bytes]],
) -> None:
    root, _, other, _ = two_builds
    reader = PdfReader(root / "dist" / "seed.pdf")
    assert reader.metadata is not None
    assert reader.metadata["/ModDate"] == "D:20231114221320Z"
    assert reader.metadata["/CreationDate"] == "D:20201031"  # the article's own date
    ids = [str(i) for i in reader.trailer["/ID"]]
    assert all(re.fullmatch("[0-9a-f]{32}", i) for i in ids)  # from content hashes, not random
    assert ids == [str(i) for i in PdfReader(other / "dist" / "seed.pdf").trailer["/ID"]]


def test_epub_identifiers_are_derived_from_content_without_source_date_epoch(
    tmp_path: Path, seed_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from converters.api import read, to_bytes
    from converters.collection import CollectionSpec, render_collection

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    doc = read(seed_path)
    single = epub_identifier(to_bytes(doc, "epub"))
    book = epub_identifier(render_collection([doc], CollectionSpec(title="T")))
    time.sleep(1.1)
    assert epub_identifier(to_bytes(doc, "epub")) == single
    assert epub_identifier(render_collection([doc], CollectionSpec(title="T"))) == book
    assert single != book
    assert epub_identifier(render_collection([doc], CollectionSpec(title="Other"))) != book


def test_pandoc_office_formats_are_byte_identical(seed_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """DOCX and ODT come from pandoc, which honours SOURCE_DATE_EPOCH itself."""
    from converters.api import read, to_bytes
    from converters.writers import formats

    office = [f for f in ("docx", "odt") if f in formats()]
    if not office:
        pytest.skip("no DOCX/ODT writer installed")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    doc = read(seed_path)
    first = [to_bytes(doc, fmt) for fmt in office]
    time.sleep(1.1)
    assert [to_bytes(doc, fmt) for fmt in office] == first
