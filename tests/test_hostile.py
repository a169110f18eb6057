"""Broken and hostile input (issue 6): one test per kind, through the command line.

Each bad input gets one line on stderr naming the file and the problem, the
documented exit code, and no output file of any format. Hostile titles,
markup-like text and odd characters come out as text, inside the output folder.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree, html

from converters.cli import cli
from tests.textcheck import epub_text, html_text, missing_in_order, pdf_text, words

FORMATS = ("html", "epub", "pdf", "md")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def names(folder: Path) -> list[str]:
    """Every entry of ``folder`` (hidden ones and ``*.part`` included), sorted; [] if absent."""
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def source(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def convert(src: Path, out: Path, *more: str) -> tuple[int, str, str]:
    return run("convert", str(src), "-o", str(out), *more)


# --- Errors: one line, the file named, exit 1, nothing written -------------------------

REJECTED = [
    ("binary.bin", bytes(range(256)) * 4, "looks like binary data, not text"),
    ("controls.txt", b"\x01\x02\x03\x04\x05\x06\x07\x08" * 64, "looks like binary data, not text"),
    ("nul.txt", b"Hello\x00World\x00 this is text, mostly\n", "looks like binary data, not text"),
    ("empty.txt", b"", "is empty"),
    ("blank.txt", b"  \n\n\t \r\n\xc2\xa0\n", "is empty"),
]


@pytest.mark.parametrize(("name", "data", "reason"), REJECTED, ids=[r[0] for r in REJECTED])
def test_unreadable_content_is_one_line_exit_1_and_no_output(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    src = source(tmp_path, name, data)
    out = tmp_path / "out"
    code, stdout, err = convert(src, out)
    assert (code, stdout, err) == (1, "", f"plainpress: error: {src}: {reason}\n")
    assert names(out) == []


def test_a_directory_is_rejected(tmp_path: Path) -> None:
    folder = tmp_path / "article.txt"
    folder.mkdir()
    code, stdout, err = convert(folder, tmp_path / "out")
    assert (code, stdout, err) == (1, "", f"plainpress: error: {folder}: is a directory, not a file\n")
    assert names(tmp_path / "out") == []


def test_a_missing_file_is_rejected(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    code, stdout, err = convert(missing, tmp_path / "out")
    assert (code, stdout, err) == (1, "", f"plainpress: error: {missing}: no such file\n")
    assert names(tmp_path / "out") == []


def test_an_unreadable_file_is_rejected_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening the file fails with EACCES (root can read anything, so the failure is injected)."""
    src = source(tmp_path, "secret.txt", "Title\n\nBody.\n")
    real_open = Path.open

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", deny)
    code, stdout, err = convert(src, tmp_path / "out")
    assert (code, stdout, err) == (1, "", f"plainpress: error: {src}: permission denied\n")
    assert names(tmp_path / "out") == []


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder another user can enter (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="plainpress-hostile-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder)


def test_an_unreadable_file_is_exit_1_not_a_usage_error(shared_dir: Path) -> None:
    """The real thing, as an unprivileged user: ``chmod 000`` on one of two sources.

    click's own ``Path(readable=True)`` check used to turn this into exit 2 and
    stop before the readable source was converted; ``collection`` likewise.
    """
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("needs setpriv to drop root")
        prefix = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    else:
        prefix = []
    secret = source(shared_dir, "secret.txt", "Title\n\nBody.\n")
    secret.chmod(0)
    good = source(shared_dir, "good.txt", "Good Title\n\nGood body.\n")
    good.chmod(0o644)
    out = shared_dir / "out"
    exe = str(Path(sys.executable).parent / "plainpress")
    proc = subprocess.run(
        [*prefix, exe, "convert", "-t", "html", "-o", str(out), str(secret), str(good)],
        capture_output=True,
        text=True,
        cwd=shared_dir,
    )
    assert (proc.returncode, proc.stderr) == (1, f"plainpress: error: {secret}: permission denied\n")
    assert proc.stdout == f"{out / 'good.html'}\n"
    assert names(out) == ["good.html"]
    book = shared_dir / "book.epub"
    proc = subprocess.run(
        [*prefix, exe, "collection", "--title", "T", "-o", str(book), str(secret), str(good)],
        capture_output=True,
        text=True,
        cwd=shared_dir,
    )
    assert (proc.returncode, proc.stdout) == (1, "")
    assert proc.stderr.startswith(f"plainpress: error: {secret}: permission denied\n")
    assert not book.exists()


def test_an_output_folder_under_a_file_cannot_be_created(tmp_path: Path) -> None:
    src = source(tmp_path, "a.txt", "Title\n\nBody.\n")
    out = tmp_path / "a.txt" / "sub"
    code, stdout, err = convert(src, out)
    assert (code, stdout) == (3, "")
    assert err == f"plainpress: error: {out}: cannot create output folder: Not a directory\n"
    assert names(tmp_path) == ["a.txt"]


def test_an_output_folder_that_is_a_file(tmp_path: Path) -> None:
    src = source(tmp_path, "a.txt", "Title\n\nBody.\n")
    blocker = source(tmp_path, "out", "not a folder")
    code, stdout, err = convert(src, blocker)
    assert (code, stdout, err) == (
        3,
        "",
        f"plainpress: error: {blocker}: output path exists and is not a folder\n",
    )
    assert blocker.read_text() == "not a folder"


def test_max_input_size_rejects_larger_sources(tmp_path: Path) -> None:
    src = source(tmp_path, "a.txt", "Title\n\nBody.\n")
    code, stdout, err = convert(src, tmp_path / "out", "--max-input-size", "10")
    assert (code, stdout) == (1, "")
    assert err == f"plainpress: error: {src}: is 13 bytes, over the limit of 10 bytes (--max-input-size)\n"
    assert names(tmp_path / "out") == []


def test_max_input_size_default_is_10_mib() -> None:
    code, out, _ = run("convert", "--help")
    assert code == 0
    assert "--max-input-size BYTES" in out
    assert "[default: 10485760;" in " ".join(out.split())


def test_one_bad_source_does_not_stop_the_others(tmp_path: Path) -> None:
    bad = source(tmp_path, "bad.txt", b"")
    good = source(tmp_path, "good.txt", "Good Title\n\nGood body.\n")
    out = tmp_path / "out"
    code, stdout, err = run("convert", "-t", "html,md", "-o", str(out), str(bad), str(good))
    assert (code, err) == (1, f"plainpress: error: {bad}: is empty\n")
    assert stdout.splitlines() == [str(out / "good.html"), str(out / "good.md")]
    assert names(out) == ["good.html", "good.md"]


def test_inspect_reports_the_same_errors(tmp_path: Path) -> None:
    folder = tmp_path / "dir.txt"
    folder.mkdir()
    code, stdout, err = run("inspect", str(folder))
    assert (code, stdout, err) == (1, "", f"plainpress: error: {folder}: is a directory, not a file\n")


def test_no_traceback_unless_debug(tmp_path: Path) -> None:
    src = source(tmp_path, "empty.txt", b"")
    _, _, err = convert(src, tmp_path / "out")
    assert "Traceback" not in err
    code, _, err = run("--debug", "convert", str(src), "-o", str(tmp_path / "out"))
    assert code == 1
    assert "Traceback (most recent call last)" in err
    assert err.endswith(f"plainpress: error: {src}: is empty\n")


def test_an_internal_error_is_one_line_and_exit_70(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from converters.writers.markdown import MarkdownWriter

    def broken(self: object, doc: object, options: object) -> bytes:
        raise RuntimeError("boom\n  second line")

    monkeypatch.setattr(MarkdownWriter, "render", broken)
    src = source(tmp_path, "a.txt", "Title\n\nBody.\n")
    code, stdout, err = convert(src, tmp_path / "out", "-t", "html,md")
    assert (code, stdout) == (70, "")
    assert (
        err
        == f"plainpress: internal error: {src}: RuntimeError: boom second line (rerun with --debug for details)\n"
    )
    assert names(tmp_path / "out") == []  # html was rendered but nothing is written


# --- Decoding: odd encodings are read, not rejected ------------------------------------

ENCODED = [
    ("utf16le", codecs.BOM_UTF16_LE + "Über Alles\n\nCafé crème.\n".encode("utf-16-le")),
    ("utf16be", codecs.BOM_UTF16_BE + "Über Alles\n\nCafé crème.\n".encode("utf-16-be")),
    ("utf16nobom", "Über Alles\n\nCafé crème.\n".encode("utf-16-le")),
    ("utf8bom", codecs.BOM_UTF8 + "Über Alles\n\nCafé crème.\n".encode()),
    ("cp1252", "Über Alles\n\nCafé crème.\n".encode("cp1252")),
    ("crlf", "Über Alles\r\n\r\nCafé crème.\r\n".encode()),
]


@pytest.mark.parametrize(("name", "data"), ENCODED, ids=[e[0] for e in ENCODED])
def test_odd_encodings_convert_with_every_word(tmp_path: Path, name: str, data: bytes) -> None:
    src = source(tmp_path, f"{name}.txt", data)
    code, _, err = convert(src, tmp_path, "-t", "html,md")
    assert (code, err) == (0, "")
    page = (tmp_path / f"{name}.html").read_bytes()
    assert missing_in_order(["Über", "Alles", "Café", "crème"], words(html_text(page))) == []
    assert "Café crème." in (tmp_path / f"{name}.md").read_text(encoding="utf-8")


def test_a_title_without_a_body_is_converted(tmp_path: Path) -> None:
    src = source(tmp_path, "only.txt", "Just A Title\n")
    out = tmp_path / "out"
    code, _, err = convert(src, out)
    assert (code, err) == (0, "")
    assert names(out) == ["only.epub", "only.html", "only.md", "only.pdf"]
    page = html.fromstring((out / "only.html").read_bytes())
    assert page.findtext(".//title") == "Just A Title"
    assert page.findtext(".//h1").strip() == "Just A Title"
    assert "title: Just A Title" in (out / "only.md").read_text()
    assert "Just A Title" in epub_text((out / "only.epub").read_bytes())
    assert "Just A Title" in pdf_text(out / "only.pdf")


# --- Nothing outside, nothing over the source ------------------------------------------


def test_the_source_is_never_written_to(tmp_path: Path) -> None:
    src = source(tmp_path, "article.txt", "Title\n\nBody text.\n")
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    code, _, err = convert(src, tmp_path)
    assert (code, err) == (0, "")
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before
    assert names(tmp_path) == ["article.epub", "article.html", "article.md", "article.pdf", "article.txt"]


def test_an_output_that_would_be_the_source_is_refused(tmp_path: Path) -> None:
    src = source(tmp_path, "notes.md", "Title\n\nBody text.\n")
    code, stdout, err = convert(src, tmp_path, "-t", "html,md")
    assert (code, stdout) == (3, "")
    assert err == (
        f"plainpress: error: {tmp_path / 'notes.md'}: output would overwrite the source file; "
        "choose another --output-dir\n"
    )
    assert src.read_text() == "Title\n\nBody text.\n"
    assert names(tmp_path) == ["notes.md"]  # not even the html


HOSTILE_TITLES = [
    ("traversal", "../../etc/passwd", "etc-passwd"),
    ("absolute", "/etc/shadow", "etc-shadow"),
    ("backslash", "..\\..\\windows\\system32", "windows-system32"),
    ("dotfile", ".bashrc", "bashrc"),
    ("script", '<script>alert("x")</script> & Co', "script-alert-x-script-co"),
    ("device", "CON", "con-article"),
    ("dots", "...", "dots"),  # nothing left: the source's stem
    ("emoji", "😀 😀", "emoji"),
]


def test_title_slugs_are_safe_and_stay_in_the_output_folder(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    sources = [source(srcdir, f"{name}.txt", f"{title}\n\nBody.\n") for name, title, _ in HOSTILE_TITLES]
    out = tmp_path / "deep" / "out"
    code, stdout, err = run(
        "convert", "--name-from", "title", "-t", "html", "-o", str(out), *map(str, sources)
    )
    assert (code, err) == (0, "")
    expected = [f"{slug}.html" for _, _, slug in HOSTILE_TITLES]
    assert stdout.splitlines() == [str(out / name) for name in expected]
    assert names(out) == sorted(expected)
    assert names(tmp_path) == ["deep", "src"]
    assert names(tmp_path / "deep") == ["out"]


def test_title_slugs_are_unique_and_bounded(tmp_path: Path) -> None:
    long_title = " ".join(["Extraordinarily"] * 12)
    sources = [
        source(tmp_path, "a.txt", "Editorial\n\nOne.\n"),
        source(tmp_path, "b.txt", "EDITORIAL\n\nTwo.\n"),
        source(tmp_path, "c.txt", "Editorial!\n\nThree.\n"),
        source(tmp_path, "d.txt", f"{long_title}\n\nFour.\n"),
    ]
    out = tmp_path / "out"
    code, _, err = run("convert", "--name-from", "title", "-t", "md", "-o", str(out), *map(str, sources))
    assert (code, err) == (0, "")
    slug = "-".join(["extraordinarily"] * 5)  # 79 characters: the last whole word under 80
    assert names(out) == sorted(["editorial.md", "editorial-2.md", "editorial-3.md", f"{slug}.md"])


# --- Text that looks like markup ---------------------------------------------------------

MARKUP_TITLE = 'AT&T <Bell> & "Sons"'
MARKUP_BODY = "Literal <script>alert(1)</script> and <b>bold</b> and &amp; and AT&T and <<NAME>>."


@pytest.fixture(scope="module")
def markup_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("markup")
    src = source(tmp, "markup.txt", f"{MARKUP_TITLE}\n\n{MARKUP_BODY}\n\nA second paragraph.\n")
    code, _, err = convert(src, tmp)
    assert (code, err) == (0, "")
    return {fmt: tmp / f"markup.{fmt}" for fmt in FORMATS}


def test_markup_is_text_in_html(markup_outputs: dict[str, Path]) -> None:
    page = html.fromstring(markup_outputs["html"].read_bytes())
    assert page.xpath("//body//script") == []
    assert page.xpath("//body//b") == []
    assert page.findtext(".//title") == MARKUP_TITLE
    assert page.xpath("string(//meta[@property='og:title']/@content)") == MARKUP_TITLE
    assert MARKUP_BODY in html_text(markup_outputs["html"].read_bytes())


def test_markup_is_text_in_epub(markup_outputs: dict[str, Path]) -> None:
    data = markup_outputs["epub"].read_bytes()
    assert MARKUP_BODY in epub_text(data)
    with zipfile.ZipFile(io.BytesIO(data)) as epub:
        for name in epub.namelist():
            if name.endswith((".xhtml", ".opf", ".ncx")):
                root = etree.fromstring(epub.read(name))  # well-formed XML, or this raises
                assert root.xpath("//*[local-name()='script']") == [], name
        opf = etree.fromstring(epub.read(next(n for n in epub.namelist() if n.endswith(".opf"))))
        ncx = etree.fromstring(epub.read(next(n for n in epub.namelist() if n.endswith(".ncx"))))
        nav = etree.fromstring(epub.read(next(n for n in epub.namelist() if n.endswith("nav.xhtml"))))
    assert opf.xpath("string(//*[local-name()='title'])") == MARKUP_TITLE
    assert ncx.xpath("string(//*[local-name()='docTitle'])").strip() == MARKUP_TITLE
    assert MARKUP_TITLE in nav.xpath("string(//*[local-name()='nav'])")


def test_markup_is_text_in_pdf(markup_outputs: dict[str, Path]) -> None:
    text = " ".join(pdf_text(markup_outputs["pdf"]).split())
    assert MARKUP_BODY in text
    info = subprocess.run(
        ["pdfinfo", "-enc", "UTF-8", str(markup_outputs["pdf"])], capture_output=True, text=True, check=True
    ).stdout
    assert f"Title:           {MARKUP_TITLE}\n" in info


def test_markup_is_text_in_markdown(markup_outputs: dict[str, Path]) -> None:
    """The front matter loads as the same plain strings (YAML), and pandoc reads the body
    back to the same plain text: nothing became markup."""
    import pypandoc
    import yaml

    md = markup_outputs["md"].read_text(encoding="utf-8")
    front, body = md.removeprefix("---\n").split("\n---\n", 1)
    assert yaml.safe_load(front)["title"] == MARKUP_TITLE
    back = html.fromstring(pypandoc.convert_text(body, "html", format="markdown-smart"))
    assert back.xpath("//script|//b") == []
    assert MARKUP_BODY in " ".join(" ".join(back.itertext()).split())


# --- Characters -------------------------------------------------------------------------

CONTROL_SOURCE = (
    "Control Characters\n\n"
    "Bell\x07 escape\x1b[31m red and\x01 start.\n\n"
    "Before the feed\fafter the feed.\n\n"
    "Line one\u2028line two\u2029paragraph three.\n"
)


def test_controls_and_separators_never_reach_xml_or_show_as_boxes(tmp_path: Path) -> None:
    src = source(tmp_path, "ctl.txt", CONTROL_SOURCE)
    # Every line must reach the outputs here, whatever the reader makes of the fragments.
    code, _, err = convert(src, tmp_path, "--keep-furniture")
    assert (code, err) == (0, "")
    forbidden = {chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"} | {"\u2028", "\u2029"}
    page = (tmp_path / "ctl.html").read_text(encoding="utf-8")
    assert not forbidden & set(page)
    with zipfile.ZipFile(tmp_path / "ctl.epub") as epub:
        for name in epub.namelist():
            if name.endswith((".xhtml", ".opf", ".ncx")):
                text = epub.read(name).decode("utf-8")
                assert not forbidden & set(text), name
                etree.fromstring(text.encode())
    expected = words(
        "Bell escape red and start Before the feed after the feed Line one line two paragraph three"
    )
    for text in (
        html_text(page.encode()),
        epub_text((tmp_path / "ctl.epub").read_bytes()),
        pdf_text(tmp_path / "ctl.pdf"),
    ):
        assert missing_in_order(expected, words(text)) == []
    assert not forbidden & set(pdf_text(tmp_path / "ctl.pdf").replace("\f", ""))
    assert "Before the feed" in (tmp_path / "ctl.md").read_text()
    assert "31m" not in page  # the colour code goes whole, not just its ESC (issue 10, item 25)


def test_right_to_left_text_keeps_its_direction(tmp_path: Path) -> None:
    src = source(tmp_path, "ar.txt", "مرحبا بالعالم\n\nهذه فقرة عربية طويلة بما يكفي لتكون نصا في المقالة.\n")
    code, _, err = convert(src, tmp_path)
    assert (code, err) == (0, "")
    page = html.fromstring((tmp_path / "ar.html").read_bytes())
    assert (page.get("lang"), page.get("dir")) == ("ar", "rtl")
    with zipfile.ZipFile(tmp_path / "ar.epub") as epub:
        opf = etree.fromstring(epub.read(next(n for n in epub.namelist() if n.endswith(".opf"))))
    assert opf.xpath("string(//*[local-name()='spine']/@page-progression-direction)") == "rtl"
    assert "dir: rtl" in (tmp_path / "ar.md").read_text()
    # pdftotext -raw gives right-to-left lines in visual order: compare the words as a set.
    assert set(words("هذه فقرة عربية طويلة")) <= set(words(pdf_text(tmp_path / "ar.pdf")))


def test_cjk_emoji_and_rare_scripts_get_a_fallback_font(tmp_path: Path) -> None:
    src = source(tmp_path, "scripts.txt", "Many Scripts\n\n中文正文。 日本語のテキスト。 ሰላም 𒀀 😀\n")
    code, _, err = convert(src, tmp_path, "-t", "pdf")
    assert (code, err) == (0, "")
    fonts = subprocess.run(["pdffonts", str(tmp_path / "scripts.pdf")], capture_output=True, text=True).stdout
    if "CJK" not in fonts:
        pytest.skip("no CJK font installed (fonts-noto-cjk)")
    assert "中文正文" in pdf_text(tmp_path / "scripts.pdf")


def test_characters_without_a_glyph_are_named_in_a_warning(tmp_path: Path) -> None:
    # U+0378 is unassigned and U+10FFFD is private use: no font draws them.
    src = source(tmp_path, "glyphs.txt", "Glyphs\n\nUnassigned \u0378 and private \U0010fffd here.\n")
    code, _, err = convert(src, tmp_path, "-t", "pdf")
    assert code == 0
    assert err == (
        f"plainpress: warning: {src}: no glyph for U+0378 (unnamed), U+10FFFD (unnamed) in any "
        "installed font; the PDF shows a box for each (install a font that covers them, e.g. a Noto package)\n"
    )


def test_no_glyph_warning_when_every_character_is_drawn(tmp_path: Path) -> None:
    src = source(tmp_path, "plain.txt", "Plain\n\nOnly Latin letters, digits 123 and “quotes”.\n")
    code, _, err = convert(src, tmp_path, "-t", "pdf")
    assert (code, err) == (0, "")


# --- Nothing fetched --------------------------------------------------------------------


def test_a_style_naming_remote_and_outside_resources_is_warned_not_fetched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("plainpress opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    style = source(
        tmp_path,
        "remote.css",
        '@import url("https://example.com/remote.css");\n'
        '@font-face { font-family: Remote; src: url("https://fonts.example.com/remote.woff2"); }\n'
        'body { font-family: Remote, serif; background: url("file:///etc/passwd"); }\n'
        'h1 { background-image: url("http://10.255.255.1/slow.png"); }\n'
        'p { background-image: url("../../../../../../etc/hostname"); }\n',
    )
    src = source(tmp_path, "a.txt", "Title\n\nBody.\n")
    code, stdout, err = convert(src, tmp_path / "out", "-t", "pdf", "--style", str(style))
    assert code == 0
    assert stdout == f"{tmp_path / 'out' / 'a.pdf'}\n"
    note = "plainpress: warning: not fetched (plainpress fetches nothing outside its styles and fonts): "
    assert sorted(err.splitlines()) == sorted(
        note + url
        for url in (
            "https://example.com/remote.css",
            "https://fonts.example.com/remote.woff2",
            "file:///etc/passwd",
            "http://10.255.255.1/slow.png",
            "file:///etc/hostname",
        )
    )


def test_the_fetcher_serves_the_bundled_fonts_and_styles_only(tmp_path: Path) -> None:
    from converters.fonts import font_dirs
    from converters.styles import styles_dir
    from converters.writers.pdf import LocalOnlyFetcher

    policy = LocalOnlyFetcher((styles_dir(), *font_dirs()))
    css = next(styles_dir().glob("*.css"))
    assert policy.allows(css.as_uri())
    assert policy.allows("data:text/css,p{}")
    font = next(font_dirs()[0].glob("*.ttf"))
    response = policy.weasyprint_fetcher().fetch(font.as_uri())
    assert response.read(4) in (b"\x00\x01\x00\x00", b"OTTO", b"true")
    for url in (
        "file:///etc/passwd",
        "https://example.com/x.css",
        "ftp://example.com/x",
        "file://host/etc/passwd",
    ):
        assert not policy.allows(url), url
        with pytest.raises(ValueError, match="refused to fetch"):
            policy.weasyprint_fetcher().fetch(url)


def test_a_longest_legal_output_name_is_written(tmp_path: Path) -> None:
    """A 255-byte output name fits; its temporary ``.NAME.RANDOM.part`` name must fit too."""
    stem = "a" * 250
    src = source(tmp_path, f"{stem}.txt", "Title\n\nBody.\n")
    out = tmp_path / "out"
    code, _, err = convert(src, out, "-t", "html")
    assert (code, err) == (0, "")
    assert names(out) == [f"{stem}.html"]


def test_an_output_that_would_be_another_source_of_the_run_is_refused(tmp_path: Path) -> None:
    """``a.txt`` to Markdown must not replace ``a.md``, converted in the same run."""
    text_source = source(tmp_path, "a.txt", "From Text\n\nText body.\n")
    notes = source(tmp_path, "a.md", "My own notes, precious.\n")
    code, stdout, err = run("convert", "-t", "md", "-o", str(tmp_path), str(text_source), str(notes))
    assert code == 3
    assert err == (
        f"plainpress: error: {tmp_path / 'a.md'}: output would overwrite the source {notes}; "
        "choose another --output-dir\n"
    )
    assert notes.read_text() == "My own notes, precious.\n"
    assert stdout == f"{tmp_path / 'a-2.md'}\n"  # a.md itself still converts, beside itself
    assert names(tmp_path) == ["a-2.md", "a.md", "a.txt"]


def test_a_collection_is_never_written_over_one_of_its_sources(tmp_path: Path) -> None:
    first = source(tmp_path, "first.txt", "First\n\nOne.\n")
    second = source(tmp_path, "second.txt", "Second\n\nTwo.\n")
    code, stdout, err = run("collection", "--title", "T", "-o", str(first), str(first), str(second))
    assert (code, stdout) == (3, "")
    assert (
        err
        == f"plainpress: error: {first}: output would overwrite the source {first}; choose another --output\n"
    )
    assert first.read_text() == "First\n\nOne.\n"
    assert names(tmp_path) == ["first.txt", "second.txt"]


REMOTE_STYLE = (
    '@import url("https://example.com/remote.css");\n'
    '@font-face { font-family: Remote; src: url("https://fonts.example.com/remote.woff2"); }\n'
    'body { font-family: Remote, serif; background: url("file:///etc/passwd"); }\n'
    "h1 { background-image: url(http://10.255.255.1/slow.png); color: navy; }\n"
    'p { background-image: url("data:image/gif;base64,R0lGODlhAQABAAAAACw="); }\n'
)


def test_html_and_epub_leave_out_a_styles_remote_references(tmp_path: Path) -> None:
    style = source(tmp_path, "remote.css", REMOTE_STYLE)
    src = source(tmp_path, "a.txt", "Title\n\nBody.\n")
    out = tmp_path / "out"
    code, _, err = convert(src, out, "-t", "html,epub", "--style", str(style))
    assert code == 0
    urls = "https://example.com/remote.css, https://fonts.example.com/remote.woff2, file:///etc/passwd, http://10.255.255.1/slow.png"
    assert err.splitlines() == [
        f"plainpress: warning: {style}: left out of the {fmt} output, which is self-contained "
        f"(only data: URLs are kept): {urls}"
        for fmt in ("html", "epub")
    ]
    page = (out / "a.html").read_text(encoding="utf-8")
    with zipfile.ZipFile(out / "a.epub") as epub:
        book_css = "".join(epub.read(n).decode() for n in epub.namelist() if n.endswith(".css"))
    for css in (page, book_css):
        assert "example.com" not in css and "file:" not in css and "10.255.255.1" not in css
        assert "font-family: Remote, serif;" in css
        assert "color: navy;" in css
        assert "data:image/gif;base64" in css


@pytest.mark.slow
def test_an_epub_with_a_remote_style_passes_epubcheck(tmp_path: Path) -> None:
    from tests.validators import epubcheck_problems

    style = source(tmp_path, "remote.css", REMOTE_STYLE)
    src = source(tmp_path, "a.txt", "Title\n\nBody.\n")
    code, _, _ = convert(src, tmp_path, "-t", "epub", "--style", str(style))
    assert code == 0
    assert epubcheck_problems(tmp_path / "a.epub") == []


def test_a_right_to_left_paragraph_in_a_left_to_right_article_keeps_its_direction(tmp_path: Path) -> None:
    arabic = "مرحبا بالعالم هذه فقرة عربية طويلة بما يكفي لتكون نصا."
    src = source(
        tmp_path,
        "mixed.txt",
        f"Mixed Directions\n\nAn English paragraph first, long enough to be body text.\n\n{arabic}\n\nEnglish again.\n",
    )
    code, _, err = convert(src, tmp_path, "-t", "html,epub")
    assert (code, err) == (0, "")
    page = html.fromstring((tmp_path / "mixed.html").read_bytes())
    assert page.get("dir") == "ltr"
    assert [(p.get("dir"), p.text_content()) for p in page.xpath("//article//p[@dir]")] == [("rtl", arabic)]
    with zipfile.ZipFile(tmp_path / "mixed.epub") as epub:
        name = next(n for n in epub.namelist() if n.endswith("mixed.xhtml") or n.endswith("article.xhtml"))
        body = etree.fromstring(epub.read(name))
    ps = body.xpath("//*[local-name()='p'][@dir]")
    assert [(p.get("dir"), "".join(p.itertext())) for p in ps] == [("rtl", arabic)]


def test_front_matter_aliases_cannot_blow_up(tmp_path: Path) -> None:
    """'Billion laughs': 500 bytes of YAML aliases expanded to gigabytes as the title."""
    lines = ["---", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    lines += ["title: *a8", "---", "", "Body text."]
    src = source(tmp_path, "laughs.txt", "\n".join(lines) + "\n")
    proc = subprocess.run(
        [
            str(Path(sys.executable).parent / "plainpress"),
            "convert",
            "-t",
            "html,md",
            "--no-html-fonts",  # the size below is the text's, not the embedded faces'
            "-o",
            str(tmp_path),
            str(src),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (proc.returncode, proc.stderr) == (
        0,
        f"plainpress: warning: {src}: front matter not read (aliases are not allowed in front matter); "
        "its lines are kept as text\n",
    )
    assert "Body text." in html_text((tmp_path / "laughs.html").read_bytes())
    assert (tmp_path / "laughs.html").stat().st_size < 100_000


def test_a_collection_title_with_markup_and_controls_is_text(tmp_path: Path) -> None:
    src = source(tmp_path, "a.txt", "Title\n\nBody.\n")
    book = tmp_path / "book.epub"
    code, _, err = run(
        "collection",
        "--title",
        'AT&T <Bell>\x01 "Sons"\x0b',
        "--author",
        "Au\x1bthor",
        "-o",
        str(book),
        str(src),
    )
    assert (code, err) == (0, "")
    with zipfile.ZipFile(book) as epub:
        opf = etree.fromstring(epub.read(next(n for n in epub.namelist() if n.endswith(".opf"))))
        ncx = etree.fromstring(epub.read(next(n for n in epub.namelist() if n.endswith(".ncx"))))
    assert opf.xpath("string(//*[local-name()='title'])") == 'AT&T <Bell> "Sons"'
    assert opf.xpath("string(//*[local-name()='creator'])") == "Author"
    assert ncx.xpath("string(//*[local-name()='docTitle'])").strip() == 'AT&T <Bell> "Sons"'


def test_a_file_name_with_control_characters_converts(tmp_path: Path) -> None:
    """An untitled article's page title is its file name, which XML may not hold as is."""
    body = (
        "this is a long paragraph of body text with no title at all, and it goes on for a while.\n\nMore.\n"
    )
    src = source(tmp_path, "odd\x01name\x1b.txt", body)
    code, _, err = convert(src, tmp_path / "out")
    assert (code, err) == (0, "")
    stem = "odd\x01name\x1b"
    assert names(tmp_path / "out") == sorted(f"{stem}.{fmt}" for fmt in FORMATS)
    assert html.fromstring((tmp_path / "out" / f"{stem}.html").read_bytes()).findtext(".//title") == "oddname"
    with zipfile.ZipFile(tmp_path / "out" / f"{stem}.epub") as epub:
        opf = etree.fromstring(epub.read(next(n for n in epub.namelist() if n.endswith(".opf"))))
    assert opf.xpath("string(//*[local-name()='title'])") == "oddname"


def test_an_error_about_a_file_name_with_a_newline_stays_on_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "no\nsuch.txt"
    code, _, err = convert(missing, tmp_path / "out")
    assert code == 1
    assert err == f"plainpress: error: {tmp_path}/no\\x0asuch.txt: no such file\n"


def test_a_style_that_is_not_text_is_a_usage_error(tmp_path: Path) -> None:
    style = source(tmp_path, "binary.css", bytes(range(256)))
    src = source(tmp_path, "a.txt", "Title\n\nBody.\n")
    code, stdout, err = convert(src, tmp_path / "out", "--style", str(style))
    assert (code, stdout) == (2, "")
    assert err.endswith(
        f"Error: Invalid value for '--style': {style}: is not a CSS stylesheet (not UTF-8 text)\n"
    )
    assert "Traceback" not in err
    assert names(tmp_path / "out") == []


def test_a_bug_outside_the_per_source_loop_is_one_line_and_exit_70(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import converters.cli

    def broken(value: str) -> list[str]:
        raise RuntimeError("unexpected")

    monkeypatch.setattr(converters.cli, "split_formats", broken)
    src = source(tmp_path, "a.txt", "Title\n\nBody.\n")
    with pytest.raises(SystemExit) as exit_info:
        converters.cli.main(["convert", str(src), "-o", str(tmp_path / "out")])
    assert exit_info.value.code == 70
    assert capsys.readouterr().err == (
        "plainpress: internal error: RuntimeError: unexpected (rerun with --debug for details)\n"
    )


def test_a_source_of_nothing_but_page_furniture_is_rejected_not_emptied(tmp_path: Path) -> None:
    src = source(tmp_path, "junk.txt", "Share on Facebook\nTweet\nPrint\nBack to top\n")
    code, stdout, err = convert(src, tmp_path / "out")
    assert (code, stdout) == (1, "")
    assert err == (
        f"plainpress: error: {src}: has no article text: every line was set aside as page furniture "
        "(see plainpress inspect --explain)\n"
    )
    assert names(tmp_path / "out") == []
    # inspect is no output: it prints the reading (no blocks) so --explain can show why
    result = CliRunner().invoke(cli, ["inspect", "--json", str(src)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["blocks"] == []


def test_front_matter_escapes_and_a_bad_language_are_made_safe(tmp_path: Path) -> None:
    src = source(
        tmp_path,
        "fm.txt",
        '---\ntitle: "T\\u0001x"\nauthor: "A\\u0002B"\nlang: "\\"><script>x</script>"\n---\n\nBody text.\n',
    )
    code, _, err = convert(src, tmp_path, "-t", "html,epub")
    assert (code, err) == (
        0,
        f"plainpress: warning: {src}: front matter key 'lang': '\"><script>x</script>' "
        "is not a BCP 47 language tag (e.g. en, de-CH, zh-Hant); ignored\n",
    )
    page = html.fromstring((tmp_path / "fm.html").read_bytes())
    assert (page.get("lang"), page.findtext(".//title")) == ("en", "Tx")
    with zipfile.ZipFile(tmp_path / "fm.epub") as epub:
        opf = etree.fromstring(epub.read(next(n for n in epub.namelist() if n.endswith(".opf"))))
    assert opf.xpath("string(//*[local-name()='creator'])") == "AB"
    assert opf.xpath("string(//*[local-name()='language'])") == "en"


def test_a_cover_that_is_not_the_image_its_name_says_is_rejected(tmp_path: Path) -> None:
    src = source(tmp_path, "a.txt", "Title\n\nBody.\n")
    cover = source(tmp_path, "cover.png", bytes(range(256)))
    book = tmp_path / "book.epub"
    code, stdout, err = run("collection", "--title", "T", "--cover", str(cover), "-o", str(book), str(src))
    assert (code, stdout) == (1, "")
    assert err == f"plainpress: error: {cover}: is not a PNG image (its content does not match its name)\n"
    assert not book.exists()
