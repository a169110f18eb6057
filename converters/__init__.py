"""plainpress: plain-text articles to PDF, EPUB, HTML and Markdown.

The Python API mirrors the command line::

    import converters
    doc = converters.read("article.txt")          # -> converters.model.Document
    converters.write(doc, "pdf", "out/article.pdf")

Heavy libraries (WeasyPrint, ebooklib, pypandoc) are imported only inside the
writer that needs them.
"""

from __future__ import annotations

__version__ = "0.1.0"

from converters.api import read, to_bytes, write

__all__ = ["__version__", "read", "to_bytes", "write"]
