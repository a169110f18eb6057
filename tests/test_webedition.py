"""The web edition of a collection: index, one page per article, pager, contents, cross-links; Nu-valid."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner
from lxml import html

from converters.cli import cli
from converters.collection import CollectionSpec
from converters.options import WriteOptions
from converters.webedition import render_web_edition, write_web_edition
from tests.test_collection import ROSES, SPEC, STRIKE, UPDATE
from tests.validators import nu_errors


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("web") / "labour notes"
    assert write_web_edition([STRIKE, ROSES, UPDATE], SPEC, folder) == len(list(_files(folder)))
    return folder


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def page(folder: Path, name: str) -> html.HtmlElement:
    return html.parse(str(folder / name)).getroot()


def test_the_folder_holds_an_index_a_page_per_article_one_stylesheet_and_the_cover(edition: Path) -> None:
    assert _files(edition) == [
        "bread-and-roses.html",
        "images/cover.jpg",
        "index.html",
        "style/plainpress.css",
        "the-dock-strike-of-1889-2.html",
        "the-dock-strike-of-1889.html",
    ]
    for name in ("index.html", "bread-and-roses.html"):
        root = page(edition, name)
        assert [link.get("href") for link in root.iter("link") if link.get("rel") == "stylesheet"] == [
            "style/plainpress.css"
        ]
        assert not list(root.iter("script")) and not root.xpath("//style")


def test_index_shows_cover_title_page_and_contents(edition: Path) -> None:
    root = page(edition, "index.html")
    cover = root.find(".//img")
    assert (cover.get("src"), cover.get("alt"), cover.get("width"), cover.get("height")) == (
        "images/cover.jpg",
        "Cover: Labour Notes",
        "1600",
        "2560",
    )
    assert root.findtext(".//h1") == "Labour Notes"
    contents = [
        (a.text_content(), a.get("href")) for a in root.xpath("//nav[contains(@class,'book-contents')]//a")
    ]
    assert contents == [
        ("The Dock Strike of 1889 (14 August 1989)", "the-dock-strike-of-1889.html"),
        ("“Bread and Roses”", "bread-and-roses.html"),
        ("The Dock Strike of 1889 (1 May 1990)", "the-dock-strike-of-1889-2.html"),
    ]


def test_article_pages_have_previous_next_and_the_current_entry(edition: Path) -> None:
    root = page(edition, "bread-and-roses.html")
    pager = {a.get("rel"): (a.get("href"), a.text_content()) for a in root.xpath("//nav[@class='pager']/a")}
    assert pager == {
        "prev": ("the-dock-strike-of-1889.html", "← The Dock Strike of 1889 (14 August 1989)"),
        "next": ("the-dock-strike-of-1889-2.html", "The Dock Strike of 1889 (1 May 1990) →"),
    }
    assert [a.get("href") for a in root.xpath("//a[@aria-current='page']")] == ["bread-and-roses.html"]
    assert root.xpath("//title")[0].text == "“Bread and Roses” · Labour Notes"
    first = page(edition, "the-dock-strike-of-1889.html")
    assert [a.get("href") for a in first.xpath("//nav[@class='pager']/a[@rel='prev']")] == ["index.html"]
    last = page(edition, "the-dock-strike-of-1889-2.html")
    assert last.xpath("//nav[@class='pager']/a[@rel='next']") == []


def test_related_links_between_pages_and_every_local_link_resolves(edition: Path) -> None:
    strike = page(edition, "the-dock-strike-of-1889.html")
    related = [(a.text, a.get("href")) for a in strike.xpath("//aside[contains(@class,'related')]//a")]
    assert related == [
        ("Bread and Roses (1912)", "bread-and-roses.html"),
        ("A page elsewhere", "https://example.org/elsewhere"),
    ]
    for name in ("index.html", "the-dock-strike-of-1889.html", "bread-and-roses.html"):
        root = page(edition, name)
        for href in [a.get("href") for a in root.iter("a")] + [i.get("src") for i in root.iter("img")]:
            target = urlsplit(href)
            if target.scheme or not target.path:
                continue
            assert (edition / unquote(target.path)).is_file(), (name, href)
            if target.fragment:
                assert (
                    html.parse(str(edition / unquote(target.path)))
                    .getroot()
                    .get_element_by_id(target.fragment)
                    is not None
                )


def test_a_style_that_embeds_fonts_ships_them_once(tmp_path: Path) -> None:
    files = render_web_edition([ROSES], CollectionSpec(title="T"), WriteOptions(style="modern"))
    fonts = sorted(name for name in files if name.startswith("fonts/"))
    assert fonts and all(name.endswith(".otf") for name in fonts)
    css = files["style/plainpress.css"].decode()
    assert all(f'url("../{name}")' in css for name in fonts)


def test_cli_writes_a_folder_with_t_web(tmp_path: Path, seed_path: Path) -> None:
    out = tmp_path / "site"
    result = CliRunner().invoke(
        cli, ["collection", str(seed_path), "-t", "web", "-o", str(out), "--title", "S"]
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert (out / "index.html").is_file() and (out / "mas-arce-election-win.html").is_file()
    bad = CliRunner().invoke(
        cli, ["collection", str(seed_path), "-t", "web", "-o", str(tmp_path / "b.epub"), "--title", "S"]
    )
    assert bad.exit_code == 2 and "name a folder, not a file" in bad.stderr


@pytest.mark.slow
def test_every_page_passes_the_nu_html_checker(edition: Path) -> None:
    assert nu_errors(*sorted(edition.glob("*.html"))) == []
