"""Coding: from a parsed article to explained CAMEO events.

The candidates of each sentence (``sentence``) become events here: each gets
its date from its clause's date expression, its actors' codes on that date,
its modality, hedging and attribution from the clauses around it. A future act
announced by its own actor ("Finland will give Tanzania a grant") is that
actor's intent (03) or, for a hostile act, threat (13), as PLOVER and CAMEO
code it. Everything that decided the event is kept in its evidence.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..actors.gazetteer import Gazetteer, load_gazetteer
from ..actors.mentions import Found
from ..actors.resolve import ActorIndex
from ..datafiles import data_path, language_path
from ..dictionaries import NO_DICTIONARIES, Dictionaries
from ..errors import TooSlow
from ..ids import content_hash
from ..language import require_prose
from ..limits import DEFAULT_LIMITS, Limits
from ..model import Actor, Article, CodedArticle, Event, Evidence, Modality, Sentence
from ..places import Places
from .attribution import Attributor, Frame
from .codebook import Codebook, load_codebook
from .cues import Cues, load_cues
from .dating import EventDate, publication_date
from .memory import ArticleMemory
from .modality import is_hedged, is_refused, modality_of
from .patterns import Patterns, load_patterns, patterns_from_dictionaries
from .sentence import Candidate, SentenceCoder
from .story import ArticleDates


@dataclass(frozen=True)
class Knowledge:
    """Everything the coder knows, loaded from data files once per process."""

    gazetteer: Gazetteer
    patterns: Patterns
    cues: Cues
    codebook: Codebook
    embedding: bool = True
    """Whether embedding verbs ("promised to", "refused to") recode the act they embed,
    and an act announced for the future is recoded as an intent or threat; off for
    PETRARCH verb dictionaries, whose patterns code such constructions themselves."""
    places: Places | None = None
    """The gazetteer and resolution rules that locate events; None codes no locations."""

    @classmethod
    def bundled(cls, dictionaries: Dictionaries = NO_DICTIONARIES, language: str = "en") -> Knowledge:
        """The bundled knowledge of ``language``; PETRARCH actor, agent and verb ``dictionaries``,
        if given, replace the bundled actors, role words and patterns respectively."""
        codebook = load_codebook()
        verbs = dictionaries.verbs
        words = language_path(language, "coding")
        patterns = patterns_from_dictionaries(verbs, codebook) if verbs else load_patterns(codebook, words)
        gazetteer = load_gazetteer(dictionaries.actors, dictionaries.agents, language)
        cues = load_cues(codebook, words, data_path("coding"))
        return cls(gazetteer, patterns, cues, codebook, embedding=not verbs, places=Places())

    @property
    def sizes(self) -> dict[str, int]:
        return {**self.gazetteer.sizes, **self.patterns.sizes, **self.cues.sizes, "cameo_codes.csv": len(self.codebook)}


ANNOUNCED = {"intent": "an intent", "threat": "a threat", "refusal": "a refusal"}
"""What an act its own actor announces for the future, or says it will not do, is."""


class Coder:
    """Codes parsed articles; holds only the knowledge, so it pickles to workers."""

    def __init__(self, knowledge: Knowledge, limits: Limits = DEFAULT_LIMITS) -> None:
        self.knowledge = knowledge
        self.limits = limits

    def code(self, article: Article, doc: Doc) -> CodedArticle:
        """The article's events; ``NotProse`` for a table or a list, ``TooSlow`` when over the time limit."""
        require_prose(doc, self.limits.max_sentence_tokens)
        coder = ArticleCoder(self.knowledge, article, doc, self.limits.max_sentence_tokens)
        return coder.code(time.monotonic() + self.limits.max_seconds)


class ArticleCoder:
    """Codes one article: its actor index and attribution frames span its sentences."""

    def __init__(self, knowledge: Knowledge, article: Article, doc: Doc, max_sentence_tokens: int) -> None:
        self.knowledge = knowledge
        self.article = article
        self.doc = doc
        self.max_sentence_tokens = max_sentence_tokens
        self.index = ActorIndex(doc, knowledge.gazetteer, knowledge.cues.speech)
        self.attributor = Attributor(self.index, knowledge.cues)
        self.memory = ArticleMemory(knowledge.patterns, knowledge.codebook, knowledge.cues)
        self.sentences = [s for s in doc.sents if s.text.strip()]
        self.dates = ArticleDates(self.sentences, article)
        self.places = knowledge.places.article(article.text, doc, self.index, article.published) if knowledge.places else None

    def code(self, deadline: float = float("inf")) -> CodedArticle:
        sentences: list[Sentence] = []
        events: dict[str, Event] = {}
        for sentence in self.sentences:
            if time.monotonic() > deadline:
                raise TooSlow(f"coding stopped after sentence {len(sentences)} of {self.article.doc_id}: over the time limit")
            number = len(sentences)
            sentences.append(Sentence(self.article.article_id, number, sentence.text.rstrip(), sentence.start_char))
            if len(sentence) > self.max_sentence_tokens:
                continue
            self.attributor.start_sentence(sentence, number)
            self.memory.start_sentence(number)
            for candidate in SentenceCoder(self.knowledge, self.index, sentence, self.memory).candidates():
                for event in self.events(sentence, number, candidate):
                    events.setdefault(event.event_id, event)
                    self.memory.tell(candidate.anchor, event.cameo, candidate.source)
        return CodedArticle(self.article, tuple(sentences), tuple(events.values()))

    def events(self, sentence: Span, number: int, candidate: Candidate) -> list[Event]:
        """The events a candidate states: none when its actors cannot be coded; the act as
        stated; and, for an act its own actor announces or refuses ("will impose sanctions",
        "will not accept refugees"), that actor's threat, intent or refusal, asserted, beside it."""
        cues, doc, article = self.knowledge.cues, self.doc, self.article
        modality: Modality = modality_of(candidate.anchor, cues)
        when = self.dates.date_of(number, candidate.anchor, modality)
        source = candidate.source.actor_on(doc, when.date)
        target = candidate.target.actor_on(doc, when.date) if candidate.target else None
        if source is None or (
            candidate.target is not None and (target is None or _itself(source.actor, target.actor, candidate))
        ):
            return []  # an actor acting on itself is a misreading, not an event
        frame, carried_from = self.attributor.attribute(candidate.anchor, number)
        vouched = self.attributor.vouch(frame, carried_from, source.actor, candidate.code, modality, when.date)
        referred = tuple(
            f"{role} {f.via}" for role, f in (("source:", candidate.source), ("target:", candidate.target)) if f and f.via
        )
        referred += (when.note,) if when.note else ()
        notes = candidate.notes + vouched.notes + referred
        offset = sentence.start_char
        evidence = Evidence(
            source_span=_char_span(doc, candidate.source, offset),
            target_span=_char_span(doc, candidate.target, offset) if candidate.target else None,
            event_spans=tuple(
                (t.idx - offset, t.idx - offset + len(t.text)) for t in sorted(set(candidate.words), key=lambda t: t.i)
            ),
            rule=candidate.rule,
            source_entry=source.entry,
            target_entry=target.entry if target else None,
            date_text=when.text,
            date_source=when.source,
            notes=notes,
        )
        stated = Event(
            event_id="",
            article_id=article.article_id,
            doc_id=article.doc_id,
            sentence_index=number,
            sentence=sentence.text.rstrip(),
            date=when.date,
            date_precision=when.precision,
            source=source.actor,
            target=target.actor if target else None,
            cameo=candidate.code,
            root="",
            plover=None,
            quad_class=0,
            goldstein=0.0,
            modality=modality,
            attribution=vouched.attribution,
            hedged=is_hedged(candidate.anchor, cues) or vouched.hedged,
            genre=article.genre,
            language=article.language,
            evidence=evidence,
            location=self.places.locate(candidate.anchor, source.actor) if self.places else None,
        )
        found = [self._coded(stated, candidate.anchor)]
        announced = self._announced_kind(candidate, modality)
        if (
            announced is not None
            and cues.mirrors(announced, candidate.code)
            and self._announced_by_source(frame, source.actor, when.date)
        ):
            code = cues.embedded_code(announced, candidate.code)
            rule = f"{candidate.rule}; announced by its actor, {ANNOUNCED[announced]} -> {code}"
            said = self._said_on(frame, carried_from if carried_from is not None else number)
            spoken = self.attributor.vouch(frame, carried_from, source.actor, code, "asserted", said.date)
            announcement = replace(
                stated,
                cameo=code,
                modality="asserted",
                date=said.date,
                date_precision=said.precision,
                attribution=spoken.attribution,
                hedged=is_hedged(candidate.anchor, cues) or spoken.hedged,
                evidence=replace(
                    evidence,
                    rule=rule,
                    date_text=said.text,
                    date_source=said.source,
                    notes=candidate.notes + spoken.notes + referred,
                ),
            )
            found.append(self._coded(announcement, candidate.anchor))
        return found

    def _said_on(self, frame: Frame | None, number: int) -> EventDate:
        """When an announcement was made: the date of its reporting clause, in sentence ``number``
        ("told reporters on Saturday that ..."), else the day the article was published."""
        if frame is not None:
            return self.dates.date_of(number, frame.speaker.head, "asserted")
        return publication_date(self.article.published)

    def _coded(self, event: Event, anchor: Token) -> Event:
        """The event with its code's root, PLOVER type, QuadClass and Goldstein score, and its id."""
        info = self.knowledge.codebook[event.cameo]
        key = (event.source.code if event.source else "", event.target.code if event.target else "")
        return replace(
            event,
            event_id=content_hash(event.article_id, event.sentence_index, anchor.i, info.code, *key),
            root=info.root,
            plover=info.plover,
            quad_class=info.quad_class,
            goldstein=info.goldstein,
        )

    def _announced_kind(self, candidate: Candidate, modality: Modality) -> str | None:
        """What an act its own actor announces is: "will send aid" an intent (033), "will
        impose sanctions" a threat (1312), "will not accept refugees" a refusal (1223);
        None for an act not announced, or one an embedding verb already codes."""
        if not self.knowledge.embedding or candidate.embedded:
            return None
        if modality == "future":
            return "threat" if self.knowledge.codebook[candidate.code].quad_class >= 3 else "intent"
        if modality == "negated" and is_refused(candidate.anchor, self.knowledge.cues):
            return "refusal"
        return None

    def _announced_by_source(self, frame: Frame | None, source: Actor, day: dt.date | None) -> bool:
        """Whether a future act is announced by its own actor: told by the article itself
        ("Finland will give ...") or by someone of the same country ("Norway's minister said
        Norway will send ...") or of no country named ("a union official said the teachers
        will not end their strike"), and so is that actor's intent, threat or refusal, not a
        prediction. Someone of another country only predicts it."""
        if frame is None:
            return True
        speakers = (f.actor_on(self.doc, day) for f in self.index.find(frame.speaker))
        return any(s is not None and s.actor.country in (source.country, None) for s in speakers)


def _itself(source: Actor, target: Actor, candidate: Candidate) -> bool:
    """Whether a target is its source: the same actor, or the source's own country referred
    back to ("Maduro hailed relations between the two nations": Venezuela is one of them); not
    when the context placed the source, whose country then says where it is, not whose."""
    found = candidate.target
    referred = found is not None and found.via is not None and target.sector is None and not candidate.source.placed
    return source.code == target.code or (referred and target.country is not None and target.country == source.country)


def _char_span(doc: Doc, found: Found, offset: int) -> tuple[int, int]:
    span = doc[found.start : found.end]
    return span.start_char - offset, span.end_char - offset
