"""Feed lists, and the article pages a feed lists.

A feed list is a text file of feed URLs, one a line, each optionally followed
by the outlet's name (``https://example.org/world.rss  Example News``); blank
lines and lines starting with ``#`` are passed over. A feed is RSS or Atom
(read by feedparser, which also reads much that is not quite valid), an XML
sitemap (``<urlset>``, news sitemaps included) or a sitemap index, whose most
recently modified sitemaps are read in turn. Each item gives a page: its
URL, made canonical, and a stamp (the item's updated or published date, or a
sitemap's ``lastmod``) that tells when a page listed before has changed.
"""

from __future__ import annotations

import urllib.parse
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import feedparser

from ..errors import FetchFailed, UsageError

_SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_SNIFF = 1024
SITEMAPS_PER_INDEX = 20
"""The sitemaps of an index that are read, the most recently modified: news is in the newest, and an
archive's index can name thousands."""


@dataclass(frozen=True)
class Feed:
    url: str
    outlet: str | None = None


@dataclass(frozen=True)
class Entry:
    """A page a feed lists: its canonical URL and its stamp ("" when the feed gives none)."""

    url: str
    stamp: str


def read_feed_list(path: str | Path) -> list[Feed]:
    """The feeds of a feed list file, each once, in the file's order."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read the feed list {path}: {error}") from None
    feeds: dict[str, Feed] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        url, _, outlet = line.strip().partition(" ")
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise UsageError(f"{path}:{number}: {url!r} is not an http or https URL")
        feeds.setdefault(canonical_url(url), Feed(canonical_url(url), outlet.strip() or None))
    if not feeds:
        raise UsageError(f"the feed list {path} names no feed")
    return list(feeds.values())


def canonical_url(url: str) -> str:
    """One spelling per page: scheme and host in lower case, no default port, no fragment,
    and no ``utm_`` campaign parameters (which tag the same page differently in each feed)."""
    parts = urllib.parse.urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    netloc = host if parts.port in (None, default) else f"{host}:{parts.port}"
    query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True) if not k.startswith("utm_")]
    return urllib.parse.urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", urllib.parse.urlencode(query), ""))


def entries(body: bytes, feed_url: str, read: Callable[[str], bytes] | None = None) -> list[Entry]:
    """The pages a feed lists, each once, with links relative to the feed resolved; ``FetchFailed`` when it is no feed.

    ``read`` gives the body of a sitemap a sitemap index names; without it an index fails (an index names
    sitemaps of pages, never other indexes)."""
    head = body[:_SNIFF]
    found = _sitemap(body, feed_url, read) if b"<urlset" in head or b"<sitemapindex" in head else _feed(body, feed_url)
    unique: dict[str, Entry] = {}
    for entry in found:
        if urllib.parse.urlsplit(entry.url).scheme in ("http", "https"):
            unique.setdefault(entry.url, entry)
    return list(unique.values())


def _feed(body: bytes, feed_url: str) -> list[Entry]:
    """The linked items of an RSS or Atom feed; a feed that cannot be read at all fails, but one feedparser
    reads past its errors gives the items it found."""
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    found = []
    for item in parsed.entries:
        if item.get("link"):
            present = item.keys()  # not ``item.get``: feedparser maps a missing "updated" to "published" with a warning
            stamp = next((str(item[k]) for k in ("updated", "published") if k in present), "")
            found.append(Entry(canonical_url(urllib.parse.urljoin(feed_url, item["link"])), stamp))
    if not found and (parsed.get("bozo") or not parsed.get("version")):
        problem = parsed.get("bozo_exception") or "neither RSS nor Atom"
        raise FetchFailed("broken_feed", f"{feed_url} is not a feed: {problem}")
    return found


def _sitemap(body: bytes, feed_url: str, read: Callable[[str], bytes] | None) -> Iterator[Entry]:
    """The pages of a sitemap (a ``urlset``), or of the newest sitemaps of an index when ``read`` can fetch them."""
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as error:
        raise FetchFailed("broken_feed", f"{feed_url} is not a well-formed sitemap: {error}") from None
    if root.tag == f"{_SITEMAP}sitemapindex" and read is not None:
        newest = sorted(_located(root, "sitemap", feed_url), key=lambda located: located[1], reverse=True)
        for location, _ in newest[:SITEMAPS_PER_INDEX]:  # W3C dates compare as text; those without one come last
            yield from _sitemap(read(location), location, None)
        return
    if root.tag != f"{_SITEMAP}urlset":
        raise FetchFailed("broken_feed", f"{feed_url} is not a sitemap of pages (a <urlset>)")
    for location, stamp in _located(root, "url", feed_url):
        yield Entry(canonical_url(location), stamp)


def _located(root: ElementTree.Element, tag: str, feed_url: str) -> list[tuple[str, str]]:
    """The absolute ``loc`` and the ``lastmod`` ("" when none) of each ``tag`` element that has a ``loc``."""
    found = []
    for element in root.iter(f"{_SITEMAP}{tag}"):
        location = (element.findtext(f"{_SITEMAP}loc") or "").strip()
        if location:
            found.append((urllib.parse.urljoin(feed_url, location), (element.findtext(f"{_SITEMAP}lastmod") or "").strip()))
    return found
