"""Language tags: checking that a value is a well-formed BCP 47 tag.

The pattern is the ``langtag`` production of RFC 5646, section 2.1
(language, extlang, script, region, variants, extensions, private use), plus
whole private-use tags (``x-...``). Grandfathered tags such as
``i-klingon`` are not accepted; well-formed is not the same as registered
(``qq`` is well-formed), which is all a writer needs to emit valid ``lang``
and ``xml:lang`` attributes.
"""

from __future__ import annotations

import re

_LANGTAG = re.compile(
    r"""
    (?:
      [a-z]{2,3}(?:-[a-z]{3}){0,3}      # language, up to three extlangs
      | [a-z]{4,8}                      # reserved / registered language
    )
    (?:-[a-z]{4})?                      # script
    (?:-(?:[a-z]{2}|[0-9]{3}))?         # region
    (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*   # variants
    (?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*        # extensions
    (?:-x(?:-[a-z0-9]{1,8})+)?          # private use
    | x(?:-[a-z0-9]{1,8})+              # a private-use tag on its own
    """,
    re.VERBOSE | re.IGNORECASE,
)


def is_well_formed(tag: str) -> bool:
    """True when ``tag`` is a well-formed BCP 47 language tag (RFC 5646, 2.1).

    >>> is_well_formed("en"), is_well_formed("zh-Hant-TW"), is_well_formed("xx-!!")
    (True, True, False)
    """
    return bool(_LANGTAG.fullmatch(tag))
