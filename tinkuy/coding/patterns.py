"""Verb and noun patterns: which words, in which constructions, mean which CAMEO code.

A verb pattern names a lemma and optionally a particle ("cut off"), the head
of its direct object ("cut ties" against "cut aid"), and a preposition with,
optionally, its object ("call for elections"); or a phrase: words in order
after the verb in its own phrase ("recalled its ambassador for consultations",
"declared the envoy persona non grata"), before it in its clause ("troops
staged exercises"), or both. Of the patterns that match a clause, the most
specific wins (each word of a phrase counts as a constraint); on a tie, the
first, and phrases (``phrases.tsv``) come before ``verbs.tsv``. A noun
pattern names an event noun ("assault", "sanctions") and the prepositions that
introduce its target ("on", "against").

Patterns live in ``data/coding/*.tsv``; ``@name`` in a lemma list refers to a
word set in ``wordsets.tsv``.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..datafiles import data_path, read_table, split_list
from ..dictionaries.verbs import Words, read_verb_dictionary
from ..errors import DataError
from .codebook import Codebook

log = logging.getLogger(__name__)
ACTOR_WORDS = frozenset({"person", "country"})
"""What an object that names an actor matches besides its words (see verbs.tsv)."""


@dataclass(frozen=True, slots=True)
class Clause:
    """What a pattern can test about a verb: its lemma and its dependents' lemmas."""

    lemma: str
    particles: frozenset[str]
    objects: frozenset[str]
    preps: frozenset[tuple[str, str]]
    """(preposition, lemma of its object) pairs on the verb or its object."""
    auxiliaries: frozenset[str] = frozenset()
    coordinated_subject: bool = False
    before: Words = ()
    """The words before the verb in its clause (subject, auxiliaries, adverbs), each token's lemma and form."""
    after: Words = ()
    """The words after the verb in its phrase, particles first, each token's lemma and form."""


def in_order(words: Words, phrase: Words) -> bool:
    """Whether each position of ``words`` finds a token of ``phrase``, in order, others between allowed."""
    tokens = iter(phrase)
    return all(any(slot & token for token in tokens) for slot in words)


@dataclass(frozen=True, slots=True)
class VerbPattern:
    code: str
    verb: str
    particle: str
    objects: frozenset[str]
    preps: frozenset[str]
    prep_objects: frozenset[str]
    rule: str
    reverse: str | None = None
    """The code of the event the target makes in return ("X visited Y": Y hosted X, 043)."""
    auxiliaries: frozenset[str] = frozenset()
    mutual: bool = False
    """The subject is a coordination whose members act on each other ("Peru and Chile agreed")."""
    before: Words = ()
    """Words that must stand before the verb in its clause, in order ("&MILITARY * EXERCISES")."""
    after: Words = ()
    """Words that must follow the verb in its phrase, in order ("recall @diplomat for consultation")."""

    @property
    def specificity(self) -> int:
        slots = (self.particle, self.objects, self.preps, self.prep_objects, self.auxiliaries, self.mutual)
        return sum(map(bool, slots)) + len(self.before) + len(self.after)

    def matches(self, clause: Clause) -> bool:
        if (self.mutual and not clause.coordinated_subject) or not self.auxiliaries <= clause.auxiliaries:
            return False
        if self.particle and self.particle not in clause.particles:
            return False
        if self.objects and not self.objects & clause.objects:
            return False
        if (self.preps or self.prep_objects) and not any(
            (not self.preps or prep in self.preps) and (not self.prep_objects or obj in self.prep_objects)
            for prep, obj in clause.preps
        ):
            return False
        return (not self.before or in_order(self.before, clause.before)) and (
            not self.after or in_order(self.after, clause.after)
        )


@dataclass(frozen=True, slots=True)
class NounPattern:
    code: str
    noun: str
    preps: frozenset[str]
    rule: str
    targets: frozenset[str] = frozenset()
    """Lemmas the head of the target phrase must have ("assault on the embassy"), if any."""


@dataclass(frozen=True)
class Patterns:
    verbs: dict[str, tuple[VerbPattern, ...]]
    nouns: dict[str, tuple[NounPattern, ...]]
    adjectives: dict[str, NounPattern]
    """Predicate adjectives ("was sceptical about"), with the same shape as noun patterns."""

    @functools.cached_property
    def _telling(self) -> dict[str, tuple[bool, bool, bool, bool]]:
        """For each verb, whether some pattern of it tests a plural subject, whether some
        tests an object naming a person or a country, and whether some names words before
        or after it: the clause needs these only then."""
        return {
            verb: (
                any(p.mutual for p in patterns),
                any(p.objects & ACTOR_WORDS for p in patterns),
                any(p.before for p in patterns),
                any(p.after for p in patterns),
            )
            for verb, patterns in self.verbs.items()
        }

    def tests_subject(self, verb: str) -> bool:
        return self._telling.get(verb, (False,) * 4)[0]

    def tests_actor_objects(self, verb: str) -> bool:
        return self._telling.get(verb, (False,) * 4)[1]

    def tests_words(self, verb: str) -> tuple[bool, bool]:
        """Whether some pattern of the verb names words before it, and after it."""
        telling = self._telling.get(verb, (False,) * 4)
        return telling[2], telling[3]

    def code_clause(self, clause: Clause, verb: str | None = None, objects_only: bool = False) -> VerbPattern | None:
        """The most specific pattern of the clause's verb (or of ``verb``) matching the
        clause, the first on a tie; with ``objects_only``, of those that name an object."""
        best: VerbPattern | None = None
        for pattern in self.verbs.get(verb or clause.lemma, ()):
            if objects_only and not pattern.objects:
                continue
            if pattern.matches(clause) and (best is None or pattern.specificity > best.specificity):
                best = pattern
        return best

    def code_carried_out(self, clause: Clause, carriers: Iterable[str]) -> VerbPattern | None:
        """The act a verb with no pattern of its own carries out, as its object names it:
        as another carrying verb would code the object ("continued their hunger strike" as
        "began ..."), else by the object's event-noun pattern ("announced a suspension of ...")."""
        for carrier in carriers:
            pattern = self.code_clause(clause, carrier, objects_only=True)
            if pattern is not None:
                return dataclasses.replace(pattern, verb=clause.lemma, rule=f"'{clause.lemma}' as '{carrier}': {pattern.rule}")
        for noun in sorted(clause.objects):
            event = self.code_noun(noun, frozenset())
            if event is not None:
                rule = f"'{clause.lemma}' carries out {event.rule}"
                return VerbPattern(event.code, clause.lemma, "", frozenset({noun}), frozenset(), frozenset(), rule)
        return None

    @property
    def sizes(self) -> dict[str, int]:
        phrases = sum(1 for patterns in self.verbs.values() for p in patterns if p.before or p.after)
        return {
            "verbs.tsv": sum(map(len, self.verbs.values())) - phrases,
            "phrases.tsv": phrases,
            "nouns.tsv": sum(map(len, self.nouns.values())),
            "adjectives.tsv": len(self.adjectives),
        }

    def code_noun(self, noun: str, target_heads: frozenset[str]) -> NounPattern | None:
        """The noun's pattern for this target: one naming the target's head word wins over the default."""
        patterns = self.nouns.get(noun, ())
        return next((p for p in patterns if p.targets & target_heads), None) or next((p for p in patterns if not p.targets), None)


def read_wordsets(folder: Path) -> dict[str, frozenset[str]]:
    """The named lemma sets of ``wordsets.tsv``, referred to as ``@name``."""
    return {row["set"]: frozenset(split_list(row["lemmas"])) for row in read_table(folder / "wordsets.tsv", ("set", "lemmas"))}


def expand(field: str, sets: dict[str, frozenset[str]], where: str) -> frozenset[str]:
    """The lemmas of a list field, with ``@name`` sets spelled out."""
    words: set[str] = set()
    for item in split_list(field):
        if item.startswith("@"):
            if item[1:] not in sets:
                raise DataError(f"{where}: unknown word set {item}")
            words |= sets[item[1:]]
        else:
            words.add(item.lower())
    return frozenset(words)


def _check_code(code: str, codebook: Codebook, where: str) -> str:
    if code not in codebook:
        raise DataError(f"{where}: {code!r} is not a CAMEO code")
    return code


def load_patterns(codebook: Codebook, folder: Path | None = None) -> Patterns:
    """The verb, phrase and noun patterns from a folder (by default the bundled one)."""
    folder = folder or data_path("coding")
    sets = read_wordsets(folder)
    verbs: dict[str, list[VerbPattern]] = defaultdict(list)
    for verb_pattern in (*_phrase_patterns(folder, sets, codebook), *_verb_patterns(folder, sets, codebook)):
        verbs[verb_pattern.verb].append(verb_pattern)
    nouns: dict[str, list[NounPattern]] = defaultdict(list)
    for row in read_table(folder / "nouns.tsv", ("code", "noun", "prep")):
        target = f" target={row['target']}" if row.get("target") else ""
        where = f"nouns.tsv: {row['noun']} {row['prep']}{target} -> {row['code']}"
        code = _check_code(row["code"], codebook, where)
        pattern = NounPattern(
            code, row["noun"].lower(), expand(row["prep"], sets, where), where, expand(row.get("target", ""), sets, where)
        )
        nouns[pattern.noun].append(pattern)
    adjectives: dict[str, NounPattern] = {}
    for row in read_table(folder / "adjectives.tsv", ("code", "adjective", "prep")):
        where = f"adjectives.tsv: {row['adjective']} {row['prep']} -> {row['code']}"
        code = _check_code(row["code"], codebook, where)
        adjectives[row["adjective"].lower()] = NounPattern(
            code, row["adjective"].lower(), expand(row["prep"], sets, where), where
        )
    return Patterns({k: tuple(v) for k, v in verbs.items()}, {k: tuple(v) for k, v in nouns.items()}, adjectives)


def _verb_patterns(folder: Path, sets: dict[str, frozenset[str]], codebook: Codebook) -> Iterator[VerbPattern]:
    for row in read_table(folder / "verbs.tsv", ("code", "verb", "particle", "object", "prep", "prep_object")):
        where = f"verbs.tsv: {_describe(row)}"
        yield VerbPattern(
            code=_check_code(row["code"], codebook, where),
            verb=row["verb"].lower(),
            particle=row["particle"].lower(),
            objects=expand(row["object"], sets, where),
            preps=expand(row["prep"], sets, where),
            prep_objects=expand(row["prep_object"], sets, where),
            rule=where,
            reverse=_check_code(row["reverse"], codebook, where) if row.get("reverse") else None,
            mutual=row.get("subject") == "plural",
        )


def _phrase_patterns(folder: Path, sets: dict[str, frozenset[str]], codebook: Codebook) -> Iterator[VerbPattern]:
    """The rows of ``phrases.tsv``: a verb with words before it (``before``) and after it
    (``after``), each a space-separated list of positions, a position being lemmas or
    ``@sets`` separated by ``|``."""
    for row in read_table(folder / "phrases.tsv", ("code", "verb", "before", "after")):
        subject = "plural subject: " if row.get("subject") == "plural" else ""
        where = (
            f"phrases.tsv: {subject}{' '.join(filter(None, (row['before'], '*', row['after'])))} ({row['verb']}) -> {row['code']}"
        )
        before, after = (tuple(expand(slot, sets, where) for slot in row[side].split()) for side in ("before", "after"))
        if not before and not after:
            raise DataError(f"{where}: a phrase names words before or after its verb")
        yield VerbPattern(
            code=_check_code(row["code"], codebook, where),
            verb=row["verb"].lower(),
            particle="",
            objects=frozenset(),
            preps=frozenset(),
            prep_objects=frozenset(),
            rule=where,
            reverse=_check_code(row["reverse"], codebook, where) if row.get("reverse") else None,
            mutual=row.get("subject") == "plural",
            before=before,
            after=after,
        )


def patterns_from_dictionaries(paths: Sequence[Path], codebook: Codebook) -> Patterns:
    """Verb patterns from PETRARCH verb dictionaries, in place of the bundled patterns.

    Rules whose codes are not CAMEO codes (test and legacy codes) are left
    out, like the rules the pattern language cannot express; both are logged.
    """
    verbs: dict[str, list[VerbPattern]] = defaultdict(list)
    for path in paths:
        rules, skipped = read_verb_dictionary(path)
        kept = [r for r in rules if r.code in codebook and (r.reverse is None or r.reverse in codebook)]
        log.info(
            "%s: %d verb rules, %d not CAMEO codes, %d patterns not expressible",
            path.name,
            len(kept),
            len(rules) - len(kept),
            skipped,
        )
        for rule in kept:
            constraints = " ".join(
                f"{name}={'|'.join(sorted(value))}"
                for name, value in (
                    ("obj", rule.objects),
                    ("prep", rule.preps),
                    ("on", rule.prep_objects),
                    ("aux", rule.auxiliaries),
                )
                if value
            )
            before, after = (" ".join("|".join(sorted(slot)) for slot in words) for words in (rule.before, rule.after))
            subject = "% " if rule.mutual else ""
            words = " ".join(filter(None, (before, "*" if before or after else "", after)))
            description = f"{rule.source} {subject}{rule.verb} {rule.particle} {constraints} {words}"
            description = " ".join(description.split())
            verbs[rule.verb].append(
                VerbPattern(
                    rule.code,
                    rule.verb,
                    rule.particle,
                    rule.objects,
                    rule.preps,
                    rule.prep_objects,
                    f"{description} -> {rule.code}",
                    rule.reverse,
                    rule.auxiliaries,
                    rule.mutual,
                    rule.before,
                    rule.after,
                )
            )
    return Patterns({k: tuple(v) for k, v in verbs.items()}, {}, {})


def _describe(row: dict[str, str]) -> str:
    parts: Iterable[str] = (
        "plural subject:" if row.get("subject") == "plural" else "",
        row["verb"],
        row["particle"],
        f"obj={row['object']}" if row["object"] else "",
        f"{row['prep'] or 'prep'}={row['prep_object']}" if row["prep_object"] else row["prep"],
    )
    return " ".join(p for p in parts if p) + f" -> {row['code']}"
