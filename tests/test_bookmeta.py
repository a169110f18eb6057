"""Series and store metadata: checks, precedence, and what reaches the EPUB package."""

from __future__ import annotations

import io
import logging
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

import converters
from converters import bookmeta
from converters.cli import cli
from converters.collection import CollectionSpec, render_collection
from converters.model import Document, Paragraph, text
from converters.options import StoreMetadata, WriteOptions
from converters.validate import BadValue
from tests.test_collection import ROSES, SPEC, STRIKE
from tests.validators import epubcheck_problems

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
FULL = StoreMetadata(
    series="The Long Strike",
    series_index=2.0,
    isbn="9780306406157",
    publisher="Small & Press",
    subjects=("labour", "history"),
    rights="CC BY 4.0",
)
FRONT_MATTER = (
    "---\ntitle: Series Test\nseries: From Front Matter\nseries_index: 3\nisbn: 0-306-40615-2\n"
    "subjects: [labour, history]\npublisher: Small Press\nrights: All rights reserved\n---\n\nSome text.\n"
)


def package(epub: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(epub)) as archive:
        return etree.fromstring(archive.read("EPUB/content.opf"))


def store_of(root: etree._Element) -> dict[str, object]:
    """What a reading system reads back: series (EPUB 3 and Calibre), ISBN, publisher, subjects, rights."""
    metas = list(root.iter(f"{OPF}meta"))
    by_property = {m.get("property"): m for m in metas if m.get("property")}
    by_name = {m.get("name"): m.get("content") for m in metas if m.get("name")}
    series = by_property.get("belongs-to-collection")
    refines = {
        m.get("property"): m.text for m in metas if series is not None and m.get("refines") == "#series"
    }
    return {
        "series": series.text if series is not None else None,
        "refines": refines,
        "calibre": (by_name.get("calibre:series"), by_name.get("calibre:series_index")),
        "isbn": [i.text for i in root.iter(f"{DC}identifier") if i.get("id") == "isbn"],
        "publisher": [p.text for p in root.iter(f"{DC}publisher")],
        "subjects": [s.text for s in root.iter(f"{DC}subject")],
        "rights": [r.text for r in root.iter(f"{DC}rights")],
        "unique": root.get("unique-identifier"),
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("978-0-306-40615-7", "9780306406157"),
        ("0-306-40615-2", "9780306406157"),
        ("080442957X", "9780804429573"),
    ],
)
def test_isbns_are_checked_and_stored_as_isbn_13(value: str, expected: str) -> None:
    assert bookmeta.isbn(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [("978-0-306-40615-6", "check digit is wrong"), ("12345", "10 or 13 digits"), (True, "not an ISBN")],
)
def test_bad_isbns_are_refused_with_the_reason(value: object, message: str) -> None:
    with pytest.raises(BadValue, match=message):
        bookmeta.isbn(value)


def test_series_index_and_subjects() -> None:
    assert bookmeta.series_index("1.5") == 1.5
    assert bookmeta.series_index(3) == 3.0
    for bad in ("-1", "x", "nan", True):
        with pytest.raises(BadValue, match="series position"):
            bookmeta.series_index(bad)
    assert bookmeta.subjects("labour,  history ") == ("labour", "history")
    with pytest.raises(BadValue):
        bookmeta.subjects(["labour", ""])


def test_article_epub_carries_series_and_store_metadata() -> None:
    doc = Document(title="T", blocks=(Paragraph(text("Text.")),))
    root = package(converters.to_bytes(doc, "epub", WriteOptions(store=FULL)))
    assert store_of(root) == {
        "series": "The Long Strike",
        "refines": {"collection-type": "series", "group-position": "2"},
        "calibre": ("The Long Strike", "2"),
        "isbn": ["urn:isbn:9780306406157"],
        "publisher": ["Small & Press"],
        "subjects": ["labour", "history"],
        "rights": ["CC BY 4.0"],
        "unique": "id",  # the content-derived urn:uuid stays the unique identifier
    }


def test_front_matter_fills_what_the_options_leave_unset(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(FRONT_MATTER, encoding="utf-8")
    doc = converters.read(source)
    options = WriteOptions(store=StoreMetadata(series="From The Command Line", series_index=1.5))
    got = store_of(package(converters.to_bytes(doc, "kepub", options)))
    assert got["series"] == "From The Command Line"
    assert got["calibre"] == ("From The Command Line", "1.5")
    assert got["isbn"] == ["urn:isbn:9780306406157"]
    assert (got["publisher"], got["subjects"], got["rights"]) == (
        ["Small Press"],
        ["labour", "history"],
        ["All rights reserved"],
    )


def test_bad_front_matter_is_a_warning_naming_file_and_key(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    source = tmp_path / "a.txt"
    source.write_text(FRONT_MATTER.replace("0-306-40615-2", "0-306-40615-3"), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="plainpress"):
        got = store_of(package(converters.to_bytes(converters.read(source), "epub")))
    assert got["isbn"] == []
    assert got["series"] == "From Front Matter"
    assert (
        f"{source}: front matter key 'isbn': '0-306-40615-3' is not an ISBN: its check digit is wrong; ignored"
        in (caplog.text)
    )


def test_cli_options_reach_the_epub(tmp_path: Path, seed_path: Path) -> None:
    args = ["convert", "-t", "epub", "-o", str(tmp_path), "--series", "S", "--series-index", "4"]
    args += [
        "--isbn",
        "978-0-306-40615-7",
        "--subject",
        "a",
        "--subject",
        "b",
        "--publisher",
        "P",
        str(seed_path),
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    got = store_of(package((tmp_path / f"{seed_path.stem}.epub").read_bytes()))
    assert (got["series"], got["calibre"], got["subjects"]) == ("S", ("S", "4"), ["a", "b"])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--isbn", "978-0-306-40615-6"],
            "'--isbn': '978-0-306-40615-6' is not an ISBN: its check digit is wrong",
        ),
        (["--series-index", "2"], "'--series-index' needs '--series'"),
        (["--series", "S", "--series-index", "two"], "'--series-index': 'two' is not a series position"),
    ],
)
def test_bad_options_are_usage_errors(tmp_path: Path, seed_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(
        cli, ["convert", "-t", "epub", "-o", str(tmp_path / "out"), *args, str(seed_path)]
    )
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "out").exists()


def test_collection_takes_the_options(tmp_path: Path, seed_path: Path) -> None:
    out = tmp_path / "book.epub"
    args = [
        "collection",
        str(seed_path),
        "-o",
        str(out),
        "--title",
        "B",
        "--series",
        "Books",
        "--rights",
        "R",
    ]
    result = CliRunner().invoke(cli, args)
    assert (result.exit_code, result.stderr) == (0, "")
    got = store_of(package(out.read_bytes()))
    assert (got["series"], got["calibre"], got["rights"]) == ("Books", ("Books", None), ["R"])


@pytest.mark.slow
def test_store_metadata_passes_epubcheck(tmp_path: Path) -> None:
    doc = Document(title="T", blocks=(Paragraph(text("Text.")),))
    article = tmp_path / "article.epub"
    article.write_bytes(converters.to_bytes(doc, "epub", WriteOptions(store=FULL)))
    book = tmp_path / "book.kepub.epub"
    book.write_bytes(converters.to_bytes(doc, "kepub", WriteOptions(store=FULL)))
    collection = tmp_path / "collection.epub"
    collection.write_bytes(render_collection([STRIKE, ROSES], SPEC, WriteOptions(store=FULL)))
    assert [epubcheck_problems(p) for p in (article, book, collection)] == [[], [], []]


def test_config_collections_take_the_keys(tmp_path: Path) -> None:
    from tests.test_build import make_project, run

    extra = 'series = "Notes"\nseries_index = 2\nisbn = "978-0-306-40615-7"\nsubjects = ["labour"]\n'
    root = make_project(tmp_path, extra=extra)
    assert run(root, "-q")[0] == 0
    got = store_of(package((root / "dist" / "labour-notes.epub").read_bytes()))
    assert (got["series"], got["calibre"], got["isbn"], got["subjects"]) == (
        "Notes",
        ("Notes", "2"),
        ["urn:isbn:9780306406157"],
        ["labour"],
    )


def test_a_bad_isbn_in_the_config_is_a_usage_error_naming_file_and_key(tmp_path: Path) -> None:
    from tests.test_build import make_project, run

    root = make_project(tmp_path, extra='isbn = "978-0-306-40615-6"\n')
    code, _, err = run(root)
    assert code == 2
    assert err.strip() == (
        f"plainpress: error: {root / 'plainpress.toml'}: collection 'Labour Notes': "
        "isbn: '978-0-306-40615-6' is not an ISBN: its check digit is wrong"
    )


def test_article_authors_are_contributors_of_the_book_and_authors_of_their_chapters() -> None:
    third = Document(
        title="Third", authors=("Ed Itor", "R. Writer", "Ann Other"), blocks=(Paragraph(text("T.")),)
    )
    data = render_collection([STRIKE, ROSES, third], CollectionSpec(title="B", authors=("Ed Itor",)))
    root = package(data)
    contributors = {c.get("id"): c.text for c in root.iter(f"{DC}contributor")}
    assert list(contributors.values()) == ["R. Writer", "Ann Other"]  # in order, once, the editor left out
    roles = {
        m.get("refines"): (m.get("property"), m.get("scheme"), m.text)
        for m in root.iter(f"{OPF}meta")
        if m.get("refines", "").startswith("#contributor")
    }
    assert roles == {f"#{i}": ("role", "marc:relators", "aut") for i in contributors}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        chapter = etree.fromstring(archive.read("EPUB/third.xhtml"))
    metas = [
        m.get("content")
        for m in chapter.iter("{http://www.w3.org/1999/xhtml}meta")
        if m.get("name") == "author"
    ]
    assert metas == ["Ed Itor", "R. Writer", "Ann Other"]


@pytest.mark.slow
def test_contributors_pass_epubcheck(tmp_path: Path) -> None:
    third = Document(title="Third", authors=("Ann Other",), blocks=(Paragraph(text("T.")),))
    path = tmp_path / "book.epub"
    path.write_bytes(render_collection([STRIKE, third], CollectionSpec(title="B", authors=("Ed Itor",))))
    assert epubcheck_problems(path) == []
