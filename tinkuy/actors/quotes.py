"""Quotations, and who speaks them.

A quotation runs from a double quotation mark to the next, inside one
paragraph (one still open at the paragraph's end runs to it, as a quoted
paragraph that goes on in the next does). Its speaker is the subject of the
speech verb outside it that governs it ('"What happened is unacceptable,"
Bárcena said', 'the president told him: "..."'), and its addressee that verb's
object ("told him"). A quoted sentence no speech verb governs (the second
sentence of a quote) is spoken by the speaker of the quotation next to it in
the paragraph, the one before first; a quoted phrase inside the writer's own
sentence ('expressed its "most energetic condemnation"') has no speaker.

Inside a quotation "I", "we" and "our" are its speaker, "you" its addressee
(``Coreference.pronoun``), and what it reports rests on the speaker's word
(``tinkuy.coding.attribution``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.attrs import IS_SPACE, ORTH
from spacy.tokens import Doc, Token

MARKS = ('"', "“", "”", "``", "''", "«", "»")
"""Double quotation marks, straight, curly, doubled or angled: each a token of its own."""
SUBJECTS = ("nsubj", "nsubjpass")
ADDRESSEES = ("dobj", "dative", "iobj")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: its tokens ``[start, end)`` between the marks, the speech verb that
    governs it, its speaker's and addressee's head tokens, when the text gives them."""

    start: int
    end: int
    verb: Token | None = None
    speaker: Token | None = None
    addressee: Token | None = None

    def holds(self, token: Token) -> bool:
        return self.start <= token.i < self.end


def speaker_of(verb: Token) -> Token | None:
    """The head of who speaks through a speech verb: its subject, the agent of its
    passive, the speaker of the verb it continues ("X said ..., adding that", "X expressed
    regret and said"),
    or the phrase before it after a comma ("..., a source familiar with the talks said")."""
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    continued = verb.dep_ == "conj" or (verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp"))
    if continued and verb.head.i != verb.i:  # "X expressed regret and said", "X said ..., adding"
        return speaker_of(verb.head)
    sentence = verb.sent
    comma = next((t.i for t in reversed(sentence[: verb.i - sentence.start]) if t.text == ","), None)
    if comma is None or comma + 1 >= verb.i:
        return None
    root = verb.doc[comma + 1 : verb.i].root
    return root if root.pos_ in ("NOUN", "PROPN", "PRON") else None


class Quotations:
    """The quotations of one article, found on first use; ``speech`` holds the lemmas of
    speech verbs."""

    def __init__(self, doc: Doc, speech: frozenset[str]) -> None:
        self.doc = doc
        self.speech = speech
        self._quotes: list[Quote] | None = None

    def around(self, token: Token) -> Quote | None:
        """The quotation a token is in, if it has a speaker."""
        return next((q for q in self._index() if q.holds(token) and q.speaker is not None), None)

    def _index(self) -> list[Quote]:
        if self._quotes is None:
            self._quotes = _with_neighbours_speakers([self._spoken(q) for q in self._spans()])
        return self._quotes

    def _spans(self) -> list[tuple[int, int, int]]:
        """(start, end, paragraph) of each quotation, read from the token arrays (most articles
        have none, and a pass over the tokens costs as much as coding a sentence). Line breaks
        are tokens of their own."""
        strings = self.doc.vocab.strings
        columns = self.doc.to_array([ORTH, IS_SPACE]).tolist()
        marks = {strings[mark] for mark in MARKS}
        quoted = [i for i, (orth, _) in enumerate(columns) if orth in marks]
        if not quoted:
            return []
        lines = [i for i, (orth, space) in enumerate(columns) if space and "\n" in strings[orth]]
        spans: list[tuple[int, int, int]] = []
        opened: tuple[int, int] | None = None
        for mark in quoted:
            paragraph = bisect.bisect_right(lines, mark)
            if opened is not None and opened[1] != paragraph:  # a quoted paragraph that goes on in the next
                spans.append((opened[0], lines[opened[1]], opened[1]))
                opened = None
            if opened is None:
                opened = (mark + 1, paragraph)
            else:
                spans.append((opened[0], mark, paragraph))
                opened = None
        if opened is not None:
            spans.append((opened[0], lines[opened[1]] if opened[1] < len(lines) else len(self.doc), opened[1]))
        return [(start, end, paragraph) for start, end, paragraph in spans if end > start]

    def _spoken(self, span: tuple[int, int, int]) -> tuple[Quote, int, bool]:
        """A quotation with the speech verb that governs it, its paragraph, and whether it
        is a whole sentence (so that it may be spoken by its neighbour's speaker)."""
        start, end, paragraph = span
        inside = self.doc[start:end]
        whole = any(start <= t.sent.root.i < end for t in inside)
        for token in inside:
            verb = self._governing_verb(token, start, end)
            if verb is not None:
                addressee = next((c for c in verb.children if c.dep_ in ADDRESSEES and not start <= c.i < end), None)
                return Quote(start, end, verb, speaker_of(verb), addressee), paragraph, whole
        return Quote(start, end), paragraph, whole

    def _governing_verb(self, token: Token, start: int, end: int) -> Token | None:
        """The speech verb outside the quotation above a token of it, if any."""
        node = token
        while node.head.i != node.i:
            node = node.head
            if not start <= node.i < end and node.lemma_.lower() in self.speech:
                return node
        return None


def _with_neighbours_speakers(quotes: list[tuple[Quote, int, bool]]) -> list[Quote]:
    """Whole quoted sentences no verb governs take the speaker of the nearest quotation of
    their paragraph that has one, the one before first."""
    result = []
    for number, (quote, paragraph, whole) in enumerate(quotes):
        if quote.verb is None and whole:
            same = [q for q, p, _ in quotes[:number][::-1] + quotes[number + 1 :] if p == paragraph and q.verb is not None]
            if same:
                quote = Quote(quote.start, quote.end, same[0].verb, same[0].speaker, same[0].addressee)
        result.append(quote)
    return result
