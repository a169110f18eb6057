"""DOCX writer: the pandoc document of the Markdown writer, written by pandoc's docx writer.

pandoc maps the metadata and blocks to Word's built-in paragraph styles
(https://pandoc.org/MANUAL.html, "Custom Styles" and ``--reference-doc``):
the title to ``Title``, the subtitle to ``Subtitle``, each author to
``Author``, the date to ``Date``, headings to ``Heading 2``..., body text to
``First Paragraph``/``Body Text`` and quotations to ``Block Text``.

pandoc records the language only in the package properties
(``dc:language``), so Word would proofread every document as US English;
:func:`set_language` writes it into the document defaults as well
(``w:docDefaults/w:rPrDefault/w:rPr/w:lang``, ECMA-376 Part 1, 17.3.2.20):
``w:val`` for Latin-script text, ``w:eastAsia`` for Chinese, Japanese and
Korean, ``w:bidi`` for right-to-left languages. A user who
wants other fonts passes a reference document to pandoc themselves; plainpress
uses pandoc's default one, so the styles are the standard Word ones.
"""

from __future__ import annotations

import io
import zipfile
from typing import ClassVar

from converters.model import Document
from converters.options import WriteOptions

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_EAST_ASIAN = frozenset({"zh", "ja", "ko"})


def set_language(docx: bytes, language: str, *, rtl: bool = False) -> bytes:
    """Return ``docx`` with ``language`` (a BCP 47 tag) as the default run language.

    Entries keep their order, names and compression; only ``word/styles.xml``
    changes.

    Raises:
        zipfile.BadZipFile: ``docx`` is not a ZIP package.
        KeyError: it has no ``word/styles.xml``.
    """
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        root = etree.fromstring(source.read("word/styles.xml"))
        rpr = root.find(f"{{{_W}}}docDefaults/{{{_W}}}rPrDefault/{{{_W}}}rPr")
        if rpr is None:
            return docx
        lang = rpr.find(f"{{{_W}}}lang")
        if lang is None:
            lang = etree.SubElement(rpr, f"{{{_W}}}lang")
        if rtl:
            attribute = "bidi"
        elif language.split("-")[0].lower() in _EAST_ASIAN:
            attribute = "eastAsia"
        else:
            attribute = "val"
        lang.set(f"{{{_W}}}{attribute}", language)
        styles = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for info in source.infolist():
                data = styles if info.filename == "word/styles.xml" else source.read(info)
                target.writestr(info, data)
    return out.getvalue()


class DocxWriter:
    """Write an Office Open XML word-processing document (``.docx``)."""

    name: ClassVar[str] = "docx"
    extension: ClassVar[str] = ".docx"
    media_type: ClassVar[str] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    description: ClassVar[str] = "Word document (pandoc): Title, Subtitle, Date and Block Text styles"

    def render(self, doc: Document, options: WriteOptions) -> bytes:
        """Return the ``.docx`` file as bytes (a ZIP package).

        Raises:
            RuntimeError: pandoc failed.
        """
        from converters.writers.markdown import convert_with_pandoc

        return set_language(convert_with_pandoc(doc, "docx"), doc.language, rtl=doc.direction == "rtl")
