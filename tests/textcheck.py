"""Extracting the text a reader of each output format sees, and checking word order.

"Every word in, every word out": each output must contain every word of the
source, in order. Words are runs of Unicode word characters (``\\w+``),
compared case-sensitively after NFKC normalisation.
"""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
import zipfile
from collections.abc import Iterable
from pathlib import Path

from lxml import etree, html

WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The words of ``text`` (NFKC-normalised ``\\w+`` runs)."""
    return WORD.findall(unicodedata.normalize("NFKC", text))


def missing_in_order(expected: Iterable[str], actual: Iterable[str]) -> list[str]:
    """Return the words of ``expected`` that cannot be matched, in order, in ``actual``.

    An empty list means every expected word appears in ``actual`` in the same
    order (``actual`` may hold more words: labels, page numbers, running heads).
    The first unmatched word and the 8 words after it are returned, for a
    readable failure.
    """
    expected = list(expected)
    it = iter(actual)
    for i, word in enumerate(expected):
        if not any(word == got for got in it):
            return expected[i : i + 9]
    return []


def html_text(data: bytes) -> str:
    """The visible text of an HTML page's ``<body>`` (no ``<style>``, no skip link)."""
    root = html.fromstring(data)
    for bad in root.xpath("//style|//script|//*[contains(@class,'skip-link')]"):
        bad.drop_tree()
    _show_link_targets(root)
    _merge_marks(root)
    body = root.find("body")
    return " ".join((body if body is not None else root).itertext())


def _show_link_targets(root: etree._Element) -> None:
    """Append each external link's URL after its text: the reader can see and follow it."""
    for link in root.iter("{*}a", "a"):
        href = link.get("href") or ""
        if href.startswith(("http:", "https:", "mailto:")):
            link.tail = f" {href} {link.tail or ''}"


def _merge_marks(root: etree._Element) -> None:
    """Merge the spans that only mark a run inside a line (``class="url"``,
    ``class="literal"``) into the text around them: they are no boundary between words,
    so ``(<span class="literal">sha256</span>)`` reads ``(sha256)``, not ``( sha256 )``."""
    for span in list(root.iter("{*}span", "span")):
        parent = span.getparent()
        if span.get("class") not in ("url", "literal") or len(span) or parent is None:
            continue
        text = (span.text or "") + (span.tail or "")
        before = span.getprevious()
        if before is not None:
            before.tail = (before.tail or "") + text
        else:
            parent.text = (parent.text or "") + text
        parent.remove(span)


def epub_text(data: bytes) -> str:
    """The text of an EPUB's content documents in spine order (nav document excluded)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        container = etree.fromstring(archive.read("META-INF/container.xml"))
        opf_path = container.find(".//{*}rootfile").get("full-path")
        opf = etree.fromstring(archive.read(opf_path))
        base = opf_path.rsplit("/", 1)[0] + "/" if "/" in opf_path else ""
        manifest = {item.get("id"): item.get("href") for item in opf.iter("{*}item")}
        parts = []
        for ref in opf.iter("{*}itemref"):
            doc = etree.fromstring(archive.read(base + manifest[ref.get("idref")]))
            body = doc.find("{*}body")
            _show_link_targets(body)
            _merge_marks(body)
            parts.append(" ".join(body.itertext()))
    return "\n".join(parts)


def markdown_text(md: str) -> str:
    """The text of a Markdown file: the YAML front matter's masthead, title, subtitle,
    authors, date, other dates and source notes (in the header's reading order; YAML itself sorts keys), then the body."""
    import yaml

    meta: dict[str, object] = {}
    body = md
    match = re.match(r"---\n(.*?)\n---\n", md, re.S)
    if match:
        meta = yaml.safe_load(match.group(1)) or {}
        body = md[match.end() :]
    header = []
    for key in (
        "masthead",
        "title",
        "subtitle",
        "byline",
        "author",
        "dateline",
        "date",
        "other-dates",
        "source-note",
    ):
        value = meta.get(key)
        header.extend(value if isinstance(value, list) else [value] if value else [])
    return "\n".join([*map(str, header), body])


def pdf_text(path: Path, vocabulary: set[str] | None = None, running_head: str | None = None) -> str:
    """The text of a PDF as ``pdftotext -raw`` reads it, without page furniture.

    Page numbers and the ``running_head`` line at the top or bottom of each
    page are dropped, so a word hyphenated across a page break joins up. A line
    ending in ``-`` is joined to the next line without the hyphen only when the
    joined word is in ``vocabulary`` (the source's words): that joins the
    hyphens hyphenation added and keeps real ones ("nationalist/populist").
    """
    raw = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True
    ).stdout.decode("utf-8")
    pages = []
    for number, page in enumerate(raw.split("\f")):
        lines = page.strip("\n").split("\n")

        def furniture(line: str, number: int = number) -> bool:
            return line.strip().isdigit() or (number > 0 and line.strip() == running_head)

        while lines and furniture(lines[0]):
            lines.pop(0)
        while lines and furniture(lines[-1]):
            lines.pop()
        pages.append("\n".join(lines))
    text = "\n".join(pages)
    if not vocabulary:
        return text

    def join(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(2)
        return head + tail if (head + tail) in vocabulary else f"{head}-{tail}"

    return re.sub(r"(\w+)[-\u2010]\n(\w+)", join, text)
