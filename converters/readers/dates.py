"""Dates as articles write them, with the precision the text gives.

The reader recognises a closed set of written forms (English month names,
and full month names in German, French, Spanish, Italian, Portuguese and
Dutch: ``3. Mai 2021``, ``1er mai 2021``, ``3 de mayo de 2021``):

====================================  ==============
written                               ISO
====================================  ==============
``31 October 2020``                   ``2020-10-31``
``October 31, 2020``                  ``2020-10-31``
``Saturday, February 20, 2016``       ``2016-02-20``
``2020-10-31``                        ``2020-10-31``
``21.03.2024`` (dotted: day first)    ``2024-03-21``
``January 1948``, ``September, 1920`` ``1948-01``
``Winter 2019/20``, ``Winter 2009-2010``  ``2019`` (the starting year)
``1941``                              ``1941``
====================================  ==============

The regular expressions decide *which* fields the text gives (so the ISO form
never has more precision than the text); python-dateutil
(https://dateutil.readthedocs.io/) parses the matched text and rejects
impossible days such as 31 February.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from dateutil import parser as dateparser

from converters.model import DateValue

_ENGLISH_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
#: Month names of the other languages of the labour press (German, French,
#: Spanish, Italian, Portuguese, Dutch), written out in full: month number.
LOCAL_MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            "januar janvier enero gennaio janeiro januari",
            "februar février fevrier febrero febbraio fevereiro februari",
            "märz maerz mars marzo março maart",
            "avril abril aprile",
            "mai mayo maggio maio mei",
            "juni juin junio giugno junho",
            "juli juillet julio luglio julho",
            "août aout agosto augustus",
            "septembre septiembre setiembre settembre setembro",
            "oktober octobre octubre ottobre outubro",
            "novembre noviembre novembro",
            "dezember décembre decembre diciembre dicembre dezembro",
        ),
        start=1,
    )
    for name in names.split()
}
_LOCAL_MONTH = "|".join(sorted(LOCAL_MONTHS, key=len, reverse=True))
_MONTH = rf"(?:{_LOCAL_MONTH}|{_ENGLISH_MONTH})"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
_ORD = r"(?:st|nd|rd|th)?"

_FORMS: tuple[tuple[str, str], ...] = (
    ("day", rf"(?P<y>{_YEAR})-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)"),
    ("dotted", rf"(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>{_YEAR})"),
    ("slashed", rf"(?P<d>[0-3]?\d)/(?P<m>[0-3]?\d)/(?P<y>{_YEAR})"),
    ("dotted", rf"(?P<d>[0-3]?\d)-(?P<m>[01]?\d)-(?P<y>{_YEAR})"),
    ("day", rf"(?P<y>{_YEAR})/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)"),
    (
        "day",
        rf"{_WEEKDAY}?(?P<d>[0-3]?\d)(?:{_ORD}|\.|er)\s+(?:of\s+|de\s+)?(?P<mon>{_MONTH})\.?,?\s+(?:de\s+)?(?P<y>{_YEAR})",
    ),
    ("day", rf"{_WEEKDAY}?(?P<mon>{_MONTH})\.?\s+(?P<d>[0-3]?\d){_ORD},?\s+(?P<y>{_YEAR})"),
    ("month", rf"(?P<mon>{_MONTH})\.?,?\s+(?:de\s+)?(?P<y>{_YEAR})"),
    ("month", rf"(?P<y>{_YEAR})-(?P<m>[01]\d)"),
    ("season", rf"(?P<season>{_SEASON})\s+(?P<y>{_YEAR})(?:\s*[/\-–—]\s*(?:\d{{4}}|\d{{2}}))?"),
    ("year", rf"(?P<y>{_YEAR})"),
)

_COMPILED = tuple(
    (kind, re.compile(rf"(?<![\w.]){pattern}(?![\w])", re.IGNORECASE)) for kind, pattern in _FORMS
)
_FULL = tuple((kind, re.compile(rf"{pattern}", re.IGNORECASE)) for kind, pattern in _FORMS)

#: Date labels in the other languages whose months the reader knows, by
#: language: the words as written before the date (``Publié le 5 décembre 2019``,
#: ``Veröffentlicht am 3. März 2019``). A bare noun (``Datum``) counts only with a colon.
LOCAL_DATE_LABELS: dict[str, tuple[str, ...]] = {
    "de": ("veröffentlicht am", "veröffentlicht", "aktualisiert am", "erschienen am", "stand:", "datum:"),
    "fr": ("publié le", "publiée le", "mis à jour le", "modifié le", "paru le", "date :", "date:"),
    "es": ("publicado el", "publicada el", "actualizado el", "fecha:"),
    "it": ("pubblicato il", "pubblicata il", "aggiornato il", "data:"),
    "pt": ("publicado em", "publicada em", "atualizado em", "actualizado em", "data:"),
    "nl": ("gepubliceerd op", "bijgewerkt op", "geplaatst op", "datum:"),
}
_LOCAL_LABEL = "|".join(
    re.escape(label).replace(r"\ ", r"\s+")
    for label in sorted({lab for labs in LOCAL_DATE_LABELS.values() for lab in labs}, key=len, reverse=True)
)
#: Labels that may stand before an article's date (``Date: 23 June 2016``).
DATE_LABEL = re.compile(
    r"^(?:(?:date[ds]?|published(?:\s+on)?|posted(?:\s+on)?|updated(?:\s+on)?|last\s+updated|"
    rf"written|first\s+published|issued|dated|released)\b\s*[:\-–—]?\s*|(?:{_LOCAL_LABEL})(?!\w)\s*[:\-–—]?\s*)",
    re.IGNORECASE,
)

_TRAILING = " \t.,;:)]"


@dataclass(frozen=True)
class DateMatch:
    """A date found in a string: the value and the ``start``/``end`` offsets."""

    value: DateValue
    start: int
    end: int


def _iso(kind: str, match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if kind == "year" or kind == "season":
        return f"{year:04d}"
    if groups.get("mon"):
        name = groups["mon"].rstrip(".").lower()
        month = LOCAL_MONTHS.get(name) or dateparser.parse(name + " 2000").month
    else:
        month = int(groups["m"])
    if kind == "month":
        if not 1 <= month <= 12:
            return None
        return f"{year:04d}-{month:02d}"
    day = int(groups["d"])
    if kind == "slashed" and month > 12 and day <= 12:
        day, month = month, day  # 10/31/2020: month first is the only valid reading
    try:
        datetime(year, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_date(text: str) -> DateValue | None:
    """Return the date ``text`` is, or ``None`` when it is anything more or less.

    ``text`` must be a date alone (surrounding spaces and a trailing full stop
    or comma are allowed). Shape: ``str -> DateValue | None``; never raises.
    """
    stripped = text.strip().rstrip(_TRAILING[:-2]).strip()
    if len(stripped) > 2 and stripped[0] + stripped[-1] in ("()", "[]"):
        stripped = stripped[1:-1].strip()
    if not stripped or len(stripped) > 60:
        return None
    for kind, pattern in _FULL:
        match = pattern.fullmatch(stripped)
        if match:
            iso = _iso(kind, match)
            if iso is not None:
                return DateValue(text=_as_written(stripped), iso=iso)
    return None


def find_date(text: str, *, allow_year: bool = False) -> DateMatch | None:
    """Return the first date written anywhere in ``text``, most specific form first.

    A bare year counts only with ``allow_year`` (an event year inside a
    sentence is not a date). Never raises.
    """
    candidates: list[tuple[int, int, DateMatch]] = []
    for index, (kind, pattern) in enumerate(_COMPILED):
        if kind == "year" and not allow_year:
            continue
        for match in pattern.finditer(text):
            iso = _iso(kind, match)
            if iso is not None:
                found = DateMatch(DateValue(text=match.group(0), iso=iso), match.start(), match.end())
                candidates.append((match.start(), index, found))
                break
    if not candidates:
        return None
    return min(candidates, key=lambda item: (item[0], item[1]))[2]


def _as_written(text: str) -> str:
    return " ".join(text.split())


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
