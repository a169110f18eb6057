"""The ``collection`` and ``build`` commands (thin: options in, library calls out).

The work lives in :mod:`converters.collection` and :mod:`converters.build`;
nothing heavy is imported until a command runs.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from converters.cli import (
    EXIT_CODES_HELP,
    _Context,
    check_language,
    fail,
    make_read_options,
    make_write_options,
    print_option,
    read_options,
    report,
)
from converters.errors import EXIT_BUG, EXIT_INTERRUPTED, EXIT_OK, EXIT_TERMINATED
from converters.options import StoreMetadata
from converters.store_cli import store_options

if TYPE_CHECKING:
    from converters.build import BuildConfig, Plan, Result


def _debug(ctx: click.Context) -> bool:
    state = ctx.find_object(_Context)
    return bool(state and state.debug)


def _check_title(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """An empty or blank title would give an invalid EPUB (an empty ``dc:title``)."""
    if not " ".join(value.split()):
        raise click.BadParameter("the title must not be empty")
    return value


@click.command("collection", epilog=EXIT_CODES_HELP)
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The book to write: NAME.epub, NAME.kepub.epub (Kobo), NAME.pdf, or a folder with -t web.",
)
@click.option(
    "-t",
    "--to",
    "to",
    metavar="FORMAT",
    help="epub, kepub, pdf or web (a folder of pages); default: from the name of --output.",
)
@click.option("--title", required=True, callback=_check_title, help="The collection's title.")
@click.option("--author", "authors", multiple=True, metavar="NAME", help="Author or editor (repeatable).")
@click.option(
    "--language",
    "book_language",
    metavar="CODE",
    help="Book language (BCP 47); default: the articles' most common.",
)
@click.option(
    "--cover",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Cover image (JPEG, PNG, GIF, WebP or SVG); default: one generated from title and author.",
)
@click.option(
    "--order",
    type=click.Choice(["given", "date", "title"]),
    default="given",
    show_default=True,
    help="Article order.",
)
@click.option("--description", metavar="TEXT", help="A short description of the collection.")
@click.option(
    "--style",
    default="default",
    show_default=True,
    metavar="NAME|PATH",
    help="A bundled style or a CSS file.",
)
@click.option(
    "--page-size",
    type=click.Choice(["a4", "letter", "a5"], case_sensitive=False),
    default="a4",
    show_default=True,
    help="Page size of a PDF book.",
)
@click.option("--pdf-variant", metavar="VARIANT", help="PDF variant of a PDF book (pdf/ua-1, pdf/x-4...).")
@print_option
@read_options
@click.pass_context
@store_options
def _collection(
    ctx: click.Context,
    sources: Sequence[Path],
    output: Path,
    to: str | None,
    title: str,
    authors: Sequence[str],
    book_language: str | None,
    cover: Path | None,
    order: str,
    description: str | None,
    style: str,
    encoding: str | None,
    language: str | None,
    max_input_size: int,
    keep_furniture: bool,
    page_size: str,
    pdf_variant: str | None,
    print_profile: str | None,
    store: StoreMetadata,
) -> None:
    """Build one EPUB 3 (or KEPUB, or PDF book) from SOURCES, one chapter per article.

    Articles keep their own title, subtitle, date and quotations; the book
    gets a cover, a title page and a table of contents, and related links
    that name another article of the book become links to it. If any source
    cannot be read, every failure is reported and no book is written.

    \b
    Examples:
      plainpress collection articles/*.txt -o labour-notes.epub --title "Labour Notes"
      plainpress collection a.txt b.txt -o book.epub --title Notes --order date --cover cover.jpg
      plainpress collection articles/*.txt -o labour-notes.kepub.epub --title "Labour Notes"
      plainpress collection articles/*.txt -o labour-notes.pdf --title "Labour Notes" --page-size a5
    """
    from converters.bookformats import collection_format
    from converters.build import read_many
    from converters.collection import CollectionSpec, Order, write_collection
    from converters.model import Document

    debug = _debug(ctx)
    try:
        from converters.api import refuse_sources

        refuse_sources(output, sources, hint="choose another --output")  # first: exit 3 names the source
        book_format = collection_format(output, to)
    except Exception as exc:
        sys.exit(report(exc, debug))
    ropts = make_read_options(encoding, language, max_input_size, keep_furniture)
    check_language(book_language, "'--language'")
    if pdf_variant is not None:
        from converters import validate

        try:
            pdf_variant = validate.pdf_variant(pdf_variant)
        except validate.BadValue as exc:
            raise click.BadParameter(str(exc), param_hint="'--pdf-variant'") from None
    wopts = make_write_options(style, page_size.lower(), pdf_variant, "markdown")
    wopts = replace(wopts, store=store, print_profile=print_profile)
    docs = []
    worst = EXIT_OK
    try:
        items = read_many(list(sources), ropts)
    except Exception as exc:  # a bug in the reader: one line, traceback with --debug
        sys.exit(report(exc, debug))
    for item in items:
        if isinstance(item, Document):
            docs.append(item)
        else:
            worst = max(worst, report(item, debug))
    if worst != EXIT_OK:
        click.echo("plainpress: error: the collection was not written (fix the sources above)", err=True)
        sys.exit(worst)
    spec = CollectionSpec(
        title=title,
        authors=tuple(authors),
        language=book_language,
        description=description,
        cover=cover,
        order=cast("Order", order),
    )
    try:
        if book_format == "web":
            from converters.webedition import write_web_edition

            write_web_edition(docs, spec, output, wopts)
        else:
            write_collection(docs, spec, output, wopts)
    except Exception as exc:
        sys.exit(report(exc, debug))
    click.echo(str(output))


class _Progress:
    """Per-file output: a progress bar on a terminal, else one line per file."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.bar: Any = None
        self.pending_errors: list[Result] = []
        self.debug = False

    def start(self, work: Plan) -> None:
        if self.mode == "verbose":
            for target in work.unchanged:
                click.echo(f"unchanged {target.path}")
        if self.mode == "bar" and work.stale:
            self.bar = click.progressbar(
                length=len(work.stale),
                label="building",
                show_pos=True,
                show_eta=True,
                item_show_func=lambda path: path,
                file=sys.stdout,
            )
            self.bar.__enter__()

    def result(self, result: Result) -> None:
        if self.bar is not None:
            self.bar.update(len(result.paths), result.paths[-1] if result.paths else None)
            if result.error is not None:
                self.pending_errors.append(result)
            return
        if self.mode in ("plain", "verbose"):
            for built in result.built:
                click.echo(f"built {built.path}")
        if result.error is not None:
            self._error(result)

    def _error(self, result: Result) -> None:
        if self.debug and result.detail:
            click.echo(result.detail, err=True, nl=False)
        click.echo(f"plainpress: error: {result.error}", err=True)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
        for result in self.pending_errors:
            self._error(result)
        self.pending_errors = []


@click.command("build", epilog=EXIT_CODES_HELP)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The config file (default: ./plainpress.toml, else [tool.plainpress] in ./pyproject.toml).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: the number of CPUs; capped at the jobs to run and at what memory holds).",
)
@click.option("--force", is_flag=True, help="Rebuild everything, even unchanged outputs.")
@click.option("-n", "--dry-run", is_flag=True, help="Print what would be built, build nothing.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the summary.")
@click.option("-v", "--verbose", is_flag=True, help="One line per file, unchanged ones too.")
@click.option(
    "--watch",
    is_flag=True,
    help="After building, build again whenever a source, the config or the style is saved; Ctrl-C ends.",
)
@click.pass_context
def _build(
    ctx: click.Context,
    config_path: Path | None,
    jobs: int | None,
    force: bool,
    dry_run: bool,
    quiet: bool,
    verbose: bool,
    watch: bool,
) -> None:
    """Build every source and collection listed in plainpress.toml.

    Only outputs whose source, style, options or plainpress version changed
    are rebuilt (compared by content hash); the output folder gets
    manifest.json (every file with its size and SHA-256) and index.html (a
    downloads page). A source that fails is reported and the others are
    still built; the exit code is then 1.

    \b
    Example plainpress.toml:
      sources = ["articles/*.txt"]
      formats = ["html", "epub", "pdf", "md"]
      output = "dist"
      [[collections]]
      title = "Labour Notes"
      sources = ["articles/*.txt"]
      output = "labour-notes.epub"

    \b
    Examples:
      plainpress build
      plainpress build -j 4 --config site/plainpress.toml
    """
    debug = _debug(ctx)
    if quiet and verbose:
        raise click.BadParameter("choose one of --quiet and --verbose", param_hint="'--quiet'")
    mode = "quiet" if quiet else "verbose" if verbose else "bar" if sys.stdout.isatty() else "plain"
    progress = _Progress(mode)
    progress.debug = debug
    if dry_run:
        sys.exit(_dry_run(config_path, force, verbose, debug))
    code, config = _build_once(config_path, jobs, force, progress, debug)
    if watch:
        from converters.watch import watch_files

        if config is None:
            sys.exit(code)
        click.echo("watching for changes (Ctrl-C to stop)", err=True)
        quiet_progress = _Progress("quiet")
        quiet_progress.debug = debug

        def rebuild(changed: set[Path]) -> None:
            _build_once(config_path, jobs, False, quiet_progress, debug)

        watched = [p for p in (config.path, _style_file(config.write.style)) if p is not None]
        try:
            watch_files(watched, rebuild, roots=[config.base], ignore=[config.output])
        except KeyboardInterrupt:
            fail(
                "interrupted; finished files were kept and recorded, no partial file was left",
                EXIT_INTERRUPTED,
            )
    sys.exit(code)


def _style_file(style: str) -> Path | None:
    from converters.styles import resolve_style

    try:
        return resolve_style(style).path
    except Exception:
        return None


def _build_once(
    config_path: Path | None, jobs: int | None, force: bool, progress: _Progress, debug: bool
) -> tuple[int, BuildConfig | None]:
    """One build, its summary line printed; returns its exit code and the config it used
    (``None`` when the config could not be read)."""
    from converters.build import load_config, run_build

    try:
        config = load_config(config_path)
        report_ = run_build(
            config, workers=jobs, force=force, on_plan=progress.start, on_result=progress.result
        )
    except KeyboardInterrupt:
        progress.finish()
        fail("interrupted; finished files were kept and recorded, no partial file was left", EXIT_INTERRUPTED)
    except SystemExit as exc:  # SIGTERM, turned into SystemExit(143) by converters.cli.main
        if exc.code != EXIT_TERMINATED:
            raise
        progress.finish()
        fail("terminated; finished files were kept and recorded, no partial file was left", EXIT_TERMINATED)
    except Exception as exc:
        progress.finish()
        return report(exc, debug), None
    progress.finish()
    out = config.output
    if not report_.built and not report_.failed:
        click.echo(f"nothing to do: {len(report_.unchanged)} files unchanged in {_shown(out)}")
    else:
        click.echo(
            f"built {len(report_.built)}, unchanged {len(report_.unchanged)}, "
            f"failed {sum(len(r.paths) for r in report_.failed)} in {report_.seconds:.1f} s -> {_shown(out)}"
        )
    return (report_.exit_code if report_.exit_code != EXIT_BUG or not debug else EXIT_BUG), config


def _dry_run(config_path: Path | None, force: bool, verbose: bool, debug: bool) -> int:
    """Print the plan (``would build PATH`` per stale target, and a summary); return the exit code."""
    from converters.build import load_config, plan, scan

    try:
        config = load_config(config_path)
        work = plan(config, scan(config), force=force)
    except Exception as exc:
        return report(exc, debug)
    for target in work.targets:
        if target in work.stale:
            click.echo(f"would build {target.path}")
        elif verbose:
            click.echo(f"unchanged {target.path}")
    click.echo(f"would build {len(work.stale)}, unchanged {len(work.unchanged)} -> {_shown(config.output)}")
    return EXIT_OK


# Declared types, so that ``converters.cli`` (which imports this module at its
# end, an import cycle) sees click commands without waiting for inference.
collection: click.Command = _collection
build: click.Command = _build


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd().resolve())) + "/"
    except ValueError:
        return str(path) + "/"


__all__ = ["build", "collection"]
