"""Who vouches for an event: the article itself, a named source, or an anonymous one.

A clause is attributed when it is the complement of a speech verb ("Pompeo
said that ...", "..., officials said") or carries an "according to" phrase,
on itself or on a clause above it; a quoted sentence with no speech verb of its
own rests on the speaker of its quotation ('"What happened is unacceptable,"
Bárcena said. "No country can enter an embassy ..."'; see
``tinkuy.actors.quotes``). The source is named as the article names it, a
pronoun or a description by the phrase it stands for ("she said": "Alicia
Bárcena"). It is anonymous when the speaker is unnamed ("sources", "a senior
official", "people familiar with the talks", "analysts") or is granted anonymity
in its own phrase or by its verb ("said on condition of anonymity"); never when
it has a name.

What a speaker says of their own side's verbal acts, their statements,
appeals, promises, demands, criticism, refusals and threats ("Bárcena said
Mexico would never accept it", '"This is unacceptable," Bárcena said'), the
article itself vouches for: the act is the saying, and it is reported as said.
Such events are the author's, with the speaker in the evidence notes.

An account introduced with "according to" anonymous sources goes on resting
on them in the sentences of its paragraph that follow and name no source of
their own; the pipeline carries such a frame forward (see ``Attributor``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..actors.mentions import Found
from ..actors.quotes import speaker_of
from ..actors.resolve import ActorIndex
from ..model import Actor, Attribution, AttributionType, Modality
from .cues import Cues
from .function_words import function_words
from .modality import governors

REPORTED = {"ccomp", "xcomp", "parataxis"}
MAX_SOURCE_CHARS = 160
SPOKEN_ACTS = ("01", "02", "03", "051", "10", "11", "12", "13")
"""CAMEO codes (by prefix) of acts done by saying them: statements, appeals, intents,
praise, demands, disapproval, rejections, threats."""
STATE = (None, "GOV", "MIL")
"""Sectors that speak for a country as a whole (None: the country itself)."""
CLAUSES = ("relcl", "acl", "advcl", "parataxis")
"""Clauses inside a speaker's phrase that are not its name ("a source, who asked ...",
"a spokesman, speaking on state television,"), but a participle that says which ("sources
based in Washington")."""
LEAD_WORDS = 15
"""Words a sentence has at least to be prose, not a title, byline or dateline: the first
such sentence opens the lead."""


@dataclass(frozen=True, slots=True)
class Frame:
    """An attribution found in a sentence, whether it came from "according to", and how
    the speaker's phrase was resolved when it is a pronoun or a description."""

    attribution: Attribution
    according: bool
    hedged: bool
    speaker: Token
    resolved: str | None = None


@dataclass(frozen=True, slots=True)
class Vouching:
    """Who vouches for one event, whether their word hedges it, and the notes that say why."""

    attribution: Attribution
    hedged: bool
    notes: tuple[str, ...]


def _according_object(token: Token) -> Token | None:
    """The source in an "according to X" phrase hanging on ``token``."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in function_words("according"):
            for grandchild in child.children:
                if grandchild.lower_ == "to":
                    return next((g for g in grandchild.children if g.dep_ == "pobj"), None)
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _reports(clause: Token, relation: str) -> bool:
    """Whether a clause under a speech verb is what the speaker says: a complement, or a
    conjunct with a subject of its own ("said Chile recalled its envoy, and Peru expelled
    ...") or one that cannot stand beside the speech verb, a participle or infinitive the
    parser hung on it ("said it was ending aid and withdrawing its diplomats"); a finite
    conjunct sharing the speaker as subject is the speaker's own act ("declared the
    ambassador persona non grata and ordered the consul to leave")."""
    if relation == "conj":
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children)
        return own_subject or clause.tag_ in ("VB", "VBG", "VBN")
    return relation in REPORTED


def _opens_paragraph(sentence: Span) -> bool:
    if sentence.start == 0:
        return True
    before = sentence.doc[sentence.start - 1]
    return "\n" in before.whitespace_ or (before.is_space and "\n" in before.text)


def _name_of(speaker: Token) -> Span:
    """The speaker's phrase without the clauses that describe it ("A Spanish diplomatic
    source, who asked not to be named": "A Spanish diplomatic source")."""
    doc = speaker.doc
    clauses = [
        c.left_edge.i
        for c in speaker.children
        if c.dep_ == "relcl" or (c.dep_ in CLAUSES and c.left_edge.i > 0 and doc[c.left_edge.i - 1].text == ",")
    ]
    start, end = speaker.left_edge.i, min([*clauses, speaker.right_edge.i + 1])
    while end - 1 > speaker.i and doc[end - 1].is_punct:
        end -= 1
    while start < speaker.i and doc[start].is_punct:
        start += 1
    return doc[start:end]


class Attributor:
    """Finds attribution frames; one instance per article, as it carries a frame
    from sentence to sentence."""

    def __init__(self, index: ActorIndex, cues: Cues) -> None:
        self.index = index
        self.cues = cues
        self.carried: tuple[Frame, int] | None = None
        self.paragraph = -1
        self.lead: int | None = None
        """The paragraph of the lead: the first with a sentence of prose length."""
        self.framing = False
        """Whether the carried frame opened the lead, and so frames the whole account."""

    def start_sentence(self, sentence: Span, index: int) -> None:
        """Note an account frame ("According to sources ..., X did Y") opening this sentence.

        An anonymous one is carried to later sentences of its paragraph, and, when it
        opens the lead, to the rest of the article: the lead's sourcing frames the story,
        while a paragraph of the body attributes its own claims. Any other "according to"
        frame at the head of a sentence ends the carried one.
        """
        if _opens_paragraph(sentence):
            self.paragraph += 1
            self.carried = self.carried if self.framing else None
        if self.lead is None and sum(not t.is_punct for t in sentence) >= LEAD_WORDS:
            self.lead = self.paragraph
        source = _according_object(sentence.root)
        if source is not None:
            frame = self._classify(source, sentence.root, according=True)
            self.carried = (frame, index) if frame.attribution.type == "anonymous" else None
            self.framing = self.carried is not None and self.lead == self.paragraph

    def attribute(self, anchor: Token, sentence_index: int) -> tuple[Frame | None, int | None]:
        """The frame of the clause holding ``anchor``, and the index of the sentence
        it was carried from when it comes from an earlier one."""
        frame = self.frame_of(anchor)
        if frame is not None or self.carried is None:
            return frame, None
        carried, origin = self.carried
        return carried, (origin if origin != sentence_index else None)

    def frame_of(self, anchor: Token) -> Frame | None:
        """The attribution of the clause holding ``anchor``, or None if the text states it."""
        node, below, via = anchor, anchor, ""
        chain = [(anchor, "")] + list(governors(anchor))
        for node, via in chain:
            source = _according_object(node)
            if source is not None:
                return self._classify(source, node, according=True)
            if node is not anchor and _reports(below, via) and self.cues.has(node.lemma_, "speech"):
                speaker = speaker_of(node)
                if speaker is not None:
                    return self._classify(speaker, node, according=False)
            for child in node.children:
                if child.dep_ == "parataxis" and self.cues.has(child.lemma_, "speech"):
                    speaker = speaker_of(child)
                    if speaker is not None:
                        return self._classify(speaker, child, according=False)
            below = node
        root = anchor.sent.root
        source = _according_object(root) if root is not node else None
        if source is not None:
            return self._classify(source, root, according=True)
        quote = self.index.quotes.around(anchor)
        if quote is not None and quote.verb is not None and quote.speaker is not None:
            return self._classify(quote.speaker, quote.verb, according=False)
        return None

    def vouch(
        self, frame: Frame | None, carried_from: int | None, source: Actor, code: str, modality: Modality, day: dt.date | None
    ) -> Vouching:
        """Who vouches for an event its frame reports: the frame's source, or the article for
        the speaker's own verbal act (see the module docstring)."""
        if frame is None:
            return Vouching(Attribution("author"), False, ())
        notes: tuple[str, ...] = (f"attribution carried from sentence {carried_from}",) if carried_from is not None else ()
        notes += (f"speaker {frame.resolved}",) if frame.resolved else ()
        spoken = not frame.according and modality == "asserted" and code.startswith(SPOKEN_ACTS)
        if spoken and self._speaks_for(frame.speaker, source, day):
            said = f"said by {frame.attribution.text}: the speaker's own act, which the article reports as said"
            return Vouching(Attribution("author"), False, (*notes, said))
        return Vouching(frame.attribution, frame.hedged, notes)

    def _speaks_for(self, speaker: Token, source: Actor, day: dt.date | None) -> bool:
        """Whether a speaker is the event's source or speaks for it: the same actor, or the
        government or military of the same country ("Foreign Minister Bárcena" for Mexico), when
        their own words give that country (one the context gives says where they are, not for
        whom they speak)."""
        for found in self.index.find(speaker):
            coded = found.actor_on(self.index.doc, day)
            actor = coded.actor if coded is not None else None
            if actor is None:
                continue
            if actor.code == source.code:
                return True
            state = actor.sector in STATE and source.sector in STATE and actor.country not in ("IGO", "NGO") and not found.placed
            if state and actor.country is not None and actor.country == source.country:
                return True
        return False

    def _classify(self, speaker: Token, verb: Token, according: bool) -> Frame:
        found = self.index.find(speaker)
        referred = next((f for f in found if f.antecedent is not None), None)
        phrase = _name_of(speaker)
        if referred is not None and referred.antecedent is not None:
            start, end = referred.antecedent
            phrase = speaker.doc[start:end]
        text = phrase.text[:MAX_SOURCE_CHARS]
        hedged = self.cues.has(verb.lemma_, "hedge")
        kind: AttributionType = "anonymous" if self._is_anonymous(speaker, verb, phrase, found) else "named"
        return Frame(Attribution(kind, text), according, hedged, speaker, referred.via if referred else None)

    def _is_anonymous(self, speaker: Token, verb: Token, phrase: Span, found: list[Found]) -> bool:
        """A source with a name (a country, organisation or person, or a pronoun for one) is
        named; one granted anonymity, in its own phrase or by its verb, is anonymous; so is an
        unnamed one ("a senior official", "sources", "analysts"), unless definite ("the
        official", "the country's leaders")."""
        if any(f.agent is None or f.person for f in found):
            return False
        head = phrase.root
        if head.tag_ == "PRP":  # "she said", with no antecedent found
            return False
        circumstances = [t for c in verb.children if c.dep_ in ("prep", "advcl", "npadvmod") for t in c.subtree]
        if any(self.cues.has(t.lower_, "anonymity") for t in (*speaker.subtree, *circumstances)):
            return True
        definite = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ == "the") for c in head.children)
        # a noun, or a word after the head ("those familiar with"); not "the official news agency"
        unnamed = any(self.cues.has(t.lemma_, "unnamed") and (t.pos_ == "NOUN" or t.i > head.i) for t in phrase)
        return not definite and unnamed
