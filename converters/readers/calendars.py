"""Turn a matched date span into an ISO date, with dateparser and the calendars.

:mod:`converters.readers.dates` finds *where* a date is written; this module
says *which* date it is:

- Gregorian dates in words or numbers go to dateparser
  (https://dateparser.readthedocs.io), restricted to the given languages, with
  the locale's numeric order (CLDR ``date_order``: ``MDY`` for ``en``/``en-US``,
  ``DMY`` for ``en-GB``, ``de``, ``fr``...), ``REQUIRE_PARTS=["year"]`` (a date
  without a year is no date here) and the absolute-time parser only (no
  "yesterday"). The precision is the ``period`` dateparser reports.
- Solar Hijri (Persian) and Hijri (Umm al-Qura) dates go to dateparser's
  ``JalaliCalendar`` (convertdate) and ``HijriCalendar`` (hijridate).
- Japanese era years (``令和5年``) are counted from the era's first year.
- RFC 5322 section 3.3 date-times go to :func:`email.utils.parsedate_tz`,
  which reads two-digit years as RFC 5322 section 4.3 says (``92`` is 1992).

dateparser is imported here lazily, never when the package is imported.
Every function returns ``None`` rather than raising.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_tz
from functools import lru_cache
from typing import Any

#: Languages tried when none is given: English and the common European ones.
DEFAULT_LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "it", "pt", "nl", "ro", "pl", "sv")

#: First Gregorian year of each Japanese era (year 1, written 元年): Meiji to Reiwa.
JAPANESE_ERAS: dict[str, int] = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019}

#: Decimal digits of other scripts (Arabic-Indic, Persian, Devanagari, fullwidth...) to ASCII.
_DIGITS = {ord(zero) + n: str(n) for zero in "٠۰߀०০੦૦୦௦౦೦൦๐໐༠၀០᠐０" for n in range(10)}
_RFC_YEAR = re.compile(r"\d\s+[A-Za-z]{3}\s+(\d{2,4})\b")
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.IGNORECASE)


def ascii_digits(text: str) -> str:
    """Return ``text`` with every decimal digit in ASCII; the length does not change."""
    return text.translate(_DIGITS)


def base_language(language: str | None) -> str | None:
    """Return the primary subtag of a BCP 47 tag (``en-US`` -> ``en``), lower case."""
    return language.replace("_", "-").split("-")[0].lower() if language else None


@lru_cache(maxsize=64)
def locales(language: str | None) -> tuple[str, ...]:
    """The dateparser languages to try for a BCP 47 tag (``None``: the defaults)."""
    from dateparser.data.languages_info import language_order

    known = set(language_order)
    base = base_language(language)
    if base is None or base not in known:
        return DEFAULT_LANGUAGES
    return (base,) if base == "en" else (base, "en")


@lru_cache(maxsize=64)
def numeric_order(language: str | None) -> str:
    """CLDR's order of day, month and year for ``language`` (``MDY``, ``DMY`` or ``YMD``)."""
    from dateparser.languages.loader import default_loader

    tag = language.replace("_", "-") if language else "en"
    for name in (tag, base_language(tag) or "en"):
        try:
            order = default_loader.get_locale(name).info.get("date_order")
        except (ValueError, KeyError):
            continue
        if isinstance(order, str) and len(order) == 3:
            return order
    return "MDY"


@lru_cache(maxsize=64)
def _parser(languages: tuple[str, ...], order: str) -> Any:
    from dateparser.date import DateDataParser

    settings = {
        "DATE_ORDER": order,
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "REQUIRE_PARTS": ["year"],
        "PARSERS": ["absolute-time"],
    }
    return DateDataParser(
        languages=list(languages), settings=settings, try_previous_locales=False, use_given_order=True
    )


def _at(year: int, month: int, day: int | None) -> str | None:
    try:
        date(year, month, day or 1)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def _iso_of(result: Any) -> str | None:
    found = getattr(result, "date_obj", None)
    if found is None:
        return None
    if result.period == "year":
        return f"{found.year:04d}"
    return _at(found.year, found.month, found.day if result.period == "day" else None)


#: English forms read with :func:`datetime.strptime` (C locale month and weekday
#: names) before dateparser, whose first use costs most of a second; commas and
#: full stops are removed first. (format, has a day)
_ENGLISH_FORMS = tuple(
    (form, "%d" in form)
    for form in (
        "%d %B %Y", "%B %d %Y", "%d %b %Y", "%b %d %Y",
        "%A %d %B %Y", "%A %B %d %Y", "%a %d %b %Y", "%a %b %d %Y",
        "%B %Y", "%b %Y",
    )
)  # fmt: skip


def _english(text: str) -> str | None:
    """ISO form of a plain English date (``31 October 2020``, ``June 9, 2017``,
    ``Monday, March 5, 2007``, ``January 1948``), or ``None`` to ask dateparser."""
    plain = " ".join(text.replace(",", " ").replace(".", " ").split())
    if not plain.isascii():
        return None
    for form, has_day in _ENGLISH_FORMS:
        try:
            found = datetime.strptime(plain, form)
        except ValueError:
            continue
        return _at(found.year, found.month, found.day if has_day else None)
    return None


@lru_cache(maxsize=4096)
def gregorian(text: str, languages: tuple[str, ...], order: str) -> str | None:
    """ISO form of a Gregorian date in words or digits, at the precision written, or ``None``.

    Plain English forms are read by :func:`_english` without loading dateparser."""
    cleaned = _ORDINAL.sub("", ascii_digits(text))
    if "en" in languages and not cleaned.strip().isdigit():
        quick = _english(cleaned)
        if quick is not None:
            return quick
    try:
        return _iso_of(_parser(languages, order).get_date_data(cleaned))
    except (ValueError, OverflowError, TypeError, AttributeError, KeyError):
        return None


@lru_cache(maxsize=1024)
def solar_hijri(text: str) -> str | None:
    """ISO Gregorian form of a Solar Hijri (Persian) date: ``۱۵ فروردین ۱۴۰۲``, ``1402/01/15``."""
    try:
        from dateparser.calendars.jalali import JalaliCalendar

        return _iso_of(JalaliCalendar(text).get_date())
    except (ImportError, ValueError, OverflowError, TypeError, AttributeError, KeyError):
        return None


@lru_cache(maxsize=1024)
def hijri(text: str) -> str | None:
    """ISO Gregorian form of a Hijri (Umm al-Qura) date: ``١٥ رمضان ١٤٤٤ هـ``, ``1444/09/15``."""
    try:
        from dateparser.calendars.hijri import HijriCalendar

        return _iso_of(HijriCalendar(text).get_date())
    except (ImportError, ValueError, OverflowError, TypeError, AttributeError, KeyError):
        return None


def japanese_era(era: str, year: str, month: str, day: str | None) -> str | None:
    """ISO form of ``令和5年3月29日`` (``year`` may be ``元``, the era's first year)."""
    first = JAPANESE_ERAS.get(era)
    if first is None:
        return None
    number = 1 if year == "元" else int(ascii_digits(year))
    return _at(first + number - 1, int(ascii_digits(month)), int(ascii_digits(day)) if day else None)


def rfc5322(text: str) -> str | None:
    """ISO date of an RFC 5322 date-time (``Sun, 22 Nov 92 12:11:24 PST`` -> ``1992-11-22``)."""
    parsed = parsedate_tz(text)
    written = _RFC_YEAR.search(text)
    if parsed is None or written is None:
        return None
    year = int(written.group(1))
    if year < 1000:  # RFC 5322 section 4.3: 00-49 is 2000-2049, 50-999 is 1900 plus the year
        year += 2000 if year < 50 else 1900
    return _at(year, parsed[1], parsed[2])


@lru_cache(maxsize=1)
def _month_names() -> tuple[frozenset[str], re.Pattern[str] | None, dict[int, int | None]]:
    """dateparser's own Solar Hijri and Hijri month names (its calendar parsers' tables)."""
    try:
        from dateparser.calendars.hijri_parser import hijri_parser
        from dateparser.calendars.jalali_parser import jalali_parser
    except ImportError:
        return frozenset(), None, {}
    persian = frozenset(name for _, _, names in jalali_parser._months.values() for name in names)
    arabic = re.compile("|".join(pattern for _, pattern in hijri_parser._months.values()))
    return persian, arabic, dict(hijri_parser._normalization)


def other_calendar(month: str, text: str) -> str | None:
    """ISO Gregorian form of ``text``, a day, ``month`` name and year of the Solar Hijri or Hijri calendar."""
    persian, arabic, normalization = _month_names()
    if month in persian:
        return solar_hijri(text)
    if arabic is not None and arabic.fullmatch(month.translate(normalization)):
        return hijri(text)
    return None
