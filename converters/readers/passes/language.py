"""The document's language.

Rules, first that applies wins: ``language.option`` (``--lang``),
``language.front-matter``, ``language.detected`` (py3langid,
https://github.com/adbar/py3langid, on the body text when it has at least 40
letters), ``language.default`` (``en``).
"""

from __future__ import annotations

import py3langid

from converters.model import plain_text
from converters.readers.state import ReaderState

_MIN_LETTERS = 40


def language(state: ReaderState) -> None:
    """Set ``state.language``."""
    if state.options.language:
        state.language = state.options.language
        state.decide("language", "language.option", f"--lang {state.options.language}")
        return
    if "language" in state.fixed and state.language:
        return
    parts = [state.title or "", state.subtitle or ""]
    for block in state.blocks:
        inlines = getattr(block, "inlines", None)
        if inlines is not None:
            parts.append(plain_text(inlines))
    sample = " ".join(parts)[:20000]
    if sum(1 for ch in sample if ch.isalpha()) < _MIN_LETTERS:
        state.language = "en"
        state.decide("language", "language.default", "too little text to detect", fix="language:")
        return
    code, _score = py3langid.classify(sample)
    state.language = str(code)
    state.decide("language", "language.detected", f"py3langid: {code}", fix="language:")
