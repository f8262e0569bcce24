"""The date an event's clause states: its own date expression, one it shares, or one it counts from.

Date expressions are found in the sentence text (``tinkuy.dates``) and tied to
the word they hang on: in "Lasso, who will assume office on May 24, met
Blinken on Friday", Friday dates the meeting and May 24 the inauguration; in
"congratulating him on the April 11 ballot", April 11 dates the ballot, not
the congratulation. A date on the occasion of an act dates the act ("said in a
television interview on Monday", "recalled its ambassador for consultations on
July 18"), and so does one between a subject and its verb ("the government on
Monday declared"); "on Thursday, when Quito declared ..." dates the when-clause, and
"clashes on Monday in which 17 people were killed" the killing.
"Until Sunday" is a deadline, and dates nothing.

A clause without a date of its own shares the date of the clause it hangs on:
"Mexico broke off relations on Friday, after police stormed the embassy" dates
the storming on Friday, and so does what a speaker said on a day ("Nicaragua
said on Saturday it was breaking relations"), or an act whose participle is
dated ("fired on residents, killing two people on Friday"). A date inside an
after- or since-clause is that clause's alone.

Some expressions count from another event. "Two days later", "hours earlier",
"that same evening" count from the last date stated before them, in their
sentence or in the story so far. "A day after police fired", "within hours of
the raid" tie two events of one sentence: whichever of the two states its date
dates the other ("Ruto spoke on Wednesday, a day after police fired": the
firing was on Tuesday). A clause that states no date at all takes the day the
article's story has reached (``tinkuy.coding.story``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..dates import DateExpression, ResolvedDate, find_dates, resolve, shift
from ..model import DatePrecision, DateSource

SHARES_DATE = ("conj", "advcl", "xcomp", "ccomp")
"""A clause without a date of its own takes the date of the clause it hangs on through these."""
DEADLINE_WORDS = ("until", "till")
OTHER_TIME = ("after", "before", "since", "following", "ahead", "prior", "despite")
"""Prepositions that set their object at another time than the act ("rose after a referendum held on December 3")."""


@dataclass(frozen=True, slots=True)
class EventDate:
    date: dt.date | None
    precision: DatePrecision
    text: str | None
    source: DateSource
    """``sentence`` (an expression of the clause or its sentence), ``earlier_sentence``, ``next_sentence``
    (``tinkuy.coding.story``), ``publication`` or ``none``."""
    note: str | None = None
    """How the date was counted, when not plainly from its expression or the publication date."""


@dataclass(frozen=True, slots=True)
class Stated:
    """A date expression of a sentence and what it dates."""

    expression: DateExpression
    owner: Token
    """The clause head (verb or event noun) the expression dates."""
    introduced: Token | None
    """For "a day after police fired", "within hours of the raid": the event the expression introduces."""
    deadline: bool


PARTS_OF_DAY = ("morning", "afternoon", "evening", "night")


def _dated(root: Token) -> Token:
    """What a date expression dates: the word it hangs on, through a preposition ("met on
    Saturday": met). "the April 11 ballot" dates the ballot, not the clause around it. A date on
    the occasion of an act dates the act ("said in a television interview on Monday", "recalled
    its ambassador for consultations on July 18", "in a statement read on television on Monday,
    the authorities said"), and so does one between a subject and its verb ("the government on
    Monday declared") or between a speech verb and what was said ("said on Saturday it would")."""
    while root.dep_ == "compound" and root.head.lower_ in PARTS_OF_DAY:  # "Friday night"
        root = root.head
    head = root.head
    if head.pos_ != "ADP" or head.head.i == head.i:
        return head
    owner = head.head
    while owner.dep_ == "advmod" and owner.head.i != owner.i:  # "late on Friday", "early on Sunday"
        owner = owner.head
    occasion = owner.head if owner.dep_ == "acl" and owner.tag_ == "VBN" else owner
    preposition = occasion.head
    if (
        occasion.dep_ == "pobj"
        and preposition.dep_ == "prep"
        and preposition.lower_ not in OTHER_TIME
        and preposition.head.pos_ in ("VERB", "AUX")
    ):
        return preposition.head
    if owner.dep_ == "dobj" or (owner.dep_ in ("nsubj", "nsubjpass") and owner.i < root.i < owner.head.i):
        return owner.head  # "announced the break on Thursday", "the government on Monday declared"
    if owner.dep_ == "ccomp" and any(c.dep_ in ("nsubj", "nsubjpass") and c.i > root.i for c in owner.children):
        return owner.head  # "said on Saturday it would send aid": the saying's day, before what was said
    return owner


def clause_of(token: Token) -> Token:
    """The verb (or event noun) heading the clause a token belongs to."""
    node = token
    while node.head.i != node.i and node.pos_ not in ("VERB", "AUX"):
        node = node.head
    return node


def chain_of(anchor: Token) -> list[Token]:
    """The anchor, its clause and the clauses whose date that clause shares, nearest first:
    an after-clause, a conjoined verb, a complement, what a speaker said, a participle
    describing the act's own statement ("issued a statement on Monday condemning")."""
    clause = clause_of(anchor) if anchor.pos_ not in ("VERB", "AUX") else anchor
    chain = [anchor] + ([clause] if clause is not anchor else [])
    while clause.head.i != clause.i and (clause.dep_ in SHARES_DATE or (clause.dep_ == "acl" and clause.tag_ == "VBG")):
        clause = clause_of(clause.head) if clause.dep_ == "acl" else clause.head
        chain.append(clause)
    return chain


def tense(node: Token) -> str:
    """What a verb's form says of its time: ``future`` (a modal: will, would, could), ``past_perfect``
    (had done), ``perfect`` (has done), ``present`` (does, is doing), ``past`` (did, was done), or
    ``""`` when it shows none (a participle, an infinitive, a noun)."""
    auxes = [c for c in node.children if c.dep_ in ("aux", "auxpass") and c.tag_ != "TO"]
    if any(a.tag_ == "MD" for a in auxes):
        return "future"
    if any(a.lemma_ == "have" for a in auxes):
        return "past_perfect" if any(a.lemma_ == "have" and a.tag_ == "VBD" for a in auxes) else "perfect"
    if any(a.tag_ in ("VBZ", "VBP") for a in auxes) or (not auxes and node.tag_ in ("VBZ", "VBP")):
        return "present"
    if any(a.tag_ == "VBD" for a in auxes) or node.tag_ == "VBD":
        return "past"
    return ""


def tense_of_chain(chain: list[Token]) -> str:
    """The tense of the first clause of a chain whose verb shows one ("frozen" in "has expelled ... and frozen")."""
    return next((t for t in map(tense, chain) if t), "")


@dataclass(frozen=True, slots=True)
class Dated:
    """A date the text stated, with the expression and the sentence it came from."""

    resolved: ResolvedDate
    text: str
    sentence: int


class SentenceDates:
    """The date expressions of one sentence, each tied to the clause it dates."""

    def __init__(self, sentence: Span, number: int, published: dt.date | None, after_char: int = 0) -> None:
        self.sentence = sentence
        self.number = number
        self.published = published
        self.stated: list[Stated] = []
        offset = sentence.start_char
        for expression in find_dates(sentence.text):
            if offset + expression.start < after_char:  # the dateline's date is the article's, not an event's
                continue
            span = sentence.doc.char_span(offset + expression.start, offset + expression.end, alignment_mode="expand")
            if span is not None:
                stated = _stated(expression, span)
                self.stated.append(stated)
                if not stated.deadline and stated.introduced is None:
                    self.stated += [Stated(expression, c, None, False) for c in _clauses_then(span)]

    def date_of(self, anchor: Token, future: bool, story: Dated | None, context: Dated | None = None) -> EventDate | None:
        """The date the anchor's clause states (or shares, or counts from), or None when it states none.
        ``story`` is the day the story reached before this sentence, which "two days later" counts
        from; ``context`` the day an undated past clause of this sentence takes, which "a day after
        X" counts back from when its clause states no date ("the visit came a day after Lasso declared")."""
        for node in chain_of(anchor):
            found = self._own(node, future, story) or self._linked(node, future, story, context) or self._participle(node, story)
            if found is not None:
                return found
        return None

    def _participle(self, node: Token, story: Dated | None) -> EventDate | None:
        """The date of a participle describing the act as it happened ("fired on residents, killing
        two people on Friday"), for an act that states none."""
        participles = (c for c in node.children if c.dep_ == "advcl" and c.tag_ == "VBG")
        return next(filter(None, (self._own(c, False, story) for c in participles)), None)

    def main_date(self, story: Dated | None) -> Dated | None:
        """The date the sentence's main clause states, unless it is a flashback in the past perfect
        or a future act: the day the story has reached, which the undated clauses after it take
        when it is a day of the week before publication."""
        root = self.sentence.root
        mains = [root, *(c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
        if not any(s.owner in mains for s in self.stated):
            mains += [c for c in root.children if c.dep_ == "ccomp"]
        for node in mains:
            if tense_of_chain(chain_of(node)) in ("past_perfect", "future"):
                continue
            date = self._own(node, False, story) or self._linked(node, False, story)
            if date is not None and date.date is not None:
                return Dated(ResolvedDate(date.date, date.precision), date.text or "", self.number)
        return None

    def _own(self, node: Token, future: bool, story: Dated | None) -> EventDate | None:
        """The date an expression hanging on ``node`` itself states, or counts from an earlier date."""
        for stated in self.stated:
            if stated.owner.i != node.i or stated.deadline or stated.introduced is not None:
                continue
            expression = stated.expression
            if not expression.counts_from_an_event:
                when = tense_of_chain(chain_of(node))  # "will meet on Monday", "could extend it on Monday"
                forward = when == "future" or (future and when not in ("past", "past_perfect"))
                resolved = resolve(expression, self.published, forward)
                if resolved.date is not None:
                    return EventDate(resolved.date, resolved.precision, expression.text, "sentence")
                continue
            origin = self._before(stated) or story
            if origin is not None:
                counted = shift(expression, origin.resolved)
                note = f"date: {expression.text!r} counted from {origin.text!r}" + _where(origin, self.number)
                return EventDate(counted.date, counted.precision, expression.text, "sentence", note)
        return None

    def _linked(self, node: Token, future: bool, story: Dated | None, context: Dated | None = None) -> EventDate | None:
        """The date of one end of "a day after police fired", "within hours of the raid", counted
        from the date the other end states, or from ``context`` for a past clause that states none."""
        for stated in self.stated:
            if stated.introduced is None or stated.deadline:
                continue
            if stated.owner.i == node.i:  # the introduced event's own date, not one it shares with this clause
                date = self._own(stated.introduced, future, story)
                backwards = False
            elif stated.introduced.i == node.i:
                chain = chain_of(stated.owner)
                date = next(filter(None, (self._own(n, future, story) for n in chain)), None)
                if date is None and context is not None and tense_of_chain(chain) in ("past", ""):
                    date = taken_from(context, "sentence")
                backwards = True
            else:
                continue
            if date is not None and date.date is not None:
                counted = shift(stated.expression, ResolvedDate(date.date, date.precision), backwards)
                note = f"date: {stated.expression.text!r} counted from {date.text!r}"
                return EventDate(counted.date, counted.precision, stated.expression.text, "sentence", note)
        return None

    def _before(self, offset: Stated) -> Dated | None:
        """The last date stated before an expression in this sentence, for it to count from."""
        found = None
        for stated in self.stated:
            if stated.expression.start >= offset.expression.start:
                break
            if not stated.deadline and not stated.expression.counts_from_an_event:
                resolved = resolve(stated.expression, self.published)
                if resolved.date is not None:
                    found = Dated(resolved, stated.expression.text, self.number)
        return found


def _stated(expression: DateExpression, span: Span) -> Stated:
    """An expression tied to what it dates; an offset that introduces an event ("a day after police
    fired", "within hours of the raid") to both the clause it dates and the event it introduces."""
    doc = span.doc
    deadline = span.start > 0 and doc[span.start - 1].lower_ in DEADLINE_WORDS or span[0].lower_ in DEADLINE_WORDS
    if expression.introduces_an_event:
        word = next((t for t in span if t.lower_ in ("after", "before", "of")), None)
        if word is not None and word.dep_ == "mark" and word.head.head.i != word.head.i:
            return Stated(expression, word.head.head, word.head, deadline)
        introduced = next((c for c in word.children if c.dep_ in ("pobj", "pcomp")), None) if word is not None else None
        if word is not None and introduced is not None:
            main = word.head
            while span.start <= main.i < span.end and main.head.i != main.i:
                main = main.head
            return Stated(expression, _dated(main) if main.pos_ == "ADP" else main, introduced, deadline)
    return Stated(expression, _dated(span.root), None, deadline)


def _clauses_then(span: Span) -> list[Token]:
    """The relative clauses that happened at a date: one it introduces with "when" ("on Thursday,
    when Quito declared the ambassador persona non grata", "since early May, when a minister
    suggested ..."), and one that the event it dates introduces with "in which", "during which" or
    "at which" ("clashes on Monday in which 17 people were killed", "a referendum held on December
    3, in which voters backed ...")."""
    heads, node = list(span), span.root
    while node.head.i != node.i and not (node.head.pos_ in ("VERB", "AUX") and node.head.dep_ != "acl"):
        node = node.head
        heads += [node] if node.pos_ in ("NOUN", "PROPN") else []
    clauses = [c for head in heads for c in head.children if c.dep_ == "relcl"]
    return [c for c in clauses if any(_introduces_then(w) for w in c.children)]


def _introduces_then(word: Token) -> bool:
    """Whether a word opens a relative clause with "when", "in which", "during which" or "at which"."""
    if word.lower_ == "when":
        return True
    return word.lower_ in ("in", "during", "at") and any(w.lower_ == "which" for w in word.children)


def _where(origin: Dated, number: int) -> str:
    return "" if origin.sentence == number else f" (sentence {origin.sentence})"


def taken_from(dated: Dated, source: DateSource) -> EventDate:
    where = "its sentence's main clause" if source == "sentence" else f"sentence {dated.sentence}"
    note = f"date: {dated.text!r} of {where}; the clause states none of its own"
    return EventDate(dated.resolved.date, dated.resolved.precision, dated.text, source, note)


def publication_date(published: dt.date | None) -> EventDate:
    """The date of an event whose text states none: the day the article was published, if known."""
    if published is not None:
        return EventDate(published, "day", None, "publication")
    return EventDate(None, "unknown", None, "none")
