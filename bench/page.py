"""How long the app's main page takes to be ready in Chromium, cold, on the demo store.

    python bench/page.py                        # codes the demo corpus, times the page, writes docs/benchmarks.md
    python bench/page.py --db STORE             # another store
    python bench/page.py --baseline DIR         # also the app of another checkout (DIR holds its tinkuy package), same run

Each run opens the page in a new browser context, so nothing is cached, and waits until the page's
script has drawn everything (``body[data-ready]``): the charts, the network, the timeline and the
table, with the names of their codes. The first run is also the server's first request; the
others find the server warm. Needs Debian's Chromium at /usr/bin/chromium and Playwright.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import machine, table, write_section  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
SERVE = (
    "import sys, uvicorn; from tinkuy.web.app import create_app; "
    "uvicorn.run(create_app(sys.argv[1]), host='127.0.0.1', port=int(sys.argv[2]), log_level='warning')"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def served(db: Path, package: str | None) -> Iterator[str]:
    """The app of this checkout, or of the one whose tinkuy package is in ``package``, in its own process."""
    port = free_port()
    environment = os.environ | ({"PYTHONPATH": package} if package else {})
    # started outside the checkout, so that its folder, first on the path of ``python -c``, hides no other version
    process = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(db.resolve()), str(port)], env=environment, cwd=tempfile.gettempdir()
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the app did not start")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(30)


def time_page(browser, url: str) -> tuple[float, int]:
    """Seconds from navigation to a drawn page in a fresh context, and the bytes that came over the network."""
    context = browser.new_context(viewport={"width": 1280, "height": 1400})
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector("body[data-ready]", timeout=120_000)
    if page.get_attribute("body", "data-ready") != "true":
        raise RuntimeError(f"the page failed: {page.locator('.error').all_inner_texts()}")
    ready = page.evaluate("() => performance.now()") / 1000
    transferred = page.evaluate("() => performance.getEntriesByType('resource').reduce((n, r) => n + r.transferSize, 0)")
    context.close()
    return ready, int(transferred)


def runs(browser, db: Path, package: str | None, count: int) -> list[tuple[float, int]]:
    with served(db, package) as url:
        return [time_page(browser, url) for _ in range(count)]


def demo_store(folder: Path) -> Path:
    from tinkuy import api
    from tinkuy.datafiles import data_path

    db = folder / "demo.duckdb"
    api.ingest([data_path("demo")], db)
    return db


def row(label: str, timings: list[tuple[float, int]]) -> list[object]:
    first, warm = timings[0], [t for t, _ in timings[1:]]
    return [
        label,
        f"{first[0]:.2f} s",
        f"**{statistics.median(warm):.2f} s**",
        f"{min(warm):.2f} s",
        f"{max(warm):.2f} s",
        f"{timings[1][1] / 1e6:.2f} MB",
    ]


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="a deduplicated store (default: the demo corpus, coded now)")
    parser.add_argument("--baseline", help="a folder holding another version's tinkuy package, timed in the same run")
    parser.add_argument("--runs", type=int, default=11)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        db = options.db or demo_store(Path(folder))
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        rows = [row("this version", runs(browser, db, None, options.runs))]
        if options.baseline:
            rows.append(row(f"baseline ({options.baseline})", runs(browser, db, options.baseline, options.runs)))
        browser.close()
    load = os.getloadavg()[0]
    markdown = (
        f"The main page of `tinkuy serve` on the demo store, in headless Chromium on {machine()} (one-minute load "
        f"average {load:.1f} at the end), {options.runs} runs, each in a new browser context (nothing cached): seconds "
        "from navigation until the page has drawn its charts, network, map, timeline and table with their names. The first "
        "run is the server's first request; the median and range are over the others.\n\n"
        + table(["app", "first run", "median", "fastest", "slowest", "transferred"], rows)
    )
    print(markdown)
    if not options.db:
        write_section("page", f"## The app's main page (`python bench/page.py`)\n\n{markdown}")


if __name__ == "__main__":
    main()
