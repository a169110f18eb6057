"""Every URL plainpress writes is percent-encoded from the path (issue 10, item 1)."""

from __future__ import annotations

import json
from pathlib import Path, PureWindowsPath

import pytest
from lxml import html

from converters.output import url_for_path
from tests.test_build import run

HOSTILE = {
    "100% done?.txt": "A Task Finished\n\nAll of it was done.\n",
    "draft #2.txt": "The Second Draft\n\nIt was better than the first.\n",
    "café & co.txt": "Coffee With Friends\n\nWe met at noon.\n",
}


@pytest.mark.parametrize(
    ("path", "href"),
    [
        ("100% done?.html", "100%25%20done%3F.html"),
        ("draft #2.pdf", "draft%20%232.pdf"),
        ("café & co.md", "caf%C3%A9%20%26%20co.md"),
        ("books/labour notes.epub", "books/labour%20notes.epub"),
        ("plain-name_1.2~x.html", "plain-name_1.2~x.html"),
        (PureWindowsPath("books\\a b.epub"), "books/a%20b.epub"),
    ],
)
def test_url_for_path_percent_encodes_every_segment(path: str | PureWindowsPath, href: str) -> None:
    assert url_for_path(path) == href


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose sources are named with ``%``, ``?``, ``#``, ``&``, spaces and accents."""
    root = tmp_path_factory.mktemp("hostile")
    (root / "articles").mkdir()
    for name, body in HOSTILE.items():
        (root / "articles" / name).write_text(body, encoding="utf-8")
    (root / "plainpress.toml").write_text(
        'sources = ["articles/*.txt"]\nformats = ["html", "md"]\n\n'
        '[[collections]]\ntitle = "Odd Names"\noutput = "my books/odd names #1.epub"\n',
        encoding="utf-8",
    )
    assert run(root, "-q")[0] == 0
    return root


def test_index_links_are_percent_encoded_and_resolve_to_the_files(hostile: Path) -> None:
    dist = hostile / "dist"
    page = html.fromstring((dist / "index.html").read_bytes())
    hrefs = [a.get("href") for a in page.iter("a")]
    assert hrefs == [
        "my%20books/odd%20names%20%231.epub",
        "100%25%20done%3F.html",
        "100%25%20done%3F.md",
        "caf%C3%A9%20%26%20co.html",
        "caf%C3%A9%20%26%20co.md",
        "draft%20%232.html",
        "draft%20%232.md",
    ]
    from urllib.parse import unquote

    assert all((dist / unquote(h)).is_file() for h in hrefs)


def test_manifest_gives_each_path_its_href(hostile: Path) -> None:
    manifest = json.loads((hostile / "dist" / "manifest.json").read_text(encoding="utf-8"))
    assert {a["path"]: a["href"] for a in manifest["artifacts"]} == {
        "100% done?.html": "100%25%20done%3F.html",
        "100% done?.md": "100%25%20done%3F.md",
        "café & co.html": "caf%C3%A9%20%26%20co.html",
        "café & co.md": "caf%C3%A9%20%26%20co.md",
        "draft #2.html": "draft%20%232.html",
        "draft #2.md": "draft%20%232.md",
        "my books/odd names #1.epub": "my%20books/odd%20names%20%231.epub",
    }


def test_epub_hrefs_are_valid_urls(hostile: Path) -> None:
    """Package, nav and NCX references inside the book are URLs too: each is its own encoding."""
    import zipfile
    from urllib.parse import quote, unquote

    from lxml import etree

    with zipfile.ZipFile(hostile / "dist" / "my books" / "odd names #1.epub") as book:
        names = set(book.namelist())
        refs = []
        for name in names:
            if name.endswith((".opf", ".xhtml", ".ncx")):
                root = etree.fromstring(book.read(name))
                refs += [
                    (name, v) for el in root.iter() for k, v in el.attrib.items() if k in ("href", "src")
                ]
    assert refs
    for name, ref in refs:
        if ref.startswith(("http:", "https:", "#")):
            continue
        target = ref.split("#")[0]
        assert quote(unquote(target), safe="/") == target, (name, ref)
        folder = name.rpartition("/")[0]
        assert (f"{folder}/" if folder else "") + unquote(target) in names or unquote(target).startswith(
            "../"
        )


@pytest.mark.slow
def test_index_with_hostile_names_is_valid_html(hostile: Path) -> None:
    from tests.validators import nu_errors

    assert nu_errors(hostile / "dist" / "index.html") == []
