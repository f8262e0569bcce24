"""Finding actors in a parsed article and giving each a CAMEO code.

Three steps:

1. ``ActorIndex`` finds every known name and role word in the article, longest
   match first. A bare surname ("Moreno") counts when the article names the
   person in full somewhere ("Lenín Moreno"), or when the data lists the
   surname as an alias.
2. ``ActorIndex.find`` takes the head token of a noun phrase (a subject, an
   object) and works out whom the phrase denotes: a named person, organisation
   or country, or a role word owned by a country ("Ecuadorian police",
   "Mexico's embassy", "the government of Ecuador", "U.S. Secretary of State").
3. ``Found.actor_on`` gives the code on the event's date, since a person's
   code depends on the roles they held then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from spacy.tokens import Doc, Token

from ..model import Actor
from .gazetteer import AgentWord, Gazetteer, Key, Referent, normalise

V = TypeVar("V")
NOUNS = ("NOUN", "PROPN")
"""A role word is a noun: "general" in "general election" is not the military."""
OWNER_DEPS = ("poss", "amod", "compound", "nmod", "npadvmod")
OWNER_PREPS = ("of", "from")
PLACE_PREPS = ("in",)
_KIND_RANK = {"country": 0, "capital": 1, "organisation": 2, "demonym": 3, "region": 4, "person": 5}


@dataclass(frozen=True, slots=True)
class NameMatch:
    start: int
    end: int
    referents: tuple[Referent, ...]


@dataclass(frozen=True, slots=True)
class AgentMatch:
    start: int
    end: int
    agent: AgentWord


@dataclass(frozen=True, slots=True)
class Found:
    """An actor found in the text, not yet dated.

    ``owner`` is what the phrase names (a country, organisation or person);
    ``agent`` is the role word that gives a sector, when there is one. A role
    word with no sector ("side", "delegation", "station") stands for its owner.
    """

    start: int
    end: int
    owner: NameMatch
    agent: AgentMatch | None
    preferred: frozenset[Referent]

    def actor_on(self, doc: Doc, day: dt.date | None) -> tuple[Actor, str] | None:
        """The actor and the dictionary entries behind its code, on the given day."""
        referent = choose(self.owner.referents, day, self.preferred)
        coded = referent.code_on(day) if referent else None
        if referent is None or coded is None:
            return None
        code, entry = coded
        if self.agent is not None and self.agent.agent.sector and referent.kind not in ("person", "organisation"):
            code = code[:3] + self.agent.agent.sector
            entry = f"{entry} + {self.agent.agent.entry}"
        name = referent.name if referent.kind in ("person", "organisation") else None
        text = doc[self.start : self.end].text
        return Actor(text=text, code=code, country=code[:3], sector=code[3:] or None, name=name), entry


def choose(referents: tuple[Referent, ...], day: dt.date | None, preferred: frozenset[Referent]) -> Referent | None:
    """Of the referents a name may have, the one meant: named in full in the article,
    else a country before an organisation before a person, else a person in office that day."""

    def rank(referent: Referent) -> tuple[int, int, int]:
        in_office = referent.person is not None and referent.person.role_on(day) is not None
        return (referent not in preferred, _KIND_RANK[referent.kind], not in_office)

    return min(referents, key=rank, default=None)


class ActorIndex:
    """Every name and role word in one parsed article, by token."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        names = _longest_matches(doc, gazetteer.names, gazetteer.longest_name, _name_forms)
        self.full_names = frozenset(r for m in names if m[1] - m[0] > 1 for r in m[2] if r.kind == "person")
        self.names: dict[int, NameMatch] = {}
        for start, end, referents in names:
            self._add_name(NameMatch(start, end, referents))
        self._add_surnames()
        self.agents: dict[int, AgentMatch] = {}
        self.loose_agents: dict[int, AgentMatch] = {}
        for start, end, agent in _longest_matches(doc, gazetteer.agents, gazetteer.longest_agent, _agent_forms):
            if not any(i in self.names for i in range(start, end)):
                match = AgentMatch(start, end, agent)
                self.loose_agents.update((i, match) for i in range(start, end))
                if doc[end - 1].pos_ in NOUNS:
                    self.agents.update((i, match) for i in range(start, end))

    def _add_name(self, match: NameMatch) -> None:
        self.names.update((i, match) for i in range(match.start, match.end))

    def _add_surnames(self) -> None:
        """A bare surname names the person the article names in full."""
        for token in self.doc:
            if token.i in self.names or not token.text[:1].isupper():
                continue
            people = tuple(r for r in self.gazetteer.surnames.get(normalise(token.text), ()) if r in self.full_names)
            if people:
                self._add_name(NameMatch(token.i, token.i + 1, people))

    def find(self, head: Token) -> Found | None:
        """The actor a noun phrase denotes, given its head token, or None."""
        name = self.names.get(head.i)
        if name is not None:
            return self._found(name, None)
        named = self._appositive(head)
        if named is not None:
            return self._found(named, None)
        if head.i in self.agents:
            return self._role(head, head)
        if head.pos_ == "PROPN":  # someone unknown with a known title: "Serbian President Aleksandar Vučić"
            title = next((c for c in head.children if c.dep_ in ("compound", "nmod") and c.i in self.agents), None)
            if title is not None:
                return self._role(title, head)
        return None

    def _role(self, word: Token, head: Token) -> Found | None:
        """The actor a role word stands for, through the country or organisation owning it."""
        agent = self.agents[word.i]
        owned = self._owner(word)
        if owned is None:
            return None
        owner, inner = owned
        role = agent if agent.agent.sector or inner is None else inner
        if not role.agent.sector and all(r.kind == "region" for r in owner.referents):
            return None  # "the Andean country" is one country of the region, not the region
        return self._found(owner, role, head)

    def linear_actors(self, start: int, end: int) -> list[Found]:
        """Actors in a token range read left to right, each role word owned by the
        nearest name before it: the reading for text the parser could not structure."""
        items: list[NameMatch | AgentMatch] = []
        for i in range(start, end):
            item = self.names.get(i) or self._loose_agent(i, end)
            if item is not None and (not items or items[-1] is not item):
                items.append(item)
        found: list[Found] = []
        owned: set[int] = set()
        owner: NameMatch | None = None
        for item in items:
            if isinstance(item, NameMatch):
                owner = item
            elif owner is not None:
                found.append(self._found(owner, item))
                owned.add(owner.start)
        found += [self._found(item, None) for item in items if isinstance(item, NameMatch) and item.start not in owned]
        return sorted(found, key=lambda f: f.start)

    def _loose_agent(self, i: int, end: int) -> AgentMatch | None:
        """A role word where the tagger's part of speech cannot be trusted: any match,
        unless a noun follows it in the range ("military aid" is not the military)."""
        match = self.agents.get(i) or self.loose_agents.get(i)
        if match is None or match is self.agents.get(i):
            return match
        following = match.end
        return None if following < end and self.doc[following].pos_ in NOUNS else match

    def _found(self, owner: NameMatch, agent: AgentMatch | None, head: Token | None = None) -> Found:
        """The actor's span covers its owner and role word, unless other conjuncts lie
        between them ("Ecuadorian police and military": the military's span is "military")."""
        own = [(agent.start, agent.end)] if agent else []
        own += [(head.i, head.i + 1)] if head is not None else []
        spans = [(owner.start, owner.end), *own]
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        if own and any(t.dep_ == "cc" for t in self.doc[start:end]):
            start, end = min(s for s, _ in own), max(e for _, e in own)
        return Found(start, end, owner, agent, self.full_names)

    def _appositive(self, head: Token) -> NameMatch | None:
        """ "the head of US diplomacy, Antony Blinken": the name in apposition is the actor."""
        for child in head.children:
            if child.dep_ == "appos" and child.i in self.names:
                match = self.names[child.i]
                if any(r.kind in ("person", "organisation") for r in match.referents):
                    return match
        return None

    def _owner(self, head: Token) -> tuple[NameMatch, AgentMatch | None] | None:
        """The country, organisation or person a role word belongs to, and the role
        word on the way to it ("the head of US diplomacy": US, by way of diplomacy).

        Modifiers first ("Ecuadorian police", "Mexico's embassy"), then "of"
        and "from" phrases ("the embassy of Mexico"), then "in" phrases as a
        last resort ("police in Ecuador"). A conjunct with no owner of its own
        shares its first conjunct's ("Ecuadorian police and military").
        """
        for relations, via_prep in ((OWNER_DEPS, False), (OWNER_PREPS, True), (PLACE_PREPS, True)):
            for child in head.children:
                target = _prep_object(child, relations) if via_prep else (child if child.dep_ in relations else None)
                if target is None:
                    continue
                if target.i in self.names:
                    return self.names[target.i], None
                if target.i in self.agents:
                    deeper = self._owner(target)
                    if deeper is not None:
                        return deeper[0], deeper[1] or self.agents[target.i]
        if head.dep_ == "conj" and head.head.i != head.i:
            return self._owner(head.head)
        return None


def _prep_object(child: Token, preps: tuple[str, ...]) -> Token | None:
    if child.dep_ == "prep" and child.lower_ in preps:
        return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _name_forms(doc: Doc, start: int, end: int) -> list[Key]:
    """Lookup keys for a token span: its text, and with the last token lemmatised ("Americans")."""
    words = [normalise(t.text) for t in doc[start:end]]
    forms = [tuple(words)]
    last = doc[end - 1]
    if last.tag_ in ("NNPS", "NNS") and last.lemma_ != last.text:
        forms.append((*words[:-1], normalise(last.lemma_)))
    return forms


def _agent_forms(doc: Doc, start: int, end: int) -> list[Key]:
    """Lookup keys for role words: lowercase text, and with the head word lemmatised."""
    words = [t.lower_ for t in doc[start:end]]
    return [tuple(words), (*words[:-1], doc[end - 1].lemma_.lower())]


def _longest_matches(
    doc: Doc, table: Mapping[Key, V], longest: int, forms: Callable[[Doc, int, int], list[Key]]
) -> list[tuple[int, int, V]]:
    """Non-overlapping longest matches of table keys, left to right."""
    found: list[tuple[int, int, V]] = []
    i = 0
    while i < len(doc):
        for length in range(min(longest, len(doc) - i), 0, -1):
            value = next((table[key] for key in forms(doc, i, i + length) if key in table), None)
            if value is not None:
                found.append((i, i + length, value))
                i += length
                break
        else:
            i += 1
    return found
