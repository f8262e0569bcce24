"""Coding on a Dask cluster: partitions of the input coded by the workers into Parquet, then imported.

::

    1. sketch (on the workers): read and clean each partition, MinHash every article
    2. decide (here): run the near-duplicate index over all sketches in input order
    3. code (on the workers): each partition codes its originals and makes the copies of them
       -> Parquet per partition (``tinkuy.runners.partitions``)
    4. import (here): each partition's Parquet into the local DuckDB store as it finishes

- Step 2 sees the articles in the order the local runner does, with the same
  rolling window, so the same articles are found to be copies of the same
  originals, even when a copy and its original are in different partitions:
  the partition of the original makes the copy (it has the original's events)
  and the partition of the copy leaves it out. The store ends up with exactly
  the rows of a local run. Without near-duplicate detection, step 1 is skipped.
- Step 3 is keyed by content (files, settings and those decisions): a partition
  whose output is complete is not coded again, so a run that died, or one
  started again with more input, codes only what is missing. Tasks are
  submitted with ``retries``: a partition whose worker died is run again.
- The pipeline reaches every worker once, through a worker plugin that loads
  the spaCy model when the worker starts (and on workers that join later);
  tasks take the loaded pipeline from the plugin instead of being sent it.
- Tasks read their files on the workers, so inputs and ``WORK`` must be where
  every worker can read and write them (a shared file system, a mounted
  bucket). A worker with one thread is one core coding; memory per task is
  flat, as the Parquet is written a chunk at a time.
- Step 2 holds one to two kilobytes per article (its signature and record,
  without its text) until the decisions are made: under 1 GB for a day of
  GDELT-sized news.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, cast

import numpy as np
from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker

from ..errors import InputError
from ..ingest import read_paths
from ..model import Article
from ..neardup import DEFAULT, Duplicate, NearDuplicates, copy_result, result_article_id
from ..pipeline import Pipeline, Result
from ..store import Store
from .partitions import Partition, Report, plan, read_report, table_files, write_partition

log = logging.getLogger(__name__)

PLUGIN = "tinkuy-pipeline"


class PipelinePlugin(WorkerPlugin):
    """Gives each worker its pipeline, with the model loaded, once for the worker's life."""

    name = PLUGIN

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def setup(self, worker: Any) -> None:
        self.pipeline.parser.describe()  # loads the model now, not inside the first task


def _worker_pipeline() -> Pipeline:
    return cast(PipelinePlugin, get_worker().plugins[PLUGIN]).pipeline


@dataclass(frozen=True)
class Sketch:
    """An article as step 2 needs it: its record without the text, and its MinHash values."""

    article: Article
    hashvalues: np.ndarray


@dataclass(frozen=True)
class Decisions:
    """For one partition: the articles it leaves out, and the copies of its originals it makes."""

    skip: frozenset[str] = frozenset()
    copies: tuple[Duplicate, ...] = ()

    def identity(self) -> list[object]:
        """What of the decisions shapes the partition's output, for its key."""
        return [sorted(self.skip), [(c.article.article_id, c.original_id) for c in self.copies]]


def sketch_partition(partition: Partition, near_duplicates: NearDuplicates) -> list[Sketch]:
    """Step 1, a task: the sketch of every article of a partition that can be cleaned, in input order."""
    pipeline = _worker_pipeline()
    sketches = []
    for item in read_paths(partition.files, pipeline.limits.max_bytes):
        if isinstance(item, Article):
            try:
                cleaned = pipeline.prepare(item)
            except InputError:
                continue  # not indexed: the coder rejects it, as the local runner does
            hashvalues = near_duplicates.signature(cleaned.text).hashvalues
            sketches.append(Sketch(dataclasses.replace(cleaned, text=""), hashvalues))
    return sketches


def decide(partitions: Sequence[Partition], sketches: Sequence[list[Sketch]], near_duplicates: NearDuplicates) -> list[Decisions]:
    """Step 2: which articles are copies of which, over the whole input in order, as ``code_once`` decides."""
    index = near_duplicates.index()
    home: dict[str, int] = {}  # original article id -> its partition
    skip: defaultdict[int, set[str]] = defaultdict(set)
    copies: defaultdict[int, list[Duplicate]] = defaultdict(list)
    for number, partition_sketches in enumerate(sketches):
        for sketch in partition_sketches:
            article_id = sketch.article.article_id
            duplicate = index.match(sketch.article, near_duplicates.signature_of(sketch.hashvalues))
            if duplicate is None:
                home.setdefault(article_id, number)
            elif duplicate.original_id != article_id:
                skip[number].add(article_id)
                copies[home[duplicate.original_id]].append(duplicate)
            elif home[article_id] != number:
                skip[number].add(article_id)  # coded again where it first came, with the same result
    return [Decisions(frozenset(skip[n]), tuple(copies[n])) for n in range(len(partitions))]


def code_partition(partition: Partition, work: str, decisions: Decisions) -> Report:
    """Step 3, a task: code a partition's originals, add the copies it makes, write its output."""
    pipeline = _worker_pipeline()
    items = (
        i
        for i in read_paths(partition.files, pipeline.limits.max_bytes)
        if not (isinstance(i, Article) and i.article_id in decisions.skip)
    )
    report = write_partition(Path(work), partition.key, with_copies(pipeline.run(items), decisions.copies))
    log.info("partition %s: %d articles, %d events", partition.key, report.articles, report.events)
    return report


def with_copies(results: Iterable[Result], copies: Sequence[Duplicate]) -> Iterator[Result]:
    """Each result, followed by the results of the duplicates copied from it."""
    waiting: defaultdict[str, list[Duplicate]] = defaultdict(list)
    for duplicate in copies:
        waiting[duplicate.original_id].append(duplicate)
    for result in results:
        yield result
        for duplicate in waiting.pop(result_article_id(result), []):
            yield copy_result(duplicate, {duplicate.original_id: result})


def fingerprint(pipeline: Pipeline, near_duplicates: NearDuplicates | None) -> str:
    """What, besides the input, decides a partition's output."""
    settings = [
        metadata.version("tinkuy"),
        str(pipeline.cleaner.assumed_date),
        pipeline.knowledge.sizes,  # which dictionaries: the bundled ones or others given with --actors
        near_duplicates and asdict(near_duplicates),
    ]
    return json.dumps(settings, default=str)


def code_with_dask(
    paths: Iterable[str | os.PathLike[str]],
    db: str | os.PathLike[str],
    work: str | os.PathLike[str],
    pipeline: Pipeline,
    scheduler: str | None = None,
    workers: int = 2,
    partitions: int | None = None,
    near_duplicates: NearDuplicates | None = DEFAULT,
    retries: int = 2,
) -> list[Report]:
    """Code ``paths`` on a Dask cluster into Parquet under ``work`` and import it into the store ``db``.

    ``scheduler`` is the address of a running cluster's scheduler; without one
    a local cluster of ``workers`` one-thread worker processes is started for
    the run. Returns the report of every partition, in input order, those
    coded by an earlier run included.
    """
    work_dir = Path(work)
    planned = plan(paths, partitions, fingerprint(pipeline, near_duplicates))
    with _client(scheduler, workers) as client:
        client.register_plugin(PipelinePlugin(pipeline), name=PLUGIN)
        if near_duplicates is None:
            decisions = [Decisions()] * len(planned)
        else:
            sketching = [
                client.submit(sketch_partition, p, near_duplicates, key=f"tinkuy-sketch-{p.key}", retries=retries)
                for p in planned
            ]
            decisions = decide(planned, [future.result() for future in sketching], near_duplicates)
        todo = [p.keyed(d.identity()) for p, d in zip(planned, decisions, strict=True)]
        reports = {p.key: done for p in todo if (done := read_report(work_dir, p.key)) is not None}
        log.info("%d partitions, %d already coded", len(todo), len(reports))
        with Store(db) as store:
            for key in reports:
                store.import_parquet(table_files(work_dir, key))
            futures = [
                client.submit(code_partition, p, str(work_dir), d, key=f"tinkuy-code-{p.key}", retries=retries)
                for p, d in zip(todo, decisions, strict=True)
                if p.key not in reports
            ]
            for future in as_completed(futures):  # type: ignore[no-untyped-call]
                report: Report = future.result()
                store.import_parquet(table_files(work_dir, report.key))  # as each ends: a run that dies keeps what it imported
                reports[report.key] = report
    return [reports[p.key] for p in todo]


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Client]:
    """A client of the cluster at ``scheduler``, or of a local cluster started (and stopped) for the run."""
    if scheduler:
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    local = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)  # type: ignore[no-untyped-call]
    with local as cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        yield client
