"""Every value reaches the same check whichever way it comes in (issue 10, item 2):
a command-line option, a ``plainpress.toml`` key, or front matter."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

from converters.cli import cli
from converters.options import ReadOptions
from converters.readers.plaintext import read_text
from tests.test_build import make_project, run

LANG_REASON = "'en_US' is not a BCP 47 language tag (e.g. en, de-CH, zh-Hant)"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('language = "en_US"', f"language: {LANG_REASON}"),
        ('encoding = "utf-9"', "encoding: unknown encoding 'utf-9'"),
        ('page_size = "b5"', "page_size: must be a4, letter or a5, not 'b5'"),
        (
            'markdown_flavor = "gfmx"',
            "markdown_flavor: must be one of markdown, gfm, commonmark_x, not 'gfmx'",
        ),
        ("sources = []", "sources is empty; list at least one glob pattern"),
        ("formats = []", "formats is empty; list at least one format, or leave it out for all four"),
        (
            'formats = ["html", "rtf"]',
            "formats: unknown format 'rtf' (available: html, epub, pdf, md, docx, odt, kepub)",
        ),
    ],
)
def test_a_bad_config_value_is_exit_2_with_one_line(tmp_path: Path, line: str, message: str) -> None:
    root = make_project(tmp_path)
    toml = root / "plainpress.toml"
    key = line.split(" = ")[0]
    kept = [x for x in toml.read_text(encoding="utf-8").splitlines() if not x.startswith(f"{key} =")]
    toml.write_text("\n".join([line, *kept]) + "\n", encoding="utf-8")
    code, out, err = run(root)
    assert code == 2
    assert err == f"plainpress: error: {toml.resolve()}: {message}\n"
    assert out == ""
    assert not (root / "dist").exists()


def test_a_collection_language_is_checked_too(tmp_path: Path) -> None:
    root = make_project(tmp_path, extra='language = "en_US"\n')  # lands in [[collections]]
    code, _, err = run(root)
    assert code == 2
    assert err == (
        f"plainpress: error: {(root / 'plainpress.toml').resolve()}: "
        f"collection 'Labour Notes': language: {LANG_REASON}\n"
    )


def test_a_collection_with_empty_sources_is_an_error(tmp_path: Path) -> None:
    root = make_project(tmp_path, extra="")
    toml = root / "plainpress.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace(
            'sources = ["articles/*.txt"]\noutput = "labour', 'sources = []\noutput = "labour'
        ),
        encoding="utf-8",
    )
    code, _, err = run(root)
    assert code == 2
    assert err.endswith(
        "collection 'Labour Notes': list at least one glob pattern, or leave it out for the top-level sources\n"
    )


def test_the_option_and_the_config_give_the_same_reason(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["convert", "--lang", "en_US", "x.txt"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: Invalid value for '--lang': {LANG_REASON}"


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ('page_size = "A4"', "page_size", "a4"),
        ('page_size = "Letter"', "page_size", "letter"),
        ('markdown_flavor = "GFM"', "markdown_flavor", "gfm"),
    ],
)
def test_config_values_accept_any_case_as_the_options_do(
    tmp_path: Path, line: str, field: str, value: str
) -> None:
    from converters.batch import load_config

    (tmp_path / "plainpress.toml").write_text(f'sources = ["*.txt"]\n{line}\n', encoding="utf-8")
    assert getattr(load_config(cwd=tmp_path).write, field) == value


def test_formats_in_any_case_on_the_command_line_and_in_the_config(tmp_path: Path) -> None:
    from converters.batch import load_config

    (tmp_path / "plainpress.toml").write_text(
        'sources = ["*.txt"]\nformats = ["HTML", "Markdown"]\n', encoding="utf-8"
    )
    assert load_config(cwd=tmp_path).formats == ("html", "md")
    (tmp_path / "a.txt").write_text("A Title\n\nSome words of text here.\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["convert", "-t", "HTML", "--page-size", "A4", "-o", str(tmp_path / "out"), str(tmp_path / "a.txt")],
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{tmp_path / 'out' / 'a.html'}\n"


ENGLISH = "The workers gathered at the gate before dawn and waited for the foreman to arrive.\n"


@pytest.mark.parametrize(
    "text",
    [
        f"---\ntitle: A Test\nlanguage: en_US\n---\n\n{ENGLISH}",
        f"Title: A Test\nLang: en_US\n\n{ENGLISH}",
    ],
)
def test_a_bad_front_matter_value_is_a_warning_naming_file_and_key(
    text: str, caplog: pytest.LogCaptureFixture
) -> None:
    from converters.model import Source

    key = "language" if text.startswith("---") else "Lang"
    with caplog.at_level(logging.WARNING, logger="plainpress"):
        doc = read_text(text, ReadOptions(), Source(path="articles/a.txt", encoding="utf-8"))
    assert [r.getMessage() for r in caplog.records] == [
        f"articles/a.txt: front matter key {key!r}: {LANG_REASON}; ignored"
    ]
    assert doc.title == "A Test"
    assert doc.language == "en"  # detected, not the bad value


def test_the_front_matter_warning_reaches_the_terminal(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(f"---\nlang: en_US\n---\n\n{ENGLISH}", encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", "-t", "html", "-o", str(tmp_path / "out"), str(source)])
    assert result.exit_code == 0
    assert (
        result.stderr == f"plainpress: warning: {source}: front matter key 'lang': {LANG_REASON}; ignored\n"
    )
