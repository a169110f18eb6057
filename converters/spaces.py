"""White space that breaks lines, told apart from white space that must not.

Python's ``str.split()`` splits on every Unicode space, the no-break ones
too, so ``10\\u00a0000``, ``25\\u202fkm`` or ``Mme\\u00a0Leclerc`` came out of
the pandoc writers (Markdown, DOCX, ODT) as two words with a breakable space
between them. These helpers split and collapse only breaking white space and
keep no-break spaces as characters of the word.
"""

from __future__ import annotations

import re

#: No-break space, figure space, narrow no-break space (French punctuation,
#: thousands separators, units): never a place to break a line.
NO_BREAK_SPACES = "\u00a0\u2007\u202f"

_BREAKING = re.compile(rf"[^\S{NO_BREAK_SPACES}]+")


def split_breaking(text: str) -> list[str]:
    """``text`` split at runs of breaking white space, no-break spaces kept inside the words
    (``"10\\u00a0000 km"`` gives ``["10\\u00a0000", "km"]``); no empty strings."""
    return [word for word in _BREAKING.split(text) if word]


def collapse_breaking(text: str) -> str:
    """Runs of breaking white space made one space, ends stripped; no-break spaces kept."""
    return " ".join(split_breaking(text))


__all__ = ["NO_BREAK_SPACES", "collapse_breaking", "split_breaking"]
