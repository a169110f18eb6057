"""KEPUB: Kobo's sentence spans and wrappers, for articles and collections; EPUBCheck clean."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

import converters
from converters.cli import cli
from converters.collection import render_collection
from converters.model import Document
from converters.options import WriteOptions
from converters.writers import formats, get_writer
from converters.writers.kepub import kepubify, kepubify_document, sentences
from tests.test_collection import ROSES, SPEC, STRIKE, UPDATE
from tests.test_epub import ARABIC, rich
from tests.validators import epubcheck_problems

X = "{http://www.w3.org/1999/xhtml}"


def unpack(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def spans(document: bytes) -> list[etree._Element]:
    root = etree.fromstring(document)
    return [s for s in root.iter(f"{X}span") if s.get("class") == "koboSpan"]


def test_sentences_keep_every_character() -> None:
    assert sentences("It rose 3.4 percent. Why? “Because.” Then 終わり。次。") == [
        "It rose 3.4 percent. ",
        "Why? ",
        "“Because.” ",
        "Then 終わり。",
        "次。",
    ]
    assert sentences("No end") == ["No end"]


def test_document_gets_numbered_spans_and_wrappers() -> None:
    page = (
        b'<html xmlns="http://www.w3.org/1999/xhtml"><head><title>T</title><style>p{}</style></head>'
        b"<body><h1>Title</h1><p>One. Two <em>three. Four</em> five.</p>"
        b'<ul>\n<li>Item</li>\n</ul><svg xmlns="http://www.w3.org/2000/svg"><text>Cover</text></svg></body></html>'
    )
    root = etree.fromstring(kepubify_document(page))
    body = root.find(f"{X}body")
    assert [c.get("id") for c in body] == ["book-columns"]
    inner = body[0][0]
    assert inner.get("id") == "book-inner"
    assert [etree.QName(c).localname for c in inner] == ["h1", "p", "ul", "svg"]
    found = [(s.get("id"), s.text) for s in root.iter(f"{X}span")]
    assert found == [
        ("kobo.1.1", "Title"),
        ("kobo.2.1", "One. "),
        ("kobo.2.2", "Two "),
        ("kobo.2.3", "three. "),
        ("kobo.2.4", "Four"),
        ("kobo.2.5", " five."),
        ("kobo.3.1", "Item"),
    ]
    assert root.find(f".//{X}em")[0].get("id") == "kobo.2.3"  # spans inside the inline element
    assert root.find(f".//{X}ul").text == "\n"  # no span where HTML allows none
    assert root.find(".//{http://www.w3.org/2000/svg}text").text == "Cover"
    assert root.find(f".//{X}style").text == "p{}"


def test_article_kepub_keeps_the_text_and_the_package() -> None:
    doc = rich()
    epub = unpack(converters.to_bytes(doc, "epub"))
    kepub = unpack(converters.to_bytes(doc, "kepub"))
    assert sorted(kepub) == sorted(epub)
    assert kepub["EPUB/content.opf"] == epub["EPUB/content.opf"]
    assert kepub["EPUB/nav.xhtml"] == epub["EPUB/nav.xhtml"]
    before = etree.fromstring(epub["EPUB/article.xhtml"])
    after = etree.fromstring(kepub["EPUB/article.xhtml"])
    assert "".join(after.find(f"{X}body").itertext()) == "".join(before.find(f"{X}body").itertext())
    ids = [s.get("id") for s in spans(kepub["EPUB/article.xhtml"])]
    assert len(ids) == len(set(ids)) > 5
    assert "Quoted text." in [s.text for s in spans(kepub["EPUB/article.xhtml"])]


def test_kepub_is_a_registered_format_named_kepub_epub() -> None:
    assert "kepub" in formats()
    assert get_writer("kepub").extension == ".kepub.epub"


def test_kepub_is_reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    assert converters.to_bytes(rich(), "kepub") == converters.to_bytes(rich(), "kepub")
    with zipfile.ZipFile(io.BytesIO(converters.to_bytes(rich(), "kepub"))) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)


def test_convert_writes_name_kepub_epub(tmp_path: Path, seed_path: Path) -> None:
    result = CliRunner().invoke(cli, ["convert", "-t", "kepub", "-o", str(tmp_path), str(seed_path)])
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == [seed_path.stem + ".kepub.epub"]


def test_collection_kepub_from_the_output_name(tmp_path: Path, seed_path: Path) -> None:
    out = tmp_path / "book.kepub.epub"
    result = CliRunner().invoke(cli, ["collection", str(seed_path), "-o", str(out), "--title", "Samples"])
    assert (result.exit_code, result.stderr) == (0, "")
    files = unpack(out.read_bytes())
    chapter = files["EPUB/mas-arce-election-win.xhtml"]
    assert [(s.get("id"), s.text) for s in spans(chapter)[:2]] == [
        ("kobo.3.1", "MAS/Arce Election Win"),  # section and header are blocks 1 and 2
        ("kobo.4.1", "No Victory for Bolivian Working Class"),
    ]
    assert spans(files["EPUB/titlepage.xhtml"])[0].text == "Samples"
    assert spans(files["EPUB/nav.xhtml"]) == []  # the nav document is left alone
    assert b'id="book-inner"' in chapter and b'id="book-columns"' in chapter


@pytest.mark.parametrize(
    ("name", "to", "message"),
    [
        ("book.epub", "kepub", "ends in .kepub.epub"),
        ("book.kepub.epub", "epub", "ends in .epub"),
        ("book.epub", "mobi", "written as kepub, epub, pdf or web"),
        ("book.epub", "pdf", "'-t pdf' writes a file whose name ends in .pdf"),
    ],
)
def test_collection_format_and_name_must_agree(
    tmp_path: Path, seed_path: Path, name: str, to: str | None, message: str
) -> None:
    out = tmp_path / name
    args = ["collection", str(seed_path), "-o", str(out), "--title", "T", *(["-t", to] if to else [])]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr, result.stderr
    assert not out.exists()


def test_collection_of_a_name_no_format_ends_in_is_an_epub_with_a_warning(
    tmp_path: Path, seed_path: Path
) -> None:
    out = tmp_path / "book.mobi"  # main's rule (issue 10, item 15): written all the same, with a warning
    result = CliRunner().invoke(cli, ["collection", str(seed_path), "-o", str(out), "--title", "T"])
    assert result.exit_code == 0
    assert (
        result.stderr
        == f"plainpress: warning: {out}: the name ends in .mobi, not .epub; written there all the same\n"
    )
    assert zipfile.ZipFile(out).read("mimetype") == b"application/epub+zip"


def test_collection_into_a_folder_takes_the_ending_of_t(tmp_path: Path, seed_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["collection", str(seed_path), "-t", "kepub", "-o", f"{tmp_path}/books/", "--title", "Labour Notes"],
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert (tmp_path / "books" / "labour-notes.kepub.epub").is_file()


@pytest.mark.slow
@pytest.mark.parametrize("which", ["rich", "arabic", "seed", "modern"])
def test_article_kepub_passes_epubcheck(tmp_path: Path, which: str, seed_doc: Document) -> None:
    doc = {"rich": rich(), "arabic": ARABIC, "seed": seed_doc, "modern": seed_doc}[which]
    path = tmp_path / f"{which}.kepub.epub"
    style = "modern" if which == "modern" else "default"
    path.write_bytes(converters.to_bytes(doc, "kepub", WriteOptions(style=style)))
    assert epubcheck_problems(path) == []


@pytest.mark.slow
def test_collection_kepub_passes_epubcheck(tmp_path: Path, seed_path: Path) -> None:
    path = tmp_path / "book.kepub.epub"
    path.write_bytes(kepubify(render_collection([STRIKE, ROSES, UPDATE, converters.read(seed_path)], SPEC)))
    assert epubcheck_problems(path) == []


def test_build_writes_a_kepub_collection(tmp_path: Path) -> None:
    from tests.test_build import ISSUE_TOML, make_project, run

    root = make_project(tmp_path)
    config = root / "plainpress.toml"
    config.write_text(
        ISSUE_TOML.replace('"labour-notes.epub"', '"labour-notes.kepub.epub"').replace(
            '["html", "epub", "pdf", "md"]', '["html"]'
        ),
        encoding="utf-8",
    )
    assert run(root, "-q")[0] == 0
    files = unpack((root / "dist" / "labour-notes.kepub.epub").read_bytes())
    chapter = next(data for name, data in files.items() if name.endswith("alpha-and-the-harbour.xhtml"))
    assert spans(chapter)[0].text == "Alpha and the Harbour"
