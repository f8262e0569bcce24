"""How a place name is written down to be looked up: one key for every spelling of it.

"CÓRDOBA", "Córdoba" and "cordoba" are one key; so are "St. Catherine" and
"Saint Catherine", "Castilla-La Mancha" and "Castilla La Mancha", "U.S." and
"US". The gazetteer stores its names under these keys and the text is looked
up the same way, so case, accents, hyphens, dots and apostrophes never decide
a match.
"""

from __future__ import annotations

import functools
import re
import unicodedata

ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pto": "puerto"}
"""Abbreviated words of place names and the word they stand for ("St. Catherine")."""

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—/]+")
_DROPPED = re.compile(r"[.'’ʼ`´\"“”()]")


@functools.lru_cache(maxsize=1 << 14)
def fold(text: str) -> str:
    """Lower case without diacritics: "Córdoba" -> "cordoba"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@functools.lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """The lookup key of a name: folded, dots and apostrophes dropped, hyphens as spaces,
    abbreviated words written out."""
    words = _SEPARATORS.split(_DROPPED.sub("", fold(text)))
    return " ".join(ABBREVIATIONS.get(word, word) for word in words if word)


def is_latin(text: str) -> bool:
    """Whether every letter of a name is a Latin letter (the names news in English and Spanish write)."""
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in text)
