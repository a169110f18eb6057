"""read_file: the input errors it raises, and what it records (issue 3, "Decoding")."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from converters.errors import InputError
from converters.options import ReadOptions
from converters.readers.plaintext import read_file

TEXT = "Pay Deal Agreed\n\n4 May 2021\n\nThe union accepted the offer after a long ballot of all members.\n"


def _reason(path: Path, options: ReadOptions | None = None) -> str:
    with pytest.raises(InputError) as info:
        read_file(path, options or ReadOptions())
    assert info.value.path == str(path)
    return info.value.reason


def test_missing_file(tmp_path: Path) -> None:
    assert _reason(tmp_path / "nope.txt") == "no such file"


def test_directory(tmp_path: Path) -> None:
    assert _reason(tmp_path) == "is a directory, not a file"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read anything")
def test_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(TEXT, encoding="utf-8")
    path.chmod(0)
    try:
        assert _reason(path) == "permission denied"
    finally:
        path.chmod(0o644)


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(TEXT, encoding="utf-8")
    size = path.stat().st_size
    assert _reason(path, ReadOptions(max_input_size=10)) == (
        f"is {size} bytes, over the limit of 10 bytes (--max-input-size)"
    )


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\r\n", b"\xef\xbb\xbf\n\n", "\u00a0\n".encode()])
def test_empty(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert _reason(path) == "is empty"


def test_binary(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    assert _reason(path) == "looks like binary data, not text"


def test_forced_encoding_failure(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\u00e9 workers win\n".encode("latin-1"))
    assert _reason(path, ReadOptions(encoding="utf-8")).startswith("cannot be decoded as utf-8: ")


def test_source_records_path_and_codec(tmp_path: Path) -> None:
    path = tmp_path / "win.txt"
    path.write_bytes(TEXT.replace("accepted", "“accepted”").encode("cp1252"))
    doc = read_file(path)
    assert doc.source is not None
    assert doc.source.path == str(path)
    assert doc.source.encoding == "cp1252"
    assert doc.title == "Pay Deal Agreed"


def test_utf16_file(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(b"\xff\xfe" + TEXT.encode("utf-16-le"))
    doc = read_file(path)
    assert doc.title == "Pay Deal Agreed"
    assert doc.source is not None and doc.source.encoding == "utf-16"


def test_read_file_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    read_file(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
