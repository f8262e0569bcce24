"""Coreference inside one article, using the actors already found and their roles.

News refers back to its actors constantly: "Turkey said it had asked ...",
"Blinken ... he reiterated", "the president", "the Secretary", "the South
American country", "the two". General coreference models are not available
offline, so this resolver is focused: it only links a phrase to an actor the
article has already named, and says how in the actor's ``via`` note.

- "I", "we", "our" inside a quotation: its speaker; "you": its addressee
  (``quotes``).
- Pronouns: the subject of a complement clause refers first to the subject of
  the clause above ("X said it would ..."); otherwise the nearest compatible
  mention, subjects first, in this sentence and the three before: persons for
  he/she, countries and organisations (never persons) for it, plural or
  coordinated phrases for they. "its" and "their" refer first to their own
  clause's subject ("Algeria recalled its ambassador"); other pronouns in an
  object, to someone else ("Blinken spoke with Lasso, congratulating him").
- Role nouns without an owner ("the president", "the troops"): the nearest
  mention with the same role word and an owner, a person whose roles include
  the word ("Secretary of State"), or an owned role of the same sector nearby
  ("the officers" after "Ecuadorian police"); not a mention less specific than
  the description ("the coup leaders"), nor any for a successor ("the new
  army chief").
- A country described by its region ("the Andean country") or by the word its
  names share ("the kingdom"): the country the article mentions most, outside
  this sentence, in that region when the data knows the country's regions.
- An organisation described ("the bloc"): the one the article names most.
- "the two", "both governments", "both presidents": two countries or two
  people named together last, else named most.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .gazetteer import Referent
from .mentions import AgentMatch, Found
from .quotes import Quotations

FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"})
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "yourselves"})
PERSONAL = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
NEUTER = frozenset({"it", "its", "itself"})
PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
WINDOW = 3
REFLEXIVE_POSSESSIVES = frozenset({"its", "their"})
"""Possessives that, inside their clause, refer first to its subject."""
"""How many sentences back a pronoun may refer."""
THINGS = frozenset({"country", "capital", "organisation", "dictionary", "demonym"})
PLACES = frozenset({"country", "capital", "demonym"})
MODIFIERS = ("amod", "compound", "nmod", "npadvmod")
"""Dependents that make a role description more specific: "the coup leaders", "the new army chief"."""
SUCCESSOR = frozenset({"new", "next", "incoming", "future"})
"""Modifiers by which a role description names someone other than who held the role before."""
GENERIC_PEOPLE = frozenset({"leader"})
"""Nouns of persons that name no role of their own: "the two leaders" are any two people."""
STATES = frozenset({"country", "nation", "government", "state", "side", "neighbour", "neighbor", "capital", "administration"})
"""Nouns for states in "the two countries", "both governments": a pair of countries, not of people."""
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

    def __init__(
        self,
        doc: Doc,
        find: Callable[[Token], list[Found]],
        candidate: Callable[[Token], bool],
        quotes: Quotations,
        resolve: Callable[[Token], list[Found]],
    ) -> None:
        self.doc = doc
        self.find = find
        self.candidate = candidate
        self.quotes = quotes
        self.resolve = resolve
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
                    if token.pos_ in ("NOUN", "PROPN") and _may_mention(token) and self.candidate(token):
                        found = self.find(token)
                        if found:
                            self._mentions.append(Mention(token, found, number))
        return self._mentions

    def pronoun(self, token: Token) -> list[Found]:
        """The actors a personal or possessive pronoun refers to, or none."""
        word = token.lower_
        if word in FIRST_PERSON or word in SECOND_PERSON:
            return self._quoted(token, speaker=word in FIRST_PERSON)
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
            subject: set[tuple[object, ...]] = set()
            if own_subject is not None and token.dep_ != "poss":  # "its decision" may be the subject's
                subject = {_identity(f) for f in self.resolve(own_subject)}
            candidates.sort(key=lambda m: m.head == own_subject or any(_identity(f) in subject for f in m.actors))
        for mention in candidates:
            if _compatible(mention, word, strict=True) or _compatible(mention, word, strict=False):
                return self._refer(mention, token.i, token.i + 1, f"'{token.text}'")
        return []

    def _quoted(self, token: Token, speaker: bool) -> list[Found]:
        """ "I", "we", "our" inside a quotation are its speaker; "you" its addressee."""
        quote = self.quotes.around(token)
        party = (quote.speaker if speaker else quote.addressee) if quote is not None else None
        if party is None or party.lower_ in FIRST_PERSON | SECOND_PERSON:
            return []
        who = f"'{self._text(party.left_edge.i, party.i + 1)}', {'who speaks' if speaker else 'addressed in'} the quotation"
        return [
            f.referring(token.i, token.i + 1, f"'{token.text}' -> {who}" + (f"; {f.via}" if f.via else ""))
            for f in self.resolve(party)
        ]

    def role(self, head: Token, agent: AgentMatch) -> list[Found]:
        """The actor a definite role noun with no owner refers to: the nearest mention before
        with the same role word and an owner ("the embassy", "the troops"); for a singular
        noun, a person whose roles include the word ("the Secretary", "the president"); else,
        within three sentences, the nearest with an owner and a role of the same sector, for
        the sectors named by many words ("the officers" after "Ecuadorian police", "the
        troops" after "Bolivia's army commander"; not GOV, whose words name offices apart).
        The nouns that make a description's role more specific must be in the mention's
        phrase ("the coup leaders" are not "West African leaders"); a description of a
        successor refers to no one named before ("the new army chief")."""
        if not _definite(head):
            return []
        phrase = agent.agent.phrase.lower()
        singular = head.tag_ in ("NN", "NNP")
        what = f"'{self._text(next(c.i for c in head.children if c.dep_ == 'det'), head.i + 1)}'"
        own = [c for c in head.children if c.dep_ in MODIFIERS and not agent.start <= c.i < agent.end]
        if any(c.lower_ in SUCCESSOR for c in own):
            return []  # "the new army chief" is not the one named before
        modifiers = {c.lemma_.lower() for c in own if c.pos_ in ("NOUN", "PROPN")}
        earlier = self._before(head, None)
        for mention in earlier:
            if modifiers <= _words(mention):  # "the coup leaders" are not "West African leaders"
                same_role = [f for f in mention.actors if f.agent is not None and f.agent.agent.phrase.lower() == phrase]
                if same_role:
                    return [f.referring(agent.start, head.i + 1, f"{what} -> sentence {mention.sentence}") for f in same_role]
            people = [
                f
                for f in mention.actors
                if any(phrase in role.role.lower() for r in f.owner.referents if r.person for role in r.person.roles)
            ]
            if people and singular:
                return self._refer(mention, agent.start, head.i + 1, what)
        sector = agent.agent.sector
        if sector in ("", "GOV"):
            return []
        here = self.sentence_of(head)
        for mention in (m for m in earlier if here - m.sentence <= WINDOW and modifiers <= _words(m)):
            same_sector = [f for f in mention.actors if f.agent is not None and f.agent.agent.sector == sector]
            owned = [f for f in same_sector if "unknown" not in f.kinds]
            if owned:
                return [
                    f.referring(agent.start, head.i + 1, f"{what} -> sentence {mention.sentence}, same sector") for f in owned
                ]
        return []

    def organisation(self, head: Token, start: int) -> list[Found]:
        """The intergovernmental organisation "the bloc", "the alliance" means: the one the
        article has named most before, the nearest of those named as often."""
        counts: Counter[tuple[Referent, ...]] = Counter()
        last: dict[tuple[Referent, ...], Mention] = {}
        for mention in self.mentions:
            if mention.head.i >= head.i:
                break
            for found in mention.actors:
                if any(r.kind == "organisation" and (r.code or "").startswith("IGO") for r in found.owner.referents):
                    counts[found.owner.referents] += 1
                    last[found.owner.referents] = mention
        if not counts:
            return []
        most = max(counts.values())
        chosen = max((last[k] for k, n in counts.items() if n == most), key=lambda m: m.head.i)
        return self._refer(chosen, start, head.i + 1, f"'{self._text(start, head.i + 1)}'")

    def country_in(self, head: Token, regions: frozenset[str], start: int, codes: frozenset[str] | None = None) -> list[Found]:
        """The country "the Andean country" or "the kingdom" means: the one the article mentions
        most, outside this sentence, in one of ``regions`` when the data knows its regions, and
        among ``codes`` when given (the kingdoms)."""
        here = self.sentence_of(head)
        counts: Counter[str] = Counter()
        first: dict[str, Found] = {}
        for mention in self.mentions:
            if mention.sentence == here:
                continue
            for found in mention.actors:
                countries = [
                    r
                    for r in found.owner.referents
                    if r.kind in ("country", "demonym", "capital") and (codes is None or (r.code or "")[:3] in codes)
                ]
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
                antecedent=(owner.owner.start, owner.owner.end),
            )
        ]

    def pair(self, token: Token, role: AgentMatch | None = None) -> list[Found]:
        """ "the two", "the two countries", "both governments", "both presidents": two
        countries for a noun of states ("country", "government", "side"), else two people; two
        people for a noun of persons, each holding the role it names ("both candidates"), but
        for "leaders"; people first, then countries, for bare "the two". The pair is the latest
        sentence's that names exactly two (in the six before), else, but for bare "the two",
        the two the article has named most before. A country takes the sector of the noun's
        ``role`` ("the two governments": ECUGOV, MEXGOV); nouns of other things name no pair
        ("the two regions")."""
        lemma = token.lemma_.lower()
        orders: list[Callable[[Found], bool]]
        if token.lower_ == "two":
            orders = [_person, _thing]
        elif lemma in STATES:
            orders = [_state, _person]
        elif role is not None and role.agent.sector:
            orders = [_person if lemma in GENERIC_PEOPLE else functools.partial(_holds, role=lemma)]
        else:
            return []
        start = next((c.i for c in token.children if c.dep_ == "det"), token.i)
        earlier = self._before(token, None)
        recent = [m for m in earlier if self.sentence_of(token) - m.sentence <= 2 * WINDOW]
        for fits in orders:
            chosen, how = _named_together(recent, fits), "the two named together before"
            if len(chosen) != 2 and token.lower_ != "two":
                chosen, how = _named_most(earlier, fits), "the two the article names most"
            if len(chosen) == 2:
                what = f"'{self._text(start, token.i + 1)}' -> {how}"
                return [_with_role(f, role).referring(start, token.i + 1, what) for f in chosen]
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


def _words(mention: Mention) -> set[str]:
    """The lemmas of a mention's phrase up to its head."""
    return {t.lemma_.lower() for t in mention.head.doc[mention.head.left_edge.i : mention.head.i + 1]}


def _definite(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)


def _named_together(mentions: list[Mention], fits: Callable[[Found], bool]) -> list[Found]:
    """The actors that fit, named by their own names in the latest sentence that names
    exactly two (``mentions`` nearest sentence first)."""
    for _, group in itertools.groupby(mentions, key=lambda m: m.sentence):
        chosen: dict[object, Found] = {}
        for mention in sorted(group, key=lambda m: m.head.i):
            for found in mention.actors:
                if fits(found) and found.agent is None:
                    chosen.setdefault(_who(found), found)
        if len(chosen) == 2:
            return list(chosen.values())
    return []


def _named_most(mentions: list[Mention], fits: Callable[[Found], bool]) -> list[Found]:
    """The two actors that fit the mentions name most, when two stand out: no third is
    named as often as the second; each as named by its own name when it is."""
    counts: Counter[object] = Counter()
    named: dict[object, Found] = {}
    for mention in mentions:
        for found in mention.actors:
            if fits(found):
                who = _who(found)
                counts[who] += 1
                if who not in named or (named[who].kinds - {"country", "person"} and found.kinds & {"country", "person"}):
                    named[who] = found
    top = counts.most_common(3)
    if len(top) < 2 or (len(top) == 3 and top[2][1] == top[1][1]):
        return []
    return [named[top[0][0]], named[top[1][0]]]


def _person(found: Found) -> bool:
    return "person" in found.kinds


def _thing(found: Found) -> bool:
    return bool(found.kinds & THINGS)


def _state(found: Found) -> bool:
    """A country, or an actor of the dictionaries that is no person: what "the two countries" count."""
    return bool(found.kinds & (PLACES | {"dictionary"})) and "person" not in found.kinds


def _holds(found: Found, role: str) -> bool:
    """Whether a person named in the dictionaries has held a role of that name ("candidate")."""
    return any(role in r.role.lower() for referent in found.owner.referents if referent.person for r in referent.person.roles)


def _who(found: Found) -> object:
    """Who an actor is, a country whatever names it ("Ecuador", "Quito", "Ecuadorian")."""
    countries = {(r.code or "")[:3] for r in found.owner.referents if r.kind in PLACES}
    return ("country", *sorted(countries)) if countries else _identity(found)


def _with_role(found: Found, role: AgentMatch | None) -> Found:
    """A country as the role a noun names ("the two governments"), else as itself ("the two
    countries", though named last as "Ecuadorian police"); a person keeps their own."""
    if "person" in found.kinds:
        return found
    return dataclasses.replace(found, agent=role if role is not None and role.agent.sector else None)


def _identity(found: Found) -> tuple[object, ...]:
    """Who an actor is, whatever phrase names it: its referents, and its name when the
    dictionaries do not know it."""
    return (found.owner.referents, found.person)


def _may_mention(token: Token) -> bool:
    """Whether a token heads a phrase of its own: not a modifier, except a name in apposition
    ("a spokesman for the junta, Colonel-Major Amadou Abdramane")."""
    return token.dep_ not in NOT_MENTIONS or (token.dep_ == "appos" and token.pos_ == "PROPN")


def _compatible(mention: Mention, word: str, strict: bool) -> bool:
    kinds = frozenset(k for f in mention.actors for k in f.kinds)
    titled = any(f.agent is not None for f in mention.actors)
    if word in PERSONAL:
        return ("person" in kinds and not titled) if strict else (titled and not mention.plural)
    if word in NEUTER:
        return not mention.plural and "person" not in kinds and (not strict or bool(kinds & THINGS))
    return mention.plural if strict else bool(kinds & THINGS)
