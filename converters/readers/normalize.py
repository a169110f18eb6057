"""Line endings and odd white space, made plain.

:func:`normalize` returns text whose only line separator is ``"\\n"`` and which
holds no character XML 1.0 forbids (https://www.w3.org/TR/xml/#charsets):

* CRLF and lone CR become LF; U+2028 (line separator), NEL (U+0085) and
  vertical tab become LF; U+2029 (paragraph separator) and form feed become a
  blank line (a block boundary).
* Tabs stay (indentation is measured later, tabs counting as 4 columns).
* Other C0 and C1 control characters, stray byte-order marks and
  non-characters are dropped: they carry no words.
* A line holding only white space (including no-break spaces) becomes empty,
  so it separates blocks like a blank line.

No-break spaces inside a line are kept (French typography needs them).
"""

from __future__ import annotations

import re

_TRANSLATE = {
    0x2028: "\n",
    0x0085: "\n",
    0x000B: "\n",
    0x2029: "\n\n",
    0x000C: "\n\n",
    0xFEFF: None,
    0xFFFE: None,
    0xFFFF: None,
}
for _code in range(0x20):
    if chr(_code) not in "\t\n\x0b\x0c":
        _TRANSLATE[_code] = None
for _code in range(0x7F, 0xA0):
    if _code != 0x85:
        _TRANSLATE[_code] = None

_SURROGATES = re.compile("[\ud800-\udfff]")
_BLANKISH = re.compile(r"^[^\S\n]+$", re.MULTILINE)


def normalize(text: str) -> str:
    """Return ``text`` with LF line ends and no XML-forbidden characters.

    Shape: ``str -> str``; never raises. Words are never removed; only
    control characters and white space change.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_TRANSLATE)
    text = _SURROGATES.sub("", text)
    text = _BLANKISH.sub("", text)
    return text
