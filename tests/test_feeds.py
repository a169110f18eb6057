"""The build's Atom feed and OPDS 1.2 catalogue: schema-valid, newest first, every format linked."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from converters.feeds import timestamp
from tests.test_build import run

SCHEMAS = Path(__file__).parent / "schemas"
A = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/terms/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OPDS_ACQUISITION = "http://opds-spec.org/acquisition"

ARTICLES = {
    "alpha.txt": "Alpha and the Harbour\n\nA standfirst about alpha\n\nBy Ann Author\n\n3 March 2001\n\n"
    "The first paragraph of alpha.\n\nThe second paragraph of alpha.\n",
    "100% done?.txt": "Beta in the Valley\n\n4 April 2002\n\nBeta has one paragraph only, with AT&T <b>.\n",
    "gamma.txt": "---\ntitle: Gamma Undated\nlanguage: de\n---\n\nGamma hat keinen Tag.\n",
}
CONFIG = """\
sources = ["articles/*.txt"]
formats = ["html", "epub", "md"]
title = "Notes & Queries"

[[collections]]
title = "Labour Notes"
author = "Ed Itor"
description = "Three pieces."
output = "labour-notes.epub"
"""


def validator(name: str) -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / name)))


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("feeds")
    files = {"plainpress.toml": CONFIG, **{f"articles/{name}": body for name, body in ARTICLES.items()}}
    for name, body in files.items():
        (root / name).parent.mkdir(exist_ok=True)
        (root / name).write_text(body, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1600000000")
        code, _, err = run(root, "-q", "-j", "1")
    assert code == 0, err
    return root / "dist"


def parse(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


def test_atom_feed_is_valid_against_rfc_4287(dist: Path) -> None:
    feed = etree.parse(str(dist / "feed.atom"))
    schema = validator("atom.rng")
    assert schema.validate(feed), schema.error_log
    root = feed.getroot()
    assert root.find(f"{A}author/{A}name") is not None  # the Schematron rule lxml does not run
    for entry in root.iter(f"{A}entry"):
        assert entry.find(f"{A}link[@rel='alternate']") is not None


def test_opds_catalogue_is_valid_against_opds_1_2(dist: Path) -> None:
    catalogue = etree.parse(str(dist / "opds.xml"))
    schema = validator("opds.rng")
    assert schema.validate(catalogue), schema.error_log


def test_atom_lists_articles_newest_first_with_every_format(dist: Path) -> None:
    root = parse(dist / "feed.atom")
    assert root.findtext(f"{A}title") == "Notes & Queries"
    entries = root.findall(f"{A}entry")
    assert [e.findtext(f"{A}title") for e in entries] == [
        "Beta in the Valley",
        "Alpha and the Harbour",
        "Gamma Undated",
    ]
    beta, alpha, gamma = entries
    assert [(link.get("rel"), link.get("type"), link.get("href")) for link in beta.findall(f"{A}link")] == [
        ("alternate", "text/html", "100%25%20done%3F.html"),
        ("enclosure", "application/epub+zip", "100%25%20done%3F.epub"),
        ("enclosure", "text/markdown", "100%25%20done%3F.md"),
    ]
    epub = beta.find(f"{A}link[@type='application/epub+zip']")
    assert int(epub.get("length")) == (dist / "100% done?.epub").stat().st_size
    assert beta.findtext(f"{A}published") == beta.findtext(f"{A}updated") == "2002-04-04T00:00:00Z"
    assert root.findtext(f"{A}updated") == "2020-09-13T12:26:40Z"  # the newest entry's: undated gamma
    assert [a.text for a in alpha.iter(f"{A}name")] == ["Ann Author"]
    assert alpha.findtext(f"{A}summary") == "A standfirst about alpha"
    assert gamma.findtext(f"{A}published") is None
    assert gamma.findtext(f"{A}updated") == "2020-09-13T12:26:40Z"  # SOURCE_DATE_EPOCH, not the build time
    assert gamma.get(XML_LANG) == "de"
    assert len({e.findtext(f"{A}id") for e in entries}) == 3


def test_opds_has_the_collection_then_the_articles_with_acquisition_links(dist: Path) -> None:
    root = parse(dist / "opds.xml")
    self_link = root.find(f"{A}link[@rel='self']")
    assert self_link.get("type") == "application/atom+xml;profile=opds-catalog;kind=acquisition"
    entries = root.findall(f"{A}entry")
    assert [e.findtext(f"{A}title") for e in entries] == [
        "Labour Notes",
        "Beta in the Valley",
        "Alpha and the Harbour",
        "Gamma Undated",
    ]
    book = entries[0]
    assert [a.text for a in book.iter(f"{A}name")] == ["Ed Itor"]
    assert book.findtext(f"{A}summary") == "Three pieces."
    assert book.findtext(f"{A}updated") == "2002-04-04T00:00:00Z"  # its newest article
    assert [(link.get("rel"), link.get("href")) for link in book.findall(f"{A}link")] == [
        (OPDS_ACQUISITION, "labour-notes.epub")
    ]
    beta = entries[1]
    assert beta.findtext(f"{DC}issued") == "2002-04-04"
    assert beta.findtext(f"{DC}language") == "en"
    assert {link.get("href") for link in beta.findall(f"{A}link[@rel='{OPDS_ACQUISITION}']")} == {
        "100%25%20done%3F.html",
        "100%25%20done%3F.epub",
        "100%25%20done%3F.md",
    }


def test_a_noop_rebuild_leaves_the_feeds_untouched(dist: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = {name: (dist / name).stat().st_mtime_ns for name in ("feed.atom", "opds.xml")}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    assert run(dist.parent, "-q")[0] == 0
    assert {name: (dist / name).stat().st_mtime_ns for name in before} == before


@pytest.mark.parametrize(
    ("iso", "expected"),
    [
        ("2020", "2020-01-01T00:00:00Z"),
        ("2020-10", "2020-10-01T00:00:00Z"),
        ("2020-10-31", "2020-10-31T00:00:00Z"),
    ],
)
def test_dates_of_every_precision_become_rfc_3339_times(iso: str, expected: str) -> None:
    assert timestamp(iso) == expected


def test_the_schemas_reject_a_feed_without_an_id(dist: Path) -> None:
    for name, schema in (("feed.atom", "atom.rng"), ("opds.xml", "opds.rng")):
        tree = etree.parse(str(dist / name))
        root = tree.getroot()
        root.remove(root.find(f"{A}id"))
        assert not validator(schema).validate(tree)
