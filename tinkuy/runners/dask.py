"""Coding on a Dask cluster: the workers read and code partitions of the input, this process imports them.

Filling a store (``DaskRunner.fill``)::

    1. list (on the workers): read each partition; when near-duplicates are looked for,
       clean it and MinHash every article
    2. decide (here): run the near-duplicate index over all articles in input order, as
       ``code_once`` does, and ask the store which articles it holds already
    3. code (on the workers): each partition codes its items but the copies and those stored
       -> Parquet per partition (``tinkuy.runners.partitions``)
    4. import (here): each partition's Parquet into the store as it finishes, one transaction each
    5. copy (here): each near-duplicate's result, made from its original's as the store holds it
    6. code (on the workers), when some originals were rejected: their copies, each on its own,
       in a second round of the partitions that hold them, imported as in step 4

- Step 2 sees the articles in the order the local runner does, with the same
  rolling window, so the same articles are found to be copies of the same
  originals, even when a copy and its original are in different partitions.
  Step 5 makes the copies as the local runner makes those of a stored
  original. The store ends up with exactly the rows of a local run.
- The resume rule of ``tinkuy.runners``: step 3 leaves out every article the
  store holds, a partition left with nothing to code is not sent at all, and
  step 5 skips the copies stored. So a run killed half way and run again codes
  only what it had not imported. Tasks are submitted with ``retries``: a
  partition whose worker died is run again. Step 1 is skipped when there is
  nothing to decide (no near-duplicates looked for, an empty store).
- The pipeline reaches every worker once, through a worker plugin that loads
  the spaCy model when the worker starts (and on workers that join later);
  tasks take the loaded pipeline from the plugin instead of being sent it.
- Tasks read their files on the workers, so inputs and ``work`` must be where
  every worker can read and write them (a shared file system, a mounted
  bucket). A worker with one thread is one core coding; memory per task is
  flat, as the Parquet is written a chunk at a time.
- Step 2 holds one to two kilobytes per article (its record without its text,
  and its MinHash values) until the decisions are made: under 1 GB for a day
  of GDELT-sized news.

``DaskRunner.code`` streams instead: this process reads the input and finds
the near-duplicates, and the workers code it in chunks, as the local runner's
processes do.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import uuid
from collections.abc import Generator, Iterable, Iterator, Sequence, Set
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np
from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker

from ..errors import UsageError
from ..ingest import read_paths
from ..model import Article, Rejection
from ..neardup import Duplicate, Index, NearDuplicates, copy_result, words
from ..pipeline import Item, Pipeline, Result
from ..store import TABLE_SCHEMAS
from . import PathLike, Summary, write_new
from .local import code_items, in_chunks, stage
from .partitions import Partition, plan, table_files, write_partition

if TYPE_CHECKING:
    from ..store import Store

log = logging.getLogger(__name__)

PLUGIN = "tinkuy-pipeline"
CHUNK = 32
"""Articles sent to a worker at a time by ``DaskRunner.code``."""
COPIES = 256
"""Near-duplicates made and written at a time in step 5."""


@dataclass(frozen=True)
class DaskRunner:
    """Coding on a Dask cluster: the one at ``scheduler``, or a local one of ``workers`` one-thread processes.

    Filling a store, the input files are split into ``partitions`` contiguous
    groups (one per file by default), each coded by a worker into Parquet under
    ``work`` (by default beside the store's working copy, ``DB.next.parts``),
    which must be where every worker and this process can reach it.
    """

    scheduler: str | None = None
    workers: int = 2
    partitions: int | None = None
    work: PathLike | None = None
    retries: int = 2

    def __post_init__(self) -> None:
        if self.scheduler is None and self.workers < 1:
            raise UsageError(f"a local Dask cluster needs at least 1 worker, not {self.workers}")

    def code(self, paths: Sequence[PathLike], pipeline: Pipeline, near_duplicates: NearDuplicates | None) -> Iterator[Result]:
        with self._client(pipeline) as client:
            in_flight = 2 * max(sum(client.nthreads().values()), 1)  # type: ignore[no-untyped-call]

            def coder(items: Iterable[Item], prepared: bool) -> Iterator[Result]:
                return in_chunks(lambda chunk: client.submit(code_chunk, chunk, prepared, pure=False), items, CHUNK, in_flight)

            yield from code_items(read_paths(paths, pipeline.limits), pipeline, coder, near_duplicates)

    def fill(
        self, store: Store, paths: Sequence[PathLike], pipeline: Pipeline, near_duplicates: NearDuplicates | None
    ) -> Iterator[Summary]:
        work = Path(self.work) if self.work is not None else store.path.with_name(store.path.name + ".parts")
        planned = plan(paths, self.partitions)
        run = uuid.uuid4().hex[:12]  # names this run's tasks and files apart from any other's
        with self._client(pipeline) as client:
            decisions = self._decide(client, run, planned, near_duplicates, store)
            if decisions.stored:
                yield Summary(skipped=decisions.stored)
            yield from self._code(client, run, planned, decisions, store, work)
            alone = yield from make_copies(store, decisions)
            if alone:  # step 6: the copies of rejected originals, coded on their own
                yield from self._code(client, f"{run}-alone", planned, decisions.alone(alone), store, work)
        _tidy(work)

    def _decide(
        self, client: Client, run: str, planned: Sequence[Partition], near_duplicates: NearDuplicates | None, store: Store
    ) -> Decisions:
        """Steps 1 and 2."""
        if near_duplicates is None and not any(store.counts(("articles", "rejections")).values()):
            return Decisions(tuple(frozenset[int]() for _ in planned), (True,) * len(planned))
        futures = [
            client.submit(list_partition, p, near_duplicates, key=f"tinkuy-list-{run}-{p.key}", retries=self.retries)
            for p in planned
        ]
        listings: list[list[Entry]] = client.gather(futures)  # type: ignore[no-untyped-call]
        stored = store.known_articles({e.article_id for listing in listings for e in listing if e.article_id is not None})
        return decide(listings, near_duplicates, stored)

    def _code(
        self, client: Client, run: str, planned: Sequence[Partition], decisions: Decisions, store: Store, work: Path
    ) -> Iterator[Summary]:
        """Steps 3 and 4: each partition that has anything to code, imported as it ends."""
        futures = {
            client.submit(code_partition, p, str(work), skip, run, key=f"tinkuy-code-{run}-{p.key}", retries=self.retries): p
            for p, skip, todo in zip(planned, decisions.skip, decisions.todo, strict=True)
            if todo
        }
        log.info("%d partitions, %d to code", len(planned), len(futures))
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            summary: Summary = future.result()
            files = table_files(work, output_name(futures[future], run))
            store.import_parquet(files)  # as each ends: a run that dies keeps what it imported
            for path in files.values():
                path.unlink()
            yield summary

    @contextlib.contextmanager
    def _client(self, pipeline: Pipeline) -> Iterator[Client]:
        """A client of the cluster at ``scheduler``, or of a local one started (and stopped) here; its workers given ``pipeline``."""
        with contextlib.ExitStack() as stack:
            if self.scheduler:
                client = stack.enter_context(Client(self.scheduler))  # type: ignore[no-untyped-call]
            else:
                cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address=None)  # type: ignore[no-untyped-call]
                client = stack.enter_context(Client(stack.enter_context(cluster)))  # type: ignore[no-untyped-call]
            client.register_plugin(PipelinePlugin(pipeline), name=PLUGIN)
            yield client


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
    """An article as step 2 compares it: its cleaned record without the text, its MinHash values and its words."""

    article: Article
    hashvalues: np.ndarray
    words: int


@dataclass(frozen=True)
class Entry:
    """One item of a partition as step 2 sees it.

    ``article_id`` is None for an item the reader refused (it is refused again
    in step 3, as the local runner refuses it on every run); ``sketch`` is there
    when near-duplicates are looked for and the article can be coded.
    """

    article_id: str | None
    sketch: Sketch | None = None


@dataclass(frozen=True)
class Decisions:
    """What step 2 decided.

    ``skip``: per partition, the positions of the items it leaves out; ``todo``:
    whether it has anything left to code; ``copies``: the near-duplicates to
    make in step 5, in input order, and ``places`` where each is (partition,
    position); ``stored``: the items left out as stored; ``sizes``: the items of
    each partition.
    """

    skip: tuple[frozenset[int], ...]
    todo: tuple[bool, ...]
    copies: tuple[Duplicate, ...] = ()
    stored: int = 0
    places: tuple[tuple[int, int], ...] = ()
    sizes: tuple[int, ...] = ()

    def alone(self, places: Iterable[tuple[int, int]]) -> Decisions:
        """What codes the items at ``places`` and nothing else."""
        wanted: dict[int, set[int]] = {}
        for number, position in places:
            wanted.setdefault(number, set()).add(position)
        skip = tuple(frozenset(range(size)) - wanted.get(number, set()) for number, size in enumerate(self.sizes))
        return Decisions(skip, tuple(number in wanted for number in range(len(self.sizes))))


def list_partition(partition: Partition, near_duplicates: NearDuplicates | None) -> list[Entry]:
    """Step 1, a task: every item of a partition, in input order, as step 2 needs it."""
    pipeline = _worker_pipeline()
    return [_entry(item, pipeline, near_duplicates) for item in read_paths(partition.files, pipeline.limits)]


def _entry(item: Item, pipeline: Pipeline, near_duplicates: NearDuplicates | None) -> Entry:
    if isinstance(item, Rejection):
        return Entry(None)
    prepared = pipeline.prepared(item) if near_duplicates is not None else item
    if near_duplicates is None or isinstance(prepared, Rejection):
        return Entry(item.article_id)  # not compared: the coder refuses it, as the local runner does
    hashvalues = near_duplicates.signature(prepared.text).hashvalues
    return Entry(item.article_id, Sketch(dataclasses.replace(prepared, text=""), hashvalues, words(prepared.text)))


def decide(listings: Sequence[Sequence[Entry]], near_duplicates: NearDuplicates | None, stored: Set[str]) -> Decisions:
    """Step 2: the items each partition leaves out.

    Those are the near-duplicates of articles before them (decided over the
    whole input in order, as ``code_once`` decides them; made in step 5), the
    articles the store holds, and the repeats of articles coded in an earlier
    partition.
    """
    index = near_duplicates.index() if near_duplicates is not None else None
    home: dict[str, int] = {}  # original article id -> its partition
    skips: list[frozenset[int]] = []
    copies: list[Duplicate] = []
    places: list[tuple[int, int]] = []
    left_out = 0
    for number, entries in enumerate(listings):
        skip: set[int] = set()
        for position, entry in enumerate(entries):
            duplicate = _match(index, entry)
            if entry.sketch is not None and duplicate is None:
                home.setdefault(entry.sketch.article.article_id, number)
            if duplicate is not None and duplicate.original_id != duplicate.article.article_id:
                copies.append(duplicate)
                places.append((number, position))
            elif entry.article_id in stored:
                left_out += 1
            elif duplicate is None or home[duplicate.original_id] == number:
                continue
            skip.add(position)
        skips.append(frozenset(skip))
    todo = tuple(len(skip) < len(entries) for skip, entries in zip(skips, listings, strict=True))
    return Decisions(tuple(skips), todo, tuple(copies), left_out, tuple(places), tuple(map(len, listings)))


def _match(index: Index | None, entry: Entry) -> Duplicate | None:
    if index is None or entry.sketch is None:
        return None
    return index.match(entry.sketch.article, index.config.signature_of(entry.sketch.hashvalues), entry.sketch.words)


def code_partition(partition: Partition, work: str, skip: frozenset[int], run: str) -> Summary:
    """Step 3, a task: code a partition's items but those left out, into its Parquet files."""
    pipeline = _worker_pipeline()
    items = (item for position, item in enumerate(read_paths(partition.files, pipeline.limits)) if position not in skip)
    summary = write_partition(Path(work), output_name(partition, run), pipeline.run(items))
    log.info("partition %s: %d articles, %d events", partition.key, summary.articles, summary.events)
    return summary


def make_copies(store: Store, decisions: Decisions) -> Generator[Summary, None, list[tuple[int, int]]]:
    """Step 5: the near-duplicates' results, made from their originals' stored results, a batch at a time.

    A copy whose original was rejected is not made: it returns the places of those, to be coded on their
    own (but those the store holds already).
    """
    copies = decisions.copies
    alone: list[tuple[int, int]] = []
    for start in range(0, len(copies), COPIES):
        batch = copies[start : start + COPIES]
        originals = store.results({duplicate.original_id for duplicate in batch})
        orphans = [n for n, duplicate in enumerate(batch, start) if isinstance(originals[duplicate.original_id], Rejection)]
        stored = store.known_articles(copies[n].article.article_id for n in orphans)
        alone += [decisions.places[n] for n in orphans if copies[n].article.article_id not in stored]
        made = [copy_result(d, originals) for d in batch if not isinstance(originals[d.original_id], Rejection)]
        yield write_new(store, made)
    return alone


def code_chunk(items: list[Item], prepared: bool) -> list[Result]:
    """A task of ``DaskRunner.code``: a chunk of items coded by the worker's pipeline."""
    return list(stage(_worker_pipeline(), prepared)(items))


def output_name(partition: Partition, run: str) -> str:
    """The name of a partition's files in this run: a task of a killed run may still be writing its own."""
    return f"{partition.key}-{run}"


def _tidy(work: Path) -> None:
    """Empty ``work`` of what this run and killed ones left (it is the store's), and remove it."""
    for folder in (work / name for name in TABLE_SCHEMAS):
        for leftover in folder.glob("*.parquet*"):
            leftover.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            folder.rmdir()
    with contextlib.suppress(OSError):
        work.rmdir()
