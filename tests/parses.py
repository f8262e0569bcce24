"""Docs built from fixed parses, so that a coding rule's test reads the parse it is about,
not whatever the statistical model makes of the sentence that day.

A parse is written one token a line, in the CoNLL-U columns the coder reads::

    ID  FORM  LEMMA  UPOS  XPOS  HEAD  DEPREL

``_`` as the lemma stands for the form itself; HEAD is the ID of the token's head in its
sentence, 0 for the root; a blank line ends a sentence. Tokens are separated by a space except
before punctuation and clitics ("Mexico's", "Ecuador."). The vocabulary is spaCy's blank English
one, so no model is loaded: spaCy's own tests build their Docs the same way.
"""

from __future__ import annotations

import re

import spacy
from spacy.tokens import Doc

VOCAB = spacy.blank("en").vocab
NO_SPACE_BEFORE = frozenset({".", ",", ":", ";", "?", "!", "'s", "'", "n't"})
COLUMNS = ("id", "form", "lemma", "upos", "xpos", "head", "deprel")


def parse(table: str) -> Doc:
    """The Doc a parse table describes (see the module docstring)."""
    rows: list[dict[str, str]] = []
    heads: list[int] = []
    for block in re.split(r"\n\s*\n", table.strip()):
        start = len(rows)
        for line in block.strip().splitlines():
            row = dict(zip(COLUMNS, line.split(), strict=True))
            if int(row["id"]) != len(rows) - start + 1:
                raise ValueError(f"IDs must count 1, 2, 3... in each sentence: {line!r}")
            heads.append(len(rows) if row["head"] == "0" else start + int(row["head"]) - 1)
            rows.append(row)
    words = [row["form"] for row in rows]
    return Doc(
        VOCAB,
        words=words,
        spaces=[following not in NO_SPACE_BEFORE for following in [*words[1:], "."]],
        lemmas=[row["form"] if row["lemma"] == "_" else row["lemma"] for row in rows],
        pos=[row["upos"] for row in rows],
        tags=[row["xpos"] for row in rows],
        heads=heads,
        deps=[row["deprel"] for row in rows],
    )
