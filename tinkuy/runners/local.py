"""Coding on this machine: in this process or in a pool of worker processes, in flat memory, results in input order.

Each worker process receives the pipeline once, when it starts (the pipeline
pickles as its configuration; the spaCy model loads in the worker on first
use), and keeps it in a module global for its lifetime: a worker is a process
of its own, so that global is its whole state, and it is what makes the model
load once per process rather than once per chunk.

The parent reads the input, sends it in chunks of ``chunk_size`` articles, and
keeps at most ``ahead`` chunks per process in flight; it takes the results
back in input order and hands them on (to the writer) before reading further.
So memory stays flat however long the stream, and the output is exactly that
of ``Pipeline.run`` in one process.

Workers are started with ``spawn`` (or ``forkserver`` where the platform has
it): a forked copy of a parent holding a spaCy model or an open database is
neither safe nor smaller.
"""

from __future__ import annotations

import functools
import itertools
import logging
import multiprocessing
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import UsageError
from ..ingest import read_paths
from ..model import Article
from ..neardup import NearDuplicates, StreamCoder, code_once
from ..pipeline import Item, Pipeline, Result
from . import PathLike, StoredIds, Summary, write_new

if TYPE_CHECKING:
    from ..store import Store

log = logging.getLogger(__name__)

_worker_pipeline: Pipeline | None = None
"""The pipeline of this worker process, set once by ``_start_worker``."""

Stored = Callable[[Iterable[str]], Mapping[str, Result]]
"""The stored results of the given article ids (``Store.results``)."""


class Coder(Protocol):
    """Where a runner codes: items, ``prepared`` already or not, into one result each, in input order."""

    def __call__(self, items: Iterable[Item], prepared: bool) -> Iterator[Result]: ...


@dataclass(frozen=True)
class LocalRunner:
    """Coding on this machine, in ``processes`` worker processes (in this process when 1).

    Filling a store, results are written ``commit_every`` articles at a time,
    each batch in one transaction: a run killed half way loses only the batch
    in flight.
    """

    processes: int = 1
    commit_every: int = 64

    def __post_init__(self) -> None:
        if self.processes < 1:
            raise UsageError(f"processes must be at least 1, not {self.processes}")
        if self.commit_every < 1:
            raise UsageError(f"commit-every must be at least 1, not {self.commit_every}")

    def code(self, paths: Sequence[PathLike], pipeline: Pipeline, near_duplicates: NearDuplicates | None) -> Iterator[Result]:
        return self._results(paths, pipeline, near_duplicates, stored=None)

    def fill(
        self, store: Store, paths: Sequence[PathLike], pipeline: Pipeline, near_duplicates: NearDuplicates | None
    ) -> Iterator[Summary]:
        results = self._results(paths, pipeline, near_duplicates, stored=store.results)
        written = StoredIds()
        while batch := list(itertools.islice(results, self.commit_every)):
            yield write_new(store, batch, written)

    def _results(
        self, paths: Sequence[PathLike], pipeline: Pipeline, near_duplicates: NearDuplicates | None, stored: Stored | None
    ) -> Iterator[Result]:
        coder = functools.partial(code_in_processes, pipeline, processes=self.processes)
        return code_items(read_paths(paths, pipeline.limits), pipeline, coder, near_duplicates, stored)


def code_items(
    items: Iterable[Item],
    pipeline: Pipeline,
    coder: Coder,
    near_duplicates: NearDuplicates | None,
    stored: Stored | None = None,
) -> Iterator[Result]:
    """Code a stream of read articles with ``coder``, each near-duplicate group once; results in input order.

    ``near_duplicates=None`` codes every article, copies included. An article
    ``stored`` has a result for (the resume rule, ``tinkuy.runners``) is not
    coded again: its stored result takes its place, after the near-duplicates
    are decided, so they are decided as in a run never interrupted.
    """

    def run(originals: Iterable[Item], prepared: bool) -> Iterator[Result]:
        coded: StreamCoder = functools.partial(coder, prepared=prepared)
        return coded(originals) if stored is None else with_stored(originals, coded, stored)

    if near_duplicates is None:
        return run(items, prepared=False)
    return code_once(items, functools.partial(run, prepared=True), pipeline.prepared, near_duplicates)


def with_stored(items: Iterable[Item], run: StreamCoder, stored: Stored, chunk_size: int = 256) -> Iterator[Result]:
    """The results of ``items``: the stored ones looked up (a chunk at a time), the others coded by ``run``; in input order."""
    waiting: deque[Result | None] = deque()  # per item: its stored result, or None while ``run`` codes it

    def fresh() -> Iterator[Item]:
        iterator = iter(items)
        while chunk := list(itertools.islice(iterator, chunk_size)):
            found = stored(item.article_id for item in chunk if isinstance(item, Article))
            for item in chunk:
                result = found.get(item.article_id) if isinstance(item, Article) else None
                waiting.append(result)
                if result is None:
                    yield item

    def ready() -> Iterator[Result]:
        while waiting and (result := waiting[0]) is not None:
            waiting.popleft()
            yield result

    for coded in run(fresh()):
        yield from ready()
        waiting.popleft()  # the place of ``coded``
        yield coded
    yield from ready()


class Pending(Protocol):
    """A chunk submitted to a pool: a ``concurrent.futures`` or a Dask future."""

    def result(self) -> list[Result]: ...

    def cancel(self) -> Any: ...


def in_chunks(
    submit: Callable[[list[Item]], Pending], items: Iterable[Item], chunk_size: int, in_flight: int
) -> Iterator[Result]:
    """Items sent to a pool ``chunk_size`` at a time, at most ``in_flight`` chunks waiting; their results in input order."""
    iterator = iter(items)
    pending: deque[Pending] = deque()
    try:
        while True:
            while len(pending) < in_flight and (chunk := list(itertools.islice(iterator, chunk_size))):
                pending.append(submit(chunk))
            if not pending:
                return
            yield from pending.popleft().result()
    finally:
        for future in pending:  # the caller stopped early, or a chunk failed: drop the work queued
            future.cancel()


def code_in_processes(
    pipeline: Pipeline, items: Iterable[Item], processes: int, prepared: bool = False, chunk_size: int = 32, ahead: int = 2
) -> Iterator[Result]:
    """Code ``items`` (``prepared`` or not) with ``processes`` worker processes; one result per item, in input order.

    With one process, the pipeline simply runs here.
    """
    if processes <= 1:
        yield from stage(pipeline, prepared)(items)
        return
    pickled = pickle.dumps(pipeline)  # once, not once per worker: the dictionaries weigh megabytes
    with ProcessPoolExecutor(processes, mp_context=_context(), initializer=_start_worker, initargs=(pickled,)) as pool:

        def submit(chunk: list[Item]) -> Future[list[Result]]:
            return pool.submit(_code_chunk, chunk, prepared)

        yield from in_chunks(submit, items, chunk_size, processes * ahead)


def stage(pipeline: Pipeline, prepared: bool) -> StreamCoder:
    """What codes items: all of the pipeline, or its coding alone for items already ``prepared``."""
    return pipeline.code if prepared else pipeline.run


def _start_worker(pickled_pipeline: bytes) -> None:
    global _worker_pipeline
    _worker_pipeline = pickle.loads(pickled_pipeline)
    log.debug("worker %s ready", multiprocessing.current_process().name)


def _code_chunk(items: list[Item], prepared: bool) -> list[Result]:
    if _worker_pipeline is None:
        raise RuntimeError("a chunk reached a process that was not started as a tinkuy worker")
    return list(stage(_worker_pipeline, prepared)(items))


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
