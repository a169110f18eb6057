"""Names on a byline or a signature: the by-word taken off, the names split.

``By Jane Doe and John Roe`` gives ``["Jane Doe", "John Roe"]``, in the languages
whose by-words and joiners the reader knows (``Von``, ``Par``, ``Por``, ``Af``,
``Oleh`` ...; ``und``, ``et``, ``y``, ``og`` ...).
"""

from __future__ import annotations

import re

from converters.readers.dates import find_date
from converters.readers.state import collapse
from converters.readers.textrules import looks_like_name

BY = re.compile(
    r"^(?:(?:posted|written|words|reported|text|story|interview|photos?)\s+(?:by|von|par|por)|by|von|par|por|"
    r"di|door|af|av|oleh|autor[a]?:?|author:?|authors:?|byline:?|redação|redacción|penulis:?)\s+",
    re.IGNORECASE,
)
#: A by-word inside a line of another kind (``December 27, 2002|By Don Pierson``,
#: ``Le 03/05/2025 à 22:29 par Nicolas Gary``), before a capital letter: only the
#: unambiguous ones (Italian ``di`` or Dutch ``door`` are prepositions in a sentence).
BY_INSIDE = re.compile(r"(?:^|(?<=[|·•,:;])|(?<=\s))(?:by|par|von|por)\s*:?\s+(?=[A-ZÀ-ÞĀ-ſ])", re.IGNORECASE)
#: Words before a by-word that credit something other than the text.
_CREDITED = frozenset(
    [
        "photo",
        "photos",
        "photograph",
        "picture",
        "pictures",
        "image",
        "images",
        "illustration",
        "illustrations",
        "video",
        "graphic",
        "graphics",
        "map",
        "cartoon",
        "foto",
        "fotos",
        "bild",
        "bilder",
        "photographie",
        "illustración",
        "ilustração",
    ]
)
_SPLIT_NAMES = re.compile(
    r"\s*,\s*|\s+and\s+|\s*&\s*|\s+und\s+|\s+et\s+|\s+y\s+|\s+en\s+|\s+e\s+|\s+og\s+|\s+och\s+|\s+i\s+"
)
_AFTER_NAME = re.compile(r"\s*(?:[|•·]|\s[-–—]\s|,\s*(?=\d)|\bon\b|\bat\b|\bupdated\b|\bpublished\b).*$")


def split_names(text: str) -> list[str]:
    """Split ``"Jane Doe and John Smith"`` into names; keep the text whole when the parts are not names."""
    text = text.strip().rstrip(".,;:")
    parts = [part for part in _SPLIT_NAMES.split(text) if part]

    def name(part: str) -> bool:  # "JANE DOE" is a name in capitals
        return looks_like_name(part if not part.isupper() else part.title())

    if len(parts) > 1 and all(name(part) for part in parts):
        return parts
    if len(parts) > 1 and name(parts[0]):
        return [parts[0]]
    return [text] if text else []


#: News agencies and words that follow a name on a byline without being part of it
#: (``Alexander Cornwell Reuters``, ``Imtiaz Ali Published``); alone they are the byline.
_AFTER_WORDS = frozenset(
    [
        "reuters",
        "ap",
        "afp",
        "pti",
        "ians",
        "upi",
        "dpa",
        "efe",
        "ansa",
        "bloomberg",
        "xinhua",
        "published",
        "updated",
        "posted",
        "staff",
    ]
)


def byline_names(line: str) -> list[str]:
    """The names of a byline as written: ``"By Jane Doe | Reuters, 3 May 2021"`` gives ``["Jane Doe"]``."""
    text = collapse(line.replace("*", " ").replace("_", " "))
    found = find_date(text)
    if found is not None and found.start > 0:
        text = text[: found.start]
    text = BY.sub("", text, count=1)
    text = _AFTER_NAME.sub("", text) or text
    words = text.split()
    while len(words) > 2 and words[-1].casefold().strip(".,:") in _AFTER_WORDS:
        words.pop()
    return split_names(" ".join(words))


def name_like(name: str) -> bool:
    """A name as bylines write it, also in capitals (``TIMES STAFF WRITERS``)."""
    return looks_like_name(name.title() if name.isupper() else name)


def names_inside(line: str) -> list[str]:
    """The names after a by-word inside ``line`` (:data:`BY_INSIDE`), when every one
    of them looks like a person's name; ``[]`` otherwise."""
    for match in BY_INSIDE.finditer(line):
        before = line[: match.start()].split()[-1:]
        if before and before[0].casefold().strip(":|") in _CREDITED:
            continue  # "Photo by Getty Images" credits a picture, not the text
        names = byline_names(line[match.start() :])
        if names and all(name_like(name) for name in names):
            return names
    return []
