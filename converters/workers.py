"""How many worker processes a build may start.

A worker renders one source in every format; the PDF engine and pandoc make
it about :data:`WORKER_MEMORY` bytes at its peak (README, "Speed"). More
workers than jobs only cost start-up time, and more than memory holds make the
machine swap or the kernel kill workers, so the pool is capped at both.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

#: Peak resident memory of one worker, in bytes (about 150 MB measured on the seeds).
WORKER_MEMORY = 150 * 1024 * 1024


@dataclass(frozen=True)
class PoolSize:
    """The number of workers to start, and why it is less than asked, if it is.

    Attributes:
        workers: at least 1.
        note: one line for the user when a cap lowered the number asked for
            (``"-j 1000: 40 workers, one per job to run"``), else ``None``.
    """

    workers: int
    note: str | None = None


def available_memory() -> int | None:
    """Bytes of memory available to new processes (``MemAvailable`` of
    ``/proc/meminfo`` on Linux, else free physical pages), or ``None`` when unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024  # the value is in KiB
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None


def pool_size(requested: int | None, jobs: int, memory: int | None, cpus: int | None = None) -> PoolSize:
    """The workers for ``jobs`` jobs: ``requested`` (``-j``; ``None``: ``cpus``,
    default :func:`os.cpu_count`), capped at ``jobs`` and at ``memory`` (bytes
    available, ``None``: unknown) divided by :data:`WORKER_MEMORY`, and at least 1.

    The note says which cap applied when an explicit ``requested`` is lowered,
    or when memory lowers the default.

    >>> pool_size(1000, 40, 16 * 2**30)
    PoolSize(workers=40, note='-j 1000: 40 workers, one per job to run')
    """
    wanted = requested if requested is not None else (cpus or os.cpu_count() or 1)
    by_memory = max(1, memory // WORKER_MEMORY) if memory is not None else wanted
    workers = max(1, min(wanted, jobs, by_memory))
    if workers == wanted:
        return PoolSize(workers)
    asked = f"-j {requested}" if requested is not None else f"{wanted} CPUs"
    if by_memory < min(wanted, jobs):
        mb = WORKER_MEMORY // 2**20
        return PoolSize(
            workers,
            f"{asked}: {workers} worker{'s' if workers > 1 else ''}, as {memory // 2**20 if memory else 0} MB "
            f"of available memory holds {workers} at about {mb} MB each",
        )
    if requested is None:
        return PoolSize(workers)  # fewer jobs than CPUs: nothing worth saying
    return PoolSize(workers, f"{asked}: {workers} worker{'s' if workers > 1 else ''}, one per job to run")


__all__ = ["WORKER_MEMORY", "PoolSize", "available_memory", "pool_size"]
