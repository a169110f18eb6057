"""Planning: name every target of a build and decide which are stale.

:func:`scan` hashes what the outputs are made from (file I/O only);
:func:`plan` is a pure function of the config and that scan.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from converters import __version__
from converters.batch.config import BuildConfig, expand_sources
from converters.batch.index import INDEX_NAME
from converters.batch.manifest import MANIFEST_NAME, parse_manifest
from converters.batch.store import Store, sha256_file, store_for
from converters.errors import OutputError, UsageError
from converters.output import NameAllocator


@dataclass(frozen=True)
class Target:
    """One output file of the build.

    Attributes:
        path: relative to the output folder, POSIX separators (``"article.pdf"``).
        fmt: the format (``"pdf"``; collections are ``"epub"``).
        kind: ``"article"`` or ``"collection"``.
        sources: the sources it is made from (one for an article), absolute.
        key: the SHA-256 of everything the file is made from (see :func:`plan`).
        collection: the collection's index in the config, for collections.
    """

    path: str
    fmt: str
    kind: Literal["article", "collection"]
    sources: tuple[Path, ...]
    key: str
    collection: int | None = None


@dataclass(frozen=True)
class Scan:
    """What :func:`plan` needs to know about the files on disk.

    Attributes:
        sources: the article sources, in build order (absolute).
        collection_sources: each collection's sources, in given order.
        empty_patterns: patterns that matched no file.
        fingerprints: SHA-256 of each source's bytes (``None``: unreadable).
        style: SHA-256 of the stylesheet.
        covers: SHA-256 of each collection's cover image (``""`` for none or unreadable).
        previous: the previous manifest's artifacts by path.
        present: SHA-256 of each output file the previous manifest lists that still exists.
    """

    sources: tuple[Path, ...]
    collection_sources: tuple[tuple[Path, ...], ...]
    empty_patterns: tuple[str, ...]
    fingerprints: Mapping[Path, str | None]
    style: str
    covers: tuple[str, ...]
    previous: Mapping[str, Mapping[str, Any]]
    present: Mapping[str, str]


@dataclass(frozen=True)
class Plan:
    """Every target of a build, split into ``stale`` (to build) and ``unchanged``."""

    targets: tuple[Target, ...]
    stale: tuple[Target, ...]
    unchanged: tuple[Target, ...]


def templates_fingerprint() -> str:
    """SHA-256 over plainpress's version and its templates (a change in either rebuilds everything)."""
    digest = hashlib.sha256(__version__.encode())
    folder = Path(__file__).resolve().parent.parent / "templates"
    for template in sorted(folder.glob("*.j2")):
        digest.update(template.name.encode() + b"\0" + template.read_bytes())
    return digest.hexdigest()


def scan(config: BuildConfig, store: Store | None = None) -> Scan:
    """Hash the build's inputs and read the previous manifest from ``store`` (default: the
    config's output, :func:`~converters.batch.store.store_for`); file I/O only, no rendering.

    Raises:
        OutputError: the output is a URL and fsspec is not installed.
    """
    from converters.styles import resolve_style

    sources, empty = expand_sources(config.base, config.sources)
    collection_sources = []
    for col in config.collections:
        found, missing = expand_sources(config.base, col.sources)
        collection_sources.append(tuple(found))
        empty.extend(p for p in missing if p not in empty)
    everything = dict.fromkeys([*sources, *(p for c in collection_sources for p in c)])
    fingerprints = {p: sha256_file(p) for p in everything}
    style = sha256_file(resolve_style(config.write.style).path) or ""
    covers = tuple(
        (sha256_file(c.spec.cover) or "") if c.spec.cover is not None else "" for c in config.collections
    )
    if store is None:
        store = store_for(config.output, config.output_url)
    previous = parse_manifest(store.read(MANIFEST_NAME))
    present = store.present(previous)
    return Scan(
        sources=tuple(sources),
        collection_sources=tuple(collection_sources),
        empty_patterns=tuple(empty),
        fingerprints=fingerprints,
        style=style,
        covers=covers,
        previous=previous,
        present=present,
    )


def _key(parts: Mapping[str, Any]) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode("utf-8")).hexdigest()


#: The write options (and whether the stylesheet) each built-in format depends
#: on; a format not listed here (a plug-in writer) depends on all of them.
FORMAT_INPUTS: dict[str, tuple[tuple[str, ...], bool]] = {
    "html": (("style", "html_fonts"), True),
    "epub": (("style",), True),
    "kepub": (("style",), True),
    "pdf": (("style", "page_size", "pdf_variant", "print_profile"), True),
    "md": (("markdown_flavor",), False),
}


def _relevant(fmt: str, common: Mapping[str, Any]) -> dict[str, Any]:
    """Narrow the shared key parts to what ``fmt`` depends on, so changing the
    page size rebuilds the PDFs only and changing the style leaves Markdown alone."""
    if fmt not in FORMAT_INPUTS:
        return {}
    fields, uses_style = FORMAT_INPUTS[fmt]
    write = common["write"]
    chosen = {k: write[k] for k in fields}
    defaults = write.get("store_defaults") or {}
    if fmt in ("epub", "kepub") and any(v not in (None, (), []) for v in defaults.values()):
        chosen["store_defaults"] = defaults  # only when set: keys of builds without it stay as they were
    return {"write": chosen, "style": common["style"] if uses_style else None}


def plan(config: BuildConfig, found: Scan, *, engine: str | None = None, force: bool = False) -> Plan:
    """Name every target and decide which are stale. Pure: reads nothing, writes nothing.

    An article target's key hashes the source's bytes, the format, the read
    options, the write options the format uses and the stylesheet's bytes if
    it uses them (:data:`FORMAT_INPUTS`), and ``engine`` (plainpress's
    version and templates, :func:`templates_fingerprint`); a collection's
    hashes the same for ``epub`` (so PDF and Markdown options never rebuild
    it), with all its sources in order, its settings and its cover image.
    A target is stale when ``force`` is set, when the previous manifest has
    no entry for its path with the same key, or when the file is missing or
    its SHA-256 differs from the manifest's (it was edited or damaged).

    Output names are the sources' stems (``article.txt`` gives
    ``article.html``...), made unique with ``-2``, ``-3``... in source order;
    ``index`` and ``manifest`` are reserved. Collections never change them.

    Raises:
        UsageError: a source pattern matched no file, a collection has no
            articles, or a collection's output is an article's, another
            collection's, the index's or the manifest's.
        OutputError: an output would overwrite a source.
    """
    from converters.writers import get_writer

    if found.empty_patterns:  # a typo must not pass as "nothing to do"
        shown = ", ".join(repr(p) for p in found.empty_patterns)
        many = len(found.empty_patterns) > 1
        raise UsageError(
            config.path, f"source pattern{'s' if many else ''} {shown} matched no file{'s' if many else ''}"
        )
    engine = engine if engine is not None else templates_fingerprint()
    common = {
        "engine": engine,
        "style": found.style,
        "read": asdict(config.read),
        "write": asdict(config.write),
    }
    names = NameAllocator()
    names.claim("index")
    names.claim("manifest")
    targets: list[Target] = []
    for source in found.sources:
        stem = names.claim(source.stem)
        for fmt in config.formats:
            path = stem + get_writer(fmt).extension
            key = _key(
                {
                    **common,
                    **_relevant(fmt, common),
                    "fmt": fmt,
                    "path": path,
                    "source": found.fingerprints.get(source),
                }
            )
            targets.append(Target(path, fmt, "article", (source,), key))
    # Who makes each output: an article's name follows from its source alone,
    # so a collection asking for the same file is refused, never renamed around.
    owners = {t.path.lower(): display_path(t.sources[0], config.base) for t in targets}
    owners.update({INDEX_NAME: "the index page", MANIFEST_NAME: "the manifest"})
    for i, (col, sources) in enumerate(zip(config.collections, found.collection_sources, strict=True)):
        if not sources:
            raise UsageError(config.path, f"collection {col.spec.title!r} has no articles")
        spec = asdict(col.spec)
        spec["cover"] = found.covers[i]
        for fmt, path in col.outputs:
            owner = owners.get(path.lower())
            if owner is not None:
                raise UsageError(
                    config.path,
                    f"collection {col.spec.title!r}: output {path!r} is also the output of {owner}; "
                    "give the collection another output",
                )
            owners[path.lower()] = f"collection {col.spec.title!r}"
            # Each format has its own key: the options its writer uses, so a
            # page size change rebuilds the PDF book only.
            uses = {"kepub": "epub", "web": "html"}.get(fmt, fmt)
            parts = {
                **common,
                **_relevant(uses, common),
                "fmt": "collection",
                "path": path,
                "spec": spec,
                "sources": [found.fingerprints.get(s) for s in sources],
            }
            if fmt != "epub":  # an EPUB's key as before this field, so those books are not rebuilt
                parts["book"] = fmt
            targets.append(Target(path, fmt, "collection", sources, _key(parts), collection=i))
    for target in targets:
        if config.output_url is None and (config.output / target.path) in found.fingerprints:
            raise OutputError(
                config.output / target.path, "output would overwrite a source; choose another output folder"
            )
    stale: list[Target] = []
    unchanged: list[Target] = []
    for target in targets:
        before = found.previous.get(target.path)
        fresh = (
            not force
            and before is not None
            and before.get("key") == target.key
            and found.present.get(target.path) == before.get("sha256")
            and all(found.fingerprints.get(s) is not None for s in target.sources)
            and all(  # a web edition's other files are all still there
                found.present.get(path) == entry.get("sha256")
                for path, entry in found.previous.items()
                if entry.get("part_of") == target.path
            )
        )
        (unchanged if fresh else stale).append(target)
    return Plan(tuple(targets), tuple(stale), tuple(unchanged))


def display_path(path: Path, cwd: Path) -> str:
    """``path`` relative to ``cwd`` when it is inside it, else absolute (POSIX separators)."""
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()
