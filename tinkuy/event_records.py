"""The event record at the edges: as JSON, as a flat CSV row, as Arrow, and its JSON Schema.

``event_to_dict`` is the record users see; ``event_json_schema`` describes it
(published as ``schema/event.schema.json``); ``EVENT_SCHEMA`` is the same record
as Arrow types, for Parquet files and bulk writes into DuckDB; ``CSV_COLUMNS``
are its columns flattened. All are read from ``model.Event`` (``tinkuy.shapes``),
so a field added there reaches every format.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

import pyarrow as pa

from .model import Event
from .shapes import arrow_schema, json_schema, to_row

EVENT_SCHEMA = arrow_schema(Event)
"""The event record as Arrow types."""


def _flat_columns(schema: Iterable[pa.Field], prefix: str = "") -> list[str]:
    columns: list[str] = []
    for field in schema:
        if pa.types.is_struct(field.type):
            columns += _flat_columns(field.type, f"{prefix}{field.name}.")
        else:
            columns.append(prefix + field.name)
    return columns


CSV_COLUMNS = tuple(_flat_columns(EVENT_SCHEMA))
"""The columns of an event as a flat row: nested fields as ``source.code``."""

PUBLISHED_SCHEMA = "schema/event.schema.json"
"""Where the event's JSON Schema is published, inside the package."""


def event_json_schema() -> dict[str, Any]:
    """The JSON Schema of the event record (the published ``schema/event.schema.json``)."""
    return json_schema(Event, **{"$id": f"https://github.com/tinkuy/tinkuy/{PUBLISHED_SCHEMA}", "title": "tinkuy event record"})


def event_to_dict(event: Event) -> dict[str, Any]:
    """The event record as JSON-ready values."""
    return to_json_ready(to_row(event))


def to_json_ready(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row with its dates as ISO strings (rows read back from Arrow or DuckDB too)."""
    return {k: _json_value(v) for k, v in row.items()}


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return to_json_ready(value)
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    return value


def csv_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """A record as one flat row of ``CSV_COLUMNS``: the fields of a null actor empty, lists as JSON text."""
    return {column: _cell(record, column.split(".")) for column in CSV_COLUMNS}


def _cell(record: Mapping[str, Any], path: list[str]) -> Any:
    value: Any = record
    for key in path:
        if value is None:
            return None
        value = value[key]
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


def events_table(rows: Iterable[Mapping[str, Any]]) -> pa.Table:
    """Event rows as an Arrow table with the event schema."""
    return pa.Table.from_pylist(list(rows), schema=EVENT_SCHEMA)
