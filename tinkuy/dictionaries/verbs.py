"""Verb dictionaries in the PETRARCH/TABARI format: verbs and patterns, read as tinkuy's verb rules.

::

    --- MEET  [040] ---          a block: its verbs take this code by default
    MEET                         a verb of the block
    CUT_OFF  [161]               a verb with a particle, and a code of its own
    - * WITH  [040]              a pattern: words after the verb (* stands for the verb)
    - % HAVE *  [164]            a coordinated subject whose members act on each other, an auxiliary
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
    source: str = ""


def _codes(block: str) -> tuple[str, str | None] | None:
    """``032`` or ``032:033`` (the second coded from target back to source); None for ``---``."""
    parts = [p.strip() for p in block.split(":")]
    if not parts[0] or parts[0] in NULL_CODES:
        return None
    return parts[0], (parts[1] if len(parts) > 1 and parts[1] not in NULL_CODES else None)


def read_verb_dictionary(path: Path) -> tuple[list[VerbRule], int]:
    """The rules of a PETRARCH verb dictionary that tinkuy can express, and how many it could not.

    A verb line gives a verb its default code; a pattern ``- * WORDS [code]``
    gives a code when the words follow the verb: leading prepositions become a
    particle or a prepositional phrase, other words the direct object (its
    last word is the head). Before the verb, ``%`` (a coordinated subject whose
    members act on each other) and auxiliaries ("HAVE *") are kept. Patterns
    with other words before the verb, and verbs of more than two words, have no
    counterpart here and are counted as skipped.
    """
    lines = strip_comments(read_dictionary(path))
    synsets = _synsets(lines)
    rules: list[VerbRule] = []
    skipped = 0
    verbs: list[tuple[str, str]] = []
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
            converted = _pattern(CODE_BLOCK.sub("", stripped[1:]).strip(), synsets)
            if converted is None or rule_codes is None:
                skipped += converted is None
                continue
            rules += [VerbRule(verb, rule_codes[0], rule_codes[1], source=where, **converted) for verb, _ in verbs]
            continue
        verb = _verb(re.sub(r"\{[^}]*\}", "", CODE_BLOCK.sub("", stripped)))
        own = _codes(codes[0]) if codes else block_code
        if verb is None:
            skipped += 1
            continue
        verbs.append(verb)
        if own is not None:
            rules.append(VerbRule(verb[0], own[0], own[1], particle=verb[1], source=where))
    return rules, skipped


def _synsets(lines: list[str]) -> dict[str, frozenset[str]]:
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


def _verb(text: str) -> tuple[str, str] | None:
    """A verb line's lemma and particle: ``ARM_`` is arm, ``CUT_OFF`` cut + off."""
    words = [w.lower() for w in re.split(r"[_\s+]+", text.strip()) if w]
    if len(words) == 1:
        return words[0], ""
    if len(words) == 2 and words[1] in PREPOSITIONS:
        return words[0], words[1]
    return None


def _pattern(text: str, synsets: dict[str, frozenset[str]]) -> dict[str, Any] | None:
    """The constraints of a pattern ``[%] [AUX] * WORDS``, or None when it needs other words before the verb."""
    tokens = [t for t in re.split(r"[_\s]+", text.replace("(", " ").replace(")", " ")) if t and t not in ("+", "$")]
    mutual = tokens[:1] == ["%"]
    tokens = tokens[mutual:]
    if "*" not in tokens:
        return None
    star = tokens.index("*")
    before_verb = [t.lower() for t in tokens[:star]]
    if any(w not in AUXILIARIES for w in before_verb):
        return None
    before = {"auxiliaries": frozenset(AUXILIARIES[w] for w in before_verb), "mutual": mutual}
    words = [w.lower() for w in tokens[star + 1 :] if w != "%"]
    particle = ""
    if words and words[0] in PARTICLES and (len(words) == 1 or words[1] in PREPOSITIONS):
        particle, words = words[0], words[1:]
    preps: frozenset[str] = frozenset()
    if words and (words[0] in PREPOSITIONS or words[0] == "&preposit1"):
        preps = synsets.get(words[0].upper(), frozenset()) if words[0].startswith("&") else frozenset({words[0]})
        head = words[-1] if len(words) > 1 else None
        return {**before, "particle": particle, "preps": preps, "prep_objects": _expand_head(head, synsets)}
    if not words:
        return {**before, "particle": particle} if particle or mutual or before_verb else None
    return {**before, "particle": particle, "objects": _expand_head(words[-1], synsets)}


def _expand_head(word: str | None, synsets: dict[str, frozenset[str]]) -> frozenset[str]:
    if word is None:
        return frozenset()
    if word.startswith("&"):
        return synsets.get(word.upper(), frozenset())
    return frozenset({word})
