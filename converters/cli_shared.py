"""What every command of the command line shares: options, checks, one-line errors.

Used by :mod:`converters.cli` and :mod:`converters.batch_cli`; importing neither, so
the two command modules do not import each other.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar, cast

import click

from converters.errors import (
    EXIT_BUG,
    PlainpressError,
    UsageError,
)
from converters.options import DEFAULT_MAX_INPUT_SIZE, PageSize, ReadOptions, WriteOptions

if TYPE_CHECKING:
    from converters.options import PageSize

EXIT_CODES_HELP = """\b
Exit codes:
  0    success
  1    one or more inputs could not be converted (the others were)
  2    usage error (unknown option, format, style or bad value)
  3    an output file or folder could not be written
  70   internal error (a bug: rerun with --debug and report it)
  130  interrupted (Ctrl-C)
  143  terminated (SIGTERM)"""

F = TypeVar("F", bound=Callable[..., Any])


class _Context:
    debug: bool = False


def fail(message: str, code: int) -> NoReturn:
    """Print ``plainpress: error: MESSAGE`` on stderr and exit with ``code``."""
    click.echo(f"plainpress: error: {message}", err=True)
    sys.exit(code)


#: Control characters shown as escapes in messages, so a file name holding a
#: newline cannot break the one-line rule (``a\nb.txt`` is shown ``a\x0ab.txt``).
_CONTROL_ESCAPES = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F]}


def _one_line(text: str) -> str:
    return text.translate(_CONTROL_ESCAPES)


def report(exc: BaseException, debug: bool, path: object = None) -> int:
    """Print one line for ``exc`` (a traceback too with ``--debug``); return its exit code.

    ``path`` names the file being worked on when ``exc`` is not a
    :class:`PlainpressError` (those carry their own path).
    """
    if isinstance(exc, PlainpressError):
        if debug:
            traceback.print_exception(exc, file=sys.stderr)
        click.echo(f"plainpress: error: {_one_line(exc.message)}", err=True)
        return exc.exit_code
    if debug:
        traceback.print_exception(exc, file=sys.stderr)
    where = f"{_one_line(str(path))}: " if path is not None else ""
    detail = " ".join(str(exc).split())  # one line, whatever the exception's text holds
    click.echo(
        f"plainpress: internal error: {where}{type(exc).__name__}: {detail} (rerun with --debug for details)",
        err=True,
    )
    return EXIT_BUG


def read_options(fn: F) -> F:
    """Options shared by every command that reads sources."""
    fn = click.option(
        "--encoding",
        metavar="CODEC",
        help="Decode sources with CODEC (e.g. cp1252) instead of detecting it; "
        "CODEC:replace (utf-8:replace) reads bytes CODEC cannot decode as U+FFFD, with a warning.",
    )(fn)
    fn = click.option(
        "--lang",
        "language",
        metavar="TAG",
        help="Document language as a BCP 47 tag "
        "(e.g. en, de, ar); default: front matter, then detected, else en.",
    )(fn)
    fn = click.option(
        "--max-input-size",
        type=click.IntRange(min=1),
        default=DEFAULT_MAX_INPUT_SIZE,
        show_default=True,
        metavar="BYTES",
        help="Reject larger sources.",
    )(fn)
    fn = click.option(
        "--keep-furniture",
        is_flag=True,
        help="Keep the lines the reader takes for page furniture (menus, share buttons) as text.",
    )(fn)
    return fn


def _check_print(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from converters import printprofiles, validate

    try:
        return None if value is None else printprofiles.print_profile(value)
    except validate.BadValue as exc:
        raise click.BadParameter(str(exc)) from None


def print_option(fn: F) -> F:
    """``--print PROFILE``: a print-on-demand PDF (:mod:`converters.printprofiles`)."""
    return click.option(
        "--print",
        "print_profile",
        metavar="PROFILE",
        callback=_check_print,
        help="Print-on-demand PDF: kdp-6x9, kdp-5.5x8.5 or a5 (trim, bleed, KDP gutter, even page count).",
    )(fn)


def write_options(fn: F) -> F:
    """Options shared by every command that writes documents."""
    fn = print_option(fn)
    fn = click.option(
        "--style",
        default="default",
        show_default=True,
        metavar="NAME|PATH",
        help="A bundled style (see 'plainpress styles') or a CSS file.",
    )(fn)
    fn = click.option(
        "--page-size",
        type=click.Choice(["a4", "letter", "a5"], case_sensitive=False),
        default="a4",
        show_default=True,
        help="PDF page size.",
    )(fn)
    fn = click.option(
        "--pdf-variant",
        metavar="VARIANT",
        default=None,
        help="PDF variant: pdf/ua-1 (tagged, accessible), pdf/a-2b (archival)...",
    )(fn)
    fn = click.option(
        "--markdown-flavor",
        type=click.Choice(["markdown", "gfm", "commonmark_x"], case_sensitive=False),
        default="markdown",
        show_default=True,
        help="pandoc Markdown variant.",
    )(fn)
    fn = click.option(
        "--html-fonts/--no-html-fonts",
        default=True,
        show_default=True,
        help="Embed the style's bundled faces in the HTML page (WOFF2, subset to its characters).",
    )(fn)
    return fn


def verbosity_options(fn: F) -> F:
    """``-q``/``--quiet`` and ``-v``/``--verbose``, the same for ``convert``, ``collection`` and ``build``."""
    fn = click.option(
        "-v", "--verbose", is_flag=True, help="Every file (build: unchanged ones too), then the summary."
    )(fn)
    fn = click.option(
        "-q",
        "--quiet",
        is_flag=True,
        help="No line per file: only the summary line (and notes, warnings and errors).",
    )(fn)
    return fn


def verbosity(quiet: bool, verbose: bool) -> str:
    """``"quiet"``, ``"verbose"`` or ``"normal"``. Quiet drops the lines per file only:
    notes, warnings and errors (on stderr) are always printed.

    Raises:
        click.BadParameter: both flags (exit code 2).
    """
    if quiet and verbose:
        raise click.BadParameter("choose one of --quiet and --verbose", param_hint="'--quiet'")
    return "quiet" if quiet else "verbose" if verbose else "normal"


def count(number: int, noun: str) -> str:
    """``"1 file"``, ``"4 files"``: a number and its noun, plural as English needs."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def shown_dir(path: Path) -> str:
    """A folder as summary lines show it: relative to the current folder when inside it, with ``/``."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve())) + "/"
    except ValueError:
        return str(path.resolve()) + "/"


def make_read_options(
    encoding: str | None, language: str | None, max_input_size: int, keep_furniture: bool = False
) -> ReadOptions:
    """The read options of the command line, each value checked by :mod:`converters.validate`.

    Raises:
        click.BadParameter: an unknown encoding or a malformed language tag (exit code 2).
    """
    from converters import validate

    if encoding:
        try:
            validate.encoding(encoding)
        except validate.BadValue as exc:
            raise click.BadParameter(str(exc), param_hint="'--encoding'") from None
    check_language(language, "'--lang'")
    return ReadOptions(
        encoding=encoding, language=language, max_input_size=max_input_size, keep_furniture=keep_furniture
    )


def check_language(language: str | None, hint: str) -> None:
    """Reject a value that is not a well-formed BCP 47 tag (exit code 2); warn, naming
    the option (``hint``), for a well-formed one that names no known language.

    Raises:
        click.BadParameter: ``language`` is given and malformed.
    """
    from converters import validate

    if language is not None:
        try:
            validate.language_tag(language)
        except validate.BadValue as exc:
            raise click.BadParameter(str(exc), param_hint=hint) from None
        doubt = validate.unknown_language(language)
        if doubt:
            logging.getLogger("plainpress").warning("%s: %s", hint.strip("'"), doubt)


def make_write_options(
    style: str, page_size: str, pdf_variant: str | None, markdown_flavor: str, html_fonts: bool = True
) -> WriteOptions:
    from converters.styles import resolve_style

    try:
        resolve_style(style)
    except UsageError as exc:
        raise click.BadParameter(exc.message, param_hint="'--style'") from None
    return WriteOptions(
        style=style,
        page_size=cast("PageSize", page_size),
        pdf_variant=pdf_variant,
        markdown_flavor=markdown_flavor,
        html_fonts=html_fonts,
    )
