"""The report: one self-contained HTML file showing what a store holds, that works offline.

It is the web app's overview page (``tinkuy.web.pages``) with its scripts and
its data written into the file: cooperation and
conflict over time for the top dyads or the dyads asked for, the actor network,
a timeline of key events, a map of where they happened, and the events, each with every mention's evidence
(sentence, spans, rule, dictionary entries) and its provenance (attribution,
hedging, corroboration), which the page filters, searches, sorts and pages in
the browser. Nothing is fetched from a network when it is opened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import duckdb

from . import analysis, maps
from .analysis import DEFAULT_FILTERS, Filters, Period, Unit
from .errors import UsageError
from .names import names_of
from .web import pages

TOP_DYADS = 5
"""Dyads drawn when none are named."""
KEY_EVENTS = 8
"""Key events of each dyad on the timeline."""
NETWORK_ACTORS = 20
"""Actors in the network, most active first."""
MAP_PLACES = 1000
"""Places on the map, the most reported first."""
MAX_EVENTS = 2000
"""Events the report holds, the most reported first, each with all its mentions: about 2 KB each, so a report
of the default is about 4 MB and opens in a few seconds."""
MOST_EVENTS = 5_000
"""The most events a report may list: some ten megabytes of page."""


def report_data(
    con: duckdb.DuckDBPyConnection,
    dyads: Sequence[tuple[str, str]] = (),
    by: Period = "month",
    unit: Unit = "event",
    filters: Filters = DEFAULT_FILTERS,
    max_events: int = MAX_EVENTS,
) -> dict[str, Any]:
    """What the report shows, as JSON-ready values: the same shapes as the web API's answers.

    A ``UsageError`` when it would list more than ``MOST_EVENTS`` events, or draw a series of more than
    ``analysis.MAX_PERIODS`` periods.
    """
    if not 1 <= max_events <= MOST_EVENTS:
        raise UsageError(f"a report lists from 1 to {MOST_EVENTS:,} events, not {max_events:,}")
    chosen = list(dyads) or [(e.a, e.b) for e in analysis.top_dyads(con, filters, TOP_DYADS, unit=unit)]
    listed = sorted(
        analysis.events(con, filters, order="key", limit=max_events), key=lambda e: (e.date or dt.date.max, e.merged_id)
    )
    mentions = analysis.mentions_of(con, [e.merged_id for e in listed])
    places = maps.places_of(con, [e.merged_id for e in listed])
    network = analysis.network(con, filters, unit=unit, top=NETWORK_ACTORS)
    data: dict[str, Any] = analysis.jsonable(
        {
            "overview": analysis.overview(con),
            "scope": _scope(by, unit, filters),
            "total_events": analysis.count_events(con, filters),
            "max_events": max_events,
            "series": analysis.dyads_series(con, chosen, by, unit, filters),
            "network": network,
            "timeline": analysis.dyads_timeline(con, chosen, filters, KEY_EVENTS),
            "places": maps.place_map(con, filters, MAP_PLACES),
            "events": [
                analysis.jsonable(e)
                | {
                    "mentions": analysis.jsonable(mentions.get(e.merged_id, ())),
                    "place": analysis.jsonable(places.get(e.merged_id)),
                }
                for e in listed
            ],
        }
    )
    codes = [c for e in listed for c in (e.source_code, e.target_code) if c]
    codes += [n.actor for n in network.nodes] + [actor for pair in chosen for actor in pair]
    data["names"] = names_of(codes, [e.cameo for e in listed] + [m.cameo for ms in mentions.values() for m in ms])
    return data


def _scope(by: Period, unit: Unit, filters: Filters) -> str:
    """What the figures count, in a sentence."""
    parts = [
        "each merged event counted once" if unit == "event" else "each mention counted",
        f"{filters.modality} events only" if filters.modality else "events of any modality",
        f"series by {by}",
    ]
    if filters.start or filters.end:
        parts.append(f"dated {filters.start or 'from the first'} to {filters.end or 'the last'}")
    text = "; ".join(parts)
    return f"{text[0].upper()}{text[1:]}."


def render_report(data: dict[str, Any], title: str = "tinkuy report") -> str:
    """The report as one HTML page, from ``report_data``, with the country outlines its map draws."""
    return pages.render("overview.html", title, pages.inline_assets(), data | {"world": maps.world_map()})
