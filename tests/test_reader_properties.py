"""Property-based tests (Hypothesis): the reader never fails on any text, and keeps every word.

"Every word in, every word out": the words of the input are all found in the
model - the text of its fields and blocks, or the metadata where structure and
web leftovers are kept (labels, kickers, dropped lines) - and the body keeps
them in their source order.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from converters.errors import InputError
from converters.model import Document, Notes, iter_text
from converters.readers.plaintext import explain_text, read_file, read_text

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_WORD = re.compile(r"[^\W\d_]{2,}")

words = st.one_of(
    st.from_regex(r"[A-Za-zÀ-ÿ]{2,9}", fullmatch=True),
    st.sampled_from(
        [
            "By",
            "Notes",
            "Related",
            "See",
            "also",
            "Date",
            "the",
            "of",
            "Share",
            "Facebook",
            "Home",
            "Introduction",
            "Jane",
            "Rosa",
            "Doe",
            "Posted",
            "Read",
            "at",
            "From",
            "Written",
            "No",
            "Vol",
            "October",
            "May",
            "Winter",
            "Comrades",
            "Dear",
            "Thank",
            "you",
            "More",
            "in",
        ]
    ),
)
separators = st.sampled_from(
    [" ", " ", " ", "\n", "\n\n", "\n\n\n", ": ", ". ", ", ", "\n    ", "\r\n", "\t"]
)
prefixes = st.sampled_from(
    ["", "", "", "- ", "1. ", "> ", "“", '"', "* * *\n", "2020-10-31\n", "[1] ", "---\n"]
)


@st.composite
def articles(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 60))):
        parts.append(draw(prefixes) if draw(st.integers(0, 6)) == 0 else "")
        parts.append(draw(words))
        parts.append(draw(separators))
    return "".join(parts)


def model_words(doc: Document) -> Counter[str]:
    found: Counter[str] = Counter()
    for piece in iter_text(doc):
        found.update(_WORD.findall(piece))
    _collect(dict(doc.metadata), found)
    return found


def _collect(value: Any, found: Counter[str]) -> None:
    if isinstance(value, str):
        found.update(_WORD.findall(value))
    elif isinstance(value, dict):
        for key, item in value.items():
            found.update(_WORD.findall(str(key)))
            _collect(item, found)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _collect(item, found)


def body_words(doc: Document) -> list[str]:
    """The words of the body blocks, in model order (an implied notes heading left out)."""
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Notes) and doc.metadata.get("notes_heading_implied"):
            block = Notes(block.items, heading="")
        for piece in iter_text(Document(blocks=(block,))):
            out.extend(_WORD.findall(piece))
    return out


def is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(any(word == other for other in it) for word in short)


@SETTINGS
@given(st.text())
def test_any_string_reads(text: str) -> None:
    doc = read_text(text)
    assert isinstance(doc, Document)
    doc.to_dict()


@SETTINGS
@given(articles())
def test_every_word_survives(text: str) -> None:
    doc, decisions = explain_text(text)
    wanted = Counter(_WORD.findall(text))
    # Front-matter keys ("Title:") are structure, not words of the article.
    wanted -= Counter(
        _WORD.findall(" ".join(d.fix or "" for d in decisions if d.rule.startswith("front-matter")))
    )
    have = model_words(doc)
    missing = wanted - have
    assert not missing, f"lost words: {dict(missing)}"


@SETTINGS
@given(articles())
def test_body_keeps_source_order(text: str) -> None:
    doc = read_text(text)
    assert is_subsequence(body_words(doc), _WORD.findall(text))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000))
def test_any_bytes_read_or_raise_input_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    try:
        doc = read_file(path)
    except InputError as exc:
        assert exc.path == str(path)
        assert exc.reason
    else:
        assert doc.source is not None and doc.source.path == str(path)
