"""Writing event records as JSON Lines, CSV or Parquet, one batch at a time."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any, Protocol

import pyarrow.parquet as pq

from .errors import UsageError
from .event_records import CSV_COLUMNS, EVENT_SCHEMA, csv_row, events_table

FORMATS = ("jsonl", "csv", "parquet")


class EventWriter(Protocol):
    def write(self, records: Iterable[Mapping[str, Any]]) -> int: ...

    def close(self) -> None: ...


class JsonlWriter:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, records: Iterable[Mapping[str, Any]]) -> int:
        count = 0
        for record in records:
            self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        return count

    def close(self) -> None:
        self.stream.flush()


class CsvWriter:
    """One row per event; nested fields as ``source.code`` columns, lists as JSON."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS)
        self.writer.writeheader()

    def write(self, records: Iterable[Mapping[str, Any]]) -> int:
        rows = [csv_row(record) for record in records]
        self.writer.writerows(rows)
        return len(rows)

    def close(self) -> None:
        self.stream.flush()


class ParquetWriter:
    """Parquet with the event schema; records may carry dates as ISO strings or dates."""

    def __init__(self, path: str) -> None:
        self.writer = pq.ParquetWriter(path, EVENT_SCHEMA)

    def write(self, records: Iterable[Mapping[str, Any]]) -> int:
        table = events_table(_with_dates(r) for r in records)
        self.writer.write_table(table)
        return int(table.num_rows)

    def close(self) -> None:
        self.writer.close()


def _with_dates(record: Mapping[str, Any]) -> Mapping[str, Any]:
    date = record.get("date")
    return {**record, "date": dt.date.fromisoformat(date)} if isinstance(date, str) else record


def open_writer(format: str, stream: IO[str] | None, path: str | None) -> EventWriter:
    """A writer for ``format``: to ``path`` if given, else to the text ``stream``."""
    if format not in FORMATS:
        raise UsageError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    if format == "parquet":
        if path is None:
            raise UsageError("parquet is binary: give an output file with -o")
        return ParquetWriter(path)
    if stream is None:
        raise UsageError("no output stream")
    return JsonlWriter(stream) if format == "jsonl" else CsvWriter(stream)


@contextlib.contextmanager
def event_writer(format: str, path: str | None = None, stream: IO[str] | None = None) -> Iterator[EventWriter]:
    """A writer for ``format`` to the file ``path``, or else to ``stream`` (stdout by default), closed when the block ends."""
    with contextlib.ExitStack() as stack:
        own = stack.enter_context(open(path, "w", encoding="utf-8", newline="")) if path and format != "parquet" else None
        writer = open_writer(format, own or stream or sys.stdout, path)
        stack.callback(writer.close)
        yield writer
