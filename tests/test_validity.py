"""The sample article's EPUB passes EPUBCheck and its HTML the Nu HTML Checker (slow: Java)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.validators import epubcheck_problems, nu_errors

pytestmark = pytest.mark.slow


def test_seed_epub_passes_epubcheck_with_no_errors_or_warnings(seed_outputs: dict[str, Path]) -> None:
    assert epubcheck_problems(seed_outputs["epub"]) == []


def test_seed_html_passes_the_nu_html_checker(seed_outputs: dict[str, Path]) -> None:
    assert nu_errors(seed_outputs["html"]) == []


def test_epubcheck_reports_a_broken_package(tmp_path: Path) -> None:
    broken = tmp_path / "broken.epub"
    import zipfile

    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
    assert epubcheck_problems(broken) != []
