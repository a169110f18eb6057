"""``-q`` and ``-v`` mean the same for convert, collection and build (issue 10, item 17)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.test_arguments import invoke
from tests.test_cli import run
from tests.test_reader_learned import WEB

SUMMARY = re.compile(r"wrote 2 files from 1 source, 0 failed, in \d+\.\d s -> (?P<dir>\S+)")


@pytest.fixture
def web(tmp_path: Path) -> Path:
    """A page with menus, so the reader prints a note about the lines it left out."""
    source = tmp_path / "web.txt"
    source.write_text(WEB, encoding="utf-8")
    return source


def test_convert_quiet_prints_only_the_summary(web: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    code, out, err = run("convert", "-q", "-t", "html,md", "--no-html-fonts", "-o", str(out_dir), str(web))
    assert code == 0
    assert err.startswith(f"plainpress: note: {web}: left out ")  # stderr keeps its notes
    match = SUMMARY.fullmatch(out.strip())
    assert match is not None, out
    assert match["dir"] == f"{out_dir}/"
    assert sorted(p.name for p in out_dir.iterdir()) == ["web.html", "web.md"]


def test_convert_verbose_prints_every_file_then_the_summary(web: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    code, out, err = run("convert", "-v", "-t", "html,md", "--no-html-fonts", "-o", str(out_dir), str(web))
    assert code == 0
    assert err.startswith(f"plainpress: note: {web}: left out ")
    lines = out.splitlines()
    assert lines[:2] == [str(out_dir / "web.html"), str(out_dir / "web.md")]
    assert SUMMARY.fullmatch(lines[2]) and len(lines) == 3


def test_convert_summary_counts_failures(web: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, out, err = run("convert", "-q", "-t", "md", "-o", str(tmp_path / "o"), str(web), str(empty))
    assert code == 1
    assert err.endswith(f"plainpress: error: {empty}: is empty\n")
    assert re.fullmatch(r"wrote 1 file from 1 source, 1 failed, in \d+\.\d s -> \S+/", out.strip())


def test_collection_quiet_and_verbose(web: Path, tmp_path: Path) -> None:
    book = tmp_path / "book.epub"
    code, out, err = run("collection", "-q", str(web), "-o", str(book), "--title", "Book")
    assert code == 0 and err.startswith("plainpress: note: ")
    assert re.fullmatch(
        rf"wrote book\.epub from 1 article in \d+\.\d s -> {re.escape(str(tmp_path))}/", out.strip()
    )
    code, out, err = run("collection", "-v", str(web), "-o", str(book), "--title", "Book")
    assert code == 0 and "plainpress: note:" in err
    lines = out.splitlines()
    assert lines[0].startswith(f"read {web}: '") and lines[1] == str(book)
    assert lines[2].startswith("wrote book.epub from 1 article in ") and len(lines) == 3


@pytest.mark.parametrize("command", ["convert", "collection", "build"])
def test_quiet_and_verbose_together_is_a_usage_error(command: str, web: Path, tmp_path: Path) -> None:
    args = {
        "convert": [str(web), "-o", str(tmp_path / "o")],
        "collection": [str(web), "-o", str(tmp_path / "b.epub"), "--title", "B"],
        "build": [],
    }[command]
    code, out, err = invoke(tmp_path, command, "-q", "-v", *args)  # build looks for ./plainpress.toml
    assert (code, out) == (2, "")
    assert "Invalid value for '--quiet': choose one of --quiet and --verbose" in err
