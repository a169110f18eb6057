"""The four built-in writers on the sample article: exact elements and every word."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree, html
from pypdf import PdfReader

import converters
from converters.model import BlockQuote, Document, Paragraph, text
from converters.options import WriteOptions
from tests.textcheck import epub_text, html_text, markdown_text, missing_in_order, pdf_text, words

TITLE = "MAS/Arce Election Win"
SUBTITLE = "No Victory for Bolivian Working Class"
RELATED = [
    "Hands Off Venezuela! Imperialism, 'Socialism' & Revolution (1917 No. 41)",
    "The Stalin School of Falsification Revisited",
    "The Theory of Permanent Revolution, its Origins and its Application Today",
]
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"


def source_words(seed_path: Path) -> list[str]:
    return words(seed_path.read_text(encoding="utf-8"))


# -- every word in, every word out -------------------------------------------


def test_html_has_every_source_word_in_order(seed_path: Path, seed_outputs: dict[str, Path]) -> None:
    got = words(html_text(seed_outputs["html"].read_bytes()))
    assert missing_in_order(source_words(seed_path), got) == []


def test_epub_has_every_source_word_in_order(seed_path: Path, seed_outputs: dict[str, Path]) -> None:
    got = words(epub_text(seed_outputs["epub"].read_bytes()))
    assert missing_in_order(source_words(seed_path), got) == []


def test_pdf_has_every_source_word_in_order(seed_path: Path, seed_outputs: dict[str, Path]) -> None:
    src = source_words(seed_path)
    got = words(pdf_text(seed_outputs["pdf"], vocabulary=set(src), running_head=TITLE))
    assert missing_in_order(src, got) == []


def test_markdown_has_every_source_word_in_order(seed_path: Path, seed_outputs: dict[str, Path]) -> None:
    got = words(markdown_text(seed_outputs["md"].read_text(encoding="utf-8")))
    assert missing_in_order(source_words(seed_path), got) == []


def test_word_check_catches_a_dropped_word() -> None:
    assert missing_in_order(["a", "b", "c"], ["a", "c"]) == ["b", "c"]
    assert missing_in_order(["a", "b"], ["b", "a"]) == ["b"]


# -- HTML ----------------------------------------------------------------------


def test_html_structure(seed_outputs: dict[str, Path]) -> None:
    root = html.fromstring(seed_outputs["html"].read_bytes())
    assert root.get("lang") == "en"
    assert root.xpath("string(//head/title)") == TITLE
    assert root.xpath("//head/meta[@charset]")[0].get("charset") == "utf-8"
    assert root.xpath("string(//main/article/header/h1)") == TITLE
    assert root.xpath("string(//article/header/p[@class='subtitle'])") == SUBTITLE
    time = root.xpath("//article/header//time")[0]
    assert (time.get("datetime"), time.text) == ("2020-10-31", "31 October 2020")
    body = root.xpath("//article/div[@class='body']")[0]
    assert [child.tag for child in body].count("p") == 9
    quotes = body.xpath("blockquote")
    assert len(quotes) == 1
    assert quotes[0].xpath("string(p)").startswith("\u201cIf the dispute between Guaid\u00f3 and Maduro")
    typeset = [t.replace("'Socialism'", "\u2018Socialism\u2019") for t in RELATED]  # typographic quotes
    assert root.xpath("//aside[@class='related']/ul/li/text()") == typeset
    assert root.xpath("string(//aside[@class='related']/h2)") == "Related articles"


def test_html_stands_alone(seed_outputs: dict[str, Path]) -> None:
    root = html.fromstring(seed_outputs["html"].read_bytes())
    assert root.xpath("//link[@rel='stylesheet']") == []
    assert root.xpath("//script") == []
    assert "font-family" in root.xpath("string(//head/style)")


def test_html_metadata_for_link_previews(seed_outputs: dict[str, Path]) -> None:
    root = html.fromstring(seed_outputs["html"].read_bytes())
    assert root.xpath("//meta[@name='description']/@content") == [SUBTITLE]
    assert root.xpath("//meta[@property='og:title']/@content") == [TITLE]
    assert root.xpath("//meta[@property='og:description']/@content") == [SUBTITLE]


def test_markup_in_text_stays_text() -> None:
    doc = Document(
        title='AT&T <b>bold</b> "quoted"',
        blocks=(Paragraph(text("<script>alert(1)</script> &amp; <<NAME>> 5 < 6")),),
    )
    page = converters.to_bytes(doc, "html").decode()
    assert "<title>AT&amp;T &lt;b&gt;bold&lt;/b&gt; &#34;quoted&#34;</title>" in page
    assert (
        '<p><span class="literal">&lt;script&gt;alert(1)&lt;/script&gt;</span> &amp;amp; &lt;&lt;NAME&gt;&gt; 5 &lt; 6</p>'
        in page
    )  # a machine string is marked so it is never hyphenated, and still escaped
    root = html.fromstring(page)
    assert root.xpath("string(//h1)") == "AT&T <b>bold</b> \u201cquoted\u201d"  # typeset; <title> as written


def test_style_cannot_be_closed_by_css_text() -> None:
    from converters.render import _safe_css

    assert _safe_css("a::after { content: '</style><script>x</script>' }") == (
        "a::after { content: '\\3c /style><script>x</script>' }"
    )


# -- EPUB ----------------------------------------------------------------------


def _opf(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("EPUB/content.opf"))


def test_epub_container_is_ocf(seed_outputs: dict[str, Path]) -> None:
    with zipfile.ZipFile(seed_outputs["epub"]) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert archive.read("mimetype") == b"application/epub+zip"
        names = archive.namelist()
    assert {"EPUB/nav.xhtml", "EPUB/toc.ncx", "EPUB/article.xhtml", "EPUB/style/plainpress.css"} <= set(names)


def test_epub_package_metadata(seed_outputs: dict[str, Path]) -> None:
    opf = _opf(seed_outputs["epub"].read_bytes())
    assert opf.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    meta = opf.find(f"{OPF}metadata")
    assert meta.findtext(f"{DC}title") == TITLE
    assert meta.findtext(f"{DC}language") == "en"
    assert meta.findtext(f"{DC}date") == "2020-10-31"
    assert meta.findtext(f"{DC}description") == SUBTITLE
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", meta.findtext(f"{DC}identifier"))
    props = {(m.get("property"), m.text) for m in meta.findall(f"{OPF}meta") if m.get("property")}
    assert ("schema:accessibilityFeature", "tableOfContents") in props
    assert ("schema:accessibilityHazard", "none") in props
    assert ("schema:accessMode", "textual") in props


def test_epub_identifier_is_derived_from_content(seed_doc: Document) -> None:
    first = _opf(converters.to_bytes(seed_doc, "epub")).findtext(f".//{DC}identifier")
    again = _opf(converters.to_bytes(seed_doc, "epub")).findtext(f".//{DC}identifier")
    changed = Document(title="Another title", blocks=seed_doc.blocks, language="en")
    other = _opf(converters.to_bytes(changed, "epub")).findtext(f".//{DC}identifier")
    assert first == again
    assert other != first


def test_epub_content_document_has_language_and_quote(seed_outputs: dict[str, Path]) -> None:
    with zipfile.ZipFile(seed_outputs["epub"]) as archive:
        doc = etree.fromstring(archive.read("EPUB/article.xhtml"))
    assert doc.get("lang") == "en"
    assert doc.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    assert doc.xpath("string(//x:h1)", namespaces=ns) == TITLE
    assert len(doc.xpath("//x:blockquote", namespaces=ns)) == 1


def test_epub_is_reproducible_with_source_date_epoch(
    seed_doc: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = converters.to_bytes(seed_doc, "epub")
    second = converters.to_bytes(seed_doc, "epub")
    assert first == second
    opf = _opf(first)
    modified = [m.text for m in opf.iter(f"{OPF}meta") if m.get("property") == "dcterms:modified"]
    assert modified == ["2023-11-14T22:13:20Z"]
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


# -- PDF -----------------------------------------------------------------------


def test_pdf_metadata_and_page_size(seed_outputs: dict[str, Path]) -> None:
    reader = PdfReader(seed_outputs["pdf"])
    info = reader.metadata
    assert info.title == TITLE
    assert info.subject == SUBTITLE
    assert info["/Creator"] == "plainpress 0.1.0"
    assert info["/CreationDate"].startswith("D:20201031")
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert [item.title for item in reader.outline if not isinstance(item, list)] == [TITLE]


@pytest.mark.parametrize(("size", "points"), [("letter", (612, 792)), ("a5", (420, 595))])
def test_pdf_page_sizes(seed_doc: Document, size: str, points: tuple[int, int]) -> None:
    data = converters.to_bytes(seed_doc, "pdf", WriteOptions(page_size=size))  # type: ignore[arg-type]
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == points


def test_pdf_embeds_the_shipped_text_face(seed_outputs: dict[str, Path]) -> None:
    import subprocess

    out = subprocess.run(["pdffonts", str(seed_outputs["pdf"])], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    assert rows, "no fonts listed"
    assert all(row.split()[-5] == "yes" for row in rows), out.stdout  # the "emb" column
    assert any("Source-Serif-Pro" in row for row in rows)


# -- Markdown ------------------------------------------------------------------


def _front_matter(md: str) -> dict[str, object]:
    match = re.match(r"---\n(.*?)\n---\n", md, re.S)
    assert match, md[:200]
    loaded: dict[str, object] = yaml.safe_load(match.group(1))
    return loaded


def test_markdown_front_matter(seed_outputs: dict[str, Path]) -> None:
    meta = _front_matter(seed_outputs["md"].read_text(encoding="utf-8"))
    assert meta["title"] == TITLE
    assert meta["subtitle"] == SUBTITLE
    assert meta["date"] == "31 October 2020"
    assert meta["lang"] == "en"


def test_markdown_body(seed_outputs: dict[str, Path], seed_doc: Document) -> None:
    md = seed_outputs["md"].read_text(encoding="utf-8")
    body = md.split("\n---\n", 1)[1]
    quote_lines = [line for line in body.splitlines() if line.startswith("> ")]
    assert len(quote_lines) == 1
    assert quote_lines[0].startswith("> \u201cIf the dispute between Guaid\u00f3 and Maduro")
    paragraphs = [b for b in seed_doc.blocks if isinstance(b, Paragraph)]
    lines = body.splitlines()
    # unwrapped: every paragraph's first words and last words are on one line
    for para in paragraphs:
        first, last = para.text.split()[0], para.text.split()[-1]
        assert any(line.startswith(first) and line.endswith(last) for line in lines), para.text[:40]
    assert "## Related articles" in lines
    assert "- The Stalin School of Falsification Revisited" in lines


def test_markdown_keeps_curly_quotes_and_dashes(seed_outputs: dict[str, Path]) -> None:
    md = seed_outputs["md"].read_text(encoding="utf-8")
    assert "\u201cAndean capitalism\u201d" in md
    assert "Bolivians \u2014 extreme poverty" in md
    assert "---" not in md.split("\n---\n", 1)[1]


def test_blockquote_is_one_model_node(seed_doc: Document) -> None:
    quotes = [b for b in seed_doc.blocks if isinstance(b, BlockQuote)]
    assert len(quotes) == 1


# -- DOCX and ODT (pandoc) -------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
STYLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"


def _docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    """``(paragraph style, text)`` of every paragraph of a .docx."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    out = []
    for para in root.iter(f"{W}p"):
        style = para.find(f"{W}pPr/{W}pStyle")
        content = "".join(t.text or "" for t in para.iter(f"{W}t"))
        out.append(("" if style is None else style.get(f"{W}val"), content))
    return out


def _odt_paragraphs(data: bytes) -> list[tuple[str, str]]:
    """``(paragraph style, text)`` of every paragraph of an .odt, automatic styles
    resolved to their parent style."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("content.xml"))
    parents = {
        s.get(f"{STYLE_NS}name"): s.get(f"{STYLE_NS}parent-style-name") for s in root.iter(f"{STYLE_NS}style")
    }
    out = []
    for para in root.iter(f"{TEXT_NS}p", f"{TEXT_NS}h"):
        name = para.get(f"{TEXT_NS}style-name")
        out.append((parents.get(name) or name, "".join(para.itertext())))
    return out


@pytest.mark.parametrize(
    ("fmt", "paragraphs", "styles"),
    [
        (
            "docx",
            _docx_paragraphs,
            {"title": "Title", "subtitle": "Subtitle", "date": "Date", "quote": "BlockText"},
        ),
        (
            "odt",
            _odt_paragraphs,
            {"title": "Title", "subtitle": "Subtitle", "date": "Date", "quote": "Quotations"},
        ),
    ],
)
def test_office_formats_map_metadata_and_quotes_to_styles(
    seed_doc: Document, seed_path: Path, fmt: str, paragraphs: object, styles: dict[str, str]
) -> None:
    data = converters.to_bytes(seed_doc, fmt)
    assert data[:2] == b"PK"
    paras: list[tuple[str, str]] = paragraphs(data)  # type: ignore[operator]
    by_style: dict[str, list[str]] = {}
    for style, content in paras:
        by_style.setdefault(style, []).append(content)
    assert by_style[styles["title"]] == [TITLE]
    assert by_style[styles["subtitle"]] == [SUBTITLE]
    assert by_style[styles["date"]] == ["31 October 2020"]
    quotes = by_style[styles["quote"]]
    assert len(quotes) == 1
    assert quotes[0].startswith("\u201cIf the dispute between Guaid\u00f3 and Maduro")
    all_text = " ".join(content for _, content in paras)
    assert missing_in_order(source_words(seed_path), words(all_text)) == []


def test_office_formats_are_registered() -> None:
    from converters.writers import formats, get_writer

    assert {"docx", "odt"} <= set(formats())
    assert get_writer("docx").extension == ".docx"
    assert get_writer("odt").media_type == "application/vnd.oasis.opendocument.text"


def test_docx_carries_the_language() -> None:
    german = Document(title="Titel", language="de-DE", blocks=(Paragraph(text("Ein Satz.")),))
    with zipfile.ZipFile(io.BytesIO(converters.to_bytes(german, "docx"))) as archive:
        core = etree.fromstring(archive.read("docProps/core.xml"))
        styles = etree.fromstring(archive.read("word/styles.xml"))
    assert core.findtext(f"{DC}language") == "de-DE"
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "de-DE"


@pytest.mark.parametrize(("language", "attribute"), [("ja", "eastAsia"), ("he", "bidi")])
def test_docx_language_by_script(language: str, attribute: str) -> None:
    doc = Document(title="T", language=language, blocks=(Paragraph(text("x")),))
    with zipfile.ZipFile(io.BytesIO(converters.to_bytes(doc, "docx"))) as archive:
        assert archive.testzip() is None
        styles = etree.fromstring(archive.read("word/styles.xml"))
    lang = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}{attribute}") == language


def test_odt_carries_the_language() -> None:
    german = Document(title="Titel", language="de-DE", blocks=(Paragraph(text("Ein Satz.")),))
    with zipfile.ZipFile(io.BytesIO(converters.to_bytes(german, "odt"))) as archive:
        styles = archive.read("styles.xml").decode("utf-8")
    assert 'fo:language="de"' in styles
    assert 'fo:country="DE"' in styles


def test_cli_writes_docx_and_odt(tmp_path: Path, seed_path: Path) -> None:
    from click.testing import CliRunner

    from converters.cli import cli

    result = CliRunner().invoke(cli, ["convert", str(seed_path), "--to", "docx,odt", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for suffix in (".docx", ".odt"):
        path = tmp_path / (seed_path.stem + suffix)
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None
