"""Feeds and fetching for ``tinkuy watch``, against the local site of ``tests/watch_site.py`` (no internet)."""

from __future__ import annotations

import argparse
import gzip
import ipaddress
import time

import pytest

from tests.watch_site import Response, atom, read_stories, rss, serving, sitemap, sitemap_index
from tinkuy import cli
from tinkuy.cli.watch import duration
from tinkuy.errors import FetchFailed, UsageError
from tinkuy.watch import feeds
from tinkuy.watch.feeds import canonical_url, entries, read_feed_list
from tinkuy.watch.fetch import Fetcher, Politeness, public_address

LOCAL = Politeness(delay=0.0, timeout=0.5, deadline=2.0, max_bytes=100_000, max_redirects=3, allow_private=True)


@pytest.fixture
def site():
    with serving() as (site, base):
        site.responses["/robots.txt"] = Response(b"User-agent: *\nDisallow: /private/\n")
        site.responses["/page"] = Response(b"<html><body>news</body></html>", headers={"Content-Type": "text/html"})
        yield site, base


def failure(fetcher: Fetcher, url: str) -> FetchFailed:
    with pytest.raises(FetchFailed) as caught:
        fetcher.get(url)
    return caught.value


def test_a_feed_list_gives_each_feed_once_with_its_outlet(tmp_path):
    listed = tmp_path / "feeds.txt"
    listed.write_text(
        "# news\n\nhttps://Example.org/world.rss  Example News\nhttps://example.org/world.rss#top\nhttp://other.example/sitemap.xml\n"
    )
    feeds = read_feed_list(listed)
    assert [(f.url, f.outlet) for f in feeds] == [
        ("https://example.org/world.rss", "Example News"),
        ("http://other.example/sitemap.xml", None),
    ]
    listed.write_text("file:///etc/passwd\n")
    with pytest.raises(UsageError, match="not an http or https URL"):
        read_feed_list(listed)
    listed.write_text("# nothing\n")
    with pytest.raises(UsageError, match="names no feed"):
        read_feed_list(listed)


def test_canonical_urls_drop_what_does_not_name_the_page():
    assert canonical_url("HTTPS://News.Example.org:443/a/b?id=3&utm_source=rss#comments") == "https://news.example.org/a/b?id=3"
    assert canonical_url("http://example.org:8080") == "http://example.org:8080/"


def test_rss_atom_and_sitemaps_list_their_pages_with_stamps():
    stories = read_stories()
    base = "http://news.example"
    from_rss = entries(rss(base, stories), f"{base}/world.rss")
    assert [e.url for e in from_rss] == [f"{base}/news/{s.slug}.html" for s in stories]
    assert all(e.stamp for e in from_rss)
    assert [e.url for e in entries(atom(base, stories[:2]), f"{base}/a.atom")] == [
        f"{base}/news/{s.slug}.html" for s in stories[:2]
    ]
    relative = entries(sitemap(["/news/a.html", "/news/a.html#x", "mailto:desk@news.example"]), f"{base}/sitemap.xml")
    assert [e.url for e in relative] == [f"{base}/news/a.html"]


@pytest.mark.parametrize(
    "body",
    [b"<rss><channel><item><title>cut", b"<html><body>not a feed</body></html>", b'<urlset xmlns="x"><url><loc>', b""],
)
def test_broken_feeds_are_failures_with_their_reason(body):
    with pytest.raises(FetchFailed) as caught:
        entries(body, "http://news.example/feed")
    assert caught.value.reason == "broken_feed"


def test_a_sitemap_index_gives_the_pages_of_its_newest_sitemaps(monkeypatch):
    monkeypatch.setattr(feeds, "SITEMAPS_PER_INDEX", 2)
    base = "http://news.example"
    index = sitemap_index(
        [("/old.xml", "2023-01-01"), ("/undated.xml", ""), ("/new.xml", "2024-03-08"), ("/newer.xml", "2024-03-09T10:00:00Z")]
    )
    bodies = {f"{base}/new.xml": sitemap(["/news/a.html"]), f"{base}/newer.xml": sitemap(["/news/b.html", "/news/a.html"])}
    read: list[str] = []

    def reading(url: str) -> bytes:
        read.append(url)
        return bodies[url]

    listed = entries(index, f"{base}/index.xml", reading)
    assert read == [f"{base}/newer.xml", f"{base}/new.xml"], "the newest sitemaps, and no more than allowed"
    assert [e.url for e in listed] == [f"{base}/news/b.html", f"{base}/news/a.html"]


def test_a_sitemap_index_is_followed_one_level_only():
    index = sitemap_index([("http://x/inner.xml", "")])
    with pytest.raises(FetchFailed, match="not a sitemap of pages") as nested:
        entries(index, "http://x/index.xml", lambda url: index)
    with pytest.raises(FetchFailed, match="not a sitemap of pages") as unread:
        entries(index, "http://x/index.xml")
    assert nested.value.reason == unread.value.reason == "broken_feed"


def test_a_gzipped_sitemap_is_read_within_the_size_limit(site):
    served, base = site
    listed = sitemap([f"{base}/news/a.html"])
    served.responses["/sitemap.xml.gz"] = Response(gzip.compress(listed), headers={"Content-Type": "application/gzip"})
    served.responses["/bomb.xml.gz"] = Response(gzip.compress(listed + b" " * LOCAL.max_bytes))
    served.responses["/cut.xml.gz"] = Response(gzip.compress(listed)[:-12])
    served.responses["/plain.xml"] = Response(listed)
    with Fetcher(LOCAL) as fetcher:
        assert fetcher.unpacked(fetcher.get(f"{base}/sitemap.xml.gz")) == listed
        assert fetcher.unpacked(fetcher.get(f"{base}/plain.xml")) == listed
        bomb = fetcher.get(f"{base}/bomb.xml.gz")
        assert len(bomb.body) < LOCAL.max_bytes / 50, "the compressed body passes the limit"
        with pytest.raises(FetchFailed, match="decompresses to more than 100,000 bytes") as large:
            fetcher.unpacked(bomb)
        with pytest.raises(FetchFailed, match="cut short") as cut:
            fetcher.unpacked(fetcher.get(f"{base}/cut.xml.gz"))
    assert (large.value.reason, cut.value.reason) == ("too_large", "broken_feed")


def test_a_page_is_fetched_with_a_clear_user_agent(site):
    served, base = site
    with Fetcher(LOCAL) as fetcher:
        fetched = fetcher.get(f"{base}/page")
    assert fetched.body.startswith(b"<html>") and fetched.content_type == "text/html"
    assert len(served.agents) == 1 and next(iter(served.agents)).startswith("tinkuy/")


def test_a_huge_content_length_is_refused_unread(site):
    served, base = site
    served.responses["/huge"] = Response(b"x" * 1000, headers={"Content-Length": str(10 * 2**30)})
    started = time.monotonic()
    with Fetcher(LOCAL) as fetcher:
        refused = failure(fetcher, f"{base}/huge")
    assert refused.reason == "too_large" and "10,737,418,240" in str(refused)
    assert time.monotonic() - started < 2


def test_max_bytes_counts_the_bytes_actually_read(site):
    served, base = site
    served.responses["/undeclared"] = Response(b"x" * 200_000, headers={"Content-Length": ""})
    with Fetcher(LOCAL) as fetcher:
        assert failure(fetcher, f"{base}/undeclared").reason == "too_large"
        assert fetcher.get(f"{base}/page").body


def test_a_redirect_loop_ends_after_the_redirects_allowed(site):
    served, base = site
    served.responses["/a"] = Response(status=302, headers={"Location": "/b"})
    served.responses["/b"] = Response(status=301, headers={"Location": f"{base}/a"})
    with Fetcher(LOCAL) as fetcher:
        assert failure(fetcher, f"{base}/a").reason == "redirects"
    assert served.hits["/a"] + served.hits["/b"] == LOCAL.max_redirects + 1


def test_a_slow_server_times_out(site):
    served, base = site
    served.responses["/slow"] = Response(b"late", delay=3)
    started = time.monotonic()
    with Fetcher(LOCAL) as fetcher:
        assert failure(fetcher, f"{base}/slow").reason == "timeout"
    assert time.monotonic() - started < 2.5


def test_robots_txt_is_honoured(site):
    served, base = site
    served.responses["/private/memo"] = Response(b"secret")
    with Fetcher(LOCAL) as fetcher:
        assert failure(fetcher, f"{base}/private/memo").reason == "robots"
        assert fetcher.get(f"{base}/page").body
    assert served.hits["/private/memo"] == 0 and served.hits["/robots.txt"] == 1


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (500, False)])
def test_a_missing_robots_txt_allows_all_and_an_unreachable_one_nothing(site, status, allowed):
    served, base = site
    served.responses["/robots.txt"] = Response(b"", status=status)
    with Fetcher(LOCAL) as fetcher:
        if allowed:
            assert fetcher.get(f"{base}/page").body
        else:
            assert failure(fetcher, f"{base}/page").reason == "robots"


def test_private_addresses_are_refused_unless_allowed(site):
    served, base = site
    with Fetcher(Politeness(delay=0.0, timeout=0.5)) as fetcher:
        refused = failure(fetcher, f"{base}/page")
    assert refused.reason == "private_address" and "127.0.0.1" in str(refused)
    assert not served.hits, "nothing is requested from a refused address, robots.txt included"
    for address in ("10.1.2.3", "192.168.0.1", "169.254.169.254", "::1", "fe80::1", "::ffff:127.0.0.1", "100.64.0.1", "0.0.0.0"):
        assert not public_address(ipaddress.ip_address(address)), address
    assert public_address(ipaddress.ip_address("93.184.216.34"))


def test_a_redirect_to_a_refused_address_or_scheme_is_not_followed(site):
    served, base = site
    port = base.rsplit(":", 1)[1]
    served.responses["/away"] = Response(status=302, headers={"Location": f"http://127.0.0.2:{port}/page"})
    served.responses["/file"] = Response(status=302, headers={"Location": "file:///etc/passwd"})
    only_this = ipaddress.ip_address("127.0.0.1")
    with Fetcher(LOCAL, permitted=lambda address: address == only_this) as fetcher:
        assert failure(fetcher, f"{base}/away").reason == "private_address"
        assert failure(fetcher, f"{base}/file").reason == "scheme"
        assert failure(fetcher, "ftp://127.0.0.1/x").reason == "scheme"


def test_conditional_requests_get_not_modified(site):
    served, base = site
    served.responses["/feed"] = Response(b"<rss/>", etag='"v1"')
    with Fetcher(LOCAL) as fetcher:
        first = fetcher.get(f"{base}/feed")
        again = fetcher.get(f"{base}/feed", etag=first.etag)
    assert first.etag == '"v1"' and not first.not_modified
    assert again.not_modified and again.etag == '"v1"' and again.body == b""


def test_requests_to_one_host_are_spaced_by_the_delay(site):
    served, base = site
    served.responses["/robots.txt"] = Response(b"User-agent: *\nCrawl-delay: 1\n")
    with Fetcher(Politeness(delay=0.1, timeout=2, allow_private=True)) as fetcher:
        fetcher.get(f"{base}/page")
        started = time.monotonic()
        fetcher.get(f"{base}/page")
    assert time.monotonic() - started >= 0.9, "the robots.txt Crawl-delay, longer than ours, is kept"


def test_the_command_needs_a_feed_list_and_a_watched_store(tmp_path, capsys):
    db = tmp_path / "none.duckdb"
    assert cli.main(["watch", "--db", str(db)]) == cli.EXIT_USAGE
    assert cli.main(["watch", "--status", "--db", str(db)]) == cli.EXIT_USAGE
    assert cli.main(["watch", str(tmp_path / "missing.txt"), "--db", str(db)]) == cli.EXIT_USAGE
    assert "cannot read the feed list" in capsys.readouterr().err


def test_durations_read_as_seconds():
    assert [duration(t) for t in ("90s", "15m", "2h", "1d", "30")] == [90, 900, 7200, 86400, 30]
    for wrong in ("0m", "15 minutes", "-1h", ""):
        with pytest.raises(argparse.ArgumentTypeError):
            duration(wrong)


def test_a_round_that_finds_the_store_busy_is_skipped_unless_it_is_the_only_one(tmp_path, caplog):
    from tinkuy.errors import StoreBusy
    from tinkuy.pipeline import Pipeline
    from tinkuy.store_swap import writing
    from tinkuy.watch.feeds import Feed
    from tinkuy.watch.rounds import follow

    db, feeds, reported = tmp_path / "busy.duckdb", [Feed("http://news.example/world.rss")], []
    with writing(db):
        follow(feeds, str(db), Pipeline(), LOCAL, every=0.01, rounds=2, reported=reported.append)
        with pytest.raises(StoreBusy):
            follow(feeds, str(db), Pipeline(), LOCAL, every=0.01, rounds=1)
    assert not reported and caplog.text.count("round skipped: another tinkuy run is writing") == 2
