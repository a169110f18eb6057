"""What ``plainpress build`` prints per file: a progress bar on a terminal, else one line per file.

The same wherever the jobs run (a local pool or a Dask cluster): results
arrive in the process that started the build, and are shown as they come.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from converters.batch import Plan, Result


class Progress:
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

    def removed(self, paths: list[str]) -> None:
        """With ``-v``, one ``removed PATH`` line per output deleted as no longer a target."""
        if self.mode == "verbose":
            for path in paths:
                click.echo(f"removed {path}")

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
        for result in self.pending_errors:
            self._error(result)
        self.pending_errors = []


__all__ = ["Progress"]
