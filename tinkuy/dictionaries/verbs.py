"""Verb dictionaries in the PETRARCH/TABARI format: verbs and patterns, read as tinkuy's verb rules.

::

    --- MEET  [040] ---          a block: its verbs take this code by default
    MEET                         a verb of the block
    CUT_OFF  [161]               a verb with a particle, and a code of its own
    +WAGE_WAR                    a verb with the words that follow it: a phrase
    - * WITH  [040]              a pattern: words after the verb (* stands for the verb)
    - % HAVE *  [164]            a coordinated subject whose members act on each other, an auxiliary
    - * {MOCK ATTACKS}  [062]    words after the verb, in order: a phrase
    - &MILITARY * EXERCISES      words before the verb (its subject), and after it
    &PREPOSIT1                   a synonym set, used in patterns as &PREPOSIT1
    +TO
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .syntax import CODE_BLOCK, NULL_CODES, read_dictionary, strip_comments

PREPOSITIONS = frozenset(
    [
        "about",
        "above",
        "across",
        "after",
        "against",
        "along",
        "among",
        "around",
        "at",
        "before",
        "behind",
        "below",
        "beneath",
        "beside",
        "between",
        "beyond",
        "by",
        "down",
        "during",
        "for",
        "from",
        "in",
        "inside",
        "into",
        "near",
        "of",
        "off",
        "on",
        "onto",
        "out",
        "outside",
        "over",
        "past",
        "since",
        "through",
        "to",
        "toward",
        "towards",
        "under",
        "until",
        "up",
        "upon",
        "with",
        "within",
        "without",
    ]
)
"""English prepositions and particles: how a verb pattern's words after the verb are read."""
PARTICLES = frozenset({"up", "down", "off", "out", "away", "back"})
VERB_BLOCK = re.compile(r"^---\s+(?P<verb>[^\[]+?)\s+\[(?P<code>[^\]]*)\](?:\s*\[[^\]]*\])*\s*---")
AUXILIARIES = {
    "have": "have",
    "has": "have",
    "had": "have",
    "will": "will",
    "would": "would",
    "is": "be",
    "are": "be",
    "was": "be",
    "were": "be",
}
"""Words a pattern may put between its subject and the verb, and the lemma spaCy gives each."""


@dataclass(frozen=True, slots=True)
class Grammar:
    """The function words of a verb dictionary's language: how the words around its verbs are read."""

    prepositions: frozenset[str]
    particles: frozenset[str]
    auxiliaries: dict[str, str]
    """Words a pattern may put between its subject and the verb, and the lemma spaCy gives each."""


ENGLISH = Grammar(PREPOSITIONS, PARTICLES, AUXILIARIES)

Words = tuple[frozenset[str], ...]
"""A phrase as patterns name it: for each position, in order, the words that may stand there."""


@dataclass(frozen=True, slots=True)
class VerbRule:
    """One verb pattern of a PETRARCH verb dictionary, in tinkuy's terms."""

    verb: str
    code: str
    reverse: str | None = None
    particle: str = ""
    objects: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    prep_objects: frozenset[str] = frozenset()
    auxiliaries: frozenset[str] = frozenset()
    mutual: bool = False
    """PETRARCH's ``%``: the subject is a coordination whose members act on each other."""
    before: Words = ()
    """Words before the verb in its clause (its subject, auxiliaries and adverbs), in order."""
    after: Words = ()
    """Words after the verb in its phrase, in order, when an object and a preposition cannot say them."""
    source: str = ""


def _codes(block: str) -> tuple[str, str | None] | None:
    """``032`` or ``032:033`` (the second coded from target back to source); None for ``---``."""
    parts = [p.strip() for p in block.split(":")]
    if not parts[0] or parts[0] in NULL_CODES:
        return None
    return parts[0], (parts[1] if len(parts) > 1 and parts[1] not in NULL_CODES else None)


def read_verb_dictionary(path: Path, grammar: Grammar = ENGLISH) -> tuple[list[VerbRule], int]:
    """The rules of a PETRARCH verb dictionary that tinkuy can express, and how many it could not.

    A verb line gives a verb its default code (a line of several words, "WAGE_WAR",
    a phrase); a pattern ``- WORDS * WORDS [code]`` gives a code when the words stand
    around the verb. After the verb, a leading particle or preposition and one word
    become a particle, a prepositional phrase or the direct object's head; longer
    sequences ("{MOCK ATTACKS}", "FIRE (TO FLAG)") are a phrase, matched in order.
    Before the verb, ``%`` (a coordinated subject whose members act on each other)
    and auxiliaries ("HAVE *") are kept as such; other words ("&MILITARY *") are
    matched in order before the verb in its clause. Patterns with an undefined
    synonym set, and compound patterns (``~``), are counted as skipped.
    """
    lines = strip_comments(read_dictionary(path))
    synsets = synonym_sets(lines)
    rules: list[VerbRule] = []
    skipped = 0
    verbs: list[str] = []
    block_code: tuple[str, str | None] | None = None
    in_synset = False
    for number, line in enumerate(lines, 1):
        where = f"{path.name}:{number}"
        stripped = line.strip()
        header = VERB_BLOCK.match(stripped)
        if header:
            verbs, block_code, in_synset = [], _codes(header["code"]), False
            continue
        if stripped.startswith("&"):
            in_synset = True
            continue
        in_synset = in_synset and (not stripped or stripped.startswith("+"))
        if not stripped or in_synset:
            continue
        codes = CODE_BLOCK.findall(stripped)
        if stripped.startswith("-"):
            rule_codes = _codes(codes[0]) if codes else block_code
            converted = _pattern(CODE_BLOCK.sub("", stripped[1:]).strip(), synsets, grammar)
            if converted is None or rule_codes is None:
                skipped += converted is None
                continue
            rules += [VerbRule(verb, rule_codes[0], rule_codes[1], source=where, **converted) for verb in verbs]
            continue
        verb = _verb(re.sub(r"\{[^}]*\}", "", CODE_BLOCK.sub("", stripped)), grammar)
        own = _codes(codes[0]) if codes else block_code
        if verb is None:
            skipped += 1
            continue
        lemma, particle, after = verb
        if not after:  # the block's patterns are written for its one-word verbs
            verbs.append(lemma)
        if own is not None:
            rules.append(VerbRule(lemma, own[0], own[1], particle=particle, after=after, source=where))
    return rules, skipped


def synonym_sets(lines: list[str]) -> dict[str, frozenset[str]]:
    """``&NAME`` followed by ``+MEMBER`` lines: the head word (last word) of each member."""
    sets: dict[str, set[str]] = {}
    current: str | None = None
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("&"):
            current = stripped.split()[0].rstrip("_")
            sets[current] = set()
        elif current and stripped.startswith("+"):
            words = [w for w in re.split(r"[_\s]+", stripped[1:]) if w]
            if words:
                sets[current].add(words[-1].lower())
        elif stripped:
            current = None
    return {name: frozenset(words) for name, words in sets.items()}


def _verb(text: str, grammar: Grammar) -> tuple[str, str, Words] | None:
    """A verb line's lemma, particle and the words after it: ``ARM_`` is arm, ``CUT_OFF``
    cut + off, ``WAGE_WAR`` wage followed by war; None for a line that is not a verb."""
    words = [w.lower() for w in re.split(r"[_\s+]+", text.strip()) if w]
    if not words or not all(w.isalpha() for w in words):
        return None
    if len(words) == 2 and words[1] in grammar.prepositions:
        return words[0], words[1], ()
    return words[0], "", tuple(frozenset({w}) for w in words[1:])


def _pattern(text: str, synsets: dict[str, frozenset[str]], grammar: Grammar) -> dict[str, Any] | None:
    """The constraints of a pattern ``[%] [WORDS] * [WORDS]``; None when it has no verb, names an
    undefined synonym set, or names nothing at all."""
    spaced = re.sub(r"[(){}]", " ", text).replace("*", " * ")
    tokens = [t for t in re.split(r"[_\s]+", spaced) if t and t not in ("+", "$", "^")]
    mutual = tokens[:1] == ["%"]
    tokens = [t.lower() for t in tokens[mutual:] if t != "%"]
    if tokens.count("*") != 1:
        return None
    star = tokens.index("*")
    before_verb, words = tokens[:star], tokens[star + 1 :]
    constraints: dict[str, Any] = {"mutual": mutual}
    if all(w in grammar.auxiliaries for w in before_verb):
        constraints["auxiliaries"] = frozenset(grammar.auxiliaries[w] for w in before_verb)
    else:
        constraints["before"] = _phrase(before_verb, synsets)
    after = None if "before" in constraints else _slots(words, synsets, grammar)  # a phrase before the verb: one after it too
    if after is None:
        after = {"after": _phrase(words, synsets)}
    if any(v is None for v in (*after.values(), *constraints.values())):
        return None  # an undefined synonym set
    return {**constraints, **after} if any(v for v in (*constraints.values(), *after.values())) else None


def _slots(words: list[str], synsets: dict[str, frozenset[str]], grammar: Grammar) -> dict[str, Any] | None:
    """Words after the verb as a particle, a preposition and its object's head, or the direct
    object's head; None when they say more than these can hold."""
    particle = ""
    if words and words[0] in grammar.particles and (len(words) <= 2 or words[1] in grammar.prepositions):
        particle, words = words[0], words[1:]
    if words and (words[0] in grammar.prepositions or words[0] == "&preposit1"):
        if len(words) > 2:
            return None
        preps = synsets.get(words[0].upper(), frozenset()) if words[0].startswith("&") else frozenset({words[0]})
        return {"particle": particle, "preps": preps, "prep_objects": _head(words[1:], synsets)}
    if len(words) > 1:
        return None
    return {"particle": particle, "objects": _head(words, synsets)}


def _head(words: list[str], synsets: dict[str, frozenset[str]]) -> frozenset[str] | None:
    """The one word a slot names, or its synonym set's words; empty for none, None for an undefined
    or empty set."""
    if not words:
        return frozenset()
    if words[0].startswith("&"):
        return synsets.get(words[0].upper()) or None
    return frozenset(words)


def _phrase(words: list[str], synsets: dict[str, frozenset[str]]) -> Words | None:
    """The words of a phrase, each a word or a synonym set's words; None if a set is undefined."""
    slots = [_head([w], synsets) for w in words]
    return None if any(s is None for s in slots) else tuple(s for s in slots if s is not None)
