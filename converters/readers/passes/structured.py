"""Structured headers: e-mail and Usenet headers, Project Gutenberg's header and licence.

These follow published formats, so they are read by rule, before the learned
tagger sees the text (:mod:`converters.readers.passes.roles`), and the lines
they take are not tagged:

* ``structured.mail``: a block of RFC 5322 header fields near the top
  (``From:``, ``Subject:``, ``Date:``, ``Newsgroups:`` ..., at least two of
  them and one of ``From``/``Subject``/``Newsgroups``; an mbox ``From ``
  line and continuation lines belong to it; a ``  12. `` line-number prefix,
  as archive viewers print, is allowed). It is parsed with the standard
  library's :mod:`email` parser: ``Subject`` gives the title, ``From`` the
  author (``Name <addr>`` and ``addr (Name)`` forms, :func:`email.utils.parseaddr`),
  ``Date`` the date (RFC 5322 section 3.3, two-digit years as section 4.3 says).
  The header lines are kept, in order, as source notes.
* ``structured.gutenberg``: the Project Gutenberg header above ``*** START OF
  ...`` fills ``Title:`` and ``Author:``, and ``Release Date:`` (or ``Posting
  Date:``) gives the date when the text itself gives none (it is the ebook's
  release, not the work's date); the header is kept as source notes; the licence below ``*** END OF ...`` is set
  aside as furniture (recorded and announced like other furniture).

Fields set by front matter are left alone. Fields found here are *fixed*: the
tagger does not override them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email.parser import HeaderParser
from email.utils import parseaddr

from converters.readers.dates import find_date
from converters.readers.state import ReaderState, collapse

_NUMBER_PREFIX = re.compile(r"^\s{0,6}\d{1,5}\.\s?")
_FIELD = re.compile(r"^(?P<name>[A-Za-z][A-Za-z0-9-]{0,40}):[ \t]*(?P<value>.*)$")
_MBOX = re.compile(r"^From \S+@?\S*\s+\w{3} \w{3}\s+\d")
_KEYS = frozenset({"from", "subject", "newsgroups"})
_MAIL_FIELDS = frozenset(
    [
        "from",
        "to",
        "cc",
        "bcc",
        "subject",
        "date",
        "newsgroups",
        "message-id",
        "organization",
        "organisation",
        "lines",
        "reply-to",
        "path",
        "sender",
        "references",
        "keywords",
        "summary",
        "followup-to",
        "in-reply-to",
        "content-type",
        "mime-version",
        "return-path",
        "received",
        "approved",
        "submitted-by",
        "posting-number",
        "archive-name",
        "last-modified",
        "x-md4-signature",
        "nntp-posting-host",
        "distribution",
        "expires",
        "xref",
        "article-i.d.",
        "posting-frequency",
        "version",
        "url",
    ]
)
_PG_START = re.compile(r"^\s*\*{3}\s*start of (?:the |this )?project gutenberg", re.IGNORECASE)
_PG_END = re.compile(r"^\s*(?:\*{3}\s*)?end of (?:the |this )?project gutenberg", re.IGNORECASE)
_PG_FIELD = re.compile(
    r"^(?P<key>Title|Author|Editor|Translator|Release Date|Language|Posting Date):\s*(?P<value>.+)$"
)
#: How far down the text a header block may start (lines).
SEARCH_LINES = 60
#: How far down the text Project Gutenberg's START line may be (lines).
PG_HEADER_LINES = 150


@dataclass
class MailHeader:
    """A parsed header block: its 0-based line indexes and the fields read."""

    lines: list[int]
    fields: dict[str, str] = field(default_factory=dict)


def _strip(line: str, numbered: bool) -> str:
    return _NUMBER_PREFIX.sub("", line, count=1) if numbered else line


def find_mail_header(lines: list[str]) -> MailHeader | None:
    """The first e-mail/Usenet header block among the first :data:`SEARCH_LINES` lines, or ``None``."""
    limit = min(len(lines), SEARCH_LINES)
    for start in range(limit):
        for numbered in (False, True):
            block = _block(lines, start, numbered)
            if block is not None:
                return block
    return None


def _block(lines: list[str], start: int, numbered: bool) -> MailHeader | None:
    first = _strip(lines[start], numbered)
    taken: list[int] = []
    if _MBOX.match(first):
        taken.append(start)
        start += 1
    names: list[str] = []
    raw: list[str] = []
    index = start
    while index < len(lines):
        text = _strip(lines[index], numbered).rstrip()
        match = _FIELD.match(text)
        if match and match.group("name").lower() in _MAIL_FIELDS:
            names.append(match.group("name").lower())
        elif raw and text[:1] in (" ", "\t") and text.strip():
            pass  # a folded continuation line (RFC 5322 section 2.2.3)
        else:
            break
        raw.append(text)
        taken.append(index)
        index += 1
    if len(names) < 2 or not _KEYS & set(names):
        return None
    message = HeaderParser().parsestr("\n".join(raw) + "\n\n")
    header = MailHeader(taken)
    for name in ("subject", "from", "date", "newsgroups"):
        value = message.get(name)
        if value:
            header.fields[name] = " ".join(str(value).split())
    return header


def _mail(state: ReaderState, lines: list[str]) -> set[int]:
    header = find_mail_header(lines)
    if header is None:
        return set()
    offset = state.line_offset
    first = header.lines[0] + 1 + offset
    subject = header.fields.get("subject")
    if subject and "title" not in state.fixed:
        state.title = subject
        state.fixed.add("title")
        state.decide("title", "structured.mail-subject", subject, fix="title:", line=first)
    name, address = parseaddr(header.fields.get("from", ""))
    author = name or address
    if author and "authors" not in state.fixed:
        state.authors = [author]
        state.fixed.add("authors")
        state.decide("authors", "structured.mail-from", header.fields["from"], fix="authors:", line=first)
    date_text = header.fields.get("date")
    if date_text and "date" not in state.fixed:
        found = find_date(date_text)
        if found is not None:
            state.date = found.value
            state.fixed.add("date")
            state.decide("date", "structured.mail-date", date_text, fix="date:", line=first)
    notes = [collapse(lines[i]) for i in header.lines if lines[i].strip()]
    state.metadata["source_note"] = [*notes, *state.metadata.get("source_note", [])]
    return set(header.lines)


def _gutenberg(state: ReaderState, lines: list[str]) -> set[int]:
    start = next((i for i, line in enumerate(lines[:PG_HEADER_LINES]) if _PG_START.match(line)), None)
    end = next((i for i, line in enumerate(lines) if _PG_END.match(line)), None)
    taken: set[int] = set()
    offset = state.line_offset
    if start is not None:
        fields: dict[str, str] = {}
        for line in lines[: start + 1]:
            match = _PG_FIELD.match(line.strip())
            if match:
                fields[match.group("key").lower()] = match.group("value").strip()
        state.metadata["gutenberg"] = fields
        if fields.get("title") and "title" not in state.fixed:
            state.title = fields["title"]
            state.fixed.add("title")
            state.decide("title", "structured.gutenberg", fields["title"], fix="title:")
        if fields.get("author") and "authors" not in state.fixed:
            state.authors = [fields["author"]]
            state.fixed.add("authors")
            state.decide("authors", "structured.gutenberg", fields["author"], fix="authors:")
        released = fields.get("release date") or fields.get("posting date")
        found = find_date(released) if released and "date" not in state.fixed else None
        if found is not None:
            # the ebook's release, not the work's date: the date only when the text gives none
            # (not fixed, so a date the roles pass reads in the text wins)
            state.date = found.value
            state.decide("date", "structured.gutenberg-release", str(released), fix="date:")
        notes = [collapse(line) for line in lines[: start + 1] if line.strip()]
        state.metadata["source_note"] = [*notes, *state.metadata.get("source_note", [])]
        taken.update(range(start + 1))
    if end is not None and (start is None or end > start):
        for index in range(end, len(lines)):
            if lines[index].strip():
                state.drop(collapse(lines[index]), "structured.gutenberg-licence", index + 1 + offset)
        taken.update(range(end, len(lines)))
    return taken


def structured(state: ReaderState) -> None:
    """Read mail and Project Gutenberg headers; blank the lines taken in ``state.text``."""
    lines = state.text.split("\n")
    taken = _gutenberg(state, lines) | _mail(state, lines)
    if not taken:
        return
    for index in taken:
        lines[index] = ""
    state.text = "\n".join(lines)


def tagged_lines(text: str) -> list[str]:
    """The lines of ``text`` as the line-role tagger sees them: front matter and the
    lines :func:`structured` takes blanked, line numbers unchanged (for training)."""
    from converters.options import ReadOptions
    from converters.readers.passes.frontmatter import front_matter

    state = ReaderState(text=text, options=ReadOptions(), source=None)
    front_matter(state)
    structured(state)
    return [""] * state.line_offset + state.text.split("\n")
