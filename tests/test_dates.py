"""Dates as written, at the precision the text gives (issue 3, "Dates")."""

from __future__ import annotations

import pytest

from converters.model import DateValue
from converters.readers.dates import find_date, parse_date, strip_date_label


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("31 October 2020", "2020-10-31"),
        ("October 31, 2020", "2020-10-31"),
        ("Saturday, February 20, 2016", "2016-02-20"),
        ("Sat 20 Feb 2016", "2016-02-20"),
        ("1st May 1886", "1886-05-01"),
        ("2020-10-31", "2020-10-31"),
        ("21.03.2024", "2024-03-21"),
        ("03.04.2024", "2024-04-03"),
        ("January 1948", "1948-01"),
        ("September, 1920", "1920-09"),
        ("Sept. 1920", "1920-09"),
        ("1941", "1941"),
        ("Winter 2019/20", "2019"),
        ("Winter 2009-2010", "2009"),
        ("Spring 1968", "1968"),
        ("2020-10", "2020-10"),
    ],
)
def test_written_forms(text: str, iso: str) -> None:
    assert parse_date(text) == DateValue(text=text, iso=iso)


@pytest.mark.parametrize(
    "text",
    ["may", "May", "31 February 2020", "32.01.2020", "2020-13-01", "the 1980s", "No. 41", "", "Winter"],
)
def test_not_dates(text: str) -> None:
    assert parse_date(text) is None


def test_a_sentence_is_not_a_date() -> None:
    assert parse_date("Workers may strike in 1984.") is None


def test_find_date_needs_allow_year_for_a_bare_year() -> None:
    assert find_date("They met in 2014 in Berlin.") is None
    found = find_date("They met in 2014 in Berlin.", allow_year=True)
    assert found is not None and found.value.iso == "2014"


def test_find_date_prefers_the_fullest_form_at_a_place() -> None:
    found = find_date("New International, January 1948")
    assert found is not None
    assert found.value == DateValue("January 1948", "1948-01")
    found = find_date("Posted Saturday, February 20, 2016 by admin")
    assert found is not None and found.value.iso == "2016-02-20"


def test_strip_labels() -> None:
    assert strip_date_label("Date: 23 June 2016") == ("Date: ", "23 June 2016")
    assert strip_date_label("Written: Written February 27, 1914") == (
        "Written: Written ",
        "February 27, 1914",
    )
    assert strip_date_label("Datum 1914") == ("", "Datum 1914")


@pytest.mark.parametrize(
    ("line", "label", "rest"),
    [
        ("Publié le 5 décembre 2019", "Publié le ", "5 décembre 2019"),
        ("Veröffentlicht am 3. März 2019", "Veröffentlicht am ", "3. März 2019"),
        ("Publicado el 3 de mayo de 2021", "Publicado el ", "3 de mayo de 2021"),
        ("Pubblicato il 3 maggio 2021", "Pubblicato il ", "3 maggio 2021"),
        ("Publicado em 3 de maio de 2021", "Publicado em ", "3 de maio de 2021"),
        ("Gepubliceerd op 3 mei 2021", "Gepubliceerd op ", "3 mei 2021"),
        ("Datum: 3. Mai 2021", "Datum: ", "3. Mai 2021"),
        ("Stand: 04.05.2021", "Stand: ", "04.05.2021"),
        ("Standard 2020", "", "Standard 2020"),  # a label word must end there
        ("Stand 2020", "", "Stand 2020"),  # a bare noun needs its colon
    ],
)
def test_strip_labels_in_other_languages(line: str, label: str, rest: str) -> None:
    assert strip_date_label(line) == (label, rest)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("3. Mai 2021", "2021-05-03"),
        ("1er mai 2021", "2021-05-01"),
        ("3 de mayo de 2021", "2021-05-03"),
        ("mayo de 2021", "2021-05"),
        ("12 settembre 1920", "1920-09-12"),
        ("März 1848", "1848-03"),
    ],
)
def test_other_languages_month_names(text: str, iso: str) -> None:
    assert parse_date(text) == DateValue(text=text, iso=iso)


@pytest.mark.parametrize(("text", "iso"), [("31-10-2020", "2020-10-31"), ("2020/10/31", "2020-10-31")])
def test_dashed_and_year_first_slashed(text: str, iso: str) -> None:
    assert parse_date(text) == DateValue(text=text, iso=iso)
