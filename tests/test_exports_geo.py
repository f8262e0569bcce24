"""Where events happened, in the exports: GDELT's ``action_geo_*`` columns, and GeoJSON of the located events.

The store is written from an article coded from a fixed parse, with the small gazetteer built
from ``tests/fixtures/places``; the rule that places a merged event is tested on stored mentions.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json

import pyarrow.parquet as pq
import pytest

from tinkuy import action_geo, api, exports
from tinkuy.cli import EXIT_OK, EXIT_USAGE, main
from tinkuy.coding.extract import Coder
from tinkuy.dedup import deduplicate
from tinkuy.model import Article, Location
from tinkuy.places import Places
from tinkuy.places.build import build
from tinkuy.store import Store

from .conftest import ROOT
from .parses import parse
from .test_dedup import coded_article, stored_event, write_store

GEO_COLUMNS = list(action_geo.COLUMNS)

ARTICLE = """
    1  Riot        _           PROPN NNP  2  compound
    2  police      _           NOUN  NNS  3  nsubj
    3  clashed     clash       VERB  VBD  0  ROOT
    4  with        _           ADP   IN   3  prep
    5  protesters  protester   NOUN  NNS  4  pobj
    6  in          _           ADP   IN   5  prep
    7  Guayaquil   _           PROPN NNP  6  pobj
    8  on          _           ADP   IN   3  prep
    9  Monday      _           PROPN NNP  8  pobj
    10 .           _           PUNCT .    3  punct

    1  Mexico      _           PROPN NNP  2  nsubj
    2  broke       break       VERB  VBD  0  ROOT
    3  off         _           ADP   RP   2  prt
    4  relations   relation    NOUN  NNS  2  dobj
    5  with        _           ADP   IN   4  prep
    6  Ecuador     _           PROPN NNP  5  pobj
    7  .           _           PUNCT .    2  punct
"""
GUAYAQUIL = {
    "action_geo_type": "place",
    "action_geo_fullname": "Guayaquil, Guayas, Ecuador",
    "action_geo_country_code": "EC",
    "action_geo_adm1_code": "EC.10",
    "action_geo_feature_id": 3657509,
}


@pytest.fixture(scope="module")
def db(knowledge, tmp_path_factory):
    """A store of one article: an event in Guayaquil, and one the text places nowhere."""
    folder = tmp_path_factory.mktemp("exports_geo")
    build(folder / "index.sqlite", 1000, ROOT / "tests" / "fixtures" / "places")
    coder = Coder(dataclasses.replace(knowledge, places=Places(index=folder / "index.sqlite")))
    doc = parse(ARTICLE)
    coded = coder.code(Article("g1", "g1", doc.text, published=dt.date(2024, 4, 8), outlet="Outlet G"), doc)
    path = folder / "geo.duckdb"
    with Store(path) as store:
        store.write([coded])
        deduplicate(store)
    return path


def exported(db, table: str, format: str) -> bytes:
    with Store(db, read_only=True) as store:
        sink = io.BytesIO()
        reader = exports.select(store.connection, table, exports.UNFILTERED, located=format in exports.LOCATED_FORMATS)
        exports.write(reader, format, sink)
    return sink.getvalue()


def rows(db, table: str, format: str) -> list[dict]:
    data = exported(db, table, format)
    if format == "parquet":
        return pq.read_table(io.BytesIO(data)).to_pylist()
    if format == "csv":
        return list(csv.DictReader(io.StringIO(data.decode())))
    return [json.loads(line) for line in data.decode().splitlines()]


@pytest.mark.parametrize("table", ["mentions", "merged"])
@pytest.mark.parametrize("format", ["jsonl", "csv", "parquet"])
def test_the_location_columns_carry_the_events_place(db, table, format):
    found = {row["cameo"]: row for row in rows(db, table, format)}
    clash, rupture = found["190"], found["161"]
    assert set(GEO_COLUMNS) <= set(clash)
    numbers = {column: float(clash[column]) for column in ("action_geo_lat", "action_geo_long")}
    assert numbers["action_geo_lat"] == pytest.approx(-2.19, abs=0.01)
    assert numbers["action_geo_long"] == pytest.approx(-79.89, abs=0.01)
    assert {column: clash[column] for column in GUAYAQUIL} == {
        column: str(value) if format == "csv" else value for column, value in GUAYAQUIL.items()
    }
    assert all(rupture[column] in (None, "") for column in GEO_COLUMNS)


def test_a_mentions_columns_are_its_location(db):
    (clash,) = [row for row in rows(db, "mentions", "jsonl") if row["location"]]
    location = clash["location"]
    assert (clash["action_geo_lat"], clash["action_geo_long"]) == (location["latitude"], location["longitude"])
    assert (clash["action_geo_feature_id"], clash["action_geo_adm1_code"]) == (location["geonames_id"], location["admin1"])


def test_geojson_holds_the_located_events_as_points_in_longitude_latitude_order(db):
    for table in ("mentions", "merged"):
        collection = json.loads(exported(db, table, "geojson"))
        assert collection["type"] == "FeatureCollection"
        (feature,) = collection["features"]
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        longitude, latitude = feature["geometry"]["coordinates"]
        assert -180 <= longitude <= 180 and -90 <= latitude <= 90
        assert (longitude, latitude) == pytest.approx((-79.89, -2.19), abs=0.01)
        properties = feature["properties"]
        assert properties["action_geo_fullname"] == "Guayaquil, Guayas, Ecuador" and properties["cameo"] == "190"
        assert (properties["action_geo_long"], properties["action_geo_lat"]) == (longitude, latitude)


def test_geojson_of_nothing_located_is_an_empty_collection(tmp_path):
    db = write_store(
        tmp_path / "unlocated.duckdb", [coded_article("a1", [stored_event("a1", 0, "USA", "ECU", "040", "2024-04-01")])]
    )
    assert json.loads(exported(db, "merged", "geojson")) == {"type": "FeatureCollection", "features": []}
    assert len(rows(db, "merged", "jsonl")) == 1


def test_export_command_writes_geojson_and_refuses_what_has_no_location(db, tmp_path, capsys):
    out = tmp_path / "events.geojson"
    assert main(["export", "--db", str(db), "--table", "merged", "--format", "geojson", "-o", str(out)]) == EXIT_OK
    assert len(json.loads(out.read_text(encoding="utf-8"))["features"]) == 1
    assert main(["export", "--db", str(db), "--format", "geojson"]) == EXIT_OK
    assert len(json.loads(capsys.readouterr().out)["features"]) == 1
    assert main(["export", "--db", str(db), "--table", "articles", "--format", "geojson"]) == EXIT_USAGE
    assert "only events have locations" in capsys.readouterr().err
    assert main(["export", "--db", str(db), "--format", "kml"]) == EXIT_USAGE
    assert api.export(db, "geojson", stream=io.StringIO()) == 1


def place(name: str, precision: str, admin1: str | None, geonames_id: int) -> Location:
    return Location(
        text=name,
        name=name,
        country_code="EC",
        admin1=admin1,
        latitude=-2.0,
        longitude=-79.0,
        geonames_id=geonames_id,
        precision=precision,  # type: ignore[arg-type]
        sentence_index=0,
        span=(0, len(name)),
        rule="clause: in " + name,
        resolution=name,
    )


ECUADOR = place("Ecuador", "country", None, 3658394)
GUAYAS = place("Guayas", "division", "EC.10", 3657505)
CITY = place("Guayaquil", "place", "EC.10", 3657509)
QUITO = place("Quito", "place", "EC.18", 3652462)


@pytest.mark.parametrize(
    ("lead", "other", "expected"),
    [
        (ECUADOR, CITY, CITY),  # the lead's country, made precise by another mention
        (GUAYAS, CITY, CITY),
        (QUITO, CITY, QUITO),  # another place is no refinement: the lead's stands
        (GUAYAS, QUITO, GUAYAS),
        (None, GUAYAS, GUAYAS),  # a lead placed nowhere takes what another mention states
        (None, None, None),
    ],
)
def test_a_merged_event_is_where_its_lead_places_it_or_more_precisely_inside_that(tmp_path, lead, other, expected):
    first = dataclasses.replace(stored_event("a1", 0, "USA", "ECU", "040", "2024-04-01"), location=lead)
    second = dataclasses.replace(stored_event("a2", 0, "USA", "ECU", "040", "2024-04-01", attribution="named"), location=other)
    db = write_store(tmp_path / "merged.duckdb", [coded_article("a1", [first]), coded_article("a2", [second])])
    (merged,) = rows(db, "merged", "jsonl")
    assert merged["lead_event_id"] == first.event_id
    assert merged["action_geo_feature_id"] == (expected.geonames_id if expected else None)
    chosen = {None: None, id(lead): first.event_id, id(other): second.event_id}
    assert merged["location_event_id"] == chosen[id(expected) if expected else None]
