"""Dates of the world (issue 9, item 4): exact ISO and exact span, per written form."""

from __future__ import annotations

import pytest

from converters.model import DateValue
from converters.readers.dates import find_date, parse_date, strip_date_label

#: (line, language, the span find_date returns, its ISO date)
WORLD = [
    ("Posted at 3:38 p.m., Monday, March 5, 2007", None, "3:38 p.m., Monday, March 5, 2007", "2007-03-05"),
    ("5/8/18", "en-US", "5/8/18", "2018-05-08"),
    ("5/8/18", "en", "5/8/18", "2018-05-08"),
    ("5/8/18", None, "5/8/18", "2018-05-08"),
    ("5/8/18", "en-GB", "5/8/18", "2018-08-05"),
    ("5/8/18", "de", "5/8/18", "2018-08-05"),
    ("5/8/18", "fr", "5/8/18", "2018-08-05"),
    ("31/10/2020", "en-US", "31/10/2020", "2020-10-31"),  # only day first is valid
    ("10/31/2020", "de", "10/31/2020", "2020-10-31"),  # only month first is valid
    ("22/08/2020 à 12:23", "fr", "22/08/2020 à 12:23", "2020-08-22"),
    ("Le 03/05/2025 à 22:29 par X", "fr", "03/05/2025 à 22:29", "2025-05-03"),
    ("giovedì 15 giugno 2023", "it", "giovedì 15 giugno 2023", "2023-06-15"),
    ("mercoledì, Febbraio 10th, 2021", "it", "mercoledì, Febbraio 10th, 2021", "2021-02-10"),
    ("14.01.2022 10:01:00", "tr", "14.01.2022 10:01:00", "2022-01-14"),
    ("2019年3月29日", "ja", "2019年3月29日", "2019-03-29"),
    ("2019年3月29日", "zh", "2019年3月29日", "2019-03-29"),
    ("2019年3月", "zh", "2019年3月", "2019-03"),
    ("2019년 3월 29일", "ko", "2019년 3월 29일", "2019-03-29"),
    ("令和5年3月29日", "ja", "令和5年3月29日", "2023-03-29"),
    ("令和元年5月1日", "ja", "令和元年5月1日", "2019-05-01"),
    ("市長記者会見 令和4年(2022)4月19日", "ja", "令和4年(2022)4月19日", "2022-04-19"),
    ("الجمعة 12 نوفمبر 2021 - 09:42 بتوقيت طهران", "ar", "الجمعة 12 نوفمبر 2021 - 09:42", "2021-11-12"),
    ("الجمعة ١٢ نوفمبر ٢٠٢١", "ar", "الجمعة ١٢ نوفمبر ٢٠٢١", "2021-11-12"),
    ("۱۴۰۲/۰۱/۱۵", "fa", "۱۴۰۲/۰۱/۱۵", "2023-04-04"),
    ("۱۵ فروردین ۱۴۰۲", "fa", "۱۵ فروردین ۱۴۰۲", "2023-04-04"),
    ("۱۵ فروردین ۱۴۰۲", None, "۱۵ فروردین ۱۴۰۲", "2023-04-04"),
    ("١٥ رمضان ١٤٤٤ هـ", "ar", "١٥ رمضان ١٤٤٤ هـ", "2023-04-06"),
    ("ט' טבת התשפ\"ג / 01.01.2023", "he", "01.01.2023", "2023-01-01"),
    ("Sun, 22 Nov 92 12:11:24 PST", None, "Sun, 22 Nov 92 12:11:24 PST", "1992-11-22"),
    ("Date: 17 Dec 90 00:01:14 GMT", None, "17 Dec 90 00:01:14 GMT", "1990-12-17"),
    ("Date: Mon, 15 Aug 2005 14:02:11 -0400", None, "Mon, 15 Aug 2005 14:02:11 -0400", "2005-08-15"),
    ("Sat, 13 Aug 2005 21:27:43 -0500 (CDT)", None, "Sat, 13 Aug 2005 21:27:43 -0500 (CDT)", "2005-08-13"),
    ("Date: Mon, 15 Aug 2005", None, "Mon, 15 Aug 2005", "2005-08-15"),
    ("Monday, October 12, 2009", "en", "Monday, October 12, 2009", "2009-10-12"),
    ("08 Oct 2018", "en", "08 Oct 2018", "2018-10-08"),
    ("Friday, 17 December, 1999, 10:15 GMT", "en", "Friday, 17 December, 1999, 10:15 GMT", "1999-12-17"),
    ("Last Updated : Nov 02, 2019 09:34 PM IST", "en", "Nov 02, 2019 09:34 PM IST", "2019-11-02"),
    ("2021-11-22 09:31:00", None, "2021-11-22 09:31:00", "2021-11-22"),
    ("date: 1990-10-26T00:01:37+00:00", None, "1990-10-26T00:01:37+00:00", "1990-10-26"),
    ("2012-03-07 12:01:00 -0500", None, "2012-03-07 12:01:00 -0500", "2012-03-07"),
    ("05 jan 2026, 12:20", "pt", "05 jan 2026, 12:20", "2026-01-05"),
    ("domingo 5 de septiembre de 2021", "es", "domingo 5 de septiembre de 2021", "2021-09-05"),
    ("Miercuri, 30 Aprilie 2025", "ro", "Miercuri, 30 Aprilie 2025", "2025-04-30"),
    ("Julien-Iosif Miercuri, 30 Aprilie 2025 0", "ro", "Miercuri, 30 Aprilie 2025", "2025-04-30"),
    ("08.04.2009, 19:51", "pl", "08.04.2009, 19:51", "2009-04-08"),
    ("22 Тра 2023", "uk", "22 Тра 2023", "2023-05-22"),
    ("Firdose Moonda28-Dec-2023Kagiso Rabada", "en", "28-Dec-2023", "2023-12-28"),
    ("Leipzig, den 13.05.2024", "de", "13.05.2024", "2024-05-13"),
    ("24. März 2021", "de", "24. März 2021", "2021-03-24"),
    ("from March 5, 2007 to March 6, 2007", "en", "March 5, 2007", "2007-03-05"),
]


@pytest.mark.parametrize(("line", "language", "span", "iso"), WORLD)
def test_world_dates(line: str, language: str | None, span: str, iso: str) -> None:
    found = find_date(line, language=language)
    assert found is not None
    assert found.value == DateValue(text=span, iso=iso)
    assert line[found.start : found.end] == span


@pytest.mark.parametrize(("line", "language", "span", "iso"), [case for case in WORLD if case[0] == case[2]])
def test_world_dates_alone(line: str, language: str | None, span: str, iso: str) -> None:
    assert parse_date(line, language=language) == DateValue(text=span, iso=iso)


@pytest.mark.parametrize(
    "line",
    [
        "42",
        "Call 555-123-4567 now",
        "Appelez le 06-12-34-56-78",
        "+49 30 1234 5678",
        "Python 3.11.4 and 2.10.18",
        "v1.2.19",
        "add 1/2 cup of flour",
        "They won 3-1 against Leeds, 21-14 in the final",
        "It costs $10.10.20 or 12.99 EUR",
        "24. März",
        "March 5",
        "They met in 2014 in Berlin.",
        "updated 12:30 GMT",
        "Winter is coming",
    ],
)
def test_not_dates_anywhere(line: str) -> None:
    assert find_date(line) is None
    assert find_date(line, language="de") is None


def test_a_year_in_a_sentence_needs_allow_year() -> None:
    found = find_date("Founded in 1911 by workers", allow_year=True)
    assert found is not None and (found.value, found.start) == (DateValue("1911", "1911"), 11)


def test_parse_date_wants_the_date_alone() -> None:
    assert parse_date("Posted at 3:38 p.m., Monday, March 5, 2007") is None
    assert parse_date("3:38 p.m., Monday, March 5, 2007") == DateValue(
        "3:38 p.m., Monday, March 5, 2007", "2007-03-05"
    )
    assert parse_date("(24 June 2016)") == DateValue("24 June 2016", "2016-06-24")


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("Posted at 3:38 p.m., Monday, March 5, 2007", "Posted at "),
        ("Last Updated : Nov 02, 2019 09:34 PM IST", "Last Updated : "),
        ("Publicat 30 Aprilie 2025", "Publicat "),
        ("Opublikowano 08.04.2009, 19:51", "Opublikowano "),
        ("Опубликовано 22 мая 2023", "Опубликовано "),
        ("公開日：2019年3月29日", "公開日："),
        ("发布时间：2020-03-09", "发布时间："),
        ("تاریخ انتشار: ۱۵ فروردین ۱۴۰۲", "تاریخ انتشار: "),
    ],
)
def test_labels_in_more_languages(line: str, label: str) -> None:
    assert strip_date_label(line) == (label, line[len(label) :])
