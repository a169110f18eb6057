"""The header zone: title, subtitle, date and byline in the orders real articles use."""

from __future__ import annotations

import pytest

from converters.model import BlockQuote, DateValue, Document, Heading, Paragraph
from converters.readers.plaintext import read_text

BODY = (
    "\n\nThe union said on Monday that its members had voted by a large majority to accept "
    "the offer after months of talks.\n\nA second paragraph follows here, with more words about "
    "the deal and what it means for the members.\n"
)


def read(head: str) -> Document:
    return read_text(head + BODY)


def first_paragraph(doc: Document) -> str:
    return next(b.text for b in doc.blocks if isinstance(b, Paragraph))


def test_title_subtitle_date() -> None:
    doc = read("Union Wins Pay Deal\n\nMembers Back the Offer\n\n3 May 2021")
    assert (doc.title, doc.subtitle) == ("Union Wins Pay Deal", "Members Back the Offer")
    assert doc.date == DateValue("3 May 2021", "2021-05-03")
    assert first_paragraph(doc).startswith("The union said on Monday")


def test_no_header_at_all() -> None:
    doc = read_text(BODY.strip())
    assert doc.title is None and doc.subtitle is None and doc.date is None
    assert first_paragraph(doc).startswith("The union said on Monday")


def test_salutation_line_one_is_not_a_title() -> None:
    doc = read_text("Comrades: we write to you today about the strike fund and the ballot." + BODY)
    assert doc.title is None
    assert first_paragraph(doc).startswith("Comrades: we write")


def test_kicker_label_above_title() -> None:
    doc = read("INDUSTRY\n\nUnion Wins Pay Deal\n\n3 May 2021")
    assert doc.title == "Union Wins Pay Deal"
    assert doc.subtitle is None
    assert doc.metadata["kicker"] == "INDUSTRY"


def test_kicker_above_title_and_subtitle() -> None:
    doc = read("Industrial news\n\nUnion Wins Pay Deal\n\nMembers back the offer\n\n3 May 2021")
    assert (doc.title, doc.subtitle) == ("Union Wins Pay Deal", "Members back the offer")
    assert doc.metadata["kicker"] == "Industrial news"


def test_kicker_under_date_in_the_same_block() -> None:
    doc = read(
        "The Organiser\n\n21.03.2024\nAnother year, same fight\n\nPay Talks Collapse\n\n"
        "Negotiators walked out on Friday and Sam Okafor explains why"
    )
    assert doc.title == "Pay Talks Collapse"
    assert doc.subtitle == "Negotiators walked out on Friday and Sam Okafor explains why"
    assert doc.date == DateValue("21.03.2024", "2024-03-21")
    assert doc.authors == ("Sam Okafor",)


def test_byline_before_title_archive_style() -> None:
    doc = read("Jane Doe\n\nUnion Wins Pay Deal\n\nMembers Back the Offer")
    assert doc.authors == ("Jane Doe",)
    assert (doc.title, doc.subtitle) == ("Union Wins Pay Deal", "Members Back the Offer")


@pytest.mark.parametrize(
    "byline",
    ["By Jane Doe and John Smith", "by Jane Doe & John Smith", "BY Jane Doe, John Smith"],
)
def test_by_line(byline: str) -> None:
    doc = read(f"Union Wins Pay Deal\n\n{byline}\n\n3 May 2021")
    assert doc.title == "Union Wins Pay Deal"
    assert doc.authors == ("Jane Doe", "John Smith")
    assert doc.subtitle is None


def test_header_lines_without_blank_lines() -> None:
    doc = read("Union Wins Pay Deal\nBy Jane Doe\n3 May 2021")
    assert (doc.title, doc.authors, doc.date) == (
        "Union Wins Pay Deal",
        ("Jane Doe",),
        DateValue("3 May 2021", "2021-05-03"),
    )


def test_name_pipe_affiliation() -> None:
    doc = read("Union Wins Pay Deal\n\nJane Doe | University of Leeds\n\nPublished 3 May 2021")
    assert doc.authors == ("Jane Doe",)
    assert doc.date == DateValue("3 May 2021", "2021-05-03")


def test_bare_name_after_title() -> None:
    doc = read("Union Wins Pay Deal\n\nJane Doe\n\n3 May 2021")
    assert doc.title == "Union Wins Pay Deal"
    assert doc.authors == ("Jane Doe",)
    assert doc.subtitle is None


@pytest.mark.parametrize(
    ("line", "text", "iso"),
    [
        ("Date: 23 June 2016", "23 June 2016", "2016-06-23"),
        ("Published 3 May 2021", "3 May 2021", "2021-05-03"),
        ("Posted on October 31, 2020", "October 31, 2020", "2020-10-31"),
        ("Written: Written February 27, 1914", "February 27, 1914", "1914-02-27"),
        ("Workers Monthly, January 1948", "January 1948", "1948-01"),
        ("Saturday, February 20, 2016", "Saturday, February 20, 2016", "2016-02-20"),
    ],
)
def test_labelled_dates(line: str, text: str, iso: str) -> None:
    doc = read(f"Union Wins Pay Deal\n\n{line}")
    assert doc.title == "Union Wins Pay Deal"
    assert doc.date == DateValue(text, iso)


def test_date_before_title() -> None:
    doc = read("Saturday, February 20, 2016\n\nUnion Wins Pay Deal")
    assert doc.title == "Union Wins Pay Deal"
    assert doc.date is not None and doc.date.iso == "2016-02-20"


def test_date_glued_to_the_first_paragraph() -> None:
    doc = read_text("Union Wins Pay Deal\n\nDate: 23 June 2016 Members voted yes to the offer today." + BODY)
    assert doc.date == DateValue("23 June 2016", "2016-06-23")
    assert first_paragraph(doc) == "Members voted yes to the offer today."


@pytest.mark.parametrize(
    "title",
    [
        "Left/Right: A False Divide",
        "Bolivia: The Coup and After",
        "“No Retreat”: Dockers Vote Again",
        "The Road to Power (Workers Vanguard No. 12)",
        "To the Dockers,[1] in confidence",
        'Why We Say "No"',
    ],
)
def test_titles_stay_exactly_as_written(title: str) -> None:
    doc = read(f"{title}\n\n2020-10-31")
    assert doc.title == title


def test_in_sentence_may_and_event_year_are_not_the_date() -> None:
    doc = read_text(
        "Union Wins Pay Deal\n\nWorkers may strike again in 1984 if the offer is withdrawn, the union said."
        + BODY
    )
    assert doc.date is None
    assert first_paragraph(doc).startswith("Workers may strike again")


def test_short_sentence_after_title_is_the_first_paragraph() -> None:
    doc = read("Union Wins Pay Deal\n\nThe deal was agreed on Monday.")
    assert doc.subtitle is None
    assert first_paragraph(doc) == "The deal was agreed on Monday."


def test_section_word_after_title_is_a_heading_not_a_subtitle() -> None:
    doc = read("Union Wins Pay Deal\n\nBackground")
    assert doc.subtitle is None
    assert isinstance(doc.blocks[0], Heading) and doc.blocks[0].text == "Background"


def test_masthead_named_in_the_footer_is_not_the_title() -> None:
    doc = read_text("Valley Gazette\n\nUnion Wins Pay Deal" + BODY + "\nFrom Valley Gazette\n")
    assert doc.title == "Union Wins Pay Deal"
    assert doc.subtitle is None
    assert doc.metadata["publication"] == "Valley Gazette"


def test_issue_line_is_metadata() -> None:
    doc = read("Workers Monthly No. 209\n\nWinter 2009-2010\n\nUnion Wins Pay Deal\n\nOn to the next fight!")
    assert (doc.title, doc.subtitle) == ("Union Wins Pay Deal", "On to the next fight!")
    assert doc.date == DateValue("Winter 2009-2010", "2009")
    assert doc.metadata["issue"] == "Workers Monthly No. 209"


def test_archive_source_note_is_metadata_not_body() -> None:
    doc = read(
        "Union Wins Pay Deal\n\nFrom Labour Review, Vol. 3 No. 2, March 1958, pp. 4-9.\n"
        "Translated by A. Translator.\nTranscribed by a volunteer for the archive."
    )
    assert doc.title == "Union Wins Pay Deal"
    assert first_paragraph(doc).startswith("The union said on Monday")
    assert doc.metadata["source_note"][1] == "Translated by A. Translator."


def test_letter_salutation_and_signature() -> None:
    doc = read_text(
        "To the Branch Secretary\n\nDear Colleague,\n" + BODY + "\nIn solidarity,\n\nThe Strike Committee\n"
    )
    assert doc.title == "To the Branch Secretary"
    assert doc.metadata["salutation"] == "Dear Colleague,"
    assert doc.metadata["closing"] == "In solidarity,"
    assert doc.authors == ("The Strike Committee",)
    paragraphs = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert paragraphs[0].startswith("The union said") and paragraphs[-1].startswith("A second paragraph")


def test_marxists_archive_header() -> None:
    doc = read(
        "Rosa Example\n\nThe Mass Strike Today\n\n(January 1906)\n\n\n"
        "Source: Collected Writings, Volume 2, p. 10.\nTranscription/Markup: A. Volunteer."
    )
    assert doc.authors == ("Rosa Example",)
    assert doc.title == "The Mass Strike Today"
    assert doc.date == DateValue("January 1906", "1906-01")
    assert doc.metadata["source_note"] == [
        "Source: Collected Writings, Volume 2, p. 10.",
        "Transcription/Markup: A. Volunteer.",
    ]


def test_date_from_a_source_note() -> None:
    doc = read("The Mass Strike Today\n\nFirst Published: 1906 in a pamphlet\nSource: Collected Writings.")
    assert doc.date == DateValue("1906", "1906")


def test_posted_by_with_date_on_one_line() -> None:
    doc = read("Union Wins Pay Deal\n\nPosted by Jane Doe on March 3, 2015")
    assert doc.authors == ("Jane Doe",)
    assert doc.date == DateValue("March 3, 2015", "2015-03-03")
    assert doc.metadata["byline"] == "Posted by Jane Doe on March 3, 2015"


def test_time_after_a_date() -> None:
    doc = read("Union Wins Pay Deal\n\nUpdated 3 May 2021 14:02 BST")
    assert doc.date == DateValue("3 May 2021", "2021-05-03")


def test_title_directly_above_the_first_paragraph() -> None:
    doc = read_text(
        "Union Wins Pay Deal\nThe union said on Monday that its members had voted by a large majority\n"
        "to accept the offer after months of talks with the employers.\n"
    )
    assert doc.title == "Union Wins Pay Deal"
    assert first_paragraph(doc).startswith("The union said on Monday")


def test_wrapped_first_line_is_not_split_off_as_a_title() -> None:
    doc = read_text(
        "Friends: a member of our branch who lived abroad for many years has\n"
        "offered to carry this letter to you, and we are glad to send it now.\n"
    )
    assert doc.title is None
    assert first_paragraph(doc).startswith("Friends: a member of our branch")


def test_page_title_repeated_as_headline() -> None:
    doc = read("Union Wins Pay Deal | Valley Gazette\n\nUnion Wins Pay Deal\n\n3 May 2021")
    assert doc.title == "Union Wins Pay Deal"
    assert doc.subtitle is None
    assert doc.metadata["page_title"] == "Union Wins Pay Deal | Valley Gazette"


def test_name_below_title_subtitle_and_date() -> None:
    doc = read("Union Wins Pay Deal\n\nMembers Back the Offer\n\n3 May 2021\n\nJane Doe")
    assert (doc.title, doc.subtitle, doc.authors) == (
        "Union Wins Pay Deal",
        "Members Back the Offer",
        ("Jane Doe",),
    )


def test_headline_shaped_like_a_name_stays_the_title() -> None:
    doc = read("Pay Talks Collapse\n\nNegotiators Walk Out Again")
    assert (doc.title, doc.subtitle, doc.authors) == ("Pay Talks Collapse", "Negotiators Walk Out Again", ())


def test_name_above_title_needs_a_given_name_when_alone() -> None:
    doc = read("V. I. Lenin\n\nOn Strikes")
    assert (doc.authors, doc.title) == (("V. I. Lenin",), "On Strikes")


def test_blog_layout_name_date_headline_byline() -> None:
    doc = read("Red Notes\n\nThursday, 4 March 2015\n\nWhy the Minimum Wage Matters\n\nPosted by Sam Okafor")
    assert doc.title == "Why the Minimum Wage Matters"
    assert doc.subtitle is None
    assert doc.authors == ("Sam Okafor",)
    assert doc.metadata["publication"] == "Red Notes"


def test_title_date_subtitle_keeps_the_title_first() -> None:
    doc = read("Union Wins Pay Deal\n\n3 May 2021\n\nMembers back the offer")
    assert (doc.title, doc.subtitle) == ("Union Wins Pay Deal", "Members back the offer")


def test_byline_in_capitals_with_a_role() -> None:
    doc = read("Union Wins Pay Deal\n\nBy JANE DOE, Education Correspondent")
    assert doc.authors == ("JANE DOE",)
    assert doc.metadata["byline"] == "By JANE DOE, Education Correspondent"


def test_press_release_labels_are_not_the_title() -> None:
    doc = read("PRESS RELEASE\n\nFor immediate release\n12 January 2022\n\nCare Workers Win a Pay Rise")
    assert doc.title == "Care Workers Win a Pay Rise"
    assert doc.metadata["kicker"] == "PRESS RELEASE / For immediate release"


def test_short_line_below_title_subtitle_and_date_is_a_heading() -> None:
    doc = read("Union Wins Pay Deal\n\nMembers Back the Offer\n\n3 May 2021\n\nThe Early Years")
    assert (doc.title, doc.subtitle) == ("Union Wins Pay Deal", "Members Back the Offer")
    assert isinstance(doc.blocks[0], Heading) and doc.blocks[0].text == "The Early Years"


def test_long_title_wrapped_at_72_columns() -> None:
    doc = read("Bolivia’s Long Crisis: Pandemic, Economic Collapse, Repressive Coup\nRegime\n\nIntroduction")
    assert doc.title == "Bolivia’s Long Crisis: Pandemic, Economic Collapse, Repressive Coup Regime"
    assert doc.subtitle is None


def test_wrapped_sentence_ending_in_a_date_is_not_a_date_line() -> None:
    doc = read_text(
        "Union Wins Pay Deal\n\nThe article below is an edited version of a talk given by a steward\n"
        "in Leeds on 14 November 2009.\n\n" + BODY
    )
    assert doc.date is None
    assert first_paragraph(doc).startswith("The article below")


def test_closing_and_signature_in_one_block() -> None:
    doc = read_text(
        "To the Branches\n\nDear Comrades,\n" + BODY + "\nWith communist greetings,\nN. Example\n"
    )
    assert doc.authors == ("N. Example",)
    assert doc.metadata["closing"] == "With communist greetings,"
    assert first_paragraph(doc).startswith("The union said")
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)][-1].startswith("A second paragraph")


@pytest.mark.parametrize(
    "line",
    ["Posted on May 3, 2021 by Jane Doe", "Submitted by Jane Doe on May 3, 2021", "May 3, 2021 by Jane Doe"],
)
def test_date_and_byline_on_one_line_in_either_order(line: str) -> None:
    doc = read(f"Union Wins Pay Deal\n\n{line}")
    assert doc.authors == ("Jane Doe",)
    assert doc.date == DateValue("May 3, 2021", "2021-05-03")
    assert doc.title == "Union Wins Pay Deal"


def test_date_and_issue_on_one_line() -> None:
    doc = read("Union Wins Pay Deal\n\n3 May 2021 | Issue No. 2500")
    assert doc.date == DateValue("3 May 2021", "2021-05-03")
    assert doc.metadata["issue"] == "Issue No. 2500"


def test_short_caps_title_is_not_a_kicker() -> None:
    doc = read("MAS/ARCE ELECTION WIN\n\nNo Victory for the Working Class\n\n31 October 2020")
    assert (doc.title, doc.subtitle) == ("MAS/ARCE ELECTION WIN", "No Victory for the Working Class")


def test_name_below_the_date_leaves_a_name_shaped_title_alone() -> None:
    doc = read("Permanent Revolution Today\n\nThe Theory and Its Critics\n\n3 May 2021\n\nJane Doe")
    assert doc.title == "Permanent Revolution Today"
    assert doc.subtitle == "The Theory and Its Critics"
    assert doc.authors == ("Jane Doe",)


def test_periodical_issue_line_dates_the_article() -> None:
    doc = read("Labor Monthly, Vol. 5 No. 12, 24 March 1941, p. 3.\n\nAnn Example\n\nThe War and the Unions")
    assert doc.date == DateValue("24 March 1941", "1941-03-24")
    assert doc.title == "The War and the Unions"
    assert doc.authors == ("Ann Example",)


def test_date_from_a_source_note_naming_the_issue() -> None:
    doc = read("The War and the Unions\n\nSource: Labor Monthly, Vol. 5 No. 12, 24 March 1941, p. 3.")
    assert doc.date == DateValue("24 March 1941", "1941-03-24")
    assert doc.metadata["source_note"] == ["Source: Labor Monthly, Vol. 5 No. 12, 24 March 1941, p. 3."]


def test_sentence_standfirst_above_the_date() -> None:
    doc = read(
        "Union Wins Pay Deal\n\nThe union has accepted a deal that falls short of what members wanted.\n\n3 May 2021"
    )
    assert doc.subtitle == "The union has accepted a deal that falls short of what members wanted."
    assert doc.date == DateValue("3 May 2021", "2021-05-03")
    assert first_paragraph(doc).startswith("The union said on Monday")


def test_a_date_alone_in_the_body_is_not_a_heading() -> None:
    doc = read_text(BODY.strip() + "\n\n3 May 2021\n\n" + BODY.strip())
    assert not any(isinstance(b, Heading) for b in doc.blocks)


SUBTITLE_THEN_NAME = "The Origins of the Weekend\nHow Saturday became a day of rest\n{name}\n"


@pytest.mark.parametrize("sep", ["", "\n"])
@pytest.mark.parametrize("name", ["Maria Gonzalez", "Helga Svartholm"])
def test_bare_name_below_title_and_subtitle(sep: str, name: str) -> None:
    head = SUBTITLE_THEN_NAME.format(name=name).replace("\n", "\n" + sep).strip()
    doc = read(head + "\n" + sep + "June 9, 2017")
    assert (doc.title, doc.subtitle) == ("The Origins of the Weekend", "How Saturday became a day of rest")
    assert doc.authors == (name,)
    assert doc.date == DateValue("June 9, 2017", "2017-06-09")
    assert "kicker" not in doc.metadata


@pytest.mark.parametrize("heading", ["I. THE PROBLEM", "1. Where it began", "Part One"])
def test_first_numbered_heading_ends_the_header(heading: str) -> None:
    doc = read(SUBTITLE_THEN_NAME.format(name="Peter Lindqvist") + "\n" + heading)
    assert (doc.title, doc.subtitle) == ("The Origins of the Weekend", "How Saturday became a day of rest")
    assert doc.authors == ("Peter Lindqvist",)
    first = doc.blocks[0]
    assert isinstance(first, Heading) and first.text == heading


def test_headline_shaped_third_line_is_not_a_byline() -> None:
    doc = read("The Origins of the Weekend\n\nHow Saturday became a day of rest\n\nNotes From the Field")
    assert doc.authors == ()
    assert "Notes From the Field" in (doc.title, doc.subtitle)


def test_labelled_date_wins_over_a_periodical_line() -> None:
    doc = read("The Harbour Gazette, Spring 1921\n\nAn Open Letter to the Dock Board\n\nDate: 14 March 1921")
    assert doc.title == "An Open Letter to the Dock Board"
    assert doc.date == DateValue("14 March 1921", "1921-03-14")
    assert doc.metadata["publication"] == "The Harbour Gazette, Spring 1921"
    assert doc.metadata["date_line"] == "Date: 14 March 1921"
    assert "dates" not in doc.metadata


def test_labelled_date_wins_over_a_season_line() -> None:
    doc = read(
        "Workers Hammer No. 209\n\nWinter 2009-2010\n\nThe Bolshevik Revolution\n\nPublished 14 November 2009"
    )
    assert doc.date == DateValue("14 November 2009", "2009-11-14")
    assert doc.metadata["dates"] == ["Winter 2009-2010"]


def test_unlabelled_date_does_not_win_over_a_periodical_line() -> None:
    doc = read("New International, January 1948\n\nPeron: Argentine Sub-Imperialist\n\n12 January 1948")
    assert doc.date == DateValue("January 1948", "1948-01")
    assert doc.metadata["publication"] == "New International"
    assert doc.metadata["dates"] == ["12 January 1948"]


def test_french_date_label_is_the_date_not_the_subtitle() -> None:
    doc = read(
        "La grève des cheminots se durcit\n\nLes syndicats appellent à une journée de mobilisation\n\n"
        "Par Claire Dubois\nPublié le 5 décembre 2019"
    )
    assert (doc.title, doc.subtitle) == (
        "La grève des cheminots se durcit",
        "Les syndicats appellent à une journée de mobilisation",
    )
    assert doc.authors == ("Claire Dubois",)
    assert doc.date == DateValue("5 décembre 2019", "2019-12-05")
    assert doc.metadata["date_line"] == "Publié le 5 décembre 2019"


@pytest.mark.parametrize(
    "signed",
    [
        "Margaret Ellison\nChair, Friends of Hyde Park Library",
        "Margaret Ellison\nChair\nFriends of Hyde Park Library",
    ],
)
def test_signature_with_a_role_line_names_the_person(signed: str) -> None:
    doc = read_text("Dear Editor,\n" + BODY + "\nYours sincerely,\n\n" + signed + "\n")
    assert doc.authors == ("Margaret Ellison",)
    assert doc.metadata["signature"] == " ".join(signed.split("\n"))
    assert doc.metadata["closing"] == "Yours sincerely,"


def test_two_line_signature_of_names_names_both() -> None:
    doc = read_text("Dear Editor,\n" + BODY + "\nYours sincerely,\n\nMargaret Ellison\nJohn Carter\n")
    assert doc.authors == ("Margaret Ellison", "John Carter")
    assert doc.metadata["signature"] == "Margaret Ellison John Carter"


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Door Sanne de Vries", ("Sanne de Vries",)),
        ("Door Anna Berg en Piet Jansen", ("Anna Berg", "Piet Jansen")),
        ("di Marco Bianchi", ("Marco Bianchi",)),
        ("di Marco Bianchi e Giulia Rossi", ("Marco Bianchi", "Giulia Rossi")),
    ],
)
def test_dutch_and_italian_bylines(line: str, authors: tuple[str, ...]) -> None:
    doc = read(f"Zorgpersoneel legt werk neer\n\n{line}\nGepubliceerd op 3 mei 2021")
    assert doc.title == "Zorgpersoneel legt werk neer"
    assert doc.subtitle is None
    assert doc.authors == authors
    assert doc.metadata["byline"] == line


@pytest.mark.parametrize("line", ["Di Maio quits as party leader", "Door to door sales rise again"])
def test_door_or_di_before_words_that_are_not_names_is_not_a_byline(line: str) -> None:
    doc = read(f"{line}\n\n3 May 2021")
    assert doc.title == line
    assert doc.authors == ()


LETTER_TAIL = "\nYours sincerely,\n\nMargaret Ellison\n"


@pytest.mark.parametrize(
    "address",
    [
        ["14 Elm Road", "Leeds LS6 2AB"],
        ["Margaret Ellison", "14 Elm Road", "Leeds LS6 2AB"],
        ["221 Maple Avenue", "Springfield, IL 62701"],
        ["Lindenstraße 12", "10969 Berlin"],
    ],
)
def test_sender_address_above_a_letter_is_not_the_title(address: list[str]) -> None:
    from converters.presentation import header as presented

    doc = read_text("\n".join(address) + "\n\n3rd April 2024\n\nDear Editor,\n" + BODY + LETTER_TAIL)
    assert doc.title is None and doc.subtitle is None
    assert doc.metadata["address"] == address
    assert doc.date == DateValue("3rd April 2024", "2024-04-03")
    assert doc.metadata["salutation"] == "Dear Editor,"
    assert doc.authors == ("Margaret Ellison",)
    assert presented(doc).masthead[-len(address) :] == tuple(address)


@pytest.mark.parametrize(
    "head", ["10 Downing Street Denies Report\n\nMinisters Split", "221 Maple Avenue\n\nA History"]
)
def test_a_street_line_alone_is_a_title(head: str) -> None:
    doc = read(head + "\n\n3 May 2021")
    assert "address" not in doc.metadata
    assert doc.title == head.split("\n")[0]


def test_epigraph_under_the_byline_opens_the_body() -> None:
    doc = read_text(
        "The Long Walk Home\n\nReflections on a year without a car\n\nby Samuel Okafor\n\n"
        '"The journey of a thousand miles begins with a single step."\n— Lao Tzu' + BODY
    )
    assert (doc.title, doc.subtitle) == ("The Long Walk Home", "Reflections on a year without a car")
    assert doc.authors == ("Samuel Okafor",)
    assert "kicker" not in doc.metadata
    quote = doc.blocks[0]
    assert isinstance(quote, BlockQuote) and quote.attribution is not None
    assert first_paragraph(doc).startswith("The union said on Monday")


def test_a_second_date_line_keeps_its_time() -> None:
    doc = read("Turnout Hits Record\n\nJordan Lee\nPublished: 6 May 2022, 18:30\nUpdated: 7 May 2022, 09:15")
    assert doc.date == DateValue("6 May 2022", "2022-05-06")
    assert doc.metadata["date_line"] == "Published: 6 May 2022, 18:30"
    assert doc.metadata["dates"] == ["Updated: 7 May 2022, 09:15"]


def test_name_directly_above_the_date_under_a_title_case_subtitle() -> None:
    doc = read("The Origins of the Weekend\nHow Saturday Became a Day of Rest\nHelga Svartholm\nJune 9, 2017")
    assert (doc.title, doc.subtitle) == ("The Origins of the Weekend", "How Saturday Became a Day of Rest")
    assert doc.authors == ("Helga Svartholm",)
    assert doc.date == DateValue("June 9, 2017", "2017-06-09")


def test_name_below_subtitle_with_a_section_label_above() -> None:
    doc = read(
        "OPINION\n\nThe Origins of the Weekend\n\nHow Saturday became a day of rest\n\nHelga Svartholm"
    )
    assert (doc.title, doc.subtitle) == ("The Origins of the Weekend", "How Saturday became a day of rest")
    assert doc.authors == ("Helga Svartholm",)
    assert doc.metadata["kicker"] == "OPINION"


def test_title_case_line_above_a_date_in_another_block_is_not_a_byline() -> None:
    doc = read(
        "The Origins of the Weekend\n\nHow Saturday Became a Day of Rest\n\nNurses Strike Again\n\nJune 9, 2017"
    )
    assert doc.authors == ()


def test_byline_with_a_place_after_a_bar_names_only_the_person() -> None:
    doc = read("La sequía obliga a restringir el agua\n\nPor Pablo Martín | Barcelona\n3 May 2021")
    assert doc.authors == ("Pablo Martín",)
    assert doc.metadata["byline"] == "Por Pablo Martín | Barcelona"


@pytest.mark.parametrize(
    "role", ["Contributing writer", "Staff reporter", "Political editor, The Daily Ledger"]
)
def test_name_and_role_lines_are_the_byline(role: str) -> None:
    doc = read(
        "Opinion | The Daily Ledger\n\nWhy Cities Should Own Their Power Grids\n\n"
        "Municipal utilities are cheaper and more reliable\n\n"
        f"Tom Hale\n{role}\nAugust 2, 2021"
    )
    assert (doc.title, doc.subtitle) == (
        "Why Cities Should Own Their Power Grids",
        "Municipal utilities are cheaper and more reliable",
    )
    assert doc.authors == ("Tom Hale",)
    assert doc.metadata["byline"] == f"Tom Hale, {role}"
    assert doc.metadata["kicker"] == "Opinion | The Daily Ledger"
    assert doc.date == DateValue("August 2, 2021", "2021-08-02")


def test_name_above_a_headline_about_writers_stays_archive_style() -> None:
    doc = read("Rosa Luxemburg\nThe writer and the revolution\n\n3 May 2021")
    assert doc.authors == ("Rosa Luxemburg",)
    assert doc.title == "The writer and the revolution"


def test_part_one_of_a_series_is_a_subtitle() -> None:
    doc = read("The Origins of the Weekend\n\nPart one of a three-part series\n\n3 May 2021")
    assert (doc.title, doc.subtitle) == ("The Origins of the Weekend", "Part one of a three-part series")


@pytest.mark.parametrize(
    ("greeting", "farewell"),
    [
        ("Sehr geehrter Herr Bürgermeister,", "Mit freundlichen Grüßen"),
        ("Madame la Ministre,", "Cordialement,"),
        ("Estimados compañeros:", "Atentamente,"),
        ("Cari compagni,", "Cordiali saluti,"),
        ("Prezados colegas,", "Atenciosamente,"),
        ("Geachte heer Jansen,", "Met vriendelijke groet,"),
    ],
)
def test_salutation_and_closing_in_other_languages(greeting: str, farewell: str) -> None:
    doc = read_text(f"Offener Brief\n\n{greeting}\n" + BODY + f"\n{farewell}\n\nMieterinitiative Stadtrand\n")
    assert doc.title == "Offener Brief"
    assert doc.metadata["salutation"] == greeting
    assert doc.metadata["closing"] == farewell
    assert doc.authors == ("Mieterinitiative Stadtrand",)
    assert first_paragraph(doc).startswith("The union said on Monday")


def test_first_sentence_opening_with_a_greeting_word_stays_text() -> None:
    line = "Liebe ist ein großes Wort, sagte sie, und schwieg."
    doc = read_text(f"Offener Brief\n\n{line}\n" + BODY)
    assert "salutation" not in doc.metadata
    assert first_paragraph(doc).startswith("Liebe ist ein großes Wort")


@pytest.mark.parametrize(
    ("line", "text", "iso"),
    [
        ("Paris, le 3 mars 2021", "3 mars 2021", "2021-03-03"),
        ("Berlin, den 4. Mai 2022", "4. Mai 2022", "2022-05-04"),
        ("Madrid, el 5 de junio de 2020", "5 de junio de 2020", "2020-06-05"),
    ],
)
def test_place_and_article_before_the_date(line: str, text: str, iso: str) -> None:
    doc = read(f"Lettre ouverte à la ministre\n\n{line}")
    assert doc.title == "Lettre ouverte à la ministre"
    assert doc.subtitle is None
    assert doc.date == DateValue(text, iso)
    assert doc.metadata["date_line"] == line
    assert "publication" not in doc.metadata
