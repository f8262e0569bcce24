"""How long the app takes to answer a search or a filter on a large store: the server's time, no network.

    python bench/bigstore.py /tmp/big.duckdb --mentions 1000000    # once: a synthetic store of a million mentions
    python bench/search.py /tmp/big.duckdb                           # times 20 queries, writes docs/benchmarks.md

Each query is what ``/api/events`` does for a page of the table: the first 50 merged events
the filters select, by date, and their count. The 20 queries are searches for words of
several frequencies (the store's own words, chosen by rank in its index), two-word searches,
and searches and filters together (an actor, a dyad, a date range, an event type). Each is
run three times; its time is the median, and the figure the median over the queries.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.report import machine, table, write_section  # noqa: E402
from tinkuy import analysis  # noqa: E402
from tinkuy.analysis import Filters  # noqa: E402

RANKS = (1, 10, 100, 300, 1_000)
"""Ranks, by how many mentions hold them, of the words searched for alone."""


def words_by_rank(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The index's words of at least four letters, the most frequent first."""
    rows = con.execute(
        "SELECT term FROM search_terms WHERE length(term) >= 4 AND NOT regexp_matches(term, '[0-9]') "
        "GROUP BY term ORDER BY count(*) DESC, term"
    ).fetchall()
    return [str(term) for (term,) in rows]


def queries(words: list[str]) -> list[tuple[str, Filters]]:
    """Twenty queries: single words by rank, pairs of words, and words with other filters."""
    alone = [(f"word of rank {r}", Filters(modality=None, text=words[r - 1])) for r in RANKS if r <= len(words)]
    pairs = [
        (f"words of ranks {a} and {b}", Filters(modality=None, text=f"{words[a - 1]} {words[b - 1]}"))
        for a, b in ((1, 10), (10, 100), (100, 1_000), (1, 1_000), (3, 30))
    ]
    common, middle = words[9], words[99]
    mixed = [
        ("a word and an actor", Filters(text=common, actor="USA")),
        ("a word and a dyad", Filters(text=middle, dyad=("USA", "CHN"))),
        ("a word and a year", Filters(text=common, start=dt.date(2015, 1, 1), end=dt.date(2015, 12, 31))),
        ("a word and an event type", Filters(text=middle, cameo="04")),
        ("an actor alone", Filters(actor="ECU")),
        ("a dyad alone", Filters(dyad=("USA", "RUS"))),
        ("an event type and a month", Filters(cameo="19", start=dt.date(2020, 3, 1), end=dt.date(2020, 3, 31))),
        ("a rare word and an actor", Filters(text=words[999], actor="USA")),
        ("two words and a source", Filters(text=f"{common} {middle}", source="USA")),
        ("a word, hedged only", Filters(text=common, hedged=True)),
    ]
    return (alone + pairs + mixed)[:20]


def answer(con: duckdb.DuckDBPyConnection, filters: Filters) -> tuple[float, int]:
    """Seconds to select a page of 50 events and count them all, and the count."""
    start = time.perf_counter()
    analysis.events(con, filters, "date", 50, 0)
    total = analysis.count_events(con, filters)
    return time.perf_counter() - start, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path, help="a deduplicated store (bench/bigstore.py makes one)")
    parser.add_argument("--no-write", action="store_true", help="print the figures only")
    options = parser.parse_args()
    con = duckdb.connect(str(options.db), read_only=True)
    mentions = con.execute("SELECT count(*) FROM mentions").fetchone()[0]  # type: ignore[index]
    rows, times = [], []
    for label, filters in queries(words_by_rank(con)):
        runs = [answer(con, filters) for _ in range(3)]
        seconds = statistics.median(t for t, _ in runs)
        times.append(seconds)
        rows.append([label, f"`{filters.text or ''}`", f"{runs[0][1]:,}", f"{seconds * 1000:.0f} ms"])
    markdown = (
        f"The answer to a page of the events table (`/api/events`: the first 50 merged events by date and their count) on "
        f"a synthetic store of {mentions:,} mentions (`bench/bigstore.py`), server time, on {machine()}. "
        f"**Median over the 20 queries: {statistics.median(times) * 1000:.0f} ms**, slowest {max(times) * 1000:.0f} ms.\n\n"
        + table(["query", "words", "events", "time"], rows)
    )
    print(markdown)
    if not options.no_write:
        write_section("search", f"## Search and filters at scale (`python bench/search.py STORE`)\n\n{markdown}")


if __name__ == "__main__":
    main()
