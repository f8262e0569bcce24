"""The JSON API under ``/api/``: thin routes over ``tinkuy.analysis``.

Each request gets its own cursor on the store's last published version, so
requests served side by side by the thread pool never share one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from pydantic import BaseModel

from .. import analysis, maps
from ..search import query_words
from ..watch.state import FeedStatus, feed_status
from .params import EventParams, NetworkParams, PlacesParams, SeriesParams, TimelineParams, given_once

router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(given_once)])


def cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of the app's store for one request."""
    connection: duckdb.DuckDBPyConnection = request.app.state.store.cursor()
    try:
        yield connection
    finally:
        connection.close()


Connection = Annotated[duckdb.DuckDBPyConnection, Depends(cursor)]


class EventPage(BaseModel):
    """One page of merged events, and how many the filters let through."""

    total: int
    offset: int
    limit: int
    events: list[analysis.EventSummary]
    words: list[str]
    """The words searched for (those of ``text`` that are not too common), to mark where they match."""
    places: dict[str, maps.EventPlace]
    """Where the events of this page happened, by merged event id; an event with no stated place has none."""


@router.get("/overview", summary="What the store holds and the values the filters can take")
def overview(con: Connection) -> analysis.Overview:
    return analysis.overview(con)


def _dyads(con: duckdb.DuckDBPyConnection, filters: analysis.Filters, top: int, unit: analysis.Unit) -> list[tuple[str, str]]:
    """The dyad the filters name, or else the ``top`` dyads."""
    return [filters.dyad] if filters.dyad else [(e.a, e.b) for e in analysis.top_dyads(con, filters, top, unit=unit)]


@router.get("/series", summary="Cooperation and conflict over time: the dyad asked for, or the top dyads")
def series(con: Connection, params: Annotated[SeriesParams, Query()]) -> list[analysis.Series]:
    filters = params.filters()
    return analysis.dyads_series(con, _dyads(con, filters, params.top, params.unit), params.by, params.unit, filters)


@router.get("/dyads", summary="The pairs of actors with the most events between them")
def dyads(con: Connection, params: Annotated[NetworkParams, Query()]) -> list[analysis.Edge]:
    return analysis.top_dyads(con, params.filters(), params.top, params.level, params.unit)


@router.get("/network", summary="Actors and the events between them, in both directions")
def network(con: Connection, params: Annotated[NetworkParams, Query()]) -> analysis.Network:
    return analysis.network(con, params.filters(), params.level, params.unit, params.top)


@router.get("/timeline", summary="The key events of the dyad asked for, or of the top dyads, in date order")
def timeline(con: Connection, params: Annotated[TimelineParams, Query()]) -> list[analysis.DyadTimeline]:
    filters = params.filters()
    return analysis.dyads_timeline(con, _dyads(con, filters, params.top, "event"), filters, params.limit)


@router.get("/events", summary="Merged events with their evidence and provenance, a page at a time")
def events(con: Connection, params: Annotated[EventParams, Query()]) -> EventPage:
    filters = params.filters()
    found = analysis.events(con, filters, params.order, params.limit, params.offset)
    words = query_words(params.text) if params.text else []
    return EventPage(
        total=analysis.count_events(con, filters),
        offset=params.offset,
        limit=params.limit,
        events=found,
        words=words,
        places=maps.places_of(con, [e.merged_id for e in found]),
    )


@router.get("/places", summary="Where the events happened: located merged events per place and per country, for a map")
def places(con: Connection, params: Annotated[PlacesParams, Query()]) -> maps.PlaceMap:
    return maps.place_map(con, params.filters(), params.limit)


@router.get(
    "/events/{merged_id}", summary="A merged event with every mention of it", responses={404: {"description": "no such event"}}
)
def event(con: Connection, merged_id: Annotated[str, Path(pattern=r"^[0-9a-f]{20}$")]) -> analysis.EventDetail:
    detail = analysis.event_detail(con, merged_id)
    if detail is None:
        raise HTTPException(status_code=404, detail=f"no event {merged_id}")
    return detail


@router.get("/feeds", summary="The feeds the store follows (tinkuy watch): last success, errors, and their pages by state")
def feeds(con: Connection) -> list[FeedStatus]:
    return feed_status(con)
