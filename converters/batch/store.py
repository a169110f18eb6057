"""Where a build's files go: the output folder, written only by the process that started the build."""

from __future__ import annotations

from pathlib import Path

from converters.output import ensure_dir, write_atomic


class FolderStore:
    """The output folder on this machine; every file written atomically (a hidden
    ``.NAME.XXXXXX.part`` file renamed into place, :func:`~converters.output.write_atomic`)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, rel: str, data: bytes) -> None:
        """Write ``data`` to ``rel`` (a POSIX path inside the folder), creating its folders.

        Raises:
            OutputError: the folder or file cannot be written.
        """
        target = self.root / rel
        ensure_dir(target.parent)
        write_atomic(target, data)


__all__ = ["FolderStore"]
