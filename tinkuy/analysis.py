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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, get_args

import duckdb

from .coding.codebook import load_codebook
from .datafiles import data_path, read_table
from .dedup import CORROBORATION_LEVELS
from .errors import StoreError, UsageError
from .maps import place_clause
from .search import matching_docs
from .store import query_rows

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

ACTOR_PREFIX = r"^[A-Z-]{3,24}$"
"""What an actor argument may be: a CAMEO code or a prefix of one (``USA``, ``USAGOV``, ``---COP``)."""

MAX_PERIODS = 5_000
"""The most periods one series holds (some 13 years by day, 96 by week, 416 by month): a series of
more is refused, so no request fills millions of empty days."""

OVERVIEW_ACTORS = 300
"""How many actor codes, most frequent first, the overview offers to the filters."""

UNKNOWN_COUNTRY = "---"
"""The country slot of actors whose country the text does not give; they are left out of dyads."""

_UNITS: dict[Unit, str] = {
    "event": """SELECT merged_id AS unit_id, merged_id, date, date_precision, source_code, target_code, cameo, quad_class, goldstein,
                       modality, attribution, hedged, corroboration, outlets, merged_number, location
                FROM merged_events""",
    "mention": """SELECT event_id AS unit_id, event_id, date, date_precision, source_code, target_code, cameo, quad_class, goldstein,
                         modality, attribution, hedged, corroboration, CASE WHEN outlet IS NULL THEN []::VARCHAR[] ELSE [outlet] END AS outlets,
                         doc, merged_number
                  FROM merged_mentions""",
}

_DYAD = """((starts_with(source_code, {dyad}[1]) AND starts_with(target_code, {dyad}[2]))
    OR (starts_with(source_code, {dyad}[2]) AND starts_with(target_code, {dyad}[1])))"""
"""Units between the two actors of a dyad (a list parameter), either way."""

_CLAUSES = {
    "start": "date >= $start",
    "end": "date <= $end",
    "actor": "(starts_with(source_code, $actor) OR starts_with(target_code, $actor))",
    "source": "starts_with(source_code, $source)",
    "target": "starts_with(target_code, $target)",
    "dyad": _DYAD.format(dyad="$dyad"),
    "cameo": "starts_with(cameo, $cameo)",
    "quad_class": "quad_class = $quad_class",
    "outlet": "list_contains(outlets, $outlet)",
    "attribution": "attribution = $attribution",
    "corroboration": "corroboration = $corroboration",
    "hedged": "hedged = $hedged",
    "modality": "modality = $modality",
}


_TEXT_CLAUSES: dict[Unit, str] = {
    "event": "merged_number IN (SELECT merged_number FROM merged_mentions WHERE doc IN ({found}))",
    "mention": "doc IN ({found})",
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
    country: str | None = None
    """The ISO alpha-2 code of the country the event happened in (``tinkuy.maps``)."""
    bbox: tuple[float, float, float, float] | None = None
    """West, south, east and north edges, in degrees, of a box the event happened in (a town or division in it)."""
    place: int | None = None
    """The GeoNames id of the place the event happened in."""

    def where(self, unit: Unit = "event") -> tuple[str, dict[str, Any]]:
        """The SQL condition on a units relation (or on ``merged_events`` for events), and its named parameters."""
        given = {name: value for name in _CLAUSES if (value := getattr(self, name)) is not None}
        clauses = [_CLAUSES[name] for name in given]
        parameters = {name: list(value) if name == "dyad" else value for name, value in given.items()}
        if self.text is not None:
            found, words = matching_docs(self.text)
            clauses.append(_TEXT_CLAUSES[unit].format(found=found))
            parameters |= words
        if (placed := place_clause(self, unit)) is not None:
            clauses.append(placed[0])
            parameters |= placed[1]
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


def unit_selection(unit: Unit, filters: Filters) -> tuple[str, dict[str, Any]]:
    """A CTE ``units`` of the chosen unit, filtered, and its parameters: the mentions or merged events the filters select."""
    if unit not in UNITS:
        raise UsageError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    condition, parameters = filters.where(unit)
    return f"WITH units AS (SELECT * FROM ({_UNITS[unit]}) WHERE {condition})", parameters


def period_count(by: Period, first: dt.date, last: dt.date) -> int:
    """How many periods of ``by`` a series from ``first`` to ``last`` holds: from the period ``first``
    falls in to the one ``last`` falls in (weeks start on Monday), none when that is backwards."""
    if by == "day":
        count = (last - first).days + 1
    elif by == "week":
        count = ((last - dt.timedelta(days=last.weekday())) - (first - dt.timedelta(days=first.weekday()))).days // 7 + 1
    elif by == "month":
        count = (last.year - first.year) * 12 + last.month - first.month + 1
    else:
        count = last.year - first.year + 1
    return max(count, 0)


def require_periods(by: Period, first: dt.date, last: dt.date) -> None:
    """Raise a ``UsageError`` saying what to ask instead when a series from ``first`` to ``last`` by ``by``
    would hold more than ``MAX_PERIODS`` periods."""
    count = period_count(by, first, last)
    if count > MAX_PERIODS:
        raise UsageError(
            f"a series by {by} from {first} to {last} would have {count:,} periods, and the most is {MAX_PERIODS:,}:"
            " ask for a longer period or a shorter date range"
        )


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
    when given) is present, with zero counts when nothing happened; a
    ``UsageError`` when that is more than ``MAX_PERIODS`` periods. A unit
    whose date is known less precisely than the period (to the month, in a
    weekly series) cannot be placed in one: it is left out, and counted apart.
    """
    return dyads_series(con, [(a, b)], by, unit, filters, directed)[0]


def dyads_series(
    con: duckdb.DuckDBPyConnection,
    dyads: Sequence[tuple[str, str]],
    by: Period = "month",
    unit: Unit = "event",
    filters: Filters = DEFAULT_FILTERS,
    directed: bool = False,
) -> list[Series]:
    """Series of several dyads over one common range of periods (from the first to the last event
    of any of them, unless the filters set it), so they can be drawn together; as ``dyad_series``.

    All the dyads are counted in one pass over the units, and their range and imprecise units in another.
    """
    counted, parameters = _dyad_units(dyads, by, unit, filters, directed)
    spans = query_rows(
        con,
        f"""{counted} SELECT k, count(*) FILTER (WHERE NOT placed) AS imprecise,
        min(period) FILTER (WHERE placed) AS first, max(period) FILTER (WHERE placed) AS last FROM counted GROUP BY k""",
        parameters,
    )
    imprecise = [0] * len(dyads)
    for span in spans:
        imprecise[span["k"]] = span["imprecise"]
    first = filters.start or min((span["first"] for span in spans if span["first"]), default=None)
    last = filters.end or max((span["last"] for span in spans if span["last"]), default=None)
    if first is None or last is None:
        return [Series(dyad, by, unit, directed, (), n) for dyad, n in zip(dyads, imprecise, strict=True)]
    require_periods(by, first, last)
    sql = f"""{counted},
    periods AS (
        SELECT k, unnest(generate_series(date_trunc($by, $first::DATE)::DATE, date_trunc($by, $last::DATE)::DATE,
                                         ('1 ' || $by)::INTERVAL))::DATE AS period FROM dyads)
    SELECT p.k, p.period, count(c.quad_class) AS events,
           count(*) FILTER (WHERE c.quad_class = 1) AS verbal_cooperation,
           count(*) FILTER (WHERE c.quad_class = 2) AS material_cooperation,
           count(*) FILTER (WHERE c.quad_class = 3) AS verbal_conflict,
           count(*) FILTER (WHERE c.quad_class = 4) AS material_conflict,
           round(coalesce(sum(c.goldstein), 0.0), 4) AS goldstein_sum, round(avg(c.goldstein), 4) AS goldstein_mean
    FROM periods p LEFT JOIN (SELECT * FROM counted WHERE placed) c USING (k, period)
    GROUP BY p.k, p.period ORDER BY p.k, p.period"""
    points: list[list[SeriesPoint]] = [[] for _ in dyads]
    for row in query_rows(con, sql, parameters | {"first": first, "last": last}):
        quads = row["verbal_cooperation"] + row["material_cooperation"] - row["verbal_conflict"] - row["material_conflict"]
        points[row.pop("k")].append(SeriesPoint(**row, net_cooperation=quads))
    return [Series(dyad, by, unit, directed, tuple(found), n) for dyad, found, n in zip(dyads, points, imprecise, strict=True)]


def _dyad_units(
    dyads: Sequence[tuple[str, str]], by: Period, unit: Unit, filters: Filters, directed: bool
) -> tuple[str, dict[str, Any]]:
    """CTEs ``dyads`` (each numbered ``k``) and ``counted``: the dated units of each dyad with their period,
    ``placed`` when their date is precise enough to fall in one; and their parameters."""
    if by not in PERIODS:
        raise UsageError(f"period must be one of {', '.join(PERIODS)}, not {by!r}")
    others = dataclasses.replace(filters, source=None, target=None) if directed else dataclasses.replace(filters, dyad=None)
    units, parameters = unit_selection(unit, others)
    sql = f"""{units},
    dyads AS (SELECT unnest(range(len($firsts))) AS k, unnest($firsts) AS a, unnest($seconds) AS b),
    counted AS (
        SELECT d.k, date_trunc($by, u.date)::DATE AS period, u.quad_class, u.goldstein,
               list_contains($precise, u.date_precision) AS placed
        FROM units u JOIN dyads d
        ON (starts_with(u.source_code, d.a) AND starts_with(u.target_code, d.b))
            OR (NOT $directed AND starts_with(u.source_code, d.b) AND starts_with(u.target_code, d.a))
        WHERE u.date IS NOT NULL)"""
    dyad_ends = {"firsts": [a for a, _ in dyads], "seconds": [b for _, b in dyads]}
    return sql, parameters | dyad_ends | {"directed": directed, "by": by, "precise": list(PRECISE_ENOUGH[by])}


def require_actors(con: duckdb.DuckDBPyConnection, codes: Sequence[str]) -> None:
    """Raise a ``UsageError`` naming the actor codes no merged event's source or target starts with."""
    unknown = [
        code
        for code in codes
        if not query_rows(
            con,
            "SELECT 1 AS found FROM merged_events WHERE starts_with(source_code, $code) OR starts_with(target_code, $code) LIMIT 1",
            {"code": code},
        )
    ]
    if unknown:
        raise UsageError(f"no actor in the store has a code starting with {' or '.join(unknown)}")


@cache
def _country_codes() -> frozenset[str]:
    """The country and region codes that may open an actor code (``data/actors``)."""
    tables = (data_path("actors", "countries.tsv"), data_path("actors", "regions.tsv"))
    return frozenset(row["code"] for path in tables for row in read_table(path, ("code",)))


_NODE = "CASE WHEN $sector OR {1}.code IS NULL THEN {0} ELSE {1}.code END"
"""The node an actor code belongs to, given the ``countries`` row its first three letters join (``{1}``): its
country at ``country`` level, the whole code at ``sector``. Codes that open with a type rather than a country
(``IGOUNO``, ``NGO...``) join none and stay whole: the UN and the EU are different actors."""


def network(
    con: duckdb.DuckDBPyConnection,
    filters: Filters = DEFAULT_FILTERS,
    level: Level = "country",
    unit: Unit = "event",
    top: int | None = None,
) -> Network:
    """Actors and the units between them; the ``top`` actors by units, and the edges among them.

    Only units with a target count. Actors of unknown country and an actor
    acting on itself (at country level: domestic events) are left out. The
    counting is done in the database, so only the nodes kept and the pairs
    among them come back, however large the store.
    """
    pairs, parameters = _pairs(unit, filters, level)
    sql = f"""{pairs},
    ends AS (SELECT a AS actor, n, goldstein, n AS sent, 0 AS received FROM pairs
             UNION ALL SELECT b, n, goldstein, 0, n FROM pairs),
    nodes AS (SELECT actor, sum(n)::BIGINT AS n, sum(sent)::BIGINT AS sent, sum(received)::BIGINT AS received,
                     sum(goldstein) AS goldstein
              FROM ends GROUP BY actor ORDER BY n DESC, actor LIMIT $top)
    SELECT actor AS a, NULL AS b, n, sent, received, goldstein FROM nodes
    UNION ALL
    SELECT a, b, n, NULL, NULL, goldstein FROM pairs WHERE a IN (SELECT actor FROM nodes) AND b IN (SELECT actor FROM nodes)"""
    rows = query_rows(con, sql, parameters | {"top": top or 2**62})
    nodes = sorted(
        (Node(r["a"], r["n"], r["sent"], r["received"], _mean(r["goldstein"], r["n"])) for r in rows if r["b"] is None),
        key=lambda n: (-n.events, n.actor),
    )
    edges = _edges(r for r in rows if r["b"] is not None)
    return Network(level, unit, tuple(nodes), tuple(edges))


def _pairs(unit: Unit, filters: Filters, level: Level) -> tuple[str, dict[str, Any]]:
    """A CTE ``pairs``: the units and summed Goldstein of each ordered pair of nodes (``a`` acting on ``b``),
    and its parameters; units without a target or with an actor of unknown country left out, and a node
    acting on itself."""
    if level not in LEVELS:
        raise UsageError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    units, parameters = unit_selection(unit, filters)
    sql = f"""{units},
    countries AS (SELECT unnest($countries) AS code),
    pairs AS (
        SELECT * FROM (
            SELECT {_NODE.format("u.source_code", "s")} AS a, {_NODE.format("u.target_code", "t")} AS b, count(*) AS n,
                   sum(u.goldstein) AS goldstein
            FROM units u LEFT JOIN countries s ON s.code = left(u.source_code, 3) LEFT JOIN countries t ON t.code = left(u.target_code, 3)
            WHERE u.target_code IS NOT NULL AND NOT starts_with(u.source_code, $unknown) AND NOT starts_with(u.target_code, $unknown)
            GROUP BY ALL)
        WHERE a <> b)"""
    bounds = {"sector": level == "sector", "countries": sorted(_country_codes()), "unknown": UNKNOWN_COUNTRY}
    return sql, parameters | bounds


def _edges(rows: Iterable[dict[str, Any]]) -> list[Edge]:
    """The edges of the ordered pairs' rows (``a``, ``b``, ``n``, ``goldstein``), most units first."""
    directed = _Directed()
    for row in rows:
        directed.counts[row["a"], row["b"]] = row["n"]
        directed.goldstein[row["a"], row["b"]] = row["goldstein"]
    pairs = sorted({(min(pair), max(pair)) for pair in directed.counts})
    return sorted((directed.edge(a, b) for a, b in pairs), key=lambda e: (-e.events, e.a, e.b))


@dataclass
class _Directed:
    """Units and Goldstein totals per ordered pair of nodes, folded into edges."""

    counts: Counter[tuple[str, str]] = dataclasses.field(default_factory=Counter)
    goldstein: defaultdict[tuple[str, str], float] = dataclasses.field(default_factory=lambda: defaultdict(float))

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
    """The pairs of actors with the most units between them (as ``network`` counts them), chosen in the database."""
    pairs, parameters = _pairs(unit, filters, level)
    sql = f"""{pairs},
    chosen AS (SELECT least(a, b) AS x, greatest(a, b) AS y, sum(n) AS total FROM pairs GROUP BY ALL
               ORDER BY total DESC, x, y LIMIT $limit)
    SELECT p.* FROM pairs p JOIN chosen ON least(p.a, p.b) = chosen.x AND greatest(p.a, p.b) = chosen.y"""
    return _edges(query_rows(con, sql, parameters | {"limit": limit}))


_EVIDENCE = """struct_pack(
    event_id := m.event_id, article_id := m.article_id, title := a.title, url := a.url, outlet := a.outlet,
    published := a.published, sentence := m.sentence, source_text := m.source.text, target_text := m.target.text,
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
    """Merged events with their lead mention, by date or most reported first (``key``): the page is chosen
    among the merged events before their lead mentions are joined, so a page costs the same at any depth."""
    if order not in _ORDERS:
        raise UsageError(f"order must be one of {', '.join(_ORDERS)}, not {order!r}")
    condition, parameters = filters.where()
    sql = f"SELECT * FROM merged_events e WHERE {condition} ORDER BY {_ORDERS[order]} LIMIT $limit OFFSET $offset"
    return [_summary(row) for row in _with_leads(con, query_rows(con, sql, parameters | {"limit": limit, "offset": offset}))]


def timeline(con: duckdb.DuckDBPyConnection, filters: Filters = DEFAULT_FILTERS, limit: int = 20) -> list[EventSummary]:
    """The key events (most reported, then strongest) in date order; with a ``dyad`` filter, a dyad's timeline."""
    key = events(con, filters, order="key", limit=limit)
    return sorted(key, key=lambda e: (e.date or dt.date.max, e.merged_id))


def dyads_timeline(
    con: duckdb.DuckDBPyConnection, dyads: Sequence[tuple[str, str]], filters: Filters = DEFAULT_FILTERS, limit: int = 8
) -> list[DyadTimeline]:
    """The timelines of several dyads, ``limit`` key events each, as ``timeline`` chooses them, in one query."""
    if not dyads:
        return []
    condition, parameters = dataclasses.replace(filters, dyad=None).where()
    key = _ORDERS["key"]
    chosen = " UNION ALL ".join(
        f"""(SELECT {k} AS k, * FROM merged_events e WHERE {condition} AND {_DYAD.format(dyad=f"$dyads[{k + 1}]")}
        ORDER BY {key} LIMIT $limit)"""
        for k in range(len(dyads))
    )
    sql = f"SELECT * FROM ({chosen}) ORDER BY k, date NULLS LAST, merged_id"
    found: list[list[EventSummary]] = [[] for _ in dyads]
    for row in _with_leads(con, query_rows(con, sql, parameters | {"dyads": [list(dyad) for dyad in dyads], "limit": limit})):
        found[row.pop("k")].append(_summary(row))
    return [DyadTimeline(dyad, tuple(events)) for dyad, events in zip(dyads, found, strict=True)]


def count_events(con: duckdb.DuckDBPyConnection, filters: Filters = DEFAULT_FILTERS) -> int:
    """How many merged events the filters let through."""
    condition, parameters = filters.where()
    return int(query_rows(con, f"SELECT count(*) AS n FROM merged_events WHERE {condition}", parameters)[0]["n"])


def event_detail(con: duckdb.DuckDBPyConnection, merged_id: str) -> EventDetail | None:
    """A merged event with every mention of it, or None when there is no such event."""
    found = _with_leads(con, query_rows(con, "SELECT * FROM merged_events WHERE merged_id = $id", {"id": merged_id}))
    if not found:
        return None
    return EventDetail(_summary(found[0]), mentions_of(con, [merged_id]).get(merged_id, ()))


def _with_leads(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of merged events, each with the ``evidence`` of its lead mention. The leads are read by their ids,
    which reads only theirs where a join would read every stored mention, and their articles are then joined
    to them alone (hence the materialized leads)."""
    ids = {f"lead_{n}": event_id for n, event_id in enumerate(sorted({row["lead_event_id"] for row in rows}))}
    if not ids:
        return rows
    sql = f"""WITH m AS MATERIALIZED (SELECT * FROM events WHERE event_id IN ({", ".join(f"${name}" for name in ids)}))
    SELECT m.event_id, {_EVIDENCE} FROM m LEFT JOIN articles a USING (article_id)"""
    evidence = {lead["event_id"]: lead["evidence"] for lead in query_rows(con, sql, ids)}
    return [row | {"evidence": evidence[row["lead_event_id"]]} for row in rows]


def mentions_of(con: duckdb.DuckDBPyConnection, merged_ids: Sequence[str]) -> dict[str, tuple[MentionEvidence, ...]]:
    """Every mention of these merged events with its evidence, by merged event, earliest published first."""
    rows = query_rows(
        con,
        f"""SELECT mm.merged_id, {_EVIDENCE} FROM merged_mentions mm JOIN events m USING (event_id)
        JOIN articles a USING (article_id) WHERE mm.merged_id IN (SELECT unnest($ids))
        ORDER BY mm.merged_id, a.published NULLS LAST, m.event_id""",
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
    totals = query_rows(
        con,
        """SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM merged_mentions) AS mentions,
                  count(*) AS events, min(date) AS first_date, max(date) AS last_date FROM merged_events""",
        {},
    )[0]
    outlets = query_rows(
        con,
        "SELECT outlet AS value, count(*) AS n FROM articles WHERE outlet IS NOT NULL GROUP BY ALL ORDER BY n DESC, value",
        {},
    )
    roots = query_rows(con, "SELECT left(cameo, 2) AS value, count(*) AS n FROM merged_events GROUP BY ALL ORDER BY value", {})
    levels = query_rows(con, "SELECT corroboration AS value, count(*) AS n FROM merged_events GROUP BY ALL", {})
    actors = query_rows(
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
