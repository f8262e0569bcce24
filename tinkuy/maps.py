"""Where merged events happened: the place of each, the filters by place, and the map's aggregates.

A merged event's place is the location of one of its mentions (``tinkuy.places`` puts a location on
each mention whose text states one), which dedup chooses and keeps (``merged_events.location``,
``tinkuy.dedup._PLACES``).

- ``place_clause``: the SQL condition of the place filters (``country``, ``bbox``, ``place``) for
  ``tinkuy.analysis.Filters``, on merged events or on mentions (a mention is where its event is).
- ``place_map``: the located events of a selection, aggregated per place and per country, in the
  database, and bounded in rows, for the map of the app and the report.
- ``places_of``: the place of each of a few merged events, for the rows that list them.
- ``world_map``: the country outlines the map draws (``data/maps/countries.json``, Natural Earth).
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from .datafiles import data_path
from .errors import UsageError
from .store import query_rows

if TYPE_CHECKING:
    import duckdb

    from .analysis import Filters, Unit

MAX_PLACES = 2_000
"""The most places one answer holds, the most reported first."""

_CONDITIONS = {
    "country": "location.country_code = $country",
    "place": "location.geonames_id = $place",
    "bbox": "location.precision <> 'country' AND location.latitude BETWEEN $bbox[2] AND $bbox[4]"
    " AND CASE WHEN $bbox[1] <= $bbox[3] THEN location.longitude BETWEEN $bbox[1] AND $bbox[3]"
    " ELSE location.longitude >= $bbox[1] OR location.longitude <= $bbox[3] END",
}
"""Each place filter as a condition on a merged event's place. A box holds the events placed at a town or a
division inside it, not those known only to a country: a country's position is no place they happened. A box
whose west edge is east of its east edge crosses the antimeridian."""

_PLACE_CLAUSES: dict[str, str] = {
    "event": "{conditions}",
    "mention": "merged_number IN (SELECT merged_number FROM merged_events WHERE {conditions})",
}
"""The place filters on merged events, and on mentions: a mention is where its merged event is."""


def require_box(west: float, south: float, east: float, north: float) -> tuple[float, float, float, float]:
    """The edges of a box, when they make one (longitudes from -180 to 180, latitudes from -90 to 90, the
    south edge not north of the north edge); else a ``UsageError`` saying why."""
    if not (all(-180 <= x <= 180 for x in (west, east)) and all(-90 <= y <= 90 for y in (south, north))):
        raise UsageError("longitudes run from -180 to 180 and latitudes from -90 to 90")
    if south > north:
        raise UsageError(f"the south edge ({south:g}) is north of the north edge ({north:g})")
    return west, south, east, north


def place_clause(filters: Filters, unit: Unit) -> tuple[str, dict[str, Any]] | None:
    """The condition the place filters set on merged events or mentions, and its parameters; None without any."""
    given = {name: value for name in _CONDITIONS if (value := getattr(filters, name)) is not None}
    if not given:
        return None
    conditions = " AND ".join(f"({_CONDITIONS[name]})" for name in given)
    parameters = {name: list(value) if name == "bbox" else value for name, value in given.items()}
    return _PLACE_CLAUSES[unit].format(conditions=conditions), parameters


@dataclass(frozen=True, slots=True)
class EventPlace:
    """Where a merged event happened: the place, its precision, and why the event is placed there."""

    name: str
    country_code: str
    admin1: str | None
    latitude: float
    longitude: float
    geonames_id: int
    precision: str
    text: str
    rule: str


@dataclass(frozen=True, slots=True)
class MapPlace:
    """A town or a division, and the merged events placed there."""

    geonames_id: int
    name: str
    country_code: str
    admin1: str | None
    latitude: float
    longitude: float
    precision: str
    events: int
    mentions: int
    """The mentions of those events: how much they were reported."""
    goldstein_mean: float
    quad_classes: tuple[int, int, int, int]
    """Events of QuadClass 1, 2, 3 and 4."""


@dataclass(frozen=True, slots=True)
class MapCountry:
    """A country: every merged event placed in it, and those known only to be in it (which shade it)."""

    country_code: str
    events: int
    mentions: int
    country_events: int
    country_mentions: int
    goldstein_mean: float | None
    """The mean Goldstein score of the events known only to the country."""
    latitude: float | None
    longitude: float | None
    """Where the gazetteer puts the country (where its people live), when events are known only to be in it:
    the map marks a country too small for its outlines there."""
    quad_classes: tuple[int, int, int, int]
    """Events known only to the country, of QuadClass 1, 2, 3 and 4."""


@dataclass(frozen=True, slots=True)
class PlaceMap:
    """The located merged events of a selection, for a map."""

    events: int
    """Merged events the filters select."""
    located: int
    """Of those, the events with a place."""
    places: tuple[MapPlace, ...]
    """Towns and divisions, the most reported first."""
    more_places: int
    """Places left out by the limit."""
    countries: tuple[MapCountry, ...]


_MAPPED = "struct_pack({})".format(
    ", ".join(
        f"{f} := location.{f}" for f in ("geonames_id", "name", "admin1", "country_code", "latitude", "longitude", "precision")
    )
)
"""The fields of a merged event's place that the map reads (a million of them are counted at once)."""


def _quad_counts(among: str = "TRUE") -> str:
    """Columns ``q1`` to ``q4``: the events of each QuadClass among those that meet ``among``."""
    return ", ".join(f"count(*) FILTER (WHERE {among} AND quad_class = {q})::INTEGER AS q{q}" for q in range(1, 5))


def place_map(con: duckdb.DuckDBPyConnection, filters: Filters, limit: int = 500) -> PlaceMap:
    """The merged events the filters select, per place (towns and divisions, at most ``limit``, the most
    reported first) and per country, counted in the database in one query."""
    condition, parameters = filters.where()
    sql = f"""WITH selected AS MATERIALIZED (
        SELECT n_mentions, quad_class, goldstein, {_MAPPED} AS l FROM merged_events WHERE {condition}),
    placed AS (SELECT * FROM selected WHERE l.geonames_id IS NOT NULL),
    places AS (
        SELECT l.geonames_id, any_value(l.name) AS name, any_value(l.admin1) AS admin1, any_value(l.country_code) AS country_code,
               any_value(l.latitude) AS latitude, any_value(l.longitude) AS longitude,
               any_value(l.precision) AS precision, count(*)::INTEGER AS events, sum(n_mentions)::INTEGER AS mentions,
               round(avg(goldstein), 4) AS goldstein_mean, {_quad_counts()}
        FROM placed WHERE l.precision <> 'country' GROUP BY l.geonames_id),
    shown AS (SELECT * FROM places ORDER BY mentions DESC, events DESC, geonames_id LIMIT $limit),
    countries AS (
        SELECT l.country_code, count(*)::INTEGER AS events, sum(n_mentions)::INTEGER AS mentions,
               count(*) FILTER (WHERE l.precision = 'country')::INTEGER AS country_events,
               coalesce(sum(n_mentions) FILTER (WHERE l.precision = 'country'), 0)::INTEGER AS country_mentions,
               round(avg(goldstein) FILTER (WHERE l.precision = 'country'), 4) AS goldstein_mean,
               any_value(l.latitude) FILTER (WHERE l.precision = 'country') AS latitude,
               any_value(l.longitude) FILTER (WHERE l.precision = 'country') AS longitude,
               {_quad_counts("l.precision = 'country'")}
        FROM placed GROUP BY l.country_code)
    SELECT (SELECT count(*) FROM selected)::INTEGER AS events, (SELECT count(*) FROM placed)::INTEGER AS located,
           (SELECT count(*) FROM places)::INTEGER AS n_places,
           (SELECT list(p ORDER BY p.mentions DESC, p.events DESC, p.geonames_id) FROM shown p) AS places,
           (SELECT list(c ORDER BY c.events DESC, c.country_code) FROM countries c) AS countries"""
    found = query_rows(con, sql, parameters | {"limit": limit})[0]
    places = found["places"] or []
    return PlaceMap(
        events=found["events"],
        located=found["located"],
        places=tuple(MapPlace(**_fields(MapPlace, r), quad_classes=_quads(r)) for r in places),
        more_places=found["n_places"] - len(places),
        countries=tuple(MapCountry(**_fields(MapCountry, r), quad_classes=_quads(r)) for r in found["countries"] or []),
    )


def places_of(con: duckdb.DuckDBPyConnection, merged_ids: list[str]) -> dict[str, EventPlace]:
    """The place of each of these merged events that has one."""
    rows = query_rows(
        con,
        "SELECT merged_id, location AS l FROM merged_events WHERE merged_id IN (SELECT unnest($ids)) AND location IS NOT NULL",
        {"ids": merged_ids},
    )
    names = [f.name for f in dataclasses.fields(EventPlace)]
    return {r["merged_id"]: EventPlace(**{name: r["l"][name] for name in names}) for r in rows}


@cache
def world_map() -> dict[str, Any]:
    """The country outlines the map draws: rings keyed by ISO alpha-2 code (see ``data/maps/SOURCES.md``)."""
    document: dict[str, Any] = json.loads(data_path("maps", "countries.json").read_text(encoding="utf-8"))
    return document


def _fields(kind: type[MapPlace] | type[MapCountry], row: dict[str, Any]) -> dict[str, Any]:
    return {f.name: row[f.name] for f in dataclasses.fields(kind) if f.name != "quad_classes"}


def _quads(row: dict[str, Any]) -> tuple[int, int, int, int]:
    return (row["q1"], row["q2"], row["q3"], row["q4"])
