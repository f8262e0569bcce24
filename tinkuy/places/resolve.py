"""Toponyms resolved in context: which place each name in a text means, and why.

``Resolver.read`` finds the names of a text (``tinkuy.places.finder``), looks
all their candidates up in the gazetteer in one query, weighs each name's
candidates with the text's evidence and the caller's (``tinkuy.places.scoring``:
Córdoba in Argentina, Spain or Mexico; Georgia the country or the US state),
and gives every name its place with the reason it won, or the reason it is no
place at all.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .finder import NameFinder, Rejected
from .gazetteer import Country, Gazetteer, Place
from .mentions import Cues, Mention, find_dateline, runs, stretches
from .names import name_key
from .scoring import Scorer, country_of, reason, small_town


@dataclass(frozen=True, slots=True)
class Context:
    """What the caller knows of an article beyond its text."""

    countries: Mapping[str, float] = field(default_factory=dict)
    """ISO-2 codes of the countries of the article's actors, weighted by how often it names them (1 or more counts fully)."""
    people: Mapping[tuple[int, int], str] = field(default_factory=dict)
    """Character spans of the text that name people or organisations, with the name: "Morales" is
    Evo Morales, not a town."""


NO_CONTEXT = Context()


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name in a text, resolved: its offsets, the gazetteer entry, the country's codes, and why."""

    text: str
    start: int
    end: int
    place: Place
    country: Country
    reason: str
    dateline: bool = False

    @property
    def geonames_id(self) -> int:
        return self.place.geonames_id

    @property
    def name(self) -> str:
        return self.place.name

    @property
    def country_code(self) -> str:
        """ISO 3166-1 alpha-2."""
        return self.place.country_code

    @property
    def feature(self) -> str:
        return self.place.feature


@dataclass(frozen=True, slots=True)
class Reading:
    """The places of one text: every toponym in text order, the dateline's, and the names set aside."""

    toponyms: tuple[Toponym, ...]
    dateline: Toponym | None
    rejected: tuple[Rejected, ...]

    def at(self, start: int, end: int) -> Toponym | None:
        """The toponym overlapping the characters ``[start, end)``, if any."""
        return next((t for t in self.toponyms if t.start < end and start < t.end), None)


class Resolver:
    """Reads the places of texts with one gazetteer and one set of cues."""

    def __init__(self, gazetteer: Gazetteer, cues: Cues) -> None:
        self.gazetteer = gazetteer
        self.cues = cues

    def read(self, text: str, context: Context = NO_CONTEXT, spans: Sequence[tuple[int, int]] = ()) -> Reading:
        """Every place name of ``text``, resolved; ``spans`` are read as names whatever the finder makes of them."""
        dateline = find_dateline(text)
        fixed = [*((dateline.place,) + ((dateline.qualifier,) if dateline.qualifier else ()) if dateline else ())]
        fixed += [Mention(text[start:end], start, end) for start, end in spans]
        found = [stretches(run) for run in runs(text, self.cues)]
        keys = {s[4] for run in found for s in run} | {name_key(m.text) for m in fixed}
        finder = NameFinder(text, self.gazetteer.lookup(keys), self.cues, context.people)
        names, rejected = finder.names(found, fixed, dateline)
        choices = Scorer(names, context.countries).run()
        toponyms = []
        for name, choice in zip(names, choices, strict=True):
            small = small_town(name, choice)
            if small is not None:
                rejected.append(small)
                continue
            m = name.mention
            country = country_of(choice.place, self.gazetteer.countries)
            toponyms.append(Toponym(m.text, m.start, m.end, choice.place, country, reason(choice), name.dateline))
        head = next((t for t in toponyms if t.dateline), None)
        return Reading(tuple(toponyms), head, tuple(rejected))
