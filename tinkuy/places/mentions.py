"""Finding the words of a text that may name places: runs of capitalised words, and the dateline.

A place name is a run of capitalised words, with lower-case connectors inside
it ("San Antonio del Táchira", "Trinidad and Tobago"); every stretch of a run
that starts and ends on a capitalised word is a candidate, and the gazetteer
says which ones are names (``tinkuy.places.finder``). The text is read as
written, not parsed, so Spanish passages and headlines are read the same way
as English prose; only the capitalised words are made into objects, which
keeps the reading cheap beside the parse.

A dateline opens an article with a place in capitals, a qualifier and a date
before a dash: "QUITO, April 6 (Andes Wire) -", "CÚCUTA, Colombia, Feb 24 -",
"GUADALAJARA, Jalisco.—", "MEXICO CITY -".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from ..datafiles import data_path, read_table, split_list
from .names import fold, name_key

MAX_WORDS = 6
"""The longest place name looked up, in words ("Santo Domingo de los Tsáchilas")."""
LOOKBEHIND = 3
"""Words read before a name for what introduces it ("the port city of")."""
STOPWORD_LANGUAGES = ("en", "es")
"""Languages whose function words (``data/cleaning/stopwords.tsv``) are never a place on their own:
"Una marcha ..." does not start in Una, India."""

_UPPER = "".join(c for c in map(chr, range(0x250)) if c.isupper())
_TAIL = r"(?:[-.][^\W\d_]+|['’](?!s\b)[^\W\d_]+)*\.?"
"""The rest of a word after its first letters: inner hyphens, dots and apostrophes, a final dot; a
possessive 's is not part of it ("Bolivia's" is "Bolivia")."""
_CAPITALISED = rf"(?<![\w'’.-])[{_UPPER}][^\W\d_]*{_TAIL}"
_ANY_WORD = re.compile(rf"[^\W\d_]+{_TAIL}")
_AFTER = re.compile(r"[ -]([^\W\d_][\w'’.-]*)")
_BEFORE = re.compile(r"([^\W\d_][\w'’.-]*)[ -]$")
_CLAUSE_BREAK = re.compile(r"[.!?;:\n\"“”()]")
_MONTH = re.compile(r"(?i)^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d")
_DATELINE = re.compile(
    rf"(?m)^[ \t]*(?P<place>[{_UPPER}][{_UPPER}'’. -]*?[{_UPPER}])\.?"
    r"(?:,[ \t]*(?P<qualifier>[^,\n—–(]{2,40}?))?(?:,?[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?)?"
    r"[ \t]*(?:\([^)\n]{1,40}\))?[ \t]*\.?(?:—|–|--?)[ \t]"
)
DATELINE_CHARS = 400
"""How far into an article a dateline may start (after a title line)."""


class Word(NamedTuple):
    """A word of a run: letters, with inner hyphens, apostrophes and dots, and a final dot if any.
    A named tuple rather than a dataclass: one is made for every capitalised word of every article,
    and a tuple is several times cheaper to make."""

    text: str
    start: int
    end: int

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def ends_sentence(self) -> bool:
        """Whether a full stop after the word ends its sentence: not the dot of an abbreviation ("St.", "U.S.")."""
        return self.text.endswith(".") and "." not in self.text[:-1] and len(self.text) > 4

    @property
    def bare_end(self) -> int:
        """Where the word ends without a final dot that ends its sentence."""
        return self.end - 1 if self.ends_sentence else self.end


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text that may name a place."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Cues:
    """The words around a name that say what it is (``data/places/cues.tsv``), folded to lower case."""

    kinds: dict[str, frozenset[str]]
    connectors: re.Pattern[str]
    """A run of capitalised words with connectors inside."""

    def has(self, kind: str, words: str) -> bool:
        return fold(words) in self.kinds.get(kind, frozenset())

    def ending(self, kinds: Sequence[str], words: Sequence[str]) -> str | None:
        """The first of ``kinds`` whose cues include the last one to ``LOOKBEHIND`` words ("city of")."""
        endings = [fold(" ".join(words[-n:])) for n in range(1, min(LOOKBEHIND, len(words)) + 1)]
        return next((kind for kind in kinds if any(e in self.kinds.get(kind, frozenset()) for e in endings)), None)


@cache
def load_cues() -> Cues:
    kinds: dict[str, set[str]] = {}
    for row in read_table(data_path("places", "cues.tsv"), ("kind", "words")):
        kinds.setdefault(row["kind"], set()).update(fold(w) for w in split_list(row["words"]))
    for row in read_table(data_path("cleaning", "stopwords.tsv"), ("lang", "words")):
        if row["lang"] in STOPWORD_LANGUAGES:
            kinds["not_place"].update(fold(w) for w in split_list(row["words"]))
    connectors = "|".join(re.escape(c) for c in sorted(kinds["connector"], key=len, reverse=True))
    run = re.compile(rf"{_CAPITALISED}(?:(?:[ ]{{1,2}}|-)(?:(?:{connectors})[ ])*{_CAPITALISED})*")
    return Cues({kind: frozenset(words) for kind, words in kinds.items()}, run)


def runs(text: str, cues: Cues) -> Iterator[list[Word]]:
    """Runs of capitalised words, with connectors between them; a full stop ends a run."""
    for found in cues.connectors.finditer(text):
        run: list[Word] = []
        for word in _ANY_WORD.finditer(text, found.start(), found.end()):
            run.append(Word(word.group(), word.start(), word.end()))
            if run[-1].ends_sentence:
                yield _trimmed(run)
                run = []
        if run:
            yield _trimmed(run)


def _trimmed(run: list[Word]) -> list[Word]:
    while run and not run[-1].capitalised:
        run.pop()
    return run


Stretch = tuple[int, int, int, int, str]
"""A stretch of a run that may be a name: its first and last words (indexes into the run), its
character offsets, and its lookup key."""


def stretches(run: Sequence[Word]) -> list[Stretch]:
    """Every stretch of a run that starts and ends on a capitalised word, up to ``MAX_WORDS``, the
    longest first from each word. A stretch's key is its words' keys joined, as ``name_key`` would
    make it of the whole."""
    keys = [name_key(word.text) for word in run]
    ends = [word.bare_end if word.capitalised else None for word in run]
    found = []
    for i, first in enumerate(run):
        if ends[i] is not None:
            for j in range(min(len(run), i + MAX_WORDS) - 1, i - 1, -1):
                end = ends[j]
                if end is not None:
                    found.append((i, j, first.start, end, " ".join(keys[i : j + 1])))
    return found


def words_before(text: str, start: int, count: int = LOOKBEHIND) -> list[str]:
    """The last ``count`` words before ``start`` in its sentence, lower case."""
    window = text[max(0, start - 12 * count) : start]
    window = _CLAUSE_BREAK.split(window)[-1]
    return [w.lower() for w in _ANY_WORD.findall(window)][-count:]


def word_after(text: str, end: int) -> str | None:
    """The word right after ``end``, when only a space or a hyphen comes between."""
    found = _AFTER.match(text, end)
    return found.group(1) if found else None


def word_before(text: str, start: int) -> str | None:
    """The word right before ``start``, when only a space or a hyphen comes between."""
    window = text[max(0, start - 40) : start]
    end = len(window) - window.endswith("\n")  # "$" matches before a final newline too
    found = _BEFORE.search(window, window.rfind(" ", 0, end - 1) + 1)  # the word holds no space: search after the last
    return found.group(1) if found else None


@dataclass(frozen=True, slots=True)
class Dateline:
    """The place an article is filed from, and the qualifier after it (a country, a state), if any."""

    place: Mention
    qualifier: Mention | None


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of a line near the top; None when there is none."""
    found = _DATELINE.search(text[:DATELINE_CHARS])
    if found is None:
        return None
    place = Mention(found.group("place"), found.start("place"), found.end("place"))
    qualifier = (found.group("qualifier") or "").rstrip(". ")
    if not qualifier or _MONTH.match(qualifier):
        return Dateline(place, None)
    start = found.start("qualifier")
    return Dateline(place, Mention(qualifier, start, start + len(qualifier)))
