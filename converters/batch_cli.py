"""The ``collection`` and ``build`` commands (thin: options in, library calls out).

The work lives in :mod:`converters.collection` and :mod:`converters.batch`;
nothing heavy is imported until a command runs.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from converters.cli_shared import (
    EXIT_CODES_HELP,
    _Context,
    check_language,
    count,
    fail,
    make_read_options,
    make_write_options,
    print_option,
    read_options,
    report,
    shown_dir,
    verbosity,
    verbosity_options,
)
from converters.errors import EXIT_BUG, EXIT_INTERRUPTED, EXIT_OK, EXIT_TERMINATED
from converters.options import StoreMetadata
from converters.progress import Progress
from converters.store_cli import store_options

if TYPE_CHECKING:
    from converters.batch import BuildConfig


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
    "output_arg",
    type=click.Path(),
    required=True,
    help="The book to write: NAME.epub, NAME.kepub.epub (Kobo), NAME.pdf, or a folder with -t web; "
    "any other folder (trailing slash, or existing) gets TITLE-SLUG and the format's ending.",
)
@click.option(
    "-t",
    "--to",
    "to",
    metavar="FORMAT",
    help="epub, kepub, pdf or web (a folder of pages); default: from the name of --output, else epub.",
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
    type=click.Choice(["given", "date", "title"], case_sensitive=False),
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
@verbosity_options
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
    output_arg: str,
    to: str | None,
    title: str,
    authors: Sequence[str],
    book_language: str | None,
    cover: Path | None,
    order: str,
    description: str | None,
    style: str,
    quiet: bool,
    verbose: bool,
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
    Prints the book's path (-q: only a summary; -v: each article, then both).

    \b
    Examples:
      plainpress collection articles/*.txt -o labour-notes.epub --title "Labour Notes"
      plainpress collection a.txt b.txt -o book.epub --title Notes --order date --cover cover.jpg
      plainpress collection articles/*.txt -o labour-notes.kepub.epub --title "Labour Notes"
      plainpress collection articles/*.txt -o labour-notes.pdf --title "Labour Notes" --page-size a5
    """
    import time

    from converters.arguments import refuse_repeated, warn_extension
    from converters.batch import read_many
    from converters.bookformats import (
        COLLECTION_FORMATS,
        collection_format,
        collection_path,
        write_collection,
    )
    from converters.collection import CollectionSpec, Order
    from converters.model import Document

    debug = _debug(ctx)
    mode = verbosity(quiet, verbose)
    started = time.monotonic()
    ropts = make_read_options(encoding, language, max_input_size, keep_furniture)
    check_language(book_language, "'--language'")
    try:
        from converters.api import refuse_sources

        refuse_repeated(sources)
        output = collection_path(output_arg, to, title)
        # Before the format's check: writing over a source is exit code 3, naming it.
        refuse_sources(output, sources, hint="choose another --output")
        book_format = collection_format(output, to)
    except Exception as exc:
        sys.exit(report(exc, debug))
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
    for source, item in zip(sources, items, strict=True):
        if isinstance(item, Document):
            docs.append(item)
            if mode == "verbose":
                click.echo(f"read {source}: {item.title or '(untitled)'!r}")
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
            warn_extension(output, COLLECTION_FORMATS[book_format])
            write_collection(docs, spec, output, wopts)
    except Exception as exc:
        sys.exit(report(exc, debug))
    if mode != "quiet":
        click.echo(str(output))
    if mode != "normal":
        click.echo(
            f"wrote {output.name} from {count(len(docs), 'article')} in {time.monotonic() - started:.1f} s "
            f"-> {shown_dir(output.parent)}"
        )


def _check_scheduler(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from converters import validate

    try:
        return None if value is None else validate.scheduler(value)
    except validate.BadValue as exc:
        raise click.BadParameter(str(exc)) from None


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
@click.option(
    "--scheduler",
    metavar="ADDRESS|local",
    callback=_check_scheduler,
    help="Run the jobs on the Dask cluster at ADDRESS (tcp://HOST:PORT), or on a local one of -j "
    "workers ('local'); needs plainpress[dask]. Default: the config's scheduler, else a process pool.",
)
@click.option("--force", is_flag=True, help="Rebuild everything, even unchanged outputs.")
@click.option("-n", "--dry-run", is_flag=True, help="Print what would be built, build nothing.")
@verbosity_options
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
    scheduler: str | None,
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
      plainpress build --scheduler tcp://10.0.0.5:8786
    """
    debug = _debug(ctx)
    mode = verbosity(quiet, verbose)
    if mode == "normal":
        mode = "bar" if sys.stdout.isatty() else "plain"
    progress = Progress(mode)
    progress.debug = debug
    if dry_run:
        sys.exit(_dry_run(config_path, force, verbose, debug))
    code, config = _build_once(config_path, jobs, force, progress, debug, scheduler)
    if watch:
        from converters.watch import watch_files

        if config is None:
            sys.exit(code)
        click.echo("watching for changes (Ctrl-C to stop)", err=True)
        quiet_progress = Progress("quiet")
        quiet_progress.debug = debug

        def rebuild(changed: set[Path]) -> None:
            _build_once(config_path, jobs, False, quiet_progress, debug, scheduler)

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
    config_path: Path | None,
    jobs: int | None,
    force: bool,
    progress: Progress,
    debug: bool,
    scheduler: str | None = None,
) -> tuple[int, BuildConfig | None]:
    """One build, its summary line printed; returns its exit code and the config it used
    (``None`` when the config could not be read)."""
    from converters.batch import load_config, run_build

    try:
        config = load_config(config_path)
        report_ = run_build(
            config,
            workers=jobs,
            force=force,
            on_plan=progress.start,
            on_result=progress.result,
            scheduler=scheduler,
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
    progress.removed(report_.removed)
    if not report_.built and not report_.failed and not report_.removed:
        click.echo(f"nothing to do: {len(report_.unchanged)} files unchanged in {_shown(config)}")
    else:
        removed = f"removed {len(report_.removed)}, " if report_.removed else ""
        click.echo(
            f"built {len(report_.built)}, unchanged {len(report_.unchanged)}, {removed}"
            f"failed {sum(len(r.paths) for r in report_.failed)} in {report_.seconds:.1f} s -> {_shown(config)}"
        )
    return (report_.exit_code if report_.exit_code != EXIT_BUG or not debug else EXIT_BUG), config


def _dry_run(config_path: Path | None, force: bool, verbose: bool, debug: bool) -> int:
    """Print the plan (``would build PATH`` per stale target, and a summary); return the exit code."""
    from converters.batch import load_config, plan, scan

    try:
        config = load_config(config_path)
        found = scan(config)
        work = plan(config, found, force=force)
    except Exception as exc:
        return report(exc, debug)
    for target in work.targets:
        if target in work.stale:
            click.echo(f"would build {target.path}")
        elif verbose:
            click.echo(f"unchanged {target.path}")
    targets = {t.path for t in work.targets}
    gone = [  # a web edition's other files go with its index.html
        rel
        for rel in found.present
        if rel not in targets and found.previous[rel].get("part_of") not in targets
    ]
    for rel in gone:
        click.echo(f"would remove {rel}")
    removed = f", remove {len(gone)}" if gone else ""
    click.echo(f"would build {len(work.stale)}, unchanged {len(work.unchanged)}{removed} -> {_shown(config)}")
    return EXIT_OK


collection: click.Command = _collection
build: click.Command = _build


def _shown(config: BuildConfig) -> str:
    """The build's output for the summary line: ``dist/`` (relative when inside the
    current folder), or its URL (``s3://bucket/dist/``)."""
    if config.output_url is not None:
        return config.output_url + "/"
    try:
        return str(config.output.relative_to(Path.cwd().resolve())) + "/"
    except ValueError:
        return str(config.output) + "/"


__all__ = ["build", "collection"]
