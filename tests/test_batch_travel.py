"""Jobs that travel: a packed job is data in, bytes out, on any machine (issue 12, item 2)."""

from __future__ import annotations

import logging
import os
import pickle
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from converters.batch import ArticleJob, CollectionJob, Kit, jobs_for, load_config, make_kit, pack, plan, scan
from converters.batch.plan import templates_fingerprint
from converters.batch.travel import unpack
from converters.batch.work import run_job
from converters.options import WriteOptions
from tests.test_build import make_project

FURNITURE = (
    "Skip to main content\n\nHome | News | Sport | Contact\n\nUnion members accept the pay offer\n\n"
    "The union said on Monday that its members had voted by a large majority to accept the offer "
    "after months of talks with the employers.\n\nA second paragraph follows here, with more words "
    "about the deal and what it means for the members and their families.\n"
    "\nShare on Facebook\n\nTweet\n\nPrint this page\n"
)


def _jobs(root: Path) -> list[ArticleJob | CollectionJob]:
    config = load_config(cwd=root)
    return jobs_for(config, plan(config, scan(config)).stale, root)


def test_a_packed_job_never_opens_its_source(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    jobs = [pack(job) for job in _jobs(root)]
    kit = make_kit(jobs[0].write, templates_fingerprint())
    expected = {job.source.name: run_job(job, kit) for job in jobs if isinstance(job, ArticleJob)}
    shutil.rmtree(root / "articles")  # as on a worker that has none of the build's files
    for job in pickle.loads(pickle.dumps(jobs)):
        result = run_job(job, kit)
        assert result.error is None
        if isinstance(job, ArticleJob):
            assert result.outputs == expected[job.source.name].outputs
    alpha = next(j for j in jobs if isinstance(j, ArticleJob) and j.source.name == "alpha.txt")
    assert [o.path for o in run_job(alpha, kit).outputs] == ["alpha.html", "alpha.md"]


def test_the_epoch_is_the_starting_machines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path, formats='["epub", "docx"]')
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    job = pack(next(j for j in _jobs(root) if isinstance(j, ArticleJob)))
    kit = make_kit(job.write, templates_fingerprint())
    assert kit.epoch == 1000000000
    here = run_job(job, kit).outputs
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the worker's own environment
    assert run_job(job, kit).outputs == here  # pandoc's DOCX too: it reads the environment
    assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"
    assert b"2001-09-09T01:46:40Z" in _opf(here[0].data)
    unset = run_job(job, replace(kit, epoch=None)).outputs[0].data
    assert b"2001-09-09T01:46:40Z" not in _opf(unset)


def _opf(epub: bytes) -> bytes:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(epub)) as book:
        name = next(n for n in book.namelist() if n.endswith(".opf"))
        return book.read(name)


def test_a_user_style_and_its_fonts_travel(tmp_path: Path) -> None:
    style = tmp_path / "site" / "look.css"
    (style.parent / "fonts").mkdir(parents=True)
    font = b"\x00\x01\x00\x00 not really a font"
    (style.parent / "fonts" / "face.woff2").write_bytes(font)
    css = '@font-face { font-family: "Face"; src: url("fonts/face.woff2"); }\nbody { color: #123456; }\n'
    style.write_text(css, encoding="utf-8")
    write = WriteOptions(style=str(style))
    kit = make_kit(write, templates_fingerprint())
    assert kit.files == (("fonts/face.woff2", font),)
    assert unpack(kit, write).style == str(style)  # the files are here: used where they are
    shutil.rmtree(style.parent)
    moved = Path(unpack(replace(kit, css=kit.css + "\n"), write).style)  # another kit: unpacked anew
    assert moved != style
    assert moved.name == "look.css"
    assert moved.read_text(encoding="utf-8") == css + "\n"
    assert (moved.parent / "fonts" / "face.woff2").read_bytes() == font


def test_a_worker_with_another_plainpress_fails_its_jobs(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    job = pack(next(j for j in _jobs(root) if isinstance(j, ArticleJob)))
    kit = make_kit(job.write, templates_fingerprint())
    result = run_job(job, replace(kit, engine="0" * 64))
    assert (result.error, result.exit_code, result.outputs) == (
        "a worker runs another plainpress version or templates; install the same on every worker",
        1,
        (),
    )
    fonts = replace(kit, fonts=(("SourceSerifPro-Regular.ttf", "0" * 64),))
    assert "other bundled fonts" in (run_job(job, fonts).error or "")


def test_what_a_job_logs_comes_back_with_it(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "page.txt").write_text(FURNITURE, encoding="utf-8")
    (tmp_path / "plainpress.toml").write_text('sources = ["articles/*.txt"]\nformats = ["md"]\n')
    job = pack(_jobs(tmp_path)[0])
    kit = make_kit(job.write, templates_fingerprint())
    with caplog.at_level(logging.INFO, logger="plainpress"):
        result = run_job(job, kit)
    assert caplog.records == []  # kept for the starting process, not printed where the job ran
    assert [level for level, _ in result.notes] == [logging.INFO]
    assert result.notes[0][1].startswith(f"{tmp_path / 'articles' / 'page.txt'}: left out ")


def test_a_missing_source_fails_its_job_before_it_is_sent(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    jobs = _jobs(root)
    (root / "articles" / "beta.txt").unlink()
    from converters.batch import execute

    results = execute(jobs, executor=_Inline())
    assert sorted((r.error, r.exit_code) for r in results if r.error) == [
        ("articles/beta.txt: no such file", 1),
        ("labour-notes.epub: collection 'Labour Notes': articles/beta.txt: no such file", 1),
    ]
    assert sorted(o.path for r in results for o in r.outputs) == ["alpha.html", "alpha.md"]


class _Inline:
    """An executor that runs each job at once, in this thread."""

    def submit(self, fn, *args):  # type: ignore[no-untyped-def]
        from concurrent.futures import Future

        future: Future[object] = Future()
        future.set_result(fn(*args))
        return future


def test_kit_digest_covers_the_files() -> None:
    kit = Kit(engine="e", epoch=1, style="/s.css", css="a{}", files=(("f", b"1"),))
    assert kit.digest != replace(kit, files=(("f", b"2"),)).digest
    assert kit.digest != replace(kit, epoch=None).digest
    assert kit.digest == replace(kit).digest


def test_the_build_prints_what_its_jobs_logged(tmp_path: Path) -> None:
    from tests.test_build import run

    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "page.txt").write_text(FURNITURE, encoding="utf-8")
    (tmp_path / "plainpress.toml").write_text('sources = ["articles/*.txt"]\nformats = ["md"]\n')
    code, out, err = run(tmp_path, "-q")
    assert (code, out.startswith("built 1, unchanged 0, failed 0 in ")) == (0, True)
    page = tmp_path / "articles" / "page.txt"
    assert err.startswith(f"plainpress: note: {page}: left out ")
    assert err.count("\n") == 1


def test_issue_13_options_travel_in_the_jobs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """KEPUB, the print profile and the series and store metadata are data in the job:
    a pickled job, without the build's files, makes the same bytes (issue 13 on a cluster)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    root = make_project(tmp_path, formats='["kepub", "pdf"]')
    toml = root / "plainpress.toml"
    text = toml.read_text(encoding="utf-8").replace(
        'output = "dist"', 'output = "dist"\nprint = "kdp-6x9"', 1
    )
    text = text.replace(
        'output = "labour-notes.epub"',
        'output = "labour-notes.kepub.epub"\nseries = "Notes"\nseries_index = 2',
    )
    toml.write_text(text, encoding="utf-8")
    jobs = [pack(job) for job in _jobs(root)]
    book = next(j for j in jobs if isinstance(j, CollectionJob))
    assert (book.spec.store.series, book.spec.store.series_index) == ("Notes", 2)
    assert all(j.write.print_profile == "kdp-6x9" for j in jobs)
    kit = make_kit(jobs[0].write, templates_fingerprint())
    here = [run_job(job, kit) for job in jobs]
    shutil.rmtree(root / "articles")  # as on a worker that has none of the build's files
    there = [run_job(job, kit) for job in pickle.loads(pickle.dumps(jobs))]
    assert [r.error for r in there] == [None] * len(jobs)
    assert [r.outputs for r in there] == [r.outputs for r in here]
    assert [o.path for r in there for o in r.outputs] == [
        "labour-notes.kepub.epub",
        "alpha.kepub.epub",
        "alpha.pdf",
        "beta.kepub.epub",
        "beta.pdf",
    ]
    kepub = here[0].outputs[0].data
    assert b"kobo" in _opf(kepub) or b"koboSpan" in _files(kepub)


def _files(epub: bytes) -> bytes:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(epub)) as book:
        return b"".join(book.read(n) for n in book.namelist() if n.endswith(".xhtml"))


def test_a_worker_with_another_cmyk_profile_fails_its_pdfx_jobs(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    job = pack(next(j for j in _jobs(root) if isinstance(j, ArticleJob)))
    kit = make_kit(job.write, templates_fingerprint())
    assert kit.icc is None  # no PDF/X: the profile does not matter
    other = replace(kit, icc=("CMYK.icc", "0" * 64))
    assert "CMYK ICC profile for PDF/X" in (run_job(job, other).error or "")
