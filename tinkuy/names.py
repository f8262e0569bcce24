"""Names for codes, and codes for names: what a person reads beside a code, and what they may type instead.

An actor code is read part by part, each part three letters: its head (a
country from ``countries.tsv``, a region from ``regions.tsv``, an organisation
of ``organisations.tsv`` with a type rather than a country at its head, ``---``
for a country the text does not give) and then its roles (``sectors.tsv``):
``ECUGOV`` is "Ecuador: government", ``---MIL`` "unknown country: military",
``IGOUNOJUDICJ`` "International Court of Justice". A country-headed code is
named by its parts, never by one institution that shares it (``USASPY`` is the
CIA or the NSA: "United States: intelligence"), unless a part has no name of
its own (``PSEREBHMS``: Hamas).

``names_of`` gives the names of many codes at once, event codes too (the
codebook's name, PLOVER type, Goldstein score and QuadClass).

``Vocabulary.find`` goes the other way, for the actor inputs of the app: the
countries, regions, organisations and people (with their dated roles) whose
name or alias begins a word with what was typed, accents and case aside.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .coding.codebook import load_codebook
from .datafiles import data_path, read_table, split_list

UNKNOWN_COUNTRY = "---"
_PART = 3
_KIND_RANK = {"country": 0, "organisation": 1, "region": 2, "person": 3}
"""Which kinds of names come first among matches as good as each other."""


@dataclass(frozen=True, slots=True)
class Known:
    """Something an actor code stands for: a country, region, organisation, or a person in one of their roles."""

    code: str
    name: str
    kind: str
    note: str = ""


def fold(text: str) -> str:
    """Text as it is compared when searching: lower case, no accents, single spaces."""
    if text.isascii():
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@dataclass(frozen=True)
class Vocabulary:
    """The names of actor codes' parts, and every name that stands for a code."""

    countries: Mapping[str, str]
    regions: Mapping[str, str]
    organisations: Mapping[str, str]
    sectors: Mapping[str, str]
    folder: Path
    """The actor tables, whose names (people's too) ``find`` reads the first time it is asked."""

    def actor_name(self, code: str) -> str:
        """The name of an actor code, read part by part (see the module docstring)."""
        head, rest = self._head(code)
        parts = [rest[i : i + _PART] for i in range(0, len(rest), _PART)]
        roles = [self.sectors.get(p) or self.regions.get(p) or self.countries.get(p) for p in parts]
        if None in roles and code in self.organisations:
            return self.organisations[code]
        named = [role or part for role, part in zip(roles, parts, strict=True)]
        return f"{head}: {', '.join(named)}" if named else head

    def _head(self, code: str) -> tuple[str, str]:
        """The name of the longest known head of a code, and the rest of the code."""
        if code.startswith(UNKNOWN_COUNTRY):
            return "unknown country", code[_PART:]
        for end in range(len(code) - len(code) % _PART, 0, -_PART):
            head = code[:end]
            if head[:_PART] not in self.countries and head in self.organisations:
                return self.organisations[head], code[end:]
            name = self.countries.get(head) or self.regions.get(head) or (self.sectors.get(head) if end == _PART else None)
            if name:
                return name, code[end:]
        return code[:_PART], code[_PART:]

    def find(self, query: str, limit: int = 20) -> list[Known]:
        """What the names beginning a word with ``query`` stand for, best matches first, each code once per kind."""
        wanted = fold(query)
        if not wanted:
            return []
        found: dict[tuple[str, str, str], tuple[tuple[int, ...], Known]] = {}
        for name, known in _entries(self.folder):
            at = name.find(wanted)
            if at < 0 or (at > 0 and name[at - 1] != " "):
                continue
            rank = (0 if name == wanted else 1 if at == 0 else 2, _KIND_RANK[known.kind], len(name))
            key = (known.code, known.kind, known.name)
            if key not in found or rank < found[key][0]:
                found[key] = (rank, known)
        ranked = sorted(found.values(), key=lambda item: (item[0], item[1].name, item[1].code))
        return [known for _, known in ranked[:limit]]


def _names(path: Path, columns: tuple[str, ...] = ("code", "name")) -> dict[str, str]:
    """Code -> the first name a table gives it."""
    named: dict[str, str] = {}
    for row in read_table(path, columns):
        named.setdefault(row["code"], row["name"])
    return named


@cache
def _entries(actors: Path) -> tuple[tuple[str, Known], ...]:
    """(folded name, what it names) of every country, region, organisation and person, for ``find``."""
    entries: list[tuple[str, Known]] = []
    for kind, file, extra in (
        ("country", "countries.tsv", ("aliases", "adjectives")),
        ("region", "regions.tsv", ("aliases", "adjectives")),
        ("organisation", "organisations.tsv", ("aliases",)),
    ):
        for row in read_table(actors / file, ("code", "name", *extra)):
            known = Known(row["code"], row["name"], kind)
            entries += [(fold(n), known) for n in [row["name"], *(a for c in extra for a in split_list(row[c]))]]
    roles: dict[tuple[str, str], list[str]] = {}
    aliases: dict[str, set[str]] = {}
    for path in sorted((actors / "people").glob("*.tsv")):
        for row in read_table(path, ("name", "aliases", "code", "start", "end", "role")):
            dates = f" ({row['start'][:4] or '…'}–{row['end'][:4]})" if row["start"] or row["end"] else ""
            roles.setdefault((row["name"], row["code"]), []).append(f"{row['role']}{dates}")
            aliases.setdefault(row["name"], {row["name"]}).update(split_list(row["aliases"]))
    for (name, code), held in roles.items():
        known = Known(code, name, "person", "; ".join(held))
        entries += [(fold(n), known) for n in sorted(aliases[name])]
    return tuple(entries)


@cache
def load_vocabulary() -> Vocabulary:
    """The bundled vocabulary (read once per process)."""
    actors = data_path("actors")
    return Vocabulary(
        countries=_names(actors / "countries.tsv"),
        regions=_names(actors / "regions.tsv"),
        organisations=_names(actors / "organisations.tsv"),
        sectors=_names(actors / "sectors.tsv"),
        folder=actors,
    )


def names_of(actors: Iterable[str], cameo: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The names of actor codes, and the codebook entries of CAMEO codes (name, PLOVER type, Goldstein, QuadClass),
    as JSON-ready values; CAMEO codes the codebook lacks are left out."""
    vocabulary, codebook = load_vocabulary(), load_codebook()
    return {
        "actors": {code: vocabulary.actor_name(code) for code in sorted(set(actors))},
        "cameo": {
            code: {"name": info.name, "plover": info.plover, "goldstein": info.goldstein, "quad_class": info.quad_class}
            for code in sorted(set(cameo))
            if code in codebook
            for info in [codebook[code]]
        },
    }
