"""BCP 47 well-formedness (RFC 5646, section 2.1)."""

from __future__ import annotations

import pytest

from converters.langtag import is_well_formed


@pytest.mark.parametrize(
    "tag", ["en", "de-CH", "zh-Hant-TW", "sr-Latn", "es-419", "ar", "de-1996", "en-US-x-house", "x-private"]
)
def test_well_formed_tags(tag: str) -> None:
    assert is_well_formed(tag)


@pytest.mark.parametrize("tag", ["", "xx-!!", "en_US", "e", "languagetoolong", "en-", "-en", "en US"])
def test_malformed_tags(tag: str) -> None:
    assert not is_well_formed(tag)
