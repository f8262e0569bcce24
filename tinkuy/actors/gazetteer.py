"""The gazetteer: every name and role word tinkuy knows, read from data files.

Names (countries, capitals, demonyms, regions, organisations, people) are
matched case-sensitively as token sequences; role words ("police",
"foreign minister") as lowercase lemma sequences. Both are tokenised here
with spaCy's English tokenizer, the same rules the parser uses, so "U.S." or
"Ecuador's" split the same way in a name and in a sentence.

People carry ``DatedRole``s: the code a person has depends on the date of the
event (Lenín Moreno is ECUGOV from 2017-05-24 to 2021-05-24, and not before).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import spacy

from ..datafiles import data_path, language_path, read_table, split_list
from ..dictionaries.actors import ActorEntry, read_actor_dictionary
from ..dictionaries.agents import read_agent_dictionary
from ..errors import DataError

Kind = Literal["country", "capital", "demonym", "region", "organisation", "person", "dictionary", "unknown"]
Key = tuple[str, ...]
STEM_SUFFIX = 3
"""A dictionary stem matches a word at most this many letters longer ("ARGENTIN": "Argentinian"),
so that a short stem does not swallow other names ("KU" is not "Kuwait")."""
MIN_STEM = 3

_tokenizer = spacy.blank("en").tokenizer


def normalise(text: str) -> str:
    """A token's text for lookup: no diacritics, straight apostrophes."""
    if text.isascii():
        return text
    text = text.replace("’", "'").replace("‘", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_key(name: str) -> Key:
    return tuple(normalise(t.text) for t in _tokenizer(name))


@dataclass(frozen=True, slots=True)
class DatedRole:
    """A code a person holds from ``start`` (inclusive) to ``end`` (exclusive).

    A role with neither date is the person's default, used when no dated
    role covers the day.
    """

    code: str
    start: dt.date | None
    end: dt.date | None
    role: str

    def holds_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    @property
    def is_default(self) -> bool:
        return self.start is None and self.end is None


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    roles: tuple[DatedRole, ...]
    entry: str
    home: str | None = None
    """The country every one of the person's roles belongs to, if they all belong to one:
    the code left when no role covers the day (Ronald Reagan is USA, whatever the date)."""

    def role_on(self, day: dt.date | None) -> DatedRole | None:
        """The role on a day: a dated role covering it, else the default role.

        Without a date, only the default role can be trusted.
        """
        if day is not None:
            dated = [r for r in self.roles if not r.is_default and r.holds_on(day)]
            if dated:
                return max(dated, key=lambda r: r.start or dt.date.min)
        return next((r for r in self.roles if r.is_default), None)


@dataclass(frozen=True, slots=True)
class Referent:
    """What a name denotes: a fixed code, or a person whose code depends on the date."""

    kind: Kind
    name: str
    entry: str
    code: str | None = None
    person: Person | None = None
    regions: frozenset[str] = frozenset()
    """For a country, the CAMEO regions it is in."""

    @property
    def members(self) -> tuple[Referent, ...]:
        """The actors a group stands for, each acting: a PETRARCH code ``A/B/C`` (one
        name for several actors); just this referent otherwise."""
        if self.code is None or "/" not in self.code:
            return (self,)
        return tuple(dataclasses.replace(self, code=code) for code in self.code.split("/") if code)

    def code_on(self, day: dt.date | None) -> tuple[str, str] | None:
        """The code on a day and the dictionary entry behind it, or None."""
        if self.person is None:
            return (self.code, self.entry) if self.code else None
        role = self.person.role_on(day)
        if role is None:
            home = self.person.home
            return (home, f"{self.entry} [{home}: the country of all their roles; none covers the day]") if home else None
        period = f"{role.start or '…'}/{role.end or '…'}"
        return role.code, f"{self.entry} [{role.code} {period}: {role.role}]"


@dataclass(frozen=True, slots=True)
class AgentWord:
    phrase: str
    sector: str
    entry: str
    before: bool = False
    """The code goes before the owner's (PETRARCH ``CODE~``), not after it."""


Match = tuple[int, int, "tuple[Referent, ...]"]


@dataclass(frozen=True)
class Gazetteer:
    """All names and role words, indexed for longest-match lookup.

    ``names`` match case-sensitively; ``folded`` and ``stems`` hold names read
    from PETRARCH dictionaries, which are written in capitals and match in any
    case, ``stems`` with a last word that is a prefix ("ARGENTIN").
    """

    names: dict[Key, tuple[Referent, ...]]
    agents: dict[Key, AgentWord]
    surnames: dict[str, tuple[Referent, ...]]
    folded: dict[Key, tuple[Referent, ...]] = field(default_factory=dict)
    stems: dict[Key, dict[str, tuple[Referent, ...]]] = field(default_factory=dict)
    descriptions: dict[str, str] = field(default_factory=dict)
    """A noun of a definite description ("the bloc") -> what it refers to (``descriptions.tsv``)."""
    country_words: dict[str, frozenset[str]] = field(default_factory=dict)
    """A lowercase word of a country's names ("kingdom") -> the codes of the countries it names."""
    sizes: dict[str, int] = field(default_factory=dict)
    longest_name: int = field(init=False)
    name_starts: dict[str, int] = field(init=False)
    agent_starts: dict[str, int] = field(init=False)
    """First word of a name -> the most words a name starting with it has."""

    def __post_init__(self) -> None:  # derived indexes of a frozen record
        longest = max(map(len, [*self.folded, *(k + ("",) for k in self.stems)]), default=0)
        starts = _starts(self.names)
        object.__setattr__(self, "longest_name", longest)
        object.__setattr__(self, "name_starts", starts)
        object.__setattr__(self, "agent_starts", _starts(self.agents))

    def match_names(self, words: list[str], lemmas: list[str], plural: list[bool]) -> list[Match]:
        """Longest non-overlapping names over normalised token texts, left to right.

        A plural last word also matches by its lemma or without its "s"
        ("Americans", "Albanians": the tagger leaves plural proper nouns unlemmatised).
        """
        folded_words = [w.lower() for w in words] if self.folded or self.stems else []
        found: list[Match] = []
        i = 0
        while i < len(words):
            firsts = (words[i], lemmas[i], words[i][:-1]) if plural[i] else (words[i],)
            reach = max(max(self.name_starts.get(first, 0) for first in firsts), self.longest_name)
            referents = None
            for j in range(min(len(words), i + reach), i, -1):
                referents = self._name_at(words, lemmas, plural, folded_words, i, j)
                if referents:
                    found.append((i, j, referents))
                    break
            i = j if referents else i + 1
        return found

    def _name_at(
        self, words: list[str], lemmas: list[str], plural: list[bool], folded: list[str], i: int, j: int
    ) -> tuple[Referent, ...] | None:
        exact = tuple(words[i:j])
        last = words[j - 1]
        singulars = (lemmas[j - 1], last[:-1]) if plural[j - 1] and last.endswith("s") else ()
        for key in (exact, *(exact[:-1] + (singular,) for singular in singulars)):
            if key[0] in self.name_starts and key in self.names:
                return self.names[key]
        if not folded:
            return None
        key = tuple(folded[i:j])
        if key in self.folded:
            return self.folded[key]
        by_stem = self.stems.get(key[:-1])
        if by_stem:
            last = key[-1]
            for end in range(len(last), max(len(last) - STEM_SUFFIX, MIN_STEM) - 1, -1):
                if last[:end] in by_stem:
                    return by_stem[last[:end]]
        return None

    def match_agents(self, lower: list[str], lemmas: list[str], ends: list[bool]) -> list[tuple[int, int, AgentWord]]:
        """Longest non-overlapping role words over lowercase texts, the last word also by its
        lemma, ending only where ``ends`` allows ("police forced" is not "police force")."""
        found: list[tuple[int, int, AgentWord]] = []
        i = 0
        while i < len(lower):
            agent = None
            reach = max(self.agent_starts.get(lower[i], 0), self.agent_starts.get(lemmas[i], 0))
            for j in range(min(len(lower), i + reach), i, -1):
                if not ends[j - 1]:
                    continue
                key = tuple(lower[i:j])
                agent = self.agents.get(key) or self.agents.get(key[:-1] + (lemmas[j - 1],))
                if agent is not None:
                    found.append((i, j, agent))
                    break
            i = j if agent else i + 1
        return found


def _starts(table: Mapping[Key, object]) -> dict[str, int]:
    """First word of each key -> the most words a key starting with it has."""
    starts: dict[str, int] = {}
    for key in table:
        starts[key[0]] = max(starts.get(key[0], 0), len(key))
    return starts


def _date(text: str, where: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        raise DataError(f"{where}: {text!r} is not an ISO date") from None


class GazetteerBuilder:
    """Collects entries from tables, then freezes them into a ``Gazetteer``."""

    def __init__(self) -> None:
        self.names: dict[Key, list[Referent]] = defaultdict(list)
        self.folded: dict[Key, list[Referent]] = defaultdict(list)
        self.stems: dict[Key, dict[str, list[Referent]]] = defaultdict(lambda: defaultdict(list))
        self.agents: dict[Key, AgentWord] = {}
        self.people: dict[str, list[tuple[str, dict[str, str]]]] = defaultdict(list)
        self.countries: set[str] = set()
        self.descriptions: dict[str, str] = {}
        self.country_words: dict[str, set[str]] = defaultdict(set)
        self.sizes: dict[str, int] = {}

    def add_name(self, text: str, referent: Referent) -> None:
        key = name_key(text)
        if key and referent not in self.names[key]:
            self.names[key].append(referent)

    def add_countries(self, path: Path) -> None:
        rows = list(read_table(path, ("code", "iso3", "name", "aliases", "adjectives", "capitals")))
        for row in rows:
            entry = f"{path.name}:{row['code']}"
            regions = frozenset(split_list(row.get("regions", "")))
            country = Referent("country", row["name"], entry, code=row["code"], regions=regions)
            self.countries.add(row["code"])
            for name in [row["name"], *split_list(row["aliases"])]:
                self.add_name(name, country)
                for word in name.lower().split():
                    self.country_words[word].add(row["code"])
            for adjective in split_list(row["adjectives"]):
                self.add_name(adjective, Referent("demonym", row["name"], entry, code=row["code"], regions=regions))
            for capital in split_list(row["capitals"]):
                self.add_name(
                    capital, Referent("capital", capital, f"{entry} (capital)", code=row["code"] + "GOV", regions=regions)
                )
        self.sizes[path.name] = len(rows)

    def add_descriptions(self, path: Path) -> None:
        rows = list(read_table(path, ("phrase", "refers")))
        for row in rows:
            if row["refers"] not in ("organisation", "country", "other"):
                raise DataError(f"{path.name}: {row['phrase']!r} refers to {row['refers']!r}, not organisation, country or other")
            self.descriptions[row["phrase"]] = row["refers"]
        self.sizes[path.name] = len(rows)

    def add_regions(self, path: Path) -> None:
        rows = list(read_table(path, ("code", "name", "aliases", "adjectives")))
        for row in rows:
            region = Referent("region", row["name"], f"{path.name}:{row['code']}", code=row["code"])
            for name in [row["name"], *split_list(row["aliases"]), *split_list(row["adjectives"])]:
                self.add_name(name, region)
        self.sizes[path.name] = len(rows)

    def add_organisations(self, path: Path) -> None:
        rows = list(read_table(path, ("code", "name", "aliases")))
        for row in rows:
            organisation = Referent("organisation", row["name"], f"{path.name}:{row['name']}", code=row["code"])
            for name in [row["name"], *split_list(row["aliases"])]:
                self.add_name(name, organisation)
        self.sizes[path.name] = len(rows)

    def add_agents(self, path: Path) -> None:
        rows = list(read_table(path, ("phrase", "sector")))
        for row in rows:
            key = tuple(t.text.lower() for t in _tokenizer(row["phrase"]))
            self.agents.setdefault(key, AgentWord(row["phrase"], row["sector"], f"{path.name}:{row['phrase']}"))
        self.sizes[path.name] = len(rows)

    def add_people(self, path: Path) -> None:
        """Read a people table; a person may have rows in several tables (a president
        who later heads a UN agency), and they are merged by name in ``build``."""
        rows = list(read_table(path, ("name", "aliases", "code", "start", "end", "role")))
        for row in rows:
            self.people[row["name"]].append((path.name, row))
        self.sizes[f"people/{path.name}"] = len({row["name"] for row in rows})

    def _add_person(self, name: str, rows: list[tuple[str, dict[str, str]]]) -> None:
        files = "+".join(sorted({file for file, _ in rows}))
        where = f"people/{files}:{name}"
        roles = tuple(DatedRole(r["code"], _date(r["start"], where), _date(r["end"], where), r["role"]) for _, r in rows)
        homes = {r.code[:3] for r in roles}
        home = next(iter(homes)) if len(homes) == 1 and homes <= self.countries else None
        referent = Referent("person", name, where, person=Person(name, roles, where, home))
        aliases = {alias for _, r in rows for alias in split_list(r["aliases"])}
        for text in [name, *sorted(aliases)]:
            self.add_name(text, referent)

    def add_petrarch_actors(self, path: Path) -> None:
        """Names and dated codes from a PETRARCH actor dictionary (matched in any case)."""
        entries = read_actor_dictionary(path)
        for entry in entries:
            referent = self._dictionary_referent(path, entry)
            for name in entry.names:
                words = tuple(normalise(w).lower() for w in name.words)
                table = self.stems[words[:-1]][words[-1]] if name.stem else self.folded[words]
                if referent not in table:
                    table.append(referent)
        self.sizes[path.name] = len(entries)

    @staticmethod
    def _dictionary_referent(path: Path, entry: ActorEntry) -> Referent:
        name = " ".join(entry.primary.words)
        where = f"{path.name}:{name}"
        codes = entry.codes
        if len(codes) == 1 and codes[0].start is None and codes[0].end is None:
            return Referent("dictionary", name, where, code=codes[0].code)
        roles = tuple(DatedRole(c.code, c.start, c.end, "dictionary code") for c in codes)
        return Referent("dictionary", name, where, person=Person(name, roles, where))

    def add_petrarch_agents(self, path: Path) -> None:
        """Role words from a PETRARCH agent dictionary."""
        entries = read_agent_dictionary(path)
        for entry in entries:
            phrase = " ".join(entry.phrase)
            self.agents.setdefault(entry.phrase, AgentWord(phrase, entry.code, f"{path.name}:{phrase}", entry.before_actor))
        self.sizes[path.name] = len(entries)

    def build(self) -> Gazetteer:
        for name, rows in self.people.items():
            self._add_person(name, rows)
        surnames: dict[str, list[Referent]] = defaultdict(list)
        for key, referents in self.names.items():
            for referent in referents:
                if referent.kind == "person" and len(key) > 1 and referent not in surnames[key[-1]]:
                    surnames[key[-1]].append(referent)
        return Gazetteer(
            names={k: tuple(v) for k, v in self.names.items()},
            agents=dict(self.agents),
            surnames={k: tuple(v) for k, v in surnames.items()},
            folded={k: tuple(v) for k, v in self.folded.items()},
            stems={k: {stem: tuple(v) for stem, v in by_stem.items()} for k, by_stem in self.stems.items()},
            descriptions=dict(self.descriptions),
            country_words={k: frozenset(v) for k, v in self.country_words.items()},
            sizes=dict(self.sizes),
        )


def load_gazetteer(
    actor_dictionaries: Sequence[Path] = (), agent_dictionaries: Sequence[Path] = (), language: str = "en"
) -> Gazetteer:
    """The gazetteer: the bundled actors and role words, or those of the PETRARCH
    dictionaries given (actor dictionaries replace the bundled names, agent
    dictionaries the bundled role words). Another language than English adds
    its own names of countries to the English ones, and has role words of its
    own; organisations and people with their dated roles are shared."""
    builder = GazetteerBuilder()
    actors = data_path("actors")
    if actor_dictionaries:
        for path in actor_dictionaries:
            builder.add_petrarch_actors(path)
    else:
        builder.add_countries(actors / "countries.tsv")
        if language != "en":
            builder.add_countries(language_path(language, "actors", "countries.tsv"))
        builder.add_regions(actors / "regions.tsv")
        builder.add_organisations(actors / "organisations.tsv")
        for path in sorted((actors / "people").glob("*.tsv")):
            builder.add_people(path)
    builder.add_descriptions(actors / "descriptions.tsv")
    if agent_dictionaries:
        for path in agent_dictionaries:
            builder.add_petrarch_agents(path)
    else:
        builder.add_agents(language_path(language, "actors", "agents.tsv"))
    return builder.build()
