"""The command line: file names, --to subsets, exit codes, messages, start-up cost."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import cast

import pytest
from click.testing import CliRunner

from converters.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_convert_writes_four_files_named_after_the_source(seed_path: Path, tmp_path: Path) -> None:
    code, out, err = run("convert", str(seed_path), "-o", str(tmp_path))
    assert (code, err) == (0, "")
    stem = seed_path.stem
    expected = [tmp_path / f"{stem}.{ext}" for ext in ("html", "epub", "pdf", "md")]
    assert out.splitlines() == [str(p) for p in expected]
    assert all(p.stat().st_size > 0 for p in expected)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in expected)


def test_convert_to_a_subset(seed_path: Path, tmp_path: Path) -> None:
    code, _, _ = run("convert", str(seed_path), "-t", "md,html", "-o", str(tmp_path))
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{seed_path.stem}.html", f"{seed_path.stem}.md"]


def test_unknown_format_is_a_usage_error(seed_path: Path, tmp_path: Path) -> None:
    code, _, err = run("convert", str(seed_path), "-t", "html,rtf", "-o", str(tmp_path))
    assert code == 2
    assert "unknown format 'rtf' (available: html, epub, pdf, md" in err
    assert list(tmp_path.iterdir()) == []


def test_unknown_style_is_a_usage_error(seed_path: Path, tmp_path: Path) -> None:
    code, _, err = run("convert", str(seed_path), "--style", "nonesuch", "-o", str(tmp_path))
    assert code == 2
    assert "unknown style 'nonesuch'" in err


def test_missing_source_is_reported_and_others_still_convert(seed_path: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    out_dir = tmp_path / "out"
    code, out, err = run("convert", str(missing), str(seed_path), "-t", "html", "-o", str(out_dir))
    assert code == 1
    assert err.startswith(f"plainpress: error: {missing}: ")
    assert "Traceback" not in err
    assert out.splitlines() == [str(out_dir / f"{seed_path.stem}.html")]


def test_help_lists_exit_codes_and_an_example() -> None:
    code, out, _ = run("convert", "--help")
    assert code == 0
    assert "plainpress convert seeds/000_8f149b7cd9f3a7e5.txt" in out
    assert "2    usage error" in out


def test_version() -> None:
    code, out, _ = run("--version")
    assert (code, out.strip()) == (0, "plainpress, version 0.1.0")


def test_inspect_json_shape(seed_path: Path) -> None:
    import json

    code, out, _ = run("inspect", "--json", str(seed_path))
    data = json.loads(out)
    assert code == 0
    assert data["title"] == "MAS/Arce Election Win"
    assert data["date"] == {"text": "31 October 2020", "iso": "2020-10-31"}
    assert [b["type"] for b in data["blocks"]].count("paragraph") == 9
    assert data["related"][1] == {"title": "The Stalin School of Falsification Revisited", "url": None}


def test_inspect_outline(seed_path: Path) -> None:
    code, out, _ = run("inspect", str(seed_path))
    assert code == 0
    assert out.splitlines()[0] == "title       MAS/Arce Election Win"
    assert "  blockquote" in out.splitlines()


def test_styles_and_formats_lists() -> None:
    code, out, _ = run("styles")
    assert code == 0
    assert out.splitlines()[0].startswith("default ")
    code, out, _ = run("formats")
    assert [line.split()[0] for line in out.splitlines()][:4] == ["html", "epub", "pdf", "md"]


#: Libraries only the writers need.
WRITER_LIBRARIES = ("weasyprint", "ebooklib", "pypandoc", "lxml")
#: Libraries only reading needs (numpy and py3langid only to detect a language not given).
READER_LIBRARIES = ("dateparser", "pycrfsuite", "numpy", "py3langid")
SEED_ARG = "seeds/000_8f149b7cd9f3a7e5.txt"


def loaded_after(args: list[str], watched: Sequence[str]) -> list[str]:
    """Which of ``watched`` are in ``sys.modules`` after running the CLI with ``args`` in a fresh process."""
    root = Path(__file__).resolve().parent.parent
    code = (
        "import sys\n"
        "from converters.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print('LOADED', [m for m in {tuple(watched)!r} if m in sys.modules])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True)
    line = proc.stdout.splitlines()[-1]
    assert line.startswith("LOADED ")
    return cast("list[str]", ast.literal_eval(line.removeprefix("LOADED ")))


@pytest.mark.parametrize(
    ("args", "forbidden"),
    [
        (["--help"], WRITER_LIBRARIES + READER_LIBRARIES),
        (["formats"], WRITER_LIBRARIES + READER_LIBRARIES),
        (["styles"], WRITER_LIBRARIES + READER_LIBRARIES),
        (["inspect", "--json", SEED_ARG], WRITER_LIBRARIES),
        (["inspect", "--lang", "en", "--json", SEED_ARG], (*WRITER_LIBRARIES, "numpy", "py3langid")),
    ],
)
def test_heavy_libraries_are_not_imported_for_help_or_inspect(
    args: list[str], forbidden: tuple[str, ...]
) -> None:
    assert loaded_after(args, forbidden) == []


def test_convert_loads_only_the_writer_libraries_its_formats_need(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["convert", "-t", "html", "--no-html-fonts", "--lang", "en", "-o", str(tmp_path), SEED_ARG]
    assert loaded_after(args, (*WRITER_LIBRARIES, "numpy", "py3langid", "fontTools")) == []
    # embedding the faces (the default) subsets them with fontTools, which reads XML with lxml,
    # once: the subsets are cached, and a cache hit imports neither
    monkeypatch.setenv("PLAINPRESS_CACHE_DIR", str(tmp_path / "cache"))
    args = ["convert", "-t", "html", "--lang", "en", "-o", str(tmp_path), SEED_ARG]
    assert loaded_after(args, (*WRITER_LIBRARIES, "fontTools")) == ["lxml", "fontTools"]
    assert loaded_after(args, (*WRITER_LIBRARIES, "fontTools")) == []
    args = ["convert", "-t", "md,html", "--no-html-fonts", "-o", str(tmp_path), SEED_ARG]
    assert loaded_after(args, WRITER_LIBRARIES) == ["pypandoc"]


@pytest.mark.parametrize("command", ["convert", "inspect"])
def test_malformed_language_tag_is_a_usage_error(command: str, seed_path: Path, tmp_path: Path) -> None:
    args = [command, str(seed_path), "--lang", "xx-!!"] + (
        ["-o", str(tmp_path)] if command == "convert" else []
    )
    code, _, err = run(*args)
    assert code == 2
    assert "'xx-!!' is not a BCP 47 language tag" in err
    assert list(tmp_path.iterdir()) == []


def test_collection_rejects_a_malformed_book_language(seed_path: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.epub"
    code, _, err = run("collection", str(seed_path), "-o", str(book), "--title", "T", "--language", "en_US")
    assert code == 2
    assert "'en_US' is not a BCP 47 language tag" in err
    assert not book.exists()
