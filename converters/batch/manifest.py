"""``manifest.json``: every artifact of a build with its size in bytes, SHA-256 and key."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from converters import __version__
from converters.output import url_for_path

MANIFEST_NAME = "manifest.json"

#: Version of the manifest's shape; bumped only if a key changes meaning.
MANIFEST_VERSION = 1


@dataclass
class Artifact:
    """One manifest entry (see :func:`write_manifest`)."""

    path: str
    format: str
    kind: str
    source: str | None
    sources: list[str] | None
    title: str | None
    date: dict[str, str] | None
    size: int
    sha256: str
    key: str
    language: str | None = None
    part_of: str | None = None  # a web edition's other files: the path of its index.html

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
            "href": url_for_path(self.path),
            "format": self.format,
            "kind": self.kind,
        }
        if self.kind == "collection":
            data["sources"] = self.sources
        else:
            data["source"] = self.source
            data["date"] = self.date
        data.update(
            title=self.title, language=self.language, size=self.size, sha256=self.sha256, key=self.key
        )
        if self.part_of is not None:
            data["part_of"] = self.part_of
        return data


def manifest_bytes(artifacts: Sequence[Artifact]) -> bytes:
    """The manifest as UTF-8 JSON: ``{"generator", "version", "artifacts": [...]}``.

    Each artifact has ``path`` (relative to the output folder), ``href``
    (that path as a percent-encoded relative URL, :func:`url_for_path`), ``format``,
    ``kind`` (``"article"`` or ``"collection"``), ``source`` (articles: the
    source path relative to the config's folder) or ``sources``
    (collections), ``title``, ``date`` (articles: ``{"text", "iso"}`` or
    ``null``), ``language`` (BCP 47, the article's or the book's), ``size`` in bytes, ``sha256`` (hex) and ``key``
    (the content hash the build compares to decide what to rebuild); every
    file of a web edition is listed, each but its ``index.html`` with
    ``part_of`` (that ``index.html``'s path) and ``key`` (the content
    hash the build compares to decide what to rebuild). No times, no
    absolute paths: two builds of the same sources give the same manifest.
    """
    data = {
        "generator": f"plainpress {__version__}",
        "version": MANIFEST_VERSION,
        "artifacts": [a.to_dict() for a in artifacts],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def read_manifest(output: Path) -> dict[str, dict[str, Any]]:
    """The artifacts of ``output/manifest.json`` by path (``{}`` when missing or unreadable)."""
    try:
        return parse_manifest((output / MANIFEST_NAME).read_bytes())
    except OSError:
        return {}


def parse_manifest(data: bytes | None) -> dict[str, dict[str, Any]]:
    """The artifacts of a manifest's bytes by path (``{}`` for ``None`` or anything unreadable)."""
    if data is None:
        return {}
    try:
        artifacts = json.loads(data.decode("utf-8"))["artifacts"]
        return {str(a["path"]): dict(a) for a in artifacts if isinstance(a, dict) and "path" in a}
    except (OSError, ValueError, KeyError, TypeError):
        return {}
