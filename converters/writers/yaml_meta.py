"""The Markdown file's YAML front matter, written with PyYAML for every tool that reads it.

Static-site generators (Hugo, Jekyll, Eleventy, MkDocs) load the block
between the ``---`` lines with a YAML parser and show its values as text, so
the values are plain strings, never Markdown (no ``\\*`` escapes), quoted
only where YAML needs it (``subtitle: '1'`` stays a string, ``title: 'Yes'``
no boolean). Keys come in reading order, ``title`` first; ``date`` is the
ISO 8601 date (a YAML date when the day is known, so generators sort by it)
and ``dateline`` the line as written. Soft hyphens and zero-width spaces are
left out (:func:`converters.metatext.plain`): front matter is searched.
"""

from __future__ import annotations

import datetime
from typing import Any

from converters import presentation
from converters.metatext import plain, plain_all
from converters.model import Document


def front_matter_data(doc: Document) -> dict[str, Any]:
    """The front matter of ``doc`` as an ordered mapping (see the module docstring).

    Keys, each only when the article has it: ``title``, ``subtitle``,
    ``author`` (a list), ``byline`` (as written, when it says more than the
    names: :func:`converters.presentation.byline_says_more`), ``date``
    (``YYYY-MM-DD`` as a YAML date, else ``YYYY-MM`` or ``YYYY`` as a
    string), ``dateline`` (the whole date line as written), ``other-dates``,
    ``masthead`` (lines above the title), ``source-note``, the source's other
    front matter fields as they were (:func:`converters.presentation.fields`:
    ``layout``, ``permalink``...), ``lang`` (always) and ``dir`` (``rtl`` only).
    """
    head = presentation.header(doc)
    data: dict[str, Any] = {}
    if doc.title:
        data["title"] = plain(doc.title)
    if doc.subtitle:
        data["subtitle"] = plain(doc.subtitle)
    if doc.authors:
        data["author"] = list(plain_all(doc.authors))
    if head.byline and presentation.byline_says_more(head.byline, doc.authors):
        data["byline"] = plain(head.byline)
    line = head.dateline
    if line is not None:
        data["date"] = _iso_date(line.iso)
        data["dateline"] = plain(line.text)
    for key, lines in (
        ("other-dates", head.other_dates),
        ("masthead", head.masthead),
        ("source-note", head.source_notes),
    ):
        if lines:
            data[key] = list(plain_all(lines))
    for key, _text in presentation.fields(doc):
        # the source's own front matter fields, as they were (a site generator reads them)
        value = doc.metadata.get(key)
        data.setdefault(key, "" if value is None else value)
    data["lang"] = doc.language
    if doc.direction == "rtl":
        data["dir"] = "rtl"
    return data


def _iso_date(iso: str) -> datetime.date | str:
    """``"2020-10-31"`` as a date (YAML writes it bare, a timestamp); ``"2020-10"`` and
    ``"2020"`` stay strings (YAML quotes the year, which would load as a number)."""
    try:
        return datetime.date.fromisoformat(iso) if len(iso) == 10 else iso
    except ValueError:
        return iso


def front_matter(doc: Document) -> str:
    """The YAML block, from the opening ``---`` line to the closing one and a blank line.

    Unicode is written as is; no line is folded (a long title stays on one line).
    """
    import yaml

    body = yaml.safe_dump(
        front_matter_data(doc),
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=2**31 - 1,
    )
    return f"---\n{body}---\n\n"
