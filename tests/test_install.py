"""An installed (non-editable) wheel finds its styles and templates from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("plainpress-*.whl")
    return built


def test_wheel_carries_styles_and_templates(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "converters/_styles/default.css" in names
    assert "converters/templates/page.html.j2" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[plainpress.writers]" in text
    assert "plainpress = converters.cli:main" in text


def test_installed_wheel_converts_from_another_folder(wheel: Path, tmp_path: Path, seed_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # The installed copy first, then the dependencies of this environment;
    # the checkout itself is not on the path.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(target), sysconfig.get_paths()["purelib"]])}
    code = (
        "import converters, converters.styles as s\n"
        "print(converters.__file__)\n"
        "print(s.styles_dir())\n"
        f"converters.write(converters.read({str(seed_path)!r}), 'html', 'out.html')\n"
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            f"import sys; sys.path[:0] = {env['PYTHONPATH'].split(os.pathsep)!r}\n" + code,
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    module_file, styles = proc.stdout.splitlines()[:2]
    assert module_file.startswith(str(target))
    assert styles == str(target / "converters" / "_styles")
    assert "MAS/Arce Election Win" in (elsewhere / "out.html").read_text(encoding="utf-8")
