"""The event candidates of one sentence: anchors, their code, their source and target.

Each verb and event noun is a possible anchor:

- a verb (or adjective: "ready to") that embeds another act ("promised to",
  "refused to", "urged ... to", "demanded that ...") codes the embedded act
  through ``embedding.tsv`` (an intent, a rejection, an appeal...), and the
  embedded act is not coded by itself; so does a speech verb whose complement
  carries "must" or "should" ("said Libya must hand over": a demand);
- any other verb is coded by the most specific verb pattern that matches it;
- an event noun ("the assault on the embassy") by its noun pattern;
- a sentence the parser found no verb in (a headline such as "Ecuadorian
  police and military storm Mexican Embassy") is read left to right: actors
  before a verb-pattern word act on the actors after it. So is a verb whose
  arguments the parser lost, in a sentence it could not give a verbal root
  ("The United States for its part guaranteed Noboa ..." parsed as a noun
  phrase with "guaranteed" as an adjective).

Sources and targets come from syntax (``arguments``) and the actor index.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ..actors.context import is_envoy
from ..actors.mentions import Found
from ..actors.resolve import UNKNOWN_OWNER, ActorIndex
from . import arguments as args
from .function_words import function_words
from .makers import answered, maker_of
from .memory import ArticleMemory
from .patterns import Clause, NounPattern, VerbPattern

if TYPE_CHECKING:
    from ..actors.gazetteer import Referent
    from .extract import Knowledge

MODAL_KINDS = {"obligation": "demand", "advice": "appeal"}
"""What a modal in reported speech makes of its clause ("X said Y must ...": a demand)."""
STATE_SECTORS = ("GOV", "MIL", "COP", "SPY", "LEG", "JUD", "ELI", "IGO")
"""Sectors of the state and its offices: their role words name offices more than persons."""
EMBEDDING_VIA = frozenset({"speech", "issuing"})
"""Cue kinds of verbs that embed an act through what they say or issue, without embedding kinds of their own."""
VENUE_CODES = frozenset({"114", "115"})
"""Complaints and lawsuits: CAMEO's target is the party complained of or sued ("target must be
the defendant"), never the court or body they are brought before."""
OTHER_SIDE = "other side"
"""The role in ``default_targets.tsv`` that stands for the other side of the article's story."""
POSTING_PREPS = ("in", "at")
"""Prepositions naming where an object of the source's own serves ("its ambassador in Rabat")."""
CLAUSE_EMBEDDING = ("demand", "appeal", "threat", "intent")
"""Kinds of verb that embed a clause too: "demanded that X leave", "warned that X would pay",
"guaranteed Noboa that the impact would be limited"."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """An event before dating and coding of its actors."""

    anchor: Token
    code: str
    rule: str
    source: Found
    target: Found | None
    words: tuple[Token, ...]
    notes: tuple[str, ...] = ()
    embedded: bool = False
    """Whether the code already comes from an embedding verb ("promised to")."""


class SentenceCoder:
    """Finds the event candidates of one sentence."""

    def __init__(self, knowledge: Knowledge, index: ActorIndex, sentence: Span, memory: ArticleMemory) -> None:
        self.patterns = knowledge.patterns
        self.codebook = knowledge.codebook
        self.cues = knowledge.cues
        self.embedding = knowledge.embedding
        self.index = index
        self.sentence = sentence
        self.memory = memory
        self.consumed: set[int] = set()
        self.verb_patterns: dict[int, VerbPattern | None] = {}

    def candidates(self) -> Iterator[Candidate]:
        has_verb = any(t.pos_ == "VERB" for t in self.sentence)
        parsed = self.sentence.root.pos_ in ("VERB", "AUX")
        for token in self.sentence:
            if token.i in self.consumed:
                continue
            if token.pos_ == "VERB" or (token.pos_ == "ADJ" and self._kind(token)):
                found = list(self._verb(token))
                yield from found if found or parsed else self._headline(token)
            elif token.pos_ == "ADJ" and token.dep_ == "acomp" and token.lemma_.lower() in self.patterns.adjectives:
                yield from self._adjective(token)
            elif token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in self.patterns.nouns:
                yield from self._noun(token)
            elif not has_verb and token.pos_ in ("NOUN", "PROPN", "ADJ"):
                yield from self._headline(token)

    def _subjects(self, verb: Token) -> list[Token]:
        """The verb's subjects (``arguments.subjects``); for an act a decision names, whoever
        decided it ("its decision to enter the embassy", "the junta justified the move to
        expel"); or, for a participle describing what someone issues, the issuer: "X issued a
        statement condemning Y", "X adopted a resolution calling on Y" (not "X vetoed a
        resolution condemning Y")."""
        found = args.subjects(verb)
        document = verb.head
        if not found and verb.dep_ == "acl" and self.embedding and self.cues.has(document.lemma_, "decision"):
            return self._deciders(document)
        described = not found and verb.dep_ == "acl" and verb.tag_ == "VBG" and document.dep_ == "dobj"
        return args.subjects(document.head) if described and self.cues.has(document.head.lemma_, "issuing") else found

    def _deciders(self, decision: Token) -> list[Token]:
        """Who took a decision: its possessor ("Spain's move to recall its envoy"), or the
        subject of a verb that accounts for it ("the junta justified the move to expel",
        "took the decision to"); not of one that judges it ("criticised the decision to")."""
        owners = [t for c in decision.children if c.dep_ == "poss" for t in args.expand(c)]
        accounted = decision.dep_ == "dobj" and self.cues.has(decision.head.lemma_, "account")
        return owners or (args.subjects(decision.head) if accounted else [])

    def _kind_of_actor(self, head: Token) -> str:
        """The word patterns match for an object that names an actor: ``person`` for someone
        by name or by a role outside the state ("the correspondent", "an activist"),
        ``country`` for a country, capital or organisation by name; "" otherwise."""
        name = self.index.names.get(head.i)
        if name is not None:
            kinds = {r.kind for r in name.referents}
            return "person" if "person" in kinds else "country" if kinds & {"country", "capital", "organisation"} else ""
        agent = self.index.agents.get(head.i)
        return "person" if agent is not None and agent.agent.sector not in ("", *STATE_SECTORS) else ""

    def _actors(self, heads: list[Token]) -> list[Found]:
        return [found for head in heads for found in self.index.find(head)]

    def _first_target(
        self,
        groups: Iterable[list[Token]],
        theme: Token | None = None,
        sources: Iterable[Found] = (),
        venues: bool = False,
    ) -> list[Found]:
        """The actors of the first group that has any besides the sources ("Quito recalled its
        ambassador from Mexico City": not its own ambassador but Mexico). ``theme`` is an
        object the pattern names as what is acted with or on ("send troops", "shot
        protesters"): when its owner is not named ("---", or only the context gives it), any other target comes first
        ("sent troops to Haiti": Haiti), and it is the target only when there is none.
        With ``venues``, a court is where the act is brought, not whom it is against ("filed
        a case against Ecuador at the International Court of Justice": Ecuador)."""
        own = _owners(sources) - {(UNKNOWN_OWNER,)}
        unowned_theme: list[Found] = []
        for group in groups:
            actors = [
                a for a in self._actors(group) if (a.placed or a.owner.referents not in own) and not (venues and _is_court(a))
            ]
            if actors and theme is not None and theme in group and all(_unnamed(a) for a in actors):
                unowned_theme = unowned_theme or actors
            elif actors:
                return actors
        return unowned_theme

    def _own(self, theme: Token, sources: list[Found]) -> bool:
        """Whether an object is the sources' own or no one's in particular ("its ambassador",
        "its own troops", "the envoy"): then the place it is in is the other side."""
        owners = _owners(sources) | {(UNKNOWN_OWNER,)}
        actors = self._actors([theme])
        return bool(actors) and all(_unnamed(a) or a.owner.referents in owners for a in actors)

    def _default_target(self, source: Found, role: str | None, at: Token) -> Found | None:
        """Whom an act with no target named is done to (``default_targets.tsv``): a role of the
        source's own country, or the other side of the article's story."""
        if role is None:
            return None
        if role != OTHER_SIDE:
            return self.index.own_role(source, role, at)
        countries = frozenset(_countries(source))
        return self.index.counterpart(countries, at.i, at.i + 1)

    def _default_sources(self, code: str, targets: list[Found], at: Token) -> list[Found]:
        """Who does an act whose agent is unsaid and not told before: the role ``default_sources.tsv``
        gives, of the targets' country ("the general was arrested": his country's police)."""
        role = self.cues.default_source(code)
        found = [f for f in (self.index.own_role(t, role, at) for t in targets) if f is not None] if role else []
        return [f.referring(f.start, f.end, f"by default, the {role} of its target's country") for f in found[:1]]

    def _serving(self, theme: Token, sources: list[Found]) -> list[Found]:
        """Where the sources' own envoy or troops serve when the sentence does not say: the
        other side of the article's story ("Spain recalled the ambassador" in a story about
        Argentina)."""
        mine = _owners(sources)
        if not all(a.owner.referents in mine or (a.agent and is_envoy(a.agent.agent)) for a in self._actors([theme])):
            return []  # "seized the presidential palace": no one's envoy or force
        countries = frozenset(_countries(*sources))
        counterpart = self.index.counterpart(countries, theme.i, theme.i + 1)
        return [counterpart] if counterpart is not None else []

    def _abroad(self, source: Found, target: Found) -> Found:
        """An envoy of no country named is, to a source of one, the other side's ("the Saudi
        foreign ministry declared Ambassador Dennis Horak persona non grata" in a story about
        Canada); else the target as found."""
        if target.owner.referents != (UNKNOWN_OWNER,) or target.agent is None or not is_envoy(target.agent.agent):
            return target
        countries = frozenset(_countries(source))
        other = self.index.counterpart(countries, target.start, target.end, target.agent)
        return other or target

    def _shared_targets(self, verb: Token) -> list[Found]:
        """ "X met Y and signed an accord": a conjoined verb with no target of its own
        acts on the first verb's."""
        if verb.dep_ != "conj" or verb.head.pos_ != "VERB":
            return []
        return self._first_target(args.objects(verb.head))

    def _clause(self, verb: Token) -> Clause:
        lemma = verb.lemma_.lower()
        # the patterns that may read it: the verb's, and for a verb stating an act, the carriers'
        readers = [lemma, *(self.cues.carriers if self.embedding and self.cues.has(lemma, "states") else ())]
        objects = args.object_lemmas(verb)
        if any(self.patterns.tests_actor_objects(r) for r in readers):
            objects |= {self._kind_of_actor(h) for h in args.direct_objects(verb)} - {""}
        before_verb, after_verb = self.patterns.tests_words(lemma)  # a carrier's phrases name its own verb only
        before, after = (
            args.phrase_words(verb, self._name(verb), before_verb, after_verb) if before_verb or after_verb else ((), ())
        )
        return Clause(
            lemma,
            args.particles(verb),
            objects,
            args.preposition_pairs(verb),
            frozenset(c.lemma_.lower() for c in verb.children if c.dep_ in ("aux", "auxpass")),
            any(self.patterns.tests_subject(r) for r in readers) and len(self._actors(self._subjects(verb))) > 1,
            before,
            after,
        )

    def _pairs(
        self,
        anchor: Token,
        sources: list[Found],
        targets: list[Found],
        code: str,
        rule: str,
        words: tuple[Token, ...],
        embedded: bool = False,
        mutual: bool = False,
    ) -> Iterator[Candidate]:
        topical = self.cues.topical(code, args.topic_words(anchor)) if self.embedding and code in self.cues.topics else None
        if topical is not None:
            code, rule = topical[0], f"{rule}; about '{topical[1]}' -> {topical[0]}"
        notes: tuple[str, ...] = ()
        pairs: list[tuple[Found, Found | None]]
        if not targets and len(sources) > 1 and (mutual or self._reciprocal(words, sources)):
            pairs = [(s, t) for s in sources for t in sources if s is not t]
            notes = ("reciprocal: each side acts on the other",)
        elif not targets and self.cues.stands_alone(code):
            role = self.cues.default_target(code)
            defaults = [self._default_target(s, role, anchor) for s in sources]
            pairs = list(zip(sources, defaults, strict=True))
            notes = (
                (
                    "no target named: by default, the other side of the story"
                    if role == OTHER_SIDE
                    else f"no target named: by default, the {role} of its source's country"
                )
                if any(defaults)
                else "no target named; a complete act of its kind",
            )
        else:
            pairs = [(s, self._abroad(s, t)) for s in sources for t in targets]
        for source, target in pairs:
            yield Candidate(anchor, code, rule, source, target, words, notes, embedded)

    def _reciprocal(self, words: tuple[Token, ...], sources: list[Found]) -> bool:
        """Whether a plural subject acts on each of its members ("Peru and Chile signed an accord")."""
        return len(sources) > 1 and any(self.cues.has(w.lemma_, "reciprocal") for w in words)

    def _answered(self, verb: Token, sources: list[Found]) -> list[Found]:
        """Whoever made the request, offer or accusation a verb answers: "turned down the
        request", "dismissed the accusation" (``makers``)."""
        for obj in args.direct_objects(verb):
            verbs = answered(obj, self.cues.made_by)
            if verbs is not None:
                return maker_of(obj, verbs, self.index.find, sources)
        return []

    def _place_target(self, verb: Token, sources: list[Found], venues: bool = False) -> list[Found]:
        """The last resort for a verb with no one on the other side: an actor named as the
        place of the act or its object ("arrived in Chile", "criticized the closure of
        schools in Gaza", "called for elections in Venezuela"); a named one, not a role, nor a bare
        place of a country the sources' words name as theirs ("in Washington, the White House
        called for calm": where it spoke)."""
        found = self._first_target(args.nested_objects(verb, args.circumstantial_but(("in",))), sources=sources, venues=venues)
        home = _countries(*(s for s in sources if not s.placed))
        return [a for a in found if a.owner.referents != (UNKNOWN_OWNER,) and (a.agent or not _countries(a) & home)]

    def _kind(self, word: Token) -> str | None:
        return self.cues.embedding_kind(word.lemma_) if self.embedding else None

    def _naming(self, verb: Token) -> bool:
        return self.embedding and self.cues.has(verb.lemma_, "naming")

    def _name(self, verb: Token) -> Token | None:
        """The name a naming verb gives ("called the vote a farce": a farce), if it gives one."""
        return args.name_given(verb) if self._naming(verb) else None

    def _embedded_act(self, verb: Token) -> tuple[str, Token, Token | None] | None:
        """The act a verb embeds, how, and the request noun that names it if one does:
        "promised to send" (an xcomp), "demanded that Peru forsake" (a complement clause of a
        demand, appeal or threat), "said Libya must hand over" (a speech verb whose
        complement carries an obligation or advice), or an act asked for in the verb's object
        (``_requested_act``)."""
        kind = self._kind(verb)
        if kind is None and not (self.embedding and any(self.cues.has(verb.lemma_, k) for k in EMBEDDING_VIA)):
            return None  # most verbs embed nothing
        if self._name(verb) is not None:
            return None  # "called the vote a farce" names, and asks nothing
        own = self._verb_pattern(verb)
        if own is not None and own.after:
            return None  # a phrase names the whole construction: "ordered the attaché to leave" is an expulsion
        complements = [c for c in verb.children if c.pos_ in ("VERB", "AUX") and c.dep_ in ("xcomp", "ccomp")]
        if kind is not None:
            # "committed to opening", "insisted on holding": a gerund after a preposition, as an xcomp
            gerunds = [
                g
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ in ("to", "on")
                for g in c.children
                if g.dep_ == "pcomp" and g.pos_ == "VERB"
            ]
            act = next((c for c in (*complements, *gerunds) if c.dep_ != "ccomp" or kind in CLAUSE_EMBEDDING), None)
            if act is not None:
                return kind, act, None
        elif self.cues.has(verb.lemma_, "speech"):
            for act in (c for c in complements if c.dep_ == "ccomp"):
                for aux in (a for a in act.children if a.dep_ == "aux"):
                    modal = next((kind for cue, kind in MODAL_KINDS.items() if self.cues.has(aux.lower_, cue)), None)
                    if modal is not None:
                        return modal, act, None
        return self._requested_act(verb, kind)

    def _requested_act(self, verb: Token, kind: str | None) -> tuple[str, Token, Token | None] | None:
        """An act named by a noun: asked for ("asked Canada for relief", "demanded the
        withdrawal of the troops"), unless the verb's own pattern says more; refused in the
        verb's object ("rejected a request to interrogate", "rejected calls for economic
        aid"); or asked, promised or threatened by an object of that kind issued by the
        subject ("renewed an appeal to Belgium to extradite")."""
        if kind in ("appeal", "demand"):
            own = self._verb_pattern(verb)
            if own is None or own.code == self.cues.embedded_code(kind, None):  # no pattern says more
                purposes = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" for p in c.children]
                nouns = [c for c in (*verb.children, *purposes) if c.dep_ in ("dobj", "pobj") and c.pos_ == "NOUN"]
                act = next((n for n in nouns if self._act_pattern(n) is not None), None)
                return (kind, act, None) if act is not None else None
        issuing = kind is None and self.cues.has(verb.lemma_, "issuing")
        for request in (c for c in verb.children if c.dep_ == "dobj"):
            asked = "refusal" if kind == "refusal" else self._kind(request) if issuing else None
            if asked is not None:
                act = self._complement(verb, request)
                if act is not None and self._act_pattern(act) is not None:  # else the verb's own pattern codes it
                    return asked, act, request
        return None

    @staticmethod
    def _complement(verb: Token, request: Token) -> Token | None:
        """What a request noun asks for: "a request to interrogate" (or the same infinitive
        hung on the verb by the parser), "calls for aid"."""
        for child in (*request.children, *verb.children):
            if child.dep_ in ("acl", "advcl") and any(a.lower_ == "to" and a.dep_ == "aux" for a in child.children):
                return child
        # "calls for aid", or "calls by Berlin for aid" with "for" hung on the requester
        holders = [request, *(p for c in request.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj")]
        purposes = (p for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "for" for p in c.children)
        return next((p for p in purposes if p.dep_ in ("pobj", "pcomp")), None)

    def _verb_pattern(self, verb: Token) -> VerbPattern | None:
        """The verb's pattern; for a verb that carries out what its object names ("continued
        their hunger strike", "organized a general strike"), the pattern of that act."""
        if verb.i not in self.verb_patterns:
            self.verb_patterns[verb.i] = self._find_verb_pattern(verb)
        return self.verb_patterns[verb.i]

    def _find_verb_pattern(self, verb: Token) -> VerbPattern | None:
        states = self.embedding and self.cues.has(verb.lemma_, "states")
        if not states and verb.lemma_.lower() not in self.patterns.verbs:
            return None  # most verbs ("say", "be", "have"): no clause to read
        clause = self._clause(verb)
        pattern = self.patterns.code_clause(clause)
        if pattern is None and states:
            return self.patterns.code_carried_out(clause, self.cues.carriers)
        return pattern

    def _act_pattern(self, act: Token) -> VerbPattern | NounPattern | None:
        """The pattern of an embedded act: a verb's, or an event noun's ("calls for aid"); for
        a word that only leads to the act, the act's ("help finance", "delivery of aid")."""
        if act.pos_ in ("VERB", "AUX"):
            pattern: VerbPattern | NounPattern | None = self._verb_pattern(act)
            leads = [c for c in act.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"]
        else:
            pattern = self.patterns.code_noun(act.lemma_.lower(), frozenset())
            leads = [
                p
                for c in act.children
                if c.dep_ == "prep" and c.lower_ in function_words("of")
                for p in c.children
                if p.dep_ == "pobj"
            ]
        if pattern is None and leads:
            return self.patterns.code_clause(self._clause(leads[0])) if leads[0].pos_ == "VERB" else self._act_pattern(leads[0])
        return pattern

    def _verb(self, verb: Token) -> Iterator[Candidate]:
        embedded = self._embedded_act(verb)
        if embedded is not None:
            yield from self._embedded(verb, *embedded)
            return
        if self._naming(verb) and args.names_what(verb):
            return  # "in what Arce called an attempted coup": the naming only qualifies another act
        pattern = self._verb_pattern(verb)
        kind = None if self._naming(verb) else self._kind(verb)  # "called" with no "on" or "for" asks nothing
        if pattern is None and kind is None:
            return
        words = (verb, *(c for c in verb.children if c.dep_ in ("prt", "dobj")))
        sources = self._actors(self._subjects(verb))
        agentless = not sources and pattern is not None and args.is_passive(verb) and not args.has_agent(verb)
        if agentless and pattern is not None:  # "Glas was detained"
            sources = self.memory.kin_actor(verb, [pattern.code], self._actors(args.direct_objects(verb)))
        preps = pattern.preps if pattern else frozenset()
        candidates = itertools.chain(
            args.objects(verb, preps),
            args.nested_objects(verb, args.circumstantial_but(preps)),
            args.complement_subjects(verb),
            args.complement_objects(verb) if pattern is not None and pattern.after else (),
        )
        theme = (
            next((c for c in verb.children if c.dep_ == "dobj"), None) if pattern and (pattern.objects or pattern.after) else None
        )
        own = theme is not None and self._own(theme, sources)
        if theme is not None and own:  # "recalled its ambassador in Rabat": where it serves
            candidates = itertools.chain(args.prepositional_objects(theme, POSTING_PREPS), candidates)
        mutual = pattern is not None and pattern.mutual
        venues = pattern is not None and pattern.code in VENUE_CODES
        targets = [] if mutual else self._first_target(candidates, theme, sources, venues) or self._shared_targets(verb)
        if not targets and not mutual and not self._reciprocal(words, sources):
            targets = self._answered(verb, sources) or self._gathered(verb, sources) or self._place_target(verb, sources, venues)
        if theme is not None and own and all(_unnamed(t) for t in targets):  # "recalled the ambassador"
            targets = self._serving(theme, sources) or targets
        if pattern is not None and self.cues.judges(pattern.code):
            # the object is what is judged ("denied the accusations"), unless the pattern reads it as the
            # act itself, aimed through a preposition ("take action against")
            own_noun = pattern.objects if pattern.preps else frozenset()
            about = [o for o in args.act_objects(verb) if o.lemma_.lower() not in own_noun]
            targets = self._judged_actors(about, sources) or targets
        if agentless and not sources and pattern is not None:  # "Zúñiga was arrested": by his country's police
            sources = self._default_sources(pattern.code, targets, verb)
        if pattern is None and kind is not None:  # "guaranteed Noboa", "threatened Ecuador": the act itself unsaid
            if not targets and len(sources) < 2:  # "warned", "ordered": neither the act nor whom it is aimed at
                return
            code = self.cues.embedded_code(kind, None)
            yield from self._pairs(
                verb, sources, targets, code, f"{kind} verb '{verb.lemma_}' with no act named -> {code}", words, embedded=True
            )
            return
        assert pattern is not None
        if pattern.after:  # a phrase that reads into a complement codes it with the verb ("ordered X to leave")
            self.consumed.update(c.i for c in verb.children if c.dep_ in ("xcomp", "ccomp"))
        yield from self._pairs(verb, sources, targets, pattern.code, pattern.rule, words, mutual=mutual)
        if pattern.reverse is not None and sources:  # a return needs someone to return it to
            yield from self._pairs(
                verb, targets, sources, pattern.reverse, f"{pattern.rule} (in return: {pattern.reverse})", words
            )

    def _embedded(self, verb: Token, kind: str, act: Token, request: Token | None) -> Iterator[Candidate]:
        """ "promised to send aid", "refused to meet", "urged Bree to help", "rejected a US
        request to interrogate", "rejected calls by Bonn for aid"."""
        self.consumed.update(t.i for t in (*args.expand(act), *([request] if request is not None else [])))
        pattern = self._act_pattern(act)
        if kind == "intent" and pattern is not None and self.codebook[pattern.code].quad_class >= 3:
            kind = "threat"  # "vowed to retaliate", "is prepared to impose martial law"
        code = self.cues.embedded_code(kind, pattern.code if pattern else None)
        rule = (
            f"{kind} verb '{verb.lemma_}' embeds " + (pattern.rule if pattern else f"'{act.lemma_}' (no pattern)") + f" -> {code}"
        )
        addressee = [t for c in verb.children if c.dep_ in ("dobj", "dative") for t in args.expand(c)]
        addressee += [t for group in args.prepositional_objects(verb) for t in group]
        if act.dep_ in ("ccomp", "xcomp"):  # "demanded that Peru forsake", "order you to withdraw": asked of its subject
            addressee += [t for c in act.children if c.dep_ in args.SUBJECTS for t in args.expand(c)]
        act_targets = list(args.objects(act))
        requester: list[Token] = []
        if request is not None:  # "a US request", "calls by Bonn", "an appeal from Gbagbo"; "an appeal to Belgium"
            requester = [t for c in request.children if c.dep_ in ("poss", "compound", "amod", "nmod") for t in args.expand(c)]
            requester += [t for group in args.prepositional_objects(request, ("by", "from")) for t in group]
            addressee += [t for group in args.prepositional_objects(request, ("to",)) for t in group]
        groups = [addressee, *act_targets] if kind in ("appeal", "demand") else [requester, *act_targets, addressee]
        targets = self._first_target(groups)
        if kind == "appeal" and pattern is not None and self.cues.mirrors("rally", pattern.code):
            # "urged the EU to support the PLO"; not "called on the US to forge ties with Pyongyang"
            sides = self._first_target([addressee]) + self._actors(self._subjects(verb))
            third = [a for a in self._first_target(act_targets, sources=sides) if not _countries(a) & _countries(*sides)]
            if third:
                code, targets = self.cues.embedded_code("rally", pattern.code), third
                rule = f"{rule}; on behalf of or against a third party -> {code}"
        if pattern is None and not targets and args.is_passive(act):  # "asked not to be named": asked for oneself
            return
        yield from self._pairs(verb, self._actors(self._subjects(verb)), targets, code, rule, (verb, act), embedded=True)

    def _gathered(self, verb: Token, sources: list[Found]) -> list[Found]:
        """Those who take part in a gathering a verb acts on with no one else named ("dispersed
        the march"): the actor of that gathering earlier in the article, else its participants
        ("protesters") of the country its context gives."""
        for noun in (o for o in args.direct_objects(verb) if self.cues.has(o.lemma_, "gathering")):
            codes = [p.code for p in self.patterns.nouns.get(noun.lemma_.lower(), ())]
            return self.memory.kin_actor(noun, codes, sources) or self.index.participants(noun, self.cues.participants)
        return []

    def _judged_actors(self, objects: Iterable[Token], sources: list[Found]) -> list[Found]:
        """Whoever did the act a judging act is about ("condemned the arrest of activists by
        the police", "regretted Spain's decision", "protested the decision"): the agent the
        act's noun names, else the actor of the act it names earlier in the article."""
        own = {s.owner.referents for s in sources}
        for noun in (o for o in objects if self.memory.names_an_act(o)):
            agents = self._actors(args.agents_of_act(noun))
            if agents and all(a.owner.referents in own for a in agents):
                continue  # its own act, carried on or defended ("continued their hunger strike")
            return agents or self.memory.actor_of(noun, sources)
        return []

    def _noun(self, noun: Token) -> Iterator[Candidate]:
        """ "the Ecuadorian government's assault on the Mexican Embassy"; not a noun that only says
        what something else is ("the rupture is the sharpest clash between the two countries")."""
        if noun.dep_ == "attr":
            return
        lemma = noun.lemma_.lower()
        preps = {p for pattern in self.patterns.nouns[lemma] for p in pattern.preps}
        groups = list(args.prepositional_objects(noun, tuple(preps)))
        pattern = self.patterns.code_noun(lemma, frozenset(t.lemma_.lower() for group in groups[:1] for t in group))
        if pattern is None:
            return
        sources = self._actors(args.agents_of_act(noun)) or self._actors(args.state_holders(noun))
        phrases = list(args.prepositional_objects(noun, tuple(pattern.preps)))
        sides = self._actors([t for g in args.prepositional_objects(noun, ("between", "among")) for t in g])
        if (
            not sources and len(sides) > 1 and args.is_definite(noun)
        ):  # "talks between the foreign ministers": each with the other
            yield from self._pairs(noun, sides, [], pattern.code, pattern.rule, (noun,), mutual=True)
            return
        targets = self._first_target(phrases, sources=sources)
        if self.cues.judges(pattern.code):  # "its condemnation of the raid"
            targets = self._judged_actors((t for g in phrases for t in g), sources) or targets
        if targets:  # a noun alone ("the strike", "the assault") is a mention, not an event to state
            yield from self._pairs(noun, sources, targets, pattern.code, pattern.rule, (noun,))

    def _adjective(self, adjective: Token) -> Iterator[Candidate]:
        """ "Germany was sceptical about the plan", "Brazil is critical of the sanctions"."""
        pattern = self.patterns.adjectives[adjective.lemma_.lower()]
        sources = self._actors(args.subjects(adjective))
        groups = itertools.chain(
            args.prepositional_objects(adjective, tuple(pattern.preps)),
            args.nested_objects(adjective, args.circumstantial_but(pattern.preps)),
        )
        targets = self._first_target(groups, sources=sources)
        yield from self._pairs(adjective, sources, targets, pattern.code, pattern.rule, (adjective,))

    def _listed(self, actors: list[Found]) -> list[Found]:
        """The first actor and those listed with it ("Peru, Chile and Bolivia"): only
        conjunctions, commas and articles between them."""
        listed = actors[:1]
        for actor in actors[1:]:
            between = self.sentence.doc[listed[-1].end : actor.start]
            if not all(t.pos_ in ("CCONJ", "PUNCT", "DET") for t in between):
                break
            listed.append(actor)
        return listed

    def _headline(self, token: Token) -> Iterator[Candidate]:
        """A verb the parser took for a noun (in a sentence with no verb at all) or whose
        arguments it lost: actors before it act on the actors after it, the first of which
        is its object."""
        sentence = self.sentence
        sources = self.index.linear_actors(sentence.start, token.i)
        targets = self._listed(self.index.linear_actors(token.i + 1, sentence.end))
        objects = frozenset(self.sentence.doc[t.end - 1].lemma_.lower() for t in targets[:1])
        pattern = self.patterns.code_clause(Clause(token.lemma_.lower(), frozenset(), objects, frozenset()))
        kind = self._kind(token)
        if pattern is not None:
            code, rule = pattern.code, pattern.rule
        elif kind is not None:  # "guaranteed Noboa that ...": the act itself unsaid
            code = self.cues.embedded_code(kind, None)
            rule = f"{kind} verb '{token.lemma_}' with no act named -> {code}"
        else:
            return
        note = ("linear reading: no verbal structure in the parse, actors taken left and right of the verb word",)
        for source in sources:
            for target in targets:
                yield Candidate(token, code, rule, source, target, (token,), note, embedded=pattern is None)


def _is_court(actor: Found) -> bool:
    """Whether an actor is a court: a judiciary role word ("the court") or a court by name
    (the International Court of Justice, IGOUNOJUDICJ)."""
    if actor.agent is not None and actor.agent.agent.sector == "JUD":
        return True
    return any("JUD" in (r.code or "")[3:] for r in actor.owner.referents)


def _countries(*actors: Found) -> set[str]:
    """The country codes the actors' names stand for ("Pyongyang" and "North Korea": PRK)."""
    return {r.code[:3] for a in actors for r in a.owner.referents if r.code and r.code[:3] != "---"}


def _owners(sources: Iterable[Found]) -> set[tuple[Referent, ...]]:
    """Whose the sources are, as their words name it: a country the context gave a role
    ("Rebels wounded three Colombian soldiers" in a story about Colombia) says nothing of
    whom they may act on."""
    return {s.owner.referents for s in sources if not s.placed}


def _unnamed(actor: Found) -> bool:
    """Whether no words name whose the actor is: "---", or a country only its context gives."""
    return actor.placed or actor.owner.referents == (UNKNOWN_OWNER,)
