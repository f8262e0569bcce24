"""The web app: its JSON API answers, validates and pages; its pages and files stay inside the package."""

from __future__ import annotations

import io
import json
import logging
import re
import warnings

import duckdb
import pyarrow.parquet as pq
import pytest
import uvicorn
from starlette.exceptions import StarletteDeprecationWarning

from tinkuy import api
from tinkuy.errors import StoreError
from tinkuy.web import pages
from tinkuy.web.app import create_app
from tinkuy.web.params import MAX_PAGE

from .test_analysis import build_far_apart_store, build_sample_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)  # the test client warns about its own use of httpx
    from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_sample_store(tmp_path_factory.mktemp("web") / "sample.duckdb")


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db), base_url="http://localhost") as client:
        yield client


def get(client, path, **params):
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_overview(client):
    overview = get(client, "/api/overview")
    assert (overview["articles"], overview["mentions"], overview["events"]) == (3, 7, 6)
    assert [o["value"] for o in overview["outlets"]] == ["Outlet X", "Outlet Y"]


def test_series_of_the_top_dyads_or_of_the_dyad_asked_for(client):
    top = get(client, "/api/series")
    assert [s["dyad"] for s in top] == [["ECU", "USA"], ["ECU", "MEX"]]
    [one] = get(client, "/api/series", dyad="USA:ECU")
    assert [(p["period"], p["events"], p["net_cooperation"]) for p in one["points"]] == [
        ("2021-10-01", 3, 1),
        ("2021-11-01", 0, 0),
        ("2021-12-01", 1, -1),
    ]
    [yearly] = get(client, "/api/series", dyad="USA:ECU", by="year", unit="mention")
    assert [(p["period"], p["events"]) for p in yearly["points"]] == [("2021-01-01", 5)]


def test_an_empty_date_range_gives_empty_answers(client):
    backwards = {"start": "2022-01-01", "end": "2021-01-01"}
    assert get(client, "/api/series", **backwards) == []
    assert get(client, "/api/series", dyad="USA:ECU", **backwards)[0]["points"] == []
    assert get(client, "/api/network", **backwards) == {"level": "country", "unit": "event", "nodes": [], "edges": []}
    assert get(client, "/api/timeline", **backwards) == []


def test_network_and_dyads(client):
    network = get(client, "/api/network", top=2)
    assert [n["actor"] for n in network["nodes"]] == ["ECU", "USA"]
    assert network["edges"][0] | {"a_to_b_goldstein": None, "b_to_a_goldstein": None} == {
        "a": "ECU",
        "b": "USA",
        "a_to_b": 1,
        "b_to_a": 3,
        "a_to_b_goldstein": None,
        "b_to_a_goldstein": None,
    }
    assert len(get(client, "/api/network", level="sector")["edges"]) == 3
    assert [(d["a"], d["b"]) for d in get(client, "/api/dyads", top=1)] == [("ECU", "USA")]


def test_timeline(client):
    [timeline] = get(client, "/api/timeline", dyad="USA:ECU", limit=3)
    assert timeline["dyad"] == ["USA", "ECU"]
    assert [(e["date"], e["cameo"]) for e in timeline["events"]] == [
        ("2021-10-19", "040"),
        ("2021-10-20", "051"),
        ("2021-12-03", "190"),
    ]


@pytest.mark.parametrize(
    ("params", "total"),
    [
        ({}, 5),
        ({"modality": "any"}, 6),
        ({"outlet": "Outlet Y"}, 2),
        ({"outlet": "Outlet Y' OR '1'='1"}, 0),
        ({"hedged": "true"}, 1),
        ({"actor": "MEX"}, 1),
        ({"dyad": "ECU:USA", "quad_class": 3}, 1),
        ({"start": "2021-10-21", "end": "2021-11-30"}, 2),
        ({"start": "2022-01-01", "end": "2021-01-01"}, 0),
        ({"corroboration": "several_outlets"}, 1),
        ({"attribution": "named"}, 1),
        ({"cameo": "19"}, 1),
    ],
)
def test_events_filtered(client, params, total):
    page = get(client, "/api/events", **params)
    assert page["total"] == total and len(page["events"]) == total


def test_events_are_paged(client):
    first = get(client, "/api/events", modality="any", limit=4)
    second = get(client, "/api/events", modality="any", limit=4, offset=4)
    assert (first["total"], len(first["events"]), len(second["events"])) == (6, 4, 2)
    assert not {e["merged_id"] for e in first["events"]} & {e["merged_id"] for e in second["events"]}


def test_event_detail(client):
    [consult] = get(client, "/api/events", cameo="040")["events"]
    detail = get(client, f"/api/events/{consult['merged_id']}")
    assert detail["event"]["n_mentions"] == 2
    mention = detail["mentions"][0]
    assert mention["sentence"][slice(*mention["source_span"])] == "USA"
    assert mention["rule"] == "test rule -> 040"
    assert client.get("/api/events/" + "0" * 20).status_code == 404


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/events", {"limit": 0}),
        ("/api/events", {"limit": MAX_PAGE + 1}),
        ("/api/events", {"offset": -1}),
        ("/api/events", {"quad_class": 5}),
        ("/api/events", {"actor": "usa"}),
        ("/api/events", {"actor": "USA;DROP TABLE events"}),
        ("/api/events", {"dyad": "USA"}),
        ("/api/events", {"cameo": "abc"}),
        ("/api/events", {"start": "2021-13-01"}),
        ("/api/events", {"start": "0"}),
        ("/api/events", {"end": "1700000000"}),
        ("/api/events", {"hedged": "perhaps"}),
        ("/api/events", {"modality": "maybe"}),
        ("/api/events", {"corroboration": "rumour"}),
        ("/api/events", {"outlet": "x" * 201}),
        ("/api/events", {"unknown": "1"}),
        ("/api/events", {"text": "a"}),
        ("/api/events", {"text": "a b -"}),
        ("/api/series", {"text": "the of"}),
        ("/api/series", {"by": "fortnight"}),
        ("/api/series", {"top": 11}),
        ("/api/network", {"unit": "article"}),
        ("/api/network", {"level": "city"}),
        ("/api/timeline", {"limit": 1000}),
        ("/api/series", {"by": "day", "start": "0001-01-01", "end": "9999-12-31"}),
        ("/api/series", {"by": "day", "start": "0342-02-24", "end": "8000-02-10"}),
        ("/api/series", {"by": "week", "dyad": "USA:ECU", "start": "1900-01-01", "end": "2030-01-01"}),
        ("/api/events/not-an-id", {}),
    ],
)
def test_bad_parameters_are_refused_with_422(client, path, params):
    response = client.get(path, params=params)
    assert response.status_code == 422, response.text


def test_a_series_too_long_for_the_dates_of_its_events_is_a_422(tmp_path):
    with TestClient(create_app(build_far_apart_store(tmp_path / "far.duckdb")), base_url="http://localhost") as client:
        response = client.get("/api/series", params={"by": "day"})
        assert response.status_code == 422
        assert "47,847 periods" in response.json()["detail"][0]["msg"]
        assert len(get(client, "/api/series", by="month")[0]["points"]) == 131 * 12


def test_openapi_document_describes_the_api(client):
    document = get(client, "/openapi.json")
    assert {
        "/api/overview",
        "/api/series",
        "/api/network",
        "/api/dyads",
        "/api/timeline",
        "/api/events",
        "/api/events/{merged_id}",
        "/api/export",
        "/api/names",
        "/api/actors",
        "/api/feeds",
        "/api/places",
    } == set(document["paths"])
    parameters = {p["name"]: p for p in document["paths"]["/api/events"]["get"]["parameters"]}
    assert parameters["limit"]["schema"]["maximum"] == MAX_PAGE
    assert parameters["dyad"]["description"].startswith("two actor code prefixes")
    assert {"country", "bbox", "place"} <= set(parameters)


def test_pages_load_nothing_from_other_hosts(client):
    for path in ("/", "/docs", "/events/" + "0" * 20):
        response = client.get(path)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
        assert not re.search(r"(src|href)=\"(https?:)?//", response.text), path
    page = client.get("/").text
    linked = re.findall(r'(?:src|href)="(/assets/[^"]+)"', page)
    assert len(linked) == len(pages.SCRIPTS) + 1
    for url in linked:
        answer = client.get(url)
        assert answer.status_code == 200 and answer.headers["cache-control"].endswith("immutable"), url
    assert "const tinkuy" in client.get(next(u for u in linked if "/common." in u)).text


@pytest.mark.parametrize(
    "path",
    [
        "/static/app.js",
        "/assets/app.js",
        "/assets/../app.py",
        "/assets/%2e%2e/app.py",
        "/assets/..%2fapp.py",
        "/events/../../etc/passwd",
        "/redoc",
    ],
)
def test_no_file_outside_the_static_folder_is_served(client, path):
    assert client.get(path).status_code == 404


def test_the_app_cannot_write_to_the_store(client):
    with pytest.raises(duckdb.Error):
        client.app.state.store.cursor().execute("DELETE FROM merged_events")


def test_a_store_without_merged_events_is_refused(tmp_path):
    duckdb.connect(str(tmp_path / "raw.duckdb")).close()
    with pytest.raises(StoreError, match="tinkuy dedup"):
        create_app(tmp_path / "raw.duckdb")


def test_serving_beyond_this_machine_warns(db, monkeypatch, caplog):
    served = []
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, log_level: served.append((host, port)))
    with caplog.at_level(logging.WARNING, logger="tinkuy.api"):
        api.serve(db)
        assert not caplog.records
        api.serve(db, host="0.0.0.0", port=8123)
    assert served == [("127.0.0.1", 8000), ("0.0.0.0", 8123)]
    assert "no authentication" in caplog.records[0].getMessage()


def test_a_search_finds_words_at_the_start_of_words_and_says_which(client):
    found = get(client, "/api/events", text="Acted MEX")
    assert found["words"] == ["acted", "mex"]
    assert [(e["source_code"], e["target_code"]) for e in found["events"]] == [("MEX", "ECU")]
    assert get(client, "/api/events", text="cted")["total"] == 0
    assert get(client, "/api/events", text="mexico")["total"] == 1  # the name of the actor's code
    refused = client.get("/api/events", params={"text": "the of"})
    assert refused.status_code == 422 and "common" in refused.json()["detail"][0]["msg"]


@pytest.mark.parametrize(
    ("path", "query", "repeated", "values"),
    [
        ("/api/events", "actor=USA&actor=ECU", "actor", ["USA", "ECU"]),
        ("/api/series", "by=month&unit=event&by=year", "by", ["month", "year"]),
        ("/api/export", "table=merged&table=articles", "table", ["merged", "articles"]),
        ("/api/actors", "q=Mexico&q=Ecuador", "q", ["Mexico", "Ecuador"]),
    ],
)
def test_a_parameter_given_twice_is_refused(client, path, query, repeated, values):
    refused = client.get(f"{path}?{query}")
    assert refused.status_code == 422
    message = f"{repeated} is given 2 times: give it once"
    assert refused.json()["detail"] == [{"type": "repeated", "loc": ["query", repeated], "msg": message, "input": values}]


def test_names_of_actor_and_event_codes(client):
    found = client.get("/api/names", params=[("actor", "USAGOV"), ("actor", "ECUMIL"), ("cameo", "040"), ("cameo", "9999")])
    assert found.json() == {
        "actors": {"ECUMIL": "Ecuador: military", "USAGOV": "United States: government"},
        "cameo": {"040": {"name": "Consult", "plover": "CONSULT", "goldstein": 1.0, "quad_class": 1}},
    }
    assert client.get("/api/names", params={"actor": "usa"}).status_code == 422


def test_actor_boxes_take_names_and_suggest_stored_codes(client):
    by_name = get(client, "/api/actors", q="ecuador")
    assert [(s["code"], s["events"]) for s in by_name["matches"]] == [("ECU", 6), ("ECUMIL", 1)]
    by_code = get(client, "/api/actors", q="USA")
    assert by_code["known"] and by_code["matches"][0] == {
        "code": "USA",
        "name": "United States",
        "label": "every actor whose code begins with it",
        "events": 5,
    }
    unknown = get(client, "/api/actors", q="ECX")
    assert not unknown["known"] and not unknown["matches"]
    assert [s["code"] for s in unknown["nearest"]] == ["MEX", "ECU"]


def test_downloads_hold_what_the_filters_select(client):
    merged = client.get("/api/export", params={"table": "merged", "format": "csv", "actor": "MEX"})
    assert merged.status_code == 200 and merged.headers["content-type"].startswith("text/csv")
    assert merged.headers["content-disposition"] == 'attachment; filename="tinkuy-merged.csv"'
    header, *rows = merged.text.splitlines()
    assert "corroboration" in header.split(",") and len(rows) == 1 and ",MEX,Mexico,ECU,Ecuador,161," in rows[0]
    mentions = client.get("/api/export", params={"table": "mentions", "format": "jsonl", "outlet": "Outlet Y"})
    assert sorted(json.loads(line)["article_id"] for line in mentions.text.splitlines()) == ["a2", "a2"]
    articles = client.get("/api/export", params={"table": "articles", "format": "parquet"})
    table = pq.read_table(io.BytesIO(articles.content))
    assert articles.headers["content-type"] == "application/vnd.apache.parquet"
    assert sorted(table.column("article_id").to_pylist()) == ["a1", "a2", "a3"]
    assert client.get("/api/export", params={"table": "sentences"}).status_code == 422


def test_every_answer_carries_the_security_headers(client):
    for path in ("/", "/api/overview", "/api/events/" + "0" * 20):
        headers = client.get(path).headers
        assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"] == "no-referrer"
        policy = headers["content-security-policy"]
        assert "script-src 'self';" in policy and "default-src 'none'" in policy and "unsafe" not in policy


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", ""])
def test_requests_addressed_to_another_host_are_refused(client, host):
    refused = client.get("/api/overview", headers={"host": host})
    assert refused.status_code == 400 and "--allow-host" in refused.text


@pytest.mark.parametrize("host", ["localhost:8000", "127.0.0.1", "[::1]:8000", "tinkuy.lan"])
def test_requests_to_this_machine_or_an_allowed_name_are_answered(db, host):
    with TestClient(create_app(db, hosts=["tinkuy.lan"]), base_url="http://localhost") as allowed:
        assert allowed.get("/api/overview", headers={"host": host}).status_code == 200


def test_assets_are_sent_compressed(client):
    url = re.search(r'src="(/assets/app\.[0-9a-f]+\.js)"', client.get("/").text)[1]
    zipped = client.get(url, headers={"accept-encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip" and zipped.text == (pages.STATIC / "app.js").read_text()
    assert "content-encoding" not in client.get(url, headers={"accept-encoding": "identity"}).headers


def test_the_located_events_download_as_geojson(client):
    located = client.get("/api/export", params={"table": "merged", "format": "geojson"})
    assert located.status_code == 200 and located.headers["content-type"] == "application/geo+json"
    assert located.headers["content-disposition"] == 'attachment; filename="tinkuy-merged.geojson"'
    assert located.json() == {"type": "FeatureCollection", "features": []}  # the sample's events are placed nowhere
    refused = client.get("/api/export", params={"table": "articles", "format": "geojson"})
    assert refused.status_code == 422 and "only events have locations" in refused.text
