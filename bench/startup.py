"""How long ``tinkuy --help`` takes to answer, against the interpreter alone and the whole library.

    python bench/startup.py               # 20 runs of each; writes docs/benchmarks.md
    python bench/startup.py --runs 5 --no-write

Each command runs in a fresh process, timed from its start to its end (wall
time): the interpreter alone (``python -c pass``); ``import tinkuy``;
``tinkuy --help`` as installed (the console script); and, for comparison,
importing ``tinkuy.api``, which loads spaCy, DuckDB and pyarrow as the
commands that code or read a store do. The target is ``tinkuy --help`` under
0.3 s; the median is the figure, as other work on the machine stretches some runs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import machine, table, write_section  # noqa: E402

PYTHON = sys.executable
COMMANDS = {
    "`python -c pass`": [PYTHON, "-c", "pass"],
    "`import tinkuy`": [PYTHON, "-c", "import tinkuy"],
    "`tinkuy --help`": [str(Path(PYTHON).with_name("tinkuy")), "--help"],
    "`import tinkuy.api` (the library)": [PYTHON, "-c", "import tinkuy.api"],
}


def timed(command: list[str], runs: int) -> list[float]:
    """Wall seconds of ``runs`` fresh runs of ``command`` (after one run that warms the file cache)."""
    subprocess.run(command, check=True, capture_output=True)
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        seconds.append(time.perf_counter() - started)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-write", action="store_true", help="print the figures without writing docs/benchmarks.md")
    options = parser.parse_args()
    rows = []
    for name, command in COMMANDS.items():
        seconds = timed(command, options.runs)
        rows.append([name, f"{statistics.median(seconds):.3f} s", f"{min(seconds):.3f} s", f"{max(seconds):.3f} s"])
        print(name, rows[-1][1:], file=sys.stderr)
    markdown = "\n\n".join(
        [
            "## Start-up (`python bench/startup.py`)",
            f"{options.runs} runs of each command in a fresh process, wall time from start to end, on {machine()}. "
            "`import tinkuy` and `tinkuy --help` load neither spaCy nor DuckDB nor pyarrow "
            "(`tests/test_lazy_imports.py`); the commands that code or read a store load the library, as the last row does.",
            table(["command", "median", "fastest", "slowest"], rows),
        ]
    )
    if options.no_write:
        print(markdown)
    else:
        write_section("startup", markdown)


if __name__ == "__main__":
    main()
