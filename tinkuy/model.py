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
import re
from dataclasses import dataclass, field
from typing import Literal

from .errors import EmptyArticle, MalformedRecord
from .ids import content_hash
from .shapes import about

Modality = Literal["asserted", "negated", "future", "hypothetical"]
AttributionType = Literal["author", "named", "anonymous"]
Genre = Literal["news", "opinion"]
DatePrecision = Literal["day", "month", "year", "unknown"]
DateSource = Literal["sentence", "earlier_sentence", "next_sentence", "publication", "none"]
Precision = Literal["place", "division", "country"]

Span = tuple[int, int]
"""Character offsets ``[start, end)`` inside an event's sentence."""

HASH = "^[0-9a-f]{20}$"
"""The pattern of a content-hash id."""


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from its input, before or after cleaning.

    ``article_id`` is a content hash of the text, so the same text read twice,
    from any file, is the same article. ``language`` is the ISO 639-1 code of
    its text, set when the article is checked: tinkuy codes English and
    Spanish, each with its own parser and knowledge, and refuses an article in
    another language (``tinkuy.language``).
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
    language: str = "en"
    dateline: str | None = None
    """The dateline that opens the text, as written ("QUITO, April 6 (Andes Wire)"), found when cleaning."""

    @classmethod
    def from_text(
        cls,
        text: str,
        doc_id: str,
        origin: str,
        *,
        as_read: str | None = None,
        title: str | None = None,
        published: dt.date | None = None,
        date_source: str | None = None,
        url: str | None = None,
        outlet: str | None = None,
    ) -> Article:
        """An article as a reader makes it, refusing text that holds nothing but white space, and any
        text that is not Unicode (a lone surrogate, which a JSON escape such as ``\\ud800`` can write).

        Its id is the content hash of the input as read: ``as_read`` when the
        text was extracted from it (an HTML page, so that a new extractor does
        not make a new article of the same page), else the text itself.
        """
        if not text.strip():
            raise EmptyArticle("no text")
        for name, value in (("text", text), ("title", title), ("url", url), ("outlet", outlet), ("id", doc_id)):
            _require_unicode(name, value)
        article_id = content_hash(text if as_read is None else as_read)
        return cls(
            article_id=article_id,
            doc_id=doc_id,
            text=text,
            title=title,
            published=published,
            date_source=date_source,
            url=url,
            outlet=outlet,
            origin=origin,
        )


def _require_unicode(name: str, value: str | None) -> None:
    """Raise ``MalformedRecord`` when ``value`` holds a lone surrogate, which no encoding can write."""
    found = _SURROGATE.search(value) if value else None
    if found is not None:
        where = f"U+{ord(found.group()):04X} at character {found.start():,}"
        raise MalformedRecord(f"the {name} holds a lone surrogate ({where}), not Unicode text")


_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be coded, and why.

    ``reason`` is a short stable keyword (``empty``, ``unsupported_language``, ...) for
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

    text: str = field(metadata=about("The actor as written in the sentence."))
    code: str = field(
        metadata=about(
            "CAMEO actor code, e.g. USAGOV; ---COP for police of no country the text names.",
            pattern="^([A-Z]{3}|---)([A-Z]{3})*$",
        )
    )
    country: str | None = field(
        metadata=about(
            "The first three letters of the code: ISO-3 country or CAMEO type (IGO, NGO...); null when the text names none.",
            pattern="^[A-Z]{3}$",
        )
    )
    sector: str | None = field(metadata=about("The role part of the code, e.g. GOV.", pattern="^([A-Z]{3})+$"))
    name: str | None = field(
        default=None,
        metadata=about(
            "The canonical person or organisation, when the actor is one; for a person the dictionaries do not know, the name the article gives."
        ),
    )


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who vouches for an event: the article itself (author), a named source or an anonymous one."""

    type: AttributionType = field(
        metadata=about("author: the article's own narration; named or anonymous: on the word of a source.")
    )
    text: str | None = field(default=None, metadata=about("The source as the sentence names it."))


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why an event exists: spans, the rule that fired, the dictionary entries."""

    source_span: Span | None = field(
        metadata=about("Character offsets [start, end) of the source in the sentence.", items={"minimum": 0})
    )
    target_span: Span | None = field(
        metadata=about("Character offsets [start, end) of the target in the sentence.", items={"minimum": 0})
    )
    event_spans: tuple[Span, ...] = field(
        metadata=about(
            "Character offsets [start, end) of the event words in the sentence.", minItems=1, items={"items": {"minimum": 0}}
        )
    )
    rule: str = field(metadata=about("The pattern or rule that fired."))
    source_entry: str | None = field(metadata=about("The dictionary entry behind the source's code."))
    target_entry: str | None = field(metadata=about("The dictionary entry behind the target's code."))
    date_text: str | None = field(default=None, metadata=about("The date expression the date was resolved from."))
    date_source: DateSource = field(
        default="none",
        metadata=about(
            "Where the date comes from: the event's sentence, an earlier sentence or the next one (for a clause that"
            " states no date), the publication date, or none."
        ),
    )
    notes: tuple[str, ...] = field(default=(), metadata=about("How the event was read, where it is not plain."))


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened, as the text states it, resolved against the GeoNames gazetteer."""

    text: str = field(metadata=about("The place as written.", minLength=1))
    name: str = field(metadata=about("The place's name in the gazetteer (GeoNames)."))
    country_code: str = field(
        metadata=about("ISO 3166-1 alpha-2 code of its country, as GeoNames gives it.", pattern="^[A-Z]{2}$")
    )
    admin1: str | None = field(
        metadata=about("Its first-order division as GeoNames keys it, country and admin1 code (AR.05); null for a country.")
    )
    latitude: float = field(metadata=about("Latitude in degrees.", minimum=-90, maximum=90))
    longitude: float = field(metadata=about("Longitude in degrees.", minimum=-180, maximum=180))
    geonames_id: int = field(metadata=about("The GeoNames id of the place.", minimum=1))
    precision: Precision = field(metadata=about("place: a populated place; division: a state or province; country."))
    sentence_index: int = field(
        metadata=about("The sentence the place is written in (the event's, or the dateline's).", minimum=0)
    )
    span: Span = field(metadata=about("Character offsets [start, end) of the place in that sentence.", items={"minimum": 0}))
    rule: str = field(metadata=about("Why the event is placed there: its clause, its sentence, or the dateline."))
    resolution: str = field(metadata=about("Why the name means this place and not its rivals."))


@dataclass(frozen=True, slots=True)
class Event:
    """One political event coded from one sentence of one article: who did what to whom, when,
    on whose word, and why tinkuy says so.

    The record users and later stages rely on. Its fields are declared here
    alone: its Arrow schema and its JSON Schema are read from them
    (``tinkuy.shapes``).
    """

    event_id: str = field(
        metadata=about(
            "Content hash of the article, sentence, event word, code and actors: the same event coded twice has the same id.",
            pattern=HASH,
        )
    )
    article_id: str = field(metadata=about("Content hash of the article as read.", pattern=HASH))
    doc_id: str = field(metadata=about("The file name without extension, or the record's id for JSONL/CSV records."))
    sentence_index: int = field(metadata=about("Position of the sentence in the cleaned article, from 0.", minimum=0))
    sentence: str = field(metadata=about("The evidence sentence, verbatim.", minLength=1))
    date: dt.date | None = field(
        metadata=about("ISO date of the event (not of the article); for month or year precision, the first day of the period.")
    )
    date_precision: DatePrecision = field(metadata=about("How precise the date is; unknown when there is no date."))
    source: Actor | None = field(metadata=about("Who acted."))
    target: Actor | None = field(metadata=about("Who was acted on; null when the event has no target."))
    cameo: str = field(metadata=about("CAMEO event code.", pattern="^[0-2][0-9]{1,3}$"))
    root: str = field(metadata=about("The two-digit CAMEO root of the code.", pattern="^(0[1-9]|1[0-9]|20)$"))
    plover: str | None = field(
        metadata=about("PLOVER event type; null for CAMEO statements (root 01), which PLOVER does not code.")
    )
    quad_class: int = field(
        metadata=about(
            "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.",
            arrow="int8",
            minimum=1,
            maximum=4,
        )
    )
    goldstein: float = field(metadata=about("Goldstein score of the code.", minimum=-10, maximum=10))
    modality: Modality = field(metadata=about("How the sentence states the event."))
    attribution: Attribution = field(metadata=about("Who vouches for the event."))
    hedged: bool = field(metadata=about("Whether the writer distances the claim (allegedly, reportedly)."))
    genre: Genre = field(metadata=about("The article's genre."))
    language: str = field(metadata=about("The article's language, as an ISO 639-1 code.", pattern="^[a-z]{2}$"))
    evidence: Evidence = field(metadata=about("Why tinkuy says so."))
    location: Location | None = field(
        default=None, metadata=about("Where the event happened, when the text says; null rather than a guess.")
    )


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article, kept in the store for context and dedup."""

    article_id: str
    sentence_index: int
    text: str
    start_char: int


@dataclass(frozen=True, slots=True)
class CodedArticle:
    """What coding one article yields: the article, its sentences, its events."""

    article: Article
    sentences: tuple[Sentence, ...]
    events: tuple[Event, ...] = field(default=())
