"""Where plainpress keeps what it can rebuild: the unpacked language model, compiled templates.

``$PLAINPRESS_CACHE_DIR``, else ``$XDG_CACHE_HOME/plainpress``, else
``~/.cache/plainpress``. Everything in it is derived from installed files and
checked against them, so deleting the folder is always safe; when it cannot
be written, plainpress works without it, only slower to start.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    """The cache folder (see the module docstring); not created here."""
    explicit = os.environ.get("PLAINPRESS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "plainpress"


def cache_subdir(name: str) -> Path | None:
    """``cache_root() / name``, created if needed; ``None`` when it cannot be."""
    folder = cache_root() / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder
