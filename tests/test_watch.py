"""``convert --watch``: a save rebuilds, an error is reported and the watch goes on, Ctrl-C exits 130."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from converters.options import ReadOptions, WriteOptions
from converters.watch import watch_convert, watch_files

ARTICLE = "A Title\n\nThe {word} paragraph of the article.\n\nThe second paragraph.\n"


def wait_for(check: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_watch_files_reports_saves_of_watched_files_only(tmp_path: Path) -> None:
    watched, other = tmp_path / "a.txt", tmp_path / "b.txt"
    watched.write_text("one")
    other.write_text("one")
    seen: list[set[Path]] = []
    stop = threading.Event()
    thread = threading.Thread(target=watch_files, args=([watched], seen.append), kwargs={"stop_event": stop})
    thread.start()
    try:
        time.sleep(0.5)  # let the watcher start
        other.write_text("two")
        tmp = tmp_path / ".a.txt.part"  # an editor's atomic save: write aside, rename over
        tmp.write_text("two")
        tmp.replace(watched)
        wait_for(lambda: bool(seen))
    finally:
        stop.set()
        thread.join(10)
    assert set().union(*seen) == {watched.resolve()}


def test_watch_convert_rebuilds_changed_sources_and_survives_errors(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE.format(word="first"))
    b.write_text(ARTICLE.format(word="first"))
    out = tmp_path / "out"
    lines: list[str] = []
    errors: list[tuple[Path, Exception]] = []
    stop = threading.Event()

    def watch() -> None:
        watch_convert(
            [a, b],
            ["html"],
            out,
            ReadOptions(),
            WriteOptions(),
            "source",
            echo=lines.append,
            on_error=lambda source, exc: errors.append((source, exc)),
            stop_event=stop,
        )

    thread = threading.Thread(target=watch)
    thread.start()
    try:
        time.sleep(0.5)
        a.write_text(ARTICLE.format(word="changed"))
        wait_for(lambda: len(lines) == 1)
        assert lines[0].startswith("rebuilt 1 files from a.txt in ")
        assert "changed" in (out / "a.html").read_text()
        assert not (out / "b.html").exists()  # b did not change: not rebuilt
        a.write_bytes(b"\x00\x01\x02binary")
        wait_for(lambda: len(lines) == 2)
        assert [source for source, _ in errors] == [a]
        assert "changed" in (out / "a.html").read_text()  # the good output stays
        a.write_text(ARTICLE.format(word="fixed"))
        wait_for(lambda: len(lines) == 3)
        assert "fixed" in (out / "a.html").read_text()
    finally:
        stop.set()
        thread.join(30)


def test_convert_watch_ctrl_c_exits_130_with_nothing_partial(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE.format(word="first"))
    out = tmp_path / "out"
    exe = Path(sys.executable).parent / "plainpress"
    proc = subprocess.Popen(
        [str(exe), "convert", "--watch", "-t", "html,md", "-o", str(out), str(src)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == str(out / "a.html")
        assert proc.stdout.readline().strip() == str(out / "a.md")
        time.sleep(0.5)
        src.write_text(ARTICLE.format(word="second"))
        assert proc.stdout.readline().startswith("rebuilt 2 files from a.txt in ")
        assert "second" in (out / "a.html").read_text()
        proc.send_signal(signal.SIGINT)
        rest, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert (proc.returncode, rest) == (130, "")
    assert stderr.endswith("plainpress: error: interrupted; no partial output was left\n")
    assert "Traceback" not in stderr
    assert sorted(p.name for p in out.iterdir()) == ["a.html", "a.md"]


def test_build_watch_rebuilds_only_what_changed_and_exits_130(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    for name in ("a", "b"):
        (tmp_path / "articles" / f"{name}.txt").write_text(ARTICLE.format(word=name))
    (tmp_path / "plainpress.toml").write_text(
        'sources = ["articles/*.txt"]\nformats = ["html"]\noutput = "dist"\n'
    )
    exe = Path(sys.executable).parent / "plainpress"
    proc = subprocess.Popen(
        [str(exe), "build", "--watch"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )

    def summary() -> str:
        assert proc.stdout is not None
        while True:
            line = proc.stdout.readline()
            assert line, "plainpress build --watch ended"
            if re.match(r"built \d+, |nothing to do", line):
                return line

    try:
        assert summary().startswith("built 2, unchanged 0, failed 0 in ")
        time.sleep(0.5)
        (tmp_path / "articles" / "a.txt").write_text(ARTICLE.format(word="edited"))
        assert summary().startswith("built 1, unchanged 1, failed 0 in ")
        assert "edited" in (tmp_path / "dist" / "a.html").read_text()
        (tmp_path / "articles" / "c.txt").write_text(ARTICLE.format(word="new"))
        assert summary().startswith("built 1, unchanged 2, failed 0 in ")
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    assert "Traceback" not in stderr
    assert not [p for p in (tmp_path / "dist").iterdir() if p.name.endswith(".part")]
