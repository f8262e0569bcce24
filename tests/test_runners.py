"""Runners: several processes and a Dask cluster give exactly the results of one process, and resume alike."""

import itertools
import json
import logging

import numpy as np
import pytest

from bench.corpus import generate
from tinkuy import api
from tinkuy.errors import UsageError
from tinkuy.event_records import event_to_dict, to_json_ready
from tinkuy.ingest import read_paths
from tinkuy.model import Article
from tinkuy.neardup import DEFAULT, NearDuplicates
from tinkuy.runners.local import LocalRunner, code_in_processes
from tinkuy.runners.partitions import plan
from tinkuy.store import Store

from .test_store import contents

pytestmark = [pytest.mark.model, pytest.mark.slow]


def write_feeds(folder, sizes, seed=7):
    """JSONL files of generated news (wire copies included), one per size, plus a Portuguese article that is rejected."""
    records = generate(sum(sizes), seed=seed)
    folder.mkdir(exist_ok=True)
    for number, size in enumerate(sizes):
        lines = [json.dumps(r) for r in itertools.islice(records, size)]
        (folder / f"feed-{number}.jsonl").write_text("\n".join(lines), encoding="utf-8")
    portuguese = "O governo do México rompeu relações com o Equador. O ministério disse que o ataque violou a convenção."
    (folder / "portuguese.txt").write_text(portuguese, encoding="utf-8")
    return folder


def events_of(results):
    return sorted(json.dumps(event_to_dict(e), sort_keys=True) for r in results if hasattr(r, "events") for e in r.events)


def stored_events(db):
    with Store(db, read_only=True) as store:
        return sorted(json.dumps(to_json_ready(row), sort_keys=True) for b in store.event_batches() for row in b.to_pylist())


@pytest.fixture(scope="module")
def feeds(tmp_path_factory):
    return write_feeds(tmp_path_factory.mktemp("feeds"), [30, 25, 20])


@pytest.fixture(scope="module")
def local_results(pipeline, feeds):
    return list(LocalRunner().code([feeds], pipeline, DEFAULT))


@pytest.fixture(scope="module")
def local_store(pipeline, feeds, tmp_path_factory):
    db = tmp_path_factory.mktemp("local") / "local.duckdb"
    api.ingest([feeds], db, pipeline=pipeline)
    return db


def test_two_processes_give_the_results_of_one_in_the_same_order(pipeline, feeds, local_results):
    results = list(api.code_paths([feeds], pipeline=pipeline, runner=LocalRunner(processes=2)))
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


def test_processes_and_batches_must_be_positive():
    with pytest.raises(UsageError, match="processes must be at least 1"):
        LocalRunner(processes=0)
    with pytest.raises(UsageError, match="commit-every must be at least 1"):
        LocalRunner(commit_every=0)


def test_a_store_filled_in_small_batches_and_in_two_processes_is_the_same(pipeline, feeds, local_store, tmp_path):
    db = tmp_path / "batches.duckdb"
    summary = api.ingest([feeds], db, pipeline=pipeline, runner=LocalRunner(processes=2, commit_every=5))
    assert contents(db) == contents(local_store)
    assert summary.articles == sum(hasattr(r, "events") for r in api.code_paths([feeds], pipeline=pipeline))


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
    ) as local:
        yield local


@pytest.fixture(scope="module")
def dask_runner(cluster):
    from tinkuy.runners.dask import DaskRunner

    return DaskRunner(scheduler=cluster.scheduler_address)


def test_a_dask_cluster_of_two_workers_stores_the_events_of_the_local_runner(
    pipeline, feeds, local_results, local_store, dask_runner, tmp_path
):
    db = tmp_path / "dask.duckdb"
    progress: list[int] = []
    summary = api.ingest([feeds], db, pipeline=pipeline, runner=dask_runner, progress=lambda s: progress.append(s.articles))
    assert (
        summary.articles == sum(hasattr(r, "events") for r in local_results) and summary.rejections["unsupported_language"] == 1
    )
    assert len(progress) >= 4 and progress == sorted(progress) and progress[-1] == summary.articles  # after each partition
    assert stored_events(db) == stored_events(local_store) == events_of(local_results)
    assert contents(db) == contents(local_store)
    assert not db.with_name(db.name + ".next.parts").exists()


def test_a_dask_cluster_codes_a_stream_as_the_local_runner_does(pipeline, feeds, local_results, dask_runner):
    assert list(api.code_paths([feeds], pipeline=pipeline, runner=dask_runner)) == local_results


@pytest.mark.parametrize("runner", ["local", "dask"])
def test_a_run_skips_what_the_store_holds_whichever_runner_stored_it(pipeline, feeds, local_store, dask_runner, tmp_path, runner):
    """The resume rule: a store holding part of the input (here the first file, coded alone) is completed
    to exactly the store of one whole run, without coding again what it holds."""
    db = tmp_path / "partial.duckdb"
    first = api.ingest([feeds / "feed-0.jsonl"], db, pipeline=pipeline)
    chosen = dask_runner if runner == "dask" else LocalRunner()
    rest = api.ingest([feeds], db, pipeline=pipeline, runner=chosen)
    assert contents(db) == contents(local_store)
    assert rest.skipped == first.articles == 30 and first.articles + rest.articles == len(contents(db)["articles"])
    again = api.ingest([feeds], db, pipeline=pipeline, runner=chosen)
    assert again.articles == 0 and again.events == 0 and contents(db) == contents(local_store)


def test_dask_decides_copies_and_stored_articles_over_the_whole_input():
    from tinkuy.runners.dask import Entry, Sketch, decide

    near = NearDuplicates()
    words = [f"word{i}" for i in range(80)]
    original = " ".join(words)
    copy = " ".join([*words, "Filed", "by", "desk", "two"])

    def entry(article_id, text):
        article = Article(article_id, article_id, "")
        return Entry(article_id, Sketch(article, np.asarray(near.signature(text).hashvalues), len(text.split())))

    listings = [
        [entry("a", original), Entry(None), entry("s", "a stored article of its own " * 5)],
        [entry("c", copy), entry("a", original), Entry("refused")],
        [entry("s", "a stored article of its own " * 5)],
    ]
    decisions = decide(listings, near, stored={"s", "refused"})
    assert decisions.skip == (frozenset({2}), frozenset({0, 1, 2}), frozenset({0}))
    assert decisions.todo == (True, False, False)
    assert [(d.article.article_id, d.original_id) for d in decisions.copies] == [("c", "a")]
    assert decisions.stored == 3
    assert (decisions.places, decisions.sizes) == (((1, 0),), (3, 3, 1))
    assert decide(listings, None, stored=set()).skip == (frozenset(),) * 3
    alone = decisions.alone([(1, 0)])
    assert (alone.skip, alone.todo) == ((frozenset({0, 1, 2}), frozenset({1, 2}), frozenset({0})), (False, True, False))


def test_partitions_are_contiguous_groups_of_about_equal_size(tmp_path):
    for name, text in (("a.txt", "A" * 100), ("b.txt", "B" * 100), ("c.txt", "C" * 300)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    two = plan([tmp_path], 2)
    assert [p.files for p in two] == [(str(tmp_path / "a.txt"), str(tmp_path / "b.txt")), (str(tmp_path / "c.txt"),)]
    assert [p.key for p in two] == ["00000", "00001"]
    assert [p.files for p in plan([tmp_path], None)] == [(str(tmp_path / n),) for n in ("a.txt", "b.txt", "c.txt")]


def test_dask_codes_on_its_own_each_copy_of_a_rejected_original(tmp_path):
    from tinkuy.model import Rejection
    from tinkuy.neardup import Duplicate
    from tinkuy.runners.dask import Decisions, make_copies

    junk, copy, stored_copy = (Article(i, i, "", origin=f"feed:{i}") for i in ("junk", "copy", "stored"))
    with Store(tmp_path / "store.duckdb") as store:
        store.write(
            [
                Rejection("feed:junk", "not_prose", "a table", "junk", "junk"),
                Rejection("feed:stored", "empty", "", "stored", "stored"),
            ]
        )
        decisions = Decisions(
            skip=(frozenset(),),
            todo=(True,),
            copies=(Duplicate(copy, "junk", 0.9), Duplicate(stored_copy, "junk", 0.9)),
            places=((0, 4), (0, 7)),
            sizes=(8,),
        )
        made = make_copies(store, decisions)
        summaries = []
        with pytest.raises(StopIteration) as done:
            while True:
                summaries.append(next(made))
        assert done.value.value == [(0, 4)]
        assert sum(s.articles + s.rejected for s in summaries) == 0
        assert store.counts(("rejections",))["rejections"] == 2
