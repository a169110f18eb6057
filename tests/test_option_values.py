"""Choices in any case everywhere, and a warning for a tag that names no language (issue 10, item 16)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from converters.batch import config_from_table
from converters.cli import cli
from converters.styles import resolve_style
from converters.validate import unknown_language
from tests.test_build import make_project, run

ZZ = "'zz' names no known language (it is not in the IANA language subtag registry); used as given"


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text("A Title\n\nSome words of the article's text here.\n", encoding="utf-8")
    return path


def convert(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["convert", "--no-html-fonts", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "option",
    [
        ["--page-size", "A4"],
        ["-t", "HTML"],
        ["--name-from", "Title"],
        ["--markdown-flavor", "GFM"],
        ["--style", "Modern"],
    ],
)
def test_every_choice_of_convert_in_any_case(option: list[str], source: Path, tmp_path: Path) -> None:
    args = option if option[0] == "-t" else ["-t", "html", *option]
    code, out, err = convert(*args, "-o", str(tmp_path / "out"), str(source))
    assert (code, err) == (0, "")
    expected = "a-title.html" if option[0] == "--name-from" else "a.html"
    assert out == f"{tmp_path / 'out' / expected}\n"


def test_collection_order_in_any_case(source: Path, tmp_path: Path) -> None:
    book = tmp_path / "b.epub"
    result = CliRunner().invoke(
        cli, ["collection", str(source), "-o", str(book), "--title", "B", "--order", "Date"]
    )
    assert result.exit_code == 0, result.stderr
    assert book.is_file()
    table = {"sources": ["*.txt"], "collections": [{"title": "B", "order": "Title"}]}
    assert config_from_table(table, tmp_path).collections[0].spec.order == "title"


def test_bundled_style_names_in_any_case() -> None:
    assert resolve_style("MODERN").name == "modern"


def test_unknown_language_is_judged_by_the_registry() -> None:
    assert unknown_language("zz") == ZZ
    assert [unknown_language(tag) for tag in ("en", "de-CH", "zh-Hant-TW", "sr-Latn", "x-private")] == [
        None
    ] * 5
    assert unknown_language("en-Xyzw") is not None  # no such script


def test_lang_zz_is_a_warning_on_the_command_line(source: Path, tmp_path: Path) -> None:
    code, _, err = convert("-t", "html", "--lang", "zz", "-o", str(tmp_path / "out"), str(source))
    assert code == 0
    assert err == f"plainpress: warning: --lang: {ZZ}\n"
    assert '<html lang="zz"' in (tmp_path / "out" / "a.html").read_text(encoding="utf-8")
    code, _, err = convert("-t", "html", "--lang", "de-CH", "-o", str(tmp_path / "out"), str(source))
    assert (code, err) == (0, "")


def test_collection_language_zz_is_a_warning(source: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["collection", str(source), "-o", str(tmp_path / "b.epub"), "--title", "B", "--language", "zz"]
    )
    assert result.exit_code == 0
    assert result.stderr == f"plainpress: warning: --language: {ZZ}\n"


def test_config_language_zz_is_a_warning_naming_file_and_key(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="plainpress"):
        config = config_from_table(
            {"sources": ["*.txt"], "language": "zz"}, tmp_path, tmp_path / "plainpress.toml"
        )
    assert config.read.language == "zz"
    assert [r.getMessage() for r in caplog.records] == [f"{tmp_path / 'plainpress.toml'}: language: {ZZ}"]


def test_build_prints_the_config_warning(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    toml = root / "plainpress.toml"
    toml.write_text('language = "zz"\n' + toml.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(root, "-q")
    assert code == 0
    assert err.splitlines()[0] == f"plainpress: warning: {toml.resolve()}: language: {ZZ}"
