"""The query parameters of the web API, validated at the edge.

Every parameter has a type, a pattern or bounds, and unknown parameters are
refused, so a bad request is a 422 naming the field and never reaches SQL.
Each endpoint takes one model: the filters plus its own options.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..analysis import ACTOR_PREFIX, Filters, Level, Order, Period, Unit, require_periods
from ..dedup import Corroboration
from ..errors import UsageError
from ..exports import Format, Table
from ..maps import MAX_PLACES, require_box
from ..model import AttributionType, Modality
from ..search import query_words

MAX_PAGE = 500
"""The most events one request returns."""
MAX_TOP = 100
"""The most actors, pairs of actors or key events one request returns."""
MAX_DYADS = 10
"""The most dyads drawn in one chart."""
MAX_TEXT = 200
"""The longest search, in characters."""
MAX_NAMES = 500
"""The most codes named in one request."""

CODE = ACTOR_PREFIX
SEARCHABLE = r"[0-9A-Za-zÀ-ÅÇ-ÏÑ-ÖÙ-Ýà-åç-ïñ-öù-ýÿ]{2}"
"""What a search must hold: two letters or digits in a row (accented Latin letters count as their base letter)."""
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LONGITUDE = r"-?(?:180(?:\.0+)?|(?:1[0-7][0-9]|[0-9]{1,2})(?:\.[0-9]+)?)"
_LATITUDE = r"-?(?:90(?:\.0+)?|[0-8]?[0-9](?:\.[0-9]+)?)"
BBOX = rf"^{_LONGITUDE},{_LATITUDE},{_LONGITUDE},{_LATITUDE}$"
"""West, south, east and north edges of a box in degrees: longitudes from -180 to 180, latitudes from -90 to 90."""


def box_edges(bbox: str) -> tuple[float, float, float, float]:
    """The edges of a box written ``west,south,east,north``."""
    west, south, east, north = (float(x) for x in bbox.split(","))
    return west, south, east, north


def given_once(request: Request) -> None:
    """Refuse a parameter given more than once: which of its values was meant cannot be known."""
    repeated = sorted({name for name in request.query_params if len(request.query_params.getlist(name)) > 1})
    if repeated:
        raise RequestValidationError(
            [
                {
                    "type": "repeated",
                    "loc": ("query", name),
                    "msg": f"{name} is given {len(request.query_params.getlist(name))} times: give it once",
                    "input": request.query_params.getlist(name),
                }
                for name in repeated
            ]
        )


class FilterParams(BaseModel):
    """Which events to show; empty fields leave the filter open."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: dt.date | None = Field(None, description="first event date (YYYY-MM-DD)")
    end: dt.date | None = Field(None, description="last event date (YYYY-MM-DD)")
    actor: str | None = Field(None, pattern=CODE, description="actor code prefix on either side: USA, USAGOV, IGOUNO")
    source: str | None = Field(None, pattern=CODE, description="source actor code prefix")
    target: str | None = Field(None, pattern=CODE, description="target actor code prefix")
    dyad: str | None = Field(
        None, pattern=r"^[A-Z-]{3,24}:[A-Z-]{3,24}$", description="two actor code prefixes, either direction: USA:ECU"
    )
    cameo: str | None = Field(None, pattern=r"^[0-9]{2,4}$", description="CAMEO code prefix: a root (19) or a code (161)")
    quad_class: int | None = Field(
        None, ge=1, le=4, description="1 verbal and 2 material cooperation, 3 verbal and 4 material conflict"
    )
    outlet: str | None = Field(None, min_length=1, max_length=200, description="an outlet reporting the event")
    attribution: AttributionType | None = Field(None, description="the strongest attribution")
    corroboration: Corroboration | None = Field(None, description="how widely the event was reported, and on whose word")
    hedged: bool | None = Field(None, description="whether every mention hedges the event (allegedly, reportedly)")
    modality: Modality | Literal["any"] = Field("asserted", description="what the text says of the act; any for all")
    text: str | None = Field(
        None,
        min_length=2,
        max_length=MAX_TEXT,
        pattern=SEARCHABLE,
        description="words each of which begins a word of a mention's sentence, its article's title or its actors' names; "
        "a word is two letters or digits or more, and common words (the, of, and) are not searched for",
    )

    country: str | None = Field(
        None, pattern=r"^[A-Z]{2}$", description="the ISO 3166-1 alpha-2 code of the country the event happened in: EC, US"
    )
    bbox: str | None = Field(
        None,
        max_length=100,
        pattern=BBOX,
        description="west,south,east,north in degrees: events placed at a town or division inside this box "
        "(a west edge east of the east edge crosses the antimeridian): -81,-5,-75,2",
    )
    place: int | None = Field(None, ge=1, le=2**31 - 1, description="the GeoNames id of the place the event happened in")

    @field_validator("bbox")
    @classmethod
    def _south_of_north(cls, value: str | None) -> str | None:
        """A box's edges must make one (``tinkuy.maps.require_box``): the pattern states each edge's range, not how two compare."""
        if value is not None:
            try:
                require_box(*box_edges(value))
            except UsageError as error:
                raise ValueError(f"{error}: give west,south,east,north") from error
        return value

    @field_validator("text")
    @classmethod
    def _searchable(cls, value: str | None) -> str | None:
        """A search must hold a word to search for: not only common words or punctuation."""
        if value is not None and not query_words(value):
            raise ValueError("give a word of two letters or more that is not a common one (the, of, and...)")
        return value

    @field_validator("start", "end", mode="before")
    @classmethod
    def _iso_date(cls, value: object) -> object:
        """Only YYYY-MM-DD: pydantic would also read a number as a Unix time."""
        if isinstance(value, str) and not ISO_DATE.fullmatch(value):
            raise ValueError("a date must be written YYYY-MM-DD")
        return value

    def filters(self) -> Filters:
        """The filters these parameters ask for."""
        fields = self.model_dump(include=set(FilterParams.model_fields) - {"dyad", "modality", "bbox"})
        a, _, b = (self.dyad or "").partition(":")
        return Filters(
            **fields,
            dyad=(a, b) if self.dyad else None,
            modality=None if self.modality == "any" else self.modality,
            bbox=box_edges(self.bbox) if self.bbox else None,
        )


class DyadsParams(FilterParams):
    top: int = Field(5, ge=1, le=MAX_DYADS, description="how many dyads, when no dyad is given")


class SeriesParams(DyadsParams):
    by: Period = Field("month", description="the period of each point")
    unit: Unit = Field("event", description="count each merged event once, or each mention of it")

    @model_validator(mode="after")
    def _bounded(self) -> SeriesParams:
        """At most ``MAX_PERIODS`` periods between start and end; without both, the dates of the events
        decide, and a series too long is refused when it is made."""
        if self.start is not None and self.end is not None:
            try:
                require_periods(self.by, self.start, self.end)
            except UsageError as error:
                raise ValueError(str(error)) from None
        return self


class NetworkParams(FilterParams):
    level: Level = Field("country", description="actors as countries, or as whole codes with their sector")
    unit: Unit = Field("event", description="count each merged event once, or each mention of it")
    top: int = Field(20, ge=1, le=MAX_TOP, description="how many actors, or pairs of actors, most active first")


class TimelineParams(DyadsParams):
    limit: int = Field(8, ge=1, le=MAX_TOP, description="how many key events of each dyad")


class EventParams(FilterParams):
    order: Order = Field(
        "date",
        description="by a column (date, source, target, cameo, goldstein, mentions), descending with a leading -; key: the most reported first",
    )
    limit: int = Field(50, ge=1, le=MAX_PAGE, description="events on this page")
    offset: int = Field(0, ge=0, le=1_000_000, description="events before this page")


class PlacesParams(FilterParams):
    limit: int = Field(500, ge=1, le=MAX_PLACES, description="how many places (towns and divisions), the most reported first")


class ExportParams(FilterParams):
    table: Table = Field("merged", description="merged events, their mentions (event records), or the articles that hold them")
    format: Format = Field("csv", description="CSV, JSON Lines, Parquet, or GeoJSON (the located events of merged or mentions)")


class NamesParams(BaseModel):
    """Codes to name."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    actor: list[Annotated[str, Field(pattern=CODE)]] = Field(
        default_factory=list, max_length=MAX_NAMES, description="actor codes (repeat the parameter)"
    )
    cameo: list[Annotated[str, Field(pattern=r"^[0-9]{2,4}$")]] = Field(
        default_factory=list, max_length=MAX_NAMES, description="CAMEO event codes (repeat the parameter)"
    )


class ActorsParams(BaseModel):
    """What a person typed in an actor box."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    q: str = Field(min_length=1, max_length=100, description="a code, a code prefix, or a name: Mexico, Lenin Moreno, ECUGOV")
    limit: int = Field(12, ge=1, le=50, description="how many actor codes to suggest")
