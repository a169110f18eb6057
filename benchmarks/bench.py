"""Benchmark ``plainpress build`` and ``plainpress collection`` against the engines' floor.

Usage (from the repository root, with the project installed in .venv)::

    .venv/bin/python benchmarks/bench.py              # 200 articles, -j 1 and -j 2
    .venv/bin/python benchmarks/bench.py -n 50 --jobs 2
    .venv/bin/python benchmarks/bench.py --repeat 3   # best of 3, on a busy machine

Steps, each timed in wall-clock seconds as fresh processes:

1. write N synthetic articles (:mod:`synth`, about 7 KB each, in the sample
   article's shape) and a ``plainpress.toml`` building all four formats and
   one collection of all N;
2. for each ``-j``: the floor, that is ``j`` fresh worker processes
   (:mod:`floor_worker`) each rendering its share of the build's HTML files
   to PDF with WeasyPrint and to Markdown with pandoc; then a full
   ``plainpress build -j j`` from an empty output folder (all four formats,
   the collection, the manifest and the index);
3. a no-op ``plainpress build`` (nothing changed);
4. ``plainpress collection`` of all N articles.

It prints one line per step with articles per second and the checks the
project keeps: build within 1.3 x the floor, no-op under a quarter of a
full build, collection under 5 s. The exit code is 1 when a check fails.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import generate  # noqa: E402

BIN = Path(sys.executable).parent
PLAINPRESS = str(BIN / "plainpress")

CONFIG = """\
sources = ["articles/*.txt"]
formats = ["html", "epub", "pdf", "md"]
output = "dist"

[[collections]]
title = "Benchmark"
sources = ["articles/*.txt"]
output = "benchmark.epub"
"""


@dataclass
class Timing:
    name: str
    seconds: float
    articles: int
    cpu: float

    def line(self) -> str:
        rate = self.articles / self.seconds if self.seconds else float("inf")
        return f"{self.name:<38} {self.seconds:8.2f} s {rate:7.1f} articles/s  (CPU {self.cpu:7.2f} s)"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system, the process and its workers) of one command."""
    cpu = _children_cpu()
    started = time.perf_counter()
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(args)}\n{proc.stdout}{proc.stderr}")
    return seconds, _children_cpu() - cpu


def floor(html_files: list[Path], jobs: int, out: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of ``jobs`` fresh processes rendering ``html_files`` round-robin."""
    shares = [html_files[i::jobs] for i in range(jobs)]
    cpu = _children_cpu()
    started = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, str(HERE / "floor_worker.py"), str(out / f"w{i}"), *map(str, share)],
            stdout=subprocess.DEVNULL,
        )
        for i, share in enumerate(shares)
        if share
    ]
    codes = [p.wait() for p in procs]
    seconds = time.perf_counter() - started
    if any(codes):
        sys.exit(f"floor worker failed: {codes}")
    return seconds, _children_cpu() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--articles", type=int, default=200, help="number of articles (default 200)")
    parser.add_argument("--jobs", default="1,2", help="comma-separated -j values (default 1,2)")
    parser.add_argument(
        "--keep", type=Path, help="work in this folder and keep it (default: a temporary one)"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run the floor and each build this many times, alternating, and keep the fastest (default 1)",
    )
    args = parser.parse_args()
    jobs = [int(j) for j in args.jobs.split(",")]
    n = args.articles

    work = args.keep or Path(tempfile.mkdtemp(prefix="plainpress-bench-"))
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    try:
        paths = generate(work / "articles", n)
        size = sum(p.stat().st_size for p in paths) / n
        (work / "plainpress.toml").write_text(CONFIG, encoding="utf-8")
        load = os.getloadavg()[0]
        print(
            f"{n} articles, {size / 1024:.1f} KB each on average, {os.cpu_count()} CPUs, load {load:.1f}, in {work}"
        )

        # The floor renders the build's own HTML pages: make them once.
        timed([PLAINPRESS, "convert", "-t", "html", "-o", "html", *map(str, paths)], work)
        html_files = sorted((work / "html").glob("*.html"))

        timings: list[Timing] = []
        ratios: dict[int, float] = {}

        def record(name: str, seconds: float, cpu: float) -> None:
            timings.append(Timing(name, seconds, n, cpu))
            print(timings[-1].line(), flush=True)

        for j in jobs:
            engines, fulls = [], []
            for _ in range(max(1, args.repeat)):
                engines.append(floor(html_files, j, work / "floor"))
                shutil.rmtree(work / "floor", ignore_errors=True)
                shutil.rmtree(work / "dist", ignore_errors=True)
                fulls.append(timed([PLAINPRESS, "build", "-q", "-j", str(j)], work))
            engine, engine_cpu = min(engines)
            full, full_cpu = min(fulls)
            record(f"floor: WeasyPrint + pandoc, {j} proc", engine, engine_cpu)
            record(f"plainpress build -j {j} (4 formats)", full, full_cpu)
            ratios[j] = full / engine
        noop, noop_cpu = timed([PLAINPRESS, "build", "-q"], work)
        record("plainpress build, nothing changed", noop, noop_cpu)
        collection, collection_cpu = timed(
            [PLAINPRESS, "collection", *map(str, paths), "-o", "collection.epub", "--title", "Benchmark"],
            work,
        )
        record(f"plainpress collection ({n} articles)", collection, collection_cpu)

        last_full = next(t.seconds for t in reversed(timings) if t.name.startswith("plainpress build -j"))
        checks = [(f"build -j {j} / floor -j {j} = {r:.2f} (<= 1.30)", r <= 1.3) for j, r in ratios.items()]
        checks.append((f"no-op / full build = {noop / last_full:.3f} (< 0.25)", noop / last_full < 0.25))
        checks.append((f"collection = {collection:.2f} s (< 5 s)", collection < 5.0))
        print(
            f"load average at the end: {os.getloadavg()[0]:.1f} (other work on the machine inflates wall times)"
        )
        for text, ok in checks:
            print(f"{'ok  ' if ok else 'FAIL'} {text}")
        return 0 if all(ok for _, ok in checks) else 1
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
