"""Converts the phrase patterns of the Phoenix CAMEO verb dictionary into rows of ``phrases.tsv``.

    python tools/phoenix_phrases.py ../shared/data/phoenix_dictionaries/CAMEO.2.0.txt > rows.tsv

The dictionary (openeventdata/petrarch2, ``petrarch2/data/dictionaries/CAMEO.2.0.txt``;
MIT licence, Copyright (c) 2015 Open Event Data Alliance) is read by tinkuy's own reader
(``tinkuy.dictionaries.verbs``); its patterns that ``verbs.tsv`` cannot hold (words before
the verb, sequences of words after it, verb lines of several words) are written as
phrase rows:

- a pattern is given to the verbs its comment names (``# STAGE``: the verb it was written
  for), or to the first verb of its block when the comment names none of them;
- each word becomes its spaCy noun lemma ("EXERCISES" is exercise), so that singular
  and plural match; Phoenix synonym sets become the word sets of ``wordsets.tsv`` that
  extend them (&MILITARY is @troop), or their members;
- codes are corrected where they disagree with the CAMEO codebook (``CORRECTIONS``), and
  patterns of verbs that report speech, patterns that need a coordination or a speech verb
  around the verb (``LEFT_OUT``), and codes that are not CAMEO codes, are left out.

The rows it prints were reviewed by hand before they went into ``phrases.tsv``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from tinkuy.coding.codebook import load_codebook
from tinkuy.dictionaries.syntax import read_dictionary, strip_comments
from tinkuy.dictionaries.verbs import VERB_BLOCK, VerbRule, Words, read_verb_dictionary, synonym_sets
from tinkuy.nlp import load_model

SETS = {
    "MILITARY": "troop",
    "WEAPON": "weapon",
    "AIRCRAFT": "aircraft",
    "TREATY": "agreement",
    "CEASEFIRE": "ceasefire",
    "CURRENCY": "money",
    "NEGOTIATION": "talks",
    "PKO": "peacekeeper",
    "REFUGEE": "refugee",
    "FOOD": "relief",
    "INVESTIGATION": "investigation",
    "DETENTION": "detention",
    "TOWN": "town",
    "STRONGHOLD": "stronghold",
    "HOSTAGE": "captive",
    "MEDIATION": "mediation",
    "PROPOSAL": "proposal",
    "INFORMATION": "information",
    "DISPUTE": "dispute",
    "FIGHT": "fighting",
    "PEOPLE": "people",
}
"""Phoenix synonym sets and the word sets of wordsets.tsv that extend them."""
SPEECH = frozenset(
    {"say", "state", "tell", "add", "note", "report", "announce", "comment", "explain", "assert", "quote", "mention"}
)
"""Verbs that report speech: their phrases are what is said, not an act (as in verbs.tsv)."""
LEFT_OUT = frozenset({"and", "or", "said"})
"""Words no phrase can hold: a coordination ("KILLED_AND") joins two verbs, and a speech
verb before the verb ("SAID VIOLENCE *") is not in its clause."""
CORRECTIONS = {
    ("sue", None): "115",
    ("resign", None): "0831",
    ("surrender", None): "0874",
    ("indict", None): "112",
}
"""(verb, Phoenix code or None for any) -> the code the CAMEO codebook gives the act."""


def comment_verbs(path: Path) -> dict[int, set[str]]:
    """For each pattern line, the verbs of its block its comment names, or else the block's first verb."""
    named: dict[int, set[str]] = {}
    block: list[str] = []
    for number, line in enumerate(read_dictionary(path).splitlines(), 1):
        stripped = line.strip()
        if VERB_BLOCK.match(stripped):
            block = []
        elif stripped and stripped[0].isalpha():
            block.append(re.split(r"[\s_{\[#]", stripped)[0].lower())
        elif stripped.startswith("-") and block:
            words = {w.lower() for w in re.findall(r"[A-Z]+", stripped.split("#", 1)[1])} if "#" in stripped else set()
            named[number] = (words & set(block)) or {block[0]}
    return named


class Lemmas:
    """Lemmas from the spaCy model's own tables: an exception ("bases": base, "saw": see), a
    word that is already a lemma ("crisis"), or the first suffix rule whose result is one
    ("exercises": exercise)."""

    def __init__(self) -> None:
        self.tables = load_model().get_pipe("lemmatizer").lookups

    def lemma(self, word: str, pos: str = "noun") -> str:
        exceptions = self.tables.get_table("lemma_exc")[pos]
        index = self.tables.get_table("lemma_index")[pos]
        if word in exceptions:
            return str(exceptions[word][0])
        if word in index:
            return word
        forms = (word[: -len(old)] + new for old, new in self.tables.get_table("lemma_rules")[pos] if old and word.endswith(old))
        return next((f for f in forms if f in index), word)


def slots(words: Words, names: dict[frozenset[str], str], lemmas: Lemmas) -> str:
    """A phrase as phrases.tsv writes it: a word set by name, else its words' lemmas
    ("BOMBING/EXPLOSION" is two words that may stand there)."""
    out = []
    for slot in words:
        name = names.get(slot)
        if name in SETS:
            out.append(f"@{SETS[name]}")
        else:
            out.append("|".join(sorted({lemmas.lemma(w) for word in slot for w in word.split("/")})))
    return " ".join(out)


def rows(path: Path) -> list[tuple[str, ...]]:
    """The phrase rows of a verb dictionary, in the columns of phrases.tsv, sorted by root and verb."""
    codebook = load_codebook()
    rules, _ = read_verb_dictionary(path)
    named = comment_verbs(path)
    synsets = synonym_sets(strip_comments(read_dictionary(path)))
    names = {members: name.lstrip("&") for name, members in synsets.items()}
    lemmas = Lemmas()
    out: dict[tuple[str, ...], None] = {}
    for rule in rules:
        verb = lemmas.lemma(rule.verb, "verb")
        words = {w for slot in (*rule.before, *rule.after) for w in slot}
        if not (rule.before or rule.after) or verb in SPEECH or words & LEFT_OUT or not keep(rule, named):
            continue
        code = CORRECTIONS.get((verb, rule.code), CORRECTIONS.get((verb, None), rule.code))
        if code not in codebook or (rule.reverse and rule.reverse not in codebook):
            continue
        before, after = slots(rule.before, names, lemmas), slots(rule.after, names, lemmas)
        out[(code, verb, before, after, "phoenix", rule.reverse or "", "plural" if rule.mutual else "")] = None
    return sorted(out, key=lambda r: (r[0][:2], r[1], r[0], r[3]))


def keep(rule: VerbRule, named: dict[int, set[str]]) -> bool:
    """Whether a rule is for the verb its pattern was written for (a verb line is its own)."""
    number = int(rule.source.rsplit(":", 1)[1])
    return rule.verb in named.get(number, {rule.verb})


def main() -> None:
    for row in rows(Path(sys.argv[1])):
        print("\t".join(row).rstrip("\t"))


if __name__ == "__main__":
    main()
