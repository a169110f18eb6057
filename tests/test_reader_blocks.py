"""Body blocks: quotations, headings, lists and breaks (issue 3, each kind and its negative case)."""

from __future__ import annotations

import pytest

from converters.model import BlockQuote, Break, Document, Heading, List, Paragraph, block_to_dict
from converters.readers.plaintext import read_text

HEAD = "Strike Vote Called\n\n2 March 2022\n\n"
P1 = "The strike committee met on Thursday evening to decide what to do about the new offer from the company."
P2 = (
    "Members will vote on the recommendation next week, and the result will be announced at the mass meeting."
)


def read(body: str) -> Document:
    return read_text(HEAD + P1 + body + "\n\n" + P2 + "\n")


def kinds(doc: Document) -> list[str]:
    return [block_to_dict(b)["type"] for b in doc.blocks]


def only_quote(doc: Document) -> BlockQuote:
    quotes = [b for b in doc.blocks if isinstance(b, BlockQuote)]
    assert len(quotes) == 1
    return quotes[0]


# Quotations


@pytest.mark.parametrize("marks", [('"', '"'), ("“", "”")])
def test_quoted_paragraph_after_a_colon(marks: tuple[str, str]) -> None:
    opening, closing = marks
    doc = read(
        f" The convenor said:\n\n{opening}We will not accept a cut in real pay, not now and not ever.{closing}"
    )
    assert kinds(doc) == ["paragraph", "blockquote", "paragraph"]
    quote = only_quote(doc)
    assert [block_to_dict(b) for b in quote.blocks] == [
        {
            "type": "paragraph",
            "text": f"{opening}We will not accept a cut in real pay, not now and not ever.{closing}",
        }
    ]


def test_consecutive_quoted_paragraphs_are_one_quotation() -> None:
    doc = read(" Two members spoke:\n\n“First quoted paragraph here.”\n\n“Second quoted paragraph here.”")
    assert kinds(doc) == ["paragraph", "blockquote", "paragraph"]
    assert len(only_quote(doc).blocks) == 2


def test_open_only_convention_without_colon() -> None:
    doc = read(
        "\n\n“First part of the statement goes on\n\n“Second part of the statement goes on\n\n"
        "“Last part closes the quotation.”"
    )
    assert kinds(doc) == ["paragraph", "blockquote", "paragraph"]
    assert len(only_quote(doc).blocks) == 3


def test_dialogue_is_not_a_quotation() -> None:
    doc = read("\n\n“Are you coming?” she asked.\n\n“Yes,” he said.")
    assert kinds(doc) == ["paragraph"] * 4


def test_inline_quote_after_colon_is_not_a_blockquote() -> None:
    doc = read(' A spokesman said: "We are pleased with the decision and hope others follow."')
    assert kinds(doc) == ["paragraph", "paragraph"]


def test_indented_block_is_a_quotation() -> None:
    doc = read(
        "\n\n    The workers have nothing to lose but their chains,\n    and a world to win, as the text has it."
    )
    assert kinds(doc) == ["paragraph", "blockquote", "paragraph"]
    inner = only_quote(doc).blocks[0]
    assert isinstance(inner, Paragraph)
    assert (
        inner.text
        == "The workers have nothing to lose but their chains, and a world to win, as the text has it."
    )


def test_centred_slogan_is_not_a_quotation() -> None:
    doc = read("\n\n                 ALL POWER TO THE BRANCHES!")
    assert kinds(doc) == ["paragraph", "paragraph", "paragraph"]


def test_angle_bracket_quoting() -> None:
    doc = read("\n\n> Quoted by e-mail, first line\n> second line\n>\n> second paragraph")
    quote = only_quote(doc)
    assert [block_to_dict(b)["text"] for b in quote.blocks] == [
        "Quoted by e-mail, first line second line",
        "second paragraph",
    ]


@pytest.mark.parametrize(
    "attribution",
    ["— Industrial Workers of the World", "-- Joe Hill", "(IWW, Preamble)", "The Preamble, 1905"],
)
def test_attribution_after_a_quotation(attribution: str) -> None:
    doc = read(f"\n\n“An injury to one is an injury to all.”\n\n{attribution}")
    assert kinds(doc) == ["paragraph", "blockquote", "paragraph"]
    quote = only_quote(doc)
    assert quote.attribution is not None
    assert "".join(getattr(node, "text", "") for node in quote.attribution) == attribution


def test_epigraph_after_a_heading() -> None:
    doc = read("\n\nOur Programme\n\n“Unity is strength.”\n\nA Banner, 1889")
    assert kinds(doc) == ["paragraph", "heading", "blockquote", "paragraph"]


# Headings


def test_short_lines_standing_alone_are_headings() -> None:
    doc = read(
        f"\n\nThe Background\n\n{P2}\n\nWHAT COMES NEXT\n\n{P1}\n\nII. The Second Part\n\n{P2}\n\n3. Third Part"
    )
    headings = [(b.level, b.text) for b in doc.blocks if isinstance(b, Heading)]
    assert headings == [
        (2, "The Background"),
        (2, "WHAT COMES NEXT"),
        (2, "II. The Second Part"),
        (2, "3. Third Part"),
    ]


def test_setext_underlines() -> None:
    doc = read(f"\n\nFirst Section\n=============\n\n{P2}\n\nSub Section\n-----------")
    assert [(b.level, b.text) for b in doc.blocks if isinstance(b, Heading)] == [
        (2, "First Section"),
        (3, "Sub Section"),
    ]


def test_two_line_caps_heading() -> None:
    doc = read("\n\nIV. POSITION OF THE BRANCHES IN RELATION TO\nTHE VARIOUS EXISTING COMMITTEES")
    heading = next(b for b in doc.blocks if isinstance(b, Heading))
    assert heading.text == "IV. POSITION OF THE BRANCHES IN RELATION TO THE VARIOUS EXISTING COMMITTEES"


@pytest.mark.parametrize(
    "line",
    [
        "The vote was close.",
        "I. It is high time that members spoke.",
        "and then nothing happened",
        "Lena Smith:",
        "Swedish branch: (phone) 0123,",
    ],
)
def test_not_headings(line: str) -> None:
    doc = read(f"\n\n{line}")
    assert not any(isinstance(b, Heading) for b in doc.blocks)


def test_line_announced_by_a_colon_is_not_a_heading() -> None:
    doc = read(" The two articles were:\n\nWhy We Strike\n\nWhat We Want")
    assert not any(isinstance(b, Heading) for b in doc.blocks)
    lists = [b for b in doc.blocks if isinstance(b, List)]
    assert len(lists) == 1 and len(lists[0].items) == 2


def test_closing_line_with_nothing_after_is_not_a_heading() -> None:
    doc = read_text(HEAD + P1 + "\n\n\n          UNITE AND FIGHT!\n")
    assert kinds(doc) == ["paragraph", "paragraph"]


# Lists


@pytest.mark.parametrize(
    ("body", "ordered", "items", "marker"),
    [
        ("- bread\n- roses", False, ["bread", "roses"], "-"),
        ("* bread\n* roses", False, ["bread", "roses"], "*"),
        ("• bread\n• roses", False, ["bread", "roses"], "•"),
        ("1. first thing\n2. second thing", True, ["first thing", "second thing"], "1."),
        ("1) first thing\n2) second thing", True, ["first thing", "second thing"], "1)"),
        ("(a) alpha\n(b) beta", True, ["alpha", "beta"], "(a)"),
    ],
)
def test_list_markers(body: str, ordered: bool, items: list[str], marker: str) -> None:
    doc = read(f"\n\n{body}")
    lists = [b for b in doc.blocks if isinstance(b, List)]
    assert len(lists) == 1
    found = lists[0]
    assert found.ordered is ordered
    assert found.marker == marker
    assert [block_to_dict(item[0])["text"] for item in found.items] == items


def test_numbered_items_with_hanging_indent_and_blank_lines() -> None:
    doc = read(
        "\n\n1.  Abolition of overtime at the\n    depot and the yards.\n\n2.  A shorter week.\n\n"
        "3.  Equal pay for equal work."
    )
    found = next(b for b in doc.blocks if isinstance(b, List))
    assert [block_to_dict(item[0])["text"] for item in found.items] == [
        "Abolition of overtime at the depot and the yards.",
        "A shorter week.",
        "Equal pay for equal work.",
    ]


def test_a_paragraph_starting_with_a_year_is_not_a_list() -> None:
    doc = read("\n\n1984. That was the year the miners struck, and the whole country took sides.")
    assert kinds(doc) == ["paragraph"] * 3


def test_long_numbered_paragraphs_stay_paragraphs() -> None:
    long = " ".join(["word"] * 60)
    doc = read(f"\n\n1. {long}.\n\n2. {long}.")
    assert kinds(doc) == ["paragraph"] * 4


@pytest.mark.parametrize("mark", ["* * *", "—", "– –", "⁂"])
def test_thematic_break(mark: str) -> None:
    doc = read(f"\n\n{mark}")
    assert kinds(doc) == ["paragraph", "break", "paragraph"]
    assert isinstance(doc.blocks[1], Break)


def test_dash_with_words_is_not_a_break() -> None:
    doc = read("\n\n— and then nothing")
    assert kinds(doc) == ["paragraph", "paragraph", "paragraph"]


def test_truncated_quotation_after_a_colon() -> None:
    doc = read_text(
        HEAD + P1 + " The letter said:\n\n“We write to you as members who have given years to the union"
    )
    assert kinds(doc) == ["paragraph", "blockquote"]


def test_title_case_question_is_a_heading() -> None:
    doc = read(f"\n\nWhat Happens Next?\n\n{P1}\n\nWhat is to be done?\n\n{P2}")
    assert [b.text for b in doc.blocks if isinstance(b, Heading)] == ["What Happens Next?"]


def test_question_set_apart_by_a_wider_gap_is_a_heading() -> None:
    text = HEAD + P1 + "\n\nWhere now for the union?\n\n" + P2 + "\n\n\n\nWhere now for the union?\n\n\n" + P1
    headings = [b for b in read_text(text).blocks if isinstance(b, Heading)]
    assert len(headings) == 1


def test_colon_list_with_a_wrapped_item() -> None:
    doc = read(
        " We discuss these two articles:\n\nNorth Korea Shows How a Society Can Heal After Years of\nImperialist "
        "Violence\n\nWhy the Papers Spread Lies About Trade"
    )
    lists = [b for b in doc.blocks if isinstance(b, List)]
    assert len(lists) == 1 and len(lists[0].items) == 2
    assert not any(isinstance(b, Heading) for b in doc.blocks)


def test_dialogue_ending_in_a_quoted_line_is_not_a_quotation() -> None:
    doc = read("\n\n“Are you coming?” she asked.\n\n“Yes.”")
    assert kinds(doc) == ["paragraph"] * 4


def test_open_only_convention_with_straight_quotes() -> None:
    doc = read('\n\n"First part of the statement goes on\n\n"Last part closes the quotation."')
    assert kinds(doc) == ["paragraph", "blockquote", "paragraph"]


def test_announced_quotation_may_hold_an_inner_quote() -> None:
    doc = read(
        " The letter read:\n\n“We reject the so-called “flexibility” of the new contracts\n\n"
        "“We call on every member to vote no.”"
    )
    assert kinds(doc) == ["paragraph", "blockquote", "paragraph"]


@pytest.mark.parametrize(
    ("quoted", "attribution", "texts"),
    [
        (
            "> Plans are worthless, but planning is everything.\n> — Dwight D. Eisenhower",
            "— Dwight D. Eisenhower",
            ["Plans are worthless, but planning is everything."],
        ),
        (
            "> Plans are worthless,\n> but planning is everything.\n>\n> -- Jane Roe",
            "-- Jane Roe",
            ["Plans are worthless, but planning is everything."],
        ),
        (
            "> First quoted paragraph.\n>\n> Second quoted paragraph.\n> – Ana de la Cruz",
            "– Ana de la Cruz",
            ["First quoted paragraph.", "Second quoted paragraph."],
        ),
    ],
)
def test_attribution_inside_angle_bracket_quote(quoted: str, attribution: str, texts: list[str]) -> None:
    doc = read(f"\n\n{quoted}")
    quote = only_quote(doc)
    assert [block_to_dict(b)["text"] for b in quote.blocks] == texts
    assert quote.attribution is not None
    assert "".join(getattr(node, "text", "") for node in quote.attribution) == attribution


@pytest.mark.parametrize(
    ("quoted", "texts"),
    [
        (
            "> Things we still need:\n> - Apples",
            ["Things we still need: - Apples"],
        ),  # a list item, not a dash
        ("> — Dwight D. Eisenhower", ["— Dwight D. Eisenhower"]),  # nothing else is quoted
    ],
)
def test_no_attribution_inside_angle_bracket_quote(quoted: str, texts: list[str]) -> None:
    doc = read(f"\n\n{quoted}")
    quote = only_quote(doc)
    assert [block_to_dict(b)["text"] for b in quote.blocks] == texts
    assert quote.attribution is None


@pytest.mark.parametrize("who", ["— Lao Tzu", "-- Jane Roe, 1921", "– Ana de la Cruz"])
def test_quotation_and_attribution_in_one_block(who: str) -> None:
    quoted = "“The journey of a thousand miles begins with a single step.”"
    doc = read(f"\n\n{quoted}\n{who}")
    quote = only_quote(doc)
    assert [block_to_dict(b)["text"] for b in quote.blocks] == [quoted]
    assert quote.attribution is not None
    assert "".join(getattr(node, "text", "") for node in quote.attribution) == who


@pytest.mark.parametrize(
    "second", ["— and then nobody spoke again", "- a list item after all", "He said it twice."]
)
def test_quotation_with_other_second_line_is_not_attributed(second: str) -> None:
    doc = read(f"\n\n“We are not going anywhere,” said the crane operator.\n{second}")
    assert "blockquote" not in kinds(doc)
