"""The store's tables as files: exactly what the filters select, as merged events, mentions or articles.

Three tables, like GDELT's events and mentions tables:

- ``merged``: one row per merged event (``tinkuy.dedup``), with the names of
  its codes, its dates, corroboration, outlets, the first and last day it was
  reported, its lead sentence and URL, the ids of all its mentions, and where
  it happened;
- ``mentions``: one event record per mention (``docs/record.md``), as
  ``tinkuy code`` writes them, and where it happened;
- ``articles``: the stored articles that hold a selected mention (every
  stored article when no filter is set).

Where an event happened is in GDELT's ``action_geo_*`` columns
(``tinkuy.action_geo``); a merged event is where dedup places it
(``tinkuy.dedup``), and ``location_event_id`` names the mention that says so.

The filters (``tinkuy.analysis.Filters``) select merged events for ``merged``
and mentions for the others, as the analyses count them. Rows stream from the
store in batches, so memory stays flat for any size, in JSON Lines, CSV (nested
fields as ``source.code`` columns, lists as JSON), Parquet, or GeoJSON (the
located events only, as a FeatureCollection of points, RFC 7946).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any, Literal, Protocol, get_args

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from . import action_geo
from .analysis import Filters, unit_selection
from .coding.codebook import load_codebook
from .errors import UsageError
from .event_records import EVENT_SCHEMA, to_json_ready
from .names import load_vocabulary
from .store import require_event_fields

Table = Literal["merged", "mentions", "articles"]
Format = Literal["jsonl", "csv", "parquet", "geojson"]
TABLES: tuple[Table, ...] = get_args(Table)
FORMATS: tuple[Format, ...] = get_args(Format)
MEDIA_TYPES: dict[Format, str] = {
    "jsonl": "application/x-ndjson",
    "csv": "text/csv",
    "parquet": "application/vnd.apache.parquet",
    "geojson": "application/geo+json",
}
LOCATED_FORMATS: frozenset[Format] = frozenset({"geojson"})
"""The formats that hold located events only."""
_EVENTS_ONLY = "only events have locations: export the merged or mentions table"
BATCH_ROWS = 10_000
UNFILTERED = Filters(modality=None)
"""Every mention and merged event, whatever its modality."""

_MERGED = """
WITH selected AS (SELECT * FROM merged_events WHERE {condition}),
reported AS (
    SELECT mm.merged_id, min(a.published) AS first_reported, max(a.published) AS last_reported,
           list(mm.event_id ORDER BY mm.event_id) AS event_ids
    FROM selected s JOIN merged_mentions mm USING (merged_id) JOIN events e USING (event_id) JOIN articles a USING (article_id)
    GROUP BY mm.merged_id)
SELECT s.merged_id, s.date, s.last_date, s.date_precision,
       s.source_code, sn.name AS source_name, s.target_code, tn.name AS target_name,
       s.cameo, c.name AS cameo_name, s.root, c.plover, s.quad_class, s.goldstein, s.modality,
       s.attribution, s.hedged, s.corroboration, s.n_mentions, s.n_articles, s.n_outlets, s.outlets,
       r.first_reported, r.last_reported, m.sentence AS lead_sentence, a.url AS lead_url, s.lead_event_id, r.event_ids,
       {geo}, s.location_event_id
FROM selected s JOIN reported r USING (merged_id)
JOIN events m ON m.event_id = s.lead_event_id LEFT JOIN articles a ON a.article_id = m.article_id
LEFT JOIN export_names sn ON sn.code = s.source_code LEFT JOIN export_names tn ON tn.code = s.target_code
LEFT JOIN export_codebook c ON c.code = s.cameo {geo_joins}
{located}
ORDER BY s.date NULLS LAST, s.merged_id
"""
_MENTIONS = "SELECT {columns}, {geo} FROM events e {geo_joins} {where} ORDER BY e.article_id, e.sentence_index, e.event_id"
_ARTICLES = "SELECT * FROM articles {where} ORDER BY published NULLS LAST, article_id"
_SELECTED_MENTIONS = "{units} SELECT unit_id FROM units"


def select(
    con: duckdb.DuckDBPyConnection, table: Table, filters: Filters, rows: int = BATCH_ROWS, located: bool = False
) -> pa.RecordBatchReader:
    """The rows of ``table`` the filters select, in a stable order, as a reader of Arrow batches;
    ``located``: only the events with a location (``LOCATED_FORMATS`` need them)."""
    if table not in TABLES:
        raise UsageError(f"table must be one of {', '.join(TABLES)}, not {table!r}")
    if located and table == "articles":
        raise UsageError(_EVENTS_ONLY)
    if table == "merged":
        condition, parameters = filters.where("event")
        _register_names(con)
        geo = {"geo": action_geo.columns("s.location"), "geo_joins": action_geo.name_joins(con, "s.location")}
        sql = _MERGED.format(condition=condition, located="WHERE s.location IS NOT NULL" if located else "", **geo)
    elif table == "mentions":
        require_event_fields(con)
        where, parameters = _mentions_where(filters, "event_id")
        if located:
            where = f"{where} AND e.location IS NOT NULL" if where else "WHERE e.location IS NOT NULL"
        columns = ", ".join(f"e.{name}" for name in EVENT_SCHEMA.names)
        geo = {"geo": action_geo.columns("e.location"), "geo_joins": action_geo.name_joins(con, "e.location")}
        sql = _MENTIONS.format(columns=columns, where=where, **geo)
    else:
        require_event_fields(con)
        where, parameters = _mentions_where(filters, "article_id")
        sql = _ARTICLES.format(where=where)
    reader: pa.RecordBatchReader = con.sql(sql, params=parameters or None).to_arrow_reader(rows)
    return reader


def _mentions_where(filters: Filters, key: str) -> tuple[str, dict[str, Any]]:
    """The condition selecting the mentions (or the articles of the mentions) the filters select; none without filters."""
    if filters == UNFILTERED:
        return "", {}
    units, parameters = unit_selection("mention", filters)
    selected = _SELECTED_MENTIONS.format(units=units)
    if key == "event_id":
        return f"WHERE event_id IN ({selected})", parameters
    return f"WHERE article_id IN (SELECT article_id FROM events WHERE event_id IN ({selected}))", parameters


def _register_names(con: duckdb.DuckDBPyConnection) -> None:
    """The names of the store's actor codes and of the CAMEO codes, as tables the merged export joins."""
    codes = [row[0] for row in con.execute(
        "SELECT DISTINCT code FROM (SELECT source_code AS code FROM merged_events UNION SELECT target_code FROM merged_events)"
        " WHERE code IS NOT NULL"
    ).fetchall()]  # fmt: skip
    vocabulary = load_vocabulary()
    con.register("export_names", pa.table({"code": codes, "name": [vocabulary.actor_name(c) for c in codes]}))
    codebook = load_codebook().codes.values()
    con.register(
        "export_codebook",
        pa.table(
            {"code": [c.code for c in codebook], "name": [c.name for c in codebook], "plover": [c.plover for c in codebook]}
        ),
    )


class Sink(Protocol):
    """Where encoded bytes go: a binary file, or anything with its ``write``."""

    def write(self, data: bytes, /) -> Any: ...


def write(reader: pa.RecordBatchReader, format: Format, sink: Sink) -> int:
    """Write the rows of a reader to a binary stream in ``format``; how many rows."""
    written = 0

    def counted() -> Iterator[pa.RecordBatch]:
        nonlocal written
        for batch in reader:
            written += batch.num_rows
            yield batch

    for chunk in encode(reader.schema, counted(), format):
        sink.write(chunk)
    return written


def encode(schema: pa.Schema, batches: Iterable[pa.RecordBatch], format: Format) -> Iterator[bytes]:
    """Rows of ``schema`` encoded in ``format``, batch by batch, as bytes to append to a file.

    A CSV file opens with its header; a Parquet file holds a row group per
    batch and ends with its footer; a GeoJSON file is a FeatureCollection
    whose features are written as they come; every format gives a whole file
    for no rows.
    """
    if format not in FORMATS:
        raise UsageError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    if format == "parquet":
        yield from _parquet(schema, batches)
        return
    if format == "geojson":
        yield from _geojson(schema, batches)
        return
    columns = _flat(schema)
    if format == "csv":
        yield _csv_lines([columns]).encode("utf-8")
    for batch in batches:
        rows = [to_json_ready(row) for row in batch.to_pylist()]
        if format == "jsonl":
            text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        else:
            text = _csv_lines([_cell(row, column.split(".")) for column in columns] for row in rows)
        yield text.encode("utf-8")


def _geojson(schema: pa.Schema, batches: Iterable[pa.RecordBatch]) -> Iterator[bytes]:
    """The rows as a FeatureCollection (RFC 7946): a point at each row's longitude and latitude
    (in that order), the row's fields as its properties."""
    if action_geo.LATITUDE not in schema.names:
        raise UsageError(_EVENTS_ONLY)
    yield b'{"type": "FeatureCollection", "features": ['
    separator = "\n"
    for batch in batches:
        features = []
        for row in batch.to_pylist():
            point = {"type": "Point", "coordinates": [row[action_geo.LONGITUDE], row[action_geo.LATITUDE]]}
            feature = {"type": "Feature", "geometry": point, "properties": to_json_ready(row)}
            features.append(separator + json.dumps(feature, ensure_ascii=False))
            separator = ",\n"
        yield "".join(features).encode("utf-8")
    yield b"\n]}\n"


def _csv_lines(rows: Iterable[list[Any]]) -> str:
    stream = io.StringIO()
    csv.writer(stream, lineterminator="\n").writerows(rows)
    return stream.getvalue()


def _flat(fields: pa.Schema | pa.StructType, prefix: str = "") -> list[str]:
    columns: list[str] = []
    for field in fields:
        if pa.types.is_struct(field.type):
            columns += _flat(field.type, f"{prefix}{field.name}.")
        else:
            columns.append(prefix + field.name)
    return columns


def _cell(row: dict[str, Any], path: list[str]) -> Any:
    value: Any = row
    for key in path:
        if value is None:
            return None
        value = value[key]
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


class _Drain:
    """A write-only binary file whose bytes are taken as they come, so a Parquet file can stream."""

    def __init__(self) -> None:
        self.pending = bytearray()
        self.written = 0
        self.closed = False

    def write(self, data: bytes) -> int:
        self.pending += data
        self.written += len(data)
        return len(data)

    def tell(self) -> int:
        return self.written

    def flush(self) -> None:
        """Nothing to flush: the bytes are taken with ``take``."""

    def close(self) -> None:
        self.closed = True

    def take(self) -> bytes:
        data, self.pending = bytes(self.pending), bytearray()
        return data


def _parquet(schema: pa.Schema, batches: Iterable[pa.RecordBatch]) -> Iterator[bytes]:
    drain = _Drain()
    writer = pq.ParquetWriter(drain, schema)
    for batch in batches:
        writer.write_batch(batch)
        yield drain.take()
    writer.close()
    yield drain.take()
