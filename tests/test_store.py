"""The store: idempotent writes, migrations, and a run killed half way then resumed."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
from collections import defaultdict
from operator import attrgetter
from pathlib import Path

import pytest

from tinkuy import action_geo, api
from tinkuy.datafiles import data_path
from tinkuy.event_records import event_to_dict
from tinkuy.model import CodedArticle, Event
from tinkuy.shapes import from_row, to_row
from tinkuy.store import Store, migrations

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parent.parent

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
    assert second.articles == 0 and second.skipped == first.articles
    assert second.rejections == first.rejections
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
    geo = set(action_geo.COLUMNS)
    assert all(geo <= row.keys() for row in exported.values())  # where it happened, in GDELT's columns besides
    assert {event_id: {k: v for k, v in row.items() if k not in geo} for event_id, row in exported.items()} == coded


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
    return [sys.executable, "-m", "tinkuy", *ingest_arguments(corpus, db)]


def ingest_arguments(corpus: Path, db: Path, scheduler: str | None = None) -> list[str]:
    """An ingest in small units of work: batches of two articles, or with a Dask ``scheduler`` four partitions."""
    arguments = ["ingest", str(corpus), "--db", str(db)]
    if scheduler:
        return [*arguments, "--runner", "dask", "--scheduler", scheduler, "--partitions", "4"]
    return [*arguments, "--commit-every", "2"]


def run_until(point: str, arguments: list[str], log: Path) -> list[str]:
    """Run ``tests.killable`` up to ``point`` and SIGKILL it there with every process it started; the points it passed.

    With ``point`` ``none`` the run goes to its end.
    """
    command = [sys.executable, "-m", "tests.killable", point, *arguments]
    with open(log, "a", encoding="utf-8") as errors:
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=errors, text=True, start_new_session=True)
        passed: list[str] = []
        try:
            for line in process.stdout or ():
                passed.append(line.strip())
                if passed[-1] == point:
                    break
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)  # its own session: the process and its workers
            process.wait()
    return passed


def kill_points(points: list[str], runner: str) -> list[str]:
    """Of the points of a run, in their order, the first and the last of each kind.

    Starting, merging and swapping are the same code whatever the runner, so a
    Dask run is stopped only while its runner fills the store.
    """
    if runner == "dask":
        points = points[1 : points.index("merge")]
    kinds: defaultdict[str, list[str]] = defaultdict(list)
    for point in points:
        kinds[point.split("-")[0]].append(point)
    chosen = {p for found in kinds.values() for p in (found[0], found[-1])}
    return [p for p in points if p in chosen]


@pytest.fixture
def scheduler(runner):
    """For the Dask runner, the address of a cluster of one worker that the runs share (its client is what is killed)."""
    if runner == "local":
        yield None
        return
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
    ) as cluster:
        yield cluster.scheduler_address


@dataclasses.dataclass(frozen=True)
class Resumable:
    """A corpus, a store an earlier run left with one of its articles, and what a run over the corpus makes of it."""

    corpus: Path
    earlier: Path
    before: dict[str, list[str]]
    expected: dict[str, list[str]]


@pytest.fixture(scope="module")
def resumable(tmp_path_factory) -> Resumable:
    folder = tmp_path_factory.mktemp("resumable")
    corpus = make_corpus(folder / "corpus", copies=2)
    earlier = folder / "earlier.duckdb"
    subprocess.run(ingest_command(corpus / "blinken-visits-quito-0.txt", earlier), check=True, capture_output=True)
    reference = folder / "reference.duckdb"
    shutil.copyfile(earlier, reference)
    subprocess.run(ingest_command(corpus, reference), check=False, capture_output=True)
    resumable = Resumable(corpus, earlier, contents(earlier), contents(reference))
    assert len(resumable.expected["articles"]) > 10 and resumable.expected["events"] and resumable.before["articles"]
    return resumable


@pytest.mark.slow
@pytest.mark.parametrize("runner", ["local", "dask"])
def test_ingest_killed_at_each_point_resumes_to_the_same_store(tmp_path, runner, scheduler, resumable, record_testsuite_property):
    """SIGKILL an ingest at fixed points (starting, inside a transaction, after a unit is written, merging,
    swapping the store) and run it again: the store ends equal to that of a run never interrupted. In
    between, the store holds what it held before the run until the new version is swapped in, then all of it.
    Both runners end with the store of an uninterrupted local run. The points are signalled by the run
    itself (``tests.killable``), so every trial stops where it should however busy the machine."""
    corpus, before, expected = resumable.corpus, resumable.before, resumable.expected
    log = tmp_path / "stderr.log"
    through = tmp_path / "through.duckdb"
    shutil.copyfile(resumable.earlier, through)
    points = run_until("none", ingest_arguments(corpus, through, scheduler), log)
    assert contents(through) == expected, log.read_text(encoding="utf-8")[-3000:]
    chosen = kill_points(points, runner)
    kinds = {"commit", "written"} | ({"start", "merge", "swap", "swapped"} if runner == "local" else set())
    assert {p.split("-")[0] for p in chosen} == kinds, points
    for point in chosen:
        db = tmp_path / f"killed-{point}.duckdb"
        shutil.copyfile(resumable.earlier, db)
        assert run_until(point, ingest_arguments(corpus, db, scheduler), log)[-1] == point
        assert contents(db) == (expected if point == "swapped" else before), f"killed at {point}: a half-written store"
        resumed = subprocess.run([sys.executable, "-m", "tinkuy", *ingest_arguments(corpus, db, scheduler)], capture_output=True)
        assert resumed.returncode in (0, 3), resumed.stderr
        assert contents(db) == expected, f"killed at {point}, then run again"
        assert not list(tmp_path.glob(f"{db.name}.next*")), "the working copy and its files are gone"
    record_testsuite_property(f"{runner}_kill_points", " ".join(chosen))  # the figures docs/reliability.md reports
