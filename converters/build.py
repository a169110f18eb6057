"""Batch builds driven by ``plainpress.toml``: config, planning, execution, manifest, index.

The build runs in four steps, each usable on its own:

1. :func:`load_config` reads ``plainpress.toml`` (or ``[tool.plainpress]`` in
   ``pyproject.toml``) with :mod:`tomllib` into a :class:`BuildConfig`.
2. :func:`scan` hashes what the outputs are made from (source bytes, the
   stylesheet, cover images, plainpress's version and templates) and reads
   the previous ``manifest.json``; :func:`plan` is a pure function of the
   config and that scan: it names every target (sources x formats, and each
   collection) with a content hash (its *key*) and marks as stale every
   target whose key, file or checksum differs from the previous build.
   Timestamps are never consulted.
3. :func:`execute` runs the stale targets through a
   :class:`concurrent.futures.Executor` (a local ``ProcessPoolExecutor`` by
   default; any executor with the same interface, such as a Dask client's,
   works) as plain functions of picklable inputs (:func:`build_article`,
   :func:`build_collection`), and collects results as they complete, so one
   slow PDF never holds the others.
4. :func:`manifest_bytes` and :func:`index_bytes` make ``manifest.json``
   (every artifact with its size in bytes and SHA-256) and ``index.html``
   (a downloads page styled like the articles), written only when changed.

:func:`run_build` does all four. Every file is written atomically inside the
output folder; nothing lands outside it.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import logging
import os
import time
import tomllib
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, as_completed
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

from converters import __version__
from converters.collection import ORDERS, CollectionSpec, Order
from converters.errors import EXIT_BUG, EXIT_OK, OutputError, PlainpressError, UsageError
from converters.model import Document
from converters.options import DEFAULT_MAX_INPUT_SIZE, ReadOptions, WriteOptions
from converters.output import NameAllocator, ensure_dir, safe_slug, url_for_path, write_atomic
from converters.pool import local_pool, stop_workers

T = TypeVar("T")

CONFIG_NAME = "plainpress.toml"
MANIFEST_NAME = "manifest.json"
INDEX_NAME = "index.html"
DEFAULT_FORMATS = ("html", "epub", "pdf", "md")

#: Version of the manifest's shape; bumped only if a key changes meaning.
MANIFEST_VERSION = 1

_TOP_KEYS = {
    "sources",
    "formats",
    "output",
    "title",
    "style",
    "page_size",
    "pdf_variant",
    "print",
    "markdown_flavor",
    "encoding",
    "language",
    "max_input_size",
    "keep_furniture",
    "collections",
}
_COLLECTION_KEYS = {
    "title",
    "sources",
    "output",
    "author",
    "authors",
    "language",
    "description",
    "cover",
    "order",
    "series",  # series and store metadata: converters.bookmeta
    "series_index",
    "isbn",
    "publisher",
    "subjects",
    "rights",
}


# --------------------------------------------------------------------------
# Configuration


@dataclass(frozen=True)
class CollectionConfig:
    """One ``[[collections]]`` table.

    Attributes:
        spec: title, authors, language, description, cover (an absolute path) and order.
        sources: glob patterns, relative to the config's folder.
        output: the EPUB's path relative to the output folder (``"labour-notes.epub"``).
    """

    spec: CollectionSpec
    sources: tuple[str, ...]
    output: str


@dataclass(frozen=True)
class BuildConfig:
    """A build, as read from the config file.

    Attributes:
        base: the folder source patterns and ``output`` are relative to (the config file's folder).
        sources: glob patterns of the articles to convert (``**`` recurses).
        formats: output formats, in order (``"html"``, ``"epub"``, ``"pdf"``, ``"md"``).
        output: the output folder (absolute).
        title: the heading of ``index.html``.
        read: how sources are read.
        write: how documents are written.
        collections: the collections to build.
        path: the config file, or ``None`` for a config made in code.
    """

    base: Path
    sources: tuple[str, ...]
    formats: tuple[str, ...] = DEFAULT_FORMATS
    output: Path = Path("dist")
    title: str = "Downloads"
    read: ReadOptions = field(default_factory=ReadOptions)
    write: WriteOptions = field(default_factory=WriteOptions)
    collections: tuple[CollectionConfig, ...] = ()
    path: Path | None = None


def find_config(cwd: Path) -> tuple[Path, dict[str, Any]]:
    """Find the config in ``cwd``: ``plainpress.toml``, else ``[tool.plainpress]`` of ``pyproject.toml``.

    Raises:
        UsageError: neither exists, or the file is not valid TOML.
    """
    candidate = cwd / CONFIG_NAME
    if candidate.is_file():
        return candidate, _read_toml(candidate)
    pyproject = cwd / "pyproject.toml"
    if pyproject.is_file():
        table = _read_toml(pyproject).get("tool", {}).get("plainpress")
        if isinstance(table, dict):
            return pyproject, table
    raise UsageError(cwd, f"no {CONFIG_NAME} here (nor [tool.plainpress] in pyproject.toml); see --config")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(path, f"not valid TOML: {exc}") from exc
    except OSError as exc:
        raise UsageError(path, f"cannot read config: {exc.strerror or exc}") from exc


def load_config(path: Path | None = None, cwd: Path | None = None) -> BuildConfig:
    """Read a build config (TOML 1.0 via :mod:`tomllib`).

    ``path`` may be a ``plainpress.toml``-shaped file or a ``pyproject.toml``
    (its ``[tool.plainpress]`` table is used); without it the config is
    looked for in ``cwd`` (default: the current folder) by :func:`find_config`.

    Raises:
        UsageError: no config, invalid TOML, an unknown key, or a bad value.
    """
    if path is None:
        path, table = find_config((cwd or Path.cwd()).resolve())
    else:
        data = _read_toml(path)
        if path.name == "pyproject.toml":
            table = data.get("tool", {}).get("plainpress")
            if not isinstance(table, dict):
                raise UsageError(path, "no [tool.plainpress] table")
        else:
            table = data
    return config_from_table(table, base=path.resolve().parent, path=path)


def config_from_table(table: Mapping[str, Any], base: Path, path: Path | None = None) -> BuildConfig:
    """Validate a config table (the TOML's top level) into a :class:`BuildConfig`.

    Raises:
        UsageError: an unknown key or a bad value (the message names it).
    """
    where = path or base
    unknown = sorted(set(table) - _TOP_KEYS)
    if unknown:
        raise UsageError(where, f"unknown key {unknown[0]!r} (known: {', '.join(sorted(_TOP_KEYS))})")
    from converters import validate

    sources = _strings(table, "sources", where, required=True, empty="list at least one glob pattern")
    listed = _strings(table, "formats", where, empty="list at least one format, or leave it out for all four")
    formats = tuple(dict.fromkeys(_checked(validate.output_format, f, "formats", where) for f in listed))
    if "formats" not in table:
        formats = DEFAULT_FORMATS
    output = base / _string(table, "output", where, "dist")
    page_size = _checked(validate.page_size, _string(table, "page_size", where, "a4"), "page_size", where)
    flavor = _checked(
        validate.markdown_flavor,
        _string(table, "markdown_flavor", where, "markdown"),
        "markdown_flavor",
        where,
    )
    style = _string(table, "style", where, "default")
    if style.endswith(".css") or "/" in style:
        style = str((base / style).resolve())
    from converters.styles import resolve_style

    try:
        resolve_style(style)
    except UsageError as exc:
        raise UsageError(where, f"style: {exc.message}") from None
    max_size = table.get("max_input_size", DEFAULT_MAX_INPUT_SIZE)
    if not isinstance(max_size, int) or isinstance(max_size, bool) or max_size < 1:
        raise UsageError(where, "max_input_size: must be a positive number of bytes")
    variant = _string(table, "pdf_variant", where, None)
    if variant is not None and "pdf" in formats:
        variant = _checked(validate.pdf_variant, variant, "pdf_variant", where)
    encoding = _string(table, "encoding", where, None)
    language = _string(table, "language", where, None)
    from converters.printprofiles import print_profile

    profile = _string(table, "print", where, None)  # a print-on-demand PDF (converters.printprofiles)
    write = WriteOptions(
        style=style,
        page_size=page_size,
        pdf_variant=variant,
        markdown_flavor=flavor,
        print_profile=None if profile is None else _checked(print_profile, profile, "print", where),
    )
    keep_furniture = table.get("keep_furniture", False)
    if not isinstance(keep_furniture, bool):
        raise UsageError(where, "keep_furniture: must be true or false")
    read = ReadOptions(
        encoding=None if encoding is None else _checked(validate.encoding, encoding, "encoding", where),
        language=None if language is None else _checked(validate.language_tag, language, "language", where),
        max_input_size=max_size,
        keep_furniture=keep_furniture,
    )
    raw_collections = table.get("collections", [])
    if not isinstance(raw_collections, list) or not all(isinstance(c, dict) for c in raw_collections):
        raise UsageError(where, "collections must be an array of tables ([[collections]])")
    collections = tuple(_collection(c, base, where, sources) for c in raw_collections)
    return BuildConfig(
        base=base,
        sources=sources,
        formats=formats,
        output=output.resolve(),
        title=_string(table, "title", where, "Downloads"),
        read=read,
        write=write,
        collections=collections,
        path=path,
    )


def _collection(
    table: Mapping[str, Any], base: Path, where: Path, default_sources: tuple[str, ...]
) -> CollectionConfig:
    unknown = sorted(set(table) - _COLLECTION_KEYS)
    if unknown:
        raise UsageError(
            where,
            f"unknown key {unknown[0]!r} in [[collections]] (known: {', '.join(sorted(_COLLECTION_KEYS))})",
        )
    from converters import validate

    title = _string(table, "title", where, None)
    if not title or not title.strip():
        raise UsageError(where, "every [[collections]] needs a title")
    authors = _strings(table, "authors", where) or _strings(table, "author", where)
    order = _string(table, "order", where, "given")
    if order not in ORDERS:
        raise UsageError(where, f"collection {title!r}: order must be one of {', '.join(ORDERS)}")
    output = _string(table, "output", where, safe_slug(title, fallback="collection") + ".epub")
    if not output.endswith(".epub"):
        raise UsageError(where, f"collection {title!r}: output must end in .epub")
    _inside("output", output, where)
    cover = _string(table, "cover", where, None)
    language = _string(table, "language", where, None)
    if language is not None:
        language = _checked(validate.language_tag, language, f"collection {title!r}: language", where)
    from converters.bookmeta import from_config

    store = _checked(from_config, table, f"collection {title!r}", where)
    spec = CollectionSpec(
        store=store,
        title=title,
        authors=authors,
        language=language,
        description=_string(table, "description", where, None),
        cover=(base / cover).resolve() if cover else None,
        order=cast("Order", order),
    )
    empty = f"collection {title!r}: list at least one glob pattern, or leave it out for the top-level sources"
    return CollectionConfig(spec, _strings(table, "sources", where, empty=empty) or default_sources, output)


def _inside(key: str, relative: str, where: Path) -> None:
    """Refuse an output path that could land outside the output folder."""
    parts = Path(relative).parts
    if not parts or Path(relative).is_absolute() or ".." in parts or relative.startswith(("/", "\\")):
        raise UsageError(where, f"{key} {relative!r} must be a relative path inside the output folder")


def _checked(check: Callable[[object], T], value: object, key: str, where: Path) -> T:
    """``check(value)`` (a :mod:`converters.validate` check), its complaint made a
    :class:`UsageError` naming the config file and ``key``: the same check, and
    the same reason, as the command-line option's."""
    from converters.validate import BadValue

    try:
        return check(value)
    except BadValue as exc:
        raise UsageError(where, f"{key}: {exc}") from None


def _string(table: Mapping[str, Any], key: str, where: Path, default: Any) -> Any:
    value = table.get(key, default)
    if value is not None and not isinstance(value, str):
        raise UsageError(where, f"{key} must be a string")
    return value


def _strings(
    table: Mapping[str, Any], key: str, where: Path, required: bool = False, empty: str | None = None
) -> tuple[str, ...]:
    """The string or list of strings at ``key``; ``()`` when absent.

    Raises:
        UsageError: absent and ``required``; not strings; an empty list when
            ``empty`` (the hint shown) is given.
    """
    value = table.get(key)
    if value is None:
        if required:
            raise UsageError(where, f"{key} is required (a list of glob patterns)")
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(where, f"{key} must be a string or a list of strings")
    if not value and empty is not None:  # never "nothing to do", never "all of them"
        raise UsageError(where, f"{key} is empty; {empty}")
    return tuple(value)


def expand_sources(base: Path, patterns: Iterable[str]) -> tuple[list[Path], list[str]]:
    """Expand glob ``patterns`` relative to ``base`` (``**`` recurses) in sorted order.

    Returns the files (absolute, each once, in pattern order then sorted) and
    the patterns that matched nothing. A pattern without wildcards is kept
    even when the file is missing, so the build reports it as a failed source.
    """
    files: dict[Path, None] = {}
    empty: list[str] = []
    for pattern in patterns:
        if glob.has_magic(pattern):
            # root_dir: wildcard characters in the folder's own name stay literal.
            found = glob.glob(pattern, root_dir=base, recursive=True)
            matches = sorted(base / p for p in found if (base / p).is_file())
            if not matches:
                empty.append(pattern)
            for match in matches:
                files.setdefault(match.resolve(), None)
        else:
            files.setdefault((base / pattern).resolve(), None)
    return list(files), empty


# --------------------------------------------------------------------------
# Planning


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


def _sha256_file(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def templates_fingerprint() -> str:
    """SHA-256 over plainpress's version and its templates (a change in either rebuilds everything)."""
    digest = hashlib.sha256(__version__.encode())
    folder = Path(__file__).resolve().parent / "templates"
    for template in sorted(folder.glob("*.j2")):
        digest.update(template.name.encode() + b"\0" + template.read_bytes())
    return digest.hexdigest()


def read_manifest(output: Path) -> dict[str, dict[str, Any]]:
    """The artifacts of ``output/manifest.json`` by path (``{}`` when missing or unreadable)."""
    try:
        data = json.loads((output / MANIFEST_NAME).read_text(encoding="utf-8"))
        artifacts = data["artifacts"]
        return {str(a["path"]): dict(a) for a in artifacts if isinstance(a, dict) and "path" in a}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def scan(config: BuildConfig) -> Scan:
    """Hash the build's inputs and read the previous manifest (file I/O only, no rendering)."""
    from converters.styles import resolve_style

    sources, empty = expand_sources(config.base, config.sources)
    collection_sources = []
    for col in config.collections:
        found, missing = expand_sources(config.base, col.sources)
        collection_sources.append(tuple(found))
        empty.extend(p for p in missing if p not in empty)
    everything = dict.fromkeys([*sources, *(p for c in collection_sources for p in c)])
    fingerprints = {p: _sha256_file(p) for p in everything}
    style = _sha256_file(resolve_style(config.write.style).path) or ""
    covers = tuple(
        (_sha256_file(c.spec.cover) or "") if c.spec.cover is not None else "" for c in config.collections
    )
    previous = read_manifest(config.output)
    present = {}
    for rel in previous:
        digest = _sha256_file(config.output / rel)
        if digest is not None:
            present[rel] = digest
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
    "html": (("style",), True),
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
    return {"write": {k: write[k] for k in fields}, "style": common["style"] if uses_style else None}


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
        owner = owners.get(col.output.lower())
        if owner is not None:
            raise UsageError(
                config.path,
                f"collection {col.spec.title!r}: output {col.output!r} is also the output of {owner}; "
                "give the collection another output",
            )
        owners[col.output.lower()] = f"collection {col.spec.title!r}"
        if not sources:
            raise UsageError(config.path, f"collection {col.spec.title!r} has no articles")
        spec = asdict(col.spec)
        spec["cover"] = found.covers[i]
        key = _key(
            {
                **common,
                **_relevant("epub", common),  # the EPUB writer's options only
                "fmt": "collection",
                "path": col.output,
                "spec": spec,
                "sources": [found.fingerprints.get(s) for s in sources],
            }
        )
        targets.append(Target(col.output, "epub", "collection", sources, key, collection=i))
    for target in targets:
        if (config.output / target.path) in found.fingerprints:
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
        )
        (unchanged if fresh else stale).append(target)
    return Plan(tuple(targets), tuple(stale), tuple(unchanged))


# --------------------------------------------------------------------------
# Execution (the functions run in worker processes: picklable in, picklable out)


@dataclass(frozen=True)
class Built:
    """One file written: ``path`` relative to the output folder, ``size`` in bytes, ``sha256``."""

    path: str
    fmt: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Result:
    """What a job returns: the files it wrote, or why it failed.

    Attributes:
        paths: the target paths the job was asked for.
        built: the files written (empty on failure).
        title: the article's or collection's title (for the index page).
        date: the article's date as written and as ISO 8601, or ``None``.
        language: the article's language, or the book's (BCP 47).
        error: ``"PATH: reason"`` when the job failed, else ``None``.
        exit_code: the error's exit code (1 bad input, 3 output, 70 bug).
        detail: a traceback for internal errors (shown with ``--debug``).
    """

    paths: tuple[str, ...]
    built: tuple[Built, ...] = ()
    title: str | None = None
    date: tuple[str, str] | None = None
    language: str | None = None
    error: str | None = None
    exit_code: int = EXIT_OK
    detail: str | None = None


@dataclass(frozen=True)
class ArticleJob:
    """One source and the formats of it to build (all picklable)."""

    source: Path
    display: str
    outputs: tuple[tuple[str, str], ...]  # (format, path relative to output)
    output: Path
    read: ReadOptions
    write: WriteOptions


@dataclass(frozen=True)
class CollectionJob:
    """One collection to build (all picklable)."""

    spec: CollectionSpec
    sources: tuple[Path, ...]
    displays: tuple[str, ...]
    path: str
    output: Path
    read: ReadOptions
    write: WriteOptions


def _failure(paths: tuple[str, ...], exc: BaseException, display: str, source: Path | None) -> Result:
    if isinstance(exc, PlainpressError):
        message = exc.message
        if source is not None and exc.path is not None and Path(exc.path).resolve() == source:
            message = f"{display}: {exc.reason}"
        return Result(paths, error=message, exit_code=exc.exit_code)
    return Result(
        paths,
        error=f"{display}: internal error: {type(exc).__name__}: {exc} (rerun with --debug for details)",
        exit_code=EXIT_BUG,
        detail=traceback.format_exc(),
    )


def _write(output: Path, rel: str, fmt: str, data: bytes) -> Built:
    target = output / rel
    ensure_dir(target.parent)
    write_atomic(target, data)
    return Built(rel, fmt, len(data), hashlib.sha256(data).hexdigest())


def build_article(job: ArticleJob) -> Result:
    """Read one source and write each requested format; never raises.

    Every format is rendered before any is written, so a failure leaves no
    new file of that source (the previous build's files stay).
    """
    from converters.api import read, to_bytes

    paths = tuple(p for _, p in job.outputs)
    try:
        doc = read(job.source, job.read)
        rendered = [(fmt, rel, to_bytes(doc, fmt, job.write)) for fmt, rel in job.outputs]
        built = tuple(_write(job.output, rel, fmt, data) for fmt, rel, data in rendered)
    except Exception as exc:
        return _failure(paths, exc, job.display, job.source)
    from converters.render import page_title

    date = (doc.date.text, doc.date.iso) if doc.date else None
    return Result(paths, built, title=page_title(doc), date=date, language=doc.language)


def build_collection(job: CollectionJob) -> Result:
    """Read every source of a collection and write its EPUB; never raises.

    A source that cannot be read fails the whole collection (a book silently
    missing an article is worse than no book); the error names the source.
    """
    from converters.api import read
    from converters.collection import book_language

    paths = (job.path,)
    docs = []
    for source, display in zip(job.sources, job.displays, strict=True):
        try:
            docs.append(read(source, job.read))
        except Exception as exc:
            failed = _failure(paths, exc, display, source)
            return replace(failed, error=f"{job.path}: collection {job.spec.title!r}: {failed.error}")
    try:
        from converters.bookformats import render_book  # a .kepub.epub output is a KEPUB

        data = render_book(job.path, docs, job.spec, job.write)
        built = (_write(job.output, job.path, "epub", data),)
    except Exception as exc:
        return _failure(paths, exc, job.path, None)
    return Result(paths, built, title=job.spec.title, language=book_language(docs, job.spec.language))


def _read_one(path: Path, options: ReadOptions) -> tuple[Document | None, tuple[str, str | None, str] | None]:
    """Read one source in a worker; errors come back as ``(class name, path, reason)``
    because :class:`PlainpressError` subclasses do not survive pickling."""
    from converters.api import read

    try:
        return read(path, options), None
    except PlainpressError as exc:
        return None, (type(exc).__name__, exc.path, exc.reason)


def read_many(
    paths: Sequence[Path], options: ReadOptions, workers: int | None = None
) -> list[Document | PlainpressError]:
    """Read ``paths`` in order, in parallel when there are many; each item is the
    :class:`~converters.model.Document` or the :class:`PlainpressError` it raised.

    The first source is read here first, so the forked workers start with the
    reader and its language model already loaded.
    """
    from converters import errors

    if not paths:
        return []
    workers = workers or os.cpu_count() or 1
    first = _read_one(paths[0], options)
    if workers == 1 or len(paths) < 24:
        results = [first, *(_read_one(p, options) for p in paths[1:])]
    else:
        from concurrent.futures import ProcessPoolExecutor

        rest = list(paths[1:])
        with ProcessPoolExecutor(max_workers=workers) as pool:
            chunk = max(1, len(rest) // (workers * 4))
            results = [first, *pool.map(_read_one, rest, [options] * len(rest), chunksize=chunk)]
    out: list[Document | PlainpressError] = []
    for doc, error in results:
        if error is not None:
            kind, path, reason = error
            cls = getattr(errors, kind, PlainpressError)
            out.append(cls(path, reason))
        elif doc is not None:
            out.append(doc)
    return out


def display_path(path: Path, cwd: Path) -> str:
    """``path`` relative to ``cwd`` when it is inside it, else absolute (POSIX separators)."""
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()


def jobs_for(config: BuildConfig, todo: Sequence[Target], cwd: Path) -> list[ArticleJob | CollectionJob]:
    """Group stale targets into jobs: one per source (its stale formats) and one per collection.

    Collections come first: they are the longest jobs, so starting them early
    keeps them off the end of the build.
    """
    by_source: dict[Path, list[Target]] = {}
    jobs: list[ArticleJob | CollectionJob] = []
    for target in todo:
        if target.kind == "collection" and target.collection is not None:
            col = config.collections[target.collection]
            jobs.append(
                CollectionJob(
                    spec=col.spec,
                    sources=target.sources,
                    displays=tuple(display_path(s, cwd) for s in target.sources),
                    path=target.path,
                    output=config.output,
                    read=config.read,
                    write=config.write,
                )
            )
        else:
            by_source.setdefault(target.sources[0], []).append(target)
    cheap_first = {"html": 0, "md": 1, "epub": 2, "pdf": 9}
    for source, targets in by_source.items():
        ordered = sorted(targets, key=lambda t: cheap_first.get(t.fmt, 5))
        jobs.append(
            ArticleJob(
                source=source,
                display=display_path(source, cwd),
                outputs=tuple((t.fmt, t.path) for t in ordered),
                output=config.output,
                read=config.read,
                write=config.write,
            )
        )
    return jobs


def _run_job(job: ArticleJob | CollectionJob) -> Result:
    return build_collection(job) if isinstance(job, CollectionJob) else build_article(job)


#: Modules each format's writer imports when it first renders (the slow imports).
_WRITER_MODULES: dict[str, tuple[str, ...]] = {
    "pdf": ("weasyprint",),
    "epub": ("ebooklib.epub", "lxml.etree"),
    "md": ("pypandoc",),
}


def warm_up(jobs: Sequence[ArticleJob | CollectionJob]) -> None:
    """Pay, once in this process, the set-up every worker would otherwise pay.

    Forked workers inherit the parent's memory, so importing the writers'
    libraries, loading the reader's language model (by reading the first
    source) and asking pandoc its API version here, before the pool starts,
    saves each worker seconds of CPU. Only imports and pure caches are
    warmed: no fonts are configured and no files are written. Errors are
    ignored; the job that meets them reports them.
    """
    import importlib

    formats = {fmt for job in jobs if isinstance(job, ArticleJob) for fmt, _ in job.outputs}
    if any(isinstance(job, CollectionJob) for job in jobs):
        formats.add("epub")
    with contextlib.suppress(Exception):  # warming is an optimisation only
        for fmt in sorted(formats):
            for module in _WRITER_MODULES.get(fmt, ()):
                importlib.import_module(module)
        if "md" in formats:
            from converters.writers.markdown import pandoc_api_version

            pandoc_api_version()
        first = next((job for job in jobs if isinstance(job, ArticleJob)), None)
        if first is not None:
            from converters.api import read

            read(first.source, first.read)


@contextlib.contextmanager
def _shielded() -> Iterator[None]:
    """Hold off a second Ctrl-C or SIGTERM while the build records what it finished.

    Only the main thread can change signal handlers; elsewhere this does nothing.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {sig: signal.signal(sig, signal.SIG_IGN) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


def execute(
    jobs: Sequence[ArticleJob | CollectionJob],
    executor: Executor | None = None,
    workers: int | None = None,
    on_result: Callable[[Result], None] | None = None,
) -> list[Result]:
    """Run ``jobs`` through ``executor`` (default: a ``ProcessPoolExecutor`` of
    ``workers`` processes, default the number of CPUs) and return the results
    in completion order, calling ``on_result`` as each arrives.

    On Ctrl-C or SIGTERM (any ``BaseException`` while waiting), jobs not yet
    started are cancelled, the default pool's workers are stopped and waited
    for, and every result that did complete is still passed to ``on_result``
    before the exception is re-raised. With another executor, jobs already
    running are left to it.
    """
    if not jobs:
        return []
    own = executor is None
    if executor is None:
        import multiprocessing

        if multiprocessing.get_start_method() == "fork":
            warm_up(jobs)
        executor = local_pool(min(workers or os.cpu_count() or 1, len(jobs)))
    results: list[Result] = []
    futures: dict[Future[Result], ArticleJob | CollectionJob] = {}
    delivered: set[Future[Result]] = set()

    def deliver(future: Future[Result], result: Result) -> None:
        delivered.add(future)
        results.append(result)
        if on_result is not None:
            on_result(result)

    try:
        for job in jobs:
            futures[executor.submit(_run_job, job)] = job
        for future in as_completed(futures):
            try:
                result = future.result()
            except Exception as exc:  # the worker died (killed, out of memory)
                job = futures[future]
                paths = (job.path,) if isinstance(job, CollectionJob) else tuple(p for _, p in job.outputs)
                name = job.path if isinstance(job, CollectionJob) else job.display
                result = _failure(paths, exc, name, None)
            deliver(future, result)
    except BaseException:
        with _shielded():
            for future in futures:
                future.cancel()
            if own:
                stop_workers(executor)
            for future in futures:  # finished in a worker, not yet collected here
                if future in delivered or not future.done() or future.cancelled():
                    continue
                if future.exception() is None:
                    deliver(future, future.result())
        raise
    if own:
        executor.shutdown()
    return results


# --------------------------------------------------------------------------
# Manifest and index


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
        return data


def manifest_bytes(artifacts: Sequence[Artifact]) -> bytes:
    """The manifest as UTF-8 JSON: ``{"generator", "version", "artifacts": [...]}``.

    Each artifact has ``path`` (relative to the output folder), ``href``
    (that path as a percent-encoded relative URL, :func:`url_for_path`), ``format``,
    ``kind`` (``"article"`` or ``"collection"``), ``source`` (articles: the
    source path relative to the config's folder) or ``sources``
    (collections), ``title``, ``date`` (articles: ``{"text", "iso"}`` or
    ``null``), ``language`` (BCP 47, the article's or the book's), ``size`` in bytes, ``sha256`` (hex) and ``key`` (the content
    hash the build compares to decide what to rebuild). No times, no
    absolute paths: two builds of the same sources give the same manifest.
    """
    data = {
        "generator": f"plainpress {__version__}",
        "version": MANIFEST_VERSION,
        "artifacts": [a.to_dict() for a in artifacts],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _write_if_changed(path: Path, data: bytes) -> None:
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    write_atomic(path, data)


def index_bytes(config: BuildConfig, artifacts: Sequence[Artifact]) -> bytes:
    """The downloads page: a standalone HTML5 page (``templates/index.html.j2``)
    listing every collection and every article with a link per format,
    styled by the build's stylesheet (cut for HTML)."""
    from markupsafe import Markup

    from converters.render import GENERATOR, _safe_css, environment
    from converters.styles import css_for, resolve_style
    from converters.writers import get_writer

    articles: dict[str, dict[str, Any]] = {}
    collections = []
    for art in artifacts:
        if art.kind == "collection":
            collections.append(art)
            continue
        row = articles.setdefault(
            art.source or art.path,
            {
                "title": art.title,
                "date": art.date,
                "source": art.source,
                "language": art.language,
                "direction": _direction(art.language),
                "files": [],
            },
        )
        row["files"].append(art)
    books = [{"art": c, "language": c.language, "direction": _direction(c.language)} for c in collections]
    labels = {fmt: _format_label(fmt) for fmt in config.formats}
    for art in artifacts:
        labels.setdefault(art.format, _format_label(art.format))
    css = css_for(resolve_style(config.write.style).path, "html")
    page = (
        environment()
        .get_template("index.html.j2")
        .render(
            title=config.title,
            articles=list(articles.values()),
            collections=books,
            labels=labels,
            media_types={a.format: get_writer(a.format).media_type for a in artifacts},
            generator=GENERATOR,
            css=Markup(_safe_css(css)),
            language=config.read.language or "en",
        )
    )
    return page.encode("utf-8")


def _direction(language: str | None) -> str:
    """``"rtl"`` or ``"ltr"`` for a BCP 47 tag (``"ltr"`` when unknown)."""
    from converters.model import RTL_LANGUAGES

    return "rtl" if language and language.split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def _format_label(fmt: str) -> str:
    return {"html": "HTML", "epub": "EPUB", "pdf": "PDF", "md": "Markdown"}.get(fmt, fmt.upper())


# --------------------------------------------------------------------------
# The whole build


@dataclass
class BuildReport:
    """The outcome of :func:`run_build`.

    Attributes:
        built: files written in this run.
        unchanged: targets left as they were.
        failed: one result per failed job (``error`` says why).
        empty_patterns: source patterns that matched nothing.
        artifacts: the manifest's entries.
        seconds: wall-clock time of the whole build, in seconds.
    """

    built: list[Built] = field(default_factory=list)
    unchanged: list[Target] = field(default_factory=list)
    failed: list[Result] = field(default_factory=list)
    empty_patterns: list[str] = field(default_factory=list)
    artifacts: list[Artifact] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        """0 when nothing failed, else the worst failure's code (70 over 3 over 1)."""
        codes = [r.exit_code for r in self.failed]
        if not codes:
            return EXIT_OK
        return EXIT_BUG if EXIT_BUG in codes else max(codes)


def run_build(
    config: BuildConfig,
    *,
    workers: int | None = None,
    executor: Executor | None = None,
    force: bool = False,
    cwd: Path | None = None,
    on_plan: Callable[[Plan], None] | None = None,
    on_result: Callable[[Result], None] | None = None,
) -> BuildReport:
    """Scan, plan, build the stale targets, then write ``manifest.json`` and ``index.html``.

    Without ``executor``, the pool has ``workers`` processes (default: one per
    CPU) capped at the jobs to run and at available memory
    (:func:`converters.workers.pool_size`); a warning says when a cap lowered
    the number asked for.

    Targets that fail leave no manifest entry; files the previous manifest
    listed that are no longer targets (or failed) are removed, so the output
    folder always matches its manifest. On Ctrl-C (``KeyboardInterrupt``,
    re-raised) the manifest still records the files finished so far.

    Raises:
        UsageError: a bad config (clashing outputs).
        OutputError: the output folder, manifest or index cannot be written.
    """
    started = time.perf_counter()
    cwd = (cwd or Path.cwd()).resolve()
    found = scan(config)
    work = plan(config, found, force=force)
    if on_plan is not None:
        on_plan(work)
    ensure_dir(config.output)
    report = BuildReport(unchanged=list(work.unchanged), empty_patterns=list(found.empty_patterns))
    results: list[Result] = []

    def collect(result: Result) -> None:
        results.append(result)
        if on_result is not None:
            on_result(result)

    jobs = jobs_for(config, work.stale, cwd)
    if executor is None and jobs:
        from converters.workers import available_memory, pool_size

        pool = pool_size(workers, len(jobs), available_memory())
        if pool.note is not None:
            logging.getLogger("plainpress").warning("%s", pool.note)
        workers = pool.workers
    try:
        execute(jobs, executor=executor, workers=workers, on_result=collect)
    except (KeyboardInterrupt, SystemExit):
        # Ctrl-C, or SIGTERM turned into SystemExit by the CLI: record what is
        # on disk now, so the folder matches its manifest and the next build
        # redoes only what was not finished.
        with _shielded():
            _finish(config, found, work, results, report, interrupted=True)
        raise
    _finish(config, found, work, results, report, interrupted=False)
    report.seconds = time.perf_counter() - started
    return report


def _finish(
    config: BuildConfig,
    found: Scan,
    work: Plan,
    results: Sequence[Result],
    report: BuildReport,
    *,
    interrupted: bool,
) -> None:
    """Fill ``report``, remove outputs that are no longer targets, write the manifest and index."""
    fresh: dict[str, tuple[Built, Result]] = {}
    for result in results:
        if result.error is not None:
            report.failed.append(result)
        for built in result.built:
            fresh[built.path] = (built, result)
            report.built.append(built)
    if interrupted:
        _remove_partial(config.output, work.targets)
    artifacts = []
    for target in work.targets:
        rel_sources = [display_path(s, config.base) for s in target.sources]
        before = found.previous.get(target.path)
        if interrupted:
            entry = _as_found(config, target, fresh.get(target.path), before)
            if entry is None:
                continue
            title, date, size, sha, key = entry
        elif target.path in fresh:
            built, result = fresh[target.path]
            title, size, sha, key = result.title, built.size, built.sha256, target.key
            date = {"text": result.date[0], "iso": result.date[1]} if result.date else None
        elif target in work.unchanged and before is not None:
            title, date, size, sha, key = (
                before.get("title"),
                before.get("date"),
                int(before["size"]),
                str(before["sha256"]),
                target.key,
            )
        else:
            continue
        # The article's (or book's) language, for lang/dir in the index.
        language = fresh[target.path][1].language if target.path in fresh else (before or {}).get("language")
        artifacts.append(
            Artifact(
                path=target.path,
                format=target.fmt,
                kind=target.kind,
                source=rel_sources[0] if target.kind == "article" else None,
                sources=rel_sources if target.kind == "collection" else None,
                title=title,
                date=date,
                size=size,
                sha256=sha,
                key=key,
                language=language,
            )
        )
    kept = {a.path for a in artifacts}
    for rel in found.previous:
        if rel not in kept and Path(rel).name not in (MANIFEST_NAME, INDEX_NAME):
            stale_file = (config.output / rel).resolve()
            if stale_file.is_relative_to(config.output) and stale_file.is_file():
                stale_file.unlink()
    report.artifacts = artifacts
    _write_if_changed(config.output / MANIFEST_NAME, manifest_bytes(artifacts))
    _write_if_changed(config.output / INDEX_NAME, index_bytes(config, artifacts))
    from converters.feeds import write_feeds  # feed.atom and opds.xml, from the manifest's entries

    write_feeds(
        config.output,
        config.title,
        config.read.language or "en",
        [a.to_dict() for a in artifacts],
        _write_if_changed,
    )


def _remove_partial(output: Path, targets: Sequence[Target]) -> None:
    """Delete the temporary ``.NAME.*.part`` files a stopped worker left beside the targets."""
    folders = {(output / t.path).parent for t in targets}
    for folder in folders:
        with contextlib.suppress(OSError):
            for leftover in folder.glob(".*.part"):
                if leftover.is_file():
                    leftover.unlink()


_Entry = tuple[str | None, dict[str, str] | None, int, str, str]


def _as_found(
    config: BuildConfig,
    target: Target,
    fresh: tuple[Built, Result] | None,
    before: Mapping[str, Any] | None,
) -> _Entry | None:
    """After an interruption, the manifest entry for what ``target``'s file holds now.

    ``(title, date, size, sha256, key)``, hashed from the file itself: the new
    key when it is the file this run built, the previous entry's key when it
    is the previous build's file, and ``""`` (rebuilt next time) when a worker
    wrote it but was stopped before reporting it. ``None`` when there is no file.
    """
    path = config.output / target.path
    sha = _sha256_file(path)
    if sha is None:
        return None
    size = path.stat().st_size
    if fresh is not None:
        built, result = fresh
        date = {"text": result.date[0], "iso": result.date[1]} if result.date else None
        if built.sha256 == sha:
            return result.title, date, size, sha, target.key
    if before is not None and before.get("sha256") == sha:
        return before.get("title"), before.get("date"), size, sha, str(before.get("key", ""))
    title = before.get("title") if before is not None else None
    if title is None and target.collection is not None:
        title = config.collections[target.collection].spec.title
    return title, before.get("date") if before is not None else None, size, sha, ""


__all__ = [
    "Artifact",
    "BuildConfig",
    "BuildReport",
    "CollectionConfig",
    "Plan",
    "Result",
    "Scan",
    "Target",
    "build_article",
    "build_collection",
    "config_from_table",
    "execute",
    "index_bytes",
    "load_config",
    "manifest_bytes",
    "plan",
    "read_many",
    "run_build",
    "scan",
]
