"""Line endings and odd white space, made plain.

:func:`normalize` returns text whose only line separator is ``"\\n"`` and which
holds no character XML 1.0 forbids (https://www.w3.org/TR/xml/#charsets):

* CRLF and lone CR become LF; U+2028 (line separator), NEL (U+0085) and
  vertical tab become LF; U+2029 (paragraph separator) and form feed become a
  blank line (a block boundary).
* Tabs stay (indentation is measured later, tabs counting as 4 columns).
* Terminal escape sequences (ECMA-48: ``ESC [ 1 m`` colours, cursor moves,
  ``ESC ] ... BEL`` titles and links, ``ESC ( B`` character sets, and their
  8-bit C1 forms) are removed whole, so pasted terminal output keeps no
  ``[1m`` remains; the text an OSC 8 hyperlink shows stays.
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

#: ECMA-48 (ISO/IEC 6429) control sequences: a control string (OSC, DCS, SOS,
#: PM, APC: ``ESC ]``, ``ESC P``, ``ESC X``, ``ESC ^``, ``ESC _`` or the C1
#: bytes, up to BEL or ST on the same line; unterminated, only its ``ESC``
#: goes, so ``ESC`` before ``Paris`` costs no word); a
#: control sequence (CSI: ``ESC [`` or U+009B, parameter bytes 0x30-0x3F,
#: intermediate bytes 0x20-0x2F, a final byte 0x40-0x7E); a character-set
#: designation (``ESC ( B``: intermediates 0x21-0x2F, one final byte
#: 0x30-0x7E); the keypad modes ``ESC =`` and ``ESC >``. An ``ESC`` before a
#: letter or a space loses only the ``ESC``, so no letter of a word is lost.
_ESCAPES = re.compile(
    "(?:\x1b[\\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\\\|\x9c)"
    "|(?:\x1b\\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
    "|\x1b[\x21-\x2f]+[\x30-\x7e]|\x1b[=>]"
)
_SURROGATES = re.compile("[\ud800-\udfff]")
_BLANKISH = re.compile(r"^[^\S\n]+$", re.MULTILINE)


def normalize(text: str) -> str:
    """Return ``text`` with LF line ends and no XML-forbidden characters.

    Shape: ``str -> str``; never raises. Words are never removed; only
    control characters and white space change.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPES.sub("", text)
    text = text.translate(_TRANSLATE)
    text = _SURROGATES.sub("", text)
    text = _BLANKISH.sub("", text)
    return text
