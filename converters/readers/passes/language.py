"""The document's language.

Rules, first that applies wins: ``language.option`` (``--lang``),
``language.front-matter``, ``language.detected`` (py3langid,
https://github.com/adbar/py3langid, on the title and body text when it has at
least 40 letters and the normalised probability is at least
:data:`MIN_CONFIDENCE`), else ``language.default`` (``en``).

The identifier is loaded only when a document needs detection (no ``--lang``,
no front-matter ``language:``), from a memory-mapped copy of py3langid's model
(:mod:`converters.readers.langident`): milliseconds instead of 0.65 s.
"""

from __future__ import annotations

from converters.model import plain_text
from converters.readers.state import ReaderState

_MIN_LETTERS = 40
#: Below this probability the detection is not trusted and ``en`` is used.
MIN_CONFIDENCE = 0.6


def detect(text: str) -> tuple[str, float] | None:
    """Return ``(code, probability)`` for ``text``, or ``None`` when there is too little text."""
    if sum(1 for ch in text if ch.isalpha()) < _MIN_LETTERS:
        return None
    from converters.readers.langident import identifier

    code, probability = identifier().classify(text)
    return str(code), float(probability)


def likely_language(text: str) -> str | None:
    """The language code of ``text`` when the identifier is sure of it
    (:data:`MIN_CONFIDENCE`), else ``None``; reads the first 20,000 characters."""
    found = detect(text[:20000])
    if found is None or found[1] < MIN_CONFIDENCE:
        return None
    return found[0]


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
    found = detect(" ".join(parts)[:20000])
    if found is None:
        state.language = "en"
        state.decide("language", "language.default", "too little text to detect", fix="language:")
        return
    code, probability = found
    if probability < MIN_CONFIDENCE or code in ("zxx", "und"):
        state.language = "en"
        state.decide(
            "language",
            "language.default",
            f"py3langid unsure ({code}, p={probability:.2f})",
            runner_up=code,
            fix="language:",
        )
        return
    state.language = code
    state.decide("language", "language.detected", f"py3langid: {code} (p={probability:.2f})", fix="language:")
