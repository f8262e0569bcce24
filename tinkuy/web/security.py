"""What every answer of the app carries, and which requests it answers at all.

- **Host check.** The app answers only requests addressed to the host it was
  bound to or to this machine (``localhost``, ``127.0.0.1``, ``::1``), plus the
  names ``tinkuy serve --allow-host`` adds. A page on another site that points
  its own name at 127.0.0.1 (DNS rebinding) so that a browser sends it the
  app's answers is refused: its requests name that site as their host.
- **Headers.** A strict Content-Security-Policy (scripts, styles, data and
  connections only from the app itself; no inline script or style, no eval, no
  plugins, no framing, no other base URL, forms only to the app), ``X-Content-Type-Options:
  nosniff`` (a file is never read as another type), ``Referrer-Policy:
  no-referrer`` (a link to an article does not tell its site what was being
  looked at) and ``X-Frame-Options: DENY`` for browsers without ``frame-ancestors``.

The report (``tinkuy.report``) carries the same policy in a ``<meta>`` element,
with the hashes of its inline scripts and style (``content_security_policy``).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
"""Names of this machine that are always answered."""


def content_security_policy(scripts: Iterable[str] = (), styles: Iterable[str] = ()) -> str:
    """The policy: only the app's own scripts and style, or, for a page with them inline, only those (by their hashes)."""
    script_src = " ".join(_hash(s) for s in scripts) or "'self'"
    style_src = " ".join(_hash(s) for s in styles) or "'self'"
    return (
        f"default-src 'none'; script-src {script_src}; style-src {style_src}; img-src 'self' data:; "
        "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


HEADERS = {
    "Content-Security-Policy": content_security_policy(),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def host_of(header: str | None) -> str | None:
    """The host name of a ``Host`` header, without its port, lower case (IPv6 without brackets); None when malformed."""
    if not header:
        return None
    if header.startswith("["):
        host, bracket, _ = header[1:].partition("]")
        return host.lower() if bracket else None
    host = header.rsplit(":", 1)[0] if header.count(":") == 1 else header
    return host.lower() or None


class Guard:
    """ASGI middleware: refuse requests to other hosts, and add the security headers to every answer."""

    def __init__(self, app: ASGIApp, hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = LOCAL_HOSTS | {h.lower().strip("[]") for h in hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        host = host_of(Headers(scope=scope).get("host"))
        if host not in self.hosts:
            refusal = PlainTextResponse(
                f"this server answers requests to {', '.join(sorted(self.hosts))} only; "
                "to reach it by another name, start it with `tinkuy serve --allow-host NAME`",
                status_code=400,
            )
            await refusal(scope, receive, secured)
            return
        await self.app(scope, receive, secured)
