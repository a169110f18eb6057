"""Benchmark ``plainpress build`` on a local two-worker Dask cluster against the local pool.

Usage (from the repository root, with the project and its dask extra installed in .venv)::

    .venv/bin/python benchmarks/cluster.py              # 200 articles, -j 2 against --scheduler local -j 2
    .venv/bin/python benchmarks/cluster.py -n 50 --repeat 3

Each build is a fresh ``plainpress build -q`` from an empty output folder
(all four formats, one collection of all N articles, the manifest and the
index), timed in wall-clock seconds, alternating the two engines and keeping
the fastest of ``--repeat`` runs of each:

- ``-j 2``: today's local process pool of two workers, forked from a warm parent;
- ``--scheduler local -j 2``: a ``distributed.LocalCluster`` of two one-thread
  worker processes, started by the build (its start-up is counted), the jobs
  carrying their sources' bytes and the parent writing every output.

Both builds run with the same ``SOURCE_DATE_EPOCH`` and their outputs are
compared byte for byte. It prints the times, the ratio and the check the
issue sets (cluster within 1.2 x the pool); the exit code is 1 when the
outputs differ or the check fails.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import CONFIG, PLAINPRESS, timed  # noqa: E402
from synth import generate  # noqa: E402


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by relative path, with its SHA-256."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--articles", type=int, default=200, help="number of articles (default 200)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each build; the fastest is kept")
    args = parser.parse_args()
    n = args.articles
    os.environ["SOURCE_DATE_EPOCH"] = "1000000000"
    work = Path(tempfile.mkdtemp(prefix="plainpress-cluster-bench-"))
    try:
        generate(work / "articles", n)
        (work / "plainpress.toml").write_text(CONFIG, encoding="utf-8")
        print(f"{n} articles, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}, in {work}", flush=True)
        engines = {"pool": ["-j", "2"], "cluster": ["--scheduler", "local", "-j", "2"]}
        best: dict[str, float] = {}
        trees: dict[str, dict[str, str]] = {}
        for _ in range(max(1, args.repeat)):
            for name, options in engines.items():
                shutil.rmtree(work / "dist", ignore_errors=True)
                seconds, cpu = timed([PLAINPRESS, "build", "-q", *options], work)
                best[name] = min(best.get(name, seconds), seconds)
                trees[name] = tree(work / "dist")
                print(
                    f"plainpress build {' '.join(options):<26} {seconds:8.2f} s (CPU {cpu:7.2f} s)",
                    flush=True,
                )
        ratio = best["cluster"] / best["pool"]
        same = trees["cluster"] == trees["pool"]
        print(
            f"load average at the end: {os.getloadavg()[0]:.1f} (other work on the machine inflates wall times)"
        )
        print(f"{'ok  ' if same else 'FAIL'} outputs byte-identical: {len(trees['pool'])} files")
        print(f"{'ok  ' if ratio <= 1.2 else 'FAIL'} cluster / pool = {ratio:.2f} (<= 1.20)")
        return 0 if same and ratio <= 1.2 else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
