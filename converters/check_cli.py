"""``plainpress check``: checks of finished files (for now: ``--kindle``, see :mod:`converters.kindle`)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from converters.errors import EXIT_INPUT, EXIT_OK, EXIT_USAGE


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@click.option("--kindle", is_flag=True, help="Look for what makes Send to Kindle or KDP reject an EPUB.")
@click.pass_context
def check(ctx: click.Context, files: Sequence[Path], kindle: bool) -> None:
    """Check finished EPUB FILES; one line per finding: FILE: problem|note: TEXT.

    Exit code 0 when no file has a problem (notes are fine), 1 when one has
    (or cannot be read), 2 when no check is named.

    \b
    Example:
      plainpress check --kindle dist/labour-notes.epub
    """
    from converters.cli_shared import report
    from converters.kindle import kindle_findings

    if not kindle:
        click.echo("plainpress: error: name a check: --kindle", err=True)
        sys.exit(EXIT_USAGE)
    debug = bool(ctx.find_root().params.get("debug"))
    worst = EXIT_OK
    for path in files:
        try:
            findings = kindle_findings(path)
        except Exception as exc:
            worst = max(worst, report(exc, debug, path))
            continue
        for finding in findings:
            click.echo(f"{path}: {finding.level}: {finding.message}")
        if any(f.level == "problem" for f in findings):
            worst = max(worst, EXIT_INPUT)
        elif not findings:
            click.echo(f"{path}: ok for Kindle")
    sys.exit(worst)
