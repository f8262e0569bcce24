"""Article records in Parquet files, the usual shape of published news datasets.

A file needs a ``text`` column; ``id``, ``title``, ``date`` (or ``published``),
``url`` and ``source`` are used when present, as in JSONL and CSV records, and
other columns are not even read. Rows are read a batch at a time, so a file of
any size reads in flat memory. Dates may be stored as dates, timestamps or
ISO strings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import MalformedRecord, UnreadableInput
from ..model import Article, Rejection
from .article_records import Rows, articles_from_rows

COLUMNS = ("text", "id", "title", "date", "published", "url", "source")
BATCH_ROWS = 1024


def read_parquet(path: Path, max_bytes: int) -> Iterator[Article | Rejection]:
    """Each row of a ``.parquet`` file with a ``text`` column is one article record (numbered from 1)."""
    try:
        file = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as error:
        raise UnreadableInput(f"not a readable Parquet file: {error}") from None
    names = set(file.schema_arrow.names)
    if "text" not in names:
        raise MalformedRecord(f"no 'text' column; the columns are {', '.join(sorted(names))}")
    with file:
        yield from articles_from_rows(_rows(file, [c for c in COLUMNS if c in names]), path, max_bytes)


def _rows(file: pq.ParquetFile, columns: list[str]) -> Rows:
    number = 0
    batches = file.iter_batches(batch_size=BATCH_ROWS, columns=columns)
    while True:
        try:
            batch = next(batches, None)
            rows = batch.to_pylist() if batch is not None else []
        except (pa.ArrowException, OSError, UnicodeDecodeError) as error:
            raise UnreadableInput(f"damaged Parquet data after row {number}: {error}") from None
        if batch is None:
            return
        for row in rows:
            number += 1
            yield number, _plain_dates(row)


def _plain_dates(row: Mapping[str, object]) -> dict[str, object]:
    """Dates and timestamps as ISO text, the form record fields take."""
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}
