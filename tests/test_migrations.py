"""A store made by an older version opens in this one: its migrations run, its data stays."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from tinkuy import api
from tinkuy.dedup import deduplicate
from tinkuy.errors import StoreError
from tinkuy.search import index_mentions
from tinkuy.store import Store, migrations

from .conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "store-0001.duckdb.gz"


def unpacked(tmp_path: Path) -> Path:
    """A copy of the store made by the first schema."""
    db = tmp_path / "old.duckdb"
    with gzip.open(FIXTURE) as packed, db.open("wb") as copy:
        shutil.copyfileobj(packed, copy)
    return db


def test_an_older_store_is_migrated_without_losing_data(tmp_path):
    db = unpacked(tmp_path)
    with Store(db, read_only=True) as old:
        before = old.counts()
        events = old.query("SELECT event_id, cameo, source.code AS source FROM events ORDER BY event_id").to_pylist()
        assert [r[0] for r in old.connection.execute("SELECT name FROM schema_migrations").fetchall()] == ["0001_initial"]
    assert before["articles"] == 2 and before["events"] > 0 and before["rejections"] == 1
    with Store(db) as upgraded:
        applied = [r[0] for r in upgraded.connection.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]
        assert applied == [name for name, _ in migrations()]
        assert upgraded.counts() == before
        assert upgraded.query("SELECT event_id, cameo, source.code AS source FROM events ORDER BY event_id").to_pylist() == events
        languages = "SELECT DISTINCT language FROM articles UNION ALL SELECT DISTINCT language FROM events"
        assert upgraded.connection.execute(languages).fetchall() == [("en",), ("en",)], "what was stored before was English"


def test_articles_stored_with_a_url_and_no_outlet_are_given_the_outlet_cleaning_gives(tmp_path):
    """Dedup named them before; dedup now only reads articles, and a migration names them once."""
    db = unpacked(tmp_path)
    with duckdb.connect(str(db)) as con:
        con.execute(
            "INSERT INTO articles (article_id, doc_id, url, outlet, genre, n_sentences, n_events) VALUES"
            " ('a1', 'd1', 'https://edition.cnn.com/x', NULL, 'news', 0, 0), ('a2', 'd2', 'https://x.org/', 'X', 'news', 0, 0),"
            " ('a3', 'd3', 'not a url', '', 'news', 0, 0), ('a4', 'd4', NULL, NULL, 'news', 0, 0)"
        )
    with Store(db) as upgraded:
        named = upgraded.connection.execute(
            "SELECT article_id, outlet FROM articles WHERE doc_id LIKE 'd_' ORDER BY 1"
        ).fetchall()
    assert named == [("a1", "CNN"), ("a2", "X"), ("a3", ""), ("a4", None)]


def test_an_older_store_read_as_it_is_says_how_to_upgrade_it(tmp_path):
    db = unpacked(tmp_path)
    with pytest.raises(StoreError, match=r"no language, location\); run `tinkuy dedup --db"):
        api.export(db, stream=io.StringIO())
    Store(db).close()  # opened for writing: upgraded
    exported = io.StringIO()
    assert api.export(db, stream=exported) > 0
    assert {json.loads(line)["language"] for line in exported.getvalue().splitlines()} == {"en"}


def test_mentions_merged_before_get_what_dedup_now_keeps_with_them(tmp_path, monkeypatch):
    """Migration 0010 fills what each merged mention keeps, and each merged event's place, from the tables dedup
    reads them from; a mention the search index had not numbered is merged again by the next dedup, which numbers it."""
    db = unpacked(tmp_path)
    shipped = migrations()
    monkeypatch.setattr("tinkuy.store.migrations", lambda: [m for m in shipped if m[0] < "0010"])
    with Store(db) as older:  # merged as the version before did: a mention -> its merged event, and nothing else
        older.connection.execute(
            "INSERT INTO merged_events SELECT 'm' || event_id, source.code, target.code, root, modality, date_precision, date,"
            " date, cameo, quad_class, goldstein, attribution.type, hedged, 1, 1, 0, [], 'single_' || attribution.type,"
            " event_id, 1 FROM events"
        )
        older.connection.execute("INSERT INTO merged_mentions SELECT event_id, 'm' || event_id FROM events")
        older.connection.execute(
            "UPDATE events SET location = {'text': 'Quito', 'name': 'Quito', 'country_code': 'EC', 'admin1': 'EC.18',"
            " 'latitude': -0.23, 'longitude': -78.52, 'geonames_id': 3652462, 'precision': 'place', 'sentence_index': 0,"
            " 'span': [0, 5], 'rule': 'sentence', 'resolution': 'capital'} WHERE sentence_index = 0"
        )
        index_mentions(older)
        older.connection.execute("DELETE FROM search_mentions WHERE event_id = (SELECT min(event_id) FROM events)")
    monkeypatch.undo()
    kept = "SELECT * EXCLUDE (merged_id, merged_number, corroboration) FROM merged_mentions ORDER BY event_id"
    with Store(db) as upgraded:
        con = upgraded.connection
        migrated = upgraded.query(kept).to_pylist()
        of_their_events = (
            "SELECT count(*) FROM merged_mentions JOIN merged_events USING (merged_id, merged_number, corroboration)"
        )
        assert con.execute(of_their_events).fetchall()[0][0] == len(migrated) > 1
        assert [m["event_id"] for m in migrated if m["doc"] is None] == [min(m["event_id"] for m in migrated)]
        placed = "SELECT count(*) FROM merged_events me JOIN events e ON e.event_id = me.lead_event_id WHERE {}"
        assert con.execute(placed.format("me.location IS NOT DISTINCT FROM e.location")).fetchall()[0][0] == len(migrated)
        assert con.execute(placed.format("me.location.name = 'Quito'")).fetchall()[0][0] > 0
        deduplicate(upgraded)
        assert con.execute("SELECT count(*) FROM merged_mentions WHERE doc IS NULL").fetchall()[0][0] == 0
        renumbered = upgraded.query(kept).to_pylist()
        con.execute("DELETE FROM merged_mentions; DELETE FROM merged_events")
        deduplicate(upgraded)
        assert upgraded.query(kept).to_pylist() == renumbered
    assert [m | {"doc": None} for m in migrated] == [m | {"doc": None} for m in renumbered]
