"""inspect --explain: which rule decided each field and block, and how to override it."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from converters.readers.plaintext import Decision, explain_file, format_explanation

ARTICLE = (
    "NEWS\n\nDockers Vote to Strike\n\nBy Ana Ruiz\n\nPublished 14 March 2021\n\n"
    "The dockers voted on Monday to strike over the new shift pattern that management imposed.\n\n"
    "A spokesperson for the union put it plainly:\n\n“We will not be moved.”\n\n"
    "Related:\nPort Automation Explained\n"
)


@pytest.fixture
def explained(tmp_path: Path) -> tuple[object, list[Decision]]:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return explain_file(path)


def test_decision_is_frozen() -> None:
    decision = Decision("title", "header.single-line", "A Title", None, "title:")
    with pytest.raises(dataclasses.FrozenInstanceError):
        decision.rule = "other"  # type: ignore[misc]


def test_decisions_name_rule_evidence_and_fix(explained: tuple[object, list[Decision]]) -> None:
    _doc, decisions = explained
    by_target = {d.target: d for d in decisions if d.target in ("title", "date", "authors", "related")}
    date = by_target["date"]
    assert (date.evidence, date.fix, date.line) == ("Published 14 March 2021", "date:", 7)
    assert re.fullmatch(r"roles\.date \(p=0\.\d\d\)", date.rule) and re.fullmatch(
        r"\w+ p=0\.\d\d", date.runner_up or ""
    )
    assert by_target["authors"].rule.startswith("roles.byline (p=")
    assert (by_target["authors"].fix, by_target["authors"].line) == ("authors:", 5)
    assert by_target["related"].rule == "related.label"
    title = by_target["title"]
    assert title.rule.startswith("roles.title (p=") and (title.evidence, title.line) == (
        "Dockers Vote to Strike",
        3,
    )
    kicker = next(d for d in decisions if d.target == "header")
    assert kicker.rule.startswith("roles.kicker (p=") and (kicker.evidence, kicker.line) == ("NEWS", 1)
    quote = next(d for d in decisions if d.target.startswith("block ") and "blockquote" in d.target)
    assert quote == Decision(
        "block 3 (blockquote)", "quotes.colon-intro", "“We will not be moved.”", "paragraph", None, 13
    )


def test_format_explanation(explained: tuple[object, list[Decision]]) -> None:
    doc, decisions = explained
    report = format_explanation(doc, decisions)  # type: ignore[arg-type]
    lines = report.splitlines()
    assert lines[0].startswith("source: ") and lines[0].endswith("(decoded as utf-8)")
    assert "  title: 'Dockers Vote to Strike'" in lines
    assert "  date: '14 March 2021 (2021-03-14)'" in lines
    assert any(line.startswith("  header: line 1, roles.kicker (p=") for line in lines)
    assert any(line.split()[:5] == ["3", "line", "13", "blockquote", "quotes.colon-intro"] for line in lines)
    assert "body (3 blocks)" in lines
    assert "  kicker: 'NEWS'" in lines


def test_every_header_field_is_explained_even_when_empty(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_text(
        "A Short Title\n\nThe first paragraph says something in 2014 about the strike.\n", encoding="utf-8"
    )
    doc, decisions = explain_file(path)
    rules = {d.target: d.rule for d in decisions if d.target in ("title", "subtitle", "date", "authors")}
    assert rules["title"].startswith(("roles.title (p=", "roles.first-line-title"))
    assert {k: v for k, v in rules.items() if k != "title"} == {
        "subtitle": "roles.no-subtitle",
        "date": "roles.no-date",
        "authors": "roles.no-authors",
    }
    report = format_explanation(doc, decisions)
    assert "  date: (none)" in report
    assert "roles.no-date: 'no line was read as the date' [fix with date:]" in report


def test_lines_inside_one_chunk_are_named_by_their_own_number(tmp_path: Path) -> None:
    """A subtitle on line 2 under a title on line 1 (no blank between) is line 2, not
    the chunk's first line; a block that starts inside a chunk is named by its own
    first line (issue 10, item 18)."""
    path = tmp_path / "c.txt"
    path.write_text(
        "The Origins of the Weekend\nHow Saturday became a day of rest\nBy Maria Gonzalez\n"
        "June 9, 2017\n\n"
        "The weekend is a recent invention. Workers fought for it over many decades, and the story is long.\n"
        "The unions asked for three things:\n- a half day on Saturday\n- a full day on Sunday\n- pay for both\n"
        "None of this came quickly, and the mill owners resisted each demand for years.\n\n"
        "It began in the mills of northern England, where Saturday afternoons were won first.\n",
        encoding="utf-8",
    )
    doc, decisions = explain_file(path)
    lines = {d.target: (d.evidence, d.line) for d in decisions}
    assert lines["title"] == ("The Origins of the Weekend", 1)
    assert lines["subtitle"] == ("How Saturday became a day of rest", 2)
    assert lines["authors"] == ("By Maria Gonzalez", 3)
    assert lines["date"] == ("June 9, 2017", 4)
    # Every paragraph is named by the line its text starts on, wherever the reader
    # splits the chunk (the list's place depends on the learned roles).
    source = path.read_text(encoding="utf-8").split("\n")
    paragraphs = [d for d in decisions if d.target.startswith("block ") and d.target.endswith("(paragraph)")]
    assert paragraphs and all(d.line and source[d.line - 1].startswith(d.evidence[:40]) for d in paragraphs)
    assert paragraphs[0].line == 6 and paragraphs[-1].line == 13
    report = format_explanation(doc, decisions)
    assert "    line 2, roles.subtitle-by-order: 'How Saturday became a day of rest'" in report
