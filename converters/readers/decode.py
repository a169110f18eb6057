"""Bytes to clean text: the reader's decode step.

:func:`decode` turns the raw bytes of a source into text and names the codec
it used. The order of the decision is fixed and documented, so a user can
predict it:

1. ``encoding`` given (``--encoding``): use it, strictly; a failure is an
   :class:`~converters.errors.InputError`.
2. A byte-order mark: UTF-32 or UTF-16 (LE or BE), then UTF-8 (the mark is
   dropped from the text).
3. NUL bytes without a mark: UTF-16 without a BOM when the NULs sit in every
   other byte (text in the Latin range), otherwise the data is binary and is
   rejected.
4. Strict UTF-8.
5. charset-normalizer's best guess (https://github.com/jawah/charset_normalizer),
   preferring Windows-1252 when it is among the close candidates, since that is
   what old Western archives are written in.

The decoded text is then checked: text that is mostly control characters is
rejected as binary rather than turned into text. Line endings and odd white
space are left to :mod:`converters.readers.normalize`.
"""

from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes

from converters.errors import InputError

BINARY_REASON = "looks like binary data, not text"

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Codecs charset-normalizer may propose that are Windows-1252 in practice.
_WESTERN = ("cp1252", "latin_1", "iso8859_15")


def decode(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, codec)``.

    ``text`` has no byte-order mark; ``codec`` is a Python codec name
    (``"utf-8"``, ``"utf-8-sig"``, ``"utf-16"``, ``"cp1252"`` ...), the one
    recorded in :class:`~converters.model.Source`.

    Raises:
        InputError: ``path`` with reason ``"cannot be decoded as X: ..."``
            when a forced ``encoding`` fails or is unknown, and
            ``"looks like binary data, not text"`` for NUL-bearing or
            control-character data that is not UTF-16/32 text.
    """
    if encoding:
        return _decode_forced(data, path, encoding)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec), path), codec
            except UnicodeDecodeError as exc:
                raise InputError(path, BINARY_REASON) from exc
    if b"\x00" in data:
        codec16 = _utf16_without_bom(data)
        if codec16 is None:
            raise InputError(path, BINARY_REASON)
        return _checked(data.decode(codec16), path), codec16
    try:
        return _checked(data.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError:
        pass
    return _detect(data, path)


def _decode_forced(data: bytes, path: str, encoding: str) -> tuple[str, str]:
    try:
        info = codecs.lookup(encoding)
    except LookupError as exc:
        raise InputError(path, f"cannot be decoded as {encoding}: unknown encoding") from exc
    codec = info.name
    if not getattr(info, "_is_text_encoding", True):  # rot13, base64, zlib ...
        raise InputError(path, f"cannot be decoded as {encoding}: not a text encoding")
    if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
        codec = "utf-8-sig"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"cannot be decoded as {encoding}: {exc.reason} at byte {exc.start}") from exc
    except (UnicodeError, LookupError, ValueError) as exc:  # punycode and friends raise plain errors
        raise InputError(path, f"cannot be decoded as {encoding}: {exc}") from exc
    if text.startswith("\ufeff"):
        text = text[1:]
    return _checked(text, path), codec


def _utf16_without_bom(data: bytes) -> str | None:
    """Return ``"utf-16-le"``/``"utf-16-be"`` when NULs fill every other byte."""
    if len(data) < 2 or len(data) % 2:
        return None
    even = data[0::2]
    odd = data[1::2]
    half = len(data) // 2
    if odd.count(0) >= 0.9 * half and even.count(0) < 0.1 * half:
        return "utf-16-le"
    if even.count(0) >= 0.9 * half and odd.count(0) < 0.1 * half:
        return "utf-16-be"
    return None


def _detect(data: bytes, path: str) -> tuple[str, str]:
    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise InputError(path, BINARY_REASON)
    codec = str(best.encoding)
    try:
        if codec != "cp1252" and data.decode("cp1252") == data.decode(codec):
            codec = "cp1252"  # the same text either way: name the common Western codec
    except (UnicodeDecodeError, LookupError):
        pass
    if codec not in _WESTERN:
        # Prefer Windows-1252 when charset-normalizer also found it plausible:
        # 0x80-0x9F bytes are curly quotes and dashes there, controls elsewhere.
        for match in results:
            if match.encoding == "cp1252" and match.chaos <= best.chaos + 0.1:
                codec = "cp1252"
                break
    if codec in ("latin_1", "iso8859_15") and any(0x80 <= b <= 0x9F for b in data):
        codec = "cp1252"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        text = str(best)
        codec = str(best.encoding)
    return _checked(text, path), codec


def _checked(text: str, path: str) -> str:
    """Reject text that decodes to control characters rather than words."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        raise InputError(path, BINARY_REASON)
    sample = text[:65536]
    if sample:
        controls = sum(
            1 for ch in sample if unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\t\n\r\f\v"
        )
        if controls > max(8, len(sample) // 20):
            raise InputError(path, BINARY_REASON)
    return text
