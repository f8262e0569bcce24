"""The lazy chain from articles to coded articles, and the error policy.

::

    Article | Rejection  ->  prepare (size, clean, language, genre)  ->  parse in batches  ->  code

Each article goes to the parser and knowledge of its language: English ones to
``parser`` and ``knowledge``, Spanish ones to a Spanish parser and the Spanish
knowledge, both loaded when the first Spanish article arrives, so an English
run never pays for them.

Every stage takes an iterator and yields one, so an endless stream codes in
flat memory. An ``InputError`` raised for one article becomes a ``Rejection``
in the stream, in the article's place, and the run goes on; any other
exception is a bug and propagates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from spacy.tokens import Doc

from .clean import Cleaner
from .coding.extract import Coder, Knowledge
from .coding.genre import GenreSign, judge_genre, load_signs
from .errors import InputError, TooLarge
from .language import LanguageCheck
from .limits import Limits
from .model import Article, CodedArticle, Rejection
from .nlp import Parser, SpacyParser

log = logging.getLogger(__name__)
log.addHandler(logging.NullHandler())

Item = Article | Rejection
Result = CodedArticle | Rejection


@dataclass
class Pipeline:
    """Everything needed to code articles; built once per process.

    It holds no state between articles, and pickles as its configuration
    (the parser reloads its model in the receiving process).
    """

    parser: Parser = field(default_factory=SpacyParser)
    knowledge: Knowledge = field(default_factory=Knowledge.bundled)
    cleaner: Cleaner = field(default_factory=Cleaner)
    language: LanguageCheck = field(default_factory=LanguageCheck)
    genre_signs: tuple[GenreSign, ...] = field(default_factory=load_signs)
    limits: Limits = field(default_factory=Limits)
    batch_size: int = 32
    parsers: dict[str, Parser] = field(default_factory=lambda: {"es": SpacyParser(language="es")})
    """The parsers of the languages other than English, each loading its model on first use."""
    knowledges: dict[str, Knowledge] = field(default_factory=dict)
    """The knowledge of the languages other than English, loaded on their first article."""

    def assuming(self, date: dt.date | None) -> Pipeline:
        """The same pipeline, assuming ``date`` as the publication date of undated articles."""
        if date is None or date == self.cleaner.assumed_date:
            return self
        return dataclasses.replace(self, cleaner=dataclasses.replace(self.cleaner, assumed_date=date))

    def accepting(self, languages: tuple[str, ...]) -> Pipeline:
        """The same pipeline, coding only articles in ``languages`` and rejecting the others."""
        return dataclasses.replace(self, language=dataclasses.replace(self.language, accepted=languages))

    def prepare(self, article: Article) -> Article:
        """Clean an article, tell its language and check it can be coded; raises ``InputError`` if not."""
        cleaned = self.cleaner.clean(article)
        if len(cleaned.text) > self.limits.max_chars:
            raise TooLarge(f"{len(cleaned.text):,} characters of text; the limit is {self.limits.max_chars:,}")
        language = self.language.language_of(cleaned.text)
        return dataclasses.replace(cleaned, language=language, genre=judge_genre(cleaned.text, self.genre_signs))

    def parser_of(self, language: str) -> Parser:
        return self.parser if language == "en" else self.parsers[language]

    def knowledge_of(self, language: str) -> Knowledge:
        """The knowledge of a language, loading it on first use."""
        if language == "en":
            return self.knowledge
        if language not in self.knowledges:
            self.knowledges[language] = Knowledge.bundled(language=language)
        return self.knowledges[language]

    def run(self, items: Iterable[Item]) -> Iterator[Result]:
        """Code a stream of articles, in order, with rejections in their places."""
        return self.code(map(self.prepared, items))

    def prepared(self, item: Item) -> Item:
        """The item ``prepare``d, or the rejection it earns in its place."""
        return item if isinstance(item, Rejection) else _guarded(item, self.prepare)

    def code(self, items: Iterable[Item]) -> Iterator[Result]:
        """Code a stream of ``prepared`` items, in order, with rejections in their places."""
        coders: dict[str, Coder] = {}
        for batch in _batched(items, self.batch_size):
            docs = self._parse([item for item in batch if isinstance(item, Article)])
            for item in batch:
                if isinstance(item, Rejection):
                    yield item
                    continue
                if item.language not in coders:
                    coders[item.language] = Coder(self.knowledge_of(item.language), self.limits)
                yield _guarded(item, functools.partial(coders[item.language].code, doc=docs[id(item)]))

    def _parse(self, articles: list[Article]) -> dict[int, Doc]:
        """The parse of each article (by its ``id``), each language's articles parsed in one batch by its parser."""
        docs: dict[int, Doc] = {}
        for language in dict.fromkeys(a.language for a in articles):
            group = [a for a in articles if a.language == language]
            docs.update(zip(map(id, group), self.parser_of(language).pipe(a.text for a in group), strict=True))
        return docs


T = TypeVar("T", Article, CodedArticle)


def _guarded(article: Article, stage: Callable[[Article], T]) -> T | Rejection:
    """A stage applied to one article, its ``InputError`` turned into a rejection in its place.

    Any other error is a fault of tinkuy's, not of the input: it is logged with its traceback
    and the article rejected as ``coder_failed``, so that one article cannot stop a run."""
    try:
        return stage(article)
    except InputError as error:
        log.info("rejected %s: %s", article.origin, error)
        return Rejection(article.origin or article.doc_id, error.reason, str(error), article.doc_id, article.article_id)
    except Exception as error:
        log.exception("coding failed on %s", article.origin or article.doc_id)
        detail = f"tinkuy failed on this article ({type(error).__name__}: {error}); please report it"
        return Rejection(article.origin or article.doc_id, "coder_failed", detail, article.doc_id, article.article_id)


def _batched(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
