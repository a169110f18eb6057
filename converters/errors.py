"""Exceptions and the exit codes the command line maps them to.

One exception type for bad input (:class:`InputError`), carrying the path and
a one-line reason; the CLI prints ``plainpress: PATH: REASON`` and exits with
the error's ``exit_code``. Anything else is a bug and shows a traceback only
with ``--debug``.
"""

from __future__ import annotations

from pathlib import Path

#: Exit codes shared by ``convert``, ``collection`` and ``build`` (README, "Exit codes").
EXIT_OK = 0
EXIT_INPUT = 1  # one or more inputs could not be converted (the others were)
EXIT_USAGE = 2  # unknown option, format, style or bad option value
EXIT_OUTPUT = 3  # the output folder or file could not be written
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), the shell convention
EXIT_TERMINATED = 143  # SIGTERM (128 + 15), e.g. a CI job's timeout
EXIT_BUG = 70  # an unexpected internal error (EX_SOFTWARE from sysexits.h)


class PlainpressError(Exception):
    """Base class of every error plainpress reports without a traceback."""

    exit_code = EXIT_INPUT

    def __init__(self, path: str | Path | None, reason: str) -> None:
        self.path = None if path is None else str(path)
        self.reason = reason
        super().__init__(self.message)

    def __reduce__(self) -> tuple[type[PlainpressError], tuple[str | None, str]]:
        """Pickle as ``(class, (path, reason))``, so an error raised in a worker process
        reaches the main one with its class, path and reason."""
        return type(self), (self.path, self.reason)

    @property
    def message(self) -> str:
        """The one-line message: ``"PATH: REASON"`` or just ``"REASON"``."""
        return f"{self.path}: {self.reason}" if self.path else self.reason


class InputError(PlainpressError):
    """A source cannot be read as an article (missing, binary, empty, too large...)."""

    exit_code = EXIT_INPUT


class OutputError(PlainpressError):
    """An output file or folder cannot be written."""

    exit_code = EXIT_OUTPUT


class UsageError(PlainpressError):
    """A bad option value (unknown format or style, bad page size...)."""

    exit_code = EXIT_USAGE
