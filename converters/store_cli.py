"""The command-line options of series and store metadata, shared by ``convert`` and ``collection``."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

_OPTIONS = (
    click.option(
        "--series", metavar="NAME", help="Series name (EPUB, KEPUB: belongs-to-collection, calibre:series)."
    ),
    click.option(
        "--series-index", metavar="N", help="Position in the series (a number: 2, 1.5); needs --series."
    ),
    click.option("--isbn", metavar="ISBN", help="ISBN-10 or ISBN-13, check digit verified (EPUB, KEPUB)."),
    click.option("--publisher", metavar="NAME", help="Publisher (EPUB, KEPUB)."),
    click.option("--subject", "subjects", multiple=True, metavar="TEXT", help="A subject (repeatable)."),
    click.option("--rights", metavar="TEXT", help="Rights or licence statement (EPUB, KEPUB)."),
)


def store_options(fn: F) -> F:
    """Add the store options to a command; it receives them as one ``store`` argument
    (:class:`~converters.options.StoreMetadata`).

    A bad value is a usage error (exit code 2) naming the option.
    """

    @functools.wraps(fn)
    def command(
        *args: Any,
        series: str | None,
        series_index: str | None,
        isbn: str | None,
        publisher: str | None,
        subjects: tuple[str, ...],
        rights: str | None,
        **kwargs: Any,
    ) -> Any:
        from converters import bookmeta, validate

        try:
            store = bookmeta.from_options(series, series_index, isbn, publisher, subjects, rights)
        except validate.BadValue as exc:
            raise click.UsageError(str(exc)) from None
        return fn(*args, store=store, **kwargs)

    for option in reversed(_OPTIONS):
        command = option(command)
    return command  # type: ignore[return-value]
