"""Bytes to clean text: the reader's decode step.

:func:`decode` turns the raw bytes of a source into text and names the codec
it used. The order of the decision is fixed and documented, so a user can
predict it:

1. ``encoding`` given (``--encoding``): use it, strictly; a failure is an
   :class:`~converters.errors.InputError` that says how to get through.
   ``CODEC:replace`` (``utf-8:replace``) decodes with U+FFFD in place of the
   bytes the codec cannot read, and warns naming their byte offsets.
2. A byte-order mark: UTF-32 or UTF-16 (LE or BE), then UTF-8 (the mark is
   dropped from the text).
3. NUL bytes without a mark: UTF-16 without a BOM when the NULs sit in every
   other byte (text in the Latin range), otherwise the data is binary and is
   rejected.
4. Strict UTF-8.
5. Mostly UTF-8: when the invalid UTF-8 sequences are no more than the
   well-formed non-ASCII UTF-8 characters (a UTF-8 text with a few bytes
   pasted from another encoding, or cut mid-character), UTF-8 with U+FFFD in
   place of each invalid sequence, and a warning naming their byte offsets.
6. charset-normalizer's best guess (https://github.com/jawah/charset_normalizer),
   preferring Windows-1252 when it is among the close candidates, since that is
   what old Western archives are written in.

The decoded text is then checked: text that is mostly control characters is
rejected as binary rather than turned into text. Line endings and odd white
space are left to :mod:`converters.readers.normalize`.
"""

from __future__ import annotations

import codecs
import logging
import unicodedata

from charset_normalizer import from_bytes

from converters.errors import InputError

BINARY_REASON = "looks like binary data, not text"

#: The reason when no text encoding fits bytes that hold no NUL: they may be
#: text in an encoding we cannot guess, so say how to read them anyway.
UNDETECTED_REASON = (
    f"{BINARY_REASON} (no text encoding fits; if it is text, name its encoding: "
    "--encoding cp1252, or --encoding utf-8:replace)"
)

#: ``--encoding CODEC:replace``: decode with U+FFFD for what ``CODEC`` cannot read.
REPLACE_SUFFIX = ":replace"

#: How many byte offsets a warning about replaced bytes names before "and N more".
_MAX_OFFSETS = 5

log = logging.getLogger("plainpress")

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
    mostly = _mostly_utf8(data)
    if mostly is not None:
        text, bad = mostly
        _warn_replaced(path, "UTF-8", bad)
        return _checked(text, path), "utf-8"
    return _detect(data, path)


def _invalid_sequences(data: bytes, codec: str = "utf-8") -> list[int]:
    """Byte offsets (0-based) of the sequences ``codec`` cannot decode, in order; each is
    one U+FFFD under ``errors="replace"``. Linear: each step decodes from the last error on."""
    decoder = codecs.getdecoder(codec)
    view = memoryview(data)
    offsets: list[int] = []
    pos = 0
    while pos < len(data):
        try:
            decoder(view[pos:], "strict")
            break
        except UnicodeDecodeError as exc:
            offsets.append(pos + exc.start)
            pos += max(exc.end, exc.start + 1)
    return offsets


def _mostly_utf8(data: bytes) -> tuple[str, list[int]] | None:
    """``(text, offsets)`` when ``data`` is UTF-8 but for a few invalid sequences, else ``None``.

    A few means no more invalid sequences than well-formed non-ASCII
    characters: Windows-1252 or Latin-1 text has (nearly) no well-formed UTF-8
    sequence, so it is left to detection.
    """
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")  # one per invalid sequence (and any U+FFFD written as such)
    well_formed = sum(1 for ch in text if ch > "\x7f") - replaced
    if not replaced or replaced > well_formed:
        return None
    return text, _invalid_sequences(data)


def _warn_replaced(path: str, codec: str, offsets: list[int]) -> None:
    """One warning naming the byte offsets (0-based) of the sequences replaced with U+FFFD."""
    shown = ", ".join(str(o) for o in offsets[:_MAX_OFFSETS])
    more = f" and {len(offsets) - _MAX_OFFSETS} more" if len(offsets) > _MAX_OFFSETS else ""
    noun = "sequence" if len(offsets) == 1 else "sequences"
    log.warning(
        "%s: not valid %s at byte %s%s (%d %s): read as U+FFFD (\ufffd)",
        path,
        codec,
        shown,
        more,
        len(offsets),
        noun,
    )


def _decode_forced(data: bytes, path: str, encoding: str) -> tuple[str, str]:
    replace = encoding.lower().endswith(REPLACE_SUFFIX)
    name = encoding[: -len(REPLACE_SUFFIX)] if replace else encoding
    try:
        info = codecs.lookup(name)
    except LookupError as exc:
        raise InputError(path, f"cannot be decoded as {name}: unknown encoding") from exc
    codec = info.name
    if not getattr(info, "_is_text_encoding", True):  # rot13, base64, zlib ...
        raise InputError(path, f"cannot be decoded as {name}: not a text encoding")
    if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
        codec = "utf-8-sig"
    try:
        if replace:
            bad = _invalid_sequences(data, codec)
            if bad:
                _warn_replaced(path, name, bad)
            text = data.decode(codec, errors="replace")
        else:
            text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            f"cannot be decoded as {name}: {exc.reason} at byte {exc.start} "
            f"(--encoding {name}{REPLACE_SUFFIX} reads it with U+FFFD for the bytes that are not {name})",
        ) from exc
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
        raise InputError(path, UNDETECTED_REASON)
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
