"""Kinds of misreading fixed in the reader's passes after the line-role model.

Each test names the kind: a title line with a date or a button glued to it, a
line that loses the title falling back to it through the subtitle, and a block
whose lines the tagger reads as two kinds.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from converters.model import Aside, List, Paragraph, Text
from converters.readers.passes.blocks import rule_learned, rule_learned_quote
from converters.readers.passes.furniture import droppable, introduced_lists, repeated
from converters.readers.passes.glue import unglue
from converters.readers.passes.names import names_inside
from converters.readers.plaintext import read_text
from converters.readers.roles import LineRole
from converters.readers.roles.pipeline import apply_subtitle, apply_title
from converters.readers.state import Chunk, Line
from converters.readers.textrules import ends_with_mark


@pytest.mark.parametrize(
    ("line", "title", "dates", "interface"),
    [
        (
            "date 2020-02-06 Nigeria: Police Command Debunks Rumour",
            "Nigeria: Police Command Debunks Rumour",
            ["date 2020-02-06"],
            [],
        ),
        (
            "Statement on Labour Party resignations | 18 February 2019",
            "Statement on Labour Party resignations",
            ["18 February 2019"],
            [],
        ),
        (
            "Council approves the budget at last! Recomandat",
            "Council approves the budget at last!",
            [],
            ["Recomandat"],
        ),
        ("Kenya wins the marathon - Share", "Kenya wins the marathon", [], ["Share"]),
        ("Title of the piece | Home | 5 May 2020", "Title of the piece", ["5 May 2020"], ["Home"]),
    ],
)
def test_glued_date_and_interface_strings_come_off_the_title(
    line: str, title: str, dates: list[str], interface: list[str]
) -> None:
    out = unglue(line, "en")
    assert (out.title, out.dates, out.interface) == (title, dates, interface)


@pytest.mark.parametrize(
    "line",
    [
        "The Events of 11 September 2001",
        "Volume 8, Number 5 – March 30, 2005",
        "Portraits of 8 chairmen elected from 9 - 15/11/2020",
        "5 March 2007",
        "Share",
    ],
)
def test_a_headline_that_names_a_date_keeps_it(line: str) -> None:
    out = unglue(line, "en")
    assert (out.title, out.dates, out.interface) == (line, [], [])


def test_a_date_glued_before_the_title_becomes_the_date_and_no_word_is_lost() -> None:
    text = (
        "date 2020-02-06 Nigeria: Police Command Debunks Rumour of Raiding\n\n"
        "The Lagos State Police Command says that it is not planning any raid this week.\n\n"
        "It advised Lagosians to disregard the message circulating in social media.\n"
    )
    doc = read_text(text)
    assert doc.title == "Nigeria: Police Command Debunks Rumour of Raiding"
    assert doc.date is not None and doc.date.iso == "2020-02-06"


def _role(number: int, role: str, probs: dict[str, float]) -> LineRole:
    ranked = sorted(probs.items(), key=lambda kv: -kv[1])
    return LineRole(number, role, probs[role], ranked[1], {}, probs)


def test_a_line_that_loses_the_title_never_gets_it_back_through_the_subtitle() -> None:
    lines = ["Jubilant South Africa win", "", "A team still in development, and it shows", "", "Body " * 30]
    roles = [
        _role(1, "title", {"title": 0.88, "furniture": 0.1, "body": 0.02}),
        _role(3, "title", {"title": 0.5, "subtitle": 0.4, "body": 0.1}),
        _role(5, "body", {"body": 0.99, "title": 0.01}),
    ]
    after_title = apply_title(roles, lines, 0)
    assert [r.role for r in after_title] == ["title", "subtitle", "body"]
    after_subtitle = apply_subtitle(after_title, lines, None)
    assert [r.role for r in after_subtitle] == ["title", "body", "body"]


def test_a_heading_glued_to_its_paragraph_is_no_longer_one_paragraph() -> None:
    text = (
        "Strikes from 29 October\n\n"
        "By Anna Berger\n\n"
        "Dear Friends,\n"
        "I am writing this month's letter in the days after our annual meeting, which\n"
        "went well and set the course for the year ahead of us all.\n\n"
        "We looked back on another difficult and challenging year for our church family.\n"
    )
    doc = read_text(text)
    assert doc.metadata.get("salutation") == "Dear Friends,"
    assert next(b for b in doc.blocks if isinstance(b, Paragraph)) == Paragraph(
        (
            Text(
                "I am writing this month's letter in the days after our annual meeting, which "
                "went well and set the course for the year ahead of us all."
            ),
        )
    )


def test_sentence_marks_of_other_scripts_end_a_sentence() -> None:
    assert [ends_with_mark(t) for t in ("لماذا لا يملك الشارع صورة واضحة؟", "他说。", "यह है।", "Menu")] == [
        True,
        True,
        True,
        False,
    ]


def _furniture(number: int, p: float, title: float = 0.0) -> LineRole:
    probs = {"furniture": p, "title": title, "body": 1.0 - p - title}
    return _role(number, "furniture", probs)


def test_a_question_in_arabic_is_a_sentence_and_needs_near_certainty_to_leave_out() -> None:
    line = "خالد أبو بكر: لماذا لا يملك الشارع صورة واضحة عن التغيير الوزاري؟"
    assert not droppable(_furniture(3, 0.94), line)
    assert droppable(_furniture(3, 0.98), line)


def test_a_line_that_may_be_the_headline_is_never_left_out() -> None:
    assert droppable(_furniture(1, 0.9), "Share this")
    assert not droppable(_furniture(1, 0.85, title=0.12), "Share this")


def test_a_headline_the_page_repeats_in_its_breadcrumb_stays() -> None:
    text = "中国新闻培训网\n当前位置:文章首页 >> 发言人资讯 >> 推进新闻发布工作迈上新台阶\n\n推进新闻发布工作迈上新台阶\n"
    assert repeated("推进新闻发布工作迈上新台阶", text)
    assert not repeated("中国新闻培训网", text)  # too short to tell from a menu


def test_a_sign_off_under_the_text_is_set_apart_but_a_slogan_or_a_heading_is_not() -> None:
    body = (
        "Storm Over the Valley\n\n"
        "The storm reached the valley on Monday night and left thousands of homes without power.\n\n"
        "Crews worked through the night to restore the lines, the county said on Tuesday.\n\n"
    )
    signed = read_text(body + "Martin Betts\n")
    assert signed.blocks[-1] == Aside("signature", (Text("Martin Betts"),)) or signed.authors == (
        "Martin Betts",
    )
    chant = read_text(body + "UNITE AND FIGHT!\n")
    assert isinstance(chant.blocks[-1], Paragraph)


def test_a_numeric_date_in_the_header_is_read_in_the_text_s_language() -> None:
    doc = read_text(
        "Prefeitura amplia segurança nas escolas\n\nPublicado em 04/06/2024\n\n"
        "A Prefeitura de Filadélfia anunciou nesta terça-feira um novo programa de segurança "
        "para as escolas municipais da cidade.\n\n"
        "O programa começa no próximo mês e vai atender todas as escolas da rede municipal de ensino.\n"
    )
    assert doc.date is not None and (doc.date.text, doc.date.iso) == ("04/06/2024", "2024-06-04")


def test_a_list_inside_a_paragraph_s_block_stays_a_list_whatever_the_tagger_says() -> None:
    doc = read_text(
        "The Origins of the Weekend\nBy Maria Gonzalez\nJune 9, 2017\n\n"
        "The weekend is a recent invention. Workers fought for it over many decades.\n"
        "The unions asked for three things:\n- a half day on Saturday\n- a full day on Sunday\n- pay for both\n\n"
        "It began in the mills of northern England, where Saturday afternoons were won first.\n"
    )
    lists = [b for b in doc.blocks if isinstance(b, List)]
    assert len(lists) == 1 and len(lists[0].items) == 3


@pytest.mark.parametrize("tail", ["Archivi", "Recommended UPI Stories", "Gostou? Compartilhe"])
def test_a_short_line_under_the_last_paragraph_is_set_apart_not_a_paragraph(tail: str) -> None:
    body = (
        "Storm Over the Valley\n\n"
        "The storm reached the valley on Monday night and left thousands of homes without power.\n\n"
        "Crews worked through the night to restore the lines, the county said on Tuesday.\n\n"
    )
    doc = read_text(body + tail + "\n")
    assert isinstance(doc.blocks[-1], Aside) and doc.blocks[-1].inlines == (Text(tail),)
    assert isinstance(doc.blocks[-2], Paragraph)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("December 27, 2002|By Don Pierson.", ["Don Pierson"]),
        ("Le 03/05/2025 à 22:29 par Nicolas Gary", ["Nicolas Gary"]),
        ("By Andy Bruce and Andrea Shalal", ["Andy Bruce", "Andrea Shalal"]),
        ("Photo by Getty Images", []),
        ("Killed by Police in Ohio", []),
    ],
)
def test_names_after_a_by_word_inside_a_line(line: str, names: list[str]) -> None:
    assert names_inside(line) == names


def test_a_byline_inside_the_date_line_names_the_author() -> None:
    doc = read_text(
        "Quarterbacks pursue the MVP award\n\nDecember 27, 2002|By Don Pierson.\n\n"
        "Three quarterbacks are in the race for the award this season, and all of them have a case.\n\n"
        "The vote comes next week, when the league announces its honours for the year.\n"
    )
    assert doc.authors == ("Don Pierson",)
    assert doc.date is not None and doc.date.iso == "2002-12-27"


@pytest.mark.parametrize(
    ("sign", "author"),
    [
        ("~ Kimberly Wolfe – Digital Collections Librarian", "Kimberly Wolfe"),
        ("/-/ Bożena Dominiak", "Bożena Dominiak"),
    ],
)
def test_the_person_who_signs_under_the_text_is_the_author(sign: str, author: str) -> None:
    doc = read_text(
        "A Minute with the Archives\n\n"
        "This quote sounds as if it could be from a recent meeting of the library committee.\n\n"
        "The tapes hold decades of voices from the campus, and we are digitising them this year.\n\n"
        + sign
        + "\n"
    )
    assert doc.authors == (author,)


def test_a_list_the_text_introduces_is_never_left_out_as_a_menu() -> None:
    lines = [
        "Here are the key players:",
        "",
        "• Matt Raabe was convicted",
        "• The money went back",
        "",
        "Share",
    ]
    roles = [
        _role(1, "body", {"body": 0.99, "furniture": 0.01}),
        _role(3, "furniture", {"furniture": 0.98, "list": 0.02}),
        _role(4, "furniture", {"furniture": 0.95, "list": 0.05}),
        _role(6, "furniture", {"furniture": 0.99, "body": 0.01}),
    ]
    assert introduced_lists(roles, lines) == {3, 4}
    menu = [_role(1, "furniture", {"furniture": 0.9, "body": 0.1}), *roles[1:]]
    assert introduced_lists(menu, lines) == set()


def test_a_salutation_under_a_block_set_apart_is_still_the_salutation() -> None:
    doc = read_text(
        "Vicar's Letter for this month\n\nBy Andrew Schmidt\n\n12 March 2023\n\n"
        "Photo: the church at dusk. Credit: John Smith/Getty Images\n\nDear Friends,\n\n"
        "I am writing this month's letter in the days following our recent Annual Meeting, which went well.\n\n"
        "We looked back on another difficult and challenging year for our church family.\n"
    )
    assert doc.metadata["salutation"] == "Dear Friends,"
    assert [type(b).__name__ for b in doc.blocks] == ["Aside", "Paragraph", "Paragraph"]


def _ctx(roles: list[LineRole], first_body: int) -> Any:
    return SimpleNamespace(roles={r.number: r for r in roles}, first_body=first_body, wrap_width=80)


def test_an_epigraph_the_tagger_reads_as_a_quotation_is_a_blockquote() -> None:
    quote = {"quote": 0.9, "body": 0.1}
    roles = [
        _role(1, "title", {"title": 0.9, "body": 0.1}),
        _role(3, "quote", quote),
        _role(4, "quote", quote),
    ]
    chunk = Chunk([Line("“We shall not cease from exploration", 3, 0), Line("-T. S. Eliot", 4, 16)])
    draft = rule_learned_quote(_ctx(roles, first_body=6), 0, chunk)
    assert draft is not None and (draft.kind, draft.rule) == ("quote", "blocks.learned-quote")
    # inside the running text, or as the text's first line, the quotation rules decide
    assert rule_learned_quote(_ctx(roles, first_body=2), 0, chunk) is None
    assert rule_learned_quote(_ctx(roles[1:], first_body=6), 0, chunk) is None


def test_prose_the_tagger_doubts_is_never_set_apart_as_furniture() -> None:
    line = "I am back near where I grew up. It is lovely, and today I was back in my old school."
    roles = [
        _role(1, "title", {"title": 0.9, "body": 0.1}),
        _role(3, "furniture", {"furniture": 0.7, "body": 0.3}),
    ]
    ctx = SimpleNamespace(roles={r.number: r for r in roles}, first_body=9, last_body=9)
    assert rule_learned(ctx, 0, Chunk([Line(line, 3, 0)])) is None
    sure = [roles[0], _role(3, "furniture", {"furniture": 0.9, "body": 0.1})]
    ctx.roles = {r.number: r for r in sure}
    draft = rule_learned(ctx, 0, Chunk([Line(line, 3, 0)]))
    assert draft is not None and draft.block == Aside("furniture", (Text(line),))


def test_a_gutenberg_release_date_is_the_date_only_when_the_text_gives_none() -> None:
    head = (
        "The Project Gutenberg eBook of The Raven, by Edgar Allan Poe\n\n"
        "Title: The Raven\n\nAuthor: Edgar Allan Poe\n\n"
        "Release Date: October 1, 1997 [eBook #1065]\n\n"
        "*** START OF THE PROJECT GUTENBERG EBOOK THE RAVEN ***\n\n"
    )
    body = "Once upon a midnight dreary, while I pondered, weak and weary,\nOver many a quaint and curious volume.\n"
    doc = read_text(head + "THE RAVEN\n\n" + body)
    assert (doc.title, doc.authors) == ("The Raven", ("Edgar Allan Poe",))
    assert doc.date is not None and (doc.date.text, doc.date.iso) == ("October 1, 1997", "1997-10-01")


@pytest.mark.parametrize(
    ("front", "reason"),
    [
        ("a: &x foo\nb: *x\ntitle: Aliased", "aliases are not allowed in front matter"),
        ("title: [unclosed", "expected ',' or ']', but got '<stream end>'"),
    ],
)
def test_front_matter_that_cannot_be_read_is_announced_and_kept_as_text(
    front: str, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    doc = read_text(f"---\n{front}\n---\n\nBody text here for the test.\n")
    assert [r.getMessage() for r in caplog.records] == [
        f"front matter not read ({reason}); its lines are kept as text"
    ]
    assert "title" not in doc.metadata and doc.title != "Aliased"


def test_a_front_matter_language_no_registry_knows_is_used_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    doc = read_text("---\ntitle: T\nlanguage: zz\n---\n\nBody text.\n")
    assert doc.language == "zz"
    assert [r.getMessage() for r in caplog.records] == [
        "front matter key 'language': 'zz' names no known language (it is not in the IANA language "
        "subtag registry); used as given"
    ]
