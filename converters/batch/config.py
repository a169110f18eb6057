"""The build's configuration: ``plainpress.toml`` (or ``[tool.plainpress]``) read and checked.

:func:`load_config` reads the file with :mod:`tomllib`; :func:`config_from_table`
checks every value as the command-line option's check would, into a
:class:`BuildConfig`; :func:`expand_sources` expands its glob patterns.
"""

from __future__ import annotations

import glob
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

from converters.collection import ORDERS, CollectionSpec, Order
from converters.errors import UsageError
from converters.options import DEFAULT_MAX_INPUT_SIZE, ReadOptions, StoreMetadata, WriteOptions
from converters.output import safe_slug

T = TypeVar("T")

CONFIG_NAME = "plainpress.toml"
DEFAULT_FORMATS = ("html", "epub", "pdf", "md")

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
    "html_fonts",
    "encoding",
    "language",
    "max_input_size",
    "keep_furniture",
    "collections",
    "scheduler",
    "series",  # series and store metadata for every EPUB, KEPUB and collection: converters.bookmeta
    "series_index",
    "isbn",
    "publisher",
    "subjects",
    "rights",
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
    "formats",
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
        output: the first output's path relative to the output folder (``"labour-notes.epub"``).
        outputs: every ``(format, path)`` to build: ``"epub"``, ``"kepub"``, ``"pdf"``
            (files) or ``"web"`` (the web edition, a folder; its path is the folder's
            ``index.html``). Defaults to the one format ``output``'s name ends in.
    """

    spec: CollectionSpec
    sources: tuple[str, ...]
    output: str
    outputs: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if not self.outputs:
            from converters.bookformats import format_of_name

            object.__setattr__(self, "outputs", ((format_of_name(self.output) or "epub", self.output),))


@dataclass(frozen=True)
class BuildConfig:
    """A build, as read from the config file.

    Attributes:
        base: the folder source patterns and ``output`` are relative to (the config file's folder).
        sources: glob patterns of the articles to convert (``**`` recurses).
        formats: output formats, in order (``"html"``, ``"epub"``, ``"pdf"``, ``"md"``).
        output: the output folder (absolute); unused when ``output_url`` is set.
        title: the heading of ``index.html``.
        read: how sources are read.
        write: how documents are written.
        collections: the collections to build.
        path: the config file, or ``None`` for a config made in code.
        output_url: the output as an fsspec URL (``"s3://bucket/dist"``), or ``None`` for the
            folder ``output`` (a ``file://`` URL is that folder).
        scheduler: where the jobs run: a Dask scheduler's address, ``"local"`` (a
            local Dask cluster) or ``None`` (a local process pool).
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
    scheduler: str | None = None
    output_url: str | None = None


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
    output, output_url = _output(_string(table, "output", where, "dist"), base, where)
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
        html_fonts=_flag(table, "html_fonts", where, True),
        print_profile=None if profile is None else _checked(print_profile, profile, "print", where),
        store_defaults=_top_store(table, where),
    )
    read = ReadOptions(
        encoding=None if encoding is None else _checked(validate.encoding, encoding, "encoding", where),
        language=None if language is None else _language(language, "language", where),
        max_input_size=max_size,
        keep_furniture=_flag(table, "keep_furniture", where, False),
    )
    raw_collections = table.get("collections", [])
    if not isinstance(raw_collections, list) or not all(isinstance(c, dict) for c in raw_collections):
        raise UsageError(where, "collections must be an array of tables ([[collections]])")
    collections = tuple(_collection(c, base, where, sources, write.store_defaults) for c in raw_collections)
    scheduler = _string(table, "scheduler", where, None)
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
        output_url=output_url,
        scheduler=None if scheduler is None else _checked(validate.scheduler, scheduler, "scheduler", where),
    )


def _output(value: str, base: Path, where: Path) -> tuple[Path, str | None]:
    """``output`` as ``(folder, None)`` or, for an fsspec URL, ``(unused folder, URL)``;
    a ``file://`` URL is its folder.

    Raises:
        UsageError: a ``file://`` URL that is not absolute.
    """
    from urllib.parse import unquote, urlsplit

    from converters.batch.store import URL

    if not URL.match(value):
        return base / value, None
    parts = urlsplit(value)
    if parts.scheme.lower() != "file":
        return base / "dist", value.rstrip("/")
    if parts.netloc not in ("", "localhost") or not parts.path.startswith("/"):
        raise UsageError(where, f"output {value!r}: a file:// URL needs an absolute path (file:///srv/dist)")
    return Path(unquote(parts.path)), None


def _top_store(table: Mapping[str, Any], where: Path) -> StoreMetadata:
    """The top-level series and store keys: defaults for every EPUB, KEPUB and collection.

    Raises:
        UsageError: a bad value, naming the file and the key.
    """
    from converters.bookmeta import from_config
    from converters.validate import BadValue

    try:
        return from_config(table)
    except BadValue as exc:  # its message starts with the key
        raise UsageError(where, str(exc)) from None


def _collection(
    table: Mapping[str, Any],
    base: Path,
    where: Path,
    default_sources: tuple[str, ...],
    defaults: StoreMetadata,
) -> CollectionConfig:
    unknown = sorted(set(table) - _COLLECTION_KEYS)
    if unknown:
        raise UsageError(
            where,
            f"unknown key {unknown[0]!r} in [[collections]] (known: {', '.join(sorted(_COLLECTION_KEYS))})",
        )
    title = _string(table, "title", where, None)
    if not title or not title.strip():
        raise UsageError(where, "every [[collections]] needs a title")
    authors = _strings(table, "authors", where) or _strings(table, "author", where)
    order = _string(table, "order", where, "given").lower()  # any case, as on the command line
    if order not in ORDERS:
        raise UsageError(where, f"collection {title!r}: order must be one of {', '.join(ORDERS)}")
    outputs = _collection_outputs(table, title, where)
    cover = _string(table, "cover", where, None)
    language = _string(table, "language", where, None)
    if language is not None:
        language = _language(language, f"collection {title!r}: language", where)
    from converters.bookmeta import from_config, merged

    store = merged(defaults, _checked(from_config, table, f"collection {title!r}", where))
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
    sources = _strings(table, "sources", where, empty=empty) or default_sources
    return CollectionConfig(spec, sources, outputs[0][1], outputs)


def _collection_outputs(table: Mapping[str, Any], title: str, where: Path) -> tuple[tuple[str, str], ...]:
    """A collection's ``(format, path)`` pairs from ``output`` and ``formats``.

    Without ``formats``, ``output`` is one file whose ending names its format
    (``.epub``, ``.kepub.epub``, ``.pdf``). With it, ``output`` (default: the
    title's slug) is the name every format's file starts with; a format ending
    on it is dropped (``output = "book.epub"`` gives ``book.pdf`` too), and the
    web edition is the folder of that name.

    Raises:
        UsageError: ``formats`` is empty, not a list of strings, or names an
            unknown format; ``output`` ends in no collection format's ending
            (without ``formats``) or leaves the output folder.
    """
    from converters.bookformats import COLLECTION_FORMATS, WEB, format_of_name

    known = [*COLLECTION_FORMATS, WEB]
    slug = safe_slug(title, fallback="collection")
    if "formats" not in table:
        output = _string(table, "output", where, slug + ".epub")
        fmt = format_of_name(output)
        if fmt is None:
            endings = ", ".join(COLLECTION_FORMATS.values())
            raise UsageError(
                where,
                f"collection {title!r}: output must end in {endings} (or list formats = [...] for several)",
            )
        _inside("output", output, where)
        return ((fmt, output),)
    raw = table["formats"]
    if not isinstance(raw, list) or not all(isinstance(f, str) for f in raw):
        raise UsageError(
            where, f"collection {title!r}: formats must be a list of strings ({', '.join(known)})"
        )
    formats = list(dict.fromkeys(f.strip().lower() for f in raw))
    if not formats:
        raise UsageError(
            where, f"collection {title!r}: formats is empty; list at least one of {', '.join(known)}"
        )
    unknown = [f for f in formats if f not in known]
    if unknown:
        raise UsageError(
            where, f"collection {title!r}: formats: unknown format {unknown[0]!r} (known: {', '.join(known)})"
        )
    stem = _string(table, "output", where, slug)
    named = format_of_name(stem)
    if named is not None:
        stem = stem[: -len(COLLECTION_FORMATS[named])]
    stem = stem.rstrip("/")
    _inside("output", stem or ".", where)
    if not stem:
        raise UsageError(where, f"collection {title!r}: output must name a file or folder")
    return tuple(
        (fmt, f"{stem}/index.html" if fmt == WEB else stem + COLLECTION_FORMATS[fmt]) for fmt in formats
    )


def _inside(key: str, relative: str, where: Path) -> None:
    """Refuse an output path that could land outside the output folder."""
    parts = Path(relative).parts
    if not parts or Path(relative).is_absolute() or ".." in parts or relative.startswith(("/", "\\")):
        raise UsageError(where, f"{key} {relative!r} must be a relative path inside the output folder")


def _flag(table: Mapping[str, Any], key: str, where: Path, default: bool) -> bool:
    """A ``true``/``false`` value of the config.

    Raises:
        UsageError: any other value.
    """
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise UsageError(where, f"{key}: must be true or false")
    return value


def _language(value: object, key: str, where: Path) -> str:
    """A ``language`` of the config: checked as ``--lang`` is (see :func:`_checked`),
    with a warning naming the file and ``key`` when it names no known language."""
    import logging

    from converters import validate

    tag = _checked(validate.language_tag, value, key, where)
    doubt = validate.unknown_language(tag)
    if doubt:
        logging.getLogger("plainpress").warning("%s: %s: %s", where, key, doubt)
    return tag


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
