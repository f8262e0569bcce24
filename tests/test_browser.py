"""The app and the report in a real browser: headless Chromium, driven by Playwright, on the demo store.

Needs Debian's ``chromium`` at /usr/bin/chromium (Playwright's own browser download is not used).
With ``TINKUY_SCREENSHOTS=DIR`` set, the tests also save ``app.png`` and ``report.png`` in DIR
(that is how ``docs/app.png`` and ``docs/report.png`` are made).
"""

from __future__ import annotations

import contextlib
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
                "a1", [stored_event("a1", 0, "USA", "ECU", "040", "2021-10-19")], outlet=hostile, url="javascript:alert(3)"
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
    assert dialogs == []
    context.close()
