"""Reading actor and agent dictionaries in the PETRARCH/TABARI text format.

A team that keeps its own PETRARCH dictionaries can code with them as they
are (``tinkuy code --actors ...``), and the same reader turns the Phoenix
dictionaries into entries tinkuy's gazetteer understands.

Actor dictionaries::

    GOLLUM  # pas 27 Apr 03          a name; words joined by _ or spaces
    +SMEAGOL                         a synonym of the name above
        [HOB < 950601]               a code before a date (YYMMDD or YYYYMMDD)
        [HOBGOV 19950601 - 19990815] a code between two dates
        [HOBREB > 990816]            a code after a date
    ARNOR_  [ARN]                    a code on the name's line; no date: the default

A word ending in ``_`` must match whole; any other last word is a stem
("ARGENTIN" matches "Argentina"). ``#`` starts a comment, ``<!-- -->`` encloses
one, and the code ``---`` means "do not code".

Agent dictionaries::

    !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON      a substitution set
    FOREIGN_MINISTER [~GOVFRM]                     ~CODE: added after the actor's code
    HUMAN_RIGHTS_BODY  [NGO~]                      CODE~: put before the actor's code
    CONGRESS!PERSON! [~LEG]                        expands to CONGRESSMAN, CONGRESSMEN, ...
    ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]    explicit plural forms
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataError

log = logging.getLogger(__name__)

_HTML_COMMENT = re.compile(r"<!\s*--.*?-->", re.DOTALL)
_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
_DATE_RANGE = re.compile(r"^(?P<code>\S+)\s*(?:(?P<op>[<>])\s*(?P<date>\d{6,8})|(?P<start>\d{6,8})\s*-\s*(?P<end>\d{6,8}))?$")
_MACRO = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
NULL_CODES = ("---", "+++", "###")


@dataclass(frozen=True, slots=True)
class DictionaryName:
    """A name as a dictionary writes it: its words, and whether the last is a stem."""

    words: tuple[str, ...]
    stem: bool


@dataclass(frozen=True, slots=True)
class DictionaryCode:
    """A code an actor carries from ``start`` (inclusive) to ``end`` (exclusive); no dates: always."""

    code: str
    start: dt.date | None
    end: dt.date | None


@dataclass
class ActorEntry:
    primary: DictionaryName
    names: list[DictionaryName] = field(default_factory=list)
    codes: list[DictionaryCode] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class AgentEntry:
    phrase: tuple[str, ...]
    code: str
    before_actor: bool
    """``CODE~``: the agent code goes before the actor's code."""


def _strip_comments(text: str) -> list[str]:
    text = _HTML_COMMENT.sub("", text)
    return [line.split("#", 1)[0].rstrip() for line in text.splitlines()]


def _name(text: str) -> DictionaryName:
    """A dictionary name: ``_`` and spaces separate words; a final ``_`` makes the last word whole."""
    raw = text.strip()
    stem = not raw.endswith("_")
    words = tuple(w for w in re.split(r"[_\s]+", raw) if w)
    return DictionaryName(words, stem and len(words[-1]) > 1 if words else False)


def _date(text: str, where: str) -> dt.date:
    """YYMMDD (years before 40 are 20xx) or YYYYMMDD."""
    try:
        if len(text) == 6:
            year = int(text[:2])
            return dt.date(2000 + year if year < 40 else 1900 + year, int(text[2:4]), int(text[4:6]))
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise DataError(f"{where}: {text!r} is not a date") from None


def _code(block: str, where: str) -> DictionaryCode | None:
    match = _DATE_RANGE.match(block.strip())
    if match is None:
        raise DataError(f"{where}: cannot read the code [{block}]")
    code = match["code"].upper()
    if code in NULL_CODES:
        return None
    if match["op"] == "<":
        return DictionaryCode(code, None, _date(match["date"], where))
    if match["op"] == ">":
        return DictionaryCode(code, _date(match["date"], where), None)
    if match["start"]:
        return DictionaryCode(code, _date(match["start"], where), _date(match["end"], where))
    return DictionaryCode(code, None, None)


def read_actor_dictionary(path: Path) -> list[ActorEntry]:
    """The entries of a PETRARCH actor dictionary, in file order."""
    entries: list[ActorEntry] = []
    current: ActorEntry | None = None
    for number, line in enumerate(_strip_comments(path.read_text(encoding="utf-8", errors="replace")), 1):
        where = f"{path.name}:{number}"
        stripped = line.strip()
        if not stripped:
            continue
        head = _CODE_BLOCK.sub("", stripped).strip()
        if stripped.startswith("+"):
            if current is None:
                raise DataError(f"{where}: a synonym with no name before it")
            current.names.append(_name(head[1:]))
        elif head and not line[:1].isspace():
            current = ActorEntry(_name(head))
            current.names.append(current.primary)
            entries.append(current)
        elif current is None:
            raise DataError(f"{where}: a code with no name before it")
        for block in _CODE_BLOCK.findall(stripped):
            try:
                code = _code(block, where)
            except DataError as error:  # one bad code in a dictionary of thousands: skip it, say so
                log.warning("skipped: %s", error)
                continue
            if code is not None and current is not None:
                current.codes.append(code)
    return [e for e in entries if e.codes and e.primary.words]


def read_agent_dictionary(path: Path) -> list[AgentEntry]:
    """The entries of a PETRARCH agent dictionary, with substitutions and plurals expanded."""
    macros: dict[str, list[str]] = {}
    entries: list[AgentEntry] = []
    for number, line in enumerate(_strip_comments(path.read_text(encoding="utf-8", errors="replace")), 1):
        stripped = line.strip()
        macro = _MACRO.match(stripped)
        if macro:
            macros[macro[1]] = [w.strip() for w in macro[2].split(",") if w.strip()]
            continue
        codes = _CODE_BLOCK.findall(stripped)
        if not codes:
            continue
        code = codes[0].replace(" ", "")
        if not code.strip("~") or code.strip("~") in NULL_CODES:
            continue
        phrase_part = _CODE_BLOCK.sub("", stripped)
        plurals = re.findall(r"\{([^}]*)\}", phrase_part)
        phrase = re.sub(r"\{[^}]*\}", "", phrase_part).strip()
        forms = [phrase, *(p for group in plurals for p in group.split())]
        for form in forms:
            for expanded in _expand_macros(form, macros):
                words = tuple(w.lower() for w in re.split(r"[_\s]+", expanded) if w)
                if words:
                    entries.append(AgentEntry(words, code.strip("~"), code.endswith("~") and not code.startswith("~")))
        if not forms:
            raise DataError(f"{path.name}:{number}: an agent code with no phrase")
    return entries


def _expand_macros(form: str, macros: dict[str, list[str]]) -> list[str]:
    match = re.search(r"![A-Z]+!", form)
    if match is None:
        return [form]
    return [
        expanded
        for value in macros.get(match.group(0), [match.group(0).strip("!")])
        for expanded in _expand_macros(form[: match.start()] + value + form[match.end() :], macros)
    ]


def is_agent_dictionary(path: Path) -> bool:
    """Whether a dictionary file holds agents (``[~CODE]``) rather than actors."""
    codes = _CODE_BLOCK.findall(_HTML_COMMENT.sub("", path.read_text(encoding="utf-8", errors="replace")))
    agent_like = sum("~" in c for c in codes)
    return bool(codes) and agent_like > len(codes) / 2


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
_VERB_BLOCK = re.compile(r"^---\s+(?P<verb>[^\[]+?)\s+\[(?P<code>[^\]]*)\](?:\s*\[[^\]]*\])*\s*---")
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


def is_verb_dictionary(path: Path) -> bool:
    """Whether a dictionary file holds verb blocks (``--- VERB [code] ---``)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    return any(_VERB_BLOCK.match(line) for line in text.splitlines()[:4000])


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
    lines = _strip_comments(path.read_text(encoding="utf-8", errors="replace"))
    synsets = _synsets(lines)
    rules: list[VerbRule] = []
    skipped = 0
    verbs: list[tuple[str, str]] = []
    block_code: tuple[str, str | None] | None = None
    in_synset = False
    for number, line in enumerate(lines, 1):
        where = f"{path.name}:{number}"
        stripped = line.strip()
        header = _VERB_BLOCK.match(stripped)
        if header:
            verbs, block_code, in_synset = [], _codes(header["code"]), False
            continue
        if stripped.startswith("&"):
            in_synset = True
            continue
        in_synset = in_synset and (not stripped or stripped.startswith("+"))
        if not stripped or in_synset:
            continue
        codes = _CODE_BLOCK.findall(stripped)
        if stripped.startswith("-"):
            rule_codes = _codes(codes[0]) if codes else block_code
            converted = _pattern(_CODE_BLOCK.sub("", stripped[1:]).strip(), synsets)
            if converted is None or rule_codes is None:
                skipped += converted is None
                continue
            rules += [VerbRule(verb, rule_codes[0], rule_codes[1], source=where, **converted) for verb, _ in verbs]
            continue
        verb = _verb(re.sub(r"\{[^}]*\}", "", _CODE_BLOCK.sub("", stripped)))
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
