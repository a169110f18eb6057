"""``-j`` is capped at the jobs to run and at available memory, and says so (issue 10, item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from converters.workers import WORKER_MEMORY, PoolSize, pool_size
from tests.test_build import make_project, run

GIB = 2**30


@pytest.mark.parametrize(
    ("requested", "jobs", "memory", "expected"),
    [
        (1000, 40, 16 * GIB, PoolSize(40, "-j 1000: 40 workers, one per job to run")),
        (4, 40, 16 * GIB, PoolSize(4)),
        (8, 3, None, PoolSize(3, "-j 8: 3 workers, one per job to run")),
        (
            16,
            40,
            4 * WORKER_MEMORY + 1,
            PoolSize(4, "-j 16: 4 workers, as 600 MB of available memory holds 4 at about 150 MB each"),
        ),
        (
            None,
            40,
            2 * WORKER_MEMORY,
            PoolSize(2, "8 CPUs: 2 workers, as 300 MB of available memory holds 2 at about 150 MB each"),
        ),
        (None, 3, 16 * GIB, PoolSize(3)),  # fewer jobs than CPUs: nothing to say
        (
            2,
            40,
            WORKER_MEMORY // 2,
            PoolSize(1, "-j 2: 1 worker, as 75 MB of available memory holds 1 at about 150 MB each"),
        ),
    ],
)
def test_pool_size(requested: int | None, jobs: int, memory: int | None, expected: PoolSize) -> None:
    assert pool_size(requested, jobs, memory, cpus=8) == expected


def test_build_says_when_it_caps_j(tmp_path: Path) -> None:
    root = make_project(tmp_path)  # two sources and one collection: three jobs
    code, out, err = run(root, "-q", "-j", "1000")
    assert code == 0
    assert err == "plainpress: warning: -j 1000: 3 workers, one per job to run\n"
    assert out.startswith("built 5, unchanged 0, failed 0 in ")
