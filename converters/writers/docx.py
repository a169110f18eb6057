"""DOCX writer: the pandoc document of the Markdown writer, written by pandoc's docx writer.

pandoc maps the metadata and blocks to Word's built-in paragraph styles
(https://pandoc.org/MANUAL.html, "Custom Styles" and ``--reference-doc``):
the title to ``Title``, the subtitle to ``Subtitle``, each author to
``Author``, the date to ``Date``, headings to ``Heading 2``..., body text to
``First Paragraph``/``Body Text`` and quotations to ``Block Text``; the
document language goes into the style defaults (``w:lang``). A user who
wants other fonts passes a reference document to pandoc themselves; plainpress
uses pandoc's default one, so the styles are the standard Word ones.
"""

from __future__ import annotations

from typing import ClassVar

from converters.model import Document
from converters.options import WriteOptions


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

        return convert_with_pandoc(doc, "docx")
