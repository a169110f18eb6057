"""The sample article (seeds/000_...) reads as its labels say (issue A)."""

from __future__ import annotations

from pathlib import Path

from converters.model import BlockQuote, Heading, Paragraph
from converters.readers.plaintext import read_file

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_8f149b7cd9f3a7e5.txt"


def test_seed_header() -> None:
    doc = read_file(SEED)
    assert doc.title == "MAS/Arce Election Win"
    assert doc.subtitle == "No Victory for Bolivian Working Class"
    assert doc.date is not None
    assert (doc.date.text, doc.date.iso) == ("31 October 2020", "2020-10-31")
    assert doc.authors == ()
    assert doc.language == "en"
    assert doc.source is not None and doc.source.encoding == "utf-8"


def test_seed_body() -> None:
    doc = read_file(SEED)
    kinds = [type(block).__name__ for block in doc.blocks]
    assert kinds.count("Paragraph") == 9
    assert kinds.count("BlockQuote") == 1
    assert not any(isinstance(block, Heading) for block in doc.blocks)
    quote = next(block for block in doc.blocks if isinstance(block, BlockQuote))
    first = quote.blocks[0]
    assert isinstance(first, Paragraph)
    assert first.text.startswith("“If the dispute between Guaidó and Maduro")
    # The quotation follows the paragraph that introduces it with a colon.
    before = doc.blocks[doc.blocks.index(quote) - 1]
    assert isinstance(before, Paragraph) and before.text.endswith(":")
    paragraphs = [block for block in doc.blocks if isinstance(block, Paragraph)]
    assert paragraphs[0].text.startswith("The victory of Luis Arce will see the")
    assert paragraphs[-1].text.startswith("A decade-and-a-half of Bolivian-style")
    assert "\n" not in paragraphs[0].text


def test_seed_related() -> None:
    doc = read_file(SEED)
    assert [link.title for link in doc.related] == [
        "Hands Off Venezuela! Imperialism, 'Socialism' & Revolution (1917 No. 41)",
        "The Stalin School of Falsification Revisited",
        "The Theory of Permanent Revolution, its Origins and its Application Today",
    ]
    assert doc.metadata["related_label"] == "Related articles:"


def test_seed_with_bom_and_crlf_reads_the_same(tmp_path: Path) -> None:
    data = SEED.read_bytes()
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"))
    cr = tmp_path / "cr.txt"
    cr.write_bytes(data.replace(b"\n", b"\r"))
    plain = read_file(SEED)
    for path in (crlf, cr):
        doc = read_file(path)
        assert doc.title == plain.title
        assert doc.blocks == plain.blocks
        assert doc.related == plain.related
    assert read_file(crlf).source.encoding == "utf-8-sig"  # type: ignore[union-attr]
