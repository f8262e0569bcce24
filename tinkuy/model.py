"""The records that flow through tinkuy, from article to event.

Every record is a frozen dataclass: a stage never mutates what it receives, it
makes a changed copy with ``dataclasses.replace``. A type checker can follow an
article all the way through (``tinkuy.pipeline``)::

    Article (as read) -> Article (cleaned) -> spaCy Doc -> CodedArticle (events) | Rejection

Cleaning makes a changed copy of the article; parsing gives spaCy's ``Doc``,
which the coder reads beside its article.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Modality = Literal["asserted", "negated", "future", "hypothetical"]
AttributionType = Literal["author", "named", "anonymous"]
Genre = Literal["news", "opinion"]
DatePrecision = Literal["day", "month", "year", "unknown"]

Span = tuple[int, int]
"""Character offsets ``[start, end)`` inside an event's sentence."""


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from its input, before or after cleaning.

    ``article_id`` is a content hash of the text, so the same text read twice,
    from any file, is the same article.
    """

    article_id: str
    doc_id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    date_source: str | None = None
    url: str | None = None
    outlet: str | None = None
    origin: str | None = None
    genre: Genre = "news"


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be coded, and why.

    ``reason`` is a short stable keyword (``empty``, ``not_english``, ...) for
    counting and filtering; ``detail`` is the message for a person.
    """

    origin: str
    reason: str
    detail: str
    doc_id: str | None = None
    article_id: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor as it appears in the event record."""

    text: str
    code: str
    country: str | None
    sector: str | None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    type: AttributionType
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an event exists: spans, the rule that fired, the dictionary entries."""

    source_span: Span | None
    target_span: Span | None
    event_spans: tuple[Span, ...]
    rule: str
    source_entry: str | None
    target_entry: str | None
    date_text: str | None = None
    date_source: str = "none"
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: the record users and later stages rely on."""

    event_id: str
    article_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    date: dt.date | None
    date_precision: DatePrecision
    source: Actor | None
    target: Actor | None
    cameo: str
    root: str
    plover: str | None
    quad_class: int
    goldstein: float
    modality: Modality
    attribution: Attribution
    hedged: bool
    genre: Genre
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article, kept in the store for context and dedup."""

    article_id: str
    index: int
    text: str
    start: int


@dataclass(frozen=True, slots=True)
class CodedArticle:
    """What coding one article yields: the article, its sentences, its events."""

    article: Article
    sentences: tuple[Sentence, ...]
    events: tuple[Event, ...] = field(default=())
