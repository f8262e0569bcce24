"""The function words the coder's rules name, for every language it codes (``function_words.tsv``).

A rule asks for a role ("a preposition that may introduce a target"); the
words that play it in English and in Spanish come from one table, so the
same rule reads both languages. The words of different languages do not
collide where these rules look (no English preposition is a Spanish one).
"""

from __future__ import annotations

import functools

from ..datafiles import data_path, read_table, split_list


@functools.cache
def function_words(role: str) -> tuple[str, ...]:
    """The words of every language that play ``role``, in table order."""
    rows = read_table(data_path("coding", "function_words.tsv"), ("role", "language", "words"))
    return tuple(word for row in rows if row["role"] == role for word in split_list(row["words"]))
