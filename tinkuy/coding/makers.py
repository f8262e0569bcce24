"""Who made the request, offer or accusation a response refers back to.

"Ecuador turned down the request", "Prada dismissed the accusation as a lie",
"Kyiv accepted the offer": the act answers someone the sentence does not name,
and the target is whoever made the request. Read from ``made_by.tsv``: the
subject of the noun's own relative clause ("the request for safe conduct that
Mexico submitted"); else, going back through the article, nearest first, the
owner of an earlier mention of the same noun ("Mexico's request", "a request
by Mexico"), the subject of the verb an earlier mention was the object of
("Mexico submitted a request"), or the subject of a verb that makes one
("Zúñiga claimed that ..." for "the accusation").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Token

from ..actors.mentions import Found
from . import arguments as args

DEFINITE = frozenset({"the", "this", "that", "these", "those", "such"})
OWNERS = ("poss", "compound", "amod", "nmod")
LOOKBACK = 8
"""How many sentences back a response may answer."""


def answered(obj: Token, made_by: dict[str, frozenset[str]]) -> frozenset[str] | None:
    """The verbs that make what a definite object noun names ("the request"), if it names
    a request, offer or accusation; None otherwise."""
    verbs = made_by.get(obj.lemma_.lower())
    definite = any(c.dep_ in ("det", "predet") and c.lower_ in DEFINITE for c in obj.children)
    return verbs if verbs is not None and definite else None


def maker_of(noun: Token, verbs: frozenset[str], find: Callable[[Token], list[Found]], exclude: Iterable[Found]) -> list[Found]:
    """The actors who made what ``noun`` names (see the module docstring), not those of
    ``exclude`` (the responder); each with a note of how it was found."""
    excluded = {(f.owner.referents, f.person) for f in exclude}
    sentences = list(noun.doc.sents)
    here = next(i for i, s in enumerate(sentences) if s.start <= noun.i < s.end)
    own = [t for t in noun.subtree if t.dep_ == "relcl"]  # also "the request for safe conduct that X submitted"
    candidates = [(t, "its relative clause") for c in own for t in _subjects(c)]
    for number in range(here, max(0, here - LOOKBACK) - 1, -1):
        for token in reversed(sentences[number]):
            if token.i >= noun.i:
                continue
            if token.lemma_ == noun.lemma_ and token.pos_ == "NOUN":
                candidates += [(t, f"the '{token.text}' of sentence {number}") for t in _makers_of_mention(token)]
            elif token.pos_ == "VERB" and token.lemma_.lower() in verbs:
                candidates += [(t, f"'{token.text}' (sentence {number})") for t in _subjects(token)]
    start = min([noun.i, *(c.i for c in noun.children if c.dep_ in ("det", "predet"))])
    for head, how in candidates:
        found = [f for f in find(head) if (f.owner.referents, f.person) not in excluded]
        if found and head.sent == noun.sent:
            return found
        if found:
            what = f"'{noun.doc[start : noun.i + 1].text}' -> whoever made it, '{head.text}' of {how}"
            return [f.referring(start, noun.i + 1, f"{what}; {f.via}" if f.via else what) for f in found]
    return []


def _subjects(verb: Token) -> list[Token]:
    return [t for t in args.subjects(verb) if t.lower_ not in args.RELATIVE_PRONOUNS]


def _makers_of_mention(noun: Token) -> list[Token]:
    """Who an earlier mention of the noun says made it: its owner or by-phrase, its
    relative clause's subject, or the subject of the verb it is the object of."""
    owners = [c for c in noun.children if c.dep_ in OWNERS]
    owners += [t for group in args.prepositional_objects(noun, ("by", "from")) for t in group]
    owners += [t for c in noun.children if c.dep_ == "relcl" for t in _subjects(c)]
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB":
        owners += _subjects(noun.head)
    return owners
