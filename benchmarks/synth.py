"""Synthetic articles in the sample article's shape, for the benchmark.

Each article is about 7 KB of plain text laid out like ``seeds/*.txt``: a
title, a subtitle, a date, a dozen paragraphs of running text with curly
quotes and dashes, one indented-free quotation introduced by a colon, and a
"Related articles:" list naming other articles of the set (so collections
get cross-links). The text is made from a fixed vocabulary with a seeded
random generator: the same ``count`` and ``seed`` always give the same files.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "is",
    "for",
    "on",
    "with",
    "as",
    "by",
    "was",
    "it",
    "from",
    "at",
    "this",
    "be",
    "are",
    "have",
    "which",
    "their",
    "not",
    "has",
    "but",
    "its",
    "had",
    "were",
    "an",
    "they",
    "or",
    "been",
    "government",
    "workers",
    "party",
    "state",
    "class",
    "political",
    "union",
    "social",
    "economic",
    "against",
    "power",
    "capitalist",
    "movement",
    "country",
    "labour",
    "strike",
    "struggle",
    "national",
    "wages",
    "people",
    "new",
    "years",
    "would",
    "more",
    "all",
    "who",
    "most",
    "international",
    "working",
    "policy",
    "support",
    "left",
    "crisis",
    "market",
    "public",
    "revolutionary",
    "history",
    "election",
    "program",
    "unions",
    "police",
    "reform",
    "bourgeois",
    "leaders",
    "mass",
    "capital",
    "interests",
    "demands",
    "democratic",
    "oppressed",
    "imperialist",
    "organization",
    "industry",
    "profits",
    "ruling",
    "workers’",
    "between",
    "during",
    "under",
    "after",
    "before",
    "while",
    "decades",
    "economy",
    "rights",
    "budget",
    "council",
    "congress",
    "federation",
    "protest",
    "cities",
    "factories",
    "miners",
    "dockers",
    "teachers",
    "nurses",
    "transport",
    "housing",
    "prices",
    "inflation",
    "unemployment",
    "austerity",
    "coalition",
    "minister",
    "opposition",
    "agreement",
    "contract",
    "negotiations",
    "picket",
    "lines",
    "solidarity",
    "committee",
    "members",
    "meeting",
    "vote",
    "ballot",
    "leadership",
    "bureaucracy",
    "rank",
    "file",
    "independent",
    "struggles",
    "victory",
    "defeat",
    "lessons",
    "perspective",
    "future",
    "general",
    "important",
    "clearly",
    "only",
    "also",
    "however",
    "because",
    "although",
    "therefore",
    "indeed",
    "still",
    "already",
    "often",
    "never",
    "always",
]

TITLE_WORDS = [
    "Strike",
    "Wages",
    "Crisis",
    "Union",
    "Election",
    "Workers",
    "Budget",
    "Harbour",
    "Miners",
    "Reform",
    "Labour",
    "Protest",
    "Victory",
    "Defeat",
    "Austerity",
    "Housing",
    "Teachers",
    "Dockers",
    "Congress",
    "Picket",
    "Solidarity",
    "Coalition",
    "Inflation",
    "Factories",
    "Nurses",
    "Transport",
    "Federation",
    "Council",
    "Contract",
    "History",
]

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _sentence(rng: random.Random, low: int = 9, high: int = 26) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    if rng.random() < 0.2:
        i = rng.randrange(len(words))
        words[i] = f"“{words[i]}”"
    if rng.random() < 0.15:
        words.insert(rng.randrange(1, len(words)), "—")
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice(".....?")


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))


def _title(rng: random.Random, number: int) -> str:
    a, b = rng.sample(TITLE_WORDS, 2)
    return f"{a} and the {b} of {1900 + number}"


def article(number: int, titles: list[str], rng: random.Random) -> str:
    """One article's text (about 7 KB)."""
    day = date(1990, 1, 1) + timedelta(days=rng.randrange(12000))
    parts = [
        titles[number],
        " ".join(w.strip("“”").capitalize() for w in _sentence(rng, 5, 8).rstrip(".?").split() if w != "—"),
        f"{day.day} {MONTHS[day.month - 1]} {day.year}",
    ]
    body = [_paragraph(rng) for _ in range(11)]
    body[5] = body[5].rstrip(".?") + ":"
    body.insert(6, "“" + _paragraph(rng) + "”")
    parts += body
    while sum(len(p) for p in parts) < 6600:
        parts.append(_paragraph(rng))
    related = rng.sample([t for i, t in enumerate(titles) if i != number], k=min(3, len(titles) - 1))
    parts.append("Related articles:\n" + "\n".join(related))
    return "\n\n".join(parts) + "\n"


def generate(folder: Path, count: int = 200, seed: int = 1917) -> list[Path]:
    """Write ``count`` articles as ``folder/article-NNN.txt``; return their paths."""
    rng = random.Random(seed)
    titles = [_title(rng, i + 1) for i in range(count)]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"article-{i + 1:03d}.txt"
        path.write_text(article(i, titles, rng), encoding="utf-8")
        paths.append(path)
    return paths
