"""The query parameters of the web API, validated at the edge.

Every parameter has a type, a pattern or bounds, and unknown parameters are
refused, so a bad request is a 422 naming the field and never reaches SQL.
Each endpoint takes one model: the filters plus its own options.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..analysis import ACTOR_PREFIX, Filters, Level, Order, Period, Unit, require_periods
from ..dedup import Corroboration
from ..errors import UsageError
from ..model import AttributionType, Modality

MAX_PAGE = 500
"""The most events one request returns."""
MAX_TOP = 100
"""The most actors, pairs of actors or key events one request returns."""
MAX_DYADS = 10
"""The most dyads drawn in one chart."""

CODE = ACTOR_PREFIX
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


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

    @field_validator("start", "end", mode="before")
    @classmethod
    def _iso_date(cls, value: object) -> object:
        """Only YYYY-MM-DD: pydantic would also read a number as a Unix time."""
        if isinstance(value, str) and not ISO_DATE.fullmatch(value):
            raise ValueError("a date must be written YYYY-MM-DD")
        return value

    def filters(self) -> Filters:
        """The filters these parameters ask for."""
        fields = self.model_dump(include=set(FilterParams.model_fields) - {"dyad", "modality"})
        a, _, b = (self.dyad or "").partition(":")
        return Filters(**fields, dyad=(a, b) if self.dyad else None, modality=None if self.modality == "any" else self.modality)


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
    order: Order = Field("date", description="by date, or the most reported first (key)")
    limit: int = Field(50, ge=1, le=MAX_PAGE, description="events on this page")
    offset: int = Field(0, ge=0, le=1_000_000, description="events before this page")
