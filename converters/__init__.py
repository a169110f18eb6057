"""plainpress: plain-text articles to PDF, EPUB, HTML and Markdown.

The Python API mirrors the command line::

    import converters
    doc = converters.read("article.txt")          # -> converters.model.Document
    converters.write(doc, "pdf", "out/article.pdf")

Heavy libraries (WeasyPrint, ebooklib, pypandoc) are imported only inside the
writer that needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "read", "to_bytes", "write"]

if TYPE_CHECKING:
    from converters.api import read, to_bytes, write


def __getattr__(name: str) -> Any:
    # The API is imported on first use (PEP 562), so `plainpress --help`, which
    # only needs __version__, does not pay for the reader and writer registry.
    if name in ("read", "to_bytes", "write"):
        from converters import api

        return getattr(api, name)
    raise AttributeError(f"module 'converters' has no attribute {name!r}")
