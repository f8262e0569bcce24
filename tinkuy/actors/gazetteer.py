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

import datetime as dt
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import spacy

from ..datafiles import data_path, read_table, split_list
from ..errors import DataError

Kind = Literal["country", "capital", "demonym", "region", "organisation", "person"]
Key = tuple[str, ...]

_tokenizer = spacy.blank("en").tokenizer


def normalise(text: str) -> str:
    """A token's text for lookup: no diacritics, straight apostrophes."""
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

    def code_on(self, day: dt.date | None) -> tuple[str, str] | None:
        """The code on a day and the dictionary entry behind it, or None."""
        if self.person is None:
            return (self.code, self.entry) if self.code else None
        role = self.person.role_on(day)
        if role is None:
            return None
        period = f"{role.start or '…'}/{role.end or '…'}"
        return role.code, f"{self.entry} [{role.code} {period}: {role.role}]"


@dataclass(frozen=True, slots=True)
class AgentWord:
    phrase: str
    sector: str
    entry: str


@dataclass(frozen=True)
class Gazetteer:
    """All names and role words, indexed for longest-match lookup."""

    names: dict[Key, tuple[Referent, ...]]
    agents: dict[Key, AgentWord]
    surnames: dict[str, tuple[Referent, ...]]
    sizes: dict[str, int] = field(default_factory=dict)

    @property
    def longest_name(self) -> int:
        return max(map(len, self.names), default=1)

    @property
    def longest_agent(self) -> int:
        return max(map(len, self.agents), default=1)


def _date(text: str, where: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        raise DataError(f"{where}: {text!r} is not an ISO date") from None


class GazetteerBuilder:
    """Collects entries from tables, then freezes them into a ``Gazetteer``."""

    def __init__(self) -> None:
        self.names: dict[Key, list[Referent]] = defaultdict(list)
        self.agents: dict[Key, AgentWord] = {}
        self.people: dict[str, list[tuple[str, dict[str, str]]]] = defaultdict(list)
        self.sizes: dict[str, int] = {}

    def add_name(self, text: str, referent: Referent) -> None:
        key = name_key(text)
        if key and referent not in self.names[key]:
            self.names[key].append(referent)

    def add_countries(self, path: Path) -> None:
        rows = list(read_table(path, ("code", "iso3", "name", "aliases", "adjectives", "capitals")))
        for row in rows:
            entry = f"{path.name}:{row['code']}"
            country = Referent("country", row["name"], entry, code=row["code"])
            for name in [row["name"], *split_list(row["aliases"])]:
                self.add_name(name, country)
            for adjective in split_list(row["adjectives"]):
                self.add_name(adjective, Referent("demonym", row["name"], entry, code=row["code"]))
            for capital in split_list(row["capitals"]):
                self.add_name(capital, Referent("capital", capital, f"{entry} (capital)", code=row["code"] + "GOV"))
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
        referent = Referent("person", name, where, person=Person(name, roles, where))
        aliases = {alias for _, r in rows for alias in split_list(r["aliases"])}
        for text in [name, *sorted(aliases)]:
            self.add_name(text, referent)

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
            sizes=dict(self.sizes),
        )


def load_gazetteer(extra_people: Iterable[Path] = ()) -> Gazetteer:
    """The bundled gazetteer: countries, regions, organisations, agents and people."""
    builder = GazetteerBuilder()
    actors = data_path("actors")
    builder.add_countries(actors / "countries.tsv")
    builder.add_regions(actors / "regions.tsv")
    builder.add_organisations(actors / "organisations.tsv")
    builder.add_agents(actors / "agents.tsv")
    for path in [*sorted((actors / "people").glob("*.tsv")), *extra_people]:
        builder.add_people(path)
    return builder.build()
