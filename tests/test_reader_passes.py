"""The reader is a registry of named passes, each documented with the rules it applies."""

from __future__ import annotations

from converters.readers.passes import PASSES
from converters.readers.passes.blocks import BLOCK_RULES


def test_passes_are_named_and_documented() -> None:
    names = [name for name, _ in PASSES]
    assert len(names) == len(set(names))
    assert names[:4] == ["front-matter", "structured", "roles", "chunking"]
    assert names.index("roles") < names.index("related") < names.index("blocks") < names.index("quotes")
    for _name, step in PASSES:
        assert step.__doc__, f"{step.__name__} has no docstring"


def test_block_rules_end_with_the_paragraph_fallback() -> None:
    assert [name for name, _ in BLOCK_RULES][-1] == "paragraph"
    for _name, rule in BLOCK_RULES:
        assert rule.__doc__ and "``blocks." in rule.__doc__
