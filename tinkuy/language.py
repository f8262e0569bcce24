"""Which language is an article in, and is it prose? tinkuy codes English and Spanish.

The language test counts the commonest function words of a few languages (a text is
English unless another language's words outnumber English ones) and the
script its letters are written in; it is meant to send an article to the
pipeline of its language, and to refuse a Portuguese or Arabic article with a
clear reason, not to identify every language of the world.

The prose test looks at the parse: a table or a list flattened into text
makes "sentences" without a verb, or of hundreds of tokens, that a parser
cannot read. An article is refused when fewer than a quarter of its words
are in readable sentences.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .datafiles import data_path, read_table, split_list
from .errors import NotProse, UnsupportedLanguage

if TYPE_CHECKING:  # the command line reads SUPPORTED without loading spaCy
    from spacy.tokens import Doc, Span

MIN_EVIDENCE = 5
"""Function words needed before a text is judged; shorter texts pass."""
MIN_CODED_EVIDENCE = 1
"""Function words needed to send a short text (a headline) to another language tinkuy codes, when
they outnumber the English ones."""
MIN_LATIN_SHARE = 0.6
"""Of the letters, at least this share must be Latin."""
SAMPLE_CHARS = 20_000
MIN_PROSE_SHARE = 0.25
"""Of an article's words, at least this share must be in readable sentences."""
_WORD = re.compile(r"[^\W\d_]+")


def _load(path: Path | None = None) -> dict[str, frozenset[str]]:
    rows = read_table(path or data_path("cleaning", "stopwords.tsv"), ("lang", "words"))
    return {row["lang"]: frozenset(split_list(row["words"])) for row in rows}


SUPPORTED = ("en", "es")
"""The languages tinkuy codes, each with a pipeline of its own."""


@dataclass(frozen=True)
class LanguageCheck:
    """Tells the language of a text, and refuses one tinkuy does not code.

    ``accepted`` are the languages to code (``--language``): by default every
    supported one; an article in another language is rejected with its reason.
    """

    stopwords: dict[str, frozenset[str]] = field(default_factory=_load)
    accepted: tuple[str, ...] = SUPPORTED

    def language_of(self, text: str) -> str:
        """The ISO 639-1 code of the text's language, when accepted; ``UnsupportedLanguage`` otherwise."""
        language = self.detect(text)
        if language not in self.accepted:
            raise UnsupportedLanguage(f"looks like '{language}'; only {_names(self.accepted)} is coded")
        return language

    def detect(self, text: str) -> str:
        """The language whose function words are most frequent in the text; English when too few
        are found to tell; ``UnsupportedLanguage`` for a text in a script other than Latin."""
        sample = text[:SAMPLE_CHARS]
        script = _main_script(sample)
        if script != "LATIN":
            raise UnsupportedLanguage(f"written in {script.title()} script; only {_names(self.accepted)} is coded")
        counts = Counter(
            lang for word in _WORD.findall(sample.lower()) for lang, words in self.stopwords.items() if word in words
        )
        # the most frequent language with enough evidence, ties going to one tinkuy codes: an uncoded
        # language needs more, so that a short Spanish text with Italian-looking words stays Spanish
        for language in sorted(counts, key=lambda lang: (counts[lang], lang in SUPPORTED), reverse=True):
            needed = MIN_CODED_EVIDENCE if language in SUPPORTED else MIN_EVIDENCE
            if language == "en" or counts[language] <= counts["en"]:
                break
            if counts[language] >= needed:
                return language
        return "en"


def _names(languages: tuple[str, ...]) -> str:
    return " or ".join(f"'{language}'" for language in languages)


def _main_script(text: str) -> str:
    """The script most letters are in, or LATIN when the text has too few letters to tell."""
    scripts = Counter("LATIN" if c < "\u0250" else unicodedata.name(c, "UNKNOWN").split()[0] for c in text if c.isalpha())
    total = sum(scripts.values())
    if not total or scripts["LATIN"] / total >= MIN_LATIN_SHARE:
        return "LATIN"
    return scripts.most_common(1)[0][0]


def require_prose(doc: Doc, max_sentence_tokens: int) -> None:
    """Raise ``NotProse`` when too few words of a text longer than one sentence are in readable sentences.

    A readable sentence has a verb and at most ``max_sentence_tokens`` tokens;
    a short text is never judged (a headline may have no verb).
    """
    words = sum(not t.is_space and not t.is_punct for t in doc)
    if len(doc) <= max_sentence_tokens or not words:
        return
    readable = sum(_words(s) for s in doc.sents if len(s) <= max_sentence_tokens and any(t.pos_ in ("VERB", "AUX") for t in s))
    if readable < MIN_PROSE_SHARE * words:
        raise NotProse(
            f"only {readable / words:.0%} of its {words:,} words are in sentences with a verb and at most"
            f" {max_sentence_tokens} tokens: a table, a list or markup, not prose"
        )


def _words(sentence: Span) -> int:
    return sum(not t.is_space and not t.is_punct for t in sentence)
