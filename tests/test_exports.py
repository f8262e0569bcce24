"""Exports: exactly what the filters select, as merged events, mentions or articles, in every format."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from tinkuy import action_geo, api, exports
from tinkuy.analysis import Filters
from tinkuy.cli import EXIT_OK, EXIT_USAGE, main
from tinkuy.event_records import to_json_ready
from tinkuy.store import Store

from .test_analysis import build_sample_store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_sample_store(tmp_path_factory.mktemp("exports") / "sample.duckdb")


def rows(db, table, filters=exports.UNFILTERED, format="jsonl") -> list[dict]:
    with Store(db, read_only=True) as store:
        sink = io.BytesIO()
        reader = exports.select(store.connection, table, filters, located=format in exports.LOCATED_FORMATS)
        count = exports.write(reader, format, sink)
    data = sink.getvalue()
    if format == "parquet":
        found = pq.read_table(io.BytesIO(data)).to_pylist()
    elif format == "csv":
        found = list(csv.DictReader(io.StringIO(data.decode())))
    elif format == "geojson":
        found = [feature["properties"] for feature in json.loads(data)["features"]]
    else:
        found = [json.loads(line) for line in data.decode().splitlines()]
    assert count == len(found)
    return found


def test_the_merged_table_carries_corroboration_outlets_names_and_dates(db):
    [consult] = rows(db, "merged", Filters(cameo="040"))
    assert consult["source_name"] == "United States" and consult["target_name"] == "Ecuador"
    assert consult["cameo_name"] == "Consult" and consult["plover"] == "CONSULT"
    assert (consult["corroboration"], consult["n_mentions"], consult["outlets"]) == (
        "several_outlets",
        2,
        ["Outlet X", "Outlet Y"],
    )
    assert (consult["date"], consult["first_reported"], consult["last_reported"]) == ("2021-10-19", "2021-10-25", "2021-12-03")
    assert len(consult["event_ids"]) == 2 and consult["lead_event_id"] in consult["event_ids"]
    assert consult["lead_sentence"].startswith("USA acted on ECU")


@pytest.mark.parametrize(
    ("filters", "merged", "mentions", "articles"),
    [
        (exports.UNFILTERED, 6, 7, 3),
        (Filters(), 5, 6, 3),  # asserted only
        (Filters(actor="MEX"), 1, 1, 1),
        (Filters(outlet="Outlet Y"), 2, 2, 1),
        (Filters(text="usamil"), 1, 1, 1),
        (Filters(start="2030-01-01"), 0, 0, 0),
    ],
)
def test_each_table_holds_what_the_filters_select(db, filters, merged, mentions, articles):
    found = [len(rows(db, table, filters)) for table in exports.TABLES]
    assert found == [merged, mentions, articles]


def test_every_format_holds_the_same_rows(db):
    by_format = {format: rows(db, "merged", format=format) for format in ("jsonl", "csv", "parquet")}
    ids = {format: [r["merged_id"] for r in found] for format, found in by_format.items()}
    assert ids["jsonl"] == ids["csv"] == ids["parquet"] and len(ids["jsonl"]) == 6
    assert json.loads(by_format["csv"][0]["outlets"]) == by_format["jsonl"][0]["outlets"]
    mention = rows(db, "mentions", format="csv")[0]
    assert {"source.code", "evidence.rule", "location.name", "action_geo_lat"} <= set(mention)


def test_mentions_are_the_stored_event_records_with_the_location_columns(db):
    with Store(db, read_only=True) as store:
        stored = [to_json_ready(row) for batch in store.event_batches() for row in batch.to_pylist()]
    mentions = rows(db, "mentions")
    assert [{k: v for k, v in row.items() if k not in action_geo.COLUMNS} for row in mentions] == stored
    assert all(list(row)[-len(action_geo.COLUMNS) :] == list(action_geo.COLUMNS) for row in mentions)


@pytest.mark.parametrize("format", exports.FORMATS)
def test_nothing_selected_is_still_a_whole_file(db, format):
    assert rows(db, "merged", Filters(actor="ZZZ"), format) == []
    with Store(db, read_only=True) as store:
        sink = io.BytesIO()
        exports.write(exports.select(store.connection, "merged", Filters(actor="ZZZ")), format, sink)
    if format == "csv":
        assert sink.getvalue().decode().startswith("merged_id,date,")
    if format == "geojson":
        assert json.loads(sink.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_export_command_writes_a_table_with_filters(db, tmp_path, capsys):
    out = tmp_path / "merged.parquet"
    assert (
        main(["export", "--db", str(db), "--table", "merged", "--format", "parquet", "-o", str(out), "--dyad", "USA", "ECU"])
        == EXIT_OK
    )
    assert pq.read_table(out).num_rows == 5  # every modality unless one is given
    assert (
        main(["export", "--db", str(db), "--table", "articles", "--format", "csv", "--text", "sentence", "--modality", "negated"])
        == EXIT_OK
    )
    assert [r["article_id"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))] == ["a3"]
    assert main(["export", "--db", str(db), "--text", "the"]) == EXIT_USAGE
    assert "nothing to search for" in capsys.readouterr().err


def test_export_of_every_mention_by_default(db):
    out = io.StringIO()
    assert api.export(db, stream=out) == 7
    assert api.export(db, table="merged", filters=Filters(hedged=True), stream=io.StringIO()) == 1
