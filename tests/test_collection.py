"""Collections: one EPUB 3 from many articles (structure, nav, cross-links, duplicate titles, ids)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from PIL import Image

from converters.cli import cli
from converters.collection import (
    CollectionSpec,
    cover_svg,
    normalize_title,
    order_documents,
    plan_entries,
    render_collection,
)
from converters.model import BlockQuote, DateValue, Document, Paragraph, RelatedLink, Source, text
from converters.styles import resolve_style
from tests.validators import epubcheck_problems

XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_NS = "{http://www.idpf.org/2007/ops}"
OPF = "{http://www.idpf.org/2007/opf}"

STRIKE = Document(
    title="The Dock Strike of 1889",
    subtitle="How the tanner was won",
    date=DateValue("14 August 1989", "1989-08-14"),
    authors=("R. Writer",),
    blocks=(
        Paragraph(text("The dockers walked out in August.")),
        BlockQuote((Paragraph(text("Sixpence an hour.")),), text("A banner")),
    ),
    related=(
        RelatedLink("Bread and Roses (1912)"),
        RelatedLink("A page elsewhere", "https://example.org/elsewhere"),
        RelatedLink("Never Written"),
    ),
)
ROSES = Document(
    title="“Bread and Roses”",
    date=DateValue("March 1912", "1912-03"),
    blocks=(Paragraph(text("Lawrence, Massachusetts.")),),
    related=(RelatedLink("the dock strike of 1889"),),
)
UPDATE = Document(
    title="The Dock Strike of 1889",
    date=DateValue("1 May 1990", "1990-05-01"),
    blocks=(Paragraph(text("A year on.")),),
)
SPEC = CollectionSpec(title="Labour Notes", authors=("Ed Itor",), description="Three pieces.")


def unpack(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


@pytest.fixture(scope="module")
def book() -> dict[str, bytes]:
    return unpack(render_collection([STRIKE, ROSES, UPDATE], SPEC))


def test_normalize_title_ignores_case_quotes_dashes_and_spacing() -> None:
    assert normalize_title("“Bread and Roses”") == normalize_title("'bread  AND roses'") == "bread and roses"
    assert normalize_title("Left – Right") == normalize_title("left-right") == "left - right"
    assert normalize_title("ＡＢＣ") == "abc"  # NFKC folds full-width letters


def test_package_structure_and_spine(book: dict[str, bytes]) -> None:
    names = list(book)
    assert names[0] == "mimetype"
    assert book["mimetype"] == b"application/epub+zip"
    opf = etree.fromstring(book["EPUB/content.opf"])
    manifest = {i.get("id"): i.get("href") for i in opf.iter(f"{OPF}item")}
    spine = [ref.get("idref") for ref in opf.iter(f"{OPF}itemref")]
    assert spine == [
        "cover",
        "titlepage",
        "nav",
        "article-the-dock-strike-of-1889",
        "article-bread-and-roses",
        "article-the-dock-strike-of-1889-2",
    ]
    assert [manifest[i] for i in spine[3:]] == [
        "the-dock-strike-of-1889.xhtml",
        "bread-and-roses.xhtml",
        "the-dock-strike-of-1889-2.xhtml",
    ]
    cover = next(i for i in opf.iter(f"{OPF}item") if i.get("properties") == "cover-image")
    assert (cover.get("href"), cover.get("media-type")) == ("images/cover.jpg", "image/jpeg")
    dc = "{http://purl.org/dc/elements/1.1/}"
    assert opf.findtext(f".//{dc}title") == "Labour Notes"
    assert opf.findtext(f".//{dc}creator") == "Ed Itor"
    assert opf.findtext(f".//{dc}description") == "Three pieces."
    assert opf.findtext(f".//{dc}identifier").startswith("urn:uuid:")


def test_nav_lists_every_article_in_order_with_dates_for_duplicate_titles(book: dict[str, bytes]) -> None:
    nav = etree.fromstring(book["EPUB/nav.xhtml"])
    toc = next(n for n in nav.iter(f"{XHTML}nav") if n.get(f"{EPUB_NS}type") == "toc")
    # the top level; each article's sections are nested under it (tests/test_epub_nav.py)
    links = [(a.get("href"), a.text) for a in toc.findall(f"{XHTML}ol/{XHTML}li/{XHTML}a")]
    assert links == [
        ("the-dock-strike-of-1889.xhtml", "The Dock Strike of 1889 (14 August 1989)"),
        ("bread-and-roses.xhtml", "“Bread and Roses”"),
        ("the-dock-strike-of-1889-2.xhtml", "The Dock Strike of 1889 (1 May 1990)"),
    ]
    ncx = etree.fromstring(book["EPUB/toc.ncx"])
    ns = "{http://www.daisy.org/z3986/2005/ncx/}"
    labels = [p.findtext(f"{ns}navLabel/{ns}text") for p in ncx.findall(f"{ns}navMap/{ns}navPoint")]
    assert labels == [label for _, label in links]


def test_articles_keep_title_subtitle_date_and_quotes(book: dict[str, bytes]) -> None:
    doc = etree.fromstring(book["EPUB/the-dock-strike-of-1889.xhtml"])
    header = doc.find(f".//{XHTML}header")
    assert [(e.get("class"), "".join(e.itertext())) for e in header] == [
        ("title", "The Dock Strike of 1889"),
        ("subtitle", "How the tanner was won"),
        ("byline", "R. Writer"),
        ("dateline", "14 August 1989"),
    ]
    quote = doc.find(f".//{XHTML}blockquote")
    assert ["".join(p.itertext()) for p in quote] == ["Sixpence an hour.", "A banner"]


def test_related_links_to_other_articles_become_internal(book: dict[str, bytes]) -> None:
    strike = etree.fromstring(book["EPUB/the-dock-strike-of-1889.xhtml"])
    items = strike.findall(f".//{XHTML}aside//{XHTML}li")
    rendered = [
        (li.find(f"{XHTML}a").get("href") if li.find(f"{XHTML}a") is not None else None) for li in items
    ]
    # "(1912)" after a matching title is where it was published: still a match.
    assert rendered == ["bread-and-roses.xhtml", "https://example.org/elsewhere", None]
    assert [li.xpath("string()") for li in items] == [
        "Bread and Roses (1912)",
        "A page elsewhere",
        "Never Written",
    ]
    roses = etree.fromstring(book["EPUB/bread-and-roses.xhtml"])
    # Two articles share the title: the link goes to the first, never to itself.
    assert [a.get("href") for a in roses.iter(f"{XHTML}a")] == ["the-dock-strike-of-1889.xhtml"]


def test_ids_are_prefixed_and_unique_across_the_book(book: dict[str, bytes]) -> None:
    ids: list[str] = []
    for name, data in book.items():
        if name.endswith(".xhtml"):
            ids += [e.get("id") for e in etree.fromstring(data).iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    first = etree.fromstring(book["EPUB/the-dock-strike-of-1889.xhtml"])
    second = etree.fromstring(book["EPUB/the-dock-strike-of-1889-2.xhtml"])
    assert [e.get("id") for e in first.iter() if e.get("id")] == [
        "the-dock-strike-of-1889-article",
        "the-dock-strike-of-1889-title",
        "the-dock-strike-of-1889-related-heading",
    ]
    assert [e.get("id") for e in second.iter() if e.get("id")] == [
        "the-dock-strike-of-1889-2-article",
        "the-dock-strike-of-1889-2-title",
    ]


def test_title_page_and_generated_cover(book: dict[str, bytes]) -> None:
    page = etree.fromstring(book["EPUB/titlepage.xhtml"])
    section = page.find(f".//{XHTML}section")
    assert [(e.tag.removeprefix(XHTML), e.text) for e in section] == [
        ("h1", "Labour Notes"),
        ("p", "Ed Itor"),
        ("p", "Three pieces."),
        ("p", "3 articles"),
    ]
    svg = etree.fromstring(cover_svg("Labour Notes", ("Ed Itor",), resolve_style("default").path))
    ns = "{http://www.w3.org/2000/svg}"
    assert [t.text for t in svg.iter(f"{ns}tspan")] == ["Labour Notes"]
    assert svg.find(f"{ns}title").text == "Labour Notes by Ed Itor"
    assert (svg.get("width"), svg.get("height")) == ("1600", "2560")
    with Image.open(io.BytesIO(book["EPUB/images/cover.jpg"])) as jpeg:  # what stores and Kindle take
        assert (jpeg.format, jpeg.size, jpeg.mode) == ("JPEG", (1600, 2560), "RGB")
        assert jpeg.getpixel((800, 100)) == pytest.approx(
            (246, 241, 231), abs=3
        )  # .cover-background, full bleed
        assert jpeg.getpixel((800, 2500)) == pytest.approx((246, 241, 231), abs=3)
    assert "EPUB/images/cover.svg" not in book
    cover_page = etree.fromstring(book["EPUB/cover.xhtml"])
    img = cover_page.find(f".//{XHTML}img")
    assert (img.get("src"), img.get("alt")) == ("images/cover.jpg", "Cover: Labour Notes")


def test_given_cover_image_is_used(tmp_path: Path) -> None:
    png = tmp_path / "c.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    files = unpack(render_collection([ROSES], CollectionSpec(title="T", cover=png)))
    assert files["EPUB/images/cover.png"] == png.read_bytes()
    assert "EPUB/images/cover.svg" not in files
    assert "EPUB/images/cover.jpg" not in files


def test_orders() -> None:
    docs = [STRIKE, ROSES, UPDATE, Document(title="Undated")]
    assert [d.date.iso if d.date else None for d in order_documents(docs, "date")] == [
        "1912-03",
        "1989-08-14",
        "1990-05-01",
        None,
    ]
    assert [d.title for d in order_documents(docs, "title")] == [
        "“Bread and Roses”",
        "The Dock Strike of 1889",
        "The Dock Strike of 1889",
        "Undated",
    ]


def test_same_title_and_date_still_get_distinct_names_and_labels() -> None:
    twin = Document(title="Notes")
    entries = plan_entries([twin, twin, Document(title="Nav")])
    assert [(e.file_name, e.prefix, e.label) for e in entries] == [
        ("notes.xhtml", "notes-", "Notes"),
        ("notes-2.xhtml", "notes-2-", "Notes (2)"),
        ("nav-2.xhtml", "nav-2-", "Nav"),  # "nav" belongs to the nav document
    ]


def test_identifier_is_derived_from_content() -> None:
    def identifier(data: bytes) -> str:
        opf = etree.fromstring(unpack(data)["EPUB/content.opf"])
        return str(opf.findtext(".//{http://purl.org/dc/elements/1.1/}identifier"))

    a = identifier(render_collection([STRIKE, ROSES], SPEC))
    assert a == identifier(render_collection([STRIKE, ROSES], SPEC))
    assert a != identifier(render_collection([STRIKE, UPDATE], SPEC))


def test_cli_collection_from_files(tmp_path: Path, seed_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(
        "The Stalin School of Falsification Revisited\n\n2 March 2001\n\nA short piece about history.\n",
        encoding="utf-8",
    )
    out = tmp_path / "book.epub"
    result = CliRunner().invoke(
        cli,
        ["collection", str(seed_path), str(other), "-o", str(out), "--title", "Samples", "--order", "date"],
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == f"{out}\n"
    files = unpack(out.read_bytes())
    nav = etree.fromstring(files["EPUB/nav.xhtml"])
    assert [a.text for a in nav.iter(f"{XHTML}a")][:2] == [
        "The Stalin School of Falsification Revisited",
        "MAS/Arce Election Win",
    ]
    seed = etree.fromstring(files["EPUB/mas-arce-election-win.xhtml"])
    hrefs = [a.get("href") for a in seed.findall(f".//{XHTML}aside//{XHTML}a")]
    assert hrefs == ["the-stalin-school-of-falsification-revisited.xhtml"]


def test_cli_collection_bad_source_writes_nothing(tmp_path: Path, seed_path: Path) -> None:
    out = tmp_path / "book.epub"
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(
        cli, ["collection", str(seed_path), str(missing), "-o", str(out), "--title", "X"]
    )
    assert result.exit_code == 1
    assert f"plainpress: error: {missing}: " in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


@pytest.mark.slow
def test_collection_passes_epubcheck(tmp_path: Path, seed_path: Path) -> None:
    import converters

    path = tmp_path / "book.epub"
    path.write_bytes(render_collection([STRIKE, ROSES, UPDATE, converters.read(seed_path)], SPEC))
    assert epubcheck_problems(path) == []


def test_read_many_in_parallel_keeps_order_and_reports_errors(tmp_path: Path) -> None:
    from converters.batch import read_many
    from converters.errors import InputError
    from converters.options import ReadOptions

    paths = []
    for i in range(30):
        path = tmp_path / f"a{i:02d}.txt"
        path.write_text(
            f"Harbour Report Number {i} in Review\n\n{i + 1} March 2001\n\nThe first paragraph of article {i}.\n\n"
            "The second paragraph, a little longer than the first one.\n",
            encoding="utf-8",
        )
        paths.append(path)
    paths[7].write_bytes(b"")
    items = read_many(paths, ReadOptions(), workers=2)  # 30 sources: read by a process pool
    assert [getattr(d, "title", None) for d in items] == [
        None if i == 7 else f"Harbour Report Number {i} in Review" for i in range(30)
    ]
    error = items[7]
    assert isinstance(error, InputError)
    assert error.message == f"{paths[7]}: is empty"


def test_a_right_to_left_book() -> None:
    first = Document(title="مقالة أولى", language="ar", blocks=(Paragraph(text("نص عربي قصير.")),))
    second = Document(title="مقالة ثانية", language="ar", related=(RelatedLink("مقالة أولى"),))
    english = Document(title="An English Piece", language="en", blocks=(Paragraph(text("Some English.")),))
    files = unpack(render_collection([first, second, english], CollectionSpec(title="مجموعة")))
    opf = etree.fromstring(files["EPUB/content.opf"])
    assert opf.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"  # the most common language
    assert (opf.get("dir"), opf.find(f"{OPF}spine").get("page-progression-direction")) == ("rtl", "rtl")
    title_page = etree.fromstring(files["EPUB/titlepage.xhtml"])
    assert (title_page.get("lang"), title_page.get("dir")) == ("ar", "rtl")
    page = etree.fromstring(files["EPUB/an-english-piece.xhtml"])
    assert (page.get("lang"), page.get("dir")) == ("en", None)  # each article keeps its own language
    links = [a.get("href") for a in etree.fromstring(files["EPUB/mql-thny.xhtml"]).iter(f"{XHTML}a")]
    assert links == ["mql-wl.xhtml"]


def test_accessibility_metadata_mentions_the_cover(book: dict[str, bytes]) -> None:
    opf = etree.fromstring(book["EPUB/content.opf"])
    props = [
        (m.get("property"), m.text)
        for m in opf.iter(f"{OPF}meta")
        if m.get("property", "").startswith("schema:")
    ]
    assert ("schema:accessMode", "textual") in props
    assert ("schema:accessMode", "visual") in props
    assert ("schema:accessibilityFeature", "alternativeText") in props
    [summary] = [text for prop, text in props if prop == "schema:accessibilitySummary"]
    assert "the only image is the cover, which has a text alternative" in summary


@pytest.mark.slow
def test_collection_passes_daisy_ace(tmp_path: Path, seed_path: Path) -> None:
    import converters
    from tests.test_accessibility import ace_command, ace_violations

    ace_command()  # skips when Ace, Node.js or chromium is missing
    path = tmp_path / "book.epub"
    docs = [STRIKE, ROSES, UPDATE, converters.read(seed_path)]
    path.write_bytes(render_collection(docs, CollectionSpec(title="Ace", authors=("Ed Itor",))))
    assert ace_violations(path, tmp_path / "ace") == []


def test_an_untitled_article_is_listed_by_its_subtitle_and_date() -> None:
    untitled = Document(
        subtitle="Notes from the picket line",
        date=DateValue("2 May 1926", "1926-05-02"),
        source=Source("/somewhere/0042.txt", "utf-8"),
    )
    bare = Document(source=Source("/somewhere/0043.txt", "utf-8"))
    entries = plan_entries([untitled, bare])
    assert [(e.file_name, e.label) for e in entries] == [
        ("0042.xhtml", "Notes from the picket line (2 May 1926)"),
        ("0043.xhtml", "0043"),
    ]


@pytest.mark.parametrize("title", ["", "   ", "\t\n"])
def test_cli_collection_with_an_empty_title_is_a_usage_error(
    tmp_path: Path, seed_path: Path, title: str
) -> None:
    out = tmp_path / "book.epub"
    result = CliRunner().invoke(cli, ["collection", str(seed_path), "-o", str(out), "--title", title])
    assert (result.exit_code, result.stdout) == (2, "")
    # the same form as every other bad option value (see 'plainpress convert -t rtf')
    assert result.stderr.splitlines()[-1] == "Error: Invalid value for '--title': the title must not be empty"
    assert not out.exists()


@pytest.mark.parametrize("title", ["", "  ", "\x01\x02"])
def test_a_collection_spec_needs_a_title(title: str) -> None:
    from converters.errors import UsageError

    with pytest.raises(UsageError, match=r"^a collection needs a title \(it is empty\)$"):
        CollectionSpec(title=title)


def test_nav_and_ncx_entries_in_another_language_carry_lang_and_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    # The book is rendered twice and compared; a fixed time keeps the two from straddling a second.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    arabic = Document(title="إضراب عاملات الكبريت", language="ar", blocks=(Paragraph(text("نص عربي قصير.")),))
    english = Document(title="An English Piece", language="en", blocks=(Paragraph(text("Some English.")),))
    other = Document(title="Another English Piece", language="en", blocks=(Paragraph(text("More.")),))
    data = render_collection([english, arabic, other], CollectionSpec(title="Labour Notes"))
    files = unpack(data)
    nav = etree.fromstring(files["EPUB/nav.xhtml"])
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    toc = next(n for n in nav.iter(f"{XHTML}nav") if n.get(f"{EPUB_NS}type") == "toc")
    marks = [(a.text, a.get("lang"), a.get(xml_lang), a.get("dir")) for a in toc.iter(f"{XHTML}a")]
    assert marks == [
        ("An English Piece", None, None, None),
        ("إضراب عاملات الكبريت", "ar", "ar", "rtl"),
        ("Another English Piece", None, None, None),
    ]
    ncx_ns = "{http://www.daisy.org/z3986/2005/ncx/}"
    ncx = etree.fromstring(files["EPUB/toc.ncx"])
    labels = [
        (label.findtext(f"{ncx_ns}text"), label.get(xml_lang), label.get("dir"))
        for label in ncx.iter(f"{ncx_ns}navLabel")
        if label.getparent().tag == f"{ncx_ns}navPoint"
    ]
    assert labels == [
        ("An English Piece", None, None),
        ("إضراب عاملات الكبريت", "ar", "rtl"),
        ("Another English Piece", None, None),
    ]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # still a well-formed OCF container
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
    assert render_collection([english, arabic, other], CollectionSpec(title="Labour Notes")) == data


@pytest.mark.slow
def test_a_mixed_language_collection_passes_epubcheck(tmp_path: Path) -> None:
    arabic = Document(title="إضراب عاملات الكبريت", language="ar", blocks=(Paragraph(text("نص عربي قصير.")),))
    out = tmp_path / "mixed.epub"
    out.write_bytes(render_collection([STRIKE, arabic, ROSES], SPEC))
    assert epubcheck_problems(out) == []


def test_an_ambiguous_related_title_links_the_first_and_warns(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("WARNING", logger="plainpress"):
        files = unpack(render_collection([STRIKE, ROSES, UPDATE], SPEC))
    roses = etree.fromstring(files["EPUB/bread-and-roses.xhtml"])
    assert [a.get("href") for a in roses.iter(f"{XHTML}a")] == ["the-dock-strike-of-1889.xhtml"]
    warnings = [(r.name, r.levelname, r.getMessage()) for r in caplog.records]
    assert warnings == [
        (
            "plainpress",
            "WARNING",
            "“Bread and Roses”: related title 'the dock strike of 1889' matches 2 articles of the book "
            "(the-dock-strike-of-1889.xhtml, the-dock-strike-of-1889-2.xhtml); linked to the first",
        )
    ]


def test_an_unambiguous_related_title_does_not_warn(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("WARNING", logger="plainpress"):
        render_collection([STRIKE, ROSES], SPEC)
    assert caplog.records == []


def test_the_generated_cover_balances_the_title_lines() -> None:
    from converters.collection import balanced_lines, cover_svg
    from converters.styles import resolve_style

    title = 'Notes on the Great Dock Strike of London 1"'
    svg = etree.fromstring(cover_svg(title, (), resolve_style("default").path))
    lines = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}tspan")]
    # greedy wrapping gave "Notes on the Great" / "Dock Strike of London" / '1"'
    assert lines == ["Notes on the", "Great Dock Strike", 'of London 1"']
    assert balanced_lines("Labour Notes", 21) == ["Labour Notes"]
    # a word longer than the line is still broken, in as many lines as greedy wrapping needs
    assert balanced_lines("Solidarity" * 3, 12) == ["Solidarity", "Solidarity", "Solidarity"]
