"""Benchmark plainpress against its peers on one article, side by side in one run.

Usage (from the repository root, with the project installed in .venv)::

    .venv/bin/python benchmarks/peers.py                 # the sample article, best of 7 rounds
    .venv/bin/python benchmarks/peers.py --rounds 15 article.txt

Each round runs every command once as a fresh process, in turn, so a busy
machine slows all of them alike; the report gives, per command, the best
wall time and its CPU time (user + system, children included), and each
plainpress command's ratio to its peer's best:

- ``plainpress convert -t html`` against pandoc's standalone HTML
  (``pandoc -f markdown -t html5 -s``) of the same text;
- ``plainpress inspect --json`` against that same pandoc run;
- ``plainpress convert`` (html, epub, pdf, md) against Calibre's
  ``ebook-convert`` to EPUB plus to PDF (skipped, with a note, when
  ``ebook-convert`` is not installed);
- ``plainpress convert --watch`` (html and pdf): the time from saving a
  change to a copy of the article until the new HTML, and the new PDF, are
  in place (best of ``--rounds`` saves).

One untimed round first fills plainpress's cache (the unpacked language
model and compiled templates, see the README's "Speed") and the page cache.
The exit code is 1 when a ratio exceeds its limit (``--check``).
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_8f149b7cd9f3a7e5.txt"
#: The issue's targets: plainpress's time over its peer's, at most.
LIMITS = {"convert -t html": 5.0, "inspect --json": 4.0, "convert (4 formats)": 0.5}


def pandoc_path() -> str:
    """pandoc as pypandoc finds it (pypandoc-binary ships one)."""
    import pypandoc

    return str(pypandoc.get_pandoc_path())


def run_once(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``argv`` (output discarded; must succeed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, cwd=cwd)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def commands(source: Path, out: Path, plainpress: list[str]) -> dict[str, list[list[str]]]:
    """Each benchmarked command, as the list of processes it runs one after another."""
    pandoc = pandoc_path()
    cmds = {
        "convert -t html": [[*plainpress, "convert", "-t", "html", "-o", str(out / "pp"), str(source)]],
        "inspect --json": [[*plainpress, "inspect", "--json", str(source)]],
        "pandoc -s html": [
            [pandoc, "-f", "markdown", "-t", "html5", "-s", "-o", str(out / "p.html"), str(source)]
        ],
        "convert (4 formats)": [[*plainpress, "convert", "-o", str(out / "pp4"), str(source)]],
    }
    calibre = shutil.which("ebook-convert")
    if calibre:
        cmds["calibre epub + pdf"] = [
            [calibre, str(source), str(out / "c.epub")],
            [calibre, str(source), str(out / "c.pdf")],
        ]
    return cmds


def watch_latency(source: Path, out: Path, plainpress: list[str], rounds: int) -> tuple[float, float]:
    """Best seconds from a save to the new HTML, and to the new PDF, under ``convert --watch``."""
    work = out / "watch"
    work.mkdir()
    copy = work / source.name
    text = source.read_text(encoding="utf-8")
    copy.write_text(text, encoding="utf-8")
    html, pdf = out / "wdist" / f"{copy.stem}.html", out / "wdist" / f"{copy.stem}.pdf"
    argv = [*plainpress, "convert", "--watch", "-t", "html,pdf", "-o", str(out / "wdist"), str(copy)]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    best_html = best_pdf = float("inf")
    try:
        assert proc.stdout is not None
        for _ in range(2):  # the first conversion's two lines
            proc.stdout.readline()
        for n in range(rounds):
            time.sleep(0.3)  # settle, so each save is its own rebuild
            marker = f"Edit number {n} of the watch benchmark."
            pdf_before = pdf.stat().st_mtime_ns
            start = time.perf_counter()
            copy.write_text(text + f"\n\n{marker}\n", encoding="utf-8")
            html_at = pdf_at = None
            while html_at is None or pdf_at is None:
                now = time.perf_counter()
                if html_at is None and marker in html.read_text(encoding="utf-8"):
                    html_at = now
                if pdf_at is None and pdf.stat().st_mtime_ns != pdf_before:
                    pdf_at = now
                if now - start > 30:
                    raise TimeoutError("no rebuild within 30 s")
                time.sleep(0.002)
            proc.stdout.readline()  # the rebuild's line
            best_html, best_pdf = min(best_html, html_at - start), min(best_pdf, pdf_at - start)
    finally:
        proc.terminate()
        proc.wait(10)
    return best_html, best_pdf


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=SEED, help="article (default: the sample)")
    parser.add_argument("--rounds", type=int, default=7, help="timed rounds (best is reported)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a ratio exceeds its limit")
    args = parser.parse_args()
    plainpress = [str(Path(sys.executable).parent / "plainpress")]
    source = args.source.resolve()
    best: dict[str, tuple[float, float]] = {}
    with tempfile.TemporaryDirectory(prefix="plainpress-peers-") as tmp:
        out = Path(tmp)
        cmds = commands(source, out, plainpress)
        for round_ in range(args.rounds + 1):  # round 0 fills the caches, untimed
            for name, steps in cmds.items():
                wall = cpu = 0.0
                for argv in steps:
                    w, c = run_once(argv, out)
                    wall, cpu = wall + w, cpu + c
                if round_ and (name not in best or wall < best[name][0]):
                    best[name] = (wall, cpu)
        latency = watch_latency(source, out, plainpress, args.rounds)
    cpus, load = os.cpu_count(), os.getloadavg()[0]
    print(f"{source.name}, best of {args.rounds} rounds, {cpus} CPUs, load {load:.1f}")
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("  note: PYTHONDONTWRITEBYTECODE is set, so modules without a .pyc are compiled on every run")
    for name, (wall, cpu) in best.items():
        print(f"  {name:<22} wall {wall * 1000:7.0f} ms   cpu {cpu * 1000:7.0f} ms")
    print(
        f"  convert --watch: save to new HTML {latency[0] * 1000:.0f} ms, to new PDF {latency[1] * 1000:.0f} ms"
    )
    peers = {
        "convert -t html": "pandoc -s html",
        "inspect --json": "pandoc -s html",
        "convert (4 formats)": "calibre epub + pdf",
    }
    failed = False
    for name, peer in peers.items():
        if peer not in best:
            print(f"  {name} / {peer}: skipped (Calibre's ebook-convert not found)")
            continue
        ratio, cpu_ratio = best[name][0] / best[peer][0], best[name][1] / best[peer][1]
        over = ratio > LIMITS[name]
        failed |= over
        mark = "  OVER" if over else ""
        print(f"  {name} / {peer}: {ratio:.2f} x wall, {cpu_ratio:.2f} x cpu (limit {LIMITS[name]}){mark}")
    return 1 if failed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
