"""One real event reported many times becomes one merged event that holds all its mentions.

The ``events`` table is the raw extraction: one row per mention of an event, in
one sentence of one article. Dedup groups those mentions into merged events and
writes two derived tables (migration 0002): ``merged_events``, and
``merged_mentions`` (mention -> merged event). They are derived from ``events``
and the outlets of ``articles`` (named when the articles were cleaned), which
dedup only reads, so nothing is lost and the grouping can be run again at will;
each run merges again the groups (below) that hold new mentions.

Which mentions are one event (``tinkuy.compatible`` holds the rules):

- Mentions of different **groups** (source country, target country, CAMEO
  root, modality) are never one event. An assertion and a denial of the same
  act stay apart, so a contradiction stays visible.
- Within a group, mentions are one event when their **actors** are compatible
  (the same code, or one more specific than the other: ``ECU`` and ``ECUGOV``,
  ``USA`` and ``USAGOV``; a person is coded as the government they then led),
  their **codes** are compatible (the same, or one the root's generic code or
  the parent of the other: ``040`` and ``043``, ``104`` and ``1041``), and their
  **dates** are compatible: the same day (or within ``window_days``), a
  publication-day date beside a date the text states up to
  ``REPORTING_LAG_DAYS`` earlier, a day inside a month or year known only as
  such. Undated mentions go together.
- Compatibility is not transitive (``ECU`` fits ``ECUGOV`` and ``ECUMIL``, which
  do not fit each other), so mentions are taken in one fixed order, the best
  dated and most specific first, and each joins the first event it fits, which
  then takes its most specific codes. The order depends only on the mentions,
  never on how they were given, and an event's mentions merged again give the
  same event.

A merged event carries the most specific actor codes and event code of its
mentions, the date of its best dated mentions, and every mention. Its id is a
content hash of its group, codes, date and first mention, so a re-run over the
same mentions gives the same ids.

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

from .compatible import DateSpan, code_depth, country, date_span, finer_actor, finer_code, same_person, specificity
from .errors import UsageError
from .ids import content_hash
from .model import Location
from .search import index_mentions
from .shapes import about, arrow_fields, arrow_schema, arrow_type
from .store import Store

log = logging.getLogger(__name__)

WINDOW_DAYS = 1
"""Default window: the dates a text states for one event are the same day."""
MAX_WINDOW_DAYS = 366
"""The longest window: the stated dates of one event spanning more than a year are of several events."""

ATTRIBUTION_STRENGTH = ("author", "named", "anonymous")
"""Who vouches for a mention, strongest first."""

Corroboration = Literal["several_outlets", "several_articles", "single_author", "single_named", "single_anonymous"]
CORROBORATION_LEVELS: tuple[Corroboration, ...] = get_args(Corroboration)
"""Corroboration levels, strongest first."""

DATE_TIERS = ("stated", "publication", "month", "year", "unknown")
"""How well a mention is dated, best first: a day the text states, the publication day, a month, a year, none."""

Group = tuple[str, str, str, str]

# A group to (re)build: one of its events is not merged yet, or was merged with another window.
_GROUP_OF_EVENT = "left(coalesce({0}.source.code, ''), 3), left(coalesce({0}.target.code, ''), 3), {0}.root, {0}.modality"
_STALE_GROUPS = f"""
SELECT DISTINCT {_GROUP_OF_EVENT.format("e")}
FROM events e LEFT JOIN merged_mentions m USING (event_id) LEFT JOIN merged_events me USING (merged_id)
WHERE me.merged_id IS NULL OR me.window_days <> ? OR m.doc IS NULL
"""
_STALE_COLUMNS = ("source_key", "target_key", "root", "modality")
_IN_STALE = """JOIN stale_groups g ON left(coalesce({0}, ''), 3) = g.source_key AND left(coalesce({1}, ''), 3) = g.target_key
    AND {2}.root = g.root AND {2}.modality = g.modality"""
_EVENTS_IN_STALE = _IN_STALE.format("e.source.code", "e.target.code", "e")
_MENTIONS_SQL = f"""
SELECT e.event_id, e.article_id, a.outlet, e.source.code AS source_code, e.target.code AS target_code,
       e.source.name AS source_name, e.target.name AS target_name, e.root, e.modality, e.date_precision, e.date, e.evidence.date_source AS date_source, e.cameo, e.quad_class,
       e.goldstein, e.attribution.type AS attribution, e.hedged, s.doc
FROM events e LEFT JOIN articles a USING (article_id) LEFT JOIN search_mentions s USING (event_id) {_EVENTS_IN_STALE}
ORDER BY g.source_key, g.target_key, g.root, g.modality
"""
_DELETIONS = (
    f"DELETE FROM merged_mentions WHERE event_id IN (SELECT e.event_id FROM events e {_EVENTS_IN_STALE})",
    "DELETE FROM merged_events WHERE merged_id IN (SELECT me.merged_id FROM merged_events me "
    + _IN_STALE.format("me.source_code", "me.target_code", "me")
    + ")",
)


@dataclass(frozen=True, slots=True)
class EventMention:
    """One stored event row, as dedup sees it: what it claims, when and how it is dated, where, on whose word."""

    event_id: str
    article_id: str
    outlet: str | None
    source_code: str | None
    target_code: str | None
    source_name: str | None
    target_name: str | None
    root: str
    modality: str
    date_precision: str
    date: dt.date | None
    date_source: str
    cameo: str
    quad_class: int
    goldstein: float
    attribution: str
    hedged: bool
    doc: int | None = None
    """Its number in the search index (``tinkuy.search``), once indexed."""

    @property
    def group(self) -> Group:
        """Mentions of different groups are never one event."""
        return (country(self.source_code), country(self.target_code), self.root, self.modality)

    @property
    def tier(self) -> int:
        """How well it is dated: an index of ``DATE_TIERS``."""
        if self.date is None:
            return DATE_TIERS.index("unknown")
        if self.date_precision in ("month", "year"):
            return DATE_TIERS.index(self.date_precision)
        return DATE_TIERS.index("publication" if self.date_source == "publication" else "stated")


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


@dataclass(frozen=True, slots=True)
class MergedMention:
    """A mention and the merged event it belongs to, with what counting mentions reads (``unit=mention`` in
    ``tinkuy.analysis``): the claim of its own sentence, its event's corroboration and its article's outlet,
    so that counting a million mentions reads one table; and the integers a search joins on: the mention's
    number in the search index and its merged event's number in the store."""

    event_id: str
    merged_id: str
    merged_number: int = field(metadata=about(arrow="int64"))
    doc: int | None
    date: dt.date | None
    date_precision: str
    source_code: str | None
    target_code: str | None
    cameo: str
    quad_class: int = field(metadata=about(arrow="int8"))
    goldstein: float
    modality: str
    attribution: str
    hedged: bool
    corroboration: str
    outlet: str | None


_IN_STORE = (
    pa.field("merged_number", pa.int64(), False),
    pa.field("location", arrow_type(Location)),
    pa.field("location_event_id", pa.string()),
)
"""What the store adds to a merged event: its number (its ``merged_id`` names it everywhere, its number is what
searches join on), where it happened and the mention that says so, chosen once its mentions are stored (``_PLACES``)."""
TABLE_SCHEMAS = {
    "merged_events": pa.schema([*arrow_fields(MergedEvent, exclude={"event_ids"}), *_IN_STORE]),
    "merged_mentions": arrow_schema(MergedMention),
}
"""The tables dedup writes, and their Arrow schemas: merged events without their mentions, and their mentions."""
_EVENT_FIELDS = TABLE_SCHEMAS["merged_events"].names[: -len(_IN_STORE)]
"""What a merged event's row takes from the merged event."""
_PLACES = """
UPDATE merged_events SET location = placed.chosen.location, location_event_id = placed.chosen.event_id
FROM (SELECT mm.merged_number,
             arg_min(struct_pack(location := m.location, event_id := m.event_id),
                     (CASE m.location.precision WHEN 'place' THEN 0 WHEN 'division' THEN 1 ELSE 2 END,
                      m.event_id <> me.lead_event_id, m.event_id)) AS chosen
      FROM merged_mentions mm JOIN events m USING (event_id) JOIN merged_events me USING (merged_number)
      JOIN events lead ON lead.event_id = me.lead_event_id
      WHERE mm.merged_number > ? AND m.location IS NOT NULL AND (m.event_id = me.lead_event_id OR lead.location IS NULL OR (
          m.location.country_code = lead.location.country_code AND (lead.location.precision = 'country'
          OR (m.location.admin1 IS NOT DISTINCT FROM lead.location.admin1 AND (lead.location.precision = 'division'
          OR m.location.geonames_id = lead.location.geonames_id)))))
      GROUP BY mm.merged_number) placed
WHERE merged_events.merged_number = placed.merged_number
"""
"""Where each merged event numbered after the one given happened: where its lead mention places it, or the
most precise place inside that which another of its mentions states ("Argentina" and "Córdoba, Argentina"
make Córdoba), so that the place agrees with the evidence shown; when the lead places it nowhere, the most
precise place any of its mentions states; among equals, the lead's, then the first by id."""
_OWN_FIELDS = tuple(
    name for name in TABLE_SCHEMAS["merged_mentions"].names if name not in ("merged_id", "merged_number", "corroboration")
)
"""What a merged mention's row takes from the mention itself; the rest it takes from its merged event."""


@dataclass(frozen=True, slots=True)
class Deduplicated:
    """What a dedup run found: mentions read, merged events written."""

    mentions: int
    events: int


def merge(mentions: Iterable[EventMention], window_days: int = WINDOW_DAYS) -> list[MergedEvent]:
    """Group mentions into merged events; the same result for any order, and for repeated mentions."""
    unique = {m.event_id: m for m in mentions}
    ordered = sorted(unique.values(), key=lambda m: m.group)
    return [event for _, group in itertools.groupby(ordered, key=lambda m: m.group) for event in merge_group(group, window_days)]


def require_window(window_days: int) -> None:
    """Raise a ``UsageError`` unless the window is from 1 to ``MAX_WINDOW_DAYS`` days."""
    if not 1 <= window_days <= MAX_WINDOW_DAYS:
        raise UsageError(f"the window must be from 1 to {MAX_WINDOW_DAYS} days, not {window_days}")


def merge_group(mentions: Iterable[EventMention], window_days: int = WINDOW_DAYS) -> list[MergedEvent]:
    """Merge the mentions of one group, in the order of their first mention."""
    require_window(window_days)
    clusters: list[_Cluster] = []
    for mention in sorted(mentions, key=_merge_order):
        span = date_span(mention.date, mention.date_precision, mention.date_source, window_days)
        home = next((c for c in clusters if c.takes(mention, span)), None)
        if home is None:
            clusters.append(_Cluster(mention, span))
        else:
            home.add(mention, span)
    return [_merged(c, window_days) for c in clusters]


def _merge_order(mention: EventMention) -> tuple[Any, ...]:
    """Best dated first, then earliest, then most specific (actors and code), then by id: a total order."""
    detail = specificity(mention.source_code) + specificity(mention.target_code) + code_depth(mention.cameo)
    return (mention.tier, mention.date or dt.date.min, -detail, mention.event_id)


@dataclass
class _Cluster:
    """The mentions of one event so far, their most specific codes and the dates all of them allow."""

    first: EventMention
    span: DateSpan | None
    mentions: list[EventMention] = field(default_factory=list)
    source: str | None = None
    target: str | None = None
    cameo: str = ""
    names: tuple[str | None, str | None] = (None, None)

    def __post_init__(self) -> None:
        self.mentions.append(self.first)
        self.source, self.target, self.cameo = self.first.source_code, self.first.target_code, self.first.cameo
        self.names = (self.first.source_name, self.first.target_name)

    def takes(self, mention: EventMention, span: DateSpan | None) -> bool:
        """Whether the mention fits the event: its actors, its code and its dates."""
        return (
            finer_actor(self.source, mention.source_code) is not None
            and finer_actor(self.target, mention.target_code) is not None
            and finer_code(self.cameo, mention.cameo) is not None
            and same_person(self.names[0], mention.source_name)
            and same_person(self.names[1], mention.target_name)
            and (self.span is None and span is None or _overlap(self.span, span) is not None)
        )

    def add(self, mention: EventMention, span: DateSpan | None) -> None:
        self.mentions.append(mention)
        self.source = finer_actor(self.source, mention.source_code) or None
        self.target = finer_actor(self.target, mention.target_code) or None
        self.cameo = finer_code(self.cameo, mention.cameo) or self.cameo
        self.names = (self.names[0] or mention.source_name, self.names[1] or mention.target_name)
        self.span = _overlap(self.span, span)


def _overlap(a: DateSpan | None, b: DateSpan | None) -> DateSpan | None:
    """The days two dated spans both allow, or None when they share none."""
    if a is None or b is None:
        return None
    start, end = max(a.start, b.start), min(a.end, b.end)
    return DateSpan(start, end) if start <= end else None


def _merged(cluster: _Cluster, window_days: int) -> MergedEvent:
    mentions = cluster.mentions
    best = min(m.tier for m in mentions)
    dated = sorted(m.date for m in mentions if m.tier == best and m.date is not None)
    precision = next(m.date_precision for m in mentions if m.tier == best)
    lead = min(mentions, key=lambda m: (ATTRIBUTION_STRENGTH.index(m.attribution), m.hedged, m.date or dt.date.min, m.event_id))
    coded = (
        lead if lead.cameo == cluster.cameo else min((m for m in mentions if m.cameo == cluster.cameo), key=lambda m: m.event_id)
    )
    attribution = min((m.attribution for m in mentions), key=ATTRIBUTION_STRENGTH.index)
    articles = {m.article_id for m in mentions}
    outlets = tuple(sorted({m.outlet for m in mentions if m.outlet}))
    date = dated[0] if dated else None
    group = cluster.first.group
    return MergedEvent(
        merged_id=content_hash(
            *group,
            cluster.source or "",
            cluster.target or "",
            cluster.cameo,
            date.isoformat() if date else "",
            window_days,
            cluster.first.event_id,
        ),
        source_code=cluster.source,
        target_code=cluster.target,
        root=group[2],
        modality=group[3],
        date_precision=precision,
        date=date,
        last_date=dated[-1] if dated else None,
        cameo=cluster.cameo,
        quad_class=coded.quad_class,
        goldstein=coded.goldstein,
        attribution=attribution,
        hedged=all(m.hedged for m in mentions),
        n_mentions=len(mentions),
        n_articles=len(articles),
        n_outlets=len(outlets),
        outlets=outlets,
        corroboration=corroboration(len(articles), len(outlets), attribution),
        lead_event_id=lead.event_id,
        window_days=window_days,
        event_ids=tuple(m.event_id for m in mentions),
    )


def corroboration(n_articles: int, n_outlets: int, attribution: str) -> str:
    """The corroboration level of an event from its articles, known outlets and strongest attribution."""
    if n_outlets >= 2:
        return "several_outlets"
    if n_articles >= 2:
        return "several_articles"
    return f"single_{attribution}"


def deduplicate(store: Store, window_days: int = WINDOW_DAYS, batch_size: int = 10_000) -> Deduplicated:
    """Index the mentions for search (``tinkuy.search``), then merge them into events, each numbered and
    placed (``_PLACES``); articles are only read (for their outlets and titles).

    Only the groups that changed are merged again: those holding a mention
    not merged yet, merged with another window, or merged before the index
    numbered it. Groups never share a mention, so the result is the same as
    merging everything again, and a small ingest into a large store costs little.
    """
    index_mentions(store)
    stale = store.query(_STALE_GROUPS, [window_days]).rename_columns(list(_STALE_COLUMNS))
    if stale.num_rows:
        last_number = store.connection.execute("SELECT coalesce(max(merged_number), 0) FROM merged_events").fetchall()[0][0]
        reader = store.connection.cursor()
        try:
            for connection in (store.connection, reader):
                connection.register("stale_groups", stale)
            stream = reader.sql(_MENTIONS_SQL).to_arrow_reader(batch_size)
            mentions = (EventMention(**row) for batch in stream for row in batch.to_pylist())
            batches = _batches(mentions, window_days, batch_size, itertools.count(last_number + 1))
            store.replace(_DELETIONS, batches, then=[(_PLACES, [last_number])])
        finally:
            store.connection.unregister("stale_groups")
            reader.close()
    counts = store.counts(("merged_mentions", "merged_events"))
    log.info("merged %d mentions into %d events in %s", counts["merged_mentions"], counts["merged_events"], store.path)
    return Deduplicated(counts["merged_mentions"], counts["merged_events"])


def _batches(
    mentions: Iterator[EventMention], window_days: int, batch_size: int, numbers: Iterator[int]
) -> Iterator[dict[str, pa.Table]]:
    """Merged events, each given the next of ``numbers``, and their mentions as Arrow batches, a few groups at a time."""
    merged: list[dict[str, Any]] = []
    mapping: list[dict[str, Any]] = []
    for _, group in itertools.groupby(mentions, key=lambda m: m.group):
        by_id = {m.event_id: m for m in group}
        for event in merge_group(by_id.values(), window_days):
            number = next(numbers)
            merged.append({name: getattr(event, name) for name in _EVENT_FIELDS} | {"merged_number": number})
            of_event = {"merged_id": event.merged_id, "merged_number": number, "corroboration": event.corroboration}
            mapping += [{name: getattr(by_id[e], name) for name in _OWN_FIELDS} | of_event for e in event.event_ids]
        if len(mapping) >= batch_size:
            yield _tables(merged, mapping)
            merged, mapping = [], []
    yield _tables(merged, mapping)


def _tables(merged: list[dict[str, Any]], mapping: list[dict[str, Any]]) -> dict[str, pa.Table]:
    return {
        "merged_events": pa.Table.from_pylist(merged, schema=TABLE_SCHEMAS["merged_events"]),
        "merged_mentions": pa.Table.from_pylist(mapping, schema=TABLE_SCHEMAS["merged_mentions"]),
    }
