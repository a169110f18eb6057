"""Decoding: bytes to text, with the codec recorded (issue 3, "Decoding")."""

from __future__ import annotations

import pytest

from converters.errors import InputError
from converters.readers.decode import decode

ARTICLE = "Strike Ends\n\n“We won,” said the convenor — café workers’ pay rises.\n"


def test_utf8_without_bom() -> None:
    assert decode(ARTICLE.encode("utf-8"), "a.txt") == (ARTICLE, "utf-8")


def test_utf8_bom_is_dropped() -> None:
    text, codec = decode(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), "a.txt")
    assert text == ARTICLE
    assert codec == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    text, used = decode(bom + ARTICLE.encode(codec), "a.txt")
    assert text == ARTICLE
    assert used == "utf-16"


def test_utf16_without_bom_is_still_text() -> None:
    text, used = decode("Plain words in a row\n".encode("utf-16-le"), "a.txt")
    assert text == "Plain words in a row\n"
    assert used == "utf-16-le"


def test_windows_1252_curly_quotes() -> None:
    data = b"The union said \x93no\x94 to the offer \x96 twice. It\x92s final.\n" * 3
    text, codec = decode(data, "a.txt")
    assert codec == "cp1252"
    assert "“no”" in text and "–" in text and "It’s" in text


def test_forced_encoding_wins() -> None:
    data = "café".encode("latin-1")
    assert decode(data, "a.txt", "latin-1") == ("café", "iso8859-1")
    # A valid UTF-8 text forced to cp1252 is read as cp1252 (the user asked).
    assert decode("é".encode(), "a.txt", "cp1252") == ("Ã©", "cp1252")


def test_forced_encoding_that_fails() -> None:
    with pytest.raises(InputError) as info:
        decode(b"caf\xe9 au lait", "a.txt", "utf-8")
    assert info.value.reason == "cannot be decoded as utf-8: invalid continuation byte at byte 3"
    assert info.value.message.startswith("a.txt: cannot be decoded as utf-8")


def test_unknown_forced_encoding() -> None:
    with pytest.raises(InputError) as info:
        decode(b"text", "a.txt", "klingon-8")
    assert info.value.reason == "cannot be decoded as klingon-8: unknown encoding"


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4,
        b"\x00\x01\x02\x03hello\x00\x00\x00world",
        bytes(range(0, 32)) * 40,
    ],
)
def test_binary_is_rejected(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        decode(data, "blob.bin")
    assert info.value.reason == "looks like binary data, not text"
    assert info.value.path == "blob.bin"


@pytest.mark.parametrize("codec", ["rot13", "base64", "zlib"])
def test_forced_codec_that_is_not_a_text_encoding(codec: str) -> None:
    with pytest.raises(InputError) as info:
        decode(b"text", "a.txt", codec)
    assert info.value.reason == f"cannot be decoded as {codec}: not a text encoding"


def test_forced_codec_failing_with_a_plain_unicode_error() -> None:
    with pytest.raises(InputError) as info:
        decode(b"hello world", "a.txt", "punycode")
    assert info.value.reason.startswith("cannot be decoded as punycode: ")
