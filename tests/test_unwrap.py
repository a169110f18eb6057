"""Unwrapping hard-wrapped lines that end in a hyphen or a dash (issue 10, item 24)."""

from __future__ import annotations

import pytest

from converters.model import List, Notes, Paragraph
from converters.readers.plaintext import read_text
from converters.readers.unwrap import Vocabulary, join_lines


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["a long-", "term plan"], "a long-term plan"),
        (["the self-", "employed"], "the self-employed"),
        (["the COVID-", "19 lockdown"], "the COVID-19 lockdown"),
        (["the offer\u2014", "which"], "the offer\u2014which"),
        (["pages 10\u2013", "20"], "pages 10\u201320"),
        (["the offer --", "which"], "the offer -- which"),
        (["the offer \u2014", "which"], "the offer \u2014 which"),
        (["a word -", "a dash"], "a word - a dash"),
        (["the Franco-", "Prussian war"], "the Franco-Prussian war"),
        (["pre-", "and post-war"], "pre- and post-war"),
        (["Ein-", "und Ausgang"], "Ein- und Ausgang"),
        (["rock-", "and-roll"], "rock-and-roll"),
        (["an intimid-", "ate look"], "an intimid-ate look"),  # no evidence: the hyphen stays
        (["soft\u00ad", "ware"], "software"),
        (["  two  ", "", " lines "], "two lines"),
    ],
)
def test_join_lines(lines: list[str], joined: str) -> None:
    assert join_lines(lines) == joined


def test_a_broken_word_is_mended_on_the_texts_evidence() -> None:
    words = Vocabulary("They meant to intimidate. A well-known face, well known.\nto intimid-\nate")
    assert join_lines(["to intimid-", "ate them"], words) == "to intimidate them"
    assert join_lines(["a well-", "known face"], words) == "a well-known face"  # written so elsewhere
    assert join_lines(["the Intimid-", "Ate"], words) == "the Intimid-Ate"  # a capital starts a new word


ARTICLE = (
    "The Long Strike\n\n12 March 2019\n\n"
    "The union made a long-\nterm offer to the self-\nemployed drivers during the COVID-\n"
    "19 lockdown, an offer\u2014\nwhich nobody expected. Managers tried to intimid-\n"
    "ate the drivers, who refused to intimidate easily.\n\n"
    "The demands were:\n\n- a long-\n  term contract\n- paid sick-\n  leave\n\n"
    "A last paragraph cites a note [1] about the well-\nknown dispute.\n\n"
    "Notes\n[1] A history of the self-\nemployed drivers.\n"
)


def test_a_read_article_joins_without_spaces() -> None:
    doc = read_text(ARTICLE)
    first = next(b for b in doc.blocks if isinstance(b, Paragraph))
    assert first.text == (
        "The union made a long-term offer to the self-employed drivers during the COVID-19 lockdown, "
        "an offer\u2014which nobody expected. Managers tried to intimidate the drivers, who refused to "
        "intimidate easily."
    )
    items = next(b for b in doc.blocks if isinstance(b, List)).items
    assert [item[0].text for item in items] == ["a long-term contract", "paid sick-leave"]  # type: ignore[union-attr]
    notes = next(b for b in doc.blocks if isinstance(b, Notes))
    assert notes.items[0].blocks[0].text == "A history of the self-employed drivers."  # type: ignore[union-attr]
