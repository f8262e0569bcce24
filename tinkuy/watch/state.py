"""What the watcher keeps in the store between rounds (tables of migration ``0009_watch``).

- Reading a feed stores, in one transaction, its new validators and the pages
  it lists that are new (or whose stamp changed) as ``pending``: a round killed
  after that fetches them in the next round, and none is lost.
- A fetched page is marked ``done`` in the transaction that stores its
  article (``Store.write``'s statements), with the hash of the page as fetched
  (the article id) and of its text: a restarted watcher neither fetches it
  again nor stores it twice, and a page whose text was stored already, under
  another URL or before it changed its furniture, is not coded again.
- A feed or a page that fails keeps the reason, the count of failures in a row
  and when to try again: ``BACKOFF`` doubled at each failure, up to ``MAX_BACKOFF``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import UsageError
from ..store import Store
from .feeds import Entry, Feed
from .fetch import Fetched

BACKOFF = dt.timedelta(minutes=5)
MAX_BACKOFF = dt.timedelta(days=1)

Statement = tuple[str, Sequence[Any]]
"""SQL and its parameters, to run in the transaction of a write."""


@dataclass(frozen=True)
class Page:
    """A page to fetch: its URL, its feed's outlet, its validators and how often it failed in a row."""

    url: str
    outlet: str | None
    etag: str | None
    last_modified: str | None
    failures: int


@dataclass(frozen=True)
class FeedStatus:
    """A feed as ``tinkuy watch --status`` lists it."""

    feed_url: str
    outlet: str | None
    last_success: dt.datetime | None
    failures: int
    reason: str | None
    detail: str | None
    next_try: dt.datetime | None
    pages: int
    stored: int
    pending: int
    failed: int


def backoff(failures: int) -> dt.timedelta:
    """How long to wait after ``failures`` failures in a row."""
    return min(BACKOFF * (1 << min(failures - 1, 20)), MAX_BACKOFF)


class WatchState:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.connection = store.connection

    def follow(self, feeds: Sequence[Feed]) -> None:
        """Add the feeds not followed yet, and keep the outlet the feed list names."""
        for feed in feeds:
            self.connection.execute(
                "INSERT INTO watch_feeds (feed_url, outlet) VALUES (?, ?) ON CONFLICT (feed_url) DO UPDATE SET outlet = excluded.outlet",
                [feed.url, feed.outlet],
            )

    def due(self, feeds: Sequence[Feed], now: dt.datetime) -> list[tuple[Feed, str | None, str | None]]:
        """The feeds not waiting out a backoff, with their validators."""
        rows = self.connection.execute(
            "SELECT feed_url, etag, last_modified FROM watch_feeds WHERE next_try IS NULL OR next_try <= ?", [now]
        ).fetchall()
        known = {url: (etag, modified) for url, etag, modified in rows}
        return [(f, *known[f.url]) for f in feeds if f.url in known]

    def feed_read(self, feed: Feed, fetched: Fetched, listed: Sequence[Entry], now: dt.datetime) -> None:
        """A feed read: its validators and success, and its new or changed pages as pending, in one transaction."""
        pages = pa.table(
            {"url": [e.url for e in listed], "stamp": [e.stamp for e in listed]},
            schema=pa.schema([("url", pa.string()), ("stamp", pa.string())]),
        )
        update = (
            "UPDATE watch_feeds SET etag = ?, last_modified = ?, last_success = ?, last_attempt = ?, failures = 0,"
            " reason = NULL, detail = NULL, next_try = NULL, entries_seen = entries_seen + ? WHERE feed_url = ?",
            [fetched.etag, fetched.last_modified, now, now, len(listed), feed.url],
        )
        insert = (
            "INSERT INTO watch_pages (url, feed_url, stamp, status, first_seen) SELECT url, ?, stamp, 'pending', ? FROM listed"
            " ON CONFLICT (url) DO UPDATE SET stamp = excluded.stamp, status = 'pending', failures = 0, next_try = NULL"
            " WHERE excluded.stamp <> '' AND excluded.stamp <> watch_pages.stamp",
            [feed.url, now],
        )
        self.connection.register("listed", pages)
        try:
            self.store.write([], then=[update, insert])
        finally:
            self.connection.unregister("listed")

    def feed_failed(self, feed: Feed, reason: str, detail: str, now: dt.datetime) -> None:
        failures = self.connection.execute("SELECT failures FROM watch_feeds WHERE feed_url = ?", [feed.url]).fetchall()[0][0] + 1
        self.connection.execute(
            "UPDATE watch_feeds SET failures = ?, reason = ?, detail = ?, last_attempt = ?, next_try = ? WHERE feed_url = ?",
            [failures, reason, detail, now, now + backoff(failures), feed.url],
        )

    def pages_due(self, now: dt.datetime) -> list[Page]:
        """The pages to fetch: pending ones, and failed ones whose backoff is over; oldest first."""
        rows = self.connection.execute(
            "SELECT p.url, f.outlet, p.etag, p.last_modified, p.failures FROM watch_pages p JOIN watch_feeds f USING (feed_url)"
            " WHERE p.status = 'pending' OR (p.status = 'failed' AND p.next_try <= ?) ORDER BY p.first_seen, p.url",
            [now],
        ).fetchall()
        return [Page(*row) for row in rows]

    def text_stored(self, text_hash: str) -> bool:
        """Whether a page with this text was stored already."""
        found = self.connection.execute("SELECT 1 FROM watch_pages WHERE text_hash = ? LIMIT 1", [text_hash])
        return bool(found.fetchall())

    @staticmethod
    def page_done(
        page: Page, fetched: Fetched | None, article_id: str | None, text_hash: str | None, note: str | None, now: dt.datetime
    ) -> Statement:
        """The page fetched and its result stored (or found unchanged, or its text stored before: ``note`` says which)."""
        return (
            "UPDATE watch_pages SET status = 'done', fetched_at = ?, article_id = coalesce(?, article_id),"
            " text_hash = coalesce(?, text_hash), etag = ?, last_modified = ?, failures = 0, reason = NULL, detail = ?,"
            " next_try = NULL WHERE url = ?",
            [now, article_id, text_hash, fetched and fetched.etag, fetched and fetched.last_modified, note, page.url],
        )

    @staticmethod
    def page_failed(page: Page, reason: str, detail: str, now: dt.datetime) -> Statement:
        failures = page.failures + 1
        return (
            "UPDATE watch_pages SET status = 'failed', failures = ?, reason = ?, detail = ?, next_try = ? WHERE url = ?",
            [failures, reason, detail, now + backoff(failures), page.url],
        )


def feed_status(connection: duckdb.DuckDBPyConnection) -> list[FeedStatus]:
    """Every feed the store of ``connection`` follows, with its last success, its failures and its pages counted
    by state; none when it was never watched (nor migrated since the watcher came)."""
    watched = connection.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'watch_feeds' AND database_name = current_database()"
    ).fetchall()
    if not watched[0][0]:
        return []
    rows = connection.execute(
        "SELECT f.feed_url, f.outlet, f.last_success, f.failures, f.reason, f.detail, f.next_try, count(p.url),"
        " count(p.article_id), count(*) FILTER (WHERE p.status = 'pending'), count(*) FILTER (WHERE p.status = 'failed')"
        " FROM watch_feeds f LEFT JOIN watch_pages p USING (feed_url) GROUP BY ALL ORDER BY f.feed_url"
    ).fetchall()
    return [FeedStatus(*row) for row in rows]


def watch_status(db: str) -> list[FeedStatus]:
    """The feeds a store follows, read from its last published version; ``UsageError`` when it follows none."""
    if not Path(db).exists():
        raise UsageError(f"no database at {db}")
    with Store(db, read_only=True) as store:
        feeds = feed_status(store.connection)
    if not feeds:
        raise UsageError(f"{db} follows no feed: start with `tinkuy watch FEEDS --db {db}`")
    return feeds
