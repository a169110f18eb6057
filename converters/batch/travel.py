"""What a build's jobs take with them, so that they run the same on any machine.

A job on a cluster runs on a machine that has plainpress installed but not
the build's files: not the sources, not a stylesheet of the user's, and
maybe not the same ``SOURCE_DATE_EPOCH``. So the process that starts the
build packs, as data, everything the jobs share into one :class:`Kit`
(:func:`make_kit`), and each job carries its own source's bytes; a worker
unpacks the kit once (:func:`unpack`) and checks that its own plainpress
(version, templates, bundled styles and fonts) is the one the build started
with, so a cluster gives the bytes a local build gives, or a clear error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from converters.errors import PlainpressError
from converters.options import WriteOptions


class WorkerMismatch(PlainpressError):
    """A worker's plainpress differs from the starting machine's: its jobs fail (exit code 1)
    rather than give outputs that differ from a local build's."""


@dataclass(frozen=True)
class Kit:
    """Everything the jobs of one build share, as plain data.

    Attributes:
        engine: :func:`~converters.batch.plan.templates_fingerprint` of the starting machine.
        epoch: the starting machine's ``SOURCE_DATE_EPOCH`` in seconds, or ``None`` when unset.
        style: the style as configured: a bundled style's name or a CSS file's absolute path.
        css: the stylesheet's text.
        files: the files the stylesheet names by relative URL (fonts, images), as
            ``(path relative to the stylesheet's folder, bytes)``; empty for a bundled style.
        fonts: the bundled font files the writers embed, as ``(file name, SHA-256)``.
        icc: for PDF/X PDFs, the CMYK ICC profile of the starting machine as ``(file
            name, SHA-256)`` (:func:`converters.pdfx.cmyk_profile_path`), else ``None``.

    The write options themselves (format options, ``print_profile``, the series and
    store metadata ``store``) are plain data and travel in each job.
    """

    engine: str
    epoch: int | None
    style: str
    css: str
    files: tuple[tuple[str, bytes], ...] = ()
    fonts: tuple[tuple[str, str], ...] = ()
    icc: tuple[str, str] | None = None

    @property
    def digest(self) -> str:
        """SHA-256 of the whole kit (hex): the name of its unpacked folder on a worker."""
        digest = hashlib.sha256(
            json.dumps([self.engine, self.epoch, self.style, self.css, self.fonts, self.icc]).encode("utf-8")
        )
        for name, data in self.files:
            digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
        return digest.hexdigest()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@lru_cache(maxsize=1)
def bundled_fonts() -> tuple[tuple[str, str], ...]:
    """The bundled font files (TrueType and OpenType) of this machine as ``(file name, SHA-256)``,
    sorted by name; hashed once per process."""
    from converters.fonts import bundled_faces

    paths = {p for suffix in (".ttf", ".otf") for _, p, _, _ in bundled_faces(suffix)}
    return tuple(sorted((p.name, _sha256(p.read_bytes())) for p in paths))


def cmyk_profile() -> tuple[str, str] | None:
    """This machine's CMYK ICC profile for PDF/X as ``(file name, SHA-256)``, or ``None``
    when none is installed (a PDF/X job then fails, saying which package to install)."""
    from converters import pdfx
    from converters.errors import UsageError

    try:
        path = pdfx.cmyk_profile_path()
        return path.name, _sha256(path.read_bytes())
    except (UsageError, OSError):
        return None


def _named_files(css_path: Path) -> tuple[tuple[str, bytes], ...]:
    """The files inside the stylesheet's folder that it names by a relative URL.

    Raises:
        UsageError: a named file cannot be read (the stylesheet is broken).
    """
    from converters.errors import UsageError
    from converters.styles import referenced_urls

    folder = css_path.parent
    files: dict[str, bytes] = {}
    for url in referenced_urls(css_path):
        relative = url.split("#")[0].split("?")[0]
        if not relative or ":" in relative or relative.startswith(("/", "\\")):
            continue  # a scheme, an absolute path: never fetched (README, "Nothing fetched")
        target = (folder / relative).resolve()
        if not target.is_relative_to(folder) or not target.is_file():
            continue
        try:
            files[target.relative_to(folder).as_posix()] = target.read_bytes()
        except OSError as exc:
            raise UsageError(target, f"cannot read a file the style names: {exc.strerror or exc}") from exc
    return tuple(sorted(files.items()))


def make_kit(write: WriteOptions, engine: str) -> Kit:
    """Pack the build's shared inputs, in the starting process.

    Raises:
        UsageError: the style cannot be found or read.
    """
    from converters import pdfx
    from converters.options import source_date_epoch
    from converters.styles import resolve_style

    style = resolve_style(write.style)
    bundled = style.path.parent == _bundled_dir()
    return Kit(
        engine=engine,
        epoch=source_date_epoch(),
        style=write.style,
        css=style.css,
        files=() if bundled else _named_files(style.path),
        fonts=bundled_fonts(),
        icc=cmyk_profile() if pdfx.is_pdfx(write.pdf_variant) else None,
    )


def _bundled_dir() -> Path:
    from converters.styles import styles_dir

    return styles_dir().resolve()


_UNPACKED: dict[str, str] = {}
_LOCK = threading.Lock()


def unpack(kit: Kit, write: WriteOptions) -> WriteOptions:
    """On a worker: check this machine against ``kit`` and return ``write`` with a style
    this machine can open. Done once per kit and process.

    A bundled style is used by name when this machine's copy has the same text;
    a stylesheet of the user's is used where it is when the file and what it
    names are here with the same bytes (a local build), else written with them
    into a folder of the cache (:func:`~converters.cache.cache_subdir`) named
    after the kit's digest.

    Raises:
        WorkerMismatch: this machine's plainpress, bundled style or fonts differ.
    """
    key = kit.digest
    with _LOCK:
        style = _UNPACKED.get(key)
        if style is None:
            style = _unpack(kit)
            _UNPACKED[key] = style
    return replace(write, style=style)


def _unpack(kit: Kit) -> str:
    from converters.batch.plan import templates_fingerprint
    from converters.styles import resolve_style

    if templates_fingerprint() != kit.engine:
        raise WorkerMismatch(
            None, "a worker runs another plainpress version or templates; install the same on every worker"
        )
    if bundled_fonts() != kit.fonts:
        raise WorkerMismatch(
            None,
            "a worker has other bundled fonts; install the same plainpress and font packages on every worker",
        )
    worker_icc = cmyk_profile() if kit.icc is not None else None
    if kit.icc is not None and worker_icc != kit.icc:
        from converters.pdfx import PROFILE_PACKAGE

        what = "no CMYK ICC profile" if worker_icc is None else "another CMYK ICC profile"
        raise WorkerMismatch(
            None,
            f"a worker has {what} for PDF/X than the build's {kit.icc[0]}; "
            f"install the same (Debian's {PROFILE_PACKAGE}) on every worker",
        )
    here = Path(kit.style)
    if "/" not in kit.style and not kit.style.endswith(".css"):
        if resolve_style(kit.style).css != kit.css:
            raise WorkerMismatch(
                None,
                f"a worker's bundled style {kit.style!r} differs; install the same plainpress on every worker",
            )
        return kit.style
    if _same_files(here, kit):
        return kit.style
    folder = _kit_folder(kit.digest)
    for name, data in ((here.name, kit.css.encode("utf-8")), *kit.files):
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_bytes() != data:
            from converters.output import write_atomic

            write_atomic(target, data)
    return str(folder / here.name)


def _same_files(css_path: Path, kit: Kit) -> bool:
    """Whether the stylesheet and every file it names are at hand with the kit's bytes."""
    try:
        if css_path.read_text(encoding="utf-8") != kit.css:
            return False
        return all((css_path.parent / name).read_bytes() == data for name, data in kit.files)
    except (OSError, UnicodeDecodeError):
        return False


def _kit_folder(digest: str) -> Path:
    """A folder for an unpacked kit: in the cache when it can be written, else a temporary one."""
    from converters.cache import cache_subdir

    base = cache_subdir("kits")
    if base is None:
        return Path(tempfile.mkdtemp(prefix=f"plainpress-kit-{digest[:12]}-"))
    folder = base / digest
    folder.mkdir(exist_ok=True)
    return folder


@contextlib.contextmanager
def unpacked_cover(name: str, data: bytes | None) -> Iterator[Path | None]:
    """A collection's cover image (its file ``name`` and bytes) as a file of this machine, for the
    duration of the block; ``None`` when there is none."""
    if data is None:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="plainpress-cover-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        yield path


__all__ = ["Kit", "WorkerMismatch", "bundled_fonts", "cmyk_profile", "make_kit", "unpack", "unpacked_cover"]
