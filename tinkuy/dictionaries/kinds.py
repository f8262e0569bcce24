"""Which kind of dictionary a file is: named by the caller, or decided by one rule.

A caller who knows its files names their kinds (``Dictionaries(actors=...,
agents=..., verbs=...)``). Files given together without kinds (``tinkuy code
--actors DICT...``) are sorted by ``kind_of``, the one rule, which reads the
file's content since PETRARCH's own file names do not say (its verb dictionary
is ``CAMEO.2.0.txt``):

1. a file with a verb block header (``--- VERB [code] ---``) among its first
   4,000 lines is a verb dictionary;
2. else a file in which more than half the codes carry ``~`` (``[~GOV]``,
   ``[NGO~]``) is an agent dictionary;
3. else it is an actor dictionary.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .syntax import CODE_BLOCK, HTML_COMMENT, read_dictionary
from .verbs import VERB_BLOCK

Kind = Literal["actors", "agents", "verbs"]
VERB_HEADER_LINES = 4000
"""How far into a file rule 1 looks for a verb block header."""


def kind_of(path: Path) -> Kind:
    """The kind of the dictionary at ``path``, by the rule above."""
    text = read_dictionary(path)
    if any(VERB_BLOCK.match(line) for line in text.splitlines()[:VERB_HEADER_LINES]):
        return "verbs"
    codes = CODE_BLOCK.findall(HTML_COMMENT.sub("", text))
    if codes and sum("~" in c for c in codes) > len(codes) / 2:
        return "agents"
    return "actors"


@dataclass(frozen=True, slots=True)
class Dictionaries:
    """PETRARCH dictionaries by kind, each kind in the order given; a kind left empty keeps tinkuy's own data."""

    actors: tuple[Path, ...] = ()
    agents: tuple[Path, ...] = ()
    verbs: tuple[Path, ...] = ()

    @classmethod
    def by_content(cls, paths: Iterable[Path]) -> Dictionaries:
        """Files of any kinds, each sorted by ``kind_of``."""
        kinds = [(path, kind_of(path)) for path in paths]
        return cls(*(tuple(p for p, k in kinds if k == kind) for kind in ("actors", "agents", "verbs")))


NO_DICTIONARIES = Dictionaries()
"""No PETRARCH dictionaries: tinkuy's own data for every kind."""
