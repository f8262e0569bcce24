"""Partitions of the input and their output on disk: what a distributed run is made of.

::

    input files -> partitions (contiguous groups of files, in input order), keyed by number
    a partition's results -> WORK/{articles,sentences,events,rejections}/NAME.parquet

The Parquet files are how a worker hands its results to the client, which
imports them into the store and then deletes them; ``NAME`` is the
partition's key and the run's (``tinkuy.runners.dask``). They are written
under temporary names and renamed into place when complete, so a task that
dies leaves nothing that looks finished. What a run has done is what the
store holds (the resume rule of ``tinkuy.runners``), not what lies in ``WORK``.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from ..ingest import expand_paths
from ..pipeline import Result
from ..store import TABLE_SCHEMAS, result_tables
from . import Summary

CHUNK = 256
"""Results written to Parquet at a time (one row group per table)."""


@dataclass(frozen=True)
class Partition:
    """Input files coded by one task, and its key (its number in the input)."""

    files: tuple[str, ...]
    key: str


def plan(paths: Iterable[str | os.PathLike[str]], partitions: int | None) -> list[Partition]:
    """Contiguous groups of the input files, of about equal size; one per file when ``partitions`` is None."""
    files = [str(p) for p in expand_paths(paths)]
    if partitions is None or not files:
        return _numbered([name] for name in files)
    count = max(1, min(partitions, len(files)))
    sizes = [max(os.path.getsize(f), 1) for f in files]
    total = sum(sizes)
    groups: list[list[str]] = [[] for _ in range(count)]
    before = 0
    for name, size in zip(files, sizes, strict=True):
        groups[min((2 * before + size) * count // (2 * total), count - 1)].append(name)  # by the file's middle
        before += size
    return _numbered(g for g in groups if g)


def _numbered(groups: Iterable[list[str]]) -> list[Partition]:
    return [Partition(tuple(group), f"{number:05d}") for number, group in enumerate(groups)]


def table_files(work: Path, name: str) -> dict[str, Path]:
    return {table: work / table / f"{name}.parquet" for table in TABLE_SCHEMAS}


def write_partition(work: Path, name: str, results: Iterator[Result]) -> Summary:
    """Write results as one Parquet file per table, a chunk at a time; a file is in place only once complete."""
    files = table_files(work, name)
    partial = {table: path.with_suffix(".parquet.partial") for table, path in files.items()}
    for path in files.values():
        path.parent.mkdir(parents=True, exist_ok=True)
    writers = {table: pq.ParquetWriter(partial[table], TABLE_SCHEMAS[table]) for table in files}
    summary = Summary()
    try:
        while chunk := list(itertools.islice(results, CHUNK)):
            for table, rows in result_tables(chunk).items():
                writers[table].write_table(rows)
            for result in chunk:
                summary.add(result)
    finally:
        for writer in writers.values():
            writer.close()
    for table, path in files.items():
        os.replace(partial[table], path)
    return summary
