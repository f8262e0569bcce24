"""Write tinkuy's Spanish knowledge tables from UniversalPetrarch's Spanish dictionaries and CLDR.

Run once, from the repository root, when the sources change::

    .venv/bin/python tools/spanish_knowledge.py ../shared/data/universalpetrarch_spanish

It writes, under ``tinkuy/data/es/``:

- ``coding/verbs.tsv`` and ``coding/phrases.tsv``: the verbs and verb patterns of
  ``verbpatterns_es_190128.txt`` that tinkuy's pattern tables can say (a verb and its
  default code; a preposition and its object, or a direct object, after it; other words
  around it as a phrase), read by ``tinkuy.dictionaries.verbs`` with Spanish function words;
- ``actors/agents.tsv``: the role words of ``agents_181220.txt`` with their sector;
- ``actors/countries.tsv``: every country of tinkuy's English table under its Spanish
  name from CLDR (through ``babel``), with the one-word demonyms (``ecuatoriano``,
  ``mexicanas``) that ``actors_unified_181220.txt`` codes as that country; capitals and
  regions are those of the English table.

UniversalPetrarch's dictionaries are MIT-licensed (Copyright (c) 2016 Open Event Data
Alliance); CLDR data is under the Unicode licence. Each table says so in its header.
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from babel import Locale
from babel.core import get_global

from tinkuy.coding.codebook import load_codebook
from tinkuy.datafiles import data_path, read_table
from tinkuy.dictionaries.agents import read_agent_dictionary
from tinkuy.dictionaries.verbs import Grammar, VerbRule, read_verb_dictionary

SPANISH = Grammar(
    prepositions=frozenset(
        [
            "a",
            "al",
            "ante",
            "bajo",
            "con",
            "contra",
            "de",
            "del",
            "desde",
            "durante",
            "en",
            "entre",
            "hacia",
            "hasta",
            "mediante",
            "para",
            "por",
            "según",
            "sin",
            "sobre",
            "tras",
        ]
    ),
    particles=frozenset(),
    auxiliaries={"ha": "haber", "han": "haber", "habia": "haber", "había": "haber", "fue": "ser", "es": "ser"},
)
"""The function words UniversalPetrarch's Spanish verb patterns use around their verbs."""
UP = "UniversalPetrarch (openeventdata/UniversalPetrarch, data/dictionaries/spanish, MIT licence, (c) 2016 Open Event Data Alliance)"
DEMONYM = re.compile(r"^[a-záéíóúñü]+(?:o|a|os|as|e|es|í|íes|ense|enses)$")
OUT = data_path("es")
PLACING = frozenset(["a", "al", "de", "del", "desde", "durante", "en", "hasta", "para", "por", "sobre"])
"""Prepositions of place, time, possession and cause: a pattern naming one of them alone says little."""
MAX_PHRASE_WORDS = 2
"""Patterns with more words around the verb are left out: there are 80,000 of them (the dictionary lists each
pattern under every verb of its block), they would triple the time the Spanish knowledge takes to load, and
a sequence of three or more words the dictionary writes in their inflected forms seldom matches a sentence."""
ROLES = Path(__file__).with_name("spanish_roles.tsv")
VERBS = Path(__file__).with_name("spanish_verbs.tsv")
OBJECTS = Path(__file__).with_name("spanish_objects.tsv")


def main(source: Path) -> None:
    rules, skipped = read_verb_dictionary(source / "verbpatterns_es_190128.txt", SPANISH)
    codebook = load_codebook()
    kept = [r for r in rules if r.code in codebook and (r.reverse is None or r.reverse in codebook)]
    speech = {row["cue"] for row in read_table(OUT / "coding" / "cues.tsv", ("cue", "kind")) if row["kind"] == "speech"}
    plain = [r for r in kept if not (r.before or r.after or r.auxiliaries or _anywhere(r)) and not _says(r, speech)]
    phrases = [r for r in kept if 0 < len(r.before) + len(r.after) <= MAX_PHRASE_WORDS and not r.auxiliaries]
    header = f"Converted by tools/spanish_knowledge.py from verbpatterns_es_190128.txt of {UP},"
    translated = _translated_verbs()
    write(
        OUT / "coding" / "verbs.tsv",
        [
            header,
            "after the default codes of tools/spanish_verbs.tsv (source tinkuy), which come first and so win ties;",
            f"{len(plain)} of {len(kept)} CAMEO rules; {skipped} patterns the reader cannot express left out, and",
            "the plain rows of the verbs of saying of cues.tsv (as in English, saying tells a source, not an event), and",
            "rows asking only for a phrase of a preposition of place, time or possession (PLACING), which any clause has.",
            "Columns as in the English verbs.tsv; objects are the dictionary's words, lowercased.",
        ],
        ("code", "verb", "particle", "object", "prep", "prep_object", "source", "reverse", "subject"),
        translated + sorted({_verb_row(r) for r in plain}),
    )
    write(
        OUT / "coding" / "phrases.tsv",
        [header, "Patterns with one or two words around the verb (MAX_PHRASE_WORDS), each a word or a synonym set's words."],
        ("code", "verb", "before", "after", "source", "reverse", "subject"),
        sorted({_phrase_row(r) for r in phrases}),
    )
    agents = _agents(source / "agents_181220.txt")
    write(
        OUT / "actors" / "agents.tsv",
        [
            f"Converted by tools/spanish_knowledge.py from agents_181220.txt of {UP}.",
            "First the common role words of tools/spanish_roles.tsv (note tinkuy), then the dictionary's phrases,",
            "lowercased (note up), each with the first three letters of the code its entries give most often.",
        ],
        ("phrase", "sector", "note"),
        agents,
    )
    countries = _countries(source / "actors_unified_181220.txt")
    write(
        OUT / "actors" / "countries.tsv",
        [
            "Spanish names of the countries of actors/countries.tsv, converted by tools/spanish_knowledge.py:",
            "name from CLDR (Unicode licence) through babel; adjectives = one-word demonyms coded as the country in",
            f"actors_unified_181220.txt of {UP}; capitals and regions as in the English table.",
        ],
        ("code", "iso3", "name", "aliases", "adjectives", "capitals", "regions"),
        countries,
    )


def _translated_verbs() -> list[tuple[str, ...]]:
    """The rows of ``tools/spanish_objects.tsv``, then a default row for each verb of ``tools/spanish_verbs.tsv``
    with its English verb's default code."""
    columns = ("code", "verb", "particle", "object", "prep", "prep_object")
    defaults = {
        row["verb"]: row["code"]
        for row in read_table(data_path("coding", "verbs.tsv"), columns)
        if not any(row[c] for c in columns[2:]) and not row.get("subject")
    }
    constrained = [
        (row["code"], row["verb"], "", row["object"], row["prep"], row["prep_object"], "tinkuy", "", "")
        for row in read_table(OBJECTS, ("code", "verb", "object", "prep", "prep_object"))
    ]
    translations = list(read_table(VERBS, ("es", "en")))
    missing = [row["en"] for row in translations if row["en"] not in defaults]
    if missing:
        raise SystemExit(f"spanish_verbs.tsv: no default code in the English verbs.tsv for {missing}")
    return constrained + [
        (defaults[row["en"]], row["es"], "", "", "", "", f"tinkuy: as English {row['en']}", "", "") for row in translations
    ]


def _anywhere(rule: VerbRule) -> bool:
    """A rule that asks only for a phrase of a preposition that places, times or owns ("en", "de", "a",
    "por"...), whatever its object: in tinkuy's tables such a phrase matches nearly any clause."""
    return bool(rule.preps) and rule.preps <= PLACING and not (rule.prep_objects or rule.objects or rule.particle)


def _says(rule: VerbRule, speech: set[str]) -> bool:
    """A verb of saying with no constraint: as in English, saying is how a source is told, not an event."""
    return rule.verb in speech and not (rule.objects or rule.preps or rule.prep_objects or rule.particle)


def _verb_row(rule: VerbRule) -> tuple[str, ...]:
    subject = "plural" if rule.mutual else ""
    return (
        rule.code,
        rule.verb,
        rule.particle,
        _list(rule.objects),
        _list(rule.preps),
        _list(rule.prep_objects),
        _source(rule),
        rule.reverse or "",
        subject,
    )


def _phrase_row(rule: VerbRule) -> tuple[str, ...]:
    before, after = (" ".join(_list(slot) for slot in words) for words in (rule.before, rule.after))
    return (rule.code, rule.verb, before, after, _source(rule), rule.reverse or "", "plural" if rule.mutual else "")


def _source(rule: VerbRule) -> str:
    return "up:" + rule.source.rsplit(":", 1)[-1]


def _list(words: Iterable[str]) -> str:
    return "|".join(sorted(w for w in words if "\t" not in w and "|" not in w and "@" not in w))


def _agents(path: Path) -> list[tuple[str, str, str]]:
    """The role words of ``tools/spanish_roles.tsv``, then UniversalPetrarch's, each phrase with the
    sector its entries give most often."""
    roles = [(r["phrase"], r["sector"], r["note"]) for r in read_table(ROLES, ("phrase", "sector", "note"))]
    sectors: dict[str, Counter[str]] = defaultdict(Counter)
    for entry in read_agent_dictionary(path):
        phrase = " ".join(entry.phrase).replace("_", " ").strip()
        if phrase and entry.code[:3].isalpha():
            sectors[phrase][entry.code[:3]] += 1
    own = {phrase for phrase, _, _ in roles}
    converted = [(p, c.most_common(1)[0][0], "up") for p, c in sorted(sectors.items()) if p not in own]
    return roles + converted


def _countries(path: Path) -> list[tuple[str, ...]]:
    names = Locale("es").territories
    alpha2 = {alias: codes[0] for alias, codes in get_global("territory_aliases").items() if len(alias) == 3 and len(codes) == 1}
    demonyms = _demonyms(path)
    rows = []
    for row in read_table(data_path("actors", "countries.tsv"), ("code", "iso3", "name", "capitals")):
        name = names.get(alpha2.get(row["iso3"], ""))
        if not name:
            continue
        adjectives = sorted(w for w in demonyms.get(row["code"], ()) if _fold(w) != _fold(name))
        rows.append((row["code"], row["iso3"], name, "", "|".join(adjectives), row["capitals"], row.get("regions", "")))
    return rows


def _fold(word: str) -> str:
    return unicodedata.normalize("NFKD", word.lower()).encode("ascii", "ignore").decode()


def _demonyms(path: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        match = re.match(r"^([A-ZÁÉÍÓÚÑÜ]+)_?\s+\[([A-Z]{3})\]", line)
        if match and DEMONYM.match(match[1].lower()):
            found[match[2]].add(match[1].lower())
    return found


def write(path: Path, notes: Sequence[str], columns: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.writelines(f"# {note}\n" for note in notes)
        writer = csv.writer(stream, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\", lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
