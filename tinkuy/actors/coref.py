"""Coreference inside one article, using the actors already found and their roles.

News refers back to its actors constantly: "Turkey said it had asked ...",
"Blinken ... he reiterated", "the president", "the Secretary", "the South
American country", "the two". General coreference models are not available
offline, so this resolver is focused: it only links a phrase to an actor the
article has already named, and says how in the actor's ``via`` note.

- Pronouns: the subject of a complement clause refers first to the subject of
  the clause above ("X said it would ..."); otherwise the nearest compatible
  mention, subjects first, in this sentence and the three before: persons for
  he/she, countries and organisations for it, plural or coordinated phrases
  for they. "its" and "their" refer first to their own clause's subject
  ("Algeria recalled its ambassador"); other pronouns in an object, to someone
  else ("Blinken spoke with Lasso, congratulating him").
- Role nouns without an owner ("the president", "the Secretary"): the nearest
  mention with the same role word and an owner, or a person whose roles
  include the word ("Secretary of State").
- A country described by its region ("the Andean country"): the country the
  article mentions most, outside this sentence, in that region when the data
  knows the country's regions.
- "the two": the two most recent distinct actors.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .mentions import AgentMatch, Found

PERSONAL = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
NEUTER = frozenset({"it", "its", "itself"})
PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
WINDOW = 3
REFLEXIVE_POSSESSIVES = frozenset({"its", "their"})
"""Possessives that, inside their clause, refer first to its subject."""
"""How many sentences back a pronoun may refer."""
THINGS = frozenset({"country", "capital", "organisation", "dictionary", "demonym"})
NOT_MENTIONS = ("compound", "amod", "nmod", "appos", "npadvmod")


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor phrase of the article, a candidate a later phrase may refer back to: its head
    token, the actors it names, and the number of its sentence."""

    head: Token
    actors: list[Found]
    sentence: int

    @property
    def subject(self) -> bool:
        return self.head.dep_ in ("nsubj", "nsubjpass")

    @property
    def plural(self) -> bool:
        return len(self.actors) > 1 or self.head.tag_ in ("NNS", "NNPS")


class Coreference:
    """Resolves the referring phrases of one article; ``find`` finds actors without it,
    ``candidate`` says cheaply whether a token may head an actor phrase at all."""

    def __init__(self, doc: Doc, find: Callable[[Token], list[Found]], candidate: Callable[[Token], bool]) -> None:
        self.doc = doc
        self.find = find
        self.candidate = candidate
        self._mentions: list[Mention] | None = None
        self._sentence_of: dict[int, int] = {}

    @property
    def mentions(self) -> list[Mention]:
        """Every actor phrase of the article, found once, when first needed."""
        return self._index()

    def sentence_of(self, token: Token) -> int:
        self._index()
        return self._sentence_of[token.i]

    def _index(self) -> list[Mention]:
        if self._mentions is None:
            self._mentions = []
            for number, sentence in enumerate(self.doc.sents):
                for token in sentence:
                    self._sentence_of[token.i] = number
                    if token.pos_ in ("NOUN", "PROPN") and token.dep_ not in NOT_MENTIONS and self.candidate(token):
                        found = self.find(token)
                        if found:
                            self._mentions.append(Mention(token, found, number))
        return self._mentions

    def pronoun(self, token: Token) -> list[Found]:
        """The actors a personal or possessive pronoun refers to, or none."""
        word = token.lower_
        if word not in PERSONAL | NEUTER | PLURAL:
            return []
        speaker = self._matrix_subject(token)
        candidates = ([speaker] if speaker else []) + self._before(token, WINDOW)
        if token.dep_ == "poss" and word in REFLEXIVE_POSSESSIVES:
            # "Algeria recalled its ambassador", "the rebels freed their hostages": a state's or
            # a group's own envoy, troops or people are its clause's subject's
            own_subject = self._clause_subject(token)
            candidates.sort(key=lambda m: m.head != own_subject)
        elif token.dep_ not in ("nsubj", "nsubjpass") and (token.dep_ != "poss" or token.head.dep_ not in ("nsubj", "nsubjpass")):
            # "Blinken spoke with Lasso, congratulating him on his victory": a pronoun in an
            # object names someone other than its clause's subject, when there is someone
            own_subject = self._clause_subject(token)
            candidates.sort(key=lambda m: m.head == own_subject)
        for mention in candidates:
            if _compatible(mention, word, strict=True) or _compatible(mention, word, strict=False):
                return self._refer(mention, token.i, token.i + 1, f"'{token.text}'")
        return []

    def role(self, head: Token, agent: AgentMatch) -> list[Found]:
        """The actor an unowned singular role noun ("the president", "the Secretary") refers to."""
        if head.tag_ not in ("NN", "NNP") or not any(c.lower_ == "the" for c in head.children):
            return []
        phrase = agent.agent.phrase.lower()
        for mention in self._before(head, None):
            same_role = [f for f in mention.actors if f.agent is not None and f.agent.agent.phrase.lower() == phrase]
            if same_role:
                return [
                    f.referring(
                        agent.start, head.i + 1, f"'{self._text(agent.start, head.i + 1)}' -> sentence {mention.sentence}"
                    )
                    for f in same_role
                ]
            people = [
                f
                for f in mention.actors
                if any(phrase in role.role.lower() for r in f.owner.referents if r.person for role in r.person.roles)
            ]
            if people:
                return self._refer(mention, agent.start, head.i + 1, f"'{self._text(agent.start, head.i + 1)}'")
        return []

    def country_in(self, head: Token, regions: frozenset[str], start: int) -> list[Found]:
        """The country "the Andean country" means: the one the article mentions most, outside
        this sentence, in one of ``regions`` when the data knows its regions."""
        here = self.sentence_of(head)
        counts: Counter[str] = Counter()
        first: dict[str, Found] = {}
        for mention in self.mentions:
            if mention.sentence == here:
                continue
            for found in mention.actors:
                countries = [r for r in found.owner.referents if r.kind in ("country", "demonym", "capital")]
                if countries and (not regions or any(r.regions & regions or not r.regions for r in countries)):
                    counts[countries[0].code or ""] += 1
                    first.setdefault(countries[0].code or "", found)
        if not counts:
            return []
        code, _ = counts.most_common(1)[0]
        owner = first[code]
        return [
            Found(
                start,
                head.i + 1,
                owner.owner,
                None,
                owner.preferred,
                f"'{self._text(start, head.i + 1)}' -> the country the article names most",
            )
        ]

    def pair(self, token: Token) -> list[Found]:
        """ "the two", "the two countries": the last sentence naming two distinct people,
        else two distinct countries."""
        start = next((c.i for c in token.children if c.dep_ == "det"), token.i)
        earlier = self._before(token, 2 * WINDOW)
        for kinds in (frozenset({"person"}), THINGS):
            for _, group in itertools.groupby(earlier, key=lambda m: m.sentence):
                chosen: dict[object, Found] = {}
                for mention in sorted(group, key=lambda m: m.head.i):
                    for found in mention.actors:
                        if found.kinds & kinds and found.agent is None:
                            chosen.setdefault(found.owner.referents, found)
                if len(chosen) == 2:
                    return [
                        f.referring(start, token.i + 1, "'the two' -> the two named together before") for f in chosen.values()
                    ]
        return []

    def _refer(self, mention: Mention, start: int, end: int, what: str) -> list[Found]:
        named = self.doc[mention.head.i].text
        return [f.referring(start, end, f"{what} -> {named} (sentence {mention.sentence})") for f in mention.actors]

    def _text(self, start: int, end: int) -> str:
        return self.doc[start:end].text

    def _matrix_subject(self, token: Token) -> Mention | None:
        """For a pronoun in a complement clause ("X said it would", "X said his country
        will"), the subject of the clause above."""
        clause = token.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "ccomp":
            return None
        above = next((c for c in clause.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return next((m for m in self.mentions if m.head == above), None) if above is not None else None

    def _clause_subject(self, token: Token) -> Token | None:
        clause = token.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        while True:
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None or clause.dep_ not in ("advcl", "conj", "xcomp") or clause.head.i == clause.i:
                return subject
            clause = clause.head

    def _before(self, token: Token, window: int | None) -> list[Mention]:
        """Mentions before a token, nearest sentence first, subjects first within a sentence."""
        here = self.sentence_of(token)
        earlier = [m for m in self.mentions if m.head.i < token.i and (window is None or here - m.sentence <= window)]
        return sorted(earlier, key=lambda m: (here - m.sentence, not m.subject, -m.head.i))


def _compatible(mention: Mention, word: str, strict: bool) -> bool:
    kinds = frozenset(k for f in mention.actors for k in f.kinds)
    titled = any(f.agent is not None for f in mention.actors)
    if word in PERSONAL:
        return ("person" in kinds and not titled) if strict else (titled and not mention.plural)
    if word in NEUTER:
        return bool(kinds & THINGS) and not mention.plural if strict else not mention.plural and "person" not in kinds
    return mention.plural if strict else bool(kinds & THINGS)
