"""The ``watch`` command: follow feeds into a store, round after round, or list how the feeds are doing."""

from __future__ import annotations

import argparse
import re
import sys

from .. import api
from ..errors import UsageError
from ..watch.feeds import read_feed_list
from ..watch.fetch import Politeness
from ..watch.rounds import RoundReport, follow
from ..watch.state import FeedStatus, watch_status
from .coding import _limits, _near, coding_options
from .common import EXIT_OK, Handler, positive, wanted

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def duration(text: str) -> float:
    """An argparse type: seconds from ``90s``, ``15m``, ``2h``, ``1d`` (or a bare number of seconds)."""
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([smhd]?)", text.strip())
    if not match or float(match[1]) <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a duration such as 90s, 15m, 2h or 1d")
    return float(match[1]) * _UNITS[match[2] or "s"]


def watch_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "feeds", nargs="?", help="a file of RSS/Atom feed and sitemap URLs, one a line, each optionally followed by the outlet"
    )
    sub.add_argument("--db", required=True, help="the DuckDB database file")
    sub.add_argument(
        "--every", type=duration, default=duration("15m"), metavar="TIME", help="start a round this often (default 15m)"
    )
    sub.add_argument("--once", action="store_true", help="do one round and exit (for cron and schedulers)")
    sub.add_argument(
        "--status", action="store_true", help="list the feeds the store follows, their last success, errors and counts"
    )
    sub.add_argument("--commit-every", type=int, default=64, metavar="N", help="articles per transaction (default 64)")
    polite = sub.add_argument_group("fetching")
    defaults = Politeness()
    polite.add_argument(
        "--allow-private",
        action="store_true",
        help="fetch from private, loopback and link-local addresses too (refused by default)",
    )
    polite.add_argument(
        "--delay",
        type=float,
        default=defaults.delay,
        metavar="S",
        help=f"seconds between requests to one host (default {defaults.delay:g})",
    )
    polite.add_argument(
        "--workers",
        type=positive(int),
        default=defaults.workers,
        metavar="N",
        help=f"requests in flight (default {defaults.workers})",
    )
    polite.add_argument(
        "--timeout",
        type=positive(float),
        default=defaults.timeout,
        metavar="S",
        help=f"seconds to connect or to wait for data (default {defaults.timeout:g})",
    )
    coding_options(sub)


def run_watch(options: argparse.Namespace) -> int:
    if options.status:
        print_status(watch_status(options.db))
        return EXIT_OK
    if not options.feeds:
        raise UsageError("name the feed list: tinkuy watch FEEDS --db FILE")
    feeds = read_feed_list(options.feeds)
    limits = _limits(options)
    politeness = Politeness(
        delay=options.delay,
        workers=int(options.workers),
        timeout=options.timeout,
        max_bytes=limits.max_bytes,
        allow_private=options.allow_private,
    )
    pipeline = api.make_pipeline(options.actors, options.date, limits)
    settings = (options.commit_every, options.processes)
    reported = _print_round if wanted(options.summary or options.progress) else None
    rounds = 1 if options.once else None
    try:
        follow(feeds, options.db, pipeline, politeness, options.every, rounds, _near(options), settings, reported)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    return EXIT_OK


def _print_round(report: RoundReport) -> None:
    """One line on stderr per round (when stderr is a terminal, or with ``--summary`` or ``--progress``)."""
    pages = ", ".join(f"{count} {what}" for what, count in sorted(report.pages.items())) or "no new page"
    failures = ", ".join(f"{count} {reason}" for reason, count in report.failures.most_common())
    summary = report.summary
    print(
        f"feeds: {report.feeds_read} read ({report.feeds_unchanged} unchanged), {report.feeds_failed} failed;"
        f" pages: {pages}; articles coded: {summary.articles}, events: {summary.events}, rejected: {summary.rejected}"
        + (f"; failures: {failures}" if failures else ""),
        file=sys.stderr,
        flush=True,
    )


def print_status(feeds: list[FeedStatus]) -> None:
    """The feeds as a table on stdout."""
    print("feed\toutlet\tlast success (UTC)\tfailures\tlast error\tnext try (UTC)\tpages\tstored\tpending\tfailed")
    for f in feeds:
        error = f"{f.reason}: {f.detail}" if f.reason else ""
        cells = (
            f.feed_url,
            f.outlet or "",
            f.last_success or "never",
            f.failures,
            error,
            f.next_try or "",
            f.pages,
            f.stored,
            f.pending,
            f.failed,
        )
        print("\t".join(str(c) for c in cells))


HANDLERS = {"watch": Handler(watch_arguments, run_watch)}
