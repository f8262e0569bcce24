"""Rounds of ``tinkuy watch`` against the local site of ``tests/watch_site.py``: what is stored, what is fetched
again (nothing that was seen), and failures kept as data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip

import duckdb
import pytest

from tests.watch_site import Response, page, read_stories, rss, serving, sitemap, sitemap_index
from tinkuy import cli
from tinkuy.watch.feeds import Feed
from tinkuy.watch.fetch import Politeness
from tinkuy.watch.rounds import watch_round
from tinkuy.watch.state import backoff, watch_status

pytestmark = pytest.mark.model

LOCAL = Politeness(delay=0.0, timeout=0.5, deadline=2.0, max_bytes=100_000, allow_private=True)
NOW = dt.datetime(2024, 3, 9, 12, 0)


@pytest.fixture
def site():
    with serving() as (site, base):
        yield site.demo(base), base


def rows(db, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def demo_feeds(base: str) -> list[Feed]:
    return [Feed(f"{base}/world.rss", "Hemisphere Wire"), Feed(f"{base}/americas.atom"), Feed(f"{base}/sitemap.xml")]


def test_a_round_stores_the_new_pages_and_the_next_fetches_none_again(site, pipeline, tmp_path):
    served, base = site
    db = tmp_path / "watch.duckdb"
    first = watch_round(demo_feeds(base), str(db), pipeline, LOCAL, now=NOW)
    stories = read_stories()
    assert (first.feeds_read, first.feeds_failed, first.pages["fetched"]) == (3, 0, len(stories))
    assert first.summary.articles == len(stories) and first.summary.events > 0
    assert rows(db, "SELECT count(*) FROM articles")[0][0] == len(stories)
    assert rows(db, "SELECT count(*) FROM merged_events")[0][0] > 0, "mentions are merged as ingest merges them"
    outlets = dict(rows(db, "SELECT url, outlet FROM articles"))
    assert outlets[f"{base}/news/{stories[0].slug}.html"] == "Hemisphere Wire", "the outlet the feed list names"

    served.responses["/world.rss"] = dataclasses.replace(served.responses["/world.rss"], etag='"w1"')
    second = watch_round(demo_feeds(base), str(db), pipeline, LOCAL, now=NOW + dt.timedelta(minutes=15))
    assert second.pages["fetched"] == 0 and second.summary.articles == 0, "feeds repeating old items fetch nothing again"
    third = watch_round(demo_feeds(base), str(db), pipeline, LOCAL, now=NOW + dt.timedelta(minutes=30))
    assert third.feeds_unchanged == 1, "the feed's ETag was kept and sent"
    assert all(served.hits[f"/news/{s.slug}.html"] == 1 for s in stories)
    assert served.hits["/world.rss"] == 3
    assert rows(db, "SELECT count(*), count(DISTINCT url) FROM articles")[0] == (len(stories), len(stories))


def test_a_sitemap_index_is_read_through_its_gzipped_sitemaps(site, pipeline, tmp_path):
    served, base = site
    stories = read_stories()
    half = len(stories) // 2
    for name, listed in (("first", stories[:half]), ("second", stories[half:])):
        urls = [f"{base}/news/{s.slug}.html" for s in listed]
        served.responses[f"/{name}.xml.gz"] = Response(gzip.compress(sitemap(urls)), headers={"Content-Type": "application/gzip"})
    served.responses["/index.xml"] = Response(sitemap_index([(f"{base}/first.xml.gz", ""), (f"{base}/second.xml.gz", "")]))
    db = tmp_path / "watch.duckdb"
    report = watch_round([Feed(f"{base}/index.xml")], str(db), pipeline, LOCAL, now=NOW)
    assert (report.feeds_read, report.feeds_failed, report.summary.articles) == (1, 0, len(stories))
    assert rows(db, "SELECT entries_seen FROM watch_feeds") == [(len(stories),)]


def test_the_web_app_lists_the_feeds(site, pipeline, tmp_path):
    from tests.test_web import TestClient  # imported there without the test client's warning about itself
    from tinkuy.web.app import create_app

    served, base = site
    db = tmp_path / "watch.duckdb"
    served.responses["/gone.rss"] = Response(b"", status=410)
    watch_round([Feed(f"{base}/world.rss", "Hemisphere Wire"), Feed(f"{base}/gone.rss")], str(db), pipeline, LOCAL, now=NOW)
    with TestClient(create_app(db), base_url="http://localhost") as client:
        feeds = {f["feed_url"].rsplit("/", 1)[1]: f for f in client.get("/api/feeds").json()}
        page = client.get("/feeds")
    assert feeds["world.rss"]["outlet"] == "Hemisphere Wire" and feeds["world.rss"]["stored"] == 2
    assert feeds["gone.rss"]["reason"] == "http_410" and feeds["gone.rss"]["last_success"] is None
    assert page.status_code == 200 and 'data-page="feeds"' in page.text


def test_a_page_that_changes_is_fetched_again_when_its_feed_says_so(site, pipeline, tmp_path):
    served, base = site
    db = tmp_path / "watch.duckdb"
    stories = read_stories()[:2]
    served.responses["/world.rss"] = Response(rss(base, stories))
    feeds = [Feed(f"{base}/world.rss")]
    watch_round(feeds, str(db), pipeline, LOCAL, now=NOW)

    changed = dataclasses.replace(
        stories[0], date="2024-03-10", paragraphs=(*stories[0].paragraphs, "Peru closed its border with Ecuador on Sunday.")
    )
    served.responses[f"/news/{changed.slug}.html"] = Response(page(changed), headers={"Content-Type": "text/html"})
    quiet = watch_round(feeds, str(db), pipeline, LOCAL, now=NOW + dt.timedelta(hours=1))
    assert quiet.pages["fetched"] == 0, "a page is not fetched again while its feed lists it unchanged"

    served.responses["/world.rss"] = Response(rss(base, [changed, stories[1]]))
    updated = watch_round(feeds, str(db), pipeline, LOCAL, now=NOW + dt.timedelta(hours=2))
    assert updated.pages["fetched"] == 1 and updated.summary.articles == 1
    assert rows(db, "SELECT count(*) FROM articles")[0][0] == 3, "the new version is a new article; the old one stays"

    refurnished = page(changed, outlet="Hemisphere Wire International")
    served.responses[f"/news/{changed.slug}.html"] = Response(refurnished, headers={"Content-Type": "text/html"})
    served.responses["/world.rss"] = Response(rss(base, [dataclasses.replace(changed, date="2024-03-11"), stories[1]]))
    same_text = watch_round(feeds, str(db), pipeline, LOCAL, now=NOW + dt.timedelta(hours=3))
    assert same_text.pages["text stored before"] == 1 and same_text.summary.articles == 0, same_text


def test_failures_are_recorded_with_their_reasons_and_retried_after_a_backoff(site, pipeline, tmp_path, capsys):
    served, base = site
    db = tmp_path / "watch.duckdb"
    good, huge, slow, hidden, *_ = read_stories()
    served.responses["/broken.rss"] = Response(b"<rss><channel><item><title>cut off")
    served.responses["/mixed.rss"] = Response(
        rss(base, [good, huge, slow])
        .replace(b"/news/" + huge.slug.encode(), b"/news/huge")
        .replace(b"/news/" + slow.slug.encode(), b"/news/slow")
    )
    served.responses["/hidden.rss"] = Response(rss(base, [hidden], path="/private/"))
    served.responses["/news/huge.html"] = Response(b"x", headers={"Content-Length": str(10 * 2**30)})
    served.responses["/news/slow.html"] = Response(page(slow), delay=3)
    feeds = [Feed(f"{base}/broken.rss"), Feed(f"{base}/mixed.rss"), Feed(f"{base}/hidden.rss"), Feed(f"{base}/missing.rss")]

    report = watch_round(feeds, str(db), pipeline, LOCAL, now=NOW)
    assert report.feeds_failed == 2 and report.summary.articles == 1, "bad feeds and pages do not stop the others"
    assert report.failures == {"broken_feed": 1, "http_404": 1, "timeout": 1, "robots": 1}
    status = {f.feed_url.rsplit("/", 1)[1]: f for f in watch_status(str(db))}
    assert status["broken.rss"].reason == "broken_feed" and status["broken.rss"].next_try == NOW + backoff(1)
    assert status["mixed.rss"].last_success == NOW and (status["mixed.rss"].stored, status["mixed.rss"].failed) == (2, 1)
    assert rows(db, "SELECT reason FROM rejections") == [("too_large",)], "a page too large is rejected as ingest rejects it"

    hits = served.hits.copy()
    watch_round(feeds, str(db), pipeline, LOCAL, now=NOW + dt.timedelta(minutes=1))
    assert served.hits["/broken.rss"] == hits["/broken.rss"] and served.hits["/news/slow.html"] == hits["/news/slow.html"]
    served.responses["/news/slow.html"] = Response(page(slow))
    later = watch_round(feeds, str(db), pipeline, LOCAL, now=NOW + dt.timedelta(days=1))
    assert served.hits["/broken.rss"] == hits["/broken.rss"] + 1 and later.summary.articles == 1
    assert {f.feed_url.rsplit("/", 1)[1]: f.failures for f in watch_status(str(db))}["broken.rss"] == 2

    assert cli.main(["watch", "--status", "--db", str(db)]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0].startswith("feed\toutlet\tlast success") and len(listed) == 5
    assert any("broken_feed" in line for line in listed)
