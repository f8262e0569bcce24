"""Weighing each name's candidate places with the article's evidence, and saying why one wins.

A candidate's score is a sum of terms, each a piece of evidence the reason names:

- ``prior``: log10 of its population, plus ``country`` for a country (a name
  that is a country's is the country unless something says otherwise) and
  ``division`` for a division (less: a name shared by a state and its capital
  is the city unless the text says "state" or "province"), plus ``own name``
  when the name is the place's own rather than an alternate one;
- ``qualifier``: a country or division written after it that contains it, or
  one that does not ("Trujillo, Peru", "Paris, Texas", "CÓRDOBA, Ver."); a
  dateline with none names a city readers know without one, so a smaller
  namesake of a large city counts as contradicted ("LA PAZ -" is Bolivia's);
- ``feature``: words that say it is a division or a populated place, or that
  a qualifier is a country or division;
- ``actors``: the countries of the people, governments and demonyms the
  article names ("Honduran rights groups", "Daniel Ortega");
- ``dateline``: the country, and division, the article is filed from;
- ``coherence``: the other names of the article resolved in the same country
  (and division): La Vega beside Santiago puts both in the Dominican Republic.

Dateline and coherence depend on how the other names are resolved, so they are
worked out in ``ROUNDS`` rounds, each reading the last round's choices.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .finder import Name, Rejected
from .gazetteer import Country, Place

DATELINE_CITY = 100_000
"""A dateline with no qualifier names a city at least this large when the name has one ("LA PAZ -"
is Bolivia's, not a district of Madrid)."""
SMALL_TOWN = 15_000
"""A place smaller than this is taken only when something in the article points to it."""
WEIGHTS = {
    "country": 2.0,
    "division": -1.5,
    "own name": 0.5,
    "qualifier": 20.0,
    "feature": 8.0,
    "other feature": -3.0,
    "actors": 3.0,
    "dateline": 4.0,
    "dateline division": 1.5,
    "same country": 2.0,
    "same division": 1.5,
}
"""What each piece of evidence adds to a candidate's score."""
COHERENCE_CAP = 2
"""Other names counted, at most, for being in the same country (and in the same division)."""
ROUNDS = 2

Evidence = tuple[str, ...]
"""A piece of evidence: its kind and what the reason needs to say it."""


@dataclass(frozen=True, slots=True)
class Choice:
    """A name's chosen place, its lead over the runner-up, and the evidence for it."""

    place: Place
    evidence: tuple[Evidence, ...]
    rival: Place | None
    lead: float


class Scorer:
    """Scores every candidate of every name of one article."""

    def __init__(self, names: Sequence[Name], countries: Mapping[str, float]) -> None:
        self.names = names
        self.countries = countries
        self.candidates = [name.places for name in names]
        self.fixed = [
            {n.place.geonames_id: self._fixed(name, n.place, n.how, candidates) for n in name.named}
            for name, candidates in zip(names, self.candidates, strict=True)
        ]
        self.scores = [{gid: score for gid, (score, _) in fixed.items()} for fixed in self.fixed]
        self.chosen: _Chosen | None = None

    def run(self) -> list[Choice]:
        for _ in range(ROUNDS):
            self.chosen = _Chosen([(n, self._best(i)) for i, n in enumerate(self.names)])
            anchor = self.chosen.dateline
            for i, name in enumerate(self.names):
                for place in self.candidates[i]:
                    self.scores[i][place.geonames_id] = self.fixed[i][place.geonames_id][0] + self._relative(name, place, anchor)
        return [self._choice(i, name) for i, name in enumerate(self.names)]

    def _best(self, i: int) -> Place:
        scores = self.scores[i]
        return max(self.candidates[i], key=lambda p: (scores[p.geonames_id], p.population, -p.geonames_id))

    def _fixed(self, name: Name, place: Place, how: str, candidates: Sequence[Place]) -> tuple[float, tuple[Evidence, ...]]:
        """The terms of a candidate's score, one of the name's ``candidates``, that do not depend on the other names."""
        size = math.log10(place.population + 10)
        score = size + WEIGHTS.get(place.feature, 0.0)
        evidence: list[Evidence] = []
        if name.dateline and not name.qualifier and place.population < DATELINE_CITY <= max(p.population for p in candidates):
            score -= WEIGHTS["qualifier"]  # a dateline with no qualifier names a city its readers know without one
        if how in ("name", "alias"):
            score += WEIGHTS["own name"]
        if name.qualifier:
            qualifying = next((q.place for q in name.qualifier if _within(place, q.place)), None)
            score += WEIGHTS["qualifier"] if qualifying else -WEIGHTS["qualifier"]
            if qualifying:
                evidence.append(("qualifier", qualifying.name))
        if name.feature:
            fits = place.feature != "place" if name.feature == "unit" else place.feature == name.feature
            score += WEIGHTS["feature"] if fits else WEIGHTS["other feature"]
            if fits:
                evidence.append(("feature", name.feature))
        if self.countries.get(place.country_code):
            score += WEIGHTS["actors"] * min(self.countries[place.country_code], 1.0)
            evidence.append(("actors", place.country_code))
        return score, tuple(evidence)

    def _relative(self, name: Name, place: Place, anchor: Place | None) -> float:
        """The terms that depend on how the other names are resolved: dateline and coherence."""
        assert self.chosen is not None
        extra = 0.0
        if anchor is not None and not name.dateline and place.country_code == anchor.country_code:
            extra += WEIGHTS["dateline"] + (
                WEIGHTS["dateline division"] if place.admin1 and place.admin1 == anchor.admin1 else 0.0
            )
        same_country = self.chosen.count(place.country_code, None, name.key)
        if same_country:
            same_division = self.chosen.count(place.country_code, place.admin1, name.key) if place.admin1 else 0
            extra += WEIGHTS["same country"] * min(same_country, COHERENCE_CAP)
            extra += WEIGHTS["same division"] * min(same_division, COHERENCE_CAP)
        return extra

    def _relative_evidence(self, name: Name, place: Place, anchor: Place | None) -> tuple[Evidence, ...]:
        """What ``_relative`` counted, to name in the reason."""
        assert self.chosen is not None
        evidence: list[Evidence] = []
        if anchor is not None and not name.dateline and place.country_code == anchor.country_code:
            evidence.append(("dateline", anchor.country_code))
        near = self.chosen.names_in(place.country_code, None, name.key)
        if near:
            evidence.append(("near", *dict.fromkeys(p.name for p in near)))
        return tuple(evidence)

    def _choice(self, i: int, name: Name) -> Choice:
        place = self._best(i)
        anchor = self.chosen.dateline if self.chosen else None
        evidence = self.fixed[i][place.geonames_id][1] + self._relative_evidence(name, place, anchor)
        rivals = [p for p in self.candidates[i] if p.geonames_id != place.geonames_id]
        rival = max(rivals, key=lambda p: self.scores[i][p.geonames_id], default=None)
        lead = self.scores[i][place.geonames_id] - self.scores[i][rival.geonames_id] if rival else 0.0
        return Choice(place, evidence, rival, lead)


class _Chosen:
    """How each name was resolved in the last round, grouped by country and division."""

    def __init__(self, chosen: list[tuple[Name, Place]]) -> None:
        self.dateline = next((place for name, place in chosen if name.dateline), None)
        self.units: dict[tuple[str, str | None], dict[str, Place]] = {}
        for name, place in chosen:
            for unit in ((place.country_code, None), (place.country_code, place.admin1)):
                self.units.setdefault(unit, {}).setdefault(name.key, place)

    def count(self, country: str, admin1: str | None, besides: str) -> int:
        """How many other names (not written ``besides``) were resolved in a country or division."""
        unit = self.units.get((country, admin1))
        return 0 if unit is None else len(unit) - (besides in unit)

    def names_in(self, country: str, admin1: str | None, besides: str, limit: int = 4) -> list[Place]:
        """The first places other names (not written ``besides``) were resolved to in a country or division."""
        others = (place for key, place in self.units.get((country, admin1), {}).items() if key != besides)
        return list(itertools.islice(others, limit))


def _within(place: Place, unit: Place) -> bool:
    """Whether ``place`` lies in the country or division ``unit``."""
    if place.country_code != unit.country_code:
        return False
    return unit.feature == "country" or (unit.admin1 is not None and place.admin1 == unit.admin1 and place.feature != "country")


def small_town(name: Name, choice: Choice) -> Rejected | None:
    """A small place nothing in the article points to is no place the article means."""
    place = choice.place
    if place.feature != "place" or place.population >= SMALL_TOWN or choice.evidence:
        return None
    m = name.mention
    return Rejected(
        m.text, m.start, m.end, f"{place.name} ({place.country_code}) is a small town nothing in the article points to"
    )


def reason(choice: Choice) -> str:
    """Why the chosen place: its size and the evidence for it, and the runner-up it beat."""
    place = choice.place
    size = f"{place.feature} of {place.population:,} inhabitants" if place.population else place.feature
    parts = [f"{_where(place)}: {size}", *(_said(e) for e in choice.evidence)]
    text = "; ".join(parts)
    if choice.rival is not None:
        text += f"; over the {choice.rival.feature} {_where(choice.rival)} by {choice.lead:.1f}"
    return text


def _where(place: Place) -> str:
    return f"{place.name} ({place.admin1_key or place.country_code})"


def _said(evidence: Evidence) -> str:
    kind, *rest = evidence
    if kind == "qualifier":
        return f"qualified by '{rest[0]}'"
    if kind == "feature":
        return "it qualifies the name before it" if rest[0] == "unit" else f"the text calls it a {rest[0]}"
    if kind == "actors":
        return f"the article's actors are of {rest[0]}"
    if kind == "dateline":
        return f"the dateline is in {rest[0]}"
    listed = ", ".join(rest[:3]) + (" ..." if len(rest) > 3 else "")
    return f"near {listed} in the article"


def country_of(place: Place, countries: Mapping[str, Country]) -> Country:
    return countries.get(place.country_code) or Country(place.country_code, "", None, place.country_code)
