"""Batch builds: config, planning decisions, incremental rebuilds, manifest, index, failures."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html

from converters import __version__
from converters.batch import (
    MANIFEST_NAME,
    BuildConfig,
    Scan,
    config_from_table,
    load_config,
    plan,
    run_build,
    scan,
)
from converters.cli import cli
from converters.collection import CollectionSpec
from converters.errors import InputError, UsageError
from converters.options import ReadOptions, WriteOptions

ISSUE_TOML = """\
sources = ["articles/*.txt"]
formats = ["html", "epub", "pdf", "md"]
output = "dist"

[[collections]]
title = "Labour Notes"
sources = ["articles/*.txt"]
output = "labour-notes.epub"
"""

ARTICLES = {
    "alpha.txt": "Alpha and the Harbour\n\nA standfirst about alpha\n\n3 March 2001\n\nThe first paragraph of alpha.\n\nThe second paragraph of alpha.\n",
    "beta.txt": "Beta in the Valley\n\n4 April 2002\n\nBeta has one paragraph only.\n\nRelated articles:\nAlpha and the Harbour\n",
}


def make_project(root: Path, formats: str = '["html", "md"]', extra: str = "") -> Path:
    (root / "articles").mkdir(parents=True)
    for name, body in ARTICLES.items():
        (root / "articles" / name).write_text(body, encoding="utf-8")
    (root / "plainpress.toml").write_text(
        ISSUE_TOML.replace('["html", "epub", "pdf", "md"]', formats) + extra, encoding="utf-8"
    )
    return root


def run(root: Path, *args: str) -> tuple[int, str, str]:
    cwd = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(cli, ["build", *args])
    finally:
        os.chdir(cwd)
    return result.exit_code, result.stdout, result.stderr


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------
# Config


def test_the_issue_config_loads(tmp_path: Path) -> None:
    (tmp_path / "plainpress.toml").write_text(ISSUE_TOML, encoding="utf-8")
    config = load_config(cwd=tmp_path)
    assert config.base == tmp_path.resolve()
    assert config.sources == ("articles/*.txt",)
    assert config.formats == ("html", "epub", "pdf", "md")
    assert config.output == tmp_path.resolve() / "dist"
    assert config.write == WriteOptions()
    assert config.read == ReadOptions()
    [col] = config.collections
    assert col.spec == CollectionSpec(title="Labour Notes")
    assert (col.sources, col.output) == (("articles/*.txt",), "labour-notes.epub")


def test_config_from_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.plainpress]\nsources = ["*.txt"]\nformats = ["markdown"]\n'
        'page_size = "letter"\n\n[[tool.plainpress.collections]]\ntitle = "Book"\nauthor = "Me"\n'
        'order = "date"\ncover = "art/c.png"\n',
        encoding="utf-8",
    )
    config = load_config(cwd=tmp_path)
    assert config.formats == ("md",)
    assert config.write.page_size == "letter"
    [col] = config.collections
    assert col.sources == ("*.txt",)  # the top-level sources by default
    assert col.output == "book.epub"  # a slug of the title by default
    assert col.spec == CollectionSpec(
        title="Book", authors=("Me",), order="date", cover=tmp_path.resolve() / "art" / "c.png"
    )


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"sources": ["*.txt"], "formt": ["html"]}, "unknown key 'formt'"),
        ({"sources": ["*.txt"], "formats": ["rtf"]}, "unknown format 'rtf'"),
        ({"formats": ["html"]}, "sources is required"),
        ({"sources": ["*.txt"], "page_size": "b5"}, "page_size: must be a4, letter or a5"),
        ({"sources": ["*.txt"], "style": "nonesuch"}, "unknown style 'nonesuch'"),
        ({"sources": ["*.txt"], "pdf_variant": "pdf/z-9"}, "pdf_variant: unknown PDF variant 'pdf/z-9'"),
        (
            {"sources": ["*.txt"], "collections": [{"sources": ["*.txt"]}]},
            "every [[collections]] needs a title",
        ),
        (
            {"sources": ["*.txt"], "collections": [{"title": " \t "}]},
            "every [[collections]] needs a title",
        ),
        (
            {"sources": ["*.txt"], "collections": [{"title": "T", "output": "../t.epub"}]},
            "output '../t.epub' must be a relative path inside the output folder",
        ),
        (
            {"sources": ["*.txt"], "collections": [{"title": "T", "order": "random"}]},
            "order must be one of given, date, title",
        ),
    ],
)
def test_bad_config_values(tmp_path: Path, table: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError) as caught:
        config_from_table(table, base=tmp_path, path=tmp_path / "plainpress.toml")
    assert message in caught.value.reason


def test_missing_config_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run(tmp_path)
    assert code == 2
    assert (
        err
        == f"plainpress: error: {tmp_path.resolve()}: no plainpress.toml here (nor [tool.plainpress] in pyproject.toml); see --config\n"
    )


# --------------------------------------------------------------------------
# Planning (pure: a hand-made Scan, nothing read or rendered)


def fake_scan(root: Path, **changes: object) -> Scan:
    a, b = root / "a.txt", root / "sub" / "a.txt"
    base = Scan(
        sources=(a, b),
        collection_sources=((b, a),),
        empty_patterns=(),
        fingerprints={a: "A", b: "B"},
        style="S",
        covers=("",),
        previous={},
        present={},
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def fake_config(root: Path, **changes: object) -> BuildConfig:
    config = config_from_table(
        {
            "sources": ["*.txt"],
            "formats": ["html", "pdf", "md"],
            "collections": [{"title": "Book", "output": "books/book.epub"}],
        },
        base=root,
    )
    return replace(config, **changes)  # type: ignore[arg-type]


def previous_of(work_plan: object, found: Scan) -> Scan:
    """The Scan a second run sees after every target of ``work_plan`` was built."""
    targets = work_plan.targets  # type: ignore[attr-defined]
    previous = {t.path: {"path": t.path, "key": t.key, "sha256": f"sum-{t.path}"} for t in targets}
    return replace(found, previous=previous, present={t.path: f"sum-{t.path}" for t in targets})


def test_plan_names_every_target(tmp_path: Path) -> None:
    work = plan(fake_config(tmp_path), fake_scan(tmp_path), engine="E")
    assert [(t.path, t.fmt, t.kind) for t in work.targets] == [
        ("a.html", "html", "article"),
        ("a.pdf", "pdf", "article"),
        ("a.md", "md", "article"),
        ("a-2.html", "html", "article"),  # same stem in another folder
        ("a-2.pdf", "pdf", "article"),
        ("a-2.md", "md", "article"),
        ("books/book.epub", "epub", "collection"),
    ]
    assert work.stale == work.targets  # nothing built before
    assert work.unchanged == ()
    assert work.targets[-1].sources == (tmp_path / "sub" / "a.txt", tmp_path / "a.txt")


def test_plan_after_a_build_has_nothing_stale(tmp_path: Path) -> None:
    config, found = fake_config(tmp_path), fake_scan(tmp_path)
    second = plan(config, previous_of(plan(config, found, engine="E"), found), engine="E")
    assert second.stale == ()
    assert len(second.unchanged) == 7


def stale_after(
    tmp_path: Path, engine: str = "E", config: BuildConfig | None = None, **scan_changes: object
) -> list[str]:
    base_config, found = fake_config(tmp_path), fake_scan(tmp_path)
    built = previous_of(plan(base_config, found, engine="E"), found)
    changed = replace(built, **scan_changes)  # type: ignore[arg-type]
    return [t.path for t in plan(config or base_config, changed, engine=engine).stale]


def test_a_changed_source_rebuilds_its_outputs_and_its_collections(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    stale = stale_after(tmp_path, fingerprints={a: "A2", tmp_path / "sub" / "a.txt": "B"})
    assert stale == ["a.html", "a.pdf", "a.md", "books/book.epub"]


def test_a_changed_style_rebuilds_all_but_markdown(tmp_path: Path) -> None:
    assert stale_after(tmp_path, style="S2") == ["a.html", "a.pdf", "a-2.html", "a-2.pdf", "books/book.epub"]


def test_changed_options_rebuild_only_the_formats_that_use_them(tmp_path: Path) -> None:
    """A collection is an EPUB: PDF and Markdown options leave it alone."""
    letter = fake_config(tmp_path, write=WriteOptions(page_size="letter"))
    assert stale_after(tmp_path, config=letter) == ["a.pdf", "a-2.pdf"]
    variant = fake_config(tmp_path, write=WriteOptions(pdf_variant="pdf/ua-1"))
    assert stale_after(tmp_path, config=variant) == ["a.pdf", "a-2.pdf"]
    gfm = fake_config(tmp_path, write=WriteOptions(markdown_flavor="gfm"))
    assert stale_after(tmp_path, config=gfm) == ["a.md", "a-2.md"]
    no_fonts = fake_config(tmp_path, write=WriteOptions(html_fonts=False))
    assert stale_after(tmp_path, config=no_fonts) == ["a.html", "a-2.html"]
    modern = fake_config(tmp_path, write=WriteOptions(style="modern"))
    assert stale_after(tmp_path, config=modern) == [
        "a.html",
        "a.pdf",
        "a-2.html",
        "a-2.pdf",
        "books/book.epub",
    ]
    lang = fake_config(tmp_path, read=ReadOptions(language="de"))
    assert len(stale_after(tmp_path, config=lang)) == 7


def test_a_new_plainpress_version_rebuilds_everything(tmp_path: Path) -> None:
    assert len(stale_after(tmp_path, engine="E2")) == 7


def test_missing_or_edited_outputs_are_rebuilt(tmp_path: Path) -> None:
    config, found = fake_config(tmp_path), fake_scan(tmp_path)
    built = previous_of(plan(config, found, engine="E"), found)
    present = dict(built.present)
    del present["a.md"]
    present["a-2.pdf"] = "edited"
    stale = plan(config, replace(built, present=present), engine="E").stale
    assert [t.path for t in stale] == ["a.md", "a-2.pdf"]
    assert len(plan(config, built, engine="E", force=True).stale) == 7


def test_an_unreadable_source_is_always_stale(tmp_path: Path) -> None:
    stale = stale_after(tmp_path, fingerprints={tmp_path / "a.txt": None, tmp_path / "sub" / "a.txt": "B"})
    assert stale == ["a.html", "a.pdf", "a.md", "books/book.epub"]


def test_a_collection_never_takes_an_articles_name(tmp_path: Path) -> None:
    config = config_from_table(
        {"sources": ["*.txt"], "formats": ["epub"], "collections": [{"title": "A", "output": "a.epub"}]},
        base=tmp_path,
        path=tmp_path / "plainpress.toml",
    )
    with pytest.raises(UsageError) as caught:
        plan(config, fake_scan(tmp_path), engine="E")
    assert caught.value.message == (
        f"{tmp_path / 'plainpress.toml'}: collection 'A': output 'a.epub' is also the output of a.txt; "
        "give the collection another output"
    )
    html_only = replace(config, formats=("html",))  # no a.epub among the articles: no clash
    assert [t.path for t in plan(html_only, fake_scan(tmp_path), engine="E").targets] == [
        "a.html",
        "a-2.html",
        "a.epub",
    ]


def test_a_collection_clashing_with_an_article_fails_the_build(tmp_path: Path) -> None:
    root = make_project(tmp_path, formats='["epub"]')
    toml = root / "plainpress.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace("labour-notes.epub", "beta.epub"), encoding="utf-8"
    )
    code, out, err = run(root, "-q")
    assert (code, out) == (2, "")
    assert err == (
        f"plainpress: error: {toml}: collection 'Labour Notes': output 'beta.epub' is also the output of "
        "articles/beta.txt; give the collection another output\n"
    )
    assert not (root / "dist").exists()


def test_two_collections_with_one_output_are_refused(tmp_path: Path) -> None:
    config = config_from_table(
        {
            "sources": ["*.txt"],
            "collections": [{"title": "A", "output": "x.epub"}, {"title": "B", "output": "X.epub"}],
        },
        base=tmp_path,
    )
    a = tmp_path / "a.txt"
    clash = replace(fake_scan(tmp_path), collection_sources=((a,), (a,)), covers=("", ""))
    with pytest.raises(
        UsageError, match=r"^collection 'B': output 'X\.epub' is also the output of collection 'A'"
    ):
        plan(config, clash, engine="E")


# --------------------------------------------------------------------------
# Whole builds


def test_build_then_noop_rebuild(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    code, out, err = run(root)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert sorted(lines[:-1]) == [
        "built alpha.html",
        "built alpha.md",
        "built beta.html",
        "built beta.md",
        "built labour-notes.epub",
    ]
    assert lines[-1].startswith("built 5, unchanged 0, failed 0 in ")
    assert lines[-1].endswith(" s -> dist/")
    dist = root / "dist"
    assert sorted(p.name for p in dist.iterdir()) == [
        "alpha.html",
        "alpha.md",
        "beta.html",
        "beta.md",
        "feed.atom",
        "index.html",
        "labour-notes.epub",
        "manifest.json",
        "opds.xml",
    ]
    stamps = {p.name: p.stat().st_mtime_ns for p in dist.iterdir()}
    os.utime(root / "articles" / "alpha.txt")  # a newer timestamp is not a change

    code, out, err = run(root)
    assert (code, out, err) == (0, "nothing to do: 5 files unchanged in dist/\n", "")
    assert {p.name: p.stat().st_mtime_ns for p in dist.iterdir()} == stamps

    (root / "articles" / "beta.txt").write_text(ARTICLES["beta.txt"] + "\nOne more line.\n", encoding="utf-8")
    code, out, err = run(root, "-v")
    assert code == 0
    assert sorted(out.splitlines()[:-1]) == [
        "built beta.html",
        "built beta.md",
        "built labour-notes.epub",
        "unchanged alpha.html",
        "unchanged alpha.md",
    ]
    assert out.splitlines()[-1].startswith("built 3, unchanged 2, failed 0 in ")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project built once (html and md, one collection); tests only read it."""
    root = make_project(tmp_path_factory.mktemp("built"))
    assert run(root, "-q")[0] == 0
    return root


def test_manifest_lists_every_artifact(built: Path) -> None:
    root = built
    dist = root / "dist"
    manifest = json.loads((dist / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["generator"] == f"plainpress {__version__}"
    assert manifest["version"] == 1
    entries = manifest["artifacts"]
    keys = [e.pop("key") for e in entries]
    assert all(len(k) == 64 for k in keys) and len(set(keys)) == 5

    def article(path: str, fmt: str, source: str, title: str, date: dict[str, str]) -> dict[str, object]:
        return {
            "path": path,
            "href": path,
            "format": fmt,
            "kind": "article",
            "source": source,
            "date": date,
            "title": title,
            "language": "en",
            "size": (dist / path).stat().st_size,
            "sha256": sha256(dist / path),
        }

    alpha_date = {"text": "3 March 2001", "iso": "2001-03-03"}
    beta_date = {"text": "4 April 2002", "iso": "2002-04-04"}
    assert entries == [
        article("alpha.html", "html", "articles/alpha.txt", "Alpha and the Harbour", alpha_date),
        article("alpha.md", "md", "articles/alpha.txt", "Alpha and the Harbour", alpha_date),
        article("beta.html", "html", "articles/beta.txt", "Beta in the Valley", beta_date),
        article("beta.md", "md", "articles/beta.txt", "Beta in the Valley", beta_date),
        {
            "path": "labour-notes.epub",
            "href": "labour-notes.epub",
            "format": "epub",
            "kind": "collection",
            "sources": ["articles/alpha.txt", "articles/beta.txt"],
            "title": "Labour Notes",
            "language": "en",
            "size": (dist / "labour-notes.epub").stat().st_size,
            "sha256": sha256(dist / "labour-notes.epub"),
        },
    ]


def test_index_links_every_article_in_every_format_and_every_collection(built: Path) -> None:
    root = built
    page = html.fromstring((root / "dist" / "index.html").read_bytes())
    assert page.findtext(".//title") == "Downloads"
    links = [(a.get("href"), a.text_content()) for a in page.iter("a")]
    assert links == [
        ("labour-notes.epub", "Labour Notes"),
        ("alpha.html", "HTML"),
        ("alpha.md", "Markdown"),
        ("beta.html", "HTML"),
        ("beta.md", "Markdown"),
    ]
    assert [s.text_content() for s in page.find_class("download-title")] == [
        "Labour Notes",
        "Alpha and the Harbour",
        "Beta in the Valley",
    ]
    assert ".article" in page.findtext(".//style")  # styled from styles/


ARABIC = (
    "إضراب عاملات الكبريت\n\n5 July 2018\n\n"
    "في عام ١٨٨٨ أضربت عاملات مصنع الكبريت في لندن احتجاجاً على ظروف العمل القاسية والأجور المتدنية.\n\n"
    "وقد انتصرت العاملات بعد أسابيع من الإضراب.\n"
)


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A built project with an Arabic article beside the two English ones."""
    root = make_project(tmp_path)
    (root / "articles" / "match.txt").write_text(ARABIC, encoding="utf-8")
    assert run(root, "-q")[0] == 0
    return root


def test_index_separates_title_and_date_and_marks_other_languages(mixed: Path) -> None:
    page = html.fromstring((mixed / "dist" / "index.html").read_bytes())
    assert page.get("lang") == "en"
    rows = page.find_class("downloads")[1].findall("li")
    entries = []
    for row in rows:
        title = row.find_class("download-title")[0]
        time_ = row.find(".//time")
        assert time_.getparent().tag == "p" and time_.getparent() is not title  # own paragraph
        entries.append(
            (title.text, title.get("lang"), title.get("dir"), time_.text, time_.get("lang"), time_.get("dir"))
        )
    assert entries == [
        ("Alpha and the Harbour", None, None, "3 March 2001", None, None),
        ("Beta in the Valley", None, None, "4 April 2002", None, None),
        ("إضراب عاملات الكبريت", "ar", "rtl", "5 July 2018", "ar", "rtl"),
    ]
    assert rows[2].find_class("formats")[0].get("lang") is None  # "HTML", "Markdown" are the page's
    book = page.find_class("downloads")[0].find(".//a")
    assert (book.text, book.get("lang")) == ("Labour Notes", None)  # an English book
    manifest = json.loads((mixed / "dist" / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert {a["path"]: a["language"] for a in manifest["artifacts"]} == {
        "alpha.html": "en",
        "alpha.md": "en",
        "beta.html": "en",
        "beta.md": "en",
        "match.html": "ar",
        "match.md": "ar",
        "labour-notes.epub": "en",
    }
    # an unchanged rebuild keeps the languages (they come from the manifest)
    before = (mixed / "dist" / "index.html").read_bytes()
    assert run(mixed, "-q")[0] == 0
    assert (mixed / "dist" / "index.html").read_bytes() == before


@pytest.mark.slow
def test_index_with_a_right_to_left_article_is_valid_html(mixed: Path) -> None:
    from tests.validators import nu_errors

    assert nu_errors(mixed / "dist" / "index.html") == []


def test_one_bad_source_does_not_stop_the_batch(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    bad = root / "articles" / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02\x03binary")
    with pytest.raises(InputError) as caught:
        import converters

        converters.read(bad)
    reason = caught.value.reason
    code, out, err = run(root)
    assert code == 1
    assert sorted(err.splitlines()) == [
        f"plainpress: error: articles/broken.txt: {reason}",
        f"plainpress: error: labour-notes.epub: collection 'Labour Notes': articles/broken.txt: {reason}",
    ]
    assert sorted(out.splitlines()[:-1]) == [
        "built alpha.html",
        "built alpha.md",
        "built beta.html",
        "built beta.md",
    ]
    assert out.splitlines()[-1].startswith("built 4, unchanged 0, failed 3 in ")
    manifest = json.loads((root / "dist" / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert [a["path"] for a in manifest["artifacts"]] == ["alpha.html", "alpha.md", "beta.html", "beta.md"]
    assert not (root / "dist" / "broken.html").exists()

    # Fixed: only the broken source and the collection are built.
    bad.write_text("Broken No More\n\nNow it reads.\n", encoding="utf-8")
    code, out, err = run(root)
    assert (code, err) == (0, "")
    assert sorted(out.splitlines()[:-1]) == [
        "built broken.html",
        "built broken.md",
        "built labour-notes.epub",
    ]


def test_outputs_of_removed_sources_are_removed(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    assert run(root, "-q")[0] == 0
    (root / "articles" / "beta.txt").unlink()
    assert run(root, "-q")[0] == 0
    assert sorted(p.name for p in (root / "dist").iterdir()) == [
        "alpha.html",
        "alpha.md",
        "feed.atom",
        "index.html",
        "labour-notes.epub",
        "manifest.json",
        "opds.xml",
    ]


def test_run_build_accepts_any_executor(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    config = load_config(cwd=root)
    with ThreadPoolExecutor(2) as pool:
        report = run_build(config, executor=pool, cwd=root)
    assert (report.exit_code, len(report.built), report.failed) == (0, 5, [])
    again = run_build(config, cwd=root)
    assert (again.built, len(again.unchanged)) == ([], 5)
    assert scan(config).empty_patterns == ()


def test_patterns_matching_nothing_are_an_error(tmp_path: Path) -> None:
    root = make_project(tmp_path, extra="")
    toml = root / "plainpress.toml"
    toml.write_text(
        toml.read_text().replace(
            'sources = ["articles/*.txt"]\nformats',
            'sources = ["articles/*.txt", "drafts/*.txt", "nothing/*.txt"]\nformats',
            1,
        )
    )
    code, out, err = run(root, "-q")
    assert (code, out) == (2, "")
    assert (
        err
        == f"plainpress: error: {toml}: source patterns 'drafts/*.txt', 'nothing/*.txt' matched no files\n"
    )
    assert not (root / "dist").exists()
    assert run(root, "--dry-run")[0] == 2


def test_an_empty_glob_alone_is_an_error_not_nothing_to_do(tmp_path: Path) -> None:
    (tmp_path / "plainpress.toml").write_text('sources = ["nothing/*.txt"]\n', encoding="utf-8")
    code, out, err = run(tmp_path)
    assert (code, out) == (2, "")
    assert (
        err
        == f"plainpress: error: {tmp_path / 'plainpress.toml'}: source pattern 'nothing/*.txt' matched no file\n"
    )


def test_a_collection_with_no_articles_is_an_error(tmp_path: Path) -> None:
    config = fake_config(tmp_path)
    with pytest.raises(UsageError, match=r"^collection 'Book' has no articles$"):
        plan(config, fake_scan(tmp_path, collection_sources=((),)), engine="E")


# --------------------------------------------------------------------------
# The repository's own config and CI workflow

ROOT = Path(__file__).resolve().parent.parent


def test_the_repository_config_builds_the_seeds_and_a_collection() -> None:
    config = load_config(ROOT / "plainpress.toml")
    found = scan(config)
    assert found.sources == tuple(sorted((ROOT / "seeds").resolve().glob("*.txt")))
    assert config.formats == ("html", "epub", "pdf", "md")
    assert config.output == ROOT.resolve() / "dist"
    assert [c.output for c in config.collections] == ["samples.epub"]
    assert found.collection_sources == (found.sources,)


def test_the_workflow_builds_and_uploads_dist() -> None:
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "build.yml").read_text(encoding="utf-8"))
    assert set(workflow[True]) >= {"push", "pull_request"}  # YAML 1.1 reads the key "on" as True
    steps = workflow["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert "make install" in runs and "make test" in runs  # the README's way
    assert any("plainpress build" in r for r in runs)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "dist/"


def test_the_workflow_matches_the_github_schema() -> None:
    import shutil
    import subprocess
    import sys

    exe = Path(sys.executable).parent / "check-jsonschema"
    if not exe.exists() and shutil.which("check-jsonschema") is None:
        pytest.skip("check-jsonschema is not installed (pip install check-jsonschema)")
    proc = subprocess.run(
        [
            str(exe) if exe.exists() else "check-jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(ROOT / ".github" / "workflows" / "build.yml"),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_a_slow_job_does_not_hold_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    import converters.batch.work as build_module
    from converters.batch import ArticleJob, Result, execute, jobs_for

    root = make_project(tmp_path)
    config = load_config(cwd=root)
    work = plan(config, scan(config))
    real = build_module.build_article
    others_reported = threading.Event()

    def slow_alpha(job: ArticleJob) -> Result:
        if job.source.name == "alpha.txt":
            # Finishes only once the other jobs' results were reported: a build
            # that waited for jobs in order would never get there.
            assert others_reported.wait(timeout=60)
        return real(job)

    finished: list[tuple[str, ...]] = []

    def on_result(result: Result) -> None:
        finished.append(result.paths)
        if len(finished) == 2:
            others_reported.set()

    monkeypatch.setattr(build_module, "build_article", slow_alpha)
    with ThreadPoolExecutor(2) as pool:
        execute(jobs_for(config, work.stale, root), executor=pool, on_result=on_result)
    assert sorted(finished[:2]) == [("beta.html", "beta.md"), ("labour-notes.epub",)]
    assert finished[2] == ("alpha.html", "alpha.md")


@pytest.mark.slow
def test_index_is_valid_html(built: Path) -> None:
    from tests.validators import nu_errors

    assert nu_errors(built / "dist" / "index.html") == []


def test_an_interrupted_build_keeps_what_it_finished(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import converters.batch.work as build_module
    from converters.batch import ArticleJob, Result

    root = make_project(tmp_path)
    config = load_config(cwd=root)
    real = build_module.build_article

    def interrupt_at_beta(job: ArticleJob) -> Result:
        if job.source.name == "beta.txt":
            raise KeyboardInterrupt
        return real(job)

    monkeypatch.setattr(build_module, "build_article", interrupt_at_beta)
    with ThreadPoolExecutor(1) as pool, pytest.raises(KeyboardInterrupt):
        run_build(config, executor=pool, cwd=root)  # one worker: collection, alpha, then beta
    manifest = json.loads((root / "dist" / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert [a["path"] for a in manifest["artifacts"]] == ["alpha.html", "alpha.md", "labour-notes.epub"]

    monkeypatch.setattr(build_module, "build_article", real)
    again = run_build(config, cwd=root)
    assert sorted(b.path for b in again.built) == ["beta.html", "beta.md"]


def test_dry_run_prints_the_plan_and_builds_nothing(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    assert run(root, "-q")[0] == 0
    (root / "articles" / "beta.txt").write_text(ARTICLES["beta.txt"] + "\nA change.\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (root / "dist").iterdir()}
    code, out, err = run(root, "--dry-run", "-v")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "unchanged alpha.html",
        "unchanged alpha.md",
        "would build beta.html",
        "would build beta.md",
        "would build labour-notes.epub",
        "would build 3, unchanged 2 -> dist/",
    ]
    assert {p.name: p.read_bytes() for p in (root / "dist").iterdir()} == before


def test_source_patterns_in_a_folder_with_wildcards_in_its_name(tmp_path: Path) -> None:
    from converters.batch import expand_sources

    base = tmp_path / "[drafts]"
    (base / "a" / "b").mkdir(parents=True)
    for name in ("x.txt", "a/y.txt", "a/b/z.txt", "a/notes.md"):
        (base / name).write_text("text\n", encoding="utf-8")
    files, empty = expand_sources(base, ["*.txt", "**/*.txt", "missing/*.txt", "named.txt"])
    assert [p.relative_to(base.resolve()).as_posix() for p in files] == [
        "x.txt",
        "a/b/z.txt",
        "a/y.txt",
        "named.txt",  # no wildcard: kept, so the build reports it missing
    ]
    assert empty == ["missing/*.txt"]


def _interruptible_project(root: Path) -> list[str]:
    """Ten long articles (PDFs that take a while) and a dist/ of an earlier build
    whose files and manifest all differ from what this build makes."""
    paragraph = " ".join(["The dockers asked for sixpence an hour and a four-hour minimum call."] * 6)
    (root / "articles").mkdir(parents=True)
    for i in range(10):
        body = f"Strike Report Number {i}\n\n" + "\n\n".join([paragraph] * 60) + "\n"
        (root / "articles" / f"report{i:02}.txt").write_text(body, encoding="utf-8")
    (root / "plainpress.toml").write_text(
        'sources = ["articles/*.txt"]\nformats = ["html", "pdf"]\n', encoding="utf-8"
    )
    dist = root / "dist"
    dist.mkdir()
    old = b"an earlier build's output\n"
    paths = [f"report{i:02}.{fmt}" for i in range(10) for fmt in ("html", "pdf")]
    artifacts = []
    for rel in paths:
        (dist / rel).write_bytes(old)
        artifacts.append(
            {"path": rel, "size": len(old), "sha256": hashlib.sha256(old).hexdigest(), "key": "old"}
        )
    (dist / MANIFEST_NAME).write_text(json.dumps({"version": 1, "artifacts": artifacts}), encoding="utf-8")
    return paths


@pytest.mark.parametrize(
    ("signum", "code", "word", "group"),
    [
        (signal.SIGINT, 130, "interrupted", True),  # Ctrl-C in a terminal: the whole process group
        (signal.SIGTERM, 143, "terminated", True),  # a CI timeout
        (signal.SIGINT, 130, "interrupted", False),  # kill -INT to the main process only
    ],
)
def test_a_signalled_build_leaves_dist_matching_its_manifest(
    tmp_path: Path, signum: int, code: int, word: str, group: bool
) -> None:
    """The real thing: a signal to a running ``plainpress build -j 2`` with worker processes."""
    paths = _interruptible_project(tmp_path)
    exe = Path(sys.executable).parent / "plainpress"
    proc = subprocess.Popen(
        [str(exe), "build", "--force", "-j", "2", "-v"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    built_lines = 0
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    while built_lines < 3 and time.monotonic() < deadline:  # wait until some files are done
        line = proc.stdout.readline()
        if not line:
            break
        built_lines += line.startswith("built ")
    assert proc.poll() is None, "finished before it could be interrupted"
    if group:
        os.killpg(proc.pid, signum)
    else:
        proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code
    assert stderr.splitlines()[-1].startswith(
        f"plainpress: error: {word}; finished files were kept and recorded"
    )
    assert "Traceback" not in stderr
    dist = tmp_path / "dist"
    manifest = json.loads((dist / MANIFEST_NAME).read_text(encoding="utf-8"))
    recorded = {a["path"]: a for a in manifest["artifacts"]}
    on_disk = sorted(
        p.name for p in dist.iterdir() if p.name not in (MANIFEST_NAME, "index.html", "feed.atom", "opds.xml")
    )
    assert on_disk == sorted(recorded)  # no .part file, nothing unrecorded
    for rel, entry in recorded.items():
        data = (dist / rel).read_bytes()
        assert (entry["sha256"], entry["size"]) == (hashlib.sha256(data).hexdigest(), len(data)), rel
    rebuilt = [rel for rel in paths if recorded[rel]["key"] != "old"]
    assert 3 <= len(rebuilt) < len(paths)  # some finished and were recorded as built, not all
    for rel in rebuilt:
        assert (dist / rel).read_bytes() != b"an earlier build's output\n"
    again = load_config(cwd=tmp_path)
    work = plan(again, scan(again))
    assert {t.path for t in work.unchanged} == {rel for rel in rebuilt if recorded[rel]["key"]}


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["build", "-j", "0"], "Error: Invalid value for '-j' / '--jobs': 0 is not in the range x>=1."),
        (["convert", "-t", "rtf", "x.txt"], "Error: Invalid value for '-t' / '--to': unknown format 'rtf'"),
    ],
)
def test_bad_option_values_are_reported_alike_by_every_command(
    tmp_path: Path, args: list[str], line: str
) -> None:
    """Option values are checked by click in every command (exit 2, click's usage
    lines, then one 'Error:' line); build and collection do not differ from convert."""
    result = CliRunner().invoke(cli, args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[0].startswith(f"Usage: cli {args[0]} [OPTIONS]")
    assert result.stderr.splitlines()[-1].startswith(line)


def test_removed_outputs_are_counted_and_listed(tmp_path: Path) -> None:
    """Deleting a source removes its outputs, and the build says so (issue 10, item 14)."""
    root = make_project(tmp_path)
    assert run(root, "-q")[0] == 0
    (root / "articles" / "alpha.txt").unlink()
    code, out, err = run(root, "--dry-run")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "would build labour-notes.epub",
        "would remove alpha.html",
        "would remove alpha.md",
        "would build 1, unchanged 2, remove 2 -> dist/",
    ]
    code, out, err = run(root, "-v")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[:-1] == [
        "unchanged beta.html",
        "unchanged beta.md",
        "built labour-notes.epub",
        "removed alpha.html",
        "removed alpha.md",
    ]
    assert lines[-1].startswith("built 1, unchanged 2, removed 2, failed 0 in ")
    assert not (root / "dist" / "alpha.html").exists()
    code, out, err = run(root)
    assert (code, out, err) == (0, "nothing to do: 3 files unchanged in dist/\n", "")


def test_removing_only_is_not_nothing_to_do(tmp_path: Path) -> None:
    """A build whose only work is deleting outputs reports the removal, not ``nothing to do``."""
    root = make_project(tmp_path, extra="")
    toml = root / "plainpress.toml"
    assert run(root, "-q")[0] == 0
    toml.write_text(toml.read_text(encoding="utf-8").replace('["html", "md"]', '["html"]'), encoding="utf-8")
    code, out, err = run(root, "-q")
    assert (code, err) == (0, "")
    assert out.startswith("built 0, unchanged 3, removed 2, failed 0 in ")


def test_warming_up_logs_no_warning_the_job_will_log_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The parent reads the first source to warm up before forking; its warnings are the
    job's to report, once (a mostly-UTF-8 source's warning was printed twice)."""
    from converters.batch import ArticleJob, warm_up

    source = tmp_path / "a.txt"
    source.write_bytes(
        b"---\nlanguage: en_US\n---\nTitle\n\n" + "caf\u00e9 \u2014 ".encode() * 4 + b"x\xe9.\n"
    )
    job = ArticleJob(source, "a.txt", (("html", "a.html"),), ReadOptions(), WriteOptions())
    warm_up([job])
    assert caplog.records == []
    from converters.api import read

    read(source)  # the job's own read logs them
    assert [r.getMessage() for r in caplog.records] == [
        f"{source}: not valid UTF-8 at byte 72 (1 sequence): read as U+FFFD (\ufffd)",
        f"{source}: front matter key 'language': 'en_US' is not a BCP 47 language tag (e.g. en, de-CH, zh-Hant); ignored",
    ]


# --------------------------------------------------------------------------
# Collections in every format (issue 13, item 1)

EVERY_FORMAT = '\nformats = ["epub", "pdf", "web", "kepub"]\n'


def every_format_project(root: Path, formats: str = EVERY_FORMAT) -> Path:
    root = make_project(root)
    toml = root / "plainpress.toml"
    text = toml.read_text(encoding="utf-8").replace(
        'output = "labour-notes.epub"\n', 'output = "labour-notes"\n'
    )
    toml.write_text(text + formats, encoding="utf-8")
    return root


def test_collection_formats_name_one_output_each(tmp_path: Path) -> None:
    table = {
        "sources": ["*.txt"],
        "collections": [{"title": "Labour Notes", "formats": ["epub", "PDF", "web", "kepub", "epub"]}],
    }
    col = config_from_table(table, base=tmp_path).collections[0]
    assert col.outputs == (
        ("epub", "labour-notes.epub"),
        ("pdf", "labour-notes.pdf"),
        ("web", "labour-notes/index.html"),
        ("kepub", "labour-notes.kepub.epub"),
    )
    table["collections"] = [{"title": "T", "output": "books/t.epub", "formats": ["pdf", "epub"]}]
    assert config_from_table(table, base=tmp_path).collections[0].outputs == (
        ("pdf", "books/t.pdf"),
        ("epub", "books/t.epub"),
    )
    for output, fmt in (("t.epub", "epub"), ("t.kepub.epub", "kepub"), ("t.pdf", "pdf")):  # the single form
        table["collections"] = [{"title": "T", "output": output}]
        assert config_from_table(table, base=tmp_path).collections[0].outputs == ((fmt, output),)


@pytest.mark.parametrize(
    ("collection", "message"),
    [
        ({"formats": []}, "collection 'T': formats is empty; list at least one of kepub, epub, pdf, web"),
        ({"formats": ["epub", "docx"]}, "collection 'T': formats: unknown format 'docx'"),
        ({"formats": "epub"}, "collection 'T': formats must be a list of strings"),
        ({"output": "t.docx"}, "collection 'T': output must end in .kepub.epub, .epub, .pdf"),
        ({"output": "../t", "formats": ["web"]}, "output '../t' must be a relative path inside"),
    ],
)
def test_bad_collection_formats_are_usage_errors(
    tmp_path: Path, collection: dict[str, object], message: str
) -> None:
    table = {"sources": ["*.txt"], "collections": [{"title": "T", **collection}]}
    with pytest.raises(UsageError) as caught:
        config_from_table(table, base=tmp_path, path=tmp_path / "plainpress.toml")
    assert message in caught.value.reason


def test_bad_collection_formats_exit_2_naming_the_file_and_key(tmp_path: Path) -> None:
    root = every_format_project(tmp_path, '\nformats = ["epub", "mobi"]\n')
    code, out, err = run(root)
    assert (code, out) == (2, "")
    assert "plainpress.toml" in err
    assert "formats: unknown format 'mobi'" in err
    assert not (root / "dist").exists()


def test_build_writes_every_collection_format_then_keeps_and_removes_them(tmp_path: Path) -> None:
    root = every_format_project(tmp_path)
    code, out, err = run(root, "-v")
    assert (code, err) == (0, ""), out
    dist = root / "dist"
    assert (dist / "labour-notes.pdf").read_bytes().startswith(b"%PDF-")
    import zipfile

    with zipfile.ZipFile(dist / "labour-notes.epub") as epub:
        assert epub.read("mimetype") == b"application/epub+zip"
    with zipfile.ZipFile(dist / "labour-notes.kepub.epub") as kepub:
        pages = [kepub.read(n).decode("utf-8") for n in kepub.namelist() if n.endswith(".xhtml")]
        assert any('class="koboSpan"' in p for p in pages)
    web = dist / "labour-notes"
    index = html.fromstring((web / "index.html").read_bytes())
    assert index.findtext(".//title") == "Labour Notes"
    hrefs = [a.get("href") for a in index.iter("a")]
    article_pages = sorted(h for h in set(hrefs) if h.endswith(".html") and h != "index.html")
    assert len(article_pages) == 2
    assert all((web / h).is_file() for h in article_pages)
    assert (web / "style" / "plainpress.css").is_file()

    manifest = json.loads((dist / MANIFEST_NAME).read_text(encoding="utf-8"))
    books = {a["path"]: a for a in manifest["artifacts"] if a["kind"] == "collection"}
    on_disk = {
        p.relative_to(dist).as_posix()
        for p in dist.rglob("*")
        if p.is_file() and (p.name.startswith("labour-notes") or web in p.parents)
    }
    assert set(books) == on_disk  # every file of every format, the web edition's each
    assert {
        books[p]["format"] for p in ("labour-notes.epub", "labour-notes.pdf", "labour-notes.kepub.epub")
    } == {
        "epub",
        "pdf",
        "kepub",
    }
    assert books["labour-notes/index.html"]["format"] == "web"
    assert "part_of" not in books["labour-notes/index.html"]
    for path, entry in books.items():
        assert entry["sha256"] == sha256(dist / path)
        assert entry["size"] == (dist / path).stat().st_size
        if path.startswith("labour-notes/") and path != "labour-notes/index.html":
            assert entry["part_of"] == "labour-notes/index.html"
            assert entry["format"] == "web"
    keys = {books[p]["key"] for p in ("labour-notes.epub", "labour-notes.pdf", "labour-notes.kepub.epub")}
    assert len(keys | {books["labour-notes/index.html"]["key"]}) == 4  # a key per format
    downloads = (dist / "index.html").read_text(encoding="utf-8")
    assert downloads.count('href="labour-notes/index.html"') == 1
    assert "labour-notes/style/plainpress.css" not in downloads

    code, out, err = run(root)
    assert (code, out, err) == (0, "nothing to do: 8 files unchanged in dist/\n", "")
    code, out, err = run(root, "--dry-run")
    assert (code, out, err) == (0, "would build 0, unchanged 8 -> dist/\n", "")

    # A web file gone is rebuilt, as a missing output is.
    (web / "style" / "plainpress.css").unlink()
    code, out, err = run(root, "-v")
    assert code == 0
    assert "built labour-notes/style/plainpress.css" in out.splitlines()
    assert "unchanged labour-notes.pdf" in out.splitlines()

    toml = root / "plainpress.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace(EVERY_FORMAT, '\nformats = ["epub", "kepub"]\n'),
        encoding="utf-8",
    )
    code, out, err = run(root, "--dry-run")
    assert "would remove labour-notes/style/plainpress.css" in out.splitlines()
    code, out, err = run(root, "-v")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert "removed labour-notes.pdf" in lines
    assert "removed labour-notes/index.html" in lines
    assert "removed labour-notes/style/plainpress.css" in lines
    assert "unchanged labour-notes.epub" in lines
    assert "unchanged labour-notes.kepub.epub" in lines
    assert not (dist / "labour-notes.pdf").exists()
    assert not web.exists()  # the folders it left empty too
    manifest = json.loads((dist / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert sorted(a["path"] for a in manifest["artifacts"] if a["kind"] == "collection") == [
        "labour-notes.epub",
        "labour-notes.kepub.epub",
    ]


def test_a_single_pdf_output_builds_the_pdf_book(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    toml = root / "plainpress.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace("labour-notes.epub", "book.pdf"), encoding="utf-8"
    )
    code, _, err = run(root, "-q")
    assert (code, err) == (0, "")
    assert (root / "dist" / "book.pdf").read_bytes().startswith(b"%PDF-")
    manifest = json.loads((root / "dist" / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert [(a["path"], a["format"]) for a in manifest["artifacts"] if a["kind"] == "collection"] == [
        ("book.pdf", "pdf")
    ]


def test_top_level_store_keys_are_defaults_for_articles_and_collections(tmp_path: Path) -> None:
    """Top-level series and store keys fill what a collection's table and an article's front matter leave unset."""
    import zipfile

    root = make_project(tmp_path, formats='["epub"]')
    toml = root / "plainpress.toml"
    toml.write_text(
        'publisher = "Small Press"\nrights = "CC BY 4.0"\nsubjects = ["labour"]\n'
        + toml.read_text(encoding="utf-8")
        + 'publisher = "Book Press"\n',
        encoding="utf-8",
    )
    config = load_config(toml)
    assert (config.write.store_defaults.publisher, config.write.store_defaults.rights) == (
        "Small Press",
        "CC BY 4.0",
    )
    assert config.collections[0].spec.store.publisher == "Book Press"  # the collection's own key wins
    assert config.collections[0].spec.store.rights == "CC BY 4.0"
    code, _, err = run(root, "-q")
    assert (code, err) == (0, "")

    def opf(name: str) -> str:
        with zipfile.ZipFile(root / "dist" / name) as book:
            return next(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".opf"))

    assert "Small Press</dc:publisher>" in opf("alpha.epub")
    assert "CC BY 4.0</dc:rights>" in opf("alpha.epub")
    assert "labour</dc:subject>" in opf("alpha.epub")
    assert "Book Press</dc:publisher>" in opf("labour-notes.epub")
    assert "CC BY 4.0</dc:rights>" in opf("labour-notes.epub")

    toml.write_text(toml.read_text(encoding="utf-8").replace("CC BY 4.0", "CC BY-SA 4.0"), encoding="utf-8")
    code, out, err = run(root, "-v")
    assert (code, err) == (0, "")
    assert sorted(out.splitlines()[:-1]) == ["built alpha.epub", "built beta.epub", "built labour-notes.epub"]

    toml.write_text('isbn = "978-0-306-40615-6"\n' + toml.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = run(root)
    assert (code, out) == (2, "")
    assert "plainpress.toml" in err
    assert "isbn:" in err
