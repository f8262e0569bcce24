"""The date of an event: the date expression of its clause, resolved, or the article's date.

Date expressions are found in the sentence text (``tinkuy.dates``) and tied to
the word they hang on: in "Lasso, who will assume office on May 24, met
Blinken on Friday", Friday dates the meeting and May 24 the inauguration; in
"congratulating him on the April 11 ballot", April 11 dates the ballot, not
the congratulation. An event whose clause has no date expression happened, as far
as the text says, when the article reports it: the publication date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..dates import DateExpression, ResolvedDate, find_dates, resolve
from ..model import DatePrecision, DateSource


@dataclass(frozen=True, slots=True)
class EventDate:
    date: dt.date | None
    precision: DatePrecision
    text: str | None
    source: DateSource
    """``sentence`` (an expression in the clause), ``publication`` or ``none``."""


SHARES_DATE = ("conj", "advcl", "xcomp")
"""A clause without a date of its own takes the date of the clause it hangs on through these."""


def _dated(root: Token) -> Token:
    """What a date expression dates: the word it hangs on, through a preposition ("met on
    Saturday": met). "the April 11 ballot" dates the ballot, not the clause around it."""
    head = root.head
    return head.head if head.pos_ == "ADP" and head.head.i != head.i else head


def clause_of(token: Token) -> Token:
    """The verb (or event noun) heading the clause a token belongs to."""
    node = token
    while node.head.i != node.i and node.pos_ not in ("VERB", "AUX"):
        node = node.head
    return node


class SentenceDates:
    """The date expressions of one sentence, each tied to its clause head."""

    def __init__(self, sentence: Span) -> None:
        self.sentence = sentence
        self.expressions: list[tuple[DateExpression, Token]] = []
        offset = sentence.start_char
        for expression in find_dates(sentence.text):
            span = sentence.doc.char_span(offset + expression.start, offset + expression.end, alignment_mode="expand")
            if span is not None:
                self.expressions.append((expression, _dated(span.root)))

    def date_of(self, anchor: Token, published: dt.date | None, forward: bool) -> EventDate:
        clause = clause_of(anchor) if anchor.pos_ not in ("VERB", "AUX") else anchor
        chain = [anchor] + ([clause] if clause is not anchor else [])
        while clause.dep_ in SHARES_DATE and clause.head.i != clause.i:  # "met on Friday, praising him"
            clause = clause.head
            chain.append(clause)
        for head in chain:
            for expression, owner in self.expressions:
                if owner.i == head.i:
                    resolved: ResolvedDate = resolve(expression, published, forward)
                    if resolved.date is not None:
                        return EventDate(resolved.date, resolved.precision, expression.text, "sentence")
        return publication_date(published)


def publication_date(published: dt.date | None) -> EventDate:
    """The date of an event whose text states none: the day the article was published, if known."""
    if published is not None:
        return EventDate(published, "day", None, "publication")
    return EventDate(None, "unknown", None, "none")
