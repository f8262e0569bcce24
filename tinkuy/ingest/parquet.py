"""Article records in Parquet files, the usual shape of published news datasets.

A file needs a ``text`` column; ``id``, ``title``, ``date`` (or ``published``),
``url`` and ``source`` are used when present, as in JSONL and CSV records, and
other columns are not even read. Rows are read a batch at a time, so a file of
any size reads in flat memory. Dates may be stored as dates, timestamps or
ISO strings; a stored date no calendar holds (past the year 9999) is a date
field that holds no date (``metadata.metadata_date``), and any other value
Python cannot hold rejects its row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import MalformedRecord, UnreadableInput
from ..limits import Limits
from ..model import Article, Rejection
from .article_records import Rows, articles_from_rows
from .files import open_input
from .metadata import FarDate

COLUMNS = ("text", "id", "title", "date", "published", "url", "source")
BATCH_ROWS = 1024


def read_parquet(path: Path, limits: Limits) -> Iterator[Article | Rejection]:
    """Each row of a ``.parquet`` file with a ``text`` column is one article record (numbered from 1)."""
    with open_input(path) as handle:
        try:
            file = pq.ParquetFile(handle)
        except (pa.ArrowException, OSError) as error:
            raise UnreadableInput(f"not a readable Parquet file: {error}") from None
        names = set(file.schema_arrow.names)
        if "text" not in names:
            raise MalformedRecord(f"no 'text' column; the columns are {', '.join(sorted(names))}")
        with file:
            yield from articles_from_rows(_rows(file, [c for c in COLUMNS if c in names]), path, limits.max_bytes)


def _rows(file: pq.ParquetFile, columns: list[str]) -> Rows:
    number = 0
    batches = file.iter_batches(batch_size=BATCH_ROWS, columns=columns)
    while True:
        try:
            batch = next(batches, None)
            values = {name: _values(batch.column(name)) for name in batch.schema.names} if batch is not None else {}
        except (pa.ArrowException, OSError, UnicodeDecodeError) as error:
            raise UnreadableInput(f"damaged Parquet data after row {number}: {error}") from None
        if batch is None:
            return
        for row in (dict(zip(values, cells, strict=True)) for cells in zip(*values.values(), strict=True)):
            number += 1
            broken = next(
                (f"the {name} column: {value.problem}" for name, value in row.items() if isinstance(value, _Broken)), None
            )
            yield number, MalformedRecord(broken) if broken else row


@dataclass(frozen=True, slots=True)
class _Broken:
    """A stored value Python cannot hold, and why."""

    problem: str


_UNITS_PER_DAY = {"s": 86_400, "ms": 86_400_000, "us": 86_400_000_000, "ns": 86_400_000_000_000}
_EPOCH = dt.date(1970, 1, 1)


def _values(column: pa.Array) -> list[object]:
    """A column's values as Python objects: dates and timestamps as dates (``FarDate`` past the calendar),
    a value that cannot be converted as ``_Broken``."""
    if pa.types.is_date32(column.type):
        per_day = 1
    elif pa.types.is_date64(column.type):
        per_day = _UNITS_PER_DAY["ms"]
    elif pa.types.is_timestamp(column.type):
        per_day = _UNITS_PER_DAY[column.type.unit]
    else:
        try:
            values: list[object] = column.to_pylist()
        except (OverflowError, ValueError):
            return [_value(column, i) for i in range(len(column))]
        return values
    numbers = column.view(pa.int32() if per_day == 1 else pa.int64())  # the stored numbers, as they are
    return [None if n is None else _day(n // per_day) for n in numbers.to_pylist()]


def _value(column: pa.Array, index: int) -> object:
    try:
        return column[index].as_py()
    except (OverflowError, ValueError) as error:
        return _Broken(str(error))


def _day(days: int) -> dt.date | FarDate:
    """The date ``days`` after 1970-01-01."""
    try:
        return _EPOCH + dt.timedelta(days=days)
    except OverflowError:
        return FarDate(f"{days:,} days from 1970-01-01")
