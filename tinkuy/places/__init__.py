"""Places: an embedded GeoNames gazetteer, toponyms resolved in context, and where events happen.

``Places`` is built once per process and opens its gazetteer on first use::

    places = Places()
    reading = places.read("CÓRDOBA, Argentina — Thousands marched through Córdoba ...")
    for toponym in reading.toponyms:
        toponym.name, toponym.country_code, toponym.country.iso3, toponym.place.admin1, toponym.reason

    places.resolve(text, [(0, 7)], Context(countries={"AR": 1.0}))  # given spans, with the article's evidence

See ``docs/places.md`` for the gazetteer, the rules and the figures.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .build import ensure_index
from .finder import Rejected
from .gazetteer import Country, Gazetteer, Place
from .mentions import load_cues
from .resolve import NO_CONTEXT, Context, Reading, Resolver, Toponym

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..actors.resolve import ActorIndex
    from .events import ArticlePlaces

__all__ = ["DEFAULT_POPULATION", "Context", "Country", "Place", "Places", "Reading", "Rejected", "Toponym"]

DEFAULT_POPULATION = 1000
"""The population cut of the gazetteer's places (see docs/places.md for how it was chosen)."""


class Places:
    """The gazetteer and the resolution rules; pickles as its population cut, so a worker opens its own."""

    def __init__(self, population: int = DEFAULT_POPULATION, index: Path | None = None) -> None:
        self.population = population
        self.index = index
        self._resolver: Resolver | None = None

    def __getstate__(self) -> dict[str, object]:
        return {"population": self.population, "index": self.index}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(**state)  # type: ignore[misc]

    @property
    def resolver(self) -> Resolver:
        if self._resolver is None:
            path = self.index or ensure_index(self.population)
            self._resolver = Resolver(Gazetteer(path), load_cues())
        return self._resolver

    @property
    def gazetteer(self) -> Gazetteer:
        return self.resolver.gazetteer

    def read(self, text: str, context: Context = NO_CONTEXT) -> Reading:
        """Every place named in ``text``, resolved with the text's and the caller's evidence."""
        return self.resolver.read(text, context)

    def resolve(self, text: str, spans: Sequence[tuple[int, int]], context: Context = NO_CONTEXT) -> list[Toponym | None]:
        """The place each span of ``text`` names, resolved with the rest of the text as evidence; None
        for a span that names no place (a person's name, a word the gazetteer does not know)."""
        reading = self.resolver.read(text, context, spans)
        return [reading.at(start, end) for start, end in spans]

    def article(self, text: str, doc: Doc, index: ActorIndex, day: dt.date | None) -> ArticlePlaces:
        """The places of an article's ``text`` parsed as ``doc``, with the countries of its actors (on
        ``day``) as evidence: what the coder asks, once per article, to locate its events. The text is read when the first event asks (an article without events costs
        nothing); it is passed beside the doc, since spaCy rebuilds ``Doc.text`` token by token."""
        from .events import ArticlePlaces, actor_context

        def reading() -> Reading:
            return self.read(text, actor_context(index, day, self.cameo_to_iso2))

        return ArticlePlaces(reading, text, doc, self.resolver.cues, self.cameo_to_iso2)

    @functools.cached_property
    def cameo_to_iso2(self) -> Mapping[str, str]:
        """ISO-2 codes by the three-letter country codes of actors (ISO-3, and CAMEO's where it differs)."""
        countries = self.gazetteer.countries.values()
        codes = {c.iso3: c.code for c in countries}
        for country in countries:
            if country.cameo and len(country.cameo) == 3:
                codes.setdefault(country.cameo, country.code)
        return codes
