"""What the actor index finds: name and role-word matches, and actors built from them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Doc

from ..model import Actor
from .gazetteer import AgentWord, Referent

_KIND_RANK = {
    "dictionary": 0,
    "country": 0,
    "capital": 1,
    "organisation": 2,
    "demonym": 3,
    "region": 4,
    "person": 5,
    "unknown": 6,
}


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
class CodedActor:
    """An actor with its code on a day, and the dictionary entries that gave the code (for the event's evidence)."""

    actor: Actor
    entry: str


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
    via: str | None = None
    """How a pronoun or description was resolved to this actor, when it was."""
    person: str | None = None
    """The name of someone the dictionaries do not know, as the article gives it
    ("Raquel Serur" of "Mexico's ambassador, Raquel Serur")."""
    antecedent: tuple[int, int] | None = None
    """The tokens of the phrase a pronoun or description was resolved to."""
    placed: bool = False
    """Whether the owner comes from the article's context (a place, the dateline), not from the
    words of the actor: then it says where the actor is, not whose it is."""

    def actor_on(self, doc: Doc, day: dt.date | None) -> CodedActor | None:
        """The actor and the dictionary entries behind its code, on the given day; None when it has no code then."""
        referent = choose(self.owner.referents, day, self.preferred)
        coded = referent.code_on(day) if referent else None
        if referent is None or coded is None:
            return None
        code, entry = coded
        agent = self.agent.agent if self.agent is not None else None
        if agent is not None and referent.kind == "person":
            code = code[:3] + agent.sector  # "his country", "Lasso's government": the person's country
            entry = f"{entry} + {agent.entry}"
        elif agent is not None and agent.sector and referent.kind != "organisation":
            code = _with_sector(code, agent, referent.kind)
            entry = f"{entry} + {agent.entry}"
        name = referent.name if referent.kind in ("person", "organisation") else self.person
        text = doc[self.start : self.end].text
        country = None if referent.kind == "unknown" else code[:3]
        return CodedActor(Actor(text=text, code=code, country=country, sector=code[3:] or None, name=name), entry)

    def referring(self, start: int, end: int, via: str) -> Found:
        """This actor as referred to by another phrase (a pronoun, a description)."""
        antecedent = self.antecedent or (self.start, self.end)
        return Found(start, end, self.owner, self.agent, self.preferred, via, self.person, antecedent, self.placed)

    @property
    def kinds(self) -> frozenset[str]:
        kinds = frozenset(r.kind for r in self.owner.referents)
        return kinds | {"person"} if self.person else kinds


def _with_sector(code: str, agent: AgentWord, kind: str) -> str:
    """A country's (or dictionary actor's) code with a role word's sector: ECU + COP.

    A capital stands for its government, so its own sector gives way
    ("Washington police" is USACOP); a sector the code already has is not
    repeated ("White House officials" is USAGOV, not USAGOVGOV).
    """
    if kind == "capital":
        code = code[:3]
    if code.endswith(agent.sector) or code.startswith(agent.sector):
        return code
    return agent.sector + code if agent.before else code + agent.sector


def choose(referents: tuple[Referent, ...], day: dt.date | None, preferred: frozenset[Referent]) -> Referent | None:
    """Of the referents a name may have, the one meant: named in full in the article,
    else a country before an organisation before a person, else a person in office that day."""

    def rank(referent: Referent) -> tuple[int, int, int]:
        in_office = referent.person is not None and referent.person.role_on(day) is not None
        return (referent not in preferred, _KIND_RANK[referent.kind], not in_office)

    return min(referents, key=rank, default=None)
