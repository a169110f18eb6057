"""Benchmark plainpress's start-up: ``--help`` and ``inspect`` must stay light.

Usage (from the repository root, with the project installed in .venv)::

    .venv/bin/python benchmarks/startup.py            # 10 runs each
    .venv/bin/python benchmarks/startup.py --runs 30

For each command it reports the best and median wall time over fresh
processes, and, from ``python -X importtime``, the modules that take the
most cumulative import time, so a heavy import that slips onto the start-up
path (WeasyPrint, ebooklib, pypandoc) shows by name. The floor is a bare
``python -c pass`` in the same interpreter.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_8f149b7cd9f3a7e5.txt"
HEAVY = ("weasyprint", "ebooklib", "pypandoc", "lxml", "numpy", "py3langid", "dateparser", "pycrfsuite")


def timed(argv: list[str], runs: int) -> list[float]:
    """Wall times in seconds of ``runs`` fresh runs of ``argv`` (output discarded)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return times


def heaviest_imports(code: str, top: int = 5) -> list[tuple[str, float]]:
    """The ``top`` top-level imports by cumulative time (milliseconds) for ``code``."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, check=True
    )
    rows = []
    for line in proc.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)", line)
        if match and len(match.group(2)) <= 1:  # top-level imports only
            rows.append((match.group(3), int(match.group(1)) / 1000))
    return sorted(rows, key=lambda r: -r[1])[:top]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="fresh processes per command")
    args = parser.parse_args()
    exe = str(Path(sys.executable).parent / "plainpress")
    commands = {
        "python -c pass (floor)": [sys.executable, "-c", "pass"],
        "plainpress --help": [exe, "--help"],
        "plainpress inspect --json SEED": [exe, "inspect", "--json", str(SEED)],
    }
    for name, argv in commands.items():
        times = timed(argv, args.runs)
        print(
            f"{name:<34} best {min(times) * 1000:7.1f} ms   median {statistics.median(times) * 1000:7.1f} ms"
        )
    code = "from converters.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
    print("\nheaviest imports of `plainpress --help` (cumulative ms):")
    for module, ms in heaviest_imports(code):
        flag = "  <- heavy library on the start-up path" if module.split(".")[0] in HEAVY else ""
        print(f"  {module:<28} {ms:7.1f}{flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
