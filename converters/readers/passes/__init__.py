"""The reader's passes, registered in the order they run.

Each pass is a function ``(ReaderState) -> None`` with one job; adding a rule
is adding a function and registering it here (the docutils transforms /
markdown-it-py ruler shape). The order matters: front matter first, then the
edges of the text (leftovers, related list, notes), then the header zone,
then the body.
"""

from __future__ import annotations

from collections.abc import Callable

from converters.readers.passes.blocks import blocks
from converters.readers.passes.chunking import split_chunks
from converters.readers.passes.frontmatter import front_matter
from converters.readers.passes.language import language
from converters.readers.passes.letter import salutation, signature
from converters.readers.passes.notes import link_markers, notes
from converters.readers.passes.related import related
from converters.readers.passes.roles import roles
from converters.readers.passes.structure import build, group, quotes
from converters.readers.passes.structured import structured
from converters.readers.state import ReaderState

Pass = Callable[[ReaderState], None]

#: (name, pass) in running order.
PASSES: list[tuple[str, Pass]] = [
    ("front-matter", front_matter),
    ("structured", structured),
    ("roles", roles),
    ("chunking", split_chunks),
    ("related", related),
    ("notes", notes),
    ("letter.salutation", salutation),
    ("letter.signature", signature),
    ("blocks", blocks),
    ("structure.group", group),
    ("quotes", quotes),
    ("build", build),
    ("notes.markers", link_markers),
    ("language", language),
]


def run_passes(state: ReaderState) -> None:
    """Run every registered pass on ``state``, in order."""
    for _name, step in PASSES:
        step(state)
