"""A watch round against ``tinkuy ingest`` on the same pages, and the watcher's memory over many rounds.

    python bench/watch.py                                   # 50 feeds, 2,000 pages, 100 rounds; writes docs/benchmarks.md
    python bench/watch.py --pages 200 --rounds 10 --no-write   # a quick look

In one process, with one pipeline, each side first run untimed on ``WARM_UP`` pages (the model and
every lazy import loaded before either is timed):

- ``ingest``: the pages saved as ``.html`` files, coded into a new store;
- ``watch``: the same pages served by the local site of ``tests/watch_site.py``,
  listed by ``--feeds`` RSS feeds, read, fetched, coded into another new store
  in one round. The site is one host, so the per-host delay is set to 0: the
  round measures the watcher's own cost over ingest's (reading feeds, fetching,
  keeping state), not the politeness a real site gets;
- memory: ``--rounds`` further rounds into a third store over the same feeds,
  each finding ``--new`` new pages among the old ones; the resident memory of
  this process after each round.

The pages are ``bench.corpus`` articles inside a news site's page (``html_page``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import generate, html_page  # noqa: E402
from bench.report import machine, table, write_section  # noqa: E402
from tests.watch_site import Response, Site, serving  # noqa: E402
from tinkuy import api  # noqa: E402
from tinkuy.watch.feeds import Feed  # noqa: E402
from tinkuy.watch.fetch import Politeness  # noqa: E402
from tinkuy.watch.rounds import watch_round  # noqa: E402

LOCAL = Politeness(delay=0.0, allow_private=True)
WARM_UP = 20
"""Pages each side codes first, untimed, into a store of its own: the model and every lazy import loaded."""


def feed(base: str, slugs: list[str]) -> Response:
    items = "".join(f"<item><title>{s}</title><link>{base}/news/{s}.html</link><guid>{s}</guid></item>" for s in slugs)
    return Response(f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode())


def publish(site: Site, base: str, pages: dict[str, str], feeds: int, served_before: Sequence[str] = ()) -> list[Feed]:
    """Serve the pages, listed round-robin by ``feeds`` feeds with the pages ``served_before``; the feeds."""
    slugs = sorted([*served_before, *pages])
    for slug, html in pages.items():
        site.responses[f"/news/{slug}.html"] = Response(html.encode(), headers={"Content-Type": "text/html; charset=utf-8"})
    for number in range(feeds):
        site.responses[f"/feed-{number}.rss"] = feed(base, slugs[number::feeds])
    return [Feed(f"{base}/feed-{n}.rss") for n in range(feeds)]


def compare(pages: dict[str, str], feeds: int, folder: Path) -> tuple[float, float, int]:
    """Seconds for ingest and for a watch round on the same pages, and the articles each stored."""
    files = folder / "pages"
    files.mkdir()
    for slug, html in pages.items():
        (files / f"{slug}.html").write_text(html, encoding="utf-8")
    pipeline = api.make_pipeline()
    warm = folder / "warm"
    warm.mkdir()
    for slug in sorted(pages)[:WARM_UP]:
        (warm / f"{slug}.html").write_text(pages[slug], encoding="utf-8")
    api.ingest([warm], folder / "warm-ingest.duckdb", pipeline)
    with serving() as (site, base):
        watch_round(
            publish(site, base, {s: pages[s] for s in sorted(pages)[:WARM_UP]}, 2), str(folder / "warm.duckdb"), pipeline, LOCAL
        )
    started = time.perf_counter()
    ingested = api.ingest([files], folder / "ingest.duckdb", pipeline)
    ingest_seconds = time.perf_counter() - started
    with serving() as (site, base):
        listed = publish(site, base, pages, feeds)
        started = time.perf_counter()
        report = watch_round(listed, str(folder / "watch.duckdb"), pipeline, LOCAL)
        watch_seconds = time.perf_counter() - started
    if report.summary.articles != ingested.articles:
        raise SystemExit(f"the round stored {report.summary.articles} articles, ingest {ingested.articles}")
    return ingest_seconds, watch_seconds, ingested.articles


def memory(rounds: int, new: int, feeds: int, folder: Path) -> list[float]:
    """Resident megabytes of this process after each round, each round bringing ``new`` pages.

    The site serves only the round's new pages, the feeds listing the older ones too: the watcher never asks
    again for a page it stored (checked), and a site holding every page it served would grow this process by
    their size, some 0.35 MB a page, and hide the watcher's own memory."""
    pipeline = api.make_pipeline()
    records = generate(rounds * new, seed=1)
    slugs: list[str] = []
    process = psutil.Process()
    resident = []
    with serving() as (site, base):
        for _ in range(rounds):
            pages = {f"m{record['id']}": html_page(record) for _, record in zip(range(new), records, strict=False)}
            site.responses.clear()
            listed = publish(site, base, pages, feeds, slugs)
            slugs += pages
            report = watch_round(listed, str(folder / "memory.duckdb"), pipeline, LOCAL)
            if sum(report.pages.values()) != len(pages) or report.failures:
                raise SystemExit(f"a round asked for other pages than its {len(pages)} new ones: {report}")
            resident.append(process.memory_info().rss / 2**20)
    return resident


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    options.add_argument("--pages", type=int, default=2000)
    options.add_argument("--feeds", type=int, default=50)
    options.add_argument("--rounds", type=int, default=100)
    options.add_argument("--new", type=int, default=5, help="new pages per round in the memory run")
    options.add_argument("--no-write", action="store_true", help="print the figures, leave docs/benchmarks.md alone")
    args = options.parse_args()
    pages = {f"p{r['id']}": html_page(r) for r in generate(args.pages)}
    with tempfile.TemporaryDirectory() as scratch:
        ingest_s, watch_s, articles = compare(pages, args.feeds, Path(scratch))
        resident = memory(args.rounds, args.new, min(args.feeds, 10), Path(scratch))
    tenth = max(len(resident) // 10, 1)
    tenths = [statistics.mean(resident[start : start + tenth]) for start in range(0, len(resident) - tenth + 1, tenth)]
    rows = [
        ["`tinkuy ingest` of the pages saved as files", f"{ingest_s:.1f} s", f"{args.pages / ingest_s:.1f}", "1.00"],
        [
            f"a watch round over {args.feeds} feeds",
            f"{watch_s:.1f} s",
            f"{args.pages / watch_s:.1f}",
            f"**{ingest_s / watch_s:.2f}**",
        ],
    ]
    text = (
        "## Watching feeds (`python bench/watch.py`)\n\n"
        f"{args.pages:,} pages ({articles:,} articles stored; `bench.corpus` articles in `html_page`s of about 150 KB) "
        f"on {machine()}, in one process with one pipeline, each side warmed up first on 20 pages. The watch round reads {args.feeds} "
        "RSS feeds from the local site of `tests/watch_site.py`, fetches the pages, codes and stores them and merges "
        "the mentions; `ingest` does the same from the pages saved as files. The site is one host, so the per-host "
        "delay is 0: the difference is the watcher's own cost.\n\n"
        + table(["run", "time", "pages/s", "throughput against ingest"], rows)
        + f"\n\nMemory: {args.rounds} rounds into one store over {min(args.feeds, 10)} feeds, each round finding "
        f"{args.new} new pages among those listed before ({args.rounds * args.new:,} pages in all; the site serves only "
        f"the new ones): resident memory of the process {tenths[0]:.0f} MB on average over the first tenth of the rounds, "
        f"{tenths[-1]:.0f} MB over the last tenth (lowest {min(resident):.0f} MB, highest {max(resident):.0f} MB); "
        f"by tenth of the rounds, {', '.join(f'{m:.0f}' for m in tenths)} MB.\n"
    )
    print(text)
    if not args.no_write:
        write_section("watch", text)


if __name__ == "__main__":
    main()
