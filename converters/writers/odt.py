"""ODT writer: the pandoc document of the Markdown writer, written by pandoc's odt writer.

pandoc maps the metadata and blocks to the OpenDocument paragraph styles of
its reference document: the title to ``Title``, the subtitle to
``Subtitle``, authors to ``Author``, the date to ``Date``, headings to
``Heading_20_2``..., body text to ``Text_20_body`` and quotations to
``Quotations``; the document language goes into the default style
(``fo:language``/``fo:country``).
"""

from __future__ import annotations

from typing import ClassVar

from converters.model import Document
from converters.options import WriteOptions


class OdtWriter:
    """Write an OpenDocument text document (``.odt``)."""

    name: ClassVar[str] = "odt"
    extension: ClassVar[str] = ".odt"
    media_type: ClassVar[str] = "application/vnd.oasis.opendocument.text"
    description: ClassVar[str] = "OpenDocument text (pandoc): Title, Subtitle, Date and Quotations styles"

    def render(self, doc: Document, options: WriteOptions) -> bytes:
        """Return the ``.odt`` file as bytes (a ZIP package).

        Raises:
            RuntimeError: pandoc failed.
        """
        from converters.writers.markdown import convert_with_pandoc

        return convert_with_pandoc(doc, "odt")
