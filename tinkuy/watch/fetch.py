"""Fetching feeds and pages politely and safely.

A feed list comes from the user, but the URLs a feed lists come from whoever
writes the feed, so every request, and every redirect it is sent on, is checked
before a connection is made:

- only ``http`` and ``https``; at most ``max_redirects`` redirects;
- the host is resolved here and every address it resolves to must be public
  (``public_address``: no loopback, private, link-local, shared or reserved
  address) unless ``allow_private``; the connection then goes to the address
  checked, never to one resolved again later, so a name that changes its
  answer cannot slip through;
- robots.txt is honoured for the user agent ``tinkuy`` (RFC 9309: a missing
  robots.txt allows everything, one that cannot be fetched forbids everything
  for the round), and a Crawl-delay longer than ours is kept;
- one request at a time per host, at least ``delay`` seconds apart, and at most
  ``workers`` requests in all;
- a timeout on connecting and on each read, and a deadline on the whole
  response, so a server that trickles cannot hold a worker;
- at most ``max_bytes`` bytes are read: a larger Content-Length is refused
  unread, and a body that runs past the limit is cut off; a gzipped feed (a
  ``sitemap.xml.gz``) is held to the same limit once decompressed.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import socket
import threading
import time
import urllib.parse
import urllib.robotparser
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata

import httpx

from ..errors import FetchFailed

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
ROBOTS_MAX_BYTES = 500_000
"""Google's limit for a robots.txt; what lies past it is ignored."""
REDIRECTS = frozenset({301, 302, 303, 307, 308})
GZIP_MAGIC = b"\x1f\x8b"
GZIP_WBITS = 16 + zlib.MAX_WBITS
"""What tells zlib to read a gzip header and trailer around the deflate stream."""


@dataclass(frozen=True)
class Fetched:
    """A response: the final URL, its body (empty when ``not_modified``) and what the server said of it."""

    url: str
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    not_modified: bool = False


@dataclass(frozen=True)
class Politeness:
    """How the fetcher behaves towards servers (``tinkuy watch`` options)."""

    delay: float = 1.0
    """Seconds between the starts of two requests to one host."""
    workers: int = 8
    """Requests in flight at once, over all hosts."""
    timeout: float = 20.0
    """Seconds to connect, and to wait for each piece of a response."""
    deadline: float = 60.0
    """Seconds a whole response may take."""
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    allow_private: bool = False


def user_agent() -> str:
    """The User-Agent sent: the program, its version and what it does."""
    return f"tinkuy/{metadata.version('tinkuy')} (news event coder reading feeds; robots.txt token: tinkuy)"


def public_address(address: IPAddress) -> bool:
    """Whether an address is on the public internet (an IPv4 address mapped into IPv6 is judged as IPv4)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def any_address(address: IPAddress) -> bool:
    return True


class Fetcher:
    """GETs under the rules of the module docstring; thread-safe, for a pool of ``politeness.workers`` threads.

    ``permitted`` says which resolved addresses may be connected to (by default
    the public ones, or any with ``allow_private``). Robots.txt files are read
    once per fetcher, so a fetcher lives for one round.
    """

    def __init__(self, politeness: Politeness, permitted: Callable[[IPAddress], bool] | None = None) -> None:
        self.politeness = politeness
        self.permitted = permitted or (any_address if politeness.allow_private else public_address)
        timeout = httpx.Timeout(politeness.timeout)
        limits = httpx.Limits(max_connections=politeness.workers, max_keepalive_connections=politeness.workers)
        self.client = httpx.Client(timeout=timeout, limits=limits, trust_env=False, headers={"User-Agent": user_agent()})
        self._lock = threading.Lock()
        self._hosts: dict[str, _Host] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """The response to a GET of ``url``, conditional on the validators given; ``FetchFailed`` when refused or failed."""
        conditions = {"If-None-Match": etag, "If-Modified-Since": last_modified}
        headers = {name: value for name, value in conditions.items() if value}
        for _ in range(self.politeness.max_redirects + 1):
            target = self._checked(url)
            if not self._robots(target).can_fetch("tinkuy", url):
                raise FetchFailed("robots", f"robots.txt of {target.host} forbids {url}")
            fetched = self._request(target, url, headers, self.politeness.max_bytes)
            if isinstance(fetched, Fetched):
                return fetched
            url = fetched
        raise FetchFailed("redirects", f"more than {self.politeness.max_redirects} redirects from {url}")

    def unpacked(self, fetched: Fetched) -> bytes:
        """The body of a feed, decompressed when it is gzip (a ``sitemap.xml.gz``), at most ``max_bytes`` either way."""
        if not fetched.body.startswith(GZIP_MAGIC):
            return fetched.body
        limit = self.politeness.max_bytes
        decompressor = zlib.decompressobj(wbits=GZIP_WBITS)
        try:
            body = decompressor.decompress(fetched.body, limit + 1)
        except zlib.error as error:
            raise FetchFailed("broken_feed", f"{fetched.url} is not valid gzip: {error}") from None
        if len(body) > limit:
            raise FetchFailed("too_large", f"{fetched.url} decompresses to more than {limit:,} bytes")
        if not decompressor.eof:
            raise FetchFailed("broken_feed", f"{fetched.url} is cut short: its gzip stream does not end")
        return body

    def _checked(self, url: str) -> _Target:
        """Where ``url`` leads: its scheme checked and its host resolved to a permitted address."""
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchFailed("scheme", f"only http and https URLs are fetched, not {url[:200]!r}")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
            found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
        except (OSError, ValueError) as error:
            raise FetchFailed("dns", f"cannot resolve {parts.hostname}: {error}") from None
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found]
        refused = [a for a in addresses if not self.permitted(a)]
        if refused or not addresses:
            raise FetchFailed(
                "private_address", f"{parts.hostname} resolves to {refused[0] if refused else 'nothing'}, not a public address"
            )
        return _Target(parts.scheme, parts.hostname, port, addresses[0])

    def _request(self, target: _Target, url: str, headers: dict[str, str], max_bytes: int) -> Fetched | str:
        """One request to the checked address, in turn for its host: the response, or the URL a redirect leads to."""
        host = self._host(target.host)
        with host.turn(self.politeness.delay):
            try:
                return self._send(target, url, headers, max_bytes)
            except httpx.TimeoutException:
                raise FetchFailed("timeout", f"no answer from {target.host} within {self.politeness.timeout:g} s") from None
            except httpx.HTTPError as error:
                raise FetchFailed("network", f"{type(error).__name__} fetching {url}: {error}") from None

    def _send(self, target: _Target, url: str, headers: dict[str, str], max_bytes: int) -> Fetched | str:
        parts = urllib.parse.urlsplit(url)
        address = f"[{target.address}]" if target.address.version == 6 else str(target.address)
        pinned = urllib.parse.urlunsplit((parts.scheme, f"{address}:{target.port}", parts.path or "/", parts.query, ""))
        host_header = parts.netloc.rpartition("@")[2]
        request = self.client.build_request(
            "GET", pinned, headers={**headers, "Host": host_header}, extensions={"sni_hostname": target.host}
        )
        started = time.monotonic()
        response = self.client.send(request, stream=True)
        try:
            if response.status_code in REDIRECTS and "location" in response.headers:
                return urllib.parse.urljoin(url, response.headers["location"])
            if response.status_code == 304:
                return Fetched(url, b"", "", headers.get("If-None-Match"), headers.get("If-Modified-Since"), not_modified=True)
            if response.status_code != 200:
                raise FetchFailed(f"http_{response.status_code}", f"HTTP {response.status_code} for {url}")
            body = self._body(response, url, max_bytes, started)
        finally:
            response.close()
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        return Fetched(url, body, content_type, response.headers.get("etag"), response.headers.get("last-modified"))

    def _body(self, response: httpx.Response, url: str, max_bytes: int, started: float) -> bytes:
        """At most ``max_bytes`` of the body, within the deadline."""
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchFailed("too_large", f"{url} declares {int(declared):,} bytes; the limit is {max_bytes:,}")
        pieces, size = [], 0
        for piece in response.iter_bytes():
            size += len(piece)
            if size > max_bytes:
                raise FetchFailed("too_large", f"{url} sends more than {max_bytes:,} bytes")
            if time.monotonic() - started > self.politeness.deadline:
                raise FetchFailed("timeout", f"{url} took more than {self.politeness.deadline:g} s to send")
            pieces.append(piece)
        return b"".join(pieces)

    def _host(self, name: str) -> _Host:
        with self._lock:
            return self._hosts.setdefault(name, _Host())

    def _robots(self, target: _Target) -> urllib.robotparser.RobotFileParser:
        """The robots.txt rules of a site, read once (under the site's turn)."""
        host = self._host(target.host)
        with host.robots_lock:
            if host.robots is None:
                host.robots = self._read_robots(target)
                delay = host.robots.crawl_delay("tinkuy")
                host.delay = float(delay) if delay else 0.0
            return host.robots

    def _read_robots(self, target: _Target) -> urllib.robotparser.RobotFileParser:
        rules = urllib.robotparser.RobotFileParser()
        default_port = 443 if target.scheme == "https" else 80
        netloc = target.host if target.port == default_port else f"{target.host}:{target.port}"
        url = f"{target.scheme}://{netloc}/robots.txt"
        try:
            fetched = self._request(target, url, {}, ROBOTS_MAX_BYTES)
        except FetchFailed as failed:
            if failed.reason.startswith("http_4"):
                rules.parse([])  # no robots.txt: everything allowed
            else:
                rules.parse(["User-agent: *", "Disallow: /"])  # unreachable: nothing this round
            return rules
        if isinstance(fetched, str):  # a redirected robots.txt is not followed: treated as absent
            rules.parse([])
            return rules
        rules.parse(fetched.body.decode("utf-8", errors="replace").splitlines())
        return rules


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str
    port: int
    address: IPAddress


@dataclass
class _Host:
    """One host's turn: one request at a time, spaced by the delay (or its robots.txt Crawl-delay if longer)."""

    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)
    robots_lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)
    robots: urllib.robotparser.RobotFileParser | None = None
    delay: float = 0.0
    last: float = float("-inf")

    def turn(self, delay: float) -> _Turn:
        return _Turn(self, max(delay, self.delay))


class _Turn:
    def __init__(self, host: _Host, delay: float) -> None:
        self.host = host
        self.delay = delay

    def __enter__(self) -> None:
        self.host.lock.acquire()
        wait = self.host.last + self.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self.host.last = time.monotonic()

    def __exit__(self, *exc: object) -> None:
        self.host.lock.release()
