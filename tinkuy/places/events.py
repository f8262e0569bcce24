"""Where an event happened: the place its own clause states, else its sentence's, else the dateline's.

A place counts for an event only where the text puts something there: a name
governed by a locative preposition ("clashed with police in Guayaquil",
"near the border town of Cúcuta", "marched through Nairobi", "travelled to
Niamey"), possibly through a noun of place ("the streets of Nairobi") or an
apposition ("the capital, Naypyitaw"). A country or city named as an actor
("Mexico broke off relations with Ecuador", "Quito declared ...") places
nothing. The order of evidence:

1. ``clause``: the event's own clause, without the clauses embedded in it (a
   place in "after police stormed the embassy in Quito" is the storming's, not
   the break's); the most precise place, then the nearest;
2. ``sentence``: the clauses the event's clause sits in ("In Washington, the
   White House said ... that ...");
3. ``dateline``: the place the article is filed from, for an event whose
   source is of the dateline's country, of no country the text names ("the
   military rulers"), of no single country (a regional body meeting there), or
   a diplomatic mission (an embassy stands where it is, not in the country it
   serves).

An event with none of these gets no location rather than a guess.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy
from spacy.attrs import DEP, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Token

from ..actors.resolve import ActorIndex
from ..model import Actor, Location
from .mentions import Cues
from .resolve import Context, Reading, Toponym

CLAUSAL = frozenset({"advcl", "ccomp", "relcl", "acl", "csubj", "csubjpass", "parataxis", "pcomp"})
"""Dependencies that start a clause of its own: a place inside one is that clause's."""
LINKS = frozenset({"appos", "compound", "conj", "nmod", "npadvmod", "amod", "poss"})
"""Dependencies that keep a name inside the phrase above it ("the capital, Naypyitaw")."""
SPECIFIC = {"place": 0, "division": 1, "country": 2}
"""The more precise place wins among the places of a clause."""
ACTOR_KINDS = ("country", "demonym", "organisation", "person")
"""The actors whose country is evidence for the article's places; not a capital, whose country is
the question ("Santiago" for Chile's government)."""


class _Unknown:
    """A place the text states that the gazetteer does not know: no place further off is guessed."""


UNKNOWN = _Unknown()


@dataclass(frozen=True, slots=True)
class Whereabouts:
    """A place the text gives for an event, the level it was found at, and the words that say so."""

    toponym: Toponym
    level: str
    words: str


class ArticlePlaces:
    """The places of one parsed article, by token, and where each of its events happened."""

    def __init__(self, reading: Callable[[], Reading], text: str, doc: Doc, cues: Cues, countries: Mapping[str, str]) -> None:
        self._read = reading
        self.text = text
        self.doc = doc
        self.cues = cues
        self.countries = countries
        """ISO-2 codes by the three-letter country codes of actors."""
        self._prepositions: dict[int, str | None] = {}
        self._clauses: dict[int, tuple[Toponym, str] | _Unknown | None] = {}
        """What ``_in_clause`` found, by the clause's head: the events of a sentence share the clauses above them."""

    @functools.cached_property
    def reading(self) -> Reading:
        """The article's toponyms, read on first use."""
        return self._read()

    @functools.cached_property
    def by_root(self) -> dict[int, Toponym]:
        """The toponyms by the index of their head token."""
        by_root = {}
        for toponym in self.reading.toponyms:
            span = self.doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
            if span is not None:
                by_root[span.start if len(span) == 1 else span.root.i] = toponym
        return by_root

    @functools.cached_property
    def numbers(self) -> dict[int, int]:
        """Sentence numbers by first token, counted as the coder counts them: sentences with text."""
        sentences = (s for s in self.doc.sents if self.text[s.start_char : s.end_char].strip())
        return {s.start: n for n, s in enumerate(sentences)}

    def locate(self, anchor: Token, source: Actor | None) -> Location | None:
        """The location of the event whose words start at ``anchor``, acted by ``source``."""
        found = self._stated(anchor)
        if isinstance(found, _Unknown):
            return None
        found = found or self._dateline_for(source)
        return None if found is None else self._location(found)

    def _stated(self, token: Token) -> Whereabouts | _Unknown | None:
        """The place the clause of ``token`` states, else the clauses it sits in."""
        found = self._in_clause(token, "clause")
        for above in token.ancestors:
            if found is not None:
                break
            found = self._in_clause(above, "sentence")
        return found

    @functools.cached_property
    def marks(self) -> list[tuple[int, Toponym | _Unknown]]:
        """The tokens that may place an event, in text order: the head of each toponym, and
        ``UNKNOWN`` at each proper noun the gazetteer does not know that the text uses as a place
        ("in the border town of Kumarakapay"). They are found once per article, and a clause is
        searched for them alone."""
        marks: list[tuple[int, Toponym | _Unknown]] = list(self.by_root.items())
        tags = self.doc.to_array([POS, DEP])
        proper_objects = numpy.flatnonzero((tags[:, 0] == PROPN) & (tags[:, 1] == self.doc.vocab.strings["pobj"]))
        for i in proper_objects.tolist():
            if i not in self.by_root and self._unknown_place(self.doc[i]):
                marks.append((i, UNKNOWN))
        return sorted(marks, key=lambda mark: mark[0])

    @functools.cached_property
    def mark_positions(self) -> list[int]:
        """The token of each mark, in the same order: where a clause's marks start and end."""
        return [i for i, _ in self.marks]

    def _in_clause(self, head: Token, level: str) -> Whereabouts | _Unknown | None:
        """The most precise, then nearest, place put somewhere in the clause of ``head``; ``UNKNOWN``
        when the clause puts it at a name the gazetteer does not know ("in the border town of
        Kumarakapay"), so that no place further off is guessed."""
        if head.i not in self._clauses:
            self._clauses[head.i] = self._placed_in(head)
        found = self._clauses[head.i]
        return Whereabouts(found[0], level, found[1]) if isinstance(found, tuple) else found

    def _placed_in(self, head: Token) -> tuple[Toponym, str] | _Unknown | None:
        """``_in_clause`` for a clause not asked about before: the place and the words that put
        something there, ``UNKNOWN`` or None."""
        placed = []
        unknown = False
        span = slice(
            bisect.bisect_left(self.mark_positions, head.left_edge.i), bisect.bisect_right(self.mark_positions, head.right_edge.i)
        )
        for i, mark in self.marks[span]:
            if not _in_clause_of(self.doc[i], head):
                continue
            if isinstance(mark, _Unknown):
                unknown = True
            elif self._placing(i) is not None:
                placed.append((SPECIFIC[mark.feature], abs(i - head.i), i, mark))
        if placed:
            _, _, i, toponym = min(placed, key=lambda p: p[:3])
            root = self.doc[i]
            return toponym, f"{self._placing(i)} {self.doc[root.left_edge.i : root.right_edge.i + 1].text}"
        return UNKNOWN if unknown else None

    def _placing(self, root: int) -> str | None:
        """The preposition that places something at the name whose head is token ``root`` ("in"
        Quito), as written; None when the name is no location there. Asked once a token."""
        if root not in self._prepositions:
            preposition = self._locative(self.doc[root])
            self._prepositions[root] = preposition.text if preposition is not None else None
        return self._prepositions[root]

    def _locative(self, root: Token) -> Token | None:
        """The preposition that places something at the name whose head is ``root`` ("in Quito");
        None when the name is no location there (a subject, an object, an actor's country)."""
        token = root
        for _ in range(8):
            if token.dep_ in LINKS and token.head is not token:
                token = token.head
                continue
            if token.dep_ != "pobj":
                return None
            preposition = token.head
            word = preposition.lower_
            if word == "of" and self._of_place(preposition):
                token = preposition.head
                continue
            if word in ("to", "from") and preposition.head.pos_ not in ("VERB", "AUX"):
                return None
            if self.cues.has("posted", preposition.head.lemma_) and preposition.head.dep_ not in ("nsubj", "nsubjpass"):
                return None  # "recalled its ambassador in Rabat": where the ambassador serves, not where he was recalled
            return preposition if self.cues.has("locative", word) else None
        return None

    def _unknown_place(self, token: Token) -> bool:
        """Whether a proper noun the gazetteer does not know is a place the clause puts something at:
        "in the border town of Kumarakapay"."""
        preposition = token.head
        return (
            token.pos_ == "PROPN"
            and token.dep_ == "pobj"
            and preposition.lower_ == "of"
            and self.cues.has("place_noun", preposition.head.lemma_)
            and self._locative(token) is not None
        )

    def _of_place(self, preposition: Token) -> bool:
        """Whether an "of" phrase names where its noun is: "the streets of Nairobi", "out of Quito"."""
        return self.cues.has("place_noun", preposition.head.lemma_) or preposition.head.lower_ == "out"

    def _dateline_for(self, source: Actor | None) -> Whereabouts | None:
        """The dateline, for an event whose source acts where the article is filed from."""
        dateline = self.reading.dateline
        why = self._local(source, dateline) if dateline is not None else None
        return Whereabouts(dateline, "dateline", f"the dateline, and {why}") if dateline is not None and why else None

    def _local(self, source: Actor | None, dateline: Toponym) -> str | None:
        """Why the source acts at the dateline, if it does: no country named for it, a mission
        standing there, an organisation or region of no single country, or of the dateline's country."""
        if source is None or source.country is None:
            return "no country is named for the source"
        if any(self.cues.has("embassy", word) for word in source.text.lower().split()):
            return f"the source, '{source.text}', stands there"
        country = self.countries.get(source.country)
        if country is None:
            return f"the source ({source.code}) is of no single country"
        return f"the source ({source.code}) is of {country}" if country == dateline.country_code else None

    def _location(self, found: Whereabouts) -> Location:
        toponym = found.toponym
        span = self.doc.char_span(toponym.start, toponym.end, alignment_mode="expand")
        sentence = span.sent if span is not None else self.doc[0].sent
        offset = sentence.start_char
        return Location(
            text=toponym.text,
            name=toponym.name,
            country_code=toponym.country_code,
            admin1=toponym.place.admin1_key,
            latitude=toponym.place.latitude,
            longitude=toponym.place.longitude,
            geonames_id=toponym.geonames_id,
            precision=toponym.place.feature,
            sentence_index=self.numbers.get(sentence.start, 0),
            span=(toponym.start - offset, toponym.end - offset),
            rule=f"{found.level}: {found.words}",
            resolution=toponym.reason,
        )


def _in_clause_of(token: Token, head: Token) -> bool:
    """Whether ``token`` is in the clause ``head`` heads, not in a clause embedded in it: no
    dependent on the way up from it to ``head`` starts a clause of its own."""
    while token.i != head.i:
        if _starts_clause(token) or token.head.i == token.i:
            return False
        token = token.head
    return True


def _starts_clause(token: Token) -> bool:
    """Whether a dependent starts a clause of its own. A participle with no subject of its own
    ("Speaking at a rally in Caracas, Maduro accused ...") shares its clause's occasion."""
    if token.dep_ == "advcl" and token.tag_ in ("VBG", "VBN") and not any(c.dep_.startswith("nsubj") for c in token.children):
        return False
    return token.dep_ in CLAUSAL or (token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"))


def actor_context(index: ActorIndex, day: dt.date | None, cameo_to_iso2: Mapping[str, str]) -> Context:
    """What the actors the article names tell of its places: their countries, and the spans that
    name people or organisations rather than places."""
    counts: dict[str, float] = {}
    people: dict[tuple[int, int], str] = {}
    seen = set()
    for match in index.names.values():
        if (match.start, match.end) in seen:
            continue
        seen.add((match.start, match.end))
        if all(r.kind in ("person", "organisation") for r in match.referents):
            span = index.doc[match.start : match.end]
            people[span.start_char, span.end_char] = match.referents[0].name
        for referent in match.referents:
            coded = referent.code_on(day) if referent.kind in ACTOR_KINDS else None
            country = cameo_to_iso2.get(coded[0][:3]) if coded else None
            if country:
                counts[country] = counts.get(country, 0.0) + 1.0
    return Context(countries=counts, people=people)
