"""Coding: from a parsed article to explained CAMEO events.

For every sentence, each verb and event noun is a possible event anchor:

- a verb whose lemma embeds another act ("promised to", "refused to",
  "urged ... to") codes the embedded act through ``embedding.tsv`` (an intent,
  a rejection, an appeal...), and the embedded act is not coded by itself;
- any other verb is coded by the most specific verb pattern that matches it;
- an event noun ("the assault on the embassy") by its noun pattern;
- a sentence the parser found no verb in (a headline such as "Ecuadorian
  police and military storm Mexican Embassy") is read left to right: actors
  before a verb-pattern word act on the actors after it.

Each anchor's source and target come from syntax (``arguments``) and the
actor index; its modality, hedging and attribution from the clause around it;
its date from the clause's date expression. Everything that decided the event
is kept in its evidence.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from ..actors.gazetteer import Gazetteer, load_gazetteer
from ..actors.mentions import Found
from ..actors.petrarch import is_agent_dictionary, is_verb_dictionary
from ..actors.resolve import ActorIndex
from ..model import Article, Attribution, CodedArticle, Event, Evidence, Modality, Sentence
from . import arguments as args
from .attribution import Attributor
from .codebook import Codebook, load_codebook
from .cues import Cues, load_cues
from .dating import SentenceDates
from .modality import is_hedged, modality_of
from .patterns import Clause, Patterns, load_patterns, patterns_from_dictionaries

MAX_SENTENCE_TOKENS = 200
"""Longer "sentences" are tables or lists flattened into text, not prose: skipped."""


@dataclass(frozen=True)
class Knowledge:
    """Everything the coder knows, loaded from data files once per process."""

    gazetteer: Gazetteer
    patterns: Patterns
    cues: Cues
    codebook: Codebook
    embedding: bool = True
    """Whether embedding verbs ("promised to", "refused to") recode the act they embed;
    off for PETRARCH verb dictionaries, whose patterns code such verbs themselves."""

    @classmethod
    def bundled(cls, dictionaries: Sequence[Path] = ()) -> Knowledge:
        """The bundled knowledge; PETRARCH actor, agent and verb ``dictionaries``, if
        given, replace the bundled actors, role words and patterns respectively."""
        codebook = load_codebook()
        verbs = [p for p in dictionaries if is_verb_dictionary(p)]
        agents = [p for p in dictionaries if p not in verbs and is_agent_dictionary(p)]
        actors = [p for p in dictionaries if p not in verbs and p not in agents]
        patterns = patterns_from_dictionaries(verbs, codebook) if verbs else load_patterns(codebook)
        return cls(load_gazetteer(actors, agents), patterns, load_cues(codebook), codebook, embedding=not verbs)

    @property
    def sizes(self) -> dict[str, int]:
        return {**self.gazetteer.sizes, **self.patterns.sizes, **self.cues.sizes, "cameo_codes.csv": len(self.codebook)}


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


class Coder:
    """Codes parsed articles; holds only the knowledge, so it pickles to workers."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge

    def code(self, article: Article, doc: Doc) -> CodedArticle:
        index = ActorIndex(doc, self.knowledge.gazetteer)
        attributor = Attributor(index, self.knowledge.cues)
        sentences: list[Sentence] = []
        events: dict[str, Event] = {}
        for sentence in (s for s in doc.sents if s.text.strip()):
            number = len(sentences)
            sentences.append(Sentence(article.article_id, number, sentence.text.rstrip(), sentence.start_char))
            if len(sentence) > MAX_SENTENCE_TOKENS:
                continue
            attributor.start_sentence(sentence, number)
            dates = SentenceDates(sentence)
            for candidate in SentenceCoder(self.knowledge, index, sentence).candidates():
                event = self._event(article, doc, sentence, number, candidate, attributor, dates)
                if event is not None:
                    events.setdefault(event.event_id, event)
        return CodedArticle(article, tuple(sentences), tuple(events.values()))

    def _event(
        self,
        article: Article,
        doc: Doc,
        sentence: Span,
        number: int,
        candidate: Candidate,
        attributor: Attributor,
        dates: SentenceDates,
    ) -> Event | None:
        cues = self.knowledge.cues
        modality: Modality = modality_of(candidate.anchor, cues)
        when = dates.date_of(candidate.anchor, article.published, forward=modality == "future")
        source = candidate.source.actor_on(doc, when.date)
        target = candidate.target.actor_on(doc, when.date) if candidate.target else None
        if source is None or (candidate.target is not None and (target is None or source[0].code == target[0].code)):
            return None  # an actor acting on itself is a misreading, not an event
        frame, carried_from = attributor.attribute(candidate.anchor, number)
        attribution = frame.attribution if frame else Attribution("author")
        notes = candidate.notes + ((f"attribution carried from sentence {carried_from}",) if carried_from is not None else ())
        notes += tuple(
            f"{role} {f.via}" for role, f in (("source:", candidate.source), ("target:", candidate.target)) if f and f.via
        )
        info = self.knowledge.codebook[candidate.code]
        offset = sentence.start_char
        evidence = Evidence(
            source_span=_char_span(doc, candidate.source, offset),
            target_span=_char_span(doc, candidate.target, offset) if candidate.target else None,
            event_spans=tuple(
                (t.idx - offset, t.idx - offset + len(t.text)) for t in sorted(set(candidate.words), key=lambda t: t.i)
            ),
            rule=candidate.rule,
            source_entry=source[1],
            target_entry=target[1] if target else None,
            date_text=when.text,
            date_source=when.source,
            notes=notes,
        )
        key = (
            f"{article.article_id}|{number}|{candidate.anchor.i}|{info.code}|{source[0].code}|{target[0].code if target else ''}"
        )
        return Event(
            event_id=hashlib.sha256(key.encode()).hexdigest()[:20],
            article_id=article.article_id,
            doc_id=article.doc_id,
            sentence_index=number,
            sentence=sentence.text.rstrip(),
            date=when.date,
            date_precision=when.precision,
            source=source[0],
            target=target[0] if target else None,
            cameo=info.code,
            root=info.root,
            plover=info.plover,
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            modality=modality,
            attribution=attribution,
            hedged=is_hedged(candidate.anchor, cues) or (frame is not None and frame.hedged),
            genre=article.genre,
            evidence=evidence,
        )


def _char_span(doc: Doc, found: Found, offset: int) -> tuple[int, int]:
    span = doc[found.start : found.end]
    return span.start_char - offset, span.end_char - offset


class SentenceCoder:
    """Finds the event candidates of one sentence."""

    def __init__(self, knowledge: Knowledge, index: ActorIndex, sentence: Span) -> None:
        self.patterns = knowledge.patterns
        self.cues = knowledge.cues
        self.embedding = knowledge.embedding
        self.index = index
        self.sentence = sentence
        self.consumed: set[int] = set()

    def candidates(self) -> Iterator[Candidate]:
        has_verb = any(t.pos_ == "VERB" for t in self.sentence)
        for token in self.sentence:
            if token.i in self.consumed:
                continue
            if token.pos_ == "VERB":
                yield from self._verb(token)
            elif token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in self.patterns.nouns:
                yield from self._noun(token)
            elif not has_verb and token.pos_ in ("NOUN", "PROPN", "ADJ"):
                yield from self._headline(token)

    def _actors(self, heads: list[Token]) -> list[Found]:
        return [found for head in heads for found in self.index.find(head)]

    def _first_target(self, groups: Iterable[list[Token]]) -> list[Found]:
        for group in groups:
            actors = self._actors(group)
            if actors:
                return actors
        return []

    def _clause(self, verb: Token) -> Clause:
        return Clause(verb.lemma_.lower(), args.particles(verb), args.object_lemmas(verb), args.preposition_pairs(verb))

    def _pairs(
        self, anchor: Token, sources: list[Found], targets: list[Found], code: str, rule: str, words: tuple[Token, ...]
    ) -> Iterator[Candidate]:
        notes: tuple[str, ...] = ()
        pairs: list[tuple[Found, Found | None]]
        if not targets and len(sources) > 1 and self.cues.has(anchor.lemma_, "reciprocal"):
            pairs = [(s, t) for s in sources for t in sources if s is not t]
            notes = ("reciprocal: plural subject acts on each member",)
        elif not targets and code[:2] in self.cues.targetless:
            pairs = [(s, None) for s in sources]
            notes = ("no target named; a complete act of its kind",)
        else:
            pairs = [(s, t) for s in sources for t in targets]
        for source, target in pairs:
            yield Candidate(anchor, code, rule, source, target, words, notes)

    def _verb(self, verb: Token) -> Iterator[Candidate]:
        kind = self.cues.embedding_kind(verb.lemma_) if self.embedding else None
        if kind is not None:
            embedded = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
            if embedded is not None:
                yield from self._embedded(verb, kind, embedded)
                return
        pattern = self.patterns.code_clause(self._clause(verb))
        if pattern is None:
            return
        words = (verb, *(c for c in verb.children if c.dep_ == "prt"))
        sources = self._actors(args.subjects(verb))
        candidates = itertools.chain(args.objects(verb, pattern.preps), args.nested_objects(verb), args.complement_subjects(verb))
        targets = self._first_target(candidates)
        yield from self._pairs(verb, sources, targets, pattern.code, pattern.rule, words)
        if pattern.reverse is not None:
            yield from self._pairs(
                verb, targets, sources, pattern.reverse, f"{pattern.rule} (in return: {pattern.reverse})", words
            )

    def _embedded(self, verb: Token, kind: str, act: Token) -> Iterator[Candidate]:
        """ "promised to send aid", "refused to meet", "urged Bree to help"."""
        self.consumed.update(t.i for t in args.expand(act))
        pattern = self.patterns.code_clause(self._clause(act))
        code = self.cues.embedded_code(kind, pattern.code if pattern else None)
        rule = (
            f"{kind} verb '{verb.lemma_}' embeds " + (pattern.rule if pattern else f"'{act.lemma_}' (no pattern)") + f" -> {code}"
        )
        addressee = [t for c in verb.children if c.dep_ in ("dobj", "dative") for t in args.expand(c)]
        act_targets = list(args.objects(act))
        groups = [addressee, *act_targets] if kind in ("appeal", "demand") else [*act_targets, addressee]
        targets = self._first_target(groups)
        yield from self._pairs(verb, self._actors(args.subjects(verb)), targets, code, rule, (verb, act))

    def _noun(self, noun: Token) -> Iterator[Candidate]:
        """ "the Ecuadorian government's assault on the Mexican Embassy"."""
        pattern = self.patterns.nouns[noun.lemma_.lower()]
        owners = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
        by = [pobj for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for pobj in c.children if pobj.dep_ == "pobj"]
        sources = self._actors([t for h in (*owners, *by) for t in args.expand(h)])
        targets = self._first_target(args.prepositional_objects(noun, tuple(pattern.preps)))
        yield from self._pairs(noun, sources, targets, pattern.code, pattern.rule, (noun,))

    def _headline(self, token: Token) -> Iterator[Candidate]:
        """A verb the parser took for a noun, in a sentence with no verb at all:
        actors before it act on the actors after it, the first of which is its object."""
        sentence = self.sentence
        sources = self.index.linear_actors(sentence.start, token.i)
        targets = self.index.linear_actors(token.i + 1, sentence.end)
        objects = frozenset(self.sentence.doc[t.end - 1].lemma_.lower() for t in targets[:1])
        pattern = self.patterns.code_clause(Clause(token.lemma_.lower(), frozenset(), objects, frozenset()))
        if pattern is None:
            return
        note = ("headline reading: no verb in the parse, actors taken left and right of the verb word",)
        for source in sources:
            for target in targets:
                yield Candidate(token, pattern.code, pattern.rule, source, target, (token,), note)
