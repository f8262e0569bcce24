"""One round of the watcher: read the feeds, fetch the new pages, code them into the store, merge.

A round writes a working copy of the store and publishes it whole when it
ends, exactly as ``tinkuy.ingest`` does (``tinkuy.store_swap``), so readers
(``tinkuy serve``) see the new events when the round is done, and a round that
is killed leaves the store as it was; the next round resumes from its copy
(``tinkuy.watch.state`` says what is kept, and when).

Pages are fetched by a pool of threads while this one codes: the coding of
``tinkuy.ingest`` (``code_items``: near-duplicates, the resume rule) and its
writes (``write_new``), the pages taken in an order that alternates hosts so
that waiting on one host's turn holds up few of them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import logging
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from trafilatura.utils import decode_file

from ..dedup import deduplicate
from ..errors import FetchFailed, InputError, StoreBusy
from ..ids import content_hash
from ..ingest.html import article_from_html
from ..ingest.warc import HTML_TYPES
from ..model import Article, CodedArticle, Rejection
from ..neardup import DEFAULT, NearDuplicates, result_article_id
from ..pipeline import Item, Pipeline, Result
from ..runners import Summary, write_new
from ..runners.local import code_in_processes, code_items, in_chunks
from ..store import Store
from ..store_swap import writing
from .feeds import Entry, Feed, entries
from .fetch import Fetched, Fetcher, IPAddress, Politeness
from .state import Page, Statement, WatchState

log = logging.getLogger(__name__)

FINAL = frozenset({"too_large"})
"""Fetch failures that trying again will not mend: stored as rejections, as ``ingest`` stores them."""


@dataclass
class RoundReport:
    """What a round did: feeds read, unchanged (304) and failed; pages fetched, unchanged, already stored, failed;
    and what coding stored (``summary``)."""

    feeds_read: int = 0
    feeds_unchanged: int = 0
    feeds_failed: int = 0
    pages: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    summary: Summary = field(default_factory=Summary)


@dataclass(frozen=True)
class Fetch:
    """A page and what fetching it gave: its items (the article, or rejections), or the failure."""

    page: Page
    fetched: Fetched | None
    items: tuple[Item, ...] = ()
    failure: FetchFailed | None = None


def watch_round(
    feeds: Sequence[Feed],
    db: str,
    pipeline: Pipeline,
    politeness: Politeness,
    near_duplicates: NearDuplicates | None = DEFAULT,
    settings: tuple[int, int] = (64, 1),
    now: dt.datetime | None = None,
    permitted: Callable[[IPAddress], bool] | None = None,
) -> RoundReport:
    """Read the feeds, fetch and code their new pages into the store ``db``, merge its mentions; what was done.

    ``settings`` are the articles per transaction and the coding processes, as for ``ingest``;
    ``now`` is the time backoffs are measured from (the clock by default);
    ``permitted`` the addresses that may be fetched (``Fetcher``).
    """
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    report = RoundReport()
    with (
        writing(db) as copy,
        Store(copy) as store,
        Fetcher(politeness, permitted) as fetcher,
        ThreadPoolExecutor(politeness.workers, thread_name_prefix="fetch") as pool,
    ):
        state = WatchState(store)
        state.follow(feeds)
        _read_feeds(state, fetcher, pool, feeds, now, report)
        fetches = _fetches(state.pages_due(now), fetcher, pool, politeness.workers * 4)
        _code_pages(store, state, fetches, pipeline, near_duplicates, settings, now, report)
        deduplicate(store)
    return report


def _read_feeds(
    state: WatchState, fetcher: Fetcher, pool: ThreadPoolExecutor, feeds: Sequence[Feed], now: dt.datetime, report: RoundReport
) -> None:
    """Read every feed due, side by side; store what each lists (or its failure) as it comes."""
    due = state.due(feeds, now)
    futures = [pool.submit(_read_feed, fetcher, feed, etag, modified) for feed, etag, modified in due]
    for (feed, _, _), future in zip(due, futures, strict=True):
        try:
            fetched, listed = future.result()
        except FetchFailed as failed:
            state.feed_failed(feed, failed.reason, str(failed), now)
            report.feeds_failed += 1
            report.failures[failed.reason] += 1
            continue
        state.feed_read(feed, fetched, listed, now)
        report.feeds_read += 1
        report.feeds_unchanged += fetched.not_modified


def _read_feed(fetcher: Fetcher, feed: Feed, etag: str | None, modified: str | None) -> tuple[Fetched, list[Entry]]:
    """The feed as fetched and the pages it lists; a sitemap index's sitemaps are fetched in turn."""
    fetched = fetcher.get(feed.url, etag, modified)
    if fetched.not_modified:
        return fetched, []
    return fetched, entries(fetcher.unpacked(fetched), fetched.url, lambda url: fetcher.unpacked(fetcher.get(url)))


def _fetches(pages: Sequence[Page], fetcher: Fetcher, pool: ThreadPoolExecutor, in_flight: int) -> Iterator[Fetch]:
    """Every page fetched and extracted in the pool, in an order that alternates hosts; in that order."""

    def submit(chunk: list[Page]) -> Future[list[Fetch]]:
        return pool.submit(lambda: [_fetch_page(fetcher, page) for page in chunk])

    return in_chunks(submit, _alternating(pages), 1, in_flight)


def _alternating(pages: Sequence[Page]) -> Iterator[Page]:
    """The pages, first of each host, then the second of each, and so on."""
    by_host: defaultdict[str, list[Page]] = defaultdict(list)
    for page in pages:
        by_host[page.url.split("/")[2]].append(page)
    for rank in itertools.zip_longest(*by_host.values()):
        yield from (page for page in rank if page is not None)


def _fetch_page(fetcher: Fetcher, page: Page) -> Fetch:
    """Fetch a page and extract its article (trafilatura, as for an ``.html`` file)."""
    try:
        fetched = fetcher.get(page.url, page.etag, page.last_modified)
    except FetchFailed as failed:
        if failed.reason in FINAL:
            return Fetch(page, None, (Rejection(page.url, failed.reason, str(failed)),))
        return Fetch(page, None, failure=failed)
    if fetched.not_modified:
        return Fetch(page, fetched)
    if fetched.content_type and fetched.content_type not in HTML_TYPES:
        return Fetch(
            page, fetched, (Rejection(page.url, "unsupported_format", f"a {fetched.content_type} response, not an HTML page"),)
        )
    try:
        items = tuple(article_from_html(decode_file(fetched.body), doc_id=page.url, origin=page.url, url=fetched.url))
    except InputError as error:
        items = (Rejection(page.url, error.reason, str(error), doc_id=page.url),)
    if page.outlet:
        items = tuple(dataclasses.replace(i, outlet=page.outlet) if isinstance(i, Article) else i for i in items)
    return Fetch(page, fetched, items)


@dataclass
class _Waiting:
    """A page whose items are being coded: how many results are still to come, and the hash of its text."""

    fetch: Fetch
    left: int
    text_hash: str | None


def _code_pages(
    store: Store,
    state: WatchState,
    fetches: Iterable[Fetch],
    pipeline: Pipeline,
    near_duplicates: NearDuplicates | None,
    settings: tuple[int, int],
    now: dt.datetime,
    report: RoundReport,
) -> None:
    """Code the fetched pages as ``ingest`` codes files, each batch written with the state of the pages it finishes."""
    commit_every, processes = settings
    deferred: list[Statement] = []  # pages settled without coding, written with the next batch
    waiting: dict[str, _Waiting] = {}
    texts: set[str] = set()

    def items() -> Iterator[Item]:
        for fetch in fetches:
            outcome = _settled(state, fetch, texts, now)
            if isinstance(outcome, tuple):
                deferred.append(outcome[1])
                report.pages[outcome[0]] += 1
                if fetch.failure is not None:
                    report.failures[fetch.failure.reason] += 1
                continue
            waiting[fetch.page.url] = _Waiting(fetch, len(fetch.items), outcome)
            report.pages["fetched"] += 1
            yield from fetch.items

    def finished(result: Result) -> Statement | None:
        origin = (result.article.origin if isinstance(result, CodedArticle) else result.origin) or ""
        entry = waiting[origin]
        entry.left -= 1
        if entry.left:
            return None
        del waiting[origin]
        return state.page_done(entry.fetch.page, entry.fetch.fetched, result_article_id(result), entry.text_hash, None, now)

    coder = functools.partial(code_in_processes, pipeline, processes=processes)
    results = code_items(items(), pipeline, coder, near_duplicates, stored=store.results)
    while batch := list(itertools.islice(results, commit_every)):
        statements = [*deferred, *(s for s in map(finished, batch) if s is not None)]
        deferred.clear()
        report.summary.update(write_new(store, batch, then=statements))
    if deferred:
        store.write([], deferred)


def _settled(state: WatchState, fetch: Fetch, texts: set[str], now: dt.datetime) -> tuple[str, Statement] | str | None:
    """How a fetched page is settled without coding (what to count, and its state), or else the hash of its text."""
    if fetch.failure is not None:
        return "failed", state.page_failed(fetch.page, fetch.failure.reason, str(fetch.failure), now)
    if not fetch.items:
        return "unchanged", state.page_done(fetch.page, fetch.fetched, None, None, "not modified", now)
    article = next((i for i in fetch.items if isinstance(i, Article)), None)
    if article is None:
        return None
    text_hash = content_hash(article.text)
    if text_hash in texts or state.text_stored(text_hash):
        return "text stored before", state.page_done(
            fetch.page, fetch.fetched, None, text_hash, "its text was stored before", now
        )
    texts.add(text_hash)
    return text_hash


def follow(
    feeds: Sequence[Feed],
    db: str,
    pipeline: Pipeline,
    politeness: Politeness,
    every: float,
    rounds: int | None = None,
    near_duplicates: NearDuplicates | None = DEFAULT,
    settings: tuple[int, int] = (64, 1),
    reported: Callable[[RoundReport], None] | None = None,
) -> None:
    """Watch round after round, starting one every ``every`` seconds (at once when a round took longer),
    ``rounds`` times or until interrupted; ``reported`` is given what each round did. A round that finds
    another run writing the store is skipped with a warning, unless it is the only round asked for."""
    done = 0
    while rounds is None or done < rounds:
        started = time.monotonic()
        try:
            report = watch_round(feeds, db, pipeline, politeness, near_duplicates, settings)
        except StoreBusy as busy:
            if rounds == 1:
                raise
            log.warning("round skipped: %s", busy)
        else:
            if reported is not None:
                reported(report)
        done += 1
        if rounds is None or done < rounds:
            time.sleep(max(0.0, started + every - time.monotonic()))
