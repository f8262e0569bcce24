"""A local news site for the watcher's tests, bench and demo: feeds, article pages, and servers that misbehave.

    python -m tests.watch_site [PORT]     # serves the demo site on 127.0.0.1:PORT (default 8765)
    tinkuy watch tests/fixtures/watch/feeds.txt --db demo.duckdb --once --allow-private

The articles are the ``.txt`` files of ``tests/fixtures/watch/news`` (a title
line, a date line, then paragraphs), served as HTML pages under ``/news/``;
``/world.rss`` (RSS), ``/americas.atom`` (Atom) and ``/sitemap.xml`` list them,
and ``/robots.txt`` forbids ``/private/``. A test changes what any path
answers by setting ``Site.responses[path]``; ``Site.hits`` counts the requests.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "watch"
DEMO_PORT = 8765


@dataclass(frozen=True)
class Response:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    """Sent after Content-Length (the body's), which they may replace; an empty value leaves a header out."""
    delay: float = 0.0
    """Seconds to wait before answering."""
    etag: str | None = None
    """When set, sent, and a request that names it gets 304 Not Modified."""


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    date: str
    paragraphs: tuple[str, ...]


def read_stories(folder: Path = FIXTURES / "news") -> list[Story]:
    stories = []
    for path in sorted(folder.glob("*.txt")):
        title, date, *rest = path.read_text(encoding="utf-8").splitlines()
        paragraphs = tuple(p for p in "\n".join(rest).split("\n\n") if p.strip())
        stories.append(Story(path.stem, title, date, paragraphs))
    return stories


def page(story: Story, outlet: str = "Hemisphere Wire") -> bytes:
    """A news page: the article among a site's menus, consent box and footer."""
    body = "\n".join(f"<p>{html.escape(p.strip())}</p>" for p in story.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(story.title)} - {outlet}</title>
<meta property="og:site_name" content="{outlet}"><meta property="og:title" content="{html.escape(story.title)}">
<meta property="article:published_time" content="{story.date}T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/americas">Americas</a></nav>
<div class="consent"><p>We use cookies to measure audiences. <button>Agree</button></p></div>
<main><article><h1>{html.escape(story.title)}</h1><p class="byline">By Staff Reporters</p>
{body}
</article></main><footer><p>Copyright {outlet}. All rights reserved.</p></footer></body></html>""".encode()


def rss(base: str, stories: list[Story], path: str = "/news/") -> bytes:
    items = "".join(
        f"<item><title>{html.escape(s.title)}</title><link>{base}{path}{s.slug}.html</link>"
        f"<pubDate>{format_datetime(dt.datetime.fromisoformat(s.date + 'T09:00:00+00:00'))}</pubDate></item>"
        for s in stories
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>World</title><link>{base}/</link>{items}</channel></rss>'.encode()


def atom(base: str, stories: list[Story]) -> bytes:
    entries = "".join(
        f'<entry><title>{html.escape(s.title)}</title><link href="{base}/news/{s.slug}.html"/>'
        f"<id>{base}/news/{s.slug}</id><updated>{s.date}T09:00:00Z</updated></entry>"
        for s in stories
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Americas</title>'
        f"<id>{base}/americas</id><updated>2024-03-08T09:00:00Z</updated>{entries}</feed>"
    ).encode()


def sitemap(urls: list[str]) -> bytes:
    listed = "".join(f"<url><loc>{html.escape(u)}</loc></url>" for u in urls)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{listed}</urlset>'.encode()


def sitemap_index(sitemaps: list[tuple[str, str]]) -> bytes:
    """A sitemap index naming each (URL, lastmod) sitemap; an empty lastmod is left out."""
    named = "".join(
        f"<sitemap><loc>{html.escape(u)}</loc>{f'<lastmod>{m}</lastmod>' if m else ''}</sitemap>" for u, m in sitemaps
    )
    return (
        f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{named}</sitemapindex>'.encode()
    )


class Site:
    """What each path answers, and how often it was asked."""

    def __init__(self) -> None:
        self.responses: dict[str, Response] = {}
        self.hits: Counter[str] = Counter()
        self.agents: set[str] = set()
        self.lock = threading.Lock()

    def demo(self, base: str, stories: list[Story] | None = None) -> Site:
        """The demo site: the stories as pages, listed by an RSS feed, an Atom feed and a sitemap."""
        stories = read_stories() if stories is None else stories
        self.responses["/robots.txt"] = Response(b"User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"})
        for story in stories:
            self.responses[f"/news/{story.slug}.html"] = Response(
                page(story), headers={"Content-Type": "text/html; charset=utf-8"}
            )
        half = len(stories) // 2
        self.responses["/world.rss"] = Response(rss(base, stories[:half]), headers={"Content-Type": "application/rss+xml"})
        self.responses["/americas.atom"] = Response(atom(base, stories[half:]), headers={"Content-Type": "application/atom+xml"})
        self.responses["/sitemap.xml"] = Response(sitemap([f"{base}/news/{s.slug}.html" for s in stories]))
        return self


def handler_for(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            with site.lock:
                site.hits[path] += 1
                site.agents.add(self.headers.get("User-Agent", ""))
                response = site.responses.get(path, Response(b"not found", 404))
            time.sleep(response.delay)
            if response.etag and self.headers.get("If-None-Match") == response.etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(response.status)
            headers = {"Content-Length": str(len(response.body))} | response.headers
            if response.etag:
                headers["ETag"] = response.etag
            for name, value in headers.items():
                if value:  # an empty value leaves the header out
                    self.send_header(name, value)
            self.end_headers()
            with contextlib.suppress(OSError):
                self.wfile.write(response.body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextlib.contextmanager
def serving(port: int = 0, host: str = "127.0.0.1") -> Iterator[tuple[Site, str]]:
    """A site served on ``host`` (a free port unless one is given) while the block runs, and its base URL."""
    site = Site()
    server = ThreadingHTTPServer((host, port), handler_for(site))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site, f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def main(port: int) -> None:
    with serving(port) as (site, base):
        site.demo(base)
        print(
            f"serving the demo news site at {base}/ (feeds: world.rss, americas.atom, sitemap.xml); Ctrl-C stops", file=sys.stderr
        )
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else DEMO_PORT)
