"""The bundled font faces, shared by the writers that use them.

Source Serif Pro and Source Sans Pro (SIL Open Font License) come from
PyPI (``font-source-serif-pro``, ``font-source-sans-pro``). The PDF writer
loads them by ``file://`` URL (:func:`font_face_css`); the EPUB writer, when
the style asks, embeds OpenType subsets; the HTML writer embeds WOFF2
subsets as ``data:`` URLs (:func:`html_font_css`), so the page shows the
face the PDF is set in.

Subsetting is fontTools' (the library WeasyPrint uses); WOFF2 compression
needs ``brotli``. fontTools is imported only when a face is subset.
"""

from __future__ import annotations

import base64
import contextlib
import io
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

_FACES = {
    # (package, file prefix, family)
    "serif": ("font_source_serif_pro", "SourceSerifPro", "Source Serif Pro"),
    "sans": ("font_source_sans_pro", "SourceSansPro", "Source Sans Pro"),
}
_WEIGHTS = [
    ("Regular", 400, "normal"),
    ("It", 400, "italic"),
    ("Semibold", 600, "normal"),
    ("SemiboldIt", 600, "italic"),
    ("Bold", 700, "normal"),
    ("BoldIt", 700, "italic"),
]

#: Characters always kept in embedded subsets: printable ASCII and the
#: punctuation the styles generate (``content:``) or readers commonly add.
ALWAYS = (
    "".join(chr(c) for c in range(0x20, 0x7F))
    + "\u00a0\u00b7\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2042"
)

#: Faces embedded in an EPUB or HTML page: regular, italic, semibold and bold
#: (the weights the bundled styles use); browsers synthesise the others.
EMBED_FACES = frozenset({(400, "normal"), (400, "italic"), (600, "normal"), (700, "normal")})


#: OpenType features kept in web subsets besides fontTools' defaults: small
#: capitals (``font-variant: small-caps``) and the figure styles.
WEB_FEATURES = ("smcp", "c2sc", "onum", "lnum", "pnum", "tnum")


@lru_cache(maxsize=1)
def font_dirs() -> tuple[Path, ...]:
    """Folders of the bundled font packages (those that are installed)."""
    import importlib.util

    dirs = []
    for package, _, _ in _FACES.values():
        spec = importlib.util.find_spec(package)
        if spec and spec.submodule_search_locations:
            folder = Path(next(iter(spec.submodule_search_locations))) / "files"
            if folder.is_dir():
                dirs.append(folder.resolve())
    return tuple(dirs)


def bundled_faces(suffix: str = ".ttf") -> list[tuple[str, Path, int, str]]:
    """The bundled font files: ``(family, path, weight, style)`` for each installed face.

    ``suffix`` picks TrueType (``".ttf"``) or CFF OpenType (``".otf"``) files;
    ``weight`` is a CSS weight (400, 600, 700), ``style`` ``"normal"`` or ``"italic"``.
    """
    faces = []
    for package, prefix, family in _FACES.values():
        folder = next((d for d in font_dirs() if d.parent.name == package), None)
        if folder is None:
            continue
        for name, weight, style in _WEIGHTS:
            path = folder / f"{prefix}-{name}{suffix}"
            if path.is_file():
                faces.append((family, path, weight, style))
    return faces


def faces_named(css: str, suffix: str) -> list[tuple[str, Path, int, str]]:
    """The :data:`EMBED_FACES` of every bundled family that the stylesheet text ``css`` names."""
    return [face for face in bundled_faces(suffix) if face[0] in css and (face[2], face[3]) in EMBED_FACES]


@lru_cache(maxsize=1)
def font_face_css() -> str:
    """``@font-face`` rules for the bundled faces (TrueType files, by ``file://`` URL), for the PDF."""
    return "\n".join(
        f'@font-face {{ font-family: "{family}"; src: url("{path.as_uri()}"); '
        f"font-weight: {weight}; font-style: {style}; }}"
        for family, path, weight, style in bundled_faces()
    )


#: Below this code point a page's characters are rounded up to whole pages of
#: :data:`CHAR_PAGE` code points (Latin, Greek, Cyrillic, punctuation: what the
#: bundled faces cover), so pages of one script share one subset and its cache.
ROUNDED_BELOW = 0x2500
CHAR_PAGE = 128


def subset_chars(texts: Iterable[str]) -> str:
    """The characters to keep: those of ``texts`` and :data:`ALWAYS`, each below
    :data:`ROUNDED_BELOW` rounded up to its whole page of :data:`CHAR_PAGE` code
    points (a face keeps only those it has), sorted, each once."""
    chars = set("".join(texts)) | set(ALWAYS)
    pages = {ord(c) // CHAR_PAGE for c in chars if ord(c) < ROUNDED_BELOW}
    chars |= {chr(c) for page in pages for c in range(page * CHAR_PAGE, (page + 1) * CHAR_PAGE)}
    return "".join(sorted(c for c in chars if not 0xD800 <= ord(c) <= 0xDFFF))


def _cached_subset(path: Path, chars: str, flavor: str) -> bytes:
    """:func:`subset`, kept on disk in the cache folder (:mod:`converters.cache`) under
    a key of the font file (path, size, modification time), fontTools' version,
    the features and the characters: a subset costs about 0.3 s a face, a cache
    hit a file read. Without a writable cache it is computed each time."""
    import hashlib

    from converters.cache import cache_subdir

    folder = cache_subdir("fonts")
    if folder is None:
        return subset(path, chars, flavor)
    from importlib.metadata import version  # not fontTools itself: a cache hit imports none of it

    stat = path.stat()
    key = hashlib.sha256(
        "\0".join(
            [
                str(path),
                str(stat.st_size),
                str(stat.st_mtime_ns),
                version("fonttools"),
                flavor,
                *WEB_FEATURES,
                chars,
            ]
        ).encode("utf-8", "surrogatepass")
    ).hexdigest()
    cached = folder / f"{key}.{flavor}"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    data = subset(path, chars, flavor)
    from converters.errors import OutputError
    from converters.output import write_atomic

    with contextlib.suppress(OutputError):  # a cache that cannot be written is no error
        write_atomic(cached, data)  # a concurrent reader sees the whole file or none
    return data


@lru_cache(maxsize=32)
def subset(path: Path, chars: str, flavor: str | None = None) -> bytes:
    """The font at ``path`` cut down to ``chars``.

    ``flavor`` ``None`` keeps the font's own format with every OpenType
    layout feature and name (for EPUB); ``"woff2"`` gives a WOFF2 file with
    fontTools' default features (kerning, ligatures, marks) and
    :data:`WEB_FEATURES`, for the web.

    Raises:
        ImportError: ``flavor="woff2"`` without the ``brotli`` package.
        OSError: the font cannot be read.
    """
    from fontTools import subset as ft_subset  # type: ignore[import-untyped]

    options = ft_subset.Options()
    if flavor is None:
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
    else:  # the styles' small capitals (font-variant: small-caps) are the face's own
        options.layout_features = [*options.layout_features, *WEB_FEATURES]
    options.flavor = flavor
    options.notdef_outline = True
    font = ft_subset.load_font(str(path), options)
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    out = io.BytesIO()
    ft_subset.save_font(font, out, options)
    return out.getvalue()


def html_font_css(css: str, texts: Iterable[str]) -> str:
    """``@font-face`` rules embedding, as WOFF2 ``data:`` URLs, the bundled faces ``css`` names.

    Each face of :data:`EMBED_FACES` of a family the stylesheet text ``css``
    names (``"Source Serif Pro"``) is subset to the characters of ``texts``
    (the page) plus :data:`ALWAYS` (:func:`subset_chars`, cached on disk) and declared with ``font-display: swap``
    (the text shows at once in a fallback face). Returns ``""`` when the
    stylesheet names no bundled family. Sizes: about 20 to 25 kB a face for
    an article in a Latin script.

    Raises:
        ImportError: the ``brotli`` package (WOFF2) is missing.
    """
    faces = faces_named(css, ".ttf")
    if not faces:
        return ""
    chars = subset_chars(texts)
    rules = []
    for family, path, weight, style in faces:
        data = base64.b64encode(_cached_subset(path, chars, "woff2")).decode("ascii")
        rules.append(
            f'@font-face {{ font-family: "{family}"; src: url("data:font/woff2;base64,{data}") format("woff2"); '
            f"font-weight: {weight}; font-style: {style}; font-display: swap; }}"
        )
    return "\n".join(rules)
