"""Line endings, odd white space and paragraphs (issue 3, "Line endings", "Paragraphs")."""

from __future__ import annotations

from converters.model import LineBreak, Paragraph, block_to_dict
from converters.readers.normalize import normalize
from converters.readers.plaintext import read_text

WRAPPED = """\
Shop Stewards Meet

The shop stewards of the northern depots met on Tuesday to
discuss the new rota, which management introduced without any
consultation at all last month.

A second meeting will follow once the members have voted on
the proposal that the stewards drafted together.
"""


def paragraphs(text: str) -> list[str]:
    return [b.text for b in read_text(text).blocks if isinstance(b, Paragraph)]


def test_line_endings_become_lf() -> None:
    assert normalize("a\r\nb\rc\u2028d\x85e\x0bf") == "a\nb\nc\nd\ne\nf"


def test_paragraph_separator_and_form_feed_separate_blocks() -> None:
    assert normalize("one\u2029two\x0cthree") == "one\n\ntwo\n\nthree"


def test_xml_forbidden_controls_are_dropped() -> None:
    assert normalize("bell\x07 back\x08space\x1b esc\x00 nul\x7f\x9f") == "bell backspace esc nul"


def test_whitespace_only_lines_are_blank() -> None:
    assert normalize("a\n \u00a0\t\nb") == "a\n\nb"


def test_no_break_space_inside_a_line_is_kept() -> None:
    assert normalize("10\u00a0km") == "10\u00a0km"


def test_hard_wrapped_lines_join_with_one_space() -> None:
    assert paragraphs(WRAPPED) == [
        "The shop stewards of the northern depots met on Tuesday to discuss the new rota, "
        "which management introduced without any consultation at all last month.",
        "A second meeting will follow once the members have voted on the proposal that the "
        "stewards drafted together.",
    ]


def test_crlf_and_lone_cr_read_like_lf() -> None:
    lf = read_text(WRAPPED)
    assert read_text(WRAPPED.replace("\n", "\r\n")) == lf
    assert read_text(WRAPPED.replace("\n", "\r")) == lf


def test_form_feed_and_tabs_and_controls() -> None:
    text = "Depot News\n\nThe\tdepot\x01 reopened today after the repairs were done.\x0cThe staff returned."
    assert paragraphs(text) == [
        "The depot reopened today after the repairs were done.",
        "The staff returned.",
    ]


def test_one_long_line_per_paragraph_without_blank_lines() -> None:
    first = "The council voted last night to close three libraries, " * 3
    second = "Campaigners said they would fight the closures in the courts, " * 3
    third = "A public meeting is planned for next week in the town hall, " * 3
    text = f"{first.strip()}\n{second.strip()}\n{third.strip()}\n"
    assert paragraphs(text) == [first.strip(), second.strip(), third.strip()]


def test_verse_lines_keep_their_breaks() -> None:
    text = (
        WRAPPED
        + "\nThe banner read:\n\n"
        + "Bread for all,\nand roses too,\nfrom the mill\nto the mine.\n\n"
        + "The march went on until the evening, when the crowd went home to rest.\n"
    )
    verse = next(b for b in read_text(text).blocks if isinstance(b, Paragraph) and "roses" in b.text)
    assert verse.text == "Bread for all,\nand roses too,\nfrom the mill\nto the mine."
    assert sum(isinstance(node, LineBreak) for node in verse.inlines) == 3


def test_hard_wrapped_text_with_short_last_line_is_not_verse() -> None:
    text = WRAPPED + "\nShort line\nof a wrapped one.\n"
    assert "\n" not in "".join(paragraphs(text))


def test_hard_wrapped_text_without_blank_lines_splits_at_indents() -> None:
    text = (
        "    The branch met on Tuesday and agreed to send two delegates to the\n"
        "regional conference, where the question of the levy will be decided.\n"
        "    A second motion, on the hardship fund, was carried without any\n"
        "opposition after a short debate about the rules for applications.\n"
        "    The meeting closed at nine, and members went on to the social club\n"
        "for the retirement party of the longest-serving steward in the area.\n"
    )
    assert [p[:20] for p in paragraphs(text)] == [
        "The branch met on Tu",
        "A second motion, on ",
        "The meeting closed a",
    ]


def test_hard_wrapped_text_without_blank_lines_splits_after_early_breaks() -> None:
    text = (
        "The branch met on Tuesday and agreed to send two delegates to the\n"
        "regional conference on the levy.\n"
        "A second motion, on the hardship fund, was carried without any\n"
        "opposition after a short debate about the rules for applications\n"
        "and the size of the grants.\n"
        "The meeting closed at nine, and members went on to the social club\n"
        "for the retirement party.\n"
    )
    assert [p[:20] for p in paragraphs(text)] == [
        "The branch met on Tu",
        "A second motion, on ",
        "The meeting closed a",
    ]


def test_hanging_indent_without_blank_lines_is_not_a_new_paragraph() -> None:
    text = (
        "The programme has ten points and we print the first two of them here:\n"
        "1.  Abolition of property in land and application of all rents\n"
        "    of land to public purposes.\n"
        "2.  A heavy progressive or graduated income tax on all incomes\n"
        "    above the average wage.\n"
        "The rest will follow in the next issue of the bulletin for members.\n"
    )
    doc = read_text(text)
    texts = [block_to_dict(b) for b in doc.blocks]
    assert any(t["type"] == "list" and len(t["items"]) == 2 for t in texts)


def test_unwrapped_paragraphs_keep_hanging_indents_and_wrapped_remnants() -> None:
    long = "The congress adopted the programme after a long debate about each of its points, " * 2
    text = (
        f"{long.strip()}\n"
        "1.  Abolition of property in land and application of all rents\n"
        "    of land to public purposes.\n"
        "2.  Free education for all children in public schools.\n"
        "    Abolition of child labour in its present form.\n"
        f"{long.strip()}\n"
    )
    blocks = [block_to_dict(b) for b in read_text(text).blocks]
    assert [b["type"] for b in blocks] == ["paragraph", "list", "paragraph"]
    assert blocks[1]["items"][1] == [
        {
            "type": "paragraph",
            "text": "Free education for all children in public schools. Abolition of child labour "
            "in its present form.",
        }
    ]
