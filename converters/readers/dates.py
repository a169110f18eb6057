"""Dates as articles write them, in the world's formats, at the precision the text gives.

A regular-expression pass finds *candidate spans* (cheap: a line without a
digit is never looked at further); :mod:`converters.readers.calendars` then
says which date a span is, with dateparser (https://dateparser.readthedocs.io;
month and weekday names from CLDR through dateparser's locale data, restricted
to the given language and English; ``language=None`` tries the defaults
below). The forms:

==========================================  ====================================
written                                     read as
==========================================  ====================================
``31 October 2020``, ``Oct 31, 2020``,      words: names of the language
``giovedì 15 giugno 2023``,                 (``language=None``: English, German,
``domingo 5 de septiembre de 2021``,        French, Spanish, Italian, Portuguese,
``الجمعة 12 نوفمبر 2021``, ``28-Dec-2023``       Dutch, Romanian, Polish, Swedish, and
                                            Arabic, Persian, Russian, Ukrainian,
                                            Greek or Hebrew when the line has that
                                            script); a year is required
``January 1948``, ``mayo de 2021``          ``YYYY-MM``
``2020-10-31``, ``1998/09/07``, ``2020-10``  year first
``21.03.2024``, ``31-10-2020``               dots and dashes: day first
``5/8/18``, ``22/08/2020``                  slashes: the locale's order (CLDR
                                            ``date_order``: ``en``/``en-US``
                                            and ``None`` month first,
                                            ``en-GB``/``de``/``fr`` day first);
                                            the other order when only it is
                                            valid; ``1.2.19`` is no date
``Sun, 22 Nov 92 12:11:24 PST``             RFC 5322 section 3.3 (two-digit
                                            years as its section 4.3 says)
``2019年3月29日``, ``2019년 3월 29일``           year, month, day
``令和5年3月29日``                           Japanese era: 2023-03-29
``۱۴۰۲/۰۱/۱۵``, ``۱۵ فروردین ۱۴۰۲``          Solar Hijri (``fa``, or Persian
                                            digits) -> Gregorian ISO
``١٥ رمضان ١٤٤٤ هـ``, ``1444/09/15`` (ar)     Hijri (Umm al-Qura) -> Gregorian
``Winter 2019/20``                          ``2019`` (the starting year)
``1941``                                    ``1941`` (:func:`find_date`: with
                                            ``allow_year`` only)
==========================================  ====================================

Digits of any script count (``١٢``, ``۱۲``, ``１２``). The span of a date
(:class:`DateMatch` offsets, ``DateValue.text``) runs from its first part
(weekday, day, month or year) to its last, and takes in a time and time zone
written next to it: after it (``, 10:15 GMT``, `` à 12:23``, ``T00:01:37+00:00``,
`` 09:34 PM IST``) or directly before it (``3:38 p.m., Monday, March 5, 2007``);
a label before it (``Posted at``) is not part of it. The ISO form never has
more precision than the text: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; the
month dateparser reads must be the one the month name says.

Never a date: a bare number, a phone number (``06-12-34-56-78``), a version
(``3.11.4``), a fraction (``1/2``), a score (``3-1``), a price (``$10.10.20``),
a day and month without a year (``24. März``), or a year inside a sentence
unless ``allow_year``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from converters.model import DateValue
from converters.readers import calendars
from converters.readers.calendars import ascii_digits

_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
_NUM_BEFORE = r"(?<![\w$€£¥.,:/+\-])"
_NUM_AFTER = r"(?![0-9]|[-/.:,][0-9]|(?!T[0-9])[^\W\d_])"
_YMD = re.compile(rf"{_NUM_BEFORE}([0-9]{{4}})([-/.])([0-9]{{1,2}})\2([0-9]{{1,2}}){_NUM_AFTER}")
_XYZ = re.compile(rf"{_NUM_BEFORE}([0-9]{{1,2}})([-/.])([0-9]{{1,2}})\2([0-9]{{4}}|[0-9]{{2}}){_NUM_AFTER}")
_YM = re.compile(rf"{_NUM_BEFORE}({_YEAR})-(0[1-9]|1[0-2]){_NUM_AFTER}")
_BARE_YEAR = re.compile(rf"{_NUM_BEFORE}{_YEAR}{_NUM_AFTER}")
_SEASON = re.compile(
    rf"(?<!\w)(?:spring|summer|autumn|fall|winter)\s+({_YEAR})(?:\s*[/\-–—]\s*(?:[0-9]{{4}}|[0-9]{{2}}))?(?!\w)",
    re.IGNORECASE,
)
_CJK = re.compile(
    r"(?<![0-9])[0-9]{4}\s*年\s*[0-9]{1,2}\s*月(?:\s*[0-9]{1,2}\s*日)?|"
    r"(?<![0-9])[0-9]{4}\s*년\s*[0-9]{1,2}\s*월(?:\s*[0-9]{1,2}\s*일)?"
)
_ERA = re.compile(
    rf"({'|'.join(calendars.JAPANESE_ERAS)})\s*([0-9]{{1,2}}|元)\s*年\s*(?:[(（]\s*[0-9]{{4}}\s*年?\s*[)）]\s*)?"
    r"([0-9]{1,2})\s*月(?:\s*([0-9]{1,2})\s*日)?"
)
_ARABIC_LETTERS = "\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff"
_OTHER_CALENDAR = re.compile(
    rf"(?<![0-9])([0-9]{{1,2}})\s+([{_ARABIC_LETTERS}]+(?:\s+[{_ARABIC_LETTERS}]+)?)\s+(1[34][0-9]{{2}})(?![0-9])"
    r"(?:\s*(?:هـ|ه\.?ق|ه\.?ش|ش|ق)(?!\w))?"
)
_RFC5322 = re.compile(
    r"(?<!\w)(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\s*,\s*)?[0-9]{1,2}\s+"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+(?:[0-9]{4}|[0-9]{2})\s+"
    r"[0-2][0-9]:[0-5][0-9](?::[0-6][0-9])?(?:\s*(?:[+-][0-9]{4}|[A-Z]{1,5})(?!\w))?(?:\s*\([A-Za-z ]{1,30}\))?"
)
_TIME = (
    r"(?:[0-2]?[0-9](?::[0-5][0-9]){1,2}(?:\s*[AaPp]\.?\s?[Mm]\.?)?|[0-2]?[0-9]\s?h\s?[0-5][0-9]|"
    r"[0-1]?[0-9]\s?[AaPp]\.?[Mm]\.?)"
    r"(?:\s*(?:(?:UTC|GMT)\s*[+-]\s*[0-9]{1,2}(?::?[0-9]{2})?|[A-Z]{2,5}|[+-][0-9]{2}:?[0-9]{2}|Z)(?!\w))?"
)
_TIME_AFTER = re.compile(
    rf"(?:T|\s*[,|]?\s*(?:(?:[-–—@]|à|a las|a la|at|um|às|alle|kl\.?|klo|o)\s*)?)(?<![0-9]){_TIME}(?![0-9])"
)
_TIME_BEFORE = re.compile(rf"(?<![0-9:.]){_TIME}\s*,?\s*$")
_CONNECTORS = r"de|del|of|the|den"
#: Languages added to the defaults when a line has letters of their script.
_SCRIPTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("[\u0600-\u06ff]", ("ar", "fa")),
    ("[\u0400-\u04ff]", ("ru", "uk")),
    ("[\u0370-\u03ff]", ("el",)),
    ("[\u0590-\u05ff]", ("he",)),
)
_TRAILING = " \t.,;:"


@dataclass(frozen=True)
class DateMatch:
    """A date found in a string: the value and the ``start``/``end`` offsets of its span."""

    value: DateValue
    start: int
    end: int


@lru_cache(maxsize=32)
def _names(languages: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, frozenset[int]]]:
    """A run of date words for ``languages`` and the month numbers each month name may be.

    The run: weekday and month names (CLDR, through dateparser), numbers,
    and ``de``/``of``/``the``, joined by spaces, commas, slashes or dashes.
    """
    from dateparser.languages.loader import default_loader

    keys = ["january", "february", "march", "april", "may", "june", "july"]
    keys += ["august", "september", "october", "november", "december"]
    weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    months: dict[str, set[int]] = {}
    days: set[str] = set()
    for language in languages:
        info = default_loader.get_locale(language).info
        for number, key in enumerate([*keys, *weekdays], start=1):
            for name in info.get(key, []):
                if len(name) < 3 or any(ch.isdigit() for ch in name):
                    continue
                if number <= 12:
                    months.setdefault(name.lower(), set()).add(number)
                else:
                    days.add(name.lower())
    month = "|".join(re.escape(n) for n in sorted(months, key=len, reverse=True))
    day = "|".join(re.escape(n) for n in sorted(days, key=len, reverse=True))
    numeral = r"(?<![0-9:.])[0-9]{1,4}(?![0-9]|[:.][0-9])(?:st|nd|rd|th|er|º|ª|\.)?"
    token = rf"(?:(?<!\w)(?:{month}|{day})(?!\w)\.?|{numeral}|(?<!\w)(?:{_CONNECTORS})(?!\w))"
    run = re.compile(rf"{token}(?:(?:\s*[,/\-–]\s*|\s+){token})*", re.IGNORECASE)
    return run, {name: frozenset(numbers) for name, numbers in months.items()}


@lru_cache(maxsize=32)
def _month_words(languages: tuple[str, ...]) -> frozenset[str]:
    """Every word of every month name of ``languages``, lower case."""
    return frozenset(word for name in _names(languages)[1] for word in _WORD.findall(name))


_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")
_TOKEN = re.compile(r"[^\s,/\-–]+")


def _languages(language: str | None, text: str) -> tuple[str, ...]:
    found = calendars.locales(language)
    if language is None:
        for script, extra in _SCRIPTS:
            if re.search(script, text):
                found = extra + found
    return found


def _word_date(
    span: str, languages: tuple[str, ...], months: dict[str, frozenset[int]]
) -> tuple[int, int, str] | None:
    """The longest date inside a run of date words: ``(start, end, iso)`` within ``span``.

    The month dateparser reads must be the one the month name says; an issue
    number before a comma (``No. 1, January 1948``) is no day.
    """
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(span)]
    words = [span[a:b].lower().rstrip(".") for a, b in tokens]
    connectors = _CONNECTORS.split("|")
    while len(words) > 1 and (
        words[0] in connectors or (words[0].isdigit() and "," in span[tokens[0][1] : tokens[1][0]])
    ):
        tokens, words = tokens[1:], words[1:]
    while words and words[-1] in connectors:
        tokens, words = tokens[:-1], words[:-1]
    if words and words[-1].isdigit() and span[tokens[-1][1] - 1] == ".":
        tokens[-1] = (tokens[-1][0], tokens[-1][1] - 1)  # a full stop after the year ends the sentence
    years = [i for i, w in enumerate(words) if re.fullmatch(_YEAR, w)]
    named = [i for i, w in enumerate(words) if w in months]
    if not years or not named:
        return None
    order = calendars.numeric_order(languages[0])
    tries = (
        [(0, len(tokens))]
        + [(0, i + 1) for i in years]
        + [(i, len(tokens)) for i in range(1, len(tokens) - 1)]
    )
    for first, last in tries[:8]:
        inside = [i for i in named if first <= i < last]
        if not inside or not any(first <= i < last for i in years):
            continue
        start, end = tokens[first][0], tokens[last - 1][1]
        iso = calendars.gregorian(span[start:end], languages, order)
        if iso is not None and len(iso) >= 7 and int(iso[5:7]) in months[words[inside[0]]]:
            return start, end, iso
    return None


def _numeric(match: re.Match[str], year_first: bool, language: str | None, original: str) -> str | None:
    """ISO form of a numeric date; dateparser reads it in the order given, which must hold."""
    a, separator, b, c = match.groups()
    if not year_first and len(c) == 2 and separator != "/" and min(len(a), len(b)) < 2:
        return None  # 1.2.19 is a version, not a date
    year = a if year_first else c
    base = calendars.base_language(language)
    if len(year) == 4 and 1300 <= int(year) < 1500:
        text = f"{year}/{b}/{c}" if year_first else f"{year}/{b}/{a}"
        if base == "fa" or any("\u06f0" <= ch <= "\u06f9" for ch in original):
            return calendars.solar_hijri(text)
        if base in ("ar", "ur") or any("\u0660" <= ch <= "\u0669" for ch in original):
            return calendars.hijri(text)
    if len(year) == 4 and not re.fullmatch(_YEAR, year):
        return None
    if year_first:
        orders = ["YMD"]
    else:
        order = "DMY" if separator != "/" else calendars.numeric_order(language)
        orders = ["MDY", "DMY"] if order == "MDY" else ["DMY", "MDY"]
    for order in orders:
        fields = dict(zip(order, (a, b, c), strict=True))
        iso = calendars.gregorian(match.group(0), ("en",), order)
        if iso is not None and iso[5:] == f"{int(fields['M']):02d}-{int(fields['D']):02d}":
            return iso
    return None


def _candidates(text: str, allow_year: bool, language: str | None) -> list[tuple[int, int, str]]:
    """Every date span in ``text`` (digits already ASCII): ``(start, end, iso)``."""
    found: list[tuple[int, int, str]] = []
    original = text
    text = ascii_digits(text)
    for match in _RFC5322.finditer(text):
        iso = calendars.rfc5322(match.group(0))
        if iso:
            found.append((match.start(), match.end(), iso))
    for match in _ERA.finditer(text):
        iso = calendars.japanese_era(*match.groups())
        if iso:
            found.append((match.start(), match.end(), iso))
    for match in _CJK.finditer(text):
        iso = calendars.gregorian(match.group(0), ("ko",) if "년" in match.group(0) else ("ja", "zh"), "YMD")
        if iso:
            found.append((match.start(), match.end(), iso))
    for match in _OTHER_CALENDAR.finditer(text):
        iso = calendars.other_calendar(match.group(2), match.group(0))
        if iso:
            found.append((match.start(), match.end(), iso))
    for pattern, year_first in ((_YMD, True), (_XYZ, False)):
        for match in pattern.finditer(text):
            iso = _numeric(match, year_first, language, original[match.start() : match.end()])
            if iso:
                found.append((match.start(), match.end(), iso))
    found.extend((m.start(), m.end(), m.group(0)) for m in _YM.finditer(text))
    found.extend((m.start(), m.end(), m.group(1)) for m in _SEASON.finditer(text))
    languages = _languages(language, text)
    names, months = _names(languages)
    # The run pattern is slow: it runs only on a line that names a month.
    named = not {word.lower() for word in _WORD.findall(text)}.isdisjoint(_month_words(languages))
    for match in names.finditer(text) if named else ():
        if not re.search(r"[^\W\d_]", match.group(0)):
            continue
        word = _word_date(match.group(0), languages, months)
        if word is not None:
            found.append((match.start() + word[0], match.start() + word[1], word[2]))
    if allow_year:
        found.extend((m.start(), m.end(), m.group(0)) for m in _BARE_YEAR.finditer(text))
    return found


def _with_time(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``start:end`` over a time (and zone) written right after or right before it."""
    digits = ascii_digits(text)
    after = _TIME_AFTER.match(digits, end)
    if after:
        end = after.end()
    before = _TIME_BEFORE.search(digits, 0, start)
    if before:
        start = before.start()
    return start, end


def find_date(text: str, *, allow_year: bool = False, language: str | None = None) -> DateMatch | None:
    """Return the first date written anywhere in ``text``, the longest at that place.

    Shape: ``(str, allow_year=bool, language=BCP 47 tag | None) -> DateMatch | None``;
    the offsets index ``text`` and ``DateMatch.value.text`` is ``text[start:end]``,
    time and zone included. A bare year counts only with ``allow_year`` (an
    event year inside a sentence is not a date). Never raises.
    """
    if not _DIGIT.search(text):
        return None
    found = _candidates(text, allow_year, language)
    if not found:
        return None
    start, end, iso = min(found, key=lambda item: (item[0], -item[1]))
    start, end = _with_time(text, start, end)
    return DateMatch(DateValue(text=text[start:end], iso=iso), start, end)


def parse_date(text: str, *, language: str | None = None) -> DateValue | None:
    """Return the date ``text`` is, or ``None`` when it is anything more or less.

    ``text`` must be a date alone, optionally with weekday, time and time zone
    (surrounding spaces, brackets and a trailing full stop or comma are
    allowed; a label is not: see :func:`strip_date_label`). A bare year
    counts. Shape: ``(str, language=BCP 47 tag | None) -> DateValue | None``;
    ``DateValue.text`` is the date with its spaces collapsed. Never raises.
    """
    stripped = text.strip().rstrip(_TRAILING).strip()
    if len(stripped) > 2 and stripped[0] + stripped[-1] in ("()", "[]"):
        stripped = stripped[1:-1].strip()
    if not stripped or len(stripped) > 80:
        return None
    found = find_date(stripped, allow_year=True, language=language)
    if found is None or found.start != 0 or found.end != len(stripped):
        return None
    return DateValue(text=" ".join(stripped.split()), iso=found.value.iso)


#: Date labels beyond English, by language: the words as written before the
#: date (``Publié le 5 décembre 2019``, ``Veröffentlicht am 3. März 2019``).
#: A bare noun (``Datum``) counts only with a colon.
LOCAL_DATE_LABELS: dict[str, tuple[str, ...]] = {
    "de": ("veröffentlicht am", "veröffentlicht", "aktualisiert am", "erschienen am", "stand:", "datum:"),
    "fr": ("publié le", "publiée le", "mis à jour le", "modifié le", "paru le", "date :", "date:"),
    "es": ("publicado el", "publicada el", "actualizado el", "fecha:"),
    "it": ("pubblicato il", "pubblicata il", "aggiornato il", "data:"),
    "pt": ("publicado em", "publicada em", "atualizado em", "actualizado em", "data:"),
    "nl": ("gepubliceerd op", "bijgewerkt op", "geplaatst op", "datum:"),
    "ro": ("publicat pe", "publicat", "actualizat", "data publicării:"),
    "pl": ("opublikowano", "aktualizacja:", "data publikacji:", "data:"),
    "sv": ("publicerad", "uppdaterad", "datum:"),
    "da": ("publiceret", "opdateret", "dato:"),
    "fi": ("julkaistu", "päivitetty"),
    "tr": ("yayınlanma tarihi:", "güncelleme:", "tarih:"),
    "ru": ("опубликовано", "обновлено", "дата:"),
    "uk": ("опубліковано", "оновлено", "дата:"),
    "ar": ("نشر في", "تاريخ النشر:", "آخر تحديث:"),
    "fa": ("تاریخ انتشار:", "تاریخ:"),
    "he": ("פורסם:", "פורסם", "עודכן:"),
    "ja": ("公開日:", "公開日：", "更新日:", "更新日：", "掲載日:", "掲載日："),
    "zh": ("发布时间:", "发布时间：", "发布日期:", "发布日期：", "日期:", "日期："),
    "ko": ("입력", "수정", "등록"),
}
_LOCAL_LABEL = "|".join(
    re.escape(label).replace(r"\ ", r"\s+")
    for label in sorted({lab for labs in LOCAL_DATE_LABELS.values() for lab in labs}, key=len, reverse=True)
)
#: Labels that may stand before an article's date (``Date: 23 June 2016``, ``Posted at``).
DATE_LABEL = re.compile(
    r"^(?:(?:date[ds]?|(?:published|posted|updated)(?:\s+(?:on|at))?|last\s+updated|"
    r"written|first\s+published|issued|dated|released)\b\s*[:\-–—：]?\s*|"
    rf"(?:{_LOCAL_LABEL})(?:(?<=[:：])|(?!\w))\s*[:\-–—：]?\s*)",
    re.IGNORECASE,
)


def strip_date_label(line: str) -> tuple[str, str]:
    """Split ``"Date: 23 June 2016 ..."`` into ``("Date: ", "23 June 2016 ...")``.

    Labels repeat in some archives (``Written: Written February 27, 1914``):
    all of them are taken. Returns ``("", line)`` when there is no label.
    """
    label = ""
    rest = line
    while True:
        match = DATE_LABEL.match(rest)
        if not match or match.end() == 0:
            return label, rest
        label += match.group(0)
        rest = rest[match.end() :]
