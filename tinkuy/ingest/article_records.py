"""Article records in JSONL and CSV files.

A record carries ``text`` and optionally ``id``, ``title``, ``date`` (or
``published``), ``url`` and ``source`` (the outlet); other fields are ignored.
A record that cannot be used becomes a rejection naming its line, and the
file goes on. Files are read as streams, so their size does not matter, and
``.jsonl.gz`` and ``.csv.gz`` are read the same way, decompressed on the fly.
A record larger than the limit (``max_bytes`` characters) is refused: a JSONL
line is skipped unread; a CSV field, for which the parser cannot find the next
record, ends the file.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO

from ..errors import InputError, MalformedRecord, TooLarge
from ..limits import Limits
from ..model import Article, Rejection
from .files import shown
from .metadata import metadata_date
from .streams import base_name, guarded, lines, open_text


def read_record(record: Mapping[str, object], fallback_id: str, origin: str, max_chars: int) -> Iterator[Article | Rejection]:
    """The article of one record, after the rejection of its date field when that holds no date
    (``metadata_date``); ``MalformedRecord`` when the record has no usable text or fields."""
    text = record.get("text")
    if text is None:
        raise MalformedRecord("record has no 'text' field")
    if not isinstance(text, str):
        raise MalformedRecord(f"'text' is {type(text).__name__}, not a string")
    if len(text) > max_chars:
        raise TooLarge(f"a text of {len(text):,} characters; the limit for one article is {max_chars:,}")
    doc_id = _optional_str(record, "id") or fallback_id
    field = "date" if record.get("date") not in (None, "") else "published"
    published = metadata_date(record.get(field), field, origin, doc_id)
    article = Article.from_text(
        text,
        doc_id,
        origin,
        title=_optional_str(record, "title"),
        published=published.day,
        date_source="input" if published.day else None,
        url=_optional_str(record, "url"),
        outlet=_optional_str(record, "source"),
    )
    yield from published.with_article(article)


def _optional_str(record: Mapping[str, object], key: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, (str, int)):
        return str(value)
    raise MalformedRecord(f"'{key}' is {type(value).__name__}, not a string")


Rows = Iterator[tuple[int, Mapping[str, object] | InputError]]
"""Numbered records of a file (line or row number), or the error that made one unusable."""


def articles_from_rows(rows: Rows, path: Path, max_chars: int) -> Iterator[Article | Rejection]:
    """An article or a rejection for each numbered record of the file at ``path``."""
    name, base = shown(path), base_name(path)
    for line, row in rows:
        origin = f"{name}:{line}"
        fallback_id = f"{base}:{line}"
        if isinstance(row, InputError):
            yield Rejection(origin, row.reason, str(row), doc_id=fallback_id)
            continue
        try:
            yield from read_record(row, fallback_id, origin, max_chars)
        except InputError as error:
            yield Rejection(origin, error.reason, str(error), doc_id=fallback_id)


def _jsonl_rows(stream: IO[str], max_chars: int) -> Rows:
    for line, raw in lines(stream, max_chars):
        if isinstance(raw, TooLarge):
            yield line, raw
            continue
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as error:
            yield line, MalformedRecord(f"broken JSON: {error.msg} (column {error.colno})")
            continue
        yield line, value if isinstance(value, dict) else MalformedRecord(f"a JSON {type(value).__name__}, not an object")


def _csv_rows(stream: Iterable[str]) -> Rows:
    reader = csv.DictReader(stream, strict=True)
    while True:
        line = reader.line_num + 1
        try:
            row = guarded(lambda: next(reader))
        except StopIteration:
            return
        except csv.Error as error:
            yield line, MalformedRecord(f"broken CSV: {error}")
            return
        if None in row:
            yield line, MalformedRecord("more fields than the header names")
            continue
        yield line, row


def read_jsonl(path: Path, limits: Limits) -> Iterator[Article | Rejection]:
    """Each line of a ``.jsonl`` (or ``.jsonl.gz``) file is one article record."""
    with open_text(path) as stream:
        yield from articles_from_rows(_jsonl_rows(stream, limits.max_bytes), path, limits.max_bytes)


def read_csv(path: Path, limits: Limits) -> Iterator[Article | Rejection]:
    """Each row of a ``.csv`` (or ``.csv.gz``) file with a header is one article record.

    Broken quoting makes the rest of the file unreadable (a CSV parser cannot
    know where the next record starts), so it ends the file with one rejection.
    """
    csv.field_size_limit(limits.max_bytes)  # the csv module keeps this limit for the whole process
    with open_text(path) as stream:
        yield from articles_from_rows(_csv_rows(stream), path, limits.max_bytes)
