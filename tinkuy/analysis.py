"""Questions about the store: how a dyad's relations moved, who acted on whom, and on what evidence.

Pure functions over a DuckDB connection to a store that has been deduplicated
(``tinkuy.dedup``); the web app passes one cursor per request. Every value a
caller gives reaches SQL as a bound parameter, never as SQL text.

- ``dyad_series`` and ``dyads_series``: counts per QuadClass, summed and mean
  Goldstein and the net cooperation score per day, week, month or year.
- ``network``: actors and the events between them, both directions of each pair;
  ``top_dyads`` ranks its edges.
- ``events``, ``timeline`` and ``event_detail``: merged events with the sentence,
  spans, rule and provenance that make each one checkable.
- ``overview``: what the store holds and the values each filter can take.

A *unit* is what one count stands for: a merged ``event`` (one real event however
often reported) or a ``mention`` (each report of it). Actor arguments are code
prefixes: ``USA`` is every US actor, ``USAGOV`` the US government.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, get_args

import duckdb

from .coding.codebook import load_codebook
from .datafiles import data_path, read_table
from .dedup import CORROBORATION_LEVELS
from .errors import StoreError, UsageError
from .search import matching_mentions

Period = Literal["day", "week", "month", "year"]
Unit = Literal["event", "mention"]
Level = Literal["country", "sector"]
Order = Literal[
    "date",
    "-date",
    "key",
    "source",
    "-source",
    "target",
    "-target",
    "cameo",
    "-cameo",
    "goldstein",
    "-goldstein",
    "mentions",
    "-mentions",
]
"""How a list of events is sorted: by a column, descending with a leading ``-``; ``key``, the most reported first."""
PERIODS: tuple[Period, ...] = get_args(Period)
PRECISE_ENOUGH: dict[Period, tuple[str, ...]] = {
    "day": ("day",),
    "week": ("day",),
    "month": ("day", "month"),
    "year": ("day", "month", "year"),
}
"""The date precisions that place a unit in a period of each length."""
UNITS: tuple[Unit, ...] = get_args(Unit)
LEVELS: tuple[Level, ...] = get_args(Level)

OVERVIEW_ACTORS = 300
"""How many actor codes, most frequent first, the overview offers to the filters."""

UNKNOWN_COUNTRY = "---"
"""The country slot of actors whose country the text does not give; they are left out of dyads."""

_UNITS: dict[Unit, str] = {
    "event": """SELECT merged_id AS unit_id, merged_id, date, date_precision, source_code, target_code, cameo, quad_class, goldstein,
                       modality, attribution, hedged, corroboration, outlets
                FROM merged_events""",
    "mention": """SELECT event_id AS unit_id, event_id, date, date_precision, source.code AS source_code, target.code AS target_code, cameo,
                         quad_class, goldstein, modality, attribution.type AS attribution, hedged, corroboration,
                         CASE WHEN outlet IS NULL THEN []::VARCHAR[] ELSE [outlet] END AS outlets
                  FROM mentions""",
}

_CLAUSES = {
    "start": "date >= $start",
    "end": "date <= $end",
    "actor": "(starts_with(source_code, $actor) OR starts_with(target_code, $actor))",
    "source": "starts_with(source_code, $source)",
    "target": "starts_with(target_code, $target)",
    "dyad": "((starts_with(source_code, $dyad[1]) AND starts_with(target_code, $dyad[2]))"
    " OR (starts_with(source_code, $dyad[2]) AND starts_with(target_code, $dyad[1])))",
    "cameo": "starts_with(cameo, $cameo)",
    "quad_class": "quad_class = $quad_class",
    "outlet": "list_contains(outlets, $outlet)",
    "attribution": "attribution = $attribution",
    "corroboration": "corroboration = $corroboration",
    "hedged": "hedged = $hedged",
    "modality": "modality = $modality",
}


_TEXT_CLAUSES: dict[Unit, str] = {
    "event": "merged_id IN (SELECT merged_id FROM merged_mentions WHERE event_id IN ({found}))",
    "mention": "event_id IN ({found})",
}
"""A search selects the merged events with a mention it matches, or the mentions it matches."""


@dataclass(frozen=True, slots=True)
class Filters:
    """Which units to look at. ``None`` leaves a field open; only asserted events count by default."""

    start: dt.date | None = None
    end: dt.date | None = None
    actor: str | None = None
    source: str | None = None
    target: str | None = None
    dyad: tuple[str, str] | None = None
    cameo: str | None = None
    quad_class: int | None = None
    outlet: str | None = None
    attribution: str | None = None
    corroboration: str | None = None
    hedged: bool | None = None
    modality: str | None = "asserted"
    text: str | None = None
    """Words each of which begins a word of a mention's sentence, title or actors (``tinkuy.search``)."""

    def where(self, unit: Unit = "event") -> tuple[str, dict[str, Any]]:
        """The SQL condition on a units relation (or on ``merged_events`` for events), and its named parameters."""
        given = {name: value for name in _CLAUSES if (value := getattr(self, name)) is not None}
        clauses = [_CLAUSES[name] for name in given]
        parameters = {name: list(value) if name == "dyad" else value for name, value in given.items()}
        if self.text is not None:
            found, words = matching_mentions(self.text)
            clauses.append(_TEXT_CLAUSES[unit].format(found=found))
            parameters |= words
        return " AND ".join(clauses) or "TRUE", parameters


DEFAULT_FILTERS = Filters()
"""Every asserted event."""


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One period of a series: QuadClass counts, Goldstein sum and mean, net cooperation."""

    period: dt.date
    events: int
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    goldstein_sum: float
    goldstein_mean: float | None
    net_cooperation: int


@dataclass(frozen=True, slots=True)
class Series:
    dyad: tuple[str, str]
    by: Period
    unit: Unit
    directed: bool
    points: tuple[SeriesPoint, ...]
    imprecise: int = 0
    """Units of the dyad left out because their date is known less precisely than the period (a month in a weekly series)."""


@dataclass(frozen=True, slots=True)
class Node:
    """An actor: units it took part in as source or target, and their mean Goldstein."""

    actor: str
    events: int
    sent: int
    received: int
    goldstein_mean: float | None


@dataclass(frozen=True, slots=True)
class Edge:
    """A pair of actors (``a`` < ``b``) and the units between them, each direction apart."""

    a: str
    b: str
    a_to_b: int
    b_to_a: int
    a_to_b_goldstein: float | None
    b_to_a_goldstein: float | None

    @property
    def events(self) -> int:
        return self.a_to_b + self.b_to_a


@dataclass(frozen=True, slots=True)
class Network:
    level: Level
    unit: Unit
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


@dataclass(frozen=True, slots=True)
class MentionEvidence:
    """One mention of an event, with what makes it checkable: sentence, spans, rule, entries, source."""

    event_id: str
    article_id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: dt.date | None
    sentence: str
    source_text: str | None
    target_text: str | None
    source_span: tuple[int, int] | None
    target_span: tuple[int, int] | None
    event_spans: tuple[tuple[int, int], ...]
    rule: str
    source_entry: str | None
    target_entry: str | None
    cameo: str
    date: dt.date | None
    date_text: str | None
    modality: str
    attribution: str
    attribution_text: str | None
    hedged: bool
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EventSummary:
    """A merged event, its corroboration, and its lead mention as evidence."""

    merged_id: str
    source_code: str | None
    target_code: str | None
    cameo: str
    cameo_name: str
    quad_class: int
    goldstein: float
    modality: str
    date: dt.date | None
    last_date: dt.date | None
    date_precision: str
    attribution: str
    hedged: bool
    n_mentions: int
    n_articles: int
    n_outlets: int
    outlets: tuple[str, ...]
    corroboration: str
    lead: MentionEvidence


@dataclass(frozen=True, slots=True)
class DyadTimeline:
    dyad: tuple[str, str]
    events: tuple[EventSummary, ...]


@dataclass(frozen=True, slots=True)
class EventDetail:
    event: EventSummary
    mentions: tuple[MentionEvidence, ...]


@dataclass(frozen=True, slots=True)
class Count:
    value: str
    label: str
    n: int


@dataclass(frozen=True, slots=True)
class Overview:
    """What the store holds, and the values the filters can take."""

    articles: int
    mentions: int
    events: int
    first_date: dt.date | None
    last_date: dt.date | None
    outlets: tuple[Count, ...]
    event_types: tuple[Count, ...]
    corroboration: tuple[Count, ...]
    actors: tuple[Count, ...]


def require_merged(con: duckdb.DuckDBPyConnection) -> None:
    """Raise a ``StoreError`` saying what to do when the store has no merged events or search index yet."""
    found = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name IN ('merged_events', 'search_mentions')"
    ).fetchall()
    if found[0][0] < 2:
        raise StoreError("the store has no merged events or search index yet; run `tinkuy dedup --db FILE` on it")


def _rows(con: duckdb.DuckDBPyConnection, sql: str, parameters: dict[str, Any]) -> list[dict[str, Any]]:
    relation = con.sql(sql, params=parameters or None)
    rows: list[dict[str, Any]] = relation.to_arrow_table().to_pylist() if relation is not None else []
    return rows


def unit_selection(unit: Unit, filters: Filters) -> tuple[str, dict[str, Any]]:
    """A CTE ``units`` of the chosen unit, filtered, and its parameters: the mentions or merged events the filters select."""
    if unit not in UNITS:
        raise UsageError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    condition, parameters = filters.where(unit)
    return f"WITH units AS (SELECT * FROM ({_UNITS[unit]}) WHERE {condition})", parameters


def dyad_series(
    con: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    by: Period = "month",
    unit: Unit = "event",
    filters: Filters = DEFAULT_FILTERS,
    directed: bool = False,
) -> Series:
    """The events between ``a`` and ``b`` (both ways, or ``a`` to ``b`` when directed), period by period.

    Every period from the first to the last (the filters' ``start`` and ``end``
    when given) is present, with zero counts when nothing happened. A unit
    whose date is known less precisely than the period (to the month, in a
    weekly series) cannot be placed in one: it is left out, and counted apart.
    """
    if by not in PERIODS:
        raise UsageError(f"period must be one of {', '.join(PERIODS)}, not {by!r}")
    chosen = dataclasses.replace(filters, source=a, target=b) if directed else dataclasses.replace(filters, dyad=(a, b))
    units, parameters = unit_selection(unit, chosen)
    sql = f"""{units},
    counted AS (SELECT date_trunc($by, date)::DATE AS period, quad_class, goldstein FROM units
                WHERE date IS NOT NULL AND list_contains($precise, date_precision)),
    periods AS (
        SELECT unnest(generate_series(
            coalesce(date_trunc($by, $first::DATE)::DATE, (SELECT min(period) FROM counted)),
            coalesce(date_trunc($by, $last::DATE)::DATE, (SELECT max(period) FROM counted)),
            ('1 ' || $by)::INTERVAL))::DATE AS period)
    SELECT p.period, count(c.quad_class) AS events,
           count(*) FILTER (WHERE c.quad_class = 1) AS verbal_cooperation,
           count(*) FILTER (WHERE c.quad_class = 2) AS material_cooperation,
           count(*) FILTER (WHERE c.quad_class = 3) AS verbal_conflict,
           count(*) FILTER (WHERE c.quad_class = 4) AS material_conflict,
           round(coalesce(sum(c.goldstein), 0.0), 4) AS goldstein_sum, round(avg(c.goldstein), 4) AS goldstein_mean
    FROM periods p LEFT JOIN counted c USING (period) GROUP BY p.period ORDER BY p.period"""
    bounds = {"by": by, "first": filters.start, "last": filters.end, "precise": list(PRECISE_ENOUGH[by])}
    points = tuple(
        SeriesPoint(
            **row,
            net_cooperation=row["verbal_cooperation"]
            + row["material_cooperation"]
            - row["verbal_conflict"]
            - row["material_conflict"],
        )
        for row in _rows(con, sql, parameters | bounds)
    )
    imprecise = _rows(
        con,
        f"{units} SELECT count(*) AS n FROM units WHERE date IS NOT NULL AND NOT list_contains($precise, date_precision)",
        parameters | {"precise": bounds["precise"]},
    )[0]["n"]
    return Series((a, b), by, unit, directed, points, imprecise)


def dyads_series(
    con: duckdb.DuckDBPyConnection,
    dyads: Sequence[tuple[str, str]],
    by: Period = "month",
    unit: Unit = "event",
    filters: Filters = DEFAULT_FILTERS,
) -> list[Series]:
    """Series of several dyads over one common range of periods (from the first to the last event
    of any of them, unless the filters set it), so they can be drawn together."""
    spans = [_date_span(con, unit, dataclasses.replace(filters, dyad=dyad)) for dyad in dyads]
    firsts = [first for first, _ in spans if first]
    lasts = [last for _, last in spans if last]
    common = dataclasses.replace(
        filters, start=filters.start or min(firsts, default=None), end=filters.end or max(lasts, default=None)
    )
    return [dyad_series(con, a, b, by, unit, common) for a, b in dyads]


def _date_span(con: duckdb.DuckDBPyConnection, unit: Unit, filters: Filters) -> tuple[dt.date | None, dt.date | None]:
    units, parameters = unit_selection(unit, filters)
    span = _rows(con, f"{units} SELECT min(date) AS first, max(date) AS last FROM units", parameters)[0]
    return span["first"], span["last"]


@cache
def _country_codes() -> frozenset[str]:
    """The country and region codes that may open an actor code (``data/actors``)."""
    tables = (data_path("actors", "countries.tsv"), data_path("actors", "regions.tsv"))
    return frozenset(row["code"] for path in tables for row in read_table(path, ("code",)))


def actor_node(code: str, level: Level) -> str:
    """The node an actor code belongs to: its country at ``country`` level, the whole code at ``sector``.

    Codes that open with a type rather than a country (``IGOUNO``, ``NGO...``)
    stay whole: the UN and the EU are different actors.
    """
    if level == "sector" or code[:3] not in _country_codes():
        return code
    return code[:3]


def network(
    con: duckdb.DuckDBPyConnection,
    filters: Filters = DEFAULT_FILTERS,
    level: Level = "country",
    unit: Unit = "event",
    top: int | None = None,
) -> Network:
    """Actors and the units between them; the ``top`` actors by units, and the edges among them.

    Only units with a target count. Actors of unknown country and an actor
    acting on itself (at country level: domestic events) are left out.
    """
    if level not in LEVELS:
        raise UsageError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    units, parameters = unit_selection(unit, filters)
    sql = f"""{units} SELECT source_code, target_code, count(*) AS n, sum(goldstein) AS goldstein
    FROM units WHERE target_code IS NOT NULL AND NOT starts_with(source_code, $unknown) AND NOT starts_with(target_code, $unknown)
    GROUP BY ALL"""
    directed = _Directed()
    for row in _rows(con, sql, parameters | {"unknown": UNKNOWN_COUNTRY}):
        pair = (actor_node(row["source_code"], level), actor_node(row["target_code"], level))
        if pair[0] != pair[1]:
            directed.counts[pair] += row["n"]
            directed.goldstein[pair] += row["goldstein"]
    nodes = directed.nodes()
    kept = {n.actor for n in nodes[:top]}
    pairs = sorted({(min(pair), max(pair)) for pair in directed.counts})
    edges = sorted((directed.edge(a, b) for a, b in pairs if a in kept and b in kept), key=lambda e: (-e.events, e.a, e.b))
    return Network(level, unit, tuple(n for n in nodes if n.actor in kept), tuple(edges))


@dataclass
class _Directed:
    """Units and Goldstein totals per ordered pair of nodes, folded into nodes and edges."""

    counts: Counter[tuple[str, str]] = dataclasses.field(default_factory=Counter)
    goldstein: defaultdict[tuple[str, str], float] = dataclasses.field(default_factory=lambda: defaultdict(float))

    def nodes(self) -> list[Node]:
        sent: Counter[str] = Counter()
        received: Counter[str] = Counter()
        total: defaultdict[str, float] = defaultdict(float)
        for (source, target), n in self.counts.items():
            sent[source] += n
            received[target] += n
            total[source] += self.goldstein[source, target]
            total[target] += self.goldstein[source, target]
        events = sent + received
        nodes = [Node(a, events[a], sent[a], received[a], _mean(total[a], events[a])) for a in events]
        return sorted(nodes, key=lambda n: (-n.events, n.actor))

    def edge(self, a: str, b: str) -> Edge:
        forward, backward = (a, b), (b, a)
        return Edge(
            a,
            b,
            self.counts[forward],
            self.counts[backward],
            _mean(self.goldstein[forward], self.counts[forward]),
            _mean(self.goldstein[backward], self.counts[backward]),
        )


def _mean(total: float, n: int) -> float | None:
    return round(total / n, 4) if n else None


def top_dyads(
    con: duckdb.DuckDBPyConnection,
    filters: Filters = DEFAULT_FILTERS,
    limit: int = 5,
    level: Level = "country",
    unit: Unit = "event",
) -> list[Edge]:
    """The pairs of actors with the most units between them."""
    return list(network(con, filters, level, unit).edges[:limit])


_EVIDENCE = """struct_pack(
    event_id := m.event_id, article_id := m.article_id, title := m.title, url := m.url, outlet := m.outlet,
    published := m.published, sentence := m.sentence, source_text := m.source.text, target_text := m.target.text,
    source_span := m.evidence.source_span, target_span := m.evidence.target_span, event_spans := m.evidence.event_spans,
    rule := m.evidence.rule, source_entry := m.evidence.source_entry, target_entry := m.evidence.target_entry,
    cameo := m.cameo, date := m.date, date_text := m.evidence.date_text, modality := m.modality,
    attribution := m.attribution.type, attribution_text := m.attribution.text, hedged := m.hedged, notes := m.evidence.notes
) AS evidence"""

_ORDERS: dict[Order, str] = {
    "date": "e.date NULLS LAST, e.merged_id",
    "-date": "e.date DESC NULLS LAST, e.merged_id",
    "key": "e.n_outlets DESC, e.n_mentions DESC, abs(e.goldstein) DESC, e.date NULLS LAST, e.merged_id",
    "source": "e.source_code NULLS LAST, e.date NULLS LAST, e.merged_id",
    "-source": "e.source_code DESC NULLS LAST, e.date NULLS LAST, e.merged_id",
    "target": "e.target_code NULLS LAST, e.date NULLS LAST, e.merged_id",
    "-target": "e.target_code DESC NULLS LAST, e.date NULLS LAST, e.merged_id",
    "cameo": "e.cameo, e.date NULLS LAST, e.merged_id",
    "-cameo": "e.cameo DESC, e.date NULLS LAST, e.merged_id",
    "goldstein": "e.goldstein, e.date NULLS LAST, e.merged_id",
    "-goldstein": "e.goldstein DESC, e.date NULLS LAST, e.merged_id",
    "mentions": "e.n_mentions, e.date NULLS LAST, e.merged_id",
    "-mentions": "e.n_mentions DESC, e.date NULLS LAST, e.merged_id",
}


def events(
    con: duckdb.DuckDBPyConnection, filters: Filters = DEFAULT_FILTERS, order: Order = "date", limit: int = 100, offset: int = 0
) -> list[EventSummary]:
    """Merged events with their lead mention, by date or most reported first (``key``)."""
    if order not in _ORDERS:
        raise UsageError(f"order must be one of {', '.join(_ORDERS)}, not {order!r}")
    condition, parameters = filters.where()
    sql = f"""SELECT e.*, {_EVIDENCE}
    FROM (SELECT * FROM merged_events WHERE {condition}) e JOIN mentions m ON m.event_id = e.lead_event_id
    ORDER BY {_ORDERS[order]} LIMIT $limit OFFSET $offset"""
    return [_summary(row) for row in _rows(con, sql, parameters | {"limit": limit, "offset": offset})]


def timeline(con: duckdb.DuckDBPyConnection, filters: Filters = DEFAULT_FILTERS, limit: int = 20) -> list[EventSummary]:
    """The key events (most reported, then strongest) in date order; with a ``dyad`` filter, a dyad's timeline."""
    key = events(con, filters, order="key", limit=limit)
    return sorted(key, key=lambda e: (e.date or dt.date.max, e.merged_id))


def dyads_timeline(
    con: duckdb.DuckDBPyConnection, dyads: Sequence[tuple[str, str]], filters: Filters = DEFAULT_FILTERS, limit: int = 8
) -> list[DyadTimeline]:
    """The timelines of several dyads, ``limit`` key events each."""
    return [DyadTimeline(dyad, tuple(timeline(con, dataclasses.replace(filters, dyad=dyad), limit))) for dyad in dyads]


def count_events(con: duckdb.DuckDBPyConnection, filters: Filters = DEFAULT_FILTERS) -> int:
    """How many merged events the filters let through."""
    condition, parameters = filters.where()
    return int(_rows(con, f"SELECT count(*) AS n FROM merged_events WHERE {condition}", parameters)[0]["n"])


def event_detail(con: duckdb.DuckDBPyConnection, merged_id: str) -> EventDetail | None:
    """A merged event with every mention of it, or None when there is no such event."""
    found = _rows(
        con,
        f"""SELECT e.*, {_EVIDENCE} FROM merged_events e JOIN mentions m ON m.event_id = e.lead_event_id
        WHERE e.merged_id = $id""",
        {"id": merged_id},
    )
    if not found:
        return None
    return EventDetail(_summary(found[0]), mentions_of(con, [merged_id]).get(merged_id, ()))


def mentions_of(con: duckdb.DuckDBPyConnection, merged_ids: Sequence[str]) -> dict[str, tuple[MentionEvidence, ...]]:
    """Every mention of these merged events with its evidence, by merged event, earliest published first."""
    rows = _rows(
        con,
        f"""SELECT m.merged_id, {_EVIDENCE} FROM mentions m WHERE m.merged_id IN (SELECT unnest($ids))
        ORDER BY m.merged_id, m.published NULLS LAST, m.event_id""",
        {"ids": list(merged_ids)},
    )
    found: defaultdict[str, list[MentionEvidence]] = defaultdict(list)
    for row in rows:
        found[row["merged_id"]].append(_evidence(row["evidence"]))
    return {merged_id: tuple(mentions) for merged_id, mentions in found.items()}


def _evidence(row: dict[str, Any]) -> MentionEvidence:
    def span(value: list[int] | None) -> tuple[int, int] | None:
        return (value[0], value[1]) if value else None

    return MentionEvidence(
        **{f.name: row[f.name] for f in dataclasses.fields(MentionEvidence)}
        | {
            "source_span": span(row["source_span"]),
            "target_span": span(row["target_span"]),
            "event_spans": tuple((s[0], s[1]) for s in row["event_spans"] or ()),
            "notes": tuple(row["notes"] or ()),
        }
    )


def _summary(row: dict[str, Any]) -> EventSummary:
    names = {f.name for f in dataclasses.fields(EventSummary)} - {"cameo_name", "outlets", "lead"}
    return EventSummary(
        **{name: row[name] for name in names},
        cameo_name=_code_name(row["cameo"]),
        outlets=tuple(row["outlets"]),
        lead=_evidence(row["evidence"]),
    )


def _code_name(code: str) -> str:
    codebook = load_codebook()
    return codebook[code].name if code in codebook else code


def overview(con: duckdb.DuckDBPyConnection) -> Overview:
    """Counts, the date range, and the outlets, event types and corroboration levels present."""
    totals = _rows(
        con,
        """SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM merged_mentions) AS mentions,
                  count(*) AS events, min(date) AS first_date, max(date) AS last_date FROM merged_events""",
        {},
    )[0]
    outlets = _rows(
        con,
        "SELECT outlet AS value, count(*) AS n FROM articles WHERE outlet IS NOT NULL GROUP BY ALL ORDER BY n DESC, value",
        {},
    )
    roots = _rows(con, "SELECT left(cameo, 2) AS value, count(*) AS n FROM merged_events GROUP BY ALL ORDER BY value", {})
    levels = _rows(con, "SELECT corroboration AS value, count(*) AS n FROM merged_events GROUP BY ALL", {})
    actors = _rows(
        con,
        """SELECT code AS value, count(*) AS n FROM (SELECT source_code AS code FROM merged_events
           UNION ALL SELECT target_code FROM merged_events) WHERE code IS NOT NULL GROUP BY ALL ORDER BY n DESC, value LIMIT $limit""",
        {"limit": OVERVIEW_ACTORS},
    )
    return Overview(
        **totals,
        outlets=tuple(Count(r["value"], r["value"], r["n"]) for r in outlets),
        event_types=tuple(Count(r["value"], _code_name(r["value"]), r["n"]) for r in roots),
        corroboration=tuple(
            Count(r["value"], r["value"].replace("_", " "), r["n"])
            for r in sorted(levels, key=lambda r: CORROBORATION_LEVELS.index(r["value"]))
        ),
        actors=tuple(Count(r["value"], r["value"], r["n"]) for r in actors),
    )


def jsonable(value: Any) -> Any:
    """Results as JSON-ready values: dataclasses as objects, tuples as lists, dates as ISO strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
