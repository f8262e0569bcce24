"""The country a role word belongs to when the text does not give it one.

"Riot police dispersed the march in Santiago" are Chile's police; "soldiers" in a
story datelined Niamey are Niger's. For a role word no country or organisation
owns (CAMEO's ``---``: "police", "soldiers", "the authorities", "armed men"), the
first of these that names one country decides, and the actor's evidence says which:

1. a place named in the actor's own clause ("... in Santiago", "in the capital, Lima");
2. a place named elsewhere in its sentence;
3. for the state's forces (police, soldiers, spies, courts), the others their clause
   names, when they are all of one country ("police detained Glas", "Lasso sent
   troops": a state's forces act on its own people and at its leaders' orders far more
   often than abroad, which the news then says);
4. the article's dateline ("QUITO, April 8 (Andes Wire) -");
5. the country the article is about, when that is unambiguous: the country it names
   most, at least twice as often as any other.

A step naming places or people of several countries decides nothing. Those who
represent a country abroad (``envoys.tsv``: an embassy, an ambassador) take no
country from their surroundings, nor give one: an embassy in Quito is another country's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property

from spacy.tokens import Doc, Token

from ..datafiles import data_path, read_table
from .gazetteer import AgentWord, Gazetteer, Referent, normalise
from .mentions import NameMatch

PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around", "into", "through", "along"})
PLACE_KINDS = ("country", "capital")
"""Names that are places: a country, or a city the data knows (today its capitals)."""
COUNTRY_KINDS = ("country", "capital", "demonym")
"""Names that say which country an article is about."""
DATELINE_END = frozenset({",", "-", "—", "–", "(", ":"})
FORCES = frozenset({"COP", "MIL", "SPY", "JUD"})
"""Sectors of the state's forces, which act at home far more often than abroad."""
ARGUMENTS = ("nsubj", "nsubjpass", "dobj", "dative", "agent")
OWNER_DEPS = ("poss", "amod", "compound")
CLAUSES = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj"})


@dataclass(frozen=True, slots=True)
class Setting:
    """The country a role word is given, as the name that gave it, and how it was found."""

    owner: NameMatch
    how: str


class ArticleContext:
    """The places and countries of one article, for role words without an owner."""

    def __init__(self, doc: Doc, names: dict[int, NameMatch], gazetteer: Gazetteer) -> None:
        self.doc = doc
        self.names = names
        self.gazetteer = gazetteer

    def setting(self, head: Token, role: AgentWord) -> Setting | None:
        """The country of a role word that has none of its own, or None when nothing decides."""
        if is_envoy(role):
            return None
        clause = _clause(head)
        for how, places in (
            ("a place in its clause", self._places(_place_phrases(clause))),
            ("a place in its sentence", self._places(_place_phrases(head.sent.root, deep=True))),
            ("the others its clause names", self._others(clause, head) if role.sector in FORCES else iter(())),
        ):
            place = _one_country(places)
            if place is not None:
                return Setting(place, f"{how}, '{self.doc[place.start : place.end].text}'")
        return self._dateline or self._main_country

    def _others(self, clause: Token, head: Token) -> Iterator[NameMatch]:
        """The names of the clause's other actors, as countries: its arguments named, or owned
        by a name ("Venezuelan volunteers"), but not those who represent a country abroad."""
        arguments = [c for c in clause.children if c.dep_ in ARGUMENTS and c.i != head.i]
        arguments += [p for c in clause.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        for argument in (a for named in arguments for a in (named, *named.conjuncts) if a.i != head.i):
            if argument.lemma_.lower() in envoys():
                continue
            for token in (argument, *(c for c in argument.children if c.dep_ in OWNER_DEPS)):
                match = self.names.get(token.i)
                home = _home(match) if match is not None else None
                if match is not None and home is not None:
                    yield NameMatch(match.start, match.end, (home,))

    def _places(self, phrases: Iterable[Token]) -> Iterator[NameMatch]:
        for phrase in phrases:
            for token in phrase.subtree:
                match = self.names.get(token.i)
                if match is not None and match.start == token.i and _countries(match, PLACE_KINDS):
                    yield match

    @cached_property
    def _dateline(self) -> Setting | None:
        """The place of a dateline: the words in capitals that open the article, up to a comma or dash."""
        words: list[Token] = []
        for token in self.doc[:8]:
            if token.text in DATELINE_END:
                break
            if not (token.is_alpha and token.is_upper):
                return None
            words.append(token)
        if not words:
            return None
        key = tuple(normalise(t.text.title()) for t in words)
        referents = tuple(r for r in self.gazetteer.names.get(key, ()) if r.kind in PLACE_KINDS)
        if len({r.code[:3] for r in referents if r.code}) != 1:
            return None
        match = NameMatch(words[0].i, words[-1].i + 1, referents[:1])
        return Setting(match, f"the dateline '{self.doc[match.start : match.end].text}'")

    @cached_property
    def _main_country(self) -> Setting | None:
        return self._most_named(frozenset(), "the country the article names most")

    def counterpart(self, countries: frozenset[str]) -> Setting | None:
        """The other side of a story told about ``countries``: the country the article names
        most besides them, when that is unambiguous ("Spain recalled its ambassador" in a
        story about Argentina)."""
        return self._most_named(countries, "the other country the article names most")

    def _most_named(self, besides: frozenset[str], how: str) -> Setting | None:
        """The country the article names most, but ``besides``, when it is named at least twice as
        often as any other."""
        counts: Counter[str] = Counter()
        first: dict[str, NameMatch] = {}
        for match in dict.fromkeys(self.names.values()):
            for referent in _countries(match, COUNTRY_KINDS)[:1]:
                code = referent.code[:3] if referent.code else ""
                if code not in besides:
                    counts[code] += 1
                    first.setdefault(code, NameMatch(match.start, match.end, (referent,)))
        ranked = counts.most_common(2)
        if not ranked or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
            return None
        code, count = ranked[0]
        return Setting(first[code], f"{how} ({count} times)")


def _home(match: NameMatch) -> Referent | None:
    """What a name says of a country: a country, its capital or demonym, or a person whose roles
    all belong to one country."""
    places = _countries(match, COUNTRY_KINDS)
    if places:
        return places[0]
    people = [r for r in match.referents if r.person is not None and r.person.home]
    homes = {r.person.home for r in people if r.person}
    if len(homes) != 1:
        return None
    return Referent("country", people[0].name, people[0].entry, code=homes.pop())


def _countries(match: NameMatch, kinds: tuple[str, ...]) -> list[Referent]:
    """The referents of a name that are of one of ``kinds``, when they all stand for one country."""
    found = [r for r in match.referents if r.kind in kinds and r.code]
    return found if len({r.code[:3] for r in found if r.code}) == 1 else []


def _one_country(places: Iterable[NameMatch]) -> NameMatch | None:
    """The first place, as its country, when all the places are in one country."""
    found = list(places)
    if len({r.code[:3] for m in found for r in _countries(m, COUNTRY_KINDS) if r.code}) != 1:
        return None
    return NameMatch(found[0].start, found[0].end, tuple(_countries(found[0], COUNTRY_KINDS)[:1]))


def _clause(token: Token) -> Token:
    node = token
    while node.head.i != node.i and node.pos_ not in ("VERB", "AUX"):
        node = node.head
    return node


def _place_phrases(node: Token, deep: bool = False) -> Iterator[Token]:
    """The objects of place prepositions under a clause head, not inside the clauses it
    embeds ("opened fire on the crowd in Lima"); with ``deep``, anywhere under it."""
    frontier = [node]
    while frontier:
        holder = frontier.pop()
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                yield from (c for c in child.children if c.dep_ == "pobj")
            if deep or child.dep_ not in CLAUSES:
                frontier.append(child)


def is_envoy(role: AgentWord) -> bool:
    """Whether a role word names someone who represents a country abroad (an ambassador, an embassy)."""
    return role.phrase.lower() in envoys()


@cache
def envoys() -> frozenset[str]:
    """The role words of those who represent a country abroad (``data/actors/envoys.tsv``)."""
    return frozenset(row["phrase"].lower() for row in read_table(data_path("actors") / "envoys.tsv", ("phrase",)))
