"""One declaration per record: the Arrow schema, the JSON Schema, the store's columns and the
projections that read the stored record all agree with the dataclasses.

The published ``tinkuy/schema/event.schema.json`` is what ``model.Event`` derives; after a change
to the record, write it again with::

    TINKUY_UPDATE_SNAPSHOT=1 python -m pytest tests/test_shapes.py
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
from importlib import resources
from typing import Literal, get_type_hints

import pyarrow as pa
import pytest

from tinkuy import analysis, dedup
from tinkuy.event_records import CSV_COLUMNS, EVENT_SCHEMA, PUBLISHED_SCHEMA, event_json_schema
from tinkuy.model import Article, Event, Rejection, Sentence
from tinkuy.shapes import about, arrow_schema, from_row, json_schema, optional, to_row
from tinkuy.store import TABLE_SCHEMAS, Store


@dataclasses.dataclass(frozen=True, slots=True)
class Point:
    """A point on a line."""

    x: int = dataclasses.field(metadata=about("Where.", arrow="int8", minimum=0))
    label: str | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Sample:
    """A record with a field of every kind.

    This second paragraph is not in its description.
    """

    name: str
    count: int
    share: float
    flag: bool
    day: dt.date | None
    kind: Literal["a", "b"]
    maybe: Literal["a", "b"] | None
    pair: tuple[int, int] | None = dataclasses.field(metadata=about(items={"minimum": 0}))
    words: tuple[str, ...]
    at: Point
    near: Point | None
    points: tuple[Point, ...]


SAMPLE = Sample("n", 3, 0.5, True, dt.date(2024, 4, 6), "a", None, (1, 2), ("w",), Point(1), None, (Point(2, "p"),))


def test_the_arrow_schema_of_every_kind_of_field():
    point = pa.struct([("x", pa.int8()), ("label", pa.string())])
    expected = pa.schema(
        [
            ("name", pa.string()),
            ("count", pa.int32()),
            ("share", pa.float64()),
            ("flag", pa.bool_()),
            ("day", pa.date32()),
            ("kind", pa.string()),
            ("maybe", pa.string()),
            ("pair", pa.list_(pa.int32())),
            ("words", pa.list_(pa.string())),
            ("at", point),
            ("near", point),
            ("points", pa.list_(point)),
        ]
    )
    assert arrow_schema(Sample).equals(expected)
    assert arrow_schema(Sample, exclude={"near", "points"}).names == expected.names[:-2]


def test_the_json_schema_of_every_kind_of_field():
    schema = json_schema(Sample, title="sample")
    point = {"$ref": "#/$defs/point"}
    assert schema["title"] == "sample" and schema["description"] == "A record with a field of every kind."
    assert schema["required"] == [f.name for f in dataclasses.fields(Sample)] and schema["additionalProperties"] is False
    assert schema["properties"] == {
        "name": {"type": "string"},
        "count": {"type": "integer"},
        "share": {"type": "number"},
        "flag": {"type": "boolean"},
        "day": {"type": ["string", "null"], "format": "date"},
        "kind": {"enum": ["a", "b"]},
        "maybe": {"enum": ["a", "b", None]},
        "pair": {"type": ["array", "null"], "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2},
        "words": {"type": "array", "items": {"type": "string"}},
        "at": point,
        "near": {"anyOf": [point, {"type": "null"}]},
        "points": {"type": "array", "items": point},
    }
    assert schema["$defs"]["point"]["properties"] == {
        "x": {"type": "integer", "description": "Where.", "minimum": 0},
        "label": {"type": ["string", "null"]},
    }


def test_a_record_comes_back_from_its_row():
    row = to_row(SAMPLE)
    assert row["pair"] == [1, 2] and row["points"] == [{"x": 2, "label": "p"}] and row["near"] is None
    assert from_row(Sample, json.loads(json.dumps(row, default=str)) | {"day": SAMPLE.day}) == SAMPLE
    table = pa.Table.from_pylist([row], schema=arrow_schema(Sample))
    assert from_row(Sample, table.to_pylist()[0]) == SAMPLE


@pytest.mark.parametrize("hint", [dict[str, int], int | str, tuple[int, str], bytes])
def test_a_type_the_shapes_cannot_say_is_refused(hint):
    record = dataclasses.make_dataclass("Odd", [("odd", hint)])
    with pytest.raises(TypeError):
        arrow_schema(record)
    with pytest.raises(TypeError):
        json_schema(record)


def test_the_published_json_schema_is_the_one_the_event_declares():
    published = resources.files("tinkuy").joinpath(PUBLISHED_SCHEMA)
    derived = event_json_schema()
    if os.environ.get("TINKUY_UPDATE_SNAPSHOT"):
        with resources.as_file(published) as path:
            path.write_text(json.dumps(derived, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert json.loads(published.read_text(encoding="utf-8")) == derived
    assert list(derived["properties"]) == EVENT_SCHEMA.names
    assert CSV_COLUMNS[:3] == ("event_id", "article_id", "doc_id") and "source.code" in CSV_COLUMNS


def _types(con, relation: str) -> dict[str, str]:
    """Column -> DuckDB type of a table, a view, a registered Arrow table or a query."""
    return {row[0]: row[1] for row in con.execute(f"DESCRIBE {relation}").fetchall()}


def _declared(con, schema: pa.Schema) -> dict[str, str]:
    """Column -> DuckDB type of an Arrow schema, as DuckDB reads it."""
    con.register("declared", schema.empty_table())
    try:
        return _types(con, "declared")
    finally:
        con.unregister("declared")


WRITTEN_FROM = {"articles": Article, "sentences": Sentence, "events": Event, "rejections": Rejection}
"""The record each store table is written from."""


@pytest.fixture
def store(tmp_path):
    """A store built by every migration."""
    with Store(tmp_path / "s.duckdb") as opened:
        yield opened


def test_every_store_table_holds_its_record(store):
    """The migrations (frozen SQL) made the columns the records declare, of the same types."""
    con = store.connection
    for name, schema in TABLE_SCHEMAS.items() | dedup.TABLE_SCHEMAS.items():
        assert _types(con, name) == _declared(con, schema), name


def test_a_stored_column_refuses_null_only_where_its_record_does(store):
    for name, record in WRITTEN_FROM.items():
        hints = get_type_hints(record)
        not_null = {row[0] for row in store.connection.execute(f"DESCRIBE {name}").fetchall() if row[2] == "NO"}
        assert not [c for c in not_null if c in hints and optional(hints[c])[1]], name


def _loose(types: dict[str, str]) -> dict[str, str]:
    """Types with every integer width alike: a projection may read a TINYINT into an int."""
    return {column: re.sub(r"\b(TINYINT|SMALLINT|INTEGER|BIGINT)\b", "INT", kind) for column, kind in types.items()}


def test_dedup_reads_fields_the_record_holds(store):
    """The query dedup reads its mentions with gives each field of ``EventMention``, of its type."""
    con = store.connection
    buckets = ("source_key", "target_key", "root", "modality")
    con.register("stale_groups", pa.table({column: pa.array([], pa.string()) for column in buckets}))
    read = _types(con, dedup._MENTIONS_SQL)
    assert _loose(read) == _loose(_declared(con, arrow_schema(dedup.EventMention)))


def test_analysis_reads_fields_the_record_holds(store):
    """The query of a merged event and its lead mention gives each field of ``EventSummary`` but the
    name of its code, and its ``evidence`` each field of ``MentionEvidence``, of their types."""
    con = store.connection
    read = _types(
        con,
        f"""SELECT e.*, {analysis._EVIDENCE} FROM merged_events e JOIN events m ON m.event_id = e.lead_event_id
        JOIN articles a USING (article_id)""",
    )
    summary = arrow_schema(analysis.EventSummary, exclude={"cameo_name", "lead"})
    evidence = pa.field("evidence", pa.struct(list(arrow_schema(analysis.MentionEvidence))))
    expected = _loose(_declared(con, summary.append(evidence)))
    assert {column: kind for column, kind in _loose(read).items() if column in expected} == expected
