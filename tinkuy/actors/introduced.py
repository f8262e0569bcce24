"""People the dictionaries do not know, as the article introduces them.

News introduces someone once, with a title ("General Juan José Zúñiga",
"Ambassador Raquel Serur") or a role in apposition ("Juan José Zúñiga, the
former army commander", "Mexico's ambassador, Raquel Serur", "a spokesman for
the junta, Colonel-Major Amadou Abdramane"), and then names them by surname
("Zúñiga", "Abdramane") or with a title that says less ("Ambassador Raquel
Serur" after "Mexico's ambassador, Raquel Serur"). A later mention is the actor
of the introduction before it: the first that gives the person a country or an
organisation, else the first.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from spacy.attrs import POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Token

from .gazetteer import normalise
from .mentions import Found

NAME_DEPS = ("compound", "flat")


def name_start(head: Token, is_title: Callable[[Token], bool]) -> int:
    """The first token of the personal name a proper noun ends: the proper-noun compounds
    right before it that are not titles, a hyphenated word counting as a title when one of
    its parts is ("Colonel-Major Amadou Abdramane": "Amadou"; "Jean-Yves Le Drian": "Jean")."""
    doc = head.doc
    start = head.i
    while start > 0 and _name_part(doc[start - 1], head, is_title):  # a part of the name hangs on it, in its sentence
        joined = start - 1
        while joined >= 2 and _hyphen(doc[joined - 1]):
            joined -= 2
        if any(is_title(doc[i]) for i in range(joined, start, 2)):
            break
        start = joined
    return start


def _name_part(token: Token, head: Token, is_title: Callable[[Token], bool]) -> bool:
    return token.pos_ == "PROPN" and token.head == head and token.dep_ in NAME_DEPS and not is_title(token)


def _hyphen(token: Token) -> bool:
    """A hyphen inside a word: "-" with no space on either side."""
    return token.text == "-" and not token.whitespace_ and not token.nbor(-1).whitespace_


@dataclass(frozen=True, slots=True)
class Introduction:
    """The actor an article makes of someone it introduces, where: the token ending the
    name, and the number of its sentence."""

    found: Found
    head: int
    sentence: int


class IntroducedPeople:
    """The introductions of one article, by surname, found on first use. ``introduce`` gives
    the person a proper noun introduces by its own title or apposition, or nothing;
    ``may_end_name`` says cheaply whether a token may end an unknown person's name."""

    def __init__(self, doc: Doc, introduce: Callable[[Token], list[Found]], may_end_name: Callable[[Token], bool]) -> None:
        self.doc = doc
        self.introduce = introduce
        self.may_end_name = may_end_name
        self._by_surname: dict[str, list[Introduction]] | None = None

    def before(self, head: Token) -> Introduction | None:
        """The introduction a later mention of a surname refers to: the first before the
        mention that gives an owner, else the first."""
        earlier = [i for i in self._index().get(normalise(head.text), ()) if i.head < head.i]
        owned = [i for i in earlier if "unknown" not in i.found.kinds]
        return next(iter(owned or earlier), None)

    def _index(self) -> dict[str, list[Introduction]]:
        if self._by_surname is None:
            self._by_surname = {}
            proper = [i for i, pos in enumerate(self.doc.to_array([POS]).tolist()) if pos == PROPN]
            starts: list[int] | None = None
            for token in (self.doc[i] for i in proper):
                found = self.introduce(token) if self.may_end_name(token) else []
                if found:
                    starts = starts if starts is not None else [s.start for s in self.doc.sents]
                    introduction = Introduction(found[0], token.i, bisect.bisect_right(starts, token.i) - 1)
                    self._by_surname.setdefault(normalise(token.text), []).append(introduction)
        return self._by_surname
