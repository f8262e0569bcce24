"""A store made by an older version opens in this one: its migrations run, its data stays."""

from __future__ import annotations

import gzip
import shutil

from tinkuy.store import Store, migrations

from .conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "store-0001.duckdb.gz"


def test_an_older_store_is_migrated_without_losing_data(tmp_path):
    db = tmp_path / "old.duckdb"
    with gzip.open(FIXTURE) as packed, db.open("wb") as unpacked:
        shutil.copyfileobj(packed, unpacked)
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
