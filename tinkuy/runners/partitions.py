"""Partitions of the input and their output on disk: what a distributed run is made of.

::

    input files -> partitions (contiguous groups of files, in input order)
    a partition's results -> WORK/{articles,sentences,events,rejections}/KEY.parquet
                             + WORK/done/KEY.json (its report, written last)

A partition's ``key`` is a content hash of its files' bytes and of everything
else that decides its output (tinkuy's version, the assumed date, which of its
articles are near-duplicates of others and which copies it makes). Its output
is complete exactly when its ``done`` marker exists: the Parquet files are
written under temporary names and renamed into place before the marker, so a
task that dies leaves nothing that looks finished, and a run started again
skips every partition whose marker exists.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from ..ingest import expand_paths
from ..model import Rejection
from ..pipeline import Result
from ..store import TABLE_SCHEMAS, result_tables

CHUNK = 256
"""Results written to Parquet at a time (one row group per table)."""
EXAMPLES = 20


@dataclass(frozen=True)
class Partition:
    """Input files coded by one task, and the content hash of those files and of the run's settings."""

    files: tuple[str, ...]
    key: str

    def keyed(self, *decisions: object) -> Partition:
        """The same files, keyed also by decisions made for them (which articles to copy rather than code)."""
        extra = hashlib.sha256(json.dumps([self.key, *decisions], sort_keys=True, default=str).encode()).hexdigest()[:24]
        return Partition(self.files, extra)


@dataclass(frozen=True)
class Report:
    """What one partition's task did (kept as its ``done`` marker)."""

    key: str
    articles: int
    events: int
    rejections: dict[str, int] = field(default_factory=dict)
    examples: tuple[tuple[str, str, str], ...] = ()
    """Up to ``EXAMPLES`` rejections as (origin, reason, detail)."""


def plan(paths: Iterable[str | os.PathLike[str]], partitions: int | None, fingerprint: str) -> list[Partition]:
    """Contiguous groups of the input files, of about equal size; one per file when ``partitions`` is None."""
    files = [str(p) for p in expand_paths(paths)]
    if partitions is None or not files:
        return [Partition((name,), _key([name], fingerprint)) for name in files]
    count = max(1, min(partitions, len(files)))
    sizes = [max(os.path.getsize(f), 1) for f in files]
    total = sum(sizes)
    groups: list[list[str]] = [[] for _ in range(count)]
    before = 0
    for name, size in zip(files, sizes, strict=True):
        groups[min((2 * before + size) * count // (2 * total), count - 1)].append(name)  # by the file's middle
        before += size
    return [Partition(tuple(g), _key(g, fingerprint)) for g in groups if g]


def _key(files: Sequence[str], fingerprint: str) -> str:
    digest = hashlib.sha256(fingerprint.encode())
    for name in files:
        with open(name, "rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()[:24]


def done_marker(work: Path, key: str) -> Path:
    return work / "done" / f"{key}.json"


def table_files(work: Path, key: str) -> dict[str, Path]:
    return {name: work / name / f"{key}.parquet" for name in TABLE_SCHEMAS}


def write_partition(work: Path, key: str, results: Iterator[Result]) -> Report:
    """Write results as one Parquet file per table, then the ``done`` marker."""
    files = table_files(work, key)
    partial = {name: path.with_suffix(".parquet.partial") for name, path in files.items()}
    for path in files.values():
        path.parent.mkdir(parents=True, exist_ok=True)
    writers = {name: pq.ParquetWriter(partial[name], TABLE_SCHEMAS[name]) for name in files}
    articles = events = 0
    rejections: Counter[str] = Counter()
    examples: list[tuple[str, str, str]] = []
    try:
        while chunk := [result for _, result in zip(range(CHUNK), results, strict=False)]:
            for name, table in result_tables(chunk).items():
                writers[name].write_table(table)
            for result in chunk:
                if isinstance(result, Rejection):
                    rejections[result.reason] += 1
                    if len(examples) < EXAMPLES:
                        examples.append((result.origin, result.reason, result.detail))
                else:
                    articles += 1
                    events += len(result.events)
    finally:
        for writer in writers.values():
            writer.close()
    for name, path in files.items():
        os.replace(partial[name], path)
    report = Report(key, articles, events, dict(rejections), tuple(examples))
    marker = done_marker(work, key)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.with_suffix(".partial").write_text(json.dumps(asdict(report)), encoding="utf-8")
    os.replace(marker.with_suffix(".partial"), marker)
    return report


def read_report(work: Path, key: str) -> Report | None:
    """The report of a partition already coded, or None."""
    marker = done_marker(work, key)
    if not marker.exists():
        return None
    data = json.loads(marker.read_text(encoding="utf-8"))
    examples = tuple((str(o), str(r), str(d)) for o, r, d in data["examples"])
    return Report(data["key"], data["articles"], data["events"], data["rejections"], examples)
