"""The ``plainpress`` command line: parses options and calls the library.

Exit codes (the same for every command; README, "Exit codes"):
0 success; 1 one or more inputs could not be converted (the others were);
2 usage error; 3 output could not be written; 70 internal error; 130 interrupted.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, cast

import click

from converters import __version__
from converters.batch_cli import build, collection
from converters.check_cli import check
from converters.cli_shared import (
    EXIT_CODES_HELP,
    _Context,
    count,
    fail,
    make_read_options,
    make_write_options,
    read_options,
    report,
    shown_dir,
    verbosity,
    verbosity_options,
    write_options,
)
from converters.errors import (
    EXIT_BUG,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TERMINATED,
    EXIT_USAGE,
)
from converters.options import StoreMetadata
from converters.store_cli import store_options

if TYPE_CHECKING:
    from converters.api import NameFrom


class _StderrHandler(logging.Handler):
    """Writes each record to the *current* ``sys.stderr`` (click's), not the one
    at set-up: a handler bound once to a stream would keep writing to a stale
    one when the CLI is run more than once in a process (tests, the API)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            click.echo(self.format(record), err=True)
        except Exception:
            self.handleError(record)


class _KindFormatter(logging.Formatter):
    """``plainpress: note: ...`` for INFO records, ``plainpress: warning: ...`` above."""

    def format(self, record: logging.LogRecord) -> str:
        kind = "note" if record.levelno <= logging.INFO else "warning"
        return f"plainpress: {kind}: {record.getMessage()}"


def _warn_handler() -> logging.Handler:
    handler = _StderrHandler()
    handler.setFormatter(_KindFormatter())
    return handler


def _setup_logging(debug: bool) -> None:
    log = logging.getLogger("plainpress")
    if not any(isinstance(handler, _StderrHandler) for handler in log.handlers):
        log.addHandler(_warn_handler())
    log.setLevel(logging.DEBUG if debug else logging.INFO)
    log.propagate = False
    # WeasyPrint logs every CSS property it does not know; keep its errors only.
    logging.getLogger("weasyprint").setLevel(logging.DEBUG if debug else logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)


def split_formats(value: str) -> list[str]:
    """Parse ``--to html,pdf`` into a list, validating each name.

    Raises:
        click.BadParameter: an unknown format (exit code 2).
    """
    from converters import validate

    try:
        names = [validate.output_format(v) for v in value.split(",") if v.strip()]
    except validate.BadValue as exc:
        raise click.BadParameter(str(exc), param_hint="'-t' / '--to'") from None
    if not names:
        raise click.BadParameter("no format given", param_hint="'-t' / '--to'")
    return list(dict.fromkeys(names))


@click.group(epilog=EXIT_CODES_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="plainpress")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug messages.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Turn plain-text articles into PDF, EPUB, HTML and Markdown.

    \b
    Examples:
      plainpress convert article.txt                 # all four formats into dist/
      plainpress convert -t html,pdf -o out *.txt
      plainpress inspect --explain article.txt
    """
    state = ctx.ensure_object(_Context)
    state.debug = debug
    _setup_logging(debug)


@cli.command(epilog=EXIT_CODES_HELP)
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@click.option(
    "-t",
    "--to",
    "to",
    default="html,epub,pdf,md",
    show_default=True,
    metavar="FORMATS",
    help="Comma-separated output formats (see 'plainpress formats').",
)
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="Folder for the outputs (created if missing).",
)
@click.option(
    "--name-from",
    type=click.Choice(["source", "title"], case_sensitive=False),
    default="source",
    show_default=True,
    help="Name outputs after the source file's stem or a slug of the title.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Worker processes for PDFs, alongside the main one  [default: one per CPU; 1: no workers]",
)
@click.option(
    "--watch",
    is_flag=True,
    help="After converting, convert again each source (every one if the style) as it is saved; Ctrl-C ends.",
)
@verbosity_options
@read_options
@write_options
@click.pass_context
@store_options
def convert(
    ctx: click.Context,
    sources: Sequence[Path],
    to: str,
    output_dir: Path,
    name_from: str,
    jobs: int | None,
    watch: bool,
    quiet: bool,
    verbose: bool,
    encoding: str | None,
    language: str | None,
    max_input_size: int,
    keep_furniture: bool,
    style: str,
    page_size: str,
    pdf_variant: str | None,
    markdown_flavor: str,
    html_fonts: bool,
    print_profile: str | None,
    store: StoreMetadata,
) -> None:
    """Convert SOURCES into each format, one file per source and format.

    Outputs are named after the source (article.txt gives article.html,
    article.epub, article.pdf, article.md) and written atomically: a failure
    never leaves a partial file. One line is printed per file written
    (-q: none, only a summary; -v: both).
    PDFs are typeset in worker processes while the other formats are
    rendered, pandoc's on threads.

    \b
    Examples:
      plainpress convert seeds/000_8f149b7cd9f3a7e5.txt
      plainpress convert -t epub,pdf --page-size letter -o out articles/*.txt
      plainpress convert --name-from title --style modern article.txt
      plainpress convert -t pdf --print kdp-6x9 --pdf-variant pdf/x-4 article.txt
    """
    import contextlib
    import time

    from converters.arguments import refuse_repeated
    from converters.parallel import convert_files

    debug = ctx.find_object(_Context).debug  # type: ignore[union-attr]
    mode = verbosity(quiet, verbose)
    started = time.monotonic()
    done: list[Path] = []
    failed = 0
    try:
        refuse_repeated(sources)
    except Exception as exc:
        sys.exit(report(exc, debug))
    formats = split_formats(to)
    ropts = make_read_options(encoding, language, max_input_size, keep_furniture)
    wopts = make_write_options(style, page_size, pdf_variant, markdown_flavor, html_fonts)
    wopts = replace(wopts, store=store, print_profile=print_profile)
    if pdf_variant and "pdf" in formats:
        from converters import validate

        try:
            wopts = replace(wopts, pdf_variant=validate.pdf_variant(pdf_variant))
        except validate.BadValue as exc:
            raise click.BadParameter(str(exc), param_hint="'--pdf-variant'") from None
    worst = EXIT_OK
    results = convert_files(
        list(sources), formats, output_dir, ropts, wopts, cast("NameFrom", name_from), workers=jobs
    )
    try:
        with contextlib.closing(results):
            for source, outcome in results:
                if isinstance(outcome, Exception):  # one bad source does not stop the others
                    code = report(outcome, debug, source)
                    worst = max(worst, code) if worst != EXIT_BUG else worst
                    failed += 1
                    continue
                for written in outcome:
                    done.append(written.path)
                    if mode != "quiet":
                        click.echo(str(written.path))
        if mode != "normal":
            click.echo(
                f"wrote {count(len(done), 'file')} from {count(len(sources) - failed, 'source')}, "
                f"{failed} failed, in {time.monotonic() - started:.1f} s -> {shown_dir(output_dir)}"
            )
        if watch:
            from converters.watch import watch_convert

            def on_error(source: Path, exc: Exception) -> None:
                report(exc, debug, source)

            click.echo("watching for changes (Ctrl-C to stop)", err=True)
            watch_convert(
                list(sources),
                formats,
                output_dir,
                ropts,
                wopts,
                cast("NameFrom", name_from),
                echo=click.echo,
                on_error=on_error,
                workers=jobs,
            )
    except KeyboardInterrupt:
        fail("interrupted; no partial output was left", EXIT_INTERRUPTED)
    sys.exit(worst)


@cli.command(epilog=EXIT_CODES_HELP)
@click.argument("source", type=click.Path(path_type=Path, readable=False))
@click.option("--json", "as_json", is_flag=True, help="Print the document model as JSON.")
@click.option("--explain", is_flag=True, help="Show which rule decided each field and block.")
@read_options
@click.pass_context
def inspect(
    ctx: click.Context,
    source: Path,
    as_json: bool,
    explain: bool,
    encoding: str | None,
    language: str | None,
    max_input_size: int,
    keep_furniture: bool,
) -> None:
    """Show how SOURCE is read: an outline, the JSON model, or the reasons.

    \b
    Examples:
      plainpress inspect article.txt
      plainpress inspect --json article.txt > article.json
      plainpress inspect --explain article.txt
    """
    from converters.readers import plaintext

    debug = ctx.find_object(_Context).debug  # type: ignore[union-attr]
    ropts = make_read_options(encoding, language, max_input_size, keep_furniture)
    try:
        if explain:
            doc, decisions = plaintext.explain_file(source, ropts)
            click.echo(plaintext.format_explanation(doc, decisions))
            return
        doc = plaintext.read_file(source, ropts)
    except Exception as exc:
        sys.exit(report(exc, debug, source))
    if as_json:
        click.echo(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2))
    else:
        from converters.outline import outline

        click.echo(outline(doc))


@cli.command()
def styles() -> None:
    """List the bundled styles, one per line: NAME  description.

    \b
    Example:
      plainpress styles
    """
    from converters.styles import list_styles

    for style in list_styles():
        click.echo(f"{style.name:<12} {style.description}")


@cli.command()
def formats() -> None:
    """List the output formats, one per line: NAME  description.

    \b
    Example:
      plainpress formats
    """
    from converters.writers import formats as names
    from converters.writers import get_writer

    for name in names():
        click.echo(f"{name:<6} {get_writer(name).description}")


def _terminate(signum: int, frame: object) -> NoReturn:
    """SIGTERM handler: unwind like Ctrl-C, so temporary files are removed on the way out."""
    raise SystemExit(EXIT_TERMINATED)


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point (``plainpress``).

    SIGTERM (a CI timeout, ``kill``) unwinds the stack like Ctrl-C does, so an
    output being written is removed rather than left as a hidden ``.part``
    file; the exit code is then 143.
    """
    import signal

    signal.signal(signal.SIGTERM, _terminate)
    args = list(argv) if argv is not None else sys.argv[1:]
    try:
        cli.main(args=args, prog_name="plainpress")
    except KeyboardInterrupt:
        fail("interrupted", EXIT_INTERRUPTED)
    except Exception as exc:  # a bug outside a command's own handling: still one line
        sys.exit(report(exc, "--debug" in args))


__all__ = ["EXIT_INPUT", "EXIT_USAGE", "cli", "main"]


cli.add_command(collection)
cli.add_command(build)
cli.add_command(check)
