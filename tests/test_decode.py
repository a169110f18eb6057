"""Decoding: bytes to text, with the codec recorded (issue 3, "Decoding")."""

from __future__ import annotations

from pathlib import Path

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
    assert info.value.reason == (
        "cannot be decoded as utf-8: invalid continuation byte at byte 3 "
        "(--encoding utf-8:replace reads it with U+FFFD for the bytes that are not utf-8)"
    )
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


# --------------------------------------------------------------------------
# A UTF-8 text with a few bad bytes (issue 10, item 23)

UTF8_PART = ("The strike began on Monday \u2014 the dockers said \u201cno\u201d. " * 4).encode()


def test_mostly_utf8_is_text_with_replacements_and_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    data = UTF8_PART + b"Caf\xe9 cr\xe8me. " + UTF8_PART
    text, codec = decode(data, "a.txt")
    assert codec == "utf-8"
    assert text == UTF8_PART.decode() + "Caf\ufffd cr\ufffdme. " + UTF8_PART.decode()
    start = len(UTF8_PART)
    assert [r.getMessage() for r in caplog.records] == [
        f"a.txt: not valid UTF-8 at byte {start + 3}, {start + 7} (2 sequences): read as U+FFFD (\ufffd)"
    ]


def test_a_character_cut_in_the_middle_is_one_replacement(caplog: pytest.LogCaptureFixture) -> None:
    data = UTF8_PART + "\u2014".encode()[:2] + b" end\n"
    text, codec = decode(data, "a.txt")
    assert (text, codec) == (UTF8_PART.decode() + "\ufffd end\n", "utf-8")
    assert (
        caplog.records[0]
        .getMessage()
        .startswith(f"a.txt: not valid UTF-8 at byte {len(UTF8_PART)} (1 sequence)")
    )


def test_many_offsets_are_cut_short(caplog: pytest.LogCaptureFixture) -> None:
    data = UTF8_PART * 3 + b"".join(b"x\x81" for _ in range(8))
    decode(data, "a.txt")
    base = len(UTF8_PART) * 3
    offsets = ", ".join(str(base + 1 + 2 * i) for i in range(5))
    assert [r.getMessage() for r in caplog.records] == [
        f"a.txt: not valid UTF-8 at byte {offsets} and 3 more (8 sequences): read as U+FFFD (\ufffd)"
    ]


def test_windows_1252_is_still_detected_not_replaced(caplog: pytest.LogCaptureFixture) -> None:
    data = "Caf\u00e9 cr\u00e8me, na\u00efve r\u00e9sum\u00e9 \u2014 \u201cno\u201d.\n".encode("cp1252") * 3
    assert decode(data, "a.txt") == (
        "Caf\u00e9 cr\u00e8me, na\u00efve r\u00e9sum\u00e9 \u2014 \u201cno\u201d.\n" * 3,
        "cp1252",
    )
    assert caplog.records == []


def test_forced_encoding_with_replace(caplog: pytest.LogCaptureFixture) -> None:
    assert decode(b"caf\xe9 au lait", "a.txt", "utf-8:replace") == ("caf\ufffd au lait", "utf-8")
    assert [r.getMessage() for r in caplog.records] == [
        "a.txt: not valid utf-8 at byte 3 (1 sequence): read as U+FFFD (\ufffd)"
    ]
    caplog.clear()
    assert decode("caf\u00e9".encode(), "a.txt", "UTF-8:REPLACE") == ("caf\u00e9", "utf-8")
    assert caplog.records == []


def test_undetectable_bytes_say_how_to_get_through() -> None:
    with pytest.raises(InputError) as info:
        decode(bytes(range(128, 256)) * 8, "a.txt")
    assert info.value.reason == (
        "looks like binary data, not text (no text encoding fits; if it is text, name its encoding: "
        "--encoding cp1252, or --encoding utf-8:replace)"
    )


def test_the_command_line_converts_it_with_one_warning(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from converters.cli import cli

    source = tmp_path / "a.txt"
    source.write_bytes(b"Strike Ends\n\n" + UTF8_PART + b"Caf\xe9.\n")
    result = CliRunner().invoke(cli, ["convert", "-t", "html", "-o", str(tmp_path), str(source)])
    assert (result.exit_code, result.stdout) == (0, f"{tmp_path / 'a.html'}\n")
    offset = len(b"Strike Ends\n\n" + UTF8_PART) + 3
    assert result.stderr == (
        f"plainpress: warning: {source}: not valid UTF-8 at byte {offset} (1 sequence): read as U+FFFD (\ufffd)\n"
    )
    assert "Caf\ufffd." in (tmp_path / "a.html").read_text(encoding="utf-8")


def test_a_config_may_ask_for_replacements(tmp_path: Path) -> None:
    from converters.batch import config_from_table

    config = config_from_table({"sources": ["*.txt"], "encoding": "utf-8:replace"}, tmp_path)
    assert config.read.encoding == "utf-8:replace"
