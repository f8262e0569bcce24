"""The commands that read a store: dyad, actors, report, serve."""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Sequence
from typing import Any, get_args

from .. import api
from ..analysis import ACTOR_PREFIX, LEVELS, PERIODS, UNITS, EventSummary, Filters, jsonable
from ..model import Modality
from ..report import MAX_EVENTS, MOST_EVENTS
from .common import EXIT_OK, Handler, day, positive

MOST_LISTED = 1_000
"""The most actors or key events a command lists."""


def actor_code(text: str) -> str:
    """An argparse type: an actor code or code prefix (USA, USAGOV, IGOUNO), in capitals."""
    code = text.upper()
    if not re.fullmatch(ACTOR_PREFIX, code):
        raise argparse.ArgumentTypeError(f"{text!r} is not an actor code: 3 to 24 letters, such as USA or USAGOV")
    return code


def analysis_options(sub: argparse.ArgumentParser) -> None:
    """The options of every command here: the store, and which events to count."""
    sub.add_argument("--db", required=True, help="the DuckDB database file")
    sub.add_argument("--from", dest="start", type=day, metavar="YYYY-MM-DD", help="first event date")
    sub.add_argument("--to", dest="end", type=day, metavar="YYYY-MM-DD", help="last event date")
    sub.add_argument(
        "--modality", choices=(*get_args(Modality), "any"), default="asserted", help="events to count (default asserted)"
    )
    sub.add_argument("--unit", choices=UNITS, default="event", help="count merged events or their mentions (default event)")


def _filters(options: argparse.Namespace) -> Filters:
    return Filters(start=options.start, end=options.end, modality=None if options.modality == "any" else options.modality)


def _print_rows(rows: Sequence[dict[str, Any]], format: str) -> None:
    """Rows on stdout, as an aligned table or as CSV."""
    if format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else [])
        writer.writeheader()
        writer.writerows({k: "|".join(v) if isinstance(v, list) else v for k, v in row.items()} for row in rows)
        return
    cells = [[_cell(v) for v in row.values()] for row in rows]
    header = list(rows[0]) if rows else []
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(header)]
    for line in [header, *cells]:
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths, strict=True))))


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def dyad_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("a", type=actor_code, help="actor code or prefix: USA, USAGOV, IGOUNO")
    sub.add_argument("b", type=actor_code, help="the other actor")
    analysis_options(sub)
    sub.add_argument("--by", choices=PERIODS, default="month", help="period (default month)")
    sub.add_argument("--directed", action="store_true", help="only events from A to B")
    sub.add_argument("--timeline", action="store_true", help="the key events with their evidence instead of the series")
    sub.add_argument(
        "--limit",
        type=positive(int, MOST_LISTED),
        default=20,
        metavar="N",
        help=f"key events on the timeline (default 20, at most {MOST_LISTED:,})",
    )
    sub.add_argument("--format", choices=("table", "csv", "json"), default="table")


def run_dyad(options: argparse.Namespace) -> int:
    a, b, filters = options.a, options.b, _filters(options)
    if options.timeline:
        _print_timeline(api.dyad_timeline(options.db, a, b, filters, options.limit), options.format)
        return EXIT_OK
    series = api.dyad_series(options.db, a, b, options.by, options.unit, filters, options.directed)
    if options.format == "json":
        print(json.dumps(jsonable(series), indent=2))
    else:
        _print_rows([jsonable(p) for p in series.points], options.format)
    return EXIT_OK


def _print_timeline(events: Sequence[EventSummary], format: str) -> None:
    """Key events: each with its sentence as a table, or as JSON, or as CSV rows with the lead sentence."""
    if format == "json":
        print(json.dumps(jsonable(events), indent=2, ensure_ascii=False))
        return
    if format == "csv":
        _print_rows([jsonable(e) | {"lead": e.lead.sentence} for e in events], format)
        return
    for e in events:
        level = e.corroboration.replace("_", " ")
        print(f"{e.date}  {e.source_code} -> {e.target_code or '-'}  {e.cameo} {e.cameo_name}", end="  ")
        print(f"(Goldstein {e.goldstein:+.1f}; {level}: {e.n_mentions} mentions in {e.n_articles} articles)")
        print(f"    {e.lead.sentence}\n    {e.lead.outlet or e.lead.title or e.lead.article_id}; rule: {e.lead.rule}")


def actors_arguments(sub: argparse.ArgumentParser) -> None:
    analysis_options(sub)
    sub.add_argument(
        "--top",
        type=positive(int, MOST_LISTED),
        default=20,
        metavar="N",
        help=f"actors, most active first (default 20, at most {MOST_LISTED:,})",
    )
    sub.add_argument("--level", choices=LEVELS, default="country", help="actors as countries or as full codes (default country)")
    sub.add_argument("--edges", action="store_true", help="list the pairs of actors instead of the actors (table, csv)")
    sub.add_argument("--format", choices=("table", "csv", "json"), default="table")


def run_actors(options: argparse.Namespace) -> int:
    network = api.actors(options.db, options.top, options.level, options.unit, _filters(options))
    if options.format == "json":
        print(json.dumps(jsonable(network), indent=2))
    else:
        _print_rows([jsonable(x) for x in (network.edges if options.edges else network.nodes)], options.format)
    return EXIT_OK


def report_arguments(sub: argparse.ArgumentParser) -> None:
    analysis_options(sub)
    sub.add_argument("-o", "--output", required=True, help="the HTML file to write")
    sub.add_argument(
        "--dyad",
        nargs=2,
        type=actor_code,
        action="append",
        metavar=("A", "B"),
        help="a dyad to chart (repeat; default the top five)",
    )
    sub.add_argument("--by", choices=PERIODS, default="month", help="period (default month)")
    sub.add_argument("--title", default="tinkuy report")
    sub.add_argument(
        "--events",
        type=positive(int, MOST_EVENTS),
        default=MAX_EVENTS,
        metavar="N",
        help=f"events listed, most reported first (default {MAX_EVENTS}, at most {MOST_EVENTS:,})",
    )


def run_report(options: argparse.Namespace) -> int:
    dyads = [(a, b) for a, b in options.dyad or ()]
    path = api.report(
        options.db, options.output, dyads, options.by, options.unit, _filters(options), options.title, options.events
    )
    print(f"report written to {path}", file=sys.stderr)
    return EXIT_OK


def serve_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--db", required=True, help="the DuckDB database file (opened read-only)")
    sub.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    sub.add_argument("--port", type=positive(int, 65_535), default=8000)
    sub.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests addressed to this host name (repeat); others are refused",
    )


def run_serve(options: argparse.Namespace) -> int:
    api.serve(options.db, options.host, options.port, options.allow_host)
    return EXIT_OK


HANDLERS = {
    "dyad": Handler(dyad_arguments, run_dyad),
    "actors": Handler(actors_arguments, run_actors),
    "report": Handler(report_arguments, run_report),
    "serve": Handler(serve_arguments, run_serve),
}
