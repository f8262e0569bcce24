"""The event record at the edges: as JSON, as a flat CSV row, as Arrow.

``event_to_dict`` is the record users see (the contract, described by
``schema/event.schema.json``); ``EVENT_SCHEMA`` is the same record as Arrow
types, used for Parquet files and for bulk writes into DuckDB.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from typing import Any

import pyarrow as pa

from .model import Actor, Attribution, Event, Evidence, Span

_ACTOR = pa.struct([(name, pa.string()) for name in ("text", "code", "country", "sector", "name")])
_SPAN = pa.list_(pa.int32())

EVENT_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("article_id", pa.string()),
        ("doc_id", pa.string()),
        ("sentence_index", pa.int32()),
        ("sentence", pa.string()),
        ("date", pa.date32()),
        ("date_precision", pa.string()),
        ("source", _ACTOR),
        ("target", _ACTOR),
        ("cameo", pa.string()),
        ("root", pa.string()),
        ("plover", pa.string()),
        ("quad_class", pa.int8()),
        ("goldstein", pa.float64()),
        ("modality", pa.string()),
        ("attribution", pa.struct([("type", pa.string()), ("text", pa.string())])),
        ("hedged", pa.bool_()),
        ("genre", pa.string()),
        (
            "evidence",
            pa.struct(
                [
                    ("source_span", _SPAN),
                    ("target_span", _SPAN),
                    ("event_spans", pa.list_(_SPAN)),
                    ("rule", pa.string()),
                    ("source_entry", pa.string()),
                    ("target_entry", pa.string()),
                    ("date_text", pa.string()),
                    ("date_source", pa.string()),
                    ("notes", pa.list_(pa.string())),
                ]
            ),
        ),
    ]
)


def event_to_row(event: Event) -> dict[str, Any]:
    """The event as plain Python values (dates as ``date``), nested like the record."""
    row: dict[str, Any] = _plain(dataclasses.asdict(event))
    return row


def event_from_row(row: Mapping[str, Any]) -> Event:
    """The event a row of ``event_to_row`` (or of the store) holds."""
    evidence = row["evidence"]
    return Event(
        **{name: row[name] for name in EVENT_SCHEMA.names if name not in ("source", "target", "attribution", "evidence")},
        source=_actor(row["source"]),
        target=_actor(row["target"]),
        attribution=Attribution(**row["attribution"]),
        evidence=Evidence(
            **evidence
            | {
                "source_span": _span(evidence["source_span"]),
                "target_span": _span(evidence["target_span"]),
                "event_spans": tuple(_span(s) for s in evidence["event_spans"]),
                "notes": tuple(evidence["notes"]),
            }
        ),
    )


def _actor(value: Mapping[str, Any] | None) -> Actor | None:
    return Actor(**value) if value is not None else None


def _span(value: Sequence[int] | None) -> Span | None:
    return (value[0], value[1]) if value is not None else None


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def event_to_dict(event: Event) -> dict[str, Any]:
    """The event record as JSON-ready values."""
    return to_json_ready(event_to_row(event))


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


def flatten(record: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """A nested record as one flat row for CSV: ``source.code``; lists as JSON text."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat |= flatten(value, f"{name}.")
        elif key in ("source", "target") and value is None:
            flat |= {f"{name}.{field}": None for field in _ACTOR.names}
        elif isinstance(value, list):
            flat[name] = json.dumps(value, ensure_ascii=False)
        else:
            flat[name] = value
    return flat


def events_table(rows: Iterable[Mapping[str, Any]]) -> pa.Table:
    """Event rows as an Arrow table with the event schema."""
    return pa.Table.from_pylist(list(rows), schema=EVENT_SCHEMA)


def event_json_schema() -> dict[str, Any]:
    """The published JSON Schema of the event record."""
    text = resources.files("tinkuy").joinpath("schema", "event.schema.json").read_text(encoding="utf-8")
    result: dict[str, Any] = json.loads(text)
    return result
