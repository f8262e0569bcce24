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

import dataclasses
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from ..coding.function_words import function_words
from .context import ArticleContext
from .coref import Coreference
from .gazetteer import AgentWord, Gazetteer, Referent, normalise
from .introduced import NAME_DEPS, IntroducedPeople, name_start
from .mentions import AgentMatch, Found, NameMatch
from .quotes import Quotations

UNKNOWN_OWNER = Referent("unknown", "unknown", "no country or organisation named", code="---")
NOUNS = ("NOUN", "PROPN")
"""A role word is a noun: "general" in "general election" is not the military."""
OWNER_DEPS = ("poss", "amod", "compound", "nmod", "npadvmod")
OWNER_PREPS = function_words("owner")
PLACE_PREPS = ("in", "throughout", "across")
QUANTITIES = frozenset(
    {"ten", "dozen", "score", "hundred", "thousand", "million", "group", "band", "crowd", "number"}
    | {"third", "half", "quarter", "part", "majority", "minority", "batch", "wave"}
    | {"contingent", "detachment", "unit", "squad", "team", "column", "deployment", "battalion", "company"}
    | {"some", "many", "most", "several", "few", "all"}
)
"""Words of number, share or gathering: "thousands of Kurds" are Kurds, "a group of rebels" rebels,
"some of the marchers" marchers, "the first contingent of a multinational police force" that force."""
OWNING_KINDS = ("country", "demonym", "capital", "organisation", "dictionary")
"""What a name must be to stand for a noun it modifies ("Palestinian prisoners"): not a region, not a person."""


class ActorIndex:
    """Every name and role word in one parsed article, by token."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer, speech: frozenset[str] = frozenset()) -> None:
        """``speech`` holds the lemmas of speech verbs, which give quotations their speakers."""
        self.doc = doc
        self.gazetteer = gazetteer
        self.quotes = Quotations(doc, speech)
        tokens = list(doc)  # one pass: spaCy makes a new Token object at every access
        words = [normalise(t.text) for t in tokens]
        lemmas = [t.lemma_ for t in tokens]
        names = gazetteer.match_names(words, [normalise(lemma) for lemma in lemmas], [t.tag_ in ("NNS", "NNPS") for t in tokens])
        self.full_names = frozenset(r for m in names if m[1] - m[0] > 1 for r in m[2] if r.kind == "person")
        self.names: dict[int, NameMatch] = {}
        for start, end, referents in names:
            if not (all(r.kind == "person" for r in referents) and self._inside_a_name(tokens, start, end)):
                self._add_name(NameMatch(start, end, referents))
        self._add_surnames(words)
        self.coreference = Coreference(
            doc, lambda head: self._direct(head, referring=False), self._may_name, self.quotes, self.find
        )
        self.people = IntroducedPeople(doc, lambda head: self._introduce(head, referring=False), self._may_end_name)
        self.context = ArticleContext(doc, self.names, gazetteer)
        lower = [w.lower() for w in words]
        lemmas = [lemma.lower() for lemma in lemmas]
        self.agents = self._agents(gazetteer.match_agents(lower, lemmas, [t.pos_ in NOUNS for t in tokens]))
        self.loose_agents = self._agents(gazetteer.match_agents(lower, lemmas, [True] * len(tokens)))

    def _inside_a_name(self, tokens: list[Token], start: int, end: int) -> bool:
        """Whether a person's name ends a longer name ("Plaza Murillo", "Fort Sumter"): a capitalised
        word before it that is neither a title nor a role word ("President", "Mr.")."""
        if start == 0 or tokens[start].is_sent_start:
            return False
        word = tokens[start - 1]
        return (
            word.pos_ == "PROPN"
            and word.is_title
            and word.is_alpha
            and len(word) > 3
            and (word.lower_,) not in self.gazetteer.agents
        )

    def _agents(self, matches: list[tuple[int, int, AgentWord]]) -> dict[int, AgentMatch]:
        """Role-word matches by token, outside names. The strict ones end on a noun; the
        loose ones end anywhere, for text whose tagging cannot be trusted (headlines)."""
        by_token: dict[int, AgentMatch] = {}
        for start, end, agent in matches:
            if not any(i in self.names for i in range(start, end)):
                match = AgentMatch(start, end, agent)
                by_token.update((i, match) for i in range(start, end))
        return by_token

    def _add_name(self, match: NameMatch) -> None:
        self.names.update((i, match) for i in range(match.start, match.end))

    def _add_surnames(self, words: list[str]) -> None:
        """A bare surname names the person the article names in full."""
        if not self.full_names:
            return
        for i, word in enumerate(words):
            if i in self.names or not word[:1].isupper():
                continue
            people = tuple(r for r in self.gazetteer.surnames.get(word, ()) if r in self.full_names)
            if people:
                self._add_name(NameMatch(i, i + 1, people))

    def find(self, head: Token) -> list[Found]:
        """The actors a noun phrase denotes, given its head token: usually one, several
        when a role word has several owners ("the ambassadors of Arnor and Gondor").

        A pronoun, an unowned role noun ("the president"), a country described by
        its region ("the Andean country") or "the two" are resolved to actors the
        article named before (``coref``)."""
        found = self._direct(head, referring=True)
        if found:
            return found
        antecedent = _relative_antecedent(head)
        if antecedent is not None:
            via = f"'{head.text}' -> '{antecedent.text}', the phrase its relative clause describes"
            return [f.referring(head.i, head.i + 1, via) for f in self.find(antecedent)]
        part = _quantified(head)
        if part is not None:  # "dozens of journalists" as "journalists", "some of the marchers", coreference included
            return self.find(part)
        if head.pos_ == "PRON":
            return self.coreference.pronoun(head)
        if _is_the_two(head):
            return self.coreference.pair(head, self.agents.get(head.i))
        described = self._described(head)
        if described is not None:
            return described
        agent = self.agents.get(head.i)
        if agent is None:
            return self._named_owner(head)
        regions = [o for o, _ in self._owners(head, referring=False) if all(r.kind == "region" for r in o.referents)]
        if regions:
            codes = frozenset(r.code for o in regions for r in o.referents if r.code)
            return self.coreference.country_in(head, codes, min(regions[0].start, agent.start))
        return self.coreference.role(head, agent) or self._unowned_roles(agent, head)

    def _described(self, head: Token) -> list[Found] | None:
        """ "the bloc", "the regional bloc", "the kingdom": an organisation or country the
        article names (``descriptions.tsv``); None for a noun that is no such description."""
        refers = self.gazetteer.descriptions.get(head.lemma_.lower())
        if refers == "other":
            return self._other_side(head)
        start = next((c.i for c in head.children if c.dep_ == "det" and c.lower_ == "the"), None)
        if refers is None or start is None:
            return None
        if refers == "organisation":
            return self.coreference.organisation(head, start)
        codes = self.gazetteer.country_words.get(head.lower_) or self.gazetteer.country_words.get(head.lemma_.lower())
        return self.coreference.country_in(head, frozenset(), start, codes) if codes else []

    def _other_side(self, head: Token) -> list[Found] | None:
        """ "accusing its neighbour", "Peru's rival": the other side of the article's story from
        the possessor's country; None without a possessor, or for several ("its neighbours")."""
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is None or head.tag_ == "NNS":
            return None
        countries = frozenset(r.code[:3] for f in self.find(owner) for r in f.owner.referents if r.code)
        other = self.counterpart(countries, owner.i, head.i + 1)
        return [other] if other is not None else []

    def _direct(self, head: Token, referring: bool) -> list[Found]:
        """The actors a phrase names itself; ``referring`` lets owners be pronouns ("its embassy")."""
        name = self.names.get(head.i)
        if name is not None:
            agent = self._title(head, name)
            if len(name.referents) == 1:  # a group: each member acts
                members = name.referents[0].members
                return [self._found(NameMatch(name.start, name.end, (m,)), agent) for m in members]
            return [self._found(name, agent)]
        named = self._appositive(head)
        if named is not None:
            return [self._found(named, None)]
        if head.i in self.agents:
            apposed = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            found = self._role(head, head, referring)
            if apposed is None:
                return found
            person = self.doc[
                name_start(apposed, self._is_title) : apposed.i + 1
            ].text  # "Peru's prime minister, Alberto Otárola"
            return [dataclasses.replace(f, person=f.person or person) for f in found]
        if head.pos_ == "PROPN":
            return self._unknown_person(head, referring)
        part = _quantified(head)
        return self._direct(part, referring) if part is not None else []

    def _unknown_person(self, head: Token, referring: bool) -> list[Found]:
        """Someone the dictionaries do not know, introduced here with a title or a role in
        apposition (``_introduce``), or named again after an introduction that says more
        ("Zúñiga" after "General Juan José Zúñiga"; see ``introduced``)."""
        found = self._introduce(head, referring)
        if any("unknown" not in f.kinds for f in found):
            return found
        earlier = self.people.before(head)
        if earlier is None:
            return found
        introduced = earlier.found
        start = name_start(head, self._is_title)
        name = self.doc[start : head.i + 1].text
        if not normalise(introduced.person or "").endswith(normalise(name)):
            return found  # another person of the same surname
        return [
            introduced.referring(
                start, head.i + 1, f"'{name}' -> {introduced.person} (introduced in sentence {earlier.sentence})"
            )
        ]

    def _introduce(self, head: Token, referring: bool) -> list[Found]:
        """The actor a proper noun's own title ("Serbian President Aleksandar Vučić", "Judge
        Carla Ostos") or a role in apposition ("Mexico's ambassador, Raquel Serur") makes of an
        unknown person; the one with a country or organisation, else the apposition's."""
        title = next((c for c in head.children if c.dep_ in ("compound", "nmod") and c.i in self.agents), None)
        titled = (self._role(title, head, referring) or self._titled(head, self.agents[title.i])) if title else []
        role = self._apposed_role(head)
        apposed = (self._role(role, role, referring) or self._unowned_roles(self.agents[role.i], role)) if role else []
        if not titled and not apposed:
            return []
        start = name_start(head, self._is_title)
        person = self.doc[start : head.i + 1].text
        apposed = [Found(start, head.i + 1, f.owner, f.agent, f.preferred, f.via, person) for f in apposed]
        titled = [dataclasses.replace(f, person=person) for f in titled]
        owned = [f for f in (*apposed, *titled) if "unknown" not in f.kinds]
        return owned[:1] or apposed or titled

    def _apposed_role(self, head: Token) -> Token | None:
        """The role word a name stands in apposition with: "Juan José Zúñiga, the former army
        commander", "Mexico's ambassador, Raquel Serur", or "a spokesman for the junta,
        Colonel-Major Amadou Abdramane" with the name hung on the junta."""
        if head.dep_ != "appos":
            return next((c for c in head.children if c.dep_ == "appos" and c.i in self.agents), None)
        holder = head.head
        if holder.dep_ == "pobj" and holder.head.head.i in self.agents:
            return holder.head.head
        return holder if holder.i in self.agents else None

    def _is_title(self, token: Token) -> bool:
        return token.i in self.agents

    def _may_end_name(self, token: Token) -> bool:
        """Whether a token may end the name of someone the dictionaries do not know."""
        return token.i not in self.names and token.i not in self.agents and token.dep_ not in NAME_DEPS

    def _unowned_roles(self, agent: AgentMatch, head: Token) -> list[Found]:
        """A role no name owns (``_unowned``), when it is a role: a word with no sector of its
        own stands for no one."""
        return [self._unowned(agent, head)] if agent.agent.sector else []

    def _titled(self, head: Token, title: AgentMatch) -> list[Found]:
        """Someone unknown whose title has no owner of its own: owned by a name beside it
        ("Arab League Secretary General Chadli Klibi"), else its role with no country, CAMEO's
        "---" ("Judge Alejandro Rivera" is ---JUD)."""
        owners = [self.names[c.i] for c in head.children if c.dep_ in OWNER_DEPS and c.i in self.names]
        owner = next((o for o in owners if all(r.kind in OWNING_KINDS for r in o.referents)), None)
        if owner is not None:
            return [self._found(owner, title, head)]
        if title.agent.sector:
            return [self._unowned(title, head)]
        return []

    def _unowned(self, role: AgentMatch, head: Token) -> Found:
        """A role no name owns: of the country its context gives (``context``), else of no
        country, CAMEO's "---" ("protesters" is ---CVL)."""
        setting = self.context.setting(head, role.agent)
        if setting is None:
            return self._found(NameMatch(role.start, role.start, (UNKNOWN_OWNER,)), role, head)
        start, end = min(role.start, head.i), max(role.end, head.i + 1)
        return Found(start, end, setting.owner, role, self.full_names, f"country from {setting.how}", placed=True)

    def own_role(self, actor: Found, role: str, at: Token) -> Found | None:
        """A role of an actor's own country ("its government", "its population"), standing at
        ``at``; None when the actor has no country or the role words lack the role."""
        agent = self.gazetteer.agents.get(tuple(role.split()))
        if agent is None or actor.owner.referents == (UNKNOWN_OWNER,):
            return None
        return Found(at.i, at.i + 1, actor.owner, AgentMatch(at.i, at.i + 1, agent), actor.preferred)

    def counterpart(self, countries: frozenset[str], start: int, end: int, agent: AgentMatch | None = None) -> Found | None:
        """The country on the other side of the article's story from ``countries``
        (``ArticleContext.counterpart``), or its ``agent``, as the words from ``start`` to
        ``end``; None when the article does not make it plain or ``countries`` is empty."""
        setting = self.context.counterpart(countries) if countries else None
        if setting is None:
            return None
        return Found(start, end, setting.owner, agent, self.full_names, f"country from {setting.how}", placed=True)

    def participants(self, gathering: Token, roles: Sequence[str]) -> list[Found]:
        """Those who take part in a gathering ("the march"), as the first of ``roles`` the role
        words know ("protester"), of the country its context gives."""
        agent = next((self.gazetteer.agents[(r,)] for r in roles if (r,) in self.gazetteer.agents), None)
        if agent is None:
            return []
        found = self._unowned(AgentMatch(gathering.i, gathering.i + 1, agent), gathering)
        return [
            found.referring(
                found.start, found.end, f"those who take part in '{gathering.text}'; {found.via or 'of no country named'}"
            )
        ]

    def _named_owner(self, head: Token) -> list[Found]:
        """A noun no role word names, owned by a country or organisation, stands for it:
        "Palestinian prisoners", "Israeli military policies", "the APEC forum"."""
        if head.pos_ not in NOUNS:
            return []
        for child in head.children:
            name = self.names.get(child.i) if child.dep_ in OWNER_DEPS else None
            if name is not None and all(r.kind in OWNING_KINDS for r in name.referents):
                return [self._found(name, None, head)]
        return []

    def _may_name(self, token: Token) -> bool:
        """Whether a token could head an actor phrase: a name, a role word, a proper noun."""
        return token.i in self.names or token.i in self.agents or token.pos_ == "PROPN"

    def _title(self, head: Token, name: NameMatch) -> AgentMatch | None:
        """A role word before a country's or dictionary actor's name ("Bree Prime Minister
        Romendacil"); a person's own dated role says more, so people take none."""
        if any(r.kind == "person" for r in name.referents):
            return None
        return next((self.agents[c.i] for c in head.lefts if c.dep_ in ("compound", "nmod") and c.i in self.agents), None)

    def _role(self, word: Token, head: Token, referring: bool) -> list[Found]:
        """The actors a role word stands for, through the countries or organisations owning it."""
        agent = self.agents[word.i]
        found = []
        for owner, inner in self._owners(word, referring):
            role = agent if agent.agent.sector or inner is None else inner
            regional = all(r.kind == "region" for r in owner.referents)
            if regional and inner is not None and not inner.agent.sector and role is not inner:
                found += self._regional_country(owner, inner, role, head) if referring else []
            elif not (regional and not role.agent.sector):  # "the Andean country": see ``find``
                found.append(self._found(owner, role, head))
        return found

    def _regional_country(self, region: NameMatch, country: AgentMatch, role: AgentMatch, head: Token) -> list[Found]:
        """ "the Caribbean nation's government": the role of the country the article means by
        its region's noun (``Coreference.country_in``), not of the region."""
        codes = frozenset(r.code for r in region.referents if r.code)
        meant = self.coreference.country_in(self.doc[country.end - 1], codes, region.start)
        start = min(region.start, role.start)
        return [Found(start, head.i + 1, f.owner, role, f.preferred, f.via, antecedent=f.antecedent) for f in meant]

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
        spans = [(owner.start, owner.end), *own] if owner.end > owner.start else own
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        outside = head is not None and not head.left_edge.i <= owner.start < owner.end <= head.right_edge.i + 1
        if own and (outside or any(t.dep_ == "cc" for t in self.doc[start:end])):
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

    def _owners(self, head: Token, referring: bool) -> list[tuple[NameMatch, AgentMatch | None]]:
        """The countries, organisations or persons a role word belongs to, each with
        the role word on the way to it ("the head of US diplomacy": US, by way of diplomacy).

        Modifiers first ("Ecuadorian police", "Mexico's embassy", "a Kenyan-led force"; a name
        before a possessive pronoun: "his Chilean counterpart"), then "of"
        and "from" phrases ("the embassy of Mexico"), then "in" phrases as a
        last resort ("police in Ecuador"). Owners joined by "and" are all owners
        ("the ambassadors of Arnor, Osgiliath and Gondor"). A conjunct with no
        owner of its own shares its first conjunct's ("Ecuadorian police and military").
        """
        # a name before a pronoun: "his Chilean counterpart" is Chile's
        children = sorted(head.children, key=lambda c: c.dep_ == "poss" and c.pos_ == "PRON")
        for relations, via_prep in ((OWNER_DEPS, False), (OWNER_PREPS, True), (PLACE_PREPS, True)):
            for child in children:
                target = (
                    _prep_object(child, relations) if via_prep else (_leader(child) or child if child.dep_ in relations else None)
                )
                if target is None:
                    continue
                if referring and target.dep_ == "poss" and target.pos_ == "PRON":  # "its embassy", "his country"
                    return [(f.owner, None) for f in self.coreference.pronoun(target)]
                if target.i in self.names:
                    conjuncts = [c for c in target.conjuncts if c.i > target.i and c.i in self.names]
                    return [(self.names[t.i], None) for t in (target, *conjuncts)]
                if target.i in self.agents:
                    deeper = self._owners(target, referring)
                    if deeper:
                        return [(owner, inner or self.agents[target.i]) for owner, inner in deeper]
        if head.dep_ == "conj" and head.head.i != head.i:
            return self._owners(head.head, referring)
        return []


def _leader(modifier: Token) -> Token | None:
    """Who leads a force a modifier says is led ("a Kenyan-led police force", "the US-led coalition")."""
    if modifier.dep_ != "amod" or modifier.lemma_.lower() != "lead":
        return None
    return next((c for c in modifier.children if c.dep_ in ("npadvmod", "compound", "nmod")), None)


def _quantified(head: Token) -> Token | None:
    """What a number or a quantity counts: "some 800 of the rebels", "tens of thousands of
    students", "one third of the guerrillas"."""
    if not (head.like_num or head.pos_ == "NUM" or head.lemma_.lower() in QUANTITIES):
        return None
    return next(
        (
            p
            for c in head.children
            if c.dep_ == "prep" and c.lower_ in function_words("of")
            for p in c.children
            if p.dep_ == "pobj"
        ),
        None,
    )


def _relative_antecedent(head: Token) -> Token | None:
    """The phrase a relative pronoun stands for ("Jorge Glas, a former vice president whom
    Mexico had granted asylum": Glas; "a separatist group which it blames"), through an
    apposition to the name it describes."""
    if head.tag_ not in ("WP", "WDT") or head.dep_ in ("nsubj", "nsubjpass"):
        return None  # a relative subject is the clause's source already (``arguments.subjects``)
    clause = head.head
    for _ in range(3):
        if clause.dep_ == "relcl" and clause.left_edge.i <= head.i:
            described = clause.head
            return described.head if described.dep_ == "appos" and described.head.pos_ in NOUNS else described
        if clause.head.i == clause.i:
            break
        clause = clause.head
    return None


def _is_the_two(head: Token) -> bool:
    """ "the two", "the two countries", "the two leaders", "both governments"."""
    if head.tag_ in ("NNS", "NNPS") and any(c.dep_ in ("det", "predet") and c.lower_ == "both" for c in head.children):
        return True
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    return definite and (head.lower_ == "two" or any(c.dep_ == "nummod" and c.lower_ == "two" for c in head.children))


def _prep_object(child: Token, preps: tuple[str, ...]) -> Token | None:
    if child.dep_ == "prep" and child.lower_ in preps:
        return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None
