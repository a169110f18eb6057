"""``convert`` with its formats overlapped: same bytes, same all-or-nothing writing."""

from __future__ import annotations

import threading
import time
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from converters.cli import cli
from converters.errors import InputError
from converters.parallel import convert_files

ARTICLE = "A Title {n}\n\nThe first paragraph of article {n}.\n\nThe second paragraph.\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def sources(tmp_path: Path) -> list[Path]:
    paths = []
    for n in (1, 2, 3):
        path = tmp_path / f"a{n}.txt"
        path.write_text(ARTICLE.format(n=n), encoding="utf-8")
        paths.append(path)
    return paths


def test_workers_write_the_same_bytes_in_the_same_order_as_one_process(
    sources: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out-j{jobs}"
        code, stdout, err = run(
            "convert", "-j", jobs, "-t", "pdf,html,md,epub", "-o", str(out), *map(str, sources)
        )
        assert (code, err) == (0, "")
        names = [Path(line).name for line in stdout.splitlines()]
        assert names == [f"a{n}.{ext}" for n in (1, 2, 3) for ext in ("pdf", "html", "md", "epub")]
        outputs[jobs] = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    assert outputs["1"] == outputs["2"]


def test_a_format_failing_in_a_worker_writes_nothing_of_that_source(
    sources: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from converters.writers.pdf import PdfWriter

    real = PdfWriter.render

    def picky(self: PdfWriter, doc: Any, options: Any) -> bytes:
        if doc.title == "A Title 2":
            raise InputError("a2.txt", "cannot be typeset")  # raised in the worker, pickled back
        return real(self, doc, options)

    monkeypatch.setattr(PdfWriter, "render", picky)
    out = tmp_path / "out"
    code, stdout, err = run("convert", "-j", "2", "-o", str(out), *map(str, sources))
    assert code == 1
    assert err == "plainpress: error: a2.txt: cannot be typeset\n"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"a{n}.{ext}" for n in (1, 3) for ext in ("html", "epub", "pdf", "md")
    )
    assert len(stdout.splitlines()) == 8


class CountingExecutor(ThreadPoolExecutor):
    """Any :class:`concurrent.futures.Executor` will do; this one counts what it is given."""

    def __init__(self) -> None:
        super().__init__(max_workers=2)
        self.submitted: list[str] = []

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.submitted.append(args[1])
        return super().submit(fn, *args, **kwargs)


def test_pdfs_of_every_source_go_to_the_given_executor(sources: list[Path], tmp_path: Path) -> None:
    with CountingExecutor() as executor:
        results = list(convert_files(sources, ["html", "pdf", "md"], tmp_path / "out", executor=executor))
    assert executor.submitted == ["pdf", "pdf", "pdf"]
    assert [source for source, _ in results] == sources
    assert all(isinstance(written, list) and len(written) == 3 for _, written in results)


def test_an_unreadable_source_is_reported_in_its_turn(sources: list[Path], tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    results = list(
        convert_files([sources[0], missing, sources[1]], ["html", "md"], tmp_path / "out", workers=2)
    )
    assert [source for source, _ in results] == [sources[0], missing, sources[1]]
    assert isinstance(results[1][1], InputError)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a1.html", "a1.md", "a2.html", "a2.md"]


class HeldExecutor(Executor):
    """Holds the one job it is given until the test runs it."""

    def __init__(self) -> None:
        self.future: Future[Any] = Future()
        self.job: tuple[Any, tuple[Any, ...]] | None = None

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.job = (fn, args)
        return self.future

    def release(self) -> None:
        assert self.job is not None
        fn, args = self.job
        self.future.set_result(fn(*args))


@pytest.mark.parametrize("eager", [False, True])
def test_html_waits_for_the_pdf_unless_eager(sources: list[Path], tmp_path: Path, eager: bool) -> None:
    out = tmp_path / "out"
    executor = HeldExecutor()
    results: list[Any] = []
    run_ = convert_files([sources[0]], ["pdf", "html"], out, executor=executor, eager=eager)
    thread = threading.Thread(target=lambda: results.extend(run_))
    thread.start()
    deadline = time.monotonic() + 30
    while executor.job is None or (eager and not (out / "a1.html").exists()):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    time.sleep(0.2)
    assert (out / "a1.html").exists() is eager  # all-or-nothing unless eager
    assert not (out / "a1.pdf").exists()
    executor.release()
    thread.join(30)
    assert [w.fmt for w in results[0][1]] == ["pdf", "html"]
    assert sorted(p.name for p in out.iterdir()) == ["a1.html", "a1.pdf"]
