"""The edges of an article: notes, related links, web leftovers, front matter, language."""

from __future__ import annotations

import pytest

from converters.model import Document, Note, NoteRef, Notes, Paragraph, RelatedLink
from converters.options import ReadOptions
from converters.readers.plaintext import read_text

HEAD = "Strike Vote Called\n\n2 March 2022\n\n"
P1 = "The strike committee met on Thursday evening to decide what to do about the new offer from the company."
P2 = (
    "Members will vote on the recommendation next week, and the result will be announced at the mass meeting."
)


def paragraphs(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)]


# Notes


def test_notes_section_with_heading_and_linked_markers() -> None:
    doc = read_text(
        HEAD
        + P1
        + " It was agreed.[1]\n\n"
        + P2
        + "[2]\n\nNotes\n\n1. The first note.\n2. The second note.\n"
    )
    notes = doc.blocks[-1]
    assert isinstance(notes, Notes)
    assert notes.heading == "Notes"
    assert [n.label for n in notes.items] == ["1", "2"]
    assert isinstance(notes.items[0], Note)
    refs = [
        node
        for b in doc.blocks
        if isinstance(b, Paragraph)
        for node in b.inlines
        if isinstance(node, NoteRef)
    ]
    assert refs == [NoteRef("1", "[1]"), NoteRef("2", "[2]")]
    assert paragraphs(doc)[0].endswith("It was agreed.[1]")


def test_bracketed_notes_without_heading() -> None:
    doc = read_text(
        HEAD + P1 + "[1]\n\n" + P2 + "\n\n\n[1] A note from the editors.—Ed.\n\n[2] Another one.\n"
    )
    notes = doc.blocks[-1]
    assert isinstance(notes, Notes)
    assert [(n.label, n.blocks[0]) for n in notes.items] == [
        ("1", Paragraph(notes.items[0].blocks[0].inlines)),
        ("2", Paragraph(notes.items[1].blocks[0].inlines)),
    ]
    assert paragraphs(doc)[-1] == P2


def test_parenthesised_markers_and_references_heading() -> None:
    doc = read_text(
        HEAD + P1 + " See the report.(1)\n\n" + P2 + "\n\nReferences:\n(1) The Annual Report, 2021.\n"
    )
    notes = doc.blocks[-1]
    assert isinstance(notes, Notes) and notes.heading == "References"
    refs = [
        node
        for b in doc.blocks
        if isinstance(b, Paragraph)
        for node in b.inlines
        if isinstance(node, NoteRef)
    ]
    assert refs == [NoteRef("1", "(1)")]


def test_numbered_list_at_the_end_without_heading_is_not_notes() -> None:
    doc = read_text(HEAD + P1 + " Our demands:\n\n1. More pay.\n2. Less work.\n")
    assert not any(isinstance(b, Notes) for b in doc.blocks)


# Related links


@pytest.mark.parametrize(
    "label",
    [
        "Related articles:",
        "Related:",
        "See also:",
        "Further reading:",
        "Read more:",
        "Related articles",
        "See also",
    ],
)
def test_related_labels(label: str) -> None:
    doc = read_text(HEAD + P1 + "\n\n" + P2 + f"\n\n{label}\nFirst Title\nSecond Title\n")
    assert [r.title for r in doc.related] == ["First Title", "Second Title"]
    assert doc.metadata["related_label"] == label
    assert paragraphs(doc) == [P1, P2]


@pytest.mark.parametrize(
    "label",
    [
        "Weitere Artikel:",
        "Mehr zum Thema",
        "Siehe auch:",
        "Articles connexes",
        "À lire aussi :",
        "Artículos relacionados:",
        "Véase también",
        "Articoli correlati:",
        "Vedi anche",
        "Veja também:",
        "Gerelateerde artikelen",
        "Zie ook:",
    ],
)
def test_related_labels_in_other_languages(label: str) -> None:
    doc = read_text(
        HEAD + P1 + "\n\n" + P2 + f"\n\n{label}\nWohnungsnot in München\nWer profitiert vom Baukindergeld?\n"
    )
    assert [r.title for r in doc.related] == ["Wohnungsnot in München", "Wer profitiert vom Baukindergeld?"]
    assert doc.metadata["related_label"] == label
    assert paragraphs(doc) == [P1, P2]


@pytest.mark.parametrize("label", ["Most read", "Most popular:", "Trending now"])
def test_most_read_list_is_a_related_list(label: str) -> None:
    doc = read_text(
        HEAD + P1 + f"\n\n{label}\n1. Council tax to rise by 5 percent\n2. New bridge opens to traffic\n"
    )
    assert [r.title for r in doc.related] == [
        "Council tax to rise by 5 percent",
        "New bridge opens to traffic",
    ]
    assert doc.metadata["related_label"] == label
    assert paragraphs(doc) == [P1]


def test_siehe_auch_opening_a_paragraph_stays_text() -> None:
    last = "Siehe auch die Erklärung des Mieterbundes vom Montag, die schärfere Kontrollen fordert."
    doc = read_text(HEAD + P1 + "\n\n" + last + "\n")
    assert doc.related == ()
    assert paragraphs(doc) == [P1, last]
    doc = read_text(HEAD + P1 + "\n\nSiehe auch:\n\n" + P2 + "\n")  # a label followed by prose
    assert doc.related == ()
    assert paragraphs(doc)[-1] == P2


def test_related_with_urls() -> None:
    doc = read_text(
        HEAD
        + P1
        + "\n\nSee also:\n\nFirst Title - https://example.org/one\n\nSecond Title\nhttps://example.org/two\n"
    )
    assert doc.related == (
        RelatedLink("First Title", "https://example.org/one"),
        RelatedLink("Second Title", "https://example.org/two"),
    )


def test_list_after_a_colon_in_the_body_is_not_related() -> None:
    doc = read_text(HEAD + P1 + " We discuss these two articles:\n\nWhy We Strike\n\nWhat We Want\n\n" + P2)
    assert doc.related == ()


def test_related_list_with_a_teaser_keeps_the_teaser_out_of_the_body() -> None:
    teaser = "A reporter writes that the dockers have won back their overtime rates after a long dispute."
    doc = read_text(HEAD + P1 + "\n\nMore in Labour, Docks\nDockers Win Again\n\n" + teaser + "\n")
    assert [r.title for r in doc.related] == ["Dockers Win Again"]
    assert paragraphs(doc) == [P1]
    assert doc.metadata["dropped"] == [teaser]


# Web leftovers


def test_web_leftovers_are_not_title_or_first_paragraph() -> None:
    text = (
        "Skip to content\nHome | News | About | Contact\n\nWe use cookies to improve your experience. "
        "Accept all cookies.\n\nNews > Industry > \n\nStrike Vote Called\n\n"
        + P1
        + "\n\nShare this:\nFacebook\n"
        "Twitter\n\n" + P2 + "\n\nLeave a comment\n\n3 Comments\n\nbottom of page\n"
    )
    doc = read_text(text)
    assert doc.title == "Strike Vote Called"
    assert paragraphs(doc) == [P1, P2]
    assert doc.metadata["dropped"] == [
        "Skip to content",
        "Home | News | About | Contact",
        "We use cookies to improve your experience. Accept all cookies.",
        "News > Industry >",
        "Share this:",
        "Facebook",
        "Twitter",
        "Leave a comment",
        "3 Comments",
        "bottom of page",
    ]


def test_gutenberg_licence_is_dropped() -> None:
    doc = read_text(HEAD + P1 + "\n\nEnd of the Project Gutenberg EBook of Something\n\nLicence text here.\n")
    assert paragraphs(doc) == [P1]
    assert doc.metadata["dropped"][0].startswith("End of the Project Gutenberg")


# Front matter


def test_yaml_front_matter_wins() -> None:
    doc = read_text(
        "---\ntitle: The Real Title\nsubtitle: A Better One\ndate: 2021-05-04\nauthors: [Jane Doe, John Roe]\n"
        "language: fr\ntags: [one, two]\n---\n" + HEAD + P1
    )
    assert doc.title == "The Real Title"
    assert doc.subtitle == "A Better One"
    assert doc.date is not None and (doc.date.text, doc.date.iso) == ("2021-05-04", "2021-05-04")
    assert doc.authors == ("Jane Doe", "John Roe")
    assert doc.language == "fr"
    assert doc.metadata["tags"] == ("one", "two") or list(doc.metadata["tags"]) == ["one", "two"]
    assert doc.metadata["detected_title"] == "Strike Vote Called"
    assert paragraphs(doc) == [P1]


def test_key_value_front_matter() -> None:
    doc = read_text(
        "Title: The Real Title\nAuthor: Jane Doe\nDate: 31 October 2020\nSeries: Pamphlets\n\n" + P1
    )
    assert doc.title == "The Real Title"
    assert doc.authors == ("Jane Doe",)
    assert doc.date is not None and doc.date.iso == "2020-10-31"
    assert doc.metadata["series"] == "Pamphlets"
    assert paragraphs(doc) == [P1]


def test_front_matter_date_fixes_a_misread_date() -> None:
    doc = read_text("---\ndate: January 1948\n---\n" + HEAD + P1)
    assert doc.date is not None and doc.date.iso == "1948-01"


def test_yaml_that_is_not_a_mapping_is_text() -> None:
    doc = read_text("---\njust a line\n---\n" + P1)
    assert doc.title is None or doc.title != "The Real Title"
    assert P1 in " ".join(paragraphs(doc))


# Language


def test_language_option_wins() -> None:
    assert read_text(HEAD + P1, ReadOptions(language="de")).language == "de"


def test_language_detected() -> None:
    german = (
        "Streik beendet\n\nDie Gewerkschaft hat am Montag mitgeteilt, dass die Mitglieder mit großer Mehrheit "
        "für das Angebot gestimmt haben. Die Verhandlungen dauerten mehrere Monate."
    )
    assert read_text(german).language == "de"


def test_language_default_for_too_little_text() -> None:
    assert read_text("Hi").language == "en"


def test_readers_comments_are_not_the_article() -> None:
    comment = "Great article, thanks for writing it, I shared it with my whole branch today."
    doc = read_text(
        HEAD + P1 + "\n\n" + P2 + "\n\n" + P1 + "\n\n12 Comments\n\nAlex says:\n\n" + comment + "\n"
    )
    assert paragraphs(doc) == [P1, P2, P1]
    assert doc.metadata["dropped"] == ["12 Comments", "Alex says:", comment]


def test_related_items_with_bullets() -> None:
    doc = read_text(HEAD + P1 + "\n\nRelated articles:\n- First Title\n- Second Title\n")
    assert [r.title for r in doc.related] == ["First Title", "Second Title"]


def test_subject_key_sets_the_title() -> None:
    doc = read_text("Subject: Branch Meeting\nDate: 2021-05-04\n\n" + P1)
    assert doc.title == "Branch Meeting"
    assert doc.date is not None and doc.date.iso == "2021-05-04"


def test_notes_to_editors_and_ends_marker() -> None:
    doc = read_text(
        HEAD + P1 + "\n\nNotes to editors:\n1. The union has 45,000 members.\n2. Turnout was 78%.\n\nENDS\n"
    )
    notes = doc.blocks[-1]
    assert isinstance(notes, Notes) and notes.heading == "Notes to editors"
    assert len(notes.items) == 2
    assert doc.metadata["dropped"] == ["ENDS"]


def test_language_detection_unsure_falls_back_to_english() -> None:
    doc = read_text("Xq Zv\n\n" + " ".join(["zzq vvx kkp"] * 8))
    assert doc.language == "en"


def test_spanish_detected() -> None:
    text = (
        "Huelga en el puerto\n\nEl sindicato dijo el lunes que sus miembros votaron a favor de la huelga "
        "porque la empresa se niega a negociar los salarios de este año."
    )
    assert read_text(text).language == "es"


def test_gutenberg_preamble_fields_fill_the_header_and_its_lines_are_kept() -> None:
    text = (
        "The Project Gutenberg EBook of Bread and Roses, by Ann Example\n\nTitle: Bread and Roses\n\n"
        "Author: Ann Example\n\n*** START OF THIS PROJECT GUTENBERG EBOOK BREAD AND ROSES ***\n\n"
        "Produced by A. Volunteer\n\n\nBREAD AND ROSES\n\nby Ann Example\n\n\nFOREWORD\n\n" + P1 + "\n"
    )
    doc = read_text(text)
    assert doc.title == "Bread and Roses"  # the header's Title: field, as the labelled corpus reads it
    assert doc.authors == ("Ann Example",)
    assert doc.metadata["gutenberg"] == {"title": "Bread and Roses", "author": "Ann Example"}
    assert doc.metadata["source_note"][:3] == [
        "The Project Gutenberg EBook of Bread and Roses, by Ann Example",
        "Title: Bread and Roses",
        "Author: Ann Example",
    ]
    assert paragraphs(doc)[-1] == P1
    assert doc.metadata["detected_title"] == "BREAD AND ROSES"


def test_archive_footer_lines_are_dropped() -> None:
    doc = read_text(
        HEAD + P1 + "\n\n" + P2 + "\n\nPrinter-friendly version\n\nBack to top\n\n"
        "Writers Archive | Example Internet Archive\n\nLast updated on: 12.5.2020\n"
    )
    assert paragraphs(doc) == [P1, P2]
    assert len(doc.metadata["dropped"]) == 4


def test_related_also_by_label() -> None:
    doc = read_text(HEAD + P1 + "\n\nAlso by this author:\nAn Earlier Piece\n")
    assert [r.title for r in doc.related] == ["An Earlier Piece"]


def test_photo_credits_and_reading_time_are_leftovers() -> None:
    doc = read_text("Strike Vote Called\n\n5 min read\n\nPhoto: A. Photographer / Agency\n\n" + P1 + "\n")
    assert doc.title == "Strike Vote Called"
    assert paragraphs(doc) == [P1]
    assert doc.metadata["dropped"] == ["5 min read", "Photo: A. Photographer / Agency"]


def test_cookie_notice_wrapped_over_lines_is_one_leftover() -> None:
    notice = (
        "We use cookies to ensure that we can give you the best experience.\n"
        "By continuing to use our website you consent to their use. Find out more."
    )
    doc = read_text(notice + "\n\n" + HEAD + P1 + "\n")
    assert doc.title == "Strike Vote Called"
    assert paragraphs(doc) == [P1]
    assert doc.metadata["dropped"] == [" ".join(notice.split("\n"))]


def test_wrapped_related_title_and_teaser() -> None:
    doc = read_text(
        HEAD + P1 + "\n\nRelated articles:\nThe Theory of the Strike Wave, its Origins and its Lessons for\n"
        "Today\nA Second Title\n\nMore from the archive\nA Third Title\n\n"
        "A reporter writes that the third piece was first published in a\nbulletin during the long dispute.\n"
    )
    assert [r.title for r in doc.related] == ["A Third Title"]
    doc = read_text(
        HEAD
        + P1
        + "\n\nRelated articles:\nThe Theory of the Strike Wave, its Origins and its Lessons for the\n"
        "Movement Today\nA Second Title\n"
    )
    assert [r.title for r in doc.related] == [
        "The Theory of the Strike Wave, its Origins and its Lessons for the Movement Today",
        "A Second Title",
    ]


def test_markers_inside_quotations_are_linked() -> None:
    doc = read_text(
        HEAD + P1 + " He wrote:\n\n“We must organise.”[1]\n\n" + P2 + "\n\nNotes\n\n1. A letter of 1912.\n"
    )
    quote = next(b for b in doc.blocks if type(b).__name__ == "BlockQuote")
    inner = quote.blocks[0]  # type: ignore[attr-defined]
    assert NoteRef("1", "[1]") in inner.inlines


def test_related_items_with_date_lines() -> None:
    doc = read_text(HEAD + P1 + "\n\nRelated articles\nFirst Title\n3 May 2021\nSecond Title\n4 May 2021\n")
    assert [r.title for r in doc.related] == ["First Title", "Second Title"]
    assert doc.metadata["dropped"] == ["3 May 2021", "4 May 2021"]


def test_share_bar_on_one_line_and_appeals() -> None:
    doc = read_text(
        "Share on Facebook Share on Twitter Email\n\n"
        + HEAD
        + P1
        + "\n\nDonate now\n\nSign up for our newsletter\n"
    )
    assert doc.title == "Strike Vote Called"
    assert paragraphs(doc) == [P1]
    assert doc.metadata["dropped"] == [
        "Share on Facebook Share on Twitter Email",
        "Donate now",
        "Sign up for our newsletter",
    ]


def test_a_body_paragraph_after_a_see_also_list_is_not_a_teaser() -> None:
    doc = read_text(HEAD + P1 + "\n\nSee also:\nDockers Win Again\n\n" + P2 + "\n")
    assert doc.related == ()
    assert paragraphs(doc)[-1] == P2


def test_a_section_called_replies_to_critics_is_not_a_comments_section() -> None:
    doc = read_text(HEAD + P1 + "\n\n" + P2 + "\n\nReplies to critics\n\n" + P1 + "\n\n" + P2 + "\n")
    assert paragraphs(doc) == [P1, P2, P1, P2]
