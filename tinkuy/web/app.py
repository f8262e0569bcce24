"""The web app: the overview and event pages, their static files, and the JSON API.

``create_app`` reads the store read-only, each request the version last
published (``tinkuy.store_swap``), so a run can write meanwhile; the app never
writes. Pages are the templates of ``tinkuy.web.pages``; the only files served
are those of ``static/`` and plotly.js from the plotly package, never a path a
request names.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import FastAPI, Path
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from .. import analysis
from ..errors import StoreError
from ..store_swap import Published
from . import pages
from .routes import router

log = logging.getLogger(__name__)


def create_app(db: str | os.PathLike[str], title: str = "tinkuy") -> FastAPI:
    """The app over one store, opened read-only (it must have been deduplicated)."""
    store = Published(db)
    try:
        with contextlib.closing(store.cursor()) as cursor:
            analysis.require_merged(cursor)
    except StoreError:
        store.close()
        raise

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
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
    assets = pages.linked_assets()

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview_page() -> str:
        return pages.render("overview.html", title, assets)

    @app.get("/events/{merged_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(merged_id: Annotated[str, Path(pattern=r"^[0-9a-f]{20}$")]) -> str:
        return pages.render("event.html", title, assets)

    @app.get("/feeds", response_class=HTMLResponse, include_in_schema=False)
    def feeds_page() -> str:
        return pages.render("feeds.html", title, assets)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs_page() -> str:
        return pages.render("docs.html", title, assets)

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(pages.PLOTLY_JS, media_type="text/javascript")

    app.include_router(router)
    app.mount("/static", StaticFiles(directory=pages.STATIC), name="static")
    return app
