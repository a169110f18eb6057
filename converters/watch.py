"""Watch mode (``convert --watch``, ``build --watch``): rebuild when a watched file is saved.

Files are watched through their folders with watchfiles
(https://watchfiles.helpmanual.io/, Rust's ``notify``), so an editor that
saves by writing a new file and renaming it over the old one is still seen.
Changes that arrive together (within ``debounce_ms``) make one rebuild.
A rebuild that fails is the caller's to report; the watch goes on. Ctrl-C
raises :class:`KeyboardInterrupt` out of :func:`watch_files`; every output is
written atomically, so nothing partial is left (see :mod:`converters.output`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from converters.api import NameFrom
    from converters.options import ReadOptions, WriteOptions

#: Milliseconds watchfiles waits for more changes before yielding a batch.
DEBOUNCE_MS = 30


def watch_files(
    files: Collection[Path],
    rebuild: Callable[[set[Path]], None],
    *,
    roots: Sequence[Path] = (),
    ignore: Sequence[Path] = (),
    stop_event: threading.Event | None = None,
    debounce_ms: int = DEBOUNCE_MS,
) -> None:
    """Call ``rebuild(changed)`` after each save of one of ``files`` or, recursively, of
    any file under one of ``roots`` outside ``ignore`` (an output folder), until
    ``stop_event`` is set. ``changed`` holds resolved paths; hidden files
    (``.name``, e.g. editors' swap files and atomic writes' ``.part`` files) are skipped.

    Raises:
        KeyboardInterrupt: Ctrl-C.
    """
    import watchfiles

    wanted = {f.resolve() for f in files}
    tops = [r.resolve() for r in roots]
    skip = [i.resolve() for i in ignore]
    folders = sorted({f.parent for f in wanted} | set(tops), key=str)

    def relevant(path: Path) -> bool:
        if path.name.startswith(".") or any(path.is_relative_to(i) for i in skip):
            return False
        return path in wanted or any(path.is_relative_to(t) for t in tops)

    for batch in watchfiles.watch(
        *folders,
        debounce=debounce_ms,
        step=10,
        stop_event=stop_event,
        recursive=bool(tops),
        raise_interrupt=True,
        watch_filter=None,
    ):
        changed = {Path(name).resolve() for _, name in batch}
        changed = {p for p in changed if relevant(p)}
        if changed:
            rebuild(changed)


def watch_convert(
    sources: Sequence[Path],
    formats: Sequence[str],
    output_dir: Path,
    read_options: ReadOptions,
    write_options: WriteOptions,
    name_from: NameFrom,
    *,
    echo: Callable[[str], None],
    on_error: Callable[[Path, Exception], None],
    workers: int | None = None,
    stop_event: threading.Event | None = None,
) -> None:
    """``convert --watch``: after each save, convert again the sources that changed (all
    of them when the stylesheet changed, or when names depend on more than one
    source: ``--name-from title``, or two sources with one stem) and ``echo`` one
    line, ``rebuilt N files from NAMES in S s``; a source that fails goes to
    ``on_error`` and the watch goes on. PDFs are typeset by worker processes
    started once, WeasyPrint and fonts loaded, kept for the whole watch; each
    format is written as soon as it is ready (the HTML does not wait for the PDF).

    Raises:
        KeyboardInterrupt: Ctrl-C (the workers are stopped first).
    """
    import time

    from converters.parallel import PROCESS_FORMATS, convert_files, prepare_worker
    from converters.pool import cpu_count, local_pool, stop_workers
    from converters.styles import resolve_style

    style = resolve_style(write_options.style).path.resolve()
    stems = [s.stem.lower() for s in sources]
    together = name_from == "title" or len(set(stems)) < len(stems)
    remote = tuple(f for f in formats if f in PROCESS_FORMATS)
    allowed = workers or cpu_count()
    count = max(1, min(allowed, len(sources) * len(remote)))
    pool = local_pool(count, prepare_worker, (remote, write_options)) if remote and allowed > 1 else None
    if pool is not None:
        pool.submit(int)  # start the workers now

    def rebuild(changed: set[Path]) -> None:
        start = time.perf_counter()
        every = together or style in changed
        todo = [s for s in sources if every or s.resolve() in changed]
        files = 0
        for source, outcome in convert_files(
            todo,
            formats,
            output_dir,
            read_options,
            write_options,
            name_from,
            executor=pool,
            workers=workers,
            eager=True,
        ):
            if isinstance(outcome, Exception):
                on_error(source, outcome)
            else:
                files += len(outcome)
        names = ", ".join(s.name for s in todo)
        echo(f"rebuilt {files} files from {names} in {time.perf_counter() - start:.2f} s")

    try:
        watch_files([*sources, style], rebuild, ignore=[output_dir], stop_event=stop_event)
    except BaseException:
        if pool is not None:
            stop_workers(pool)
            pool = None
        raise
    finally:
        if pool is not None:
            pool.shutdown()


__all__ = ["DEBOUNCE_MS", "watch_convert", "watch_files"]
