"""Front matter: explicit metadata at the top of the text wins over detection.

Two forms are read (the user's way to correct a misreading without editing
the prose):

* a YAML block between ``---`` lines (Jekyll/pandoc style), parsed with
  PyYAML ``safe_load`` (no tags, no code);
* a ``Key: value`` header: the first block of lines, every one ``Key: value``
  with at least one known key (``title``, ``subtitle``, ``date``,
  ``author``/``authors``, ``language``/``lang``); a block of one line only
  when its value is plausible for its key (:func:`_plausible`), so a title
  such as ``Language: why safety briefings fail`` is never swallowed.

Known keys set the document fields and are marked *fixed*, so detection passes
leave them alone; any other key goes into ``metadata`` (lower-cased), and
``metadata["front_matter_keys"]`` lists those keys in source order (writers
print the ones they have no other place for: every word in, every word out).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

import yaml

from converters.model import DateValue
from converters.readers.dates import parse_date
from converters.readers.state import ReaderState

_KNOWN = {
    "title": "title",
    "headline": "title",
    "subject": "title",
    "subtitle": "subtitle",
    "standfirst": "subtitle",
    "date": "date",
    "author": "authors",
    "authors": "authors",
    "byline": "authors",
    "by": "authors",
    "language": "language",
    "lang": "language",
}
#: Header fields that make a ``Key: value`` block an e-mail or Usenet header, not front matter.
_MAIL_KEYS = frozenset(
    {"from", "newsgroups", "message-id", "to", "cc", "reply-to", "received", "return-path"}
)
_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z][\w\- ]{0,30}?)\s*:\s*(?P<value>.*)$")
_FENCE = re.compile(r"^---\s*$")
_YAML_END = re.compile(r"^(?:---|\.\.\.)\s*$")


def front_matter(state: ReaderState) -> None:
    """Read a YAML or ``Key: value`` block at the very top into the state's fields."""
    lines = state.text.split("\n")
    data: dict[str, Any] | None = None
    consumed = 0
    if lines and _FENCE.match(lines[0]):
        for index in range(1, len(lines)):
            if _YAML_END.match(lines[index]):
                data, problem = _yaml(lines[1:index])
                consumed = index + 1
                if data is None and index > 1 and _KEY_LINE.match(lines[1]):
                    logging.getLogger("plainpress").warning(
                        "%sfront matter not read (%s); its lines are kept as text", _where(state), problem
                    )
                break
        rule = "front-matter.yaml"
    else:
        data, consumed = _key_values(lines)
        rule = "front-matter.key-value"
    if data is None:
        return
    state.line_offset = consumed
    state.text = "\n".join(lines[consumed:])
    for key, value in data.items():
        _apply(state, str(key), value, rule)


class _NoAliasLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` without aliases: ``*name`` references let a few hundred
    bytes expand to gigabytes when the value is turned into text ("billion
    laughs"), and front matter has no use for them."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError("aliases are not allowed in front matter")
        return super().compose_node(parent, index)


def _yaml(lines: list[str]) -> tuple[dict[str, Any] | None, str]:
    """The YAML block as a dict and ``""``, or ``None`` and why not: it is not a
    mapping, is not valid YAML or uses aliases (then the lines are read as text)."""
    try:
        loaded = yaml.load("\n".join(lines), Loader=_NoAliasLoader)  # a SafeLoader without aliases
    except yaml.YAMLError as exc:
        return None, str(getattr(exc, "problem", None) or exc).split("\n")[0]
    if not isinstance(loaded, dict) or not loaded:
        return None, "it is not a mapping of keys to values"
    return {str(k): v for k, v in loaded.items()}, ""


def _key_values(lines: list[str]) -> tuple[dict[str, Any] | None, int]:
    data: dict[str, Any] = {}
    index = 0
    while index < len(lines) and lines[index].strip():
        match = _KEY_LINE.match(lines[index].strip())
        if not match or not match.group("value").strip():
            return None, 0
        data[match.group("key").strip()] = match.group("value").strip()
        index += 1
    if not data or not any(key.lower() in _KNOWN for key in data):
        return None, 0
    if any(key.lower() in _MAIL_KEYS for key in data):
        return None, 0  # an e-mail or Usenet header: read by converters.readers.passes.structured
    if len(data) == 1 and not all(_plausible(key, str(value)) for key, value in data.items()):
        return None, 0  # "Language: why safety briefings fail" alone is a title, not a header
    if not any(line.strip() for line in lines[index:]):  # nothing but the header: it is the text
        return None, 0
    return data, index


def _plausible(key: str, value: str) -> bool:
    """Whether ``value`` can be what a ``Key: value`` header's known ``key`` holds:
    a BCP 47 tag for ``language``, a readable date for ``date``, a value of a
    header's length (at most 12 words) for a key the reader does not know."""
    from converters.langtag import is_well_formed

    field = _KNOWN.get(key.lower())
    if field == "language":
        return is_well_formed(value.strip())
    if field == "date":
        return parse_date(value) is not None
    if field is None:
        return len(value.split()) <= 12
    return True


def _clean(value: Any) -> Any:
    """``value`` with its strings normalized like the text: a YAML escape such as
    ``"\\u0001"`` put characters XML forbids into the title (an internal error)."""
    from converters.readers.normalize import normalize

    if isinstance(value, str):
        return normalize(value)
    if isinstance(value, list):
        return [_clean(item) for item in value]
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    return value


def _apply(state: ReaderState, key: str, value: Any, rule: str) -> None:
    field = _KNOWN.get(key.lower())
    fix = f"{key}:"
    value = _clean(value)
    if field is None:
        state.metadata[key.lower()] = value
        # the order the keys came in, so a writer can print the fields it has no place for
        state.metadata["front_matter_keys"] = [*state.metadata.get("front_matter_keys", []), key.lower()]
        state.decide("metadata", rule, f"{key}: {value}", fix=fix)
        return
    if value is None:
        state.decide(field, rule, f"{key}: (empty)", fix=fix)
        return
    if field == "title":
        state.title = str(value)
    elif field == "subtitle":
        state.subtitle = str(value)
    elif field == "language":
        from converters import validate

        try:
            state.language = validate.language_tag(value)  # the check --lang and the config get
        except validate.BadValue as exc:
            _warn(state, key, str(exc))
            state.decide(field, f"{rule}.malformed-language", f"{key}: {value}", fix=fix)
            return
        doubt = validate.unknown_language(state.language)
        if doubt:  # well-formed but in no registry (zz): used, with the warning --lang gives
            logging.getLogger("plainpress").warning("%sfront matter key %r: %s", _where(state), key, doubt)
    elif field == "authors":
        if isinstance(value, (list, tuple)):
            state.authors = [str(v) for v in value]
        else:
            state.authors = [str(value)]
    elif field == "date":
        state.date = _date(value)
        if state.date is None:
            # Not a date the reader can read: kept as written, detection still runs.
            state.metadata["date"] = str(value)
            state.decide("date", f"{rule}.unreadable-date", f"{key}: {value}", fix=fix)
            return
    state.fixed.add(field)
    state.decide(field, rule, f"{key}: {value}", fix=fix)


def _where(state: ReaderState) -> str:
    """``"FILE: "`` to open a warning about ``state``'s source, ``""`` for a text with no file."""
    return f"{state.source.path}: " if state.source is not None else ""


def _warn(state: ReaderState, key: str, reason: str) -> None:
    """Warn once, naming the file and the key, that a front matter value is not used
    (``plainpress: warning: a.txt: front matter key 'lang': 'en_US' is not ...; ignored``)."""
    logging.getLogger("plainpress").warning("%sfront matter key %r: %s; ignored", _where(state), key, reason)


def _date(value: Any) -> DateValue | None:
    if isinstance(value, dt.datetime):
        return DateValue(text=value.date().isoformat(), iso=value.date().isoformat())
    if isinstance(value, dt.date):
        return DateValue(text=value.isoformat(), iso=value.isoformat())
    return parse_date(str(value))
