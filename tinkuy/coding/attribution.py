"""Who vouches for an event: the article itself, a named source, or an anonymous one.

A clause is attributed when it is the complement of a speech verb ("Pompeo
said that ...", "..., officials said") or carries an "according to" phrase,
on itself or on a clause above it. The source is named when the speaker is a
known person, organisation or country, or a pronoun standing for one; it is
anonymous when the speaker is unnamed ("sources", "a senior official", "people
familiar with the talks") or the sentence grants anonymity.

An account introduced with "according to" anonymous sources goes on resting
on them in the sentences that follow and name no source of their own; the
pipeline carries such a frame forward (see ``Attributor``).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..actors.resolve import ActorIndex
from ..model import Attribution, AttributionType
from .cues import Cues
from .function_words import function_words
from .modality import governors

REPORTED = {"ccomp", "xcomp", "parataxis", "conj"}
MAX_SOURCE_CHARS = 160


@dataclass(frozen=True, slots=True)
class Frame:
    """An attribution found in a sentence, and whether it came from "according to"."""

    attribution: Attribution
    according: bool
    hedged: bool
    speaker: Token


def _according_object(token: Token) -> Token | None:
    """The source in an "according to X" phrase hanging on ``token``."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in function_words("according"):
            for grandchild in child.children:
                if grandchild.lower_ == "to":
                    return next((g for g in grandchild.children if g.dep_ == "pobj"), None)
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _speaker(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return _inverted_speaker(verb)


def _inverted_speaker(verb: Token) -> Token | None:
    """ "..., a source familiar with the talks said": the phrase between the last comma and
    a speech verb the parser left without a subject."""
    sentence = verb.sent
    comma = next((t.i for t in reversed(sentence[: verb.i - sentence.start]) if t.text == ","), None)
    if comma is None or comma + 1 >= verb.i:
        return None
    root = verb.doc[comma + 1 : verb.i].root
    return root if root.pos_ in ("NOUN", "PROPN", "PRON") else None


class Attributor:
    """Finds attribution frames; one instance per article, as it carries a frame
    from sentence to sentence."""

    def __init__(self, index: ActorIndex, cues: Cues) -> None:
        self.index = index
        self.cues = cues
        self.carried: tuple[Frame, int] | None = None

    def start_sentence(self, sentence: Span, index: int) -> None:
        """Note an account frame ("According to sources ..., X did Y") opening this sentence.

        An anonymous one is carried to later sentences; any other "according to"
        frame at the head of a sentence ends the carried one.
        """
        source = _according_object(sentence.root)
        if source is not None:
            frame = self._classify(source, sentence.root, according=True)
            self.carried = (frame, index) if frame.attribution.type == "anonymous" else None

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
        node, via = anchor, ""
        chain = [(anchor, "")] + list(governors(anchor))
        for node, via in chain:
            source = _according_object(node)
            if source is not None:
                return self._classify(source, node, according=True)
            if node is not anchor and via in REPORTED and self.cues.has(node.lemma_, "speech"):
                speaker = _speaker(node)
                if speaker is not None:
                    return self._classify(speaker, node, according=False)
            for child in node.children:
                if child.dep_ == "parataxis" and self.cues.has(child.lemma_, "speech"):
                    speaker = _speaker(child)
                    if speaker is not None:
                        return self._classify(speaker, child, according=False)
        root = anchor.sent.root
        source = _according_object(root) if root is not node else None
        return self._classify(source, root, according=True) if source is not None else None

    def _classify(self, speaker: Token, verb: Token, according: bool) -> Frame:
        phrase = speaker.doc[speaker.left_edge.i : speaker.right_edge.i + 1]
        text = phrase.text[:MAX_SOURCE_CHARS]
        hedged = self.cues.has(verb.lemma_, "hedge")
        kind: AttributionType = "anonymous" if self._is_anonymous(speaker, phrase) else "named"
        return Frame(Attribution(kind, text), according, hedged, speaker)

    def _is_anonymous(self, speaker: Token, phrase: Span) -> bool:
        if speaker.pos_ == "PRON":
            return False
        if any(found.agent is None for found in self.index.find(speaker)):
            return False
        grants = any(self.cues.has(t.lower_, "anonymity") for t in speaker.sent)
        return grants or any(self.cues.has(t.lemma_, "unnamed") for t in phrase)
