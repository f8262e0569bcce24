"""The app's scripts and style: served compressed, cached for good, reloaded when they change.

Each file is served at an address that holds a hash of its content
(``/assets/app.3f2a1c9d.js``), so a browser may keep it for a year without
asking again (``Cache-Control: immutable``) and still gets a new version at
once: a changed file has a new address, which the pages link to. Each file is
read and compressed with gzip once per process; a browser that accepts gzip
gets the compressed bytes, the others the file as it is. Only the files listed here are served, never a path a request
names.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response

from . import pages

MEDIA_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".json": "application/json"}
CACHE_CONTROL = "public, max-age=31536000, immutable"
PREFIX = "/assets/"


@dataclass(frozen=True)
class Asset:
    """One file as served: its address, its bytes, and the same compressed."""

    url: str
    body: bytes
    gzipped: bytes
    media_type: str

    def response(self, request: Request) -> Response:
        headers = {"Cache-Control": CACHE_CONTROL, "Vary": "Accept-Encoding"}
        if "gzip" in request.headers.get("accept-encoding", ""):
            return Response(self.gzipped, media_type=self.media_type, headers=headers | {"Content-Encoding": "gzip"})
        return Response(self.body, media_type=self.media_type, headers=headers)


@cache
def _asset(path: Path, stamp: float) -> Asset:
    """A file read and compressed; ``stamp`` (its modification time) makes a changed file a new asset."""
    body = path.read_bytes()
    digest = hashlib.sha256(body).hexdigest()[:12]
    url = f"{PREFIX}{path.stem}.{digest}{path.suffix}"
    return Asset(url, body, gzip.compress(body, compresslevel=9, mtime=0), MEDIA_TYPES[path.suffix])


def assets() -> dict[str, Asset]:
    """Every file the pages link to, by its name (``app.js``, ``style.css``, the map's ``countries.json``)."""
    files = [pages.STATIC / pages.STYLE, *(pages.STATIC / name for name in pages.SCRIPTS), pages.WORLD]
    return {path.name: _asset(path, path.stat().st_mtime) for path in files}
