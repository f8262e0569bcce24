"""The store: idempotent writes, migrations, and a run killed half way then resumed."""

from __future__ import annotations

import dataclasses
import json
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from operator import attrgetter
from pathlib import Path

import pytest

from tinkuy import api
from tinkuy.datafiles import data_path
from tinkuy.event_records import event_to_dict
from tinkuy.model import CodedArticle, Event
from tinkuy.shapes import from_row, to_row
from tinkuy.store import Store, migrations

pytestmark = pytest.mark.model

event_id = attrgetter("event_id")

KEYS = {
    "articles": "article_id",
    "sentences": "article_id || ':' || sentence_index",
    "events": "event_id",
    "rejections": "rejection_id",
    "merged_events": "merged_id || ':' || n_mentions || ':' || corroboration",
    "merged_mentions": "event_id || ':' || merged_id",
}


def contents(db: Path) -> dict[str, list[str]]:
    """Every key of every table, sorted: equal contents, equal stores."""
    with Store(db, read_only=True) as store:
        return {t: sorted(store.connection.execute(f"SELECT {k} FROM {t}").fetchall()) for t, k in KEYS.items()}


def make_corpus(folder: Path, copies: int) -> Path:
    """Distinct articles built from the demo corpus: each copy ends with its own line."""
    folder.mkdir()
    for path in sorted(data_path("demo").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for copy in range(copies):
            (folder / f"{path.stem}-{copy}.txt").write_text(f"{text}\n\nFiled by desk {copy}.", encoding="utf-8")
    return folder


def test_migrations_are_recorded_once(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        names = [row[0] for row in store.connection.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]
        assert names == [name for name, _ in migrations()]
        assert store.migrate() == []


def test_ingesting_the_same_input_twice_adds_nothing(tmp_path, pipeline):
    db = tmp_path / "s.duckdb"
    corpus = data_path("demo")
    first = api.ingest([corpus], db, pipeline=pipeline)
    before = contents(db)
    second = api.ingest([corpus], db, pipeline=pipeline)
    assert first.articles > 0 and before["events"]
    # articles coded or refused before are skipped; items without an article (a broken record) are refused again
    assert second.articles == 0 and second.skipped == first.articles + first.rejections["not_english"]
    assert second.rejections == first.rejections - Counter(not_english=1)
    assert contents(db) == before


def test_writing_the_same_results_twice_changes_nothing(tmp_path, pipeline):
    results = list(api.code_paths([data_path("demo")], pipeline=pipeline))
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.write(results)
        once = store.counts()
        store.write(results)
        assert store.counts() == once
    assert once["events"] == sum(len(r.events) for r in results if isinstance(r, CodedArticle))


def test_export_returns_what_coding_gave(tmp_path, pipeline):
    db = tmp_path / "s.duckdb"
    api.ingest([data_path("demo")], db, pipeline=pipeline)
    out = tmp_path / "events.jsonl"
    count = api.export(db, "jsonl", path=str(out))
    exported = {json.loads(line)["event_id"]: json.loads(line) for line in out.read_text().splitlines()}
    results = api.code_paths([data_path("demo")], pipeline=pipeline)
    coded = {e.event_id: event_to_dict(e) for r in results if isinstance(r, CodedArticle) for e in r.events}
    assert count == len(exported) == len(coded)
    assert exported == coded


def test_stored_results_come_back_as_coding_gave_them(tmp_path, pipeline):
    """A resumed run reuses stored results: the store must give back exactly what was written."""
    results = list(api.code_paths([data_path("demo")], pipeline=pipeline))
    events = [e for r in results if isinstance(r, CodedArticle) for e in r.events]
    assert events and all(from_row(Event, to_row(e)) == e for e in events)
    ids = [r.article.article_id if isinstance(r, CodedArticle) else r.article_id for r in results]
    with Store(tmp_path / "s.duckdb") as store:
        store.write(results)
        stored = store.results([*ids, "not-stored"])
    assert set(stored) == {i for i in ids if i}
    for result, article_id in zip(results, ids, strict=True):
        if isinstance(result, CodedArticle):
            back = stored[article_id]
            assert isinstance(back, CodedArticle)
            assert sorted(back.events, key=event_id) == sorted(result.events, key=event_id) and back.sentences == result.sentences
            assert back.article == dataclasses.replace(result.article, text="")
        elif article_id:
            assert stored[article_id] == result


def ingest_command(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "tinkuy", "ingest", str(corpus), "--db", str(db), "--commit-every", "2"]


KILL_TRIALS = 10


@pytest.mark.slow
def test_ingest_killed_at_random_points_resumes_to_the_same_store(tmp_path, record_testsuite_property):
    """SIGKILL an ingest at random moments (loading, coding, writing, merging, publishing) and
    run it again: the store ends equal to that of a run never interrupted. In between, the
    store is never seen half written: it holds what it held before the run, or all of it."""
    corpus = make_corpus(tmp_path / "corpus", copies=2)
    earlier = tmp_path / "earlier.duckdb"  # the store as an earlier run left it: a few of the articles
    subprocess.run(ingest_command(corpus / "blinken-visits-quito-0.txt", earlier), check=True, capture_output=True)
    reference = tmp_path / "reference.duckdb"
    shutil.copyfile(earlier, reference)
    started = time.monotonic()
    subprocess.run(ingest_command(corpus, reference), check=False, capture_output=True)
    duration = time.monotonic() - started
    before, expected = contents(earlier), contents(reference)
    assert len(expected["articles"]) > 10 and expected["events"] and before["articles"]
    rng = random.Random(20261122)
    interrupted = 0
    for trial in range(KILL_TRIALS):
        db = tmp_path / f"killed-{trial}.duckdb"
        shutil.copyfile(earlier, db)
        process = subprocess.Popen(ingest_command(corpus, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, duration))
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert contents(db) in (before, expected), f"trial {trial}: a half-written store"
        interrupted += contents(db) == before
        resumed = subprocess.run(ingest_command(corpus, db), capture_output=True)
        assert resumed.returncode in (0, 3), resumed.stderr
        assert contents(db) == expected, f"trial {trial}"
        assert not db.with_name(db.name + ".next").exists()
    record_testsuite_property("kills_before_the_run_ended", interrupted)  # the figure docs/reliability.md reports
    assert interrupted >= KILL_TRIALS // 2, "most kills must land before the run ends"
