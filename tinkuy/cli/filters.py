"""The options that choose events, for the commands that write or count them (``tinkuy export``).

They are the filters of the web app and the API (``tinkuy.analysis.Filters``), as options.
"""

from __future__ import annotations

import argparse
import re
from typing import get_args

from .. import api
from ..analysis import Filters
from ..dedup import CORROBORATION_LEVELS
from ..errors import UsageError
from ..maps import require_box
from ..model import AttributionType, Modality


def filter_options(sub: argparse.ArgumentParser, modality: str = "asserted") -> None:
    """Add the filter options; ``modality`` is the one counted when none is given."""
    chosen = sub.add_argument_group("which events (all of them unless given)")
    chosen.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first event date")
    chosen.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last event date")
    chosen.add_argument("--actor", metavar="CODE", help="an actor code prefix on either side: USA, USAGOV, IGOUNO")
    chosen.add_argument("--source", metavar="CODE", help="a source actor code prefix")
    chosen.add_argument("--target", metavar="CODE", help="a target actor code prefix")
    chosen.add_argument("--dyad", nargs=2, metavar=("A", "B"), help="two actor code prefixes, in either direction")
    chosen.add_argument("--cameo", metavar="CODE", help="a CAMEO code prefix: a root (19) or a code (161)")
    chosen.add_argument(
        "--quad-class", type=int, choices=(1, 2, 3, 4), help="1, 2 verbal and material cooperation; 3, 4 conflict"
    )
    chosen.add_argument("--outlet", help="an outlet that reported it")
    chosen.add_argument("--attribution", choices=get_args(AttributionType), help="the strongest attribution")
    chosen.add_argument("--corroboration", choices=CORROBORATION_LEVELS, help="how widely it was reported")
    chosen.add_argument("--hedged", choices=("yes", "no"), help="whether it is hedged")
    chosen.add_argument(
        "--modality",
        choices=(*get_args(Modality), "any"),
        default=modality,
        help=f"what the text says of it (default {modality})",
    )
    chosen.add_argument("--text", metavar="WORDS", help="words each of which begins a word of its sentence, title or actors")
    chosen.add_argument("--country", metavar="CC", help="the ISO alpha-2 code of the country it happened in: EC, US")
    chosen.add_argument(
        "--bbox",
        nargs=4,
        type=float,
        metavar=("WEST", "SOUTH", "EAST", "NORTH"),
        help="a box in degrees it happened in (at a town or division inside it)",
    )
    chosen.add_argument("--place", type=int, metavar="GEONAMES_ID", help="the GeoNames id of the place it happened in")


def filters_from(options: argparse.Namespace) -> Filters:
    """The filters the options ask for."""
    return Filters(
        start=api.parse_day(options.start),
        end=api.parse_day(options.end),
        actor=options.actor,
        source=options.source,
        target=options.target,
        dyad=tuple(options.dyad) if options.dyad else None,
        cameo=options.cameo,
        quad_class=options.quad_class,
        outlet=options.outlet,
        attribution=options.attribution,
        corroboration=options.corroboration,
        hedged=None if options.hedged is None else options.hedged == "yes",
        modality=None if options.modality == "any" else options.modality,
        text=options.text,
        country=_country(options.country),
        bbox=_box(options.bbox),
        place=options.place,
    )


def _country(code: str | None) -> str | None:
    if code is not None and not re.fullmatch(r"[A-Za-z]{2}", code):
        raise UsageError(f"--country takes a two-letter ISO code such as EC or US, not {code!r}")
    return code.upper() if code else None


def _box(edges: list[float] | None) -> tuple[float, float, float, float] | None:
    if edges is None:
        return None
    try:
        return require_box(*edges)
    except UsageError as error:
        raise UsageError(f"--bbox takes WEST SOUTH EAST NORTH: {error}") from error
