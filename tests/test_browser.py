"""The app and the report in a real browser: headless Chromium, driven by Playwright, on the demo store.

Needs Debian's ``chromium`` at /usr/bin/chromium (Playwright's own browser download is not used).
With ``TINKUY_SCREENSHOTS=DIR`` set, the tests also save ``app.png`` and ``report.png`` in DIR
(that is how ``docs/app.png`` and ``docs/report.png`` are made).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from tinkuy import api
from tinkuy.datafiles import data_path
from tinkuy.web.app import create_app

from .test_dedup import coded_article, stored_event, write_store
from .test_maps import located

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = os.environ.get("TINKUY_SCREENSHOTS")
VIEWPORT = {"width": 1280, "height": 1400}

pytestmark = [
    pytest.mark.model,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Chromium at /usr/bin/chromium (apt-get install chromium)"),
]
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, pipeline):
    db = tmp_path_factory.mktemp("browser") / "demo.duckdb"
    api.ingest([data_path("demo")], db, pipeline=pipeline)
    return db


@pytest.fixture(scope="module")
def server(demo_db):
    with serve(demo_db) as url:
        yield url


@contextlib.contextmanager
def serve(db: Path) -> Iterator[str]:
    """The app served by uvicorn in a thread, on a free port of this machine."""
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    app_server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning"))
    thread = threading.Thread(target=app_server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not app_server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{listening.getsockname()[1]}"
    app_server.should_exit = True
    thread.join(10)
    listening.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(error))
    yield page
    context.close()


def load(page, url):
    """Open a page and wait until its script has drawn everything."""
    page.goto(url)
    page.wait_for_selector("body[data-ready]", timeout=30_000)
    assert page.get_attribute("body", "data-ready") == "true", page.locator(".error").all_inner_texts()
    assert not page.errors


def event_ids(page):
    return page.locator("#events-table tbody tr").evaluate_all("rows => rows.map(r => r.dataset.mergedId)")


def api_ids(page, server, **params):
    return [e["merged_id"] for e in page.request.get(f"{server}/api/events", params=params | {"limit": 50}).json()["events"]]


def drill(page, element):
    """Click a chart element (marks of near days may overlap it) and wait for the events it opens."""
    with page.expect_navigation():
        element.dispatch_event("click")
    page.wait_for_selector("body[data-ready]")
    assert page.get_attribute("body", "data-ready") == "true"


def test_the_charts_render(page, server):
    load(page, server)
    series = page.request.get(f"{server}/api/series").json()
    timeline = page.request.get(f"{server}/api/timeline").json()
    lines = page.locator("#series g.line").evaluate_all("lines => lines.map(l => l.dataset.dyad)")
    assert lines == [":".join(s["dyad"]) for s in series] and len(lines) >= 3
    days = {(e["date"], e["date_precision"], tuple(t["dyad"])) for t in timeline for e in t["events"] if e["date"]}
    assert page.locator("#timeline g.key-event").count() == len(days) > 0
    assert page.locator("#network g.node").count() > 0 and page.locator("#network g.tie polygon").count() > 0
    assert page.locator("#events-table tbody tr").count() == min(50, page.request.get(f"{server}/api/events").json()["total"])
    assert "Goldstein scale" in page.locator("#series-view details.explain").text_content()
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / "app.png"))


def test_a_series_point_opens_its_dyad_and_period(page, server):
    load(page, f"{server}/?metric=events")
    point = page.locator("#series g.line circle.point").first
    dyad = point.locator("xpath=..").get_attribute("data-dyad")
    period = point.get_attribute("data-period")
    drill(page, point)
    assert f"dyad={dyad.replace(':', '%3A')}" in page.url and f"start={period}" in page.url and "metric=events" in page.url
    end = page.url.split("end=")[1][:10]
    assert event_ids(page) == api_ids(page, server, dyad=dyad, start=period, end=end) != []
    assert page.locator("#metric").input_value() == "events"


def test_a_network_node_opens_its_actor_and_an_arrow_its_direction(page, server):
    load(page, server)
    node = page.locator("#network g.node").first
    actor = node.get_attribute("data-actor")
    drill(page, node)
    assert event_ids(page) == api_ids(page, server, actor=actor) != []
    load(page, server)
    tie = page.locator("#network g.tie").last
    source, target = tie.get_attribute("data-from"), tie.get_attribute("data-to")
    tie.dispatch_event("click")
    page.wait_for_url(f"**target={target}**")
    page.wait_for_selector("body[data-ready]")
    assert event_ids(page) == api_ids(page, server, source=source, target=target) != []


def test_a_timeline_mark_opens_its_events(page, server):
    load(page, server)
    several = page.locator('#timeline g.key-event:not([data-count="1"])')
    single = page.locator('#timeline g.key-event[data-count="1"]').first
    if several.count():
        mark = several.first
        count = int(mark.get_attribute("data-count"))
        drill(page, mark)
        assert len(event_ids(page)) >= count
        load(page, server)
    drill(page, single)
    assert page.url.split("?")[0].split("/events/")[1] and page.locator("#mentions li").count() > 0


def test_filters_survive_navigation_and_the_table_sorts(page, server):
    load(page, f"{server}/?actor=ECU&order=-date")
    assert event_ids(page) == api_ids(page, server, actor="ECU", order="-date")
    with page.expect_navigation():
        page.locator("#events-table th[data-sort=cameo] a").click()
    page.wait_for_selector("body[data-ready]")
    assert "actor=ECU" in page.url and event_ids(page) == api_ids(page, server, actor="ECU", order="cameo")
    with page.expect_navigation():
        page.locator("#events-table tbody td.code a").first.click()
    page.wait_for_selector("body[data-ready]")
    assert "actor=ECU" in page.locator("#back").get_attribute("href")


def test_a_search_marks_its_words(page, server):
    load(page, f"{server}/?text=embassy")
    found = page.request.get(f"{server}/api/events", params={"text": "embassy"}).json()
    assert event_ids(page) == [e["merged_id"] for e in found["events"]] != []
    hits = page.locator("#events-table mark.hit").all_inner_texts()
    assert hits and all(hit.lower().startswith("embassy") for hit in hits)


def test_a_bad_filter_is_explained_next_to_its_field_and_the_form_is_kept(page, server):
    load(page, f"{server}/?cameo=abc")
    assert page.locator("#filters").is_visible()
    assert "pattern" in page.locator('.message[data-for="cameo"]').inner_text()
    load(page, f"{server}/?actor=ECX")
    warning = page.locator('.message[data-for="actor"]')
    assert "No actor in the store has a code beginning with ECX" in warning.inner_text()
    assert warning.locator("button.nearest").count() > 0
    load(page, server)
    page.fill("#f-start", "2020-01-01")
    page.fill("#f-end", "2019-01-01")
    page.click("#filters button[type=submit]")
    assert "before the start" in page.locator('.message[data-for="end"]').inner_text()
    page.fill("#f-end", "")
    page.fill("#f-text", "a b")
    page.click("#filters button[type=submit]")
    assert "Give a word to search for" in page.locator('.message[data-for="text"]').inner_text()
    page.fill("#f-text", "")
    page.fill("#f-actor", "Mexico")
    with page.expect_navigation():
        page.click("#filters button[type=submit]")
    page.wait_for_selector("body[data-ready]")
    assert "actor=MEX" in page.url


def test_an_event_page_highlights_its_evidence(page, server):
    load(page, server)
    link = page.locator("#events-table tbody td.code a").first
    href = link.get_attribute("href").split("?")[0]
    with page.expect_navigation():
        link.click()
    page.wait_for_selector("body[data-ready]")
    assert page.get_attribute("body", "data-ready") == "true"
    detail = page.request.get(f"{server}/api{href}").json()
    items = page.locator("#mentions li")
    assert items.count() == len(detail["mentions"]) > 0
    for item, mention in zip(items.all(), detail["mentions"], strict=True):
        sentence = mention["sentence"]
        assert item.locator("blockquote").inner_text() == sentence
        for kind in ("source", "target"):
            if mention[f"{kind}_span"]:
                assert item.locator(f"mark.{kind}").inner_text() == sentence[slice(*mention[f"{kind}_span"])]
        verbs = item.locator("mark.verb").all_inner_texts()
        assert verbs and set(verbs) <= {sentence[start:end] for start, end in mention["event_spans"]}
        assert item.locator("code.rule").inner_text() == mention["rule"]
    assert detail["event"]["cameo"] in page.locator("#event-title").inner_text()


def test_the_page_fits_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(error))
    load(page, server)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_the_report_works_offline(browser, demo_db, tmp_path):
    report = api.report(demo_db, tmp_path / "report.html", title="tinkuy demo")
    context = browser.new_context(viewport=VIEWPORT, offline=True)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(error))
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    load(page, report.as_uri())
    assert all(url.startswith(("file:", "data:")) for url in requested), requested
    assert page.locator("#series g.line").count() >= 3 and page.locator("#network g.node").count() > 0
    assert page.locator("#events-table tbody tr").count() == 50
    assert page.locator("#events-table tbody mark.verb").count() > 50
    assert page.locator("#events-table tbody code.rule").count() >= 50
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / "report.png"))
    page.locator("#events-table th[data-sort=mentions] button").click()
    page.locator("#events-table th[data-sort=mentions] button").click()
    counts = [int(c.split()[0]) for c in page.locator("#events-table tbody td.provenance .counts").all_inner_texts()]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
    page.fill("#f-text", "embassy")
    page.click("#filters button[type=submit]")
    shown = page.locator("#events-table tbody tr").count()
    assert 0 < shown < 50 and page.locator("#events-table tbody mark.hit").count() >= shown
    page.locator("#network g.node").first.dispatch_event("click")
    assert page.locator("#f-actor").input_value() == page.locator("#network g.node").first.get_attribute("data-actor")
    assert not page.errors
    context.close()


def test_hostile_values_run_no_script_in_the_app_or_the_report(browser, tmp_path):
    hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    db = write_store(
        tmp_path / "hostile.duckdb",
        [
            coded_article(
                "a1",
                [
                    located(
                        stored_event("a1", 0, "USA", "ECU", "040", "2021-10-19"), (1, hostile, "EC", None, -1.0, -78.0, "place")
                    )
                ],
                outlet=hostile,
                url="javascript:alert(3)",
            ),
            coded_article(
                "a2", [stored_event("a2", 0, "ECU", "USA", "112", "2021-10-20")], outlet="x", url="https://example.org/a"
            ),
        ],
    )
    context = browser.new_context(viewport=VIEWPORT)
    dialogs = []
    context.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(error))
    with serve(db) as app:
        for url in (app, api.report(db, tmp_path / "r.html").as_uri()):
            load(page, url)
            links = page.locator("#events-table td.evidence > .article a[target=_blank]").evaluate_all(
                "links => links.map(a => a.href)"
            )
            assert links == ["https://example.org/a"], url
            for title in page.locator("#events-table td.evidence > .article span[title]").all():
                title.click()
            assert hostile in page.locator("#events-table").inner_text()
            assert hostile in page.locator("#events-table td.evidence .where").inner_text()
            point = page.locator("#map g.place")
            point.hover()
            assert hostile in page.locator("#map .tooltip").inner_text()
            assert page.locator("#map img, #events-table img, #map script").count() == 0
    assert dialogs == []
    context.close()


def local_only(context):
    """Refuse every request that leaves this machine; the list of those refused."""
    refused = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(("http://127.0.0.1", "file:", "data:")):
            request_route.continue_()
        else:
            refused.append(url)
            request_route.abort()

    context.route("**/*", route)
    return refused


@pytest.fixture
def offline_page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    refused = local_only(context)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(error))
    yield page
    assert refused == []
    context.close()


def test_the_map_draws_with_no_network(offline_page, server):
    page = offline_page
    load(page, server)
    found = page.request.get(f"{server}/api/places", params={"limit": 1000}).json()
    drawn = page.locator("#map g.place").evaluate_all("marks => marks.map(m => Number(m.dataset.place))")
    assert sorted(drawn) == sorted(p["geonames_id"] for p in found["places"]) != []
    assert page.locator("#map g.country").count() > 150
    shaded = page.locator("#map g.country.located").evaluate_all("marks => marks.map(m => m.dataset.country)")
    outlines = json.loads(data_path("maps", "countries.json").read_text(encoding="utf-8"))["countries"]
    expected = {c["country_code"] for c in found["countries"] if c["country_code"] in outlines or c["country_events"]}
    assert set(shaded) == expected - {"AQ"} and any(code not in outlines for code in shaded), "small countries are marked"
    loudest = max(found["places"], key=lambda p: p["mentions"])
    quietest = min(found["places"], key=lambda p: p["mentions"])
    radius = lambda p: float(page.locator(f'#map g.place[data-place="{p["geonames_id"]}"] circle').get_attribute("r"))  # noqa: E731
    assert radius(loudest) > radius(quietest)
    before = page.locator("#map g.place circle").evaluate_all("cs => cs.map(c => c.getAttribute('fill'))")
    page.select_option("#map-colour", "goldstein")
    assert "colour=goldstein" in page.url
    after = page.locator("#map g.place circle").evaluate_all("cs => cs.map(c => c.getAttribute('fill'))")
    assert after != before and all(fill.startswith("rgb(") for fill in after)
    if SCREENSHOTS:
        page.locator("#map-view").screenshot(path=str(Path(SCREENSHOTS) / "map.png"))


def test_a_map_point_opens_its_events(offline_page, server):
    page = offline_page
    load(page, f"{server}/?order=-date")
    point = page.locator("#map g.place").first
    place = point.get_attribute("data-place")
    drill(page, point)
    assert f"place={place}" in page.url and "order=-date" in page.url
    found = event_ids(page)
    assert found == api_ids(page, server, place=place, order="-date") != []
    assert page.locator("#f-place").input_value() == place
    assert page.locator('#map g.place circle[stroke-width="2.5"]').count() == 1, "the place chosen is marked"
    rows = page.locator("#events-table td.evidence .where").all_inner_texts()
    assert len(rows) == len(found) and len({row.split(" (")[0] for row in rows}) == 1


def test_a_country_or_a_box_filters_every_view_and_survives_navigation(offline_page, server):
    page = offline_page
    load(page, server)
    country = page.locator("#map g.country.located").first
    code = country.get_attribute("data-country")
    drill(page, country)
    assert f"country={code}" in page.url and page.locator("#f-country").input_value() == code
    assert event_ids(page) == api_ids(page, server, country=code) != []
    assert page.locator("#map g.place").evaluate_all("(ms, code) => ms.every(m => m.dataset.country === code)", code)
    with page.expect_navigation():
        page.locator("#events-table tbody td.code a").first.click()
    page.wait_for_selector("body[data-ready]")
    assert f"country={code}" in page.locator("#back").get_attribute("href")
    with page.expect_navigation():
        page.locator("#back").click()
    page.wait_for_selector("body[data-ready]")
    assert page.locator("#f-country").input_value() == code

    load(page, server)
    page.locator("#map").scroll_into_view_if_needed()
    centres = page.locator("#map g.place circle").evaluate_all(
        "cs => cs.map(c => c.getBoundingClientRect()).map(r => [r.x + r.width / 2, r.y + r.height / 2])"
    )
    x, y = centres[0]
    page.mouse.move(x - 30, y - 30)
    page.mouse.down()
    page.mouse.move(x, y, steps=4)
    with page.expect_navigation():
        page.mouse.move(x + 30, y + 30, steps=4)
        page.mouse.up()
    page.wait_for_selector("body[data-ready]")
    bbox = page.locator("#f-bbox").input_value()
    west, south, east, north = (float(v) for v in bbox.split(","))
    assert west < east and south < north and f"bbox={bbox.replace(',', '%2C')}" in page.url
    assert event_ids(page) == api_ids(page, server, bbox=bbox) != []
    assert page.locator("#map rect.chosen-box").count() == 1
    network = page.request.get(f"{server}/api/network", params={"bbox": bbox}).json()
    assert {n["actor"] for n in network["nodes"]} == set(
        page.locator("#network g.node").evaluate_all("ns => ns.map(n => n.dataset.actor)")
    )


def test_a_bad_box_or_country_is_explained_next_to_its_field(page, server):
    load(page, f"{server}/?bbox=-80,5,-78,1")
    assert "south edge" in page.locator('.message[data-for="bbox"]').inner_text()
    assert page.locator("#filters").is_visible() and page.locator("#f-bbox").get_attribute("aria-invalid") == "true"
    load(page, server)
    page.fill("#f-bbox", "-200,1,2,3")
    page.click("#filters button[type=submit]")
    assert "longitudes from −180 to 180" in page.locator('.message[data-for="bbox"]').inner_text()
    page.fill("#f-bbox", "")
    page.fill("#f-country", "e1")
    page.click("#filters button[type=submit]")
    assert "two-letter ISO code" in page.locator('.message[data-for="country"]').inner_text()
    page.fill("#f-country", "ec")
    with page.expect_navigation():
        page.click("#filters button[type=submit]")
    page.wait_for_selector("body[data-ready]")
    assert "country=EC" in page.url and event_ids(page) == api_ids(page, server, country="EC") != []


def test_the_reports_map_works_offline_and_filters_its_events(browser, demo_db, tmp_path):
    report = api.report(demo_db, tmp_path / "report.html", title="tinkuy demo")
    context = browser.new_context(viewport=VIEWPORT, offline=True)
    refused = local_only(context)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(error))
    load(page, report.as_uri())
    assert page.locator("#map g.place").count() > 0 and page.locator("#map g.country").count() > 150
    point = page.locator("#map g.place").first
    place = point.get_attribute("data-place")
    point.dispatch_event("click")
    assert page.locator("#f-place").input_value() == place
    places = page.locator("#events-table td.evidence .where").evaluate_all("ws => ws.map(w => w.title.split(';')[0])")
    assert places and set(places) == {f"GeoNames {place}"} and len(places) == page.locator("#events-table tbody tr").count()
    country = page.locator("#map g.country.located").first
    code = country.get_attribute("data-country")
    country.dispatch_event("click")
    assert page.locator("#f-country").input_value() == code and page.locator("#f-place").input_value() == ""
    wheres = page.locator("#events-table td.evidence .where").all_inner_texts()
    assert wheres and all(f", {code} (" in w for w in wheres) and len(wheres) == page.locator("#events-table tbody tr").count()
    assert refused == [] and not page.errors
    context.close()
