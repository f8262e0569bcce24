"""``/api/export``: what the filters select, as a file to download (``tinkuy.exports``).

The rows stream from the store as they are encoded, so a download of any size
takes little memory; the file is named for its table and format.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

import duckdb
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from .. import exports
from .params import ExportParams, given_once

router = APIRouter(prefix="/api", tags=["api"], dependencies=[Depends(given_once)])


@router.get(
    "/export",
    summary="The merged events, mentions or articles the filters select, as a CSV, JSON Lines or Parquet file,"
    " or the located events as GeoJSON",
    response_class=StreamingResponse,
    responses={200: {"description": "the file", "content": {media: {} for media in exports.MEDIA_TYPES.values()}}},
)
def export(request: Request, params: Annotated[ExportParams, Query()]) -> StreamingResponse:
    con: duckdb.DuckDBPyConnection = request.app.state.store.cursor()
    try:
        reader = exports.select(con, params.table, params.filters(), located=params.format in exports.LOCATED_FORMATS)
    except BaseException:
        con.close()
        raise

    def body() -> Iterator[bytes]:
        try:
            yield from exports.encode(reader.schema, reader, params.format)
        finally:
            con.close()

    name = f"tinkuy-{params.table}.{params.format}"
    return StreamingResponse(
        body(), media_type=exports.MEDIA_TYPES[params.format], headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
