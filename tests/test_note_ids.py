"""Note markers: a note cited twice, a marker with no note, two notes with one label (issue 10, item 20)."""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree, html

import converters
from converters.model import Document, Note, NoteRef, Notes, Paragraph, Text
from tests.validators import epubcheck_problems

ARTICLE = (
    "The Dock Strike\n\n14 August 1989\n\n"
    "The dockers walked out in August [1] and stayed out for five weeks.\n\n"
    "The tanner was won [2], as the union had said from the start [1]; a later claim [3] was never made.\n\n"
    "Notes\n[1] The Dock Strike of 1889, a history.\n[2] Sixpence an hour.\n"
)

XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def doc(tmp_path: Path) -> Document:
    path = tmp_path / "strike.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return converters.read(path)


def test_a_repeated_citation_links_to_the_same_note_and_a_dangling_one_stays_text(doc: Document) -> None:
    refs = [node for block in doc.blocks if isinstance(block, Paragraph) for node in block.inlines]
    assert [(n.label, n.text) for n in refs if isinstance(n, NoteRef)] == [
        ("1", "[1]"),
        ("2", "[2]"),
        ("1", "[1]"),
    ]
    assert Text("; a later claim [3] was never made.") in refs
    root = html.fromstring(converters.to_bytes(doc, "html"))
    assert [(a.get("id"), a.get("href"), a.text) for a in root.xpath("//a[@class='noteref']")] == [
        ("noteref-1", "#note-1", "[1]"),
        ("noteref-2", "#note-2", "[2]"),
        ("noteref-1-2", "#note-1", "[1]"),
    ]
    assert root.xpath("//section[@class='notes']/ol/li/@id") == ["note-1", "note-2"]
    ids = Counter(root.xpath("//@id"))
    assert [i for i, n in ids.items() if n > 1] == []


def test_two_notes_with_one_label_get_unique_ids() -> None:
    doc = Document(
        title="T",
        blocks=(
            Paragraph((Text("A claim"), NoteRef("1", "[1]"), Text(" and another"), NoteRef("1", "[1]"))),
            Notes((Note("1", (Paragraph((Text("First."),)),)), Note("1", (Paragraph((Text("Second."),)),)))),
        ),
    )
    root = html.fromstring(converters.to_bytes(doc, "html"))
    assert root.xpath("//a[@class='noteref']/@id") == ["noteref-1", "noteref-1-2"]
    assert root.xpath("//section[@class='notes']/ol/li/@id") == ["note-1", "note-1-2"]


def test_the_epub_has_unique_ids(doc: Document) -> None:
    book = zipfile.ZipFile(io.BytesIO(converters.to_bytes(doc, "epub")))
    name = next(n for n in book.namelist() if n.endswith(".xhtml") and "nav" not in n)
    root = etree.fromstring(book.read(name))
    refs = root.findall(f".//{XHTML}a[@class='noteref']")
    assert [a.get("id") for a in refs] == ["noteref-1", "noteref-2", "noteref-1-2"]
    assert Counter(root.xpath("//@id")).most_common(1)[0][1] == 1


@pytest.mark.slow
def test_the_epub_passes_epubcheck(doc: Document, tmp_path: Path) -> None:
    out = tmp_path / "strike.epub"
    converters.write(doc, "epub", out)
    assert epubcheck_problems(out) == []
