"""Where a build's files go: a local folder, or an fsspec URL (``s3://bucket/dist``, ``memory://``).

Only the process that started the build writes here: the outputs as their
jobs return them, then the manifest and the index, last. Two stores:

- :class:`FolderStore`, a folder of this machine (``output = "dist"``, or a
  ``file://`` URL): every file written to a hidden ``.NAME.XXXXXX.part`` file
  and renamed into place (:func:`~converters.output.write_atomic`), and an
  output counts as present when its SHA-256 is the manifest's.
- :class:`FsspecStore`, any other fsspec URL: every file written with one put
  (whole or not at all on object stores), and, so that an incremental build
  downloads nothing, an object counts as the one the manifest lists when it
  exists with the manifest's size.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

from converters.errors import OutputError
from converters.output import ensure_dir, write_atomic

#: ``scheme://`` at the start of an output: a URL, not a folder.
URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


def sha256_file(path: Path) -> str | None:
    """The SHA-256 of a file's bytes (hex), or ``None`` when it cannot be read."""
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


class Store(Protocol):
    """What a build does with its output location (relative paths use ``/``)."""

    where: str

    def prepare(self) -> None: ...
    def read(self, rel: str) -> bytes | None: ...
    def present(self, previous: Mapping[str, Mapping[str, Any]]) -> dict[str, str]: ...
    def digest(self, rel: str, expected: Sequence[tuple[str, int]] = ()) -> tuple[str, int] | None: ...
    def write(self, rel: str, data: bytes) -> None: ...
    def write_if_changed(self, rel: str, data: bytes) -> None: ...
    def remove(self, rel: str) -> bool: ...
    def remove_partial(self, rels: Iterable[str]) -> None: ...


class FolderStore:
    """The output folder on this machine (see the module docstring)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.where = str(root)

    def prepare(self) -> None:
        """Create the folder. Raises: OutputError: it cannot be created."""
        ensure_dir(self.root)

    def read(self, rel: str) -> bytes | None:
        """The bytes of ``rel``, or ``None`` when it cannot be read."""
        try:
            return (self.root / rel).read_bytes()
        except OSError:
            return None

    def present(self, previous: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
        """The SHA-256 of each file ``previous`` lists that exists, by path."""
        present = {}
        for rel in previous:
            digest = sha256_file(self.root / rel)
            if digest is not None:
                present[rel] = digest
        return present

    def digest(self, rel: str, expected: Sequence[tuple[str, int]] = ()) -> tuple[str, int] | None:
        """``(SHA-256, size in bytes)`` of what ``rel`` holds now, hashed; ``None`` when missing."""
        path = self.root / rel
        sha = sha256_file(path)
        if sha is None:
            return None
        return sha, path.stat().st_size

    def write(self, rel: str, data: bytes) -> None:
        """Write ``data`` to ``rel``, creating its folders. Raises: OutputError."""
        target = self.root / rel
        ensure_dir(target.parent)
        write_atomic(target, data)

    def write_if_changed(self, rel: str, data: bytes) -> None:
        """Write ``data`` to ``rel`` unless it holds those bytes already. Raises: OutputError."""
        path = self.root / rel
        try:
            if path.read_bytes() == data:
                return
        except OSError:
            pass
        write_atomic(path, data)

    def remove(self, rel: str) -> bool:
        """Delete ``rel`` when it is a file inside the folder, and the folders it
        leaves empty (a removed web edition's); whether it was a file."""
        stale_file = (self.root / rel).resolve()
        if stale_file.is_relative_to(self.root) and stale_file.is_file():
            stale_file.unlink()
            root = self.root.resolve()
            for folder in stale_file.parents:
                if folder == root or not folder.is_relative_to(root):
                    break
                try:
                    folder.rmdir()  # only when empty
                except OSError:
                    break
            return True
        return False

    def remove_partial(self, rels: Iterable[str]) -> None:
        """Delete the temporary ``.NAME.*.part`` files a stopped write left beside ``rels``."""
        folders = {(self.root / rel).parent for rel in rels}
        for folder in folders:
            with contextlib.suppress(OSError):
                for leftover in folder.glob(".*.part"):
                    if leftover.is_file():
                        leftover.unlink()


class FsspecStore:
    """An fsspec URL (see the module docstring); needs the ``fsspec`` package and the
    store's own (``s3fs`` for ``s3://``...)."""

    def __init__(self, url: str) -> None:
        try:
            import fsspec
        except ImportError:
            raise OutputError(url, "an output URL needs fsspec: pip install 'plainpress[dask]'") from None
        try:
            self.fs, root = fsspec.url_to_fs(url)
        except (ImportError, ValueError) as exc:
            raise OutputError(url, f"cannot open this output URL: {' '.join(str(exc).split())}") from None
        self.root = root.rstrip("/")
        self.where = url.rstrip("/")

    def _path(self, rel: str) -> str:
        parts = PurePosixPath(rel).parts
        if not parts or ".." in parts or rel.startswith("/"):
            raise OutputError(rel, "is not a path inside the output")
        return f"{self.root}/{rel}"

    def prepare(self) -> None:
        """Create the root where the store has folders. Raises: OutputError: it cannot be reached."""
        try:
            self.fs.makedirs(self.root, exist_ok=True)
        except Exception as exc:
            raise OutputError(self.where, f"cannot write the output: {' '.join(str(exc).split())}") from None

    def read(self, rel: str) -> bytes | None:
        """The bytes at ``rel``, or ``None`` when there is none."""
        try:
            return bytes(self.fs.cat_file(self._path(rel)))
        except (OSError, OutputError):
            return None

    def _sizes(self) -> dict[str, int]:
        """Every object under the root with its size in bytes, by relative path (one listing)."""
        try:
            found = self.fs.find(self.root, detail=True)
        except OSError:
            return {}
        prefix = self.root.strip("/") + "/"
        return {
            str(name).strip("/").removeprefix(prefix): int(info.get("size") or 0)
            for name, info in found.items()
            if info.get("type") != "directory"
        }

    def present(self, previous: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
        """The manifest's SHA-256 of each object it lists that exists with its size."""
        sizes = self._sizes()
        return {
            rel: str(entry.get("sha256"))
            for rel, entry in previous.items()
            if rel in sizes and sizes[rel] == entry.get("size")
        }

    def digest(self, rel: str, expected: Sequence[tuple[str, int]] = ()) -> tuple[str, int] | None:
        """``(SHA-256, size)`` at ``rel``: an ``expected`` pair of the same size, else downloaded and hashed."""
        size = self._sizes().get(rel)
        if size is None:
            return None
        for sha, known in expected:
            if known == size:
                return sha, size
        data = self.read(rel)
        return None if data is None else (hashlib.sha256(data).hexdigest(), len(data))

    def write(self, rel: str, data: bytes) -> None:
        """Put ``data`` at ``rel`` in one call. Raises: OutputError: the store refused it."""
        try:
            self.fs.pipe_file(self._path(rel), data)
        except OSError as exc:
            raise OutputError(f"{self.where}/{rel}", f"cannot write: {' '.join(str(exc).split())}") from None

    def write_if_changed(self, rel: str, data: bytes) -> None:
        """Put ``data`` at ``rel`` unless it holds those bytes already. Raises: OutputError."""
        if self.read(rel) != data:
            self.write(rel, data)

    def remove(self, rel: str) -> bool:
        """Delete the object at ``rel``, if there is one; whether there was."""
        try:
            self.fs.rm_file(self._path(rel))
        except (OSError, OutputError):
            return False
        return True

    def remove_partial(self, rels: Iterable[str]) -> None:
        """Nothing to do: a put leaves no partial object."""


def store_for(output: Path, url: str | None) -> Store:
    """The store of a build: ``url`` (an fsspec URL) when given, else the folder ``output``.

    Raises:
        OutputError: fsspec (or the URL's own package) is not installed.
    """
    return FolderStore(output) if url is None else FsspecStore(url)


__all__ = ["URL", "FolderStore", "FsspecStore", "Store", "sha256_file", "store_for"]
