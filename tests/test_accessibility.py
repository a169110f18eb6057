"""Accessibility: colour contrast of every style (WCAG 2.2 AA) and DAISY Ace on the EPUB.

Ace is installed by ``make install`` into ``.venv/ace`` when npm exists
(``PUPPETEER_SKIP_DOWNLOAD=1 npm install @daisy/ace-cli --ignore-scripts``)
and drives Debian's ``chromium``; the Ace tests are skipped, with the reason,
where either is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import tinycss2

import converters
from converters.model import (
    BlockQuote,
    Document,
    Heading,
    Note,
    NoteRef,
    Notes,
    Paragraph,
    RelatedLink,
    Text,
    text,
)
from converters.options import WriteOptions
from converters.styles import list_styles

ROOT = Path(__file__).resolve().parent.parent

# -- contrast -------------------------------------------------------------------


def luminance(hex_colour: str) -> float:
    """Relative luminance of ``#rgb``/``#rrggbb`` (WCAG 2.2, "relative luminance")."""
    value = hex_colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula() -> None:
    assert round(contrast("#000", "#fff"), 1) == 21.0
    assert round(contrast("#777", "#fff"), 2) == 4.48  # the classic just-fails grey


def declarations(css: str, media: str | None) -> dict[str, dict[str, str]]:
    """``{selector: {property: value}}`` of the rules directly in ``@media media`` (or top level)."""
    out: dict[str, dict[str, str]] = {}

    def collect(rules: list[Any]) -> None:
        for rule in rules:
            if rule.type != "qualified-rule":
                continue
            decls = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
            for selector in tinycss2.serialize(rule.prelude).split(","):
                target = out.setdefault(selector.strip(), {})
                for d in decls:
                    if d.type == "declaration":
                        target[d.lower_name] = tinycss2.serialize(d.value).strip()

    top = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    if media is None:
        collect(top)
    for rule in top:
        if (
            rule.type == "at-rule"
            and rule.lower_at_keyword == "media"
            and " ".join(tinycss2.serialize(rule.prelude).split()) == media
        ):
            collect(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
    return out


@pytest.mark.parametrize("style", list_styles(), ids=lambda s: s.name)
@pytest.mark.parametrize("scheme", ["screen", "screen and (prefers-color-scheme: dark)"])
def test_text_colours_meet_wcag_aa(style: Any, scheme: str) -> None:
    rules = declarations(style.css, scheme)
    background = rules["html"]["background"]
    colours = {
        selector: props["color"]
        for selector, props in rules.items()
        if "color" in props and props["color"].startswith("#")
    }
    assert colours, f"{style.name}: no colours in @media {scheme}"
    for selector, colour in colours.items():
        ratio = contrast(colour, background)
        assert ratio >= 4.5, f"{style.name} {scheme}: {selector} {colour} on {background} is {ratio:.2f}:1"


@pytest.mark.parametrize("style", list_styles(), ids=lambda s: s.name)
def test_colours_outside_media_blocks_meet_wcag_aa_everywhere(style: Any) -> None:
    """Top-level colours reach the EPUB and the PDF (white pages), the light page and,
    unless the dark scheme overrides them, the dark page."""
    top = {
        sel: p["color"]
        for sel, p in declarations(style.css, None).items()
        if p.get("color", "").startswith("#")
    }
    light = declarations(style.css, "screen")["html"]["background"]
    dark_rules = declarations(style.css, "screen and (prefers-color-scheme: dark)")
    dark = dark_rules["html"]["background"]
    for selector, colour in top.items():
        assert contrast(colour, "#ffffff") >= 4.5, f"{style.name}: {selector} {colour} on white"
        assert contrast(colour, light) >= 4.5, f"{style.name}: {selector} {colour} on {light}"
        if "color" not in dark_rules.get(selector, {}):
            assert contrast(colour, dark) >= 4.5, f"{style.name}: {selector} {colour} on the dark {dark}"


@pytest.mark.parametrize("style", list_styles(), ids=lambda s: s.name)
def test_tinted_boxes_keep_contrast(style: Any) -> None:
    """Text on the blockquote/contents tints (light and dark) stays at AA."""
    for scheme in ("screen", "screen and (prefers-color-scheme: dark)"):
        text_colour = declarations(style.css, scheme)["html"]["color"]
        tints = [
            props["background"]
            for selector, props in {
                **declarations(style.css, None),
                **declarations(style.css, scheme),
            }.items()
            if selector in {"blockquote", ".contents"} and props.get("background", "").startswith("#")
        ]
        for tint in tints:
            if luminance(tint) > 0.5 or "dark" in scheme:
                ratio = contrast(text_colour, tint)
                assert ratio >= 4.5, f"{style.name} {scheme}: text on {tint} is {ratio:.2f}:1"


@pytest.mark.parametrize("style", list_styles(), ids=lambda s: s.name)
def test_line_length_is_readable(style: Any) -> None:
    """The measure stays under about 80 characters (WCAG 2.2, 1.4.8: no more than 80)."""
    width = declarations(style.css, None)[".article"]["max-width"]
    assert width.endswith("em")
    assert 30 <= float(width[:-2]) <= 40  # about 2 characters per em in these faces


# -- DAISY Ace --------------------------------------------------------------------


def ace_command() -> list[str]:
    """The ``ace`` command, or skip with the reason."""
    local = ROOT / ".venv" / "ace" / "node_modules" / ".bin" / "ace-cli"
    found = str(local) if local.exists() else shutil.which("ace")
    if shutil.which("node") is None:
        pytest.skip("Node.js is not installed: DAISY Ace needs it")
    if found is None:
        pytest.skip(
            "DAISY Ace is not installed (make ace, or: PUPPETEER_SKIP_DOWNLOAD=1 npm install @daisy/ace-cli)"
        )
    if chromium() is None:
        pytest.skip("chromium is not installed: DAISY Ace drives it (apt-get install chromium)")
    return [found]


def chromium() -> str | None:
    return os.environ.get("PUPPETEER_EXECUTABLE_PATH") or shutil.which("chromium")


def ace_violations(epub: Path, out: Path) -> list[tuple[str, str, str]]:
    """Run Ace on ``epub``; return its findings as ``(impact, rule, element)``."""
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": str(chromium())}
    proc = subprocess.run(
        [*ace_command(), "--force", "--silent", "--outdir", str(out), str(epub)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    report_path = out / "report.json"
    assert report_path.exists(), proc.stdout + proc.stderr
    report = json.loads(report_path.read_text(encoding="utf-8"))
    return [
        (
            finding["earl:test"]["earl:impact"],
            finding["earl:test"]["dct:title"],
            finding["earl:result"].get("html", "")[:120],
        )
        for document in report["assertions"]
        for finding in document.get("assertions", [])
    ]


def full_article(language: str = "en") -> Document:
    return Document(
        title="A Title",
        subtitle="A subtitle",
        authors=("Jane Roe",),
        language=language,
        blocks=(
            Paragraph((Text("Text with a note"), NoteRef("1", "[1]"), Text("."))),
            Heading(2, text("A section")),
            BlockQuote((Paragraph(text("A quotation.")),), attribution=text("Someone")),
            Notes((Note("1", (Paragraph(text("The note.")),)),)),
        ),
        related=(RelatedLink("Another article"),),
    )


@pytest.mark.slow
@pytest.mark.parametrize("style", [s.name for s in list_styles()])
@pytest.mark.parametrize("which", ["seed", "full", "rtl"])
def test_ace_finds_no_critical_or_serious_issue(
    tmp_path: Path, seed_doc: Document, style: str, which: str
) -> None:
    ace_command()
    doc = {"seed": seed_doc, "full": full_article(), "rtl": full_article("ar")}[which]
    epub = tmp_path / f"{which}.epub"
    epub.write_bytes(converters.to_bytes(doc, "epub", WriteOptions(style=style)))
    findings = ace_violations(epub, tmp_path / "ace")
    assert [f for f in findings if f[0] in {"critical", "serious"}] == []
    assert findings == []  # stricter than the issue asks: no moderate or minor finding either
