"""Writing a store: a failed run leaves it as it was, one writer at a time, readers never wait."""

from __future__ import annotations

import resource
import shutil
import subprocess
import time
import warnings
from pathlib import Path

import duckdb
import pytest

from tinkuy import api
from tinkuy.errors import StoreError
from tinkuy.store import Store
from tinkuy.store_swap import Published, writing

from .test_analysis import build_sample_store
from .test_store import contents, ingest_command, make_corpus

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # the test client warns about its own use of httpx
    from fastapi.testclient import TestClient

from tinkuy.web.app import create_app  # noqa: E402


def add_table(db: Path, name: str) -> None:
    """A change made through ``writing``: a new table in the store."""
    with writing(db) as copy, Store(copy) as store:
        store.connection.execute(f"CREATE TABLE {name} (x INTEGER)")


def tables(db: Path) -> set[str]:
    with Store(db, read_only=True) as store:
        return {row[0] for row in store.connection.execute("SELECT table_name FROM duckdb_tables()").fetchall()}


def test_a_change_is_published_whole_and_leaves_nothing_behind(tmp_path):
    db = tmp_path / "store.duckdb"
    add_table(db, "first")
    add_table(db, "second")
    assert {"first", "second", "events"} <= tables(db)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.duckdb", "store.duckdb.lock"]


def test_a_failed_run_leaves_the_store_as_it_was_and_the_next_resumes(tmp_path):
    db = tmp_path / "store.duckdb"
    add_table(db, "first")
    before = db.read_bytes()
    with pytest.raises(StoreError, match="unchanged, and the next run resumes"), writing(db) as copy, Store(copy) as store:
        store.connection.execute("CREATE TABLE second (x INTEGER)")
        raise StoreError("the disk is full")
    assert db.read_bytes() == before
    with writing(db) as copy, Store(copy) as store:  # resumes: the table made by the failed run is there
        assert "second" in {row[0] for row in store.connection.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert "second" in tables(db)


def test_a_copy_grown_from_another_version_is_discarded(tmp_path):
    db = tmp_path / "store.duckdb"
    add_table(db, "first")
    with pytest.raises(StoreError), writing(db) as copy, Store(copy) as store:
        store.connection.execute("CREATE TABLE stale (x INTEGER)")
        raise StoreError("failed")
    shutil.copyfile(db, tmp_path / "other.duckdb")
    (tmp_path / "other.duckdb").replace(db)  # someone put another version of the store in place
    add_table(db, "second")
    assert "stale" not in tables(db) and "second" in tables(db)


def test_one_writer_at_a_time(tmp_path):
    db = tmp_path / "store.duckdb"
    with writing(db), pytest.raises(StoreError, match="another tinkuy run is writing"), writing(db):
        pass


def test_a_read_only_store_is_refused_before_anything_is_done(tmp_path):
    db = tmp_path / "store.duckdb"
    add_table(db, "first")
    db.chmod(0o444)
    with pytest.raises(StoreError, match="read-only"), writing(db):
        pass
    assert not (tmp_path / "store.duckdb.next").exists()


@pytest.mark.model
@pytest.mark.slow
def test_a_full_disk_gives_a_clear_error_and_leaves_the_store_as_it_was(tmp_path):
    """The disk fills up (a file size limit stands in for it) at several points of the run."""
    corpus = make_corpus(tmp_path / "corpus", copies=1)
    db = tmp_path / "store.duckdb"
    subprocess.run(ingest_command(corpus / "blinken-visits-quito-0.txt", db), check=True, capture_output=True)
    before, size = contents(db), db.stat().st_size
    for room in (size // 2, size + 20_000, size + 400_000):  # copying the store, writing the log, saving
        limited = subprocess.run(
            ingest_command(corpus, db), capture_output=True, text=True, preexec_fn=lambda room=room: _file_size_limit(room)
        )
        assert limited.returncode == 1, limited.stderr
        assert "File too large" in limited.stderr and f"{db} is unchanged" in limited.stderr, limited.stderr
        assert contents(db) == before
    resumed = subprocess.run(ingest_command(corpus, db), capture_output=True, text=True)
    assert resumed.returncode in (0, 3), resumed.stderr
    assert len(contents(db)["articles"]) > len(before["articles"])


def _file_size_limit(size: int) -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


def test_a_reader_follows_each_published_version(tmp_path):
    db = tmp_path / "store.duckdb"
    add_table(db, "first")
    published = Published(db)
    held = published.cursor()  # a request under way on the first version
    add_table(db, "second")
    with published.cursor() as cursor:
        assert cursor.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'second'").fetchone() == (1,)
    assert held.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'second'").fetchone() == (0,)
    with pytest.raises(duckdb.Error):
        held.execute("CREATE TABLE third (x INTEGER)")
    held.close()
    published.close()


@pytest.mark.model
@pytest.mark.slow
def test_the_app_answers_from_the_last_published_store_while_an_ingest_writes(tmp_path):
    db = build_sample_store(tmp_path / "store.duckdb")
    corpus = make_corpus(tmp_path / "corpus", copies=1)
    with TestClient(create_app(db), base_url="http://localhost") as client:
        before = client.get("/api/overview").json()["articles"]
        ingest = subprocess.Popen(ingest_command(corpus, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        seen = []
        while ingest.poll() is None:
            response = client.get("/api/overview")
            assert response.status_code == 200
            seen.append(response.json()["articles"])
            time.sleep(0.05)
        assert ingest.returncode in (0, 3), ingest.stderr.read() if ingest.stderr else ""
        after = client.get("/api/overview").json()["articles"]
    assert after > before and seen.count(before) > 10
    assert seen == sorted(seen) and set(seen) <= {before, after}, "the old store, then the new one, never a mix"


@pytest.mark.model
@pytest.mark.slow
def test_an_ingest_into_a_store_another_run_writes_is_refused(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", copies=1)
    db = tmp_path / "store.duckdb"
    with writing(db):
        second = subprocess.run(ingest_command(corpus, db), capture_output=True, text=True)
    assert second.returncode == 1 and "another tinkuy run is writing to this store" in second.stderr


def test_an_api_run_into_a_read_only_store_fails_clearly(tmp_path):
    db = build_sample_store(tmp_path / "store.duckdb")
    db.chmod(0o444)
    with pytest.raises(StoreError, match="read-only"):
        api.dedup(db)


def test_a_store_named_through_a_link_is_locked_and_replaced_as_the_file_it_leads_to(tmp_path):
    db = tmp_path / "real" / "store.duckdb"
    db.parent.mkdir()
    add_table(db, "first")
    link = tmp_path / "link.duckdb"
    link.symlink_to(db)
    with writing(link) as copy, pytest.raises(StoreError, match="another tinkuy run is writing"), writing(db):
        assert copy == db.with_name("store.duckdb.next")
    add_table(link, "second")
    assert link.is_symlink() and link.resolve() == db
    assert {"first", "second"} <= tables(db)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.duckdb", "real"]
    loop = tmp_path / "loop.duckdb"
    loop.symlink_to(loop)
    with pytest.raises(StoreError, match="cannot follow the links"), writing(loop):
        pass
