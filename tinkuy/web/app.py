"""The web app: the overview and event pages, their assets, and the JSON API.

``create_app`` reads the store read-only, each request the version last
published (``tinkuy.store_swap``), so a run can write meanwhile; the app never
writes. Pages are the templates of ``tinkuy.web.pages``; the only files served
are the assets of ``tinkuy.web.assets``, never a path a request names. Every
answer passes the guard of ``tinkuy.web.security`` (host check, headers), and
answers of more than a kilobyte are compressed.

``ROUTERS`` lists the parts of the API, one module each: a new part is a new
module and a line there.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import FastAPI, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.middleware.gzip import GZipMiddleware

from .. import analysis
from ..errors import StoreError, UsageError
from ..names import load_vocabulary
from ..store_swap import Published
from . import downloads, pages, routes, vocabulary
from .assets import PREFIX, assets
from .security import Guard

log = logging.getLogger(__name__)

ROUTERS = (routes.router, vocabulary.router, downloads.router)
"""The parts of the JSON API."""
UNCOMPRESSED = ("text/event-stream", "application/vnd.apache.parquet")
"""Answers not worth compressing again."""


def create_app(db: str | os.PathLike[str], title: str = "tinkuy", hosts: Iterable[str] = ()) -> FastAPI:
    """The app over one store, opened read-only (it must have been deduplicated).

    It answers requests addressed to this machine, and to ``hosts`` (the
    address it is bound to, names it is reached by).
    """
    store = Published(db)
    try:
        with contextlib.closing(store.cursor()) as cursor:
            analysis.require_merged(cursor)
    except StoreError:
        store.close()
        raise

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        threading.Thread(target=load_vocabulary().find, args=("warm",), daemon=True).start()  # names to suggest, read ahead
        yield
        store.close()

    app = FastAPI(
        title=f"{title} events",
        summary="Political events coded from news, merged across articles, each with its evidence.",
        lifespan=lifespan,
        docs_url=None,  # Swagger UI and ReDoc load from a CDN; /docs is a page of our own, offline
        redoc_url=None,
    )
    app.state.store = store
    app.add_exception_handler(UsageError, refused)
    served = assets()
    linked = pages.linked_assets({name: asset.url for name, asset in served.items()})
    by_url = {asset.url: asset for asset in served.values()}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview_page() -> str:
        return pages.render("overview.html", title, linked)

    @app.get("/events/{merged_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(merged_id: Annotated[str, Path(pattern=r"^[0-9a-f]{20}$")]) -> str:
        return pages.render("event.html", title, linked)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page() -> str:
        return pages.render("docs.html", title, linked)

    @app.get(PREFIX + "{name}", include_in_schema=False)
    def asset(name: str, request: Request) -> Response:
        found = by_url.get(PREFIX + name)
        if found is None:
            raise HTTPException(status_code=404, detail="no such file")
        return found.response(request)

    for router in ROUTERS:
        app.include_router(router)
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6, exclude_content_types=UNCOMPRESSED)
    app.add_middleware(Guard, hosts=hosts)
    return app


async def refused(request: Request, error: Exception) -> JSONResponse:
    """A request the analysis refuses (a series of too many periods) is a 422, shaped as FastAPI's own."""
    return JSONResponse(status_code=422, content={"detail": [{"loc": ["query"], "msg": str(error), "type": "value_error"}]})
