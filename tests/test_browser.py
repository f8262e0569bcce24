"""The app and the report in a real browser: headless Chromium, driven by Playwright, on the demo store.

Needs Debian's ``chromium`` at /usr/bin/chromium (Playwright's own browser download is not used).
With ``TINKUY_SCREENSHOTS=DIR`` set, the tests also save ``app.png`` and ``report.png`` in DIR
(that is how ``docs/app.png`` and ``docs/report.png`` are made).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from tinkuy import api
from tinkuy.datafiles import data_path
from tinkuy.web.app import create_app

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
    """The app served by uvicorn in a thread, on a free port of this machine."""
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    app_server = uvicorn.Server(uvicorn.Config(create_app(demo_db), log_level="warning"))
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


def trace_names(page, chart):
    """The names of the traces plotly drew in a chart."""
    return page.locator(chart).evaluate("chart => chart.data.map(trace => trace.name)")


def event_ids(page):
    return page.locator("#events tbody tr").evaluate_all("rows => rows.map(r => r.dataset.mergedId)")


def test_the_charts_render(page, server):
    load(page, server)
    for chart in ("#series", "#network", "#timeline"):
        assert page.locator(f"{chart} .main-svg").count() >= 1, chart
    series = page.request.get(f"{server}/api/series").json()
    timeline = page.request.get(f"{server}/api/timeline").json()
    assert page.locator("#series .scatterlayer .trace").count() == len(series) >= 3
    assert trace_names(page, "#series") == ["–".join(s["dyad"]) for s in series]
    assert page.locator("#timeline .scatterlayer .point").count() == sum(len(t["events"]) for t in timeline) > 0
    assert page.locator("#network .scatterlayer .point").count() > 0
    assert page.locator("#events tbody tr").count() == min(50, page.request.get(f"{server}/api/events").json()["total"])
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / "app.png"))


def test_a_filter_changes_what_is_shown(page, server):
    load(page, server)
    everything = event_ids(page)
    dyad = page.locator("select[name=dyad] option").nth(1).get_attribute("value")
    page.select_option("select[name=dyad]", dyad)
    with page.expect_navigation():
        page.click("#filters button[type=submit]")
    page.wait_for_selector("body[data-ready]")
    assert f"dyad={dyad.replace(':', '%3A')}" in page.url
    shown = event_ids(page)
    expected = page.request.get(f"{server}/api/events", params={"dyad": dyad, "limit": 50}).json()["events"]
    assert shown == [e["merged_id"] for e in expected]
    assert 0 < len(shown) < len(everything)
    assert page.locator("#series .scatterlayer .trace").count() == 1
    assert trace_names(page, "#series") == [dyad.replace(":", "–")]
    outlet = page.locator("select[name=outlet] option").nth(1).get_attribute("value")
    load(page, f"{server}/?outlet={outlet}")
    by_outlet = page.request.get(f"{server}/api/events", params={"outlet": outlet}).json()
    assert event_ids(page) == [e["merged_id"] for e in by_outlet["events"]] and by_outlet["total"] < len(everything)
    assert page.locator("select[name=outlet]").input_value() == outlet


def test_an_event_page_highlights_its_evidence(page, server):
    load(page, server)
    link = page.locator("#events tbody td.code a").first
    href = link.get_attribute("href")
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
    for chart in ("#series", "#network", "#timeline"):
        assert page.locator(f"{chart} .main-svg").count() >= 1, chart
    assert page.locator("#series .scatterlayer .trace").count() >= 3
    assert page.locator("#events tbody tr").count() > 50
    assert page.locator("#events tbody mark.verb").count() > 50
    assert page.locator("#filters").is_hidden()
    if SCREENSHOTS:
        page.screenshot(path=str(Path(SCREENSHOTS) / "report.png"))
    context.close()
