"""One real event reported many times becomes one merged event that holds all its mentions.

The ``events`` table is the raw extraction: one row per mention of an event, in
one sentence of one article. Dedup groups those mentions into merged events and
writes two derived tables (migration 0002): ``merged_events``, and
``merged_mentions`` (mention -> merged event). They are derived from ``events``
and the outlets of ``articles`` (named when the articles were cleaned), which
dedup only reads, so nothing is lost and the grouping can be run again at will;
each run merges again the buckets (below) that hold new mentions.

How mentions are grouped:

- Mentions with the same **bucket** (source code, target code, CAMEO root,
  modality, date precision) may be one event; mentions of different buckets
  never are. An assertion and a denial of the same act stay apart, so a
  contradiction stays visible.
- Within a bucket, day-precision dates are cut into **anchored windows**: the
  earliest date opens an event that takes every date less than
  ``window_days`` after it; the first date left opens the next one. An event
  never spans more than the window (no chaining of daily reports into one
  endless event), and since the rule reads only the sorted set of dates, any
  input order gives the same events.
- Month and year dates are the first day of their period: mentions merge only
  when the period is the same. Undated mentions of a bucket are one event.

A merged event's id is a content hash of its bucket, its anchor date and the
window, so a re-run over the same mentions gives the same ids.

Corroboration (strongest first) comes from the articles and outlets of the
mentions and from their attributions: ``several_outlets`` (two or more known
outlets), ``several_articles`` (two or more articles, of one outlet or of
outlets unknown), then for a single article ``single_author`` (stated in the
article's own voice), ``single_named`` (on the word of a named source) or
``single_anonymous`` (only on the word of anonymous sources).
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

import pyarrow as pa

from .errors import UsageError
from .ids import content_hash
from .shapes import about, arrow_schema
from .store import Store

log = logging.getLogger(__name__)

WINDOW_DAYS = 7
"""Default window: a week covers the days a story is reported and followed up."""
MAX_WINDOW_DAYS = 366
"""The longest window: one event reported over more than a year is several events."""

ATTRIBUTION_STRENGTH = ("author", "named", "anonymous")
"""Who vouches for a mention, strongest first."""

Corroboration = Literal["several_outlets", "several_articles", "single_author", "single_named", "single_anonymous"]
CORROBORATION_LEVELS: tuple[Corroboration, ...] = get_args(Corroboration)
"""Corroboration levels, strongest first."""

Bucket = tuple[str, str, str, str, str]


# A bucket to (re)build: one of its events is not merged yet, or was merged with another window.
_STALE_BUCKETS = """
SELECT DISTINCT coalesce(e.source.code, '') AS source_key, coalesce(e.target.code, '') AS target_key,
       e.root, e.modality, e.date_precision
FROM events e LEFT JOIN merged_mentions m USING (event_id) LEFT JOIN merged_events me USING (merged_id)
WHERE me.merged_id IS NULL OR me.window_days <> ?
"""
_IN_STALE = """JOIN stale_buckets b ON coalesce({0}, '') = b.source_key AND coalesce({1}, '') = b.target_key
    AND {2}.root = b.root AND {2}.modality = b.modality AND {2}.date_precision = b.date_precision"""
_EVENTS_IN_STALE = _IN_STALE.format("e.source.code", "e.target.code", "e")
_MENTIONS_SQL = f"""
SELECT e.event_id, e.article_id, a.outlet, e.source.code AS source_code, e.target.code AS target_code,
       e.root, e.modality, e.date_precision, e.date, e.cameo, e.quad_class, e.goldstein,
       e.attribution.type AS attribution, e.hedged
FROM events e LEFT JOIN articles a USING (article_id) {_EVENTS_IN_STALE}
ORDER BY b.source_key, b.target_key, b.root, b.modality, b.date_precision
"""
_DELETIONS = (
    f"DELETE FROM merged_mentions WHERE event_id IN (SELECT e.event_id FROM events e {_EVENTS_IN_STALE})",
    "DELETE FROM merged_events WHERE merged_id IN (SELECT me.merged_id FROM merged_events me "
    + _IN_STALE.format("me.source_code", "me.target_code", "me")
    + ")",
)


@dataclass(frozen=True, slots=True)
class EventMention:
    """One stored event row, as dedup sees it: what it claims, where, on whose word."""

    event_id: str
    article_id: str
    outlet: str | None
    source_code: str | None
    target_code: str | None
    root: str
    modality: str
    date_precision: str
    date: dt.date | None
    cameo: str
    quad_class: int
    goldstein: float
    attribution: str
    hedged: bool

    @property
    def bucket(self) -> Bucket:
        return (self.source_code or "", self.target_code or "", self.root, self.modality, self.date_precision)


@dataclass(frozen=True, slots=True)
class MergedEvent:
    """One real event and the mentions that report it."""

    merged_id: str
    source_code: str | None
    target_code: str | None
    root: str
    modality: str
    date_precision: str
    date: dt.date | None
    last_date: dt.date | None
    cameo: str
    quad_class: int = field(metadata=about(arrow="int8"))
    goldstein: float
    attribution: str
    hedged: bool
    n_mentions: int
    n_articles: int
    n_outlets: int
    outlets: tuple[str, ...]
    corroboration: str
    lead_event_id: str
    window_days: int
    event_ids: tuple[str, ...]


TABLE_SCHEMAS = {
    "merged_events": arrow_schema(MergedEvent, exclude={"event_ids"}),
    "merged_mentions": pa.schema([("event_id", pa.string()), ("merged_id", pa.string())]),
}
"""The tables dedup writes, and their Arrow schemas: merged events without their mentions, and mention -> merged event."""


@dataclass(frozen=True, slots=True)
class Deduplicated:
    """What a dedup run found: mentions read, merged events written."""

    mentions: int
    events: int


def merge(mentions: Iterable[EventMention], window_days: int = WINDOW_DAYS) -> list[MergedEvent]:
    """Group mentions into merged events; the same result for any order, and for repeated mentions."""
    unique = {m.event_id: m for m in mentions}
    ordered = sorted(unique.values(), key=lambda m: m.bucket)
    return [
        event for _, group in itertools.groupby(ordered, key=lambda m: m.bucket) for event in merge_bucket(group, window_days)
    ]


def require_window(window_days: int) -> None:
    """Raise a ``UsageError`` unless the window is from 1 to ``MAX_WINDOW_DAYS`` days."""
    if not 1 <= window_days <= MAX_WINDOW_DAYS:
        raise UsageError(f"the window must be from 1 to {MAX_WINDOW_DAYS} days, not {window_days}")


def merge_bucket(mentions: Iterable[EventMention], window_days: int = WINDOW_DAYS) -> list[MergedEvent]:
    """Merge the mentions of one bucket, earliest event first."""
    require_window(window_days)
    ordered = sorted(mentions, key=lambda m: (m.date or dt.date.min, m.event_id))
    return [_merged(cluster, window_days) for cluster in _clusters(ordered, window_days)]


def _clusters(ordered: list[EventMention], window_days: int) -> Iterator[list[EventMention]]:
    """Cut the date-ordered mentions of a bucket into anchored windows."""
    span = dt.timedelta(days=window_days if ordered and ordered[0].date_precision == "day" else 1)
    cluster: list[EventMention] = []
    for mention in ordered:
        if cluster and _outside(cluster[0].date, mention.date, span):
            yield cluster
            cluster = []
        cluster.append(mention)
    if cluster:
        yield cluster


def _outside(anchor: dt.date | None, date: dt.date | None, span: dt.timedelta) -> bool:
    """Whether a date falls outside the window opened at ``anchor`` (undated mentions go together)."""
    if anchor is None or date is None:
        return (anchor is None) != (date is None)
    return date - anchor >= span


def _merged(cluster: list[EventMention], window_days: int) -> MergedEvent:
    first = cluster[0]
    lead = min(cluster, key=lambda m: (ATTRIBUTION_STRENGTH.index(m.attribution), m.hedged, m.date or dt.date.min, m.event_id))
    attribution = min((m.attribution for m in cluster), key=ATTRIBUTION_STRENGTH.index)
    articles = {m.article_id for m in cluster}
    outlets = tuple(sorted({m.outlet for m in cluster if m.outlet}))
    anchor = first.date.isoformat() if first.date else ""
    return MergedEvent(
        merged_id=content_hash(*first.bucket, anchor, window_days),
        source_code=first.source_code,
        target_code=first.target_code,
        root=first.root,
        modality=first.modality,
        date_precision=first.date_precision,
        date=first.date,
        last_date=cluster[-1].date,
        cameo=lead.cameo,
        quad_class=lead.quad_class,
        goldstein=lead.goldstein,
        attribution=attribution,
        hedged=all(m.hedged for m in cluster),
        n_mentions=len(cluster),
        n_articles=len(articles),
        n_outlets=len(outlets),
        outlets=outlets,
        corroboration=corroboration(len(articles), len(outlets), attribution),
        lead_event_id=lead.event_id,
        window_days=window_days,
        event_ids=tuple(m.event_id for m in cluster),
    )


def corroboration(n_articles: int, n_outlets: int, attribution: str) -> str:
    """The corroboration level of an event from its articles, known outlets and strongest attribution."""
    if n_outlets >= 2:
        return "several_outlets"
    if n_articles >= 2:
        return "several_articles"
    return f"single_{attribution}"


def deduplicate(store: Store, window_days: int = WINDOW_DAYS, batch_size: int = 10_000) -> Deduplicated:
    """Merge the store's mentions into events; articles are only read (for their outlets).

    Only the buckets that changed are merged again: those holding a mention
    not merged yet, or merged with another window. Buckets never share a
    mention, so the result is the same as merging everything again, and a
    small ingest into a large store costs little.
    """
    stale = store.query(_STALE_BUCKETS, [window_days])
    if stale.num_rows:
        reader = store.connection.cursor()
        try:
            for connection in (store.connection, reader):
                connection.register("stale_buckets", stale)
            stream = reader.sql(_MENTIONS_SQL).to_arrow_reader(batch_size)
            mentions = (EventMention(**row) for batch in stream for row in batch.to_pylist())
            store.replace(_DELETIONS, _batches(mentions, window_days, batch_size))
        finally:
            store.connection.unregister("stale_buckets")
            reader.close()
    counts = store.counts(("merged_mentions", "merged_events"))
    log.info("merged %d mentions into %d events in %s", counts["merged_mentions"], counts["merged_events"], store.path)
    return Deduplicated(counts["merged_mentions"], counts["merged_events"])


def _batches(mentions: Iterator[EventMention], window_days: int, batch_size: int) -> Iterator[dict[str, pa.Table]]:
    """Merged events and their mention mapping as Arrow batches, a few buckets at a time."""
    merged: list[dict[str, Any]] = []
    mapping: list[dict[str, str]] = []
    columns = TABLE_SCHEMAS["merged_events"].names
    for _, group in itertools.groupby(mentions, key=lambda m: m.bucket):
        for event in merge_bucket(group, window_days):
            merged.append({name: getattr(event, name) for name in columns})
            mapping += [{"event_id": e, "merged_id": event.merged_id} for e in event.event_ids]
        if len(mapping) >= batch_size:
            yield _tables(merged, mapping)
            merged, mapping = [], []
    yield _tables(merged, mapping)


def _tables(merged: list[dict[str, Any]], mapping: list[dict[str, str]]) -> dict[str, pa.Table]:
    return {
        "merged_events": pa.Table.from_pylist(merged, schema=TABLE_SCHEMAS["merged_events"]),
        "merged_mentions": pa.Table.from_pylist(mapping, schema=TABLE_SCHEMAS["merged_mentions"]),
    }
