"""Interrupted and failed writes leave nothing partial (issue 6, "Nothing partial").

Ctrl-C or a write error at any point leaves no ``*.part`` file, no truncated
output, and every output that existed before exactly as it was.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from converters.cli import cli

FORMATS = ("html", "epub", "pdf", "md")
OLD = b"an earlier good output\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def prepared(tmp_path: Path) -> tuple[Path, Path]:
    """A source and an output folder already holding a good output of every format."""
    src = tmp_path / "article.txt"
    src.write_text("A Title\n\nThe first paragraph.\n\nThe second paragraph.\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    for fmt in FORMATS:
        (out / f"article.{fmt}").write_bytes(OLD)
    return src, out


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def unchanged() -> dict[str, bytes]:
    return {f"article.{fmt}": OLD for fmt in sorted(FORMATS)}


def test_ctrl_c_while_rendering_writes_nothing(
    prepared: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from converters.writers.pdf import PdfWriter

    def interrupted(self: object, doc: object, options: object) -> bytes:
        raise KeyboardInterrupt

    monkeypatch.setattr(PdfWriter, "render", interrupted)
    src, out = prepared
    code, stdout, err = run("convert", str(src), "-o", str(out))
    assert (code, stdout, err) == (130, "", "plainpress: error: interrupted; no partial output was left\n")
    assert listing(out) == unchanged()


def test_ctrl_c_while_writing_leaves_no_part_file(
    prepared: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Interrupted inside the second file's write: the first is complete, the rest untouched."""
    real_fsync = os.fsync
    calls: list[int] = []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    src, out = prepared
    code, stdout, err = run("convert", str(src), "-o", str(out))
    assert (code, err) == (130, "plainpress: error: interrupted; no partial output was left\n")
    assert stdout == ""  # the CLI prints a file only once all of a source's files are written
    files = listing(out)
    assert sorted(files) == sorted(unchanged())  # no .part, nothing extra
    assert files["article.html"].startswith(b"<!DOCTYPE html>")  # written whole, before the interrupt
    assert files["article.html"].rstrip().endswith(b"</html>")
    assert {name: data for name, data in files.items() if name != "article.html"} == {
        name: OLD for name in unchanged() if name != "article.html"
    }


def test_a_failed_write_keeps_the_earlier_output(
    prepared: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    src, out = prepared
    code, stdout, err = run("convert", str(src), "-t", "pdf", "-o", str(out))
    assert (code, stdout) == (3, "")
    assert err == f"plainpress: error: {out / 'article.pdf'}: cannot write: No space left on device\n"
    assert listing(out) == unchanged()


@pytest.mark.parametrize(
    ("signum", "code", "message"),
    [
        (signal.SIGINT, 130, "plainpress: error: interrupted"),  # Ctrl-C
        (signal.SIGTERM, 143, ""),  # a CI job's timeout, `kill`
    ],
)
def test_signal_during_a_large_pdf(tmp_path: Path, signum: int, code: int, message: str) -> None:
    """The real thing: a signal to a running ``plainpress convert`` typesetting a long PDF
    unwinds the stack, so no partial or hidden file is left and the old output stays."""
    src = tmp_path / "long.txt"
    paragraph = " ".join(["The workers of the mills demanded a shorter week and a living wage."] * 8)
    src.write_text("A Long Article\n\n" + "\n\n".join([paragraph] * 400) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "long.pdf").write_bytes(OLD)
    exe = Path(sys.executable).parent / "plainpress"
    proc = subprocess.Popen(
        [str(exe), "convert", "-t", "pdf", "-o", str(out), str(src)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(3.0)  # imports and reading take about 1 s; typesetting 400 paragraphs takes far longer
    assert proc.poll() is None, "finished before the signal could be sent"
    proc.send_signal(signum)
    stdout, stderr = proc.communicate(timeout=60)
    assert (proc.returncode, stdout) == (code, "")
    assert stderr.startswith(message)
    assert "Traceback" not in stderr
    assert listing(out) == {"long.pdf": OLD}
