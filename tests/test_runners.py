"""Runners: several processes and a Dask cluster give exactly the results of one process."""

import itertools
import json
import logging

import pytest

from bench.corpus import generate
from tinkuy import api
from tinkuy.errors import UsageError
from tinkuy.event_records import event_to_dict
from tinkuy.ingest import read_paths
from tinkuy.runners.dask import code_with_dask
from tinkuy.runners.local import code_in_processes, code_items
from tinkuy.runners.partitions import done_marker, plan
from tinkuy.store import Store

pytestmark = [pytest.mark.model, pytest.mark.slow]


def write_feeds(folder, sizes, seed=7):
    """JSONL files of generated news (wire copies included), one per size, plus a Spanish article that is rejected."""
    records = generate(sum(sizes), seed=seed)
    folder.mkdir(exist_ok=True)
    for number, size in enumerate(sizes):
        lines = [json.dumps(r) for r in itertools.islice(records, size)]
        (folder / f"feed-{number}.jsonl").write_text("\n".join(lines), encoding="utf-8")
    spanish = "El gobierno de México rompió relaciones con Ecuador. La cancillería dijo que el asalto violó la convención."
    (folder / "spanish.txt").write_text(spanish, encoding="utf-8")
    return folder


def events_of(results):
    return sorted(json.dumps(event_to_dict(e), sort_keys=True) for r in results if hasattr(r, "events") for e in r.events)


def stored_events(db):
    with Store(db, read_only=True) as store:
        return sorted(json.dumps(api.to_json_ready(row), sort_keys=True) for b in store.event_batches() for row in b.to_pylist())


@pytest.fixture(scope="module")
def feeds(tmp_path_factory):
    return write_feeds(tmp_path_factory.mktemp("feeds"), [30, 25, 20])


@pytest.fixture(scope="module")
def local_results(pipeline, feeds):
    return list(code_items(read_paths([feeds]), pipeline, processes=1))


def test_two_processes_give_the_results_of_one_in_the_same_order(pipeline, feeds, local_results):
    results = list(code_items(read_paths([feeds]), pipeline, processes=2))
    assert results == local_results
    assert any(
        "coded from the original" in n for r in results if hasattr(r, "events") for e in r.events for n in e.evidence.notes
    )


def test_worker_processes_are_fed_a_bounded_number_of_chunks(pipeline, feeds):
    consumed = []

    def counted():
        for item in itertools.cycle(list(read_paths([feeds]))):
            consumed.append(item)
            yield item

    results = code_in_processes(pipeline, counted(), processes=2, chunk_size=4, ahead=2)
    first = list(itertools.islice(results, 3))
    results.close()
    assert len(first) == 3 and len(consumed) <= 2 * 2 * 4 + 4


def test_processes_must_be_positive(pipeline):
    with pytest.raises(UsageError):
        code_items([], pipeline, processes=0)


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
    ) as local:
        yield local


def test_a_dask_cluster_of_two_workers_stores_the_events_of_the_local_runner(pipeline, feeds, local_results, cluster, tmp_path):
    local_db = tmp_path / "local.duckdb"
    api.ingest([feeds], local_db, pipeline=pipeline)
    reports = code_with_dask([feeds], tmp_path / "dask.duckdb", tmp_path / "parts", pipeline, scheduler=cluster.scheduler_address)
    assert len(reports) == 4 and sum(r.articles for r in reports) == sum(hasattr(r, "events") for r in local_results)
    assert sum(r.rejections.get("not_english", 0) for r in reports) == 1
    assert stored_events(tmp_path / "dask.duckdb") == stored_events(local_db) == events_of(local_results)
    with Store(tmp_path / "dask.duckdb", read_only=True) as dask_store, Store(local_db, read_only=True) as local_store:
        assert dask_store.counts() == local_store.counts()


def test_a_resumed_dask_run_codes_only_the_partitions_not_done(pipeline, tmp_path, cluster):
    feeds = write_feeds(tmp_path / "feeds", [6, 6, 6], seed=11)
    work, db = tmp_path / "parts", tmp_path / "store.duckdb"
    first = code_with_dask([feeds], db, work, pipeline, scheduler=cluster.scheduler_address)
    markers = {r.key: done_marker(work, r.key).stat().st_mtime_ns for r in first}
    done_marker(work, first[1].key).unlink()
    second = code_with_dask([feeds], db, work, pipeline, scheduler=cluster.scheduler_address)
    assert second == first
    again = {r.key: done_marker(work, r.key).stat().st_mtime_ns for r in second}
    assert [again[k] == markers[k] for k in markers] == [True, False, True, True]
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == sum(r.articles for r in first)


def test_partitions_are_contiguous_groups_keyed_by_content(tmp_path):
    for name, text in (("a.txt", "A" * 100), ("b.txt", "B" * 100), ("c.txt", "C" * 300)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert [p.files for p in plan([tmp_path], 2, "v1")] == [
        (str(tmp_path / "a.txt"), str(tmp_path / "b.txt")),
        (str(tmp_path / "c.txt"),),
    ]
    one_each = plan([tmp_path], None, "v1")
    assert len(one_each) == 3 and one_each[0].key != plan([tmp_path], None, "v2")[0].key
    (tmp_path / "a.txt").write_text("changed", encoding="utf-8")
    assert plan([tmp_path], None, "v1")[0].key != one_each[0].key and plan([tmp_path], None, "v1")[1] == one_each[1]
