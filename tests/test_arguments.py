"""Paths given on the command line: one source named twice, ``collection -o`` a folder or a wrong extension
(issue 10, item 15)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from converters.cli import cli

ARTICLE = "The Dock Strike\n\n14 August 1989\n\nThe dockers walked out in August.\n"


def invoke(cwd: Path, *args: str) -> tuple[int, str, str]:
    here = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, list(args))
    finally:
        os.chdir(here)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "strike.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_collection_into_a_folder_with_a_trailing_slash(tmp_path: Path, article: Path) -> None:
    code, out, err = invoke(tmp_path, "collection", "strike.txt", "-o", "books/", "--title", "Labour Notes")
    assert (code, out, err) == (0, f"books{os.sep}labour-notes.epub\n", "")
    assert (
        zipfile.ZipFile(tmp_path / "books" / "labour-notes.epub").read("mimetype") == b"application/epub+zip"
    )
    assert not (tmp_path / "books").is_file()


def test_collection_into_an_existing_folder(tmp_path: Path, article: Path) -> None:
    (tmp_path / "out").mkdir()
    code, out, err = invoke(tmp_path, "collection", "strike.txt", "-o", "out", "--title", "Labour Notes")
    assert (code, out, err) == (0, f"out{os.sep}labour-notes.epub\n", "")
    assert (tmp_path / "out" / "labour-notes.epub").is_file()


@pytest.mark.parametrize(
    ("name", "warning"),
    [
        (
            "book.txt",
            "plainpress: warning: book.txt: the name ends in .txt, not .epub; written there all the same\n",
        ),
        (
            "book",
            "plainpress: warning: book: the name has no extension, not .epub; written there all the same\n",
        ),
        ("BOOK.EPUB", ""),
    ],
)
def test_collection_warns_when_the_extension_is_not_epub(
    tmp_path: Path, article: Path, name: str, warning: str
) -> None:
    code, out, err = invoke(tmp_path, "collection", "strike.txt", "-o", name, "--title", "Labour Notes")
    assert (code, out, err) == (0, f"{name}\n", warning)
    assert (tmp_path / name).is_file()


@pytest.mark.parametrize("second", ["strike.txt", "./strike.txt", "link.txt"])
def test_collection_refuses_the_same_source_twice(tmp_path: Path, article: Path, second: str) -> None:
    (tmp_path / "link.txt").symlink_to(article)
    code, out, err = invoke(tmp_path, "collection", "strike.txt", second, "-o", "b.epub", "--title", "T")
    shown = str(Path(second))  # ./strike.txt is shown as strike.txt, as click gives it
    also = "" if shown == "strike.txt" else " (also as strike.txt)"
    assert (code, out, err) == (
        2,
        "",
        f"plainpress: error: {shown}: given twice{also}; name each source once\n",
    )
    assert not (tmp_path / "b.epub").exists()


def test_convert_refuses_the_same_source_twice(tmp_path: Path, article: Path) -> None:
    code, out, err = invoke(
        tmp_path, "convert", "-t", "html", "strike.txt", f"..{os.sep}{tmp_path.name}{os.sep}strike.txt"
    )
    assert (code, out) == (2, "")
    assert err == (
        f"plainpress: error: ..{os.sep}{tmp_path.name}{os.sep}strike.txt: given twice (also as strike.txt); "
        "name each source once\n"
    )
    assert not (tmp_path / "dist").exists()


def test_two_files_with_one_name_in_two_folders_are_not_a_repeat(tmp_path: Path, article: Path) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "strike.txt").write_text(ARTICLE, encoding="utf-8")
    code, out, err = invoke(tmp_path, "convert", "-t", "html", "strike.txt", "old/strike.txt")
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"dist{os.sep}strike.html", f"dist{os.sep}strike-2.html"]
