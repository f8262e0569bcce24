"""Readers: one per input format, each turning a file into articles.

A reader yields ``Article`` for every item it can read and ``Rejection`` for
every item it cannot (a broken JSONL line, a record without text), so one bad
record never stops the file. A date field that holds no date rejects only the
field: its rejection comes before the article (``metadata.metadata_date``). An item larger than
``max_bytes`` (a whole text or HTML file, one record, a page as decompressed) is refused once that
much is read. A file that cannot be read at all becomes a single rejection, and so does
anything but a regular file (``files.open_input``). ``read_paths`` expands folders (recursively)
and globs and picks the reader by file suffix, the longest that matches (``.jsonl.gz`` before
``.gz``).
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError, UsageError
from ..limits import DEFAULT_LIMITS, Limits
from ..model import Article, Rejection
from .article_records import read_csv, read_jsonl
from .files import shown
from .html import read_html
from .parquet import read_parquet
from .streams import base_name
from .text import read_text
from .warc import read_warc

Reader = Callable[[Path, Limits], Iterator[Article | Rejection]]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".jsonl.gz": read_jsonl,
    ".csv": read_csv,
    ".csv.gz": read_csv,
    ".parquet": read_parquet,
    ".warc": read_warc,
    ".warc.gz": read_warc,
}


def reader_for(path: Path) -> Reader | None:
    """The reader for a file, by its suffix, or None when tinkuy cannot read it."""
    name = path.name.lower()
    return next((READERS[s] for s in sorted(READERS, key=len, reverse=True) if name.endswith(s)), None)


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files named by ``paths``: files as given, folders recursively, globs expanded.

    Inside a folder only files with a known suffix are taken, in sorted order,
    so a run is reproducible. Links to files are taken (and read if they lead
    to a regular file); links to folders inside a folder or met by ``**`` are
    not followed, so a loop of links cannot make the walk endless. A named
    path that matches nothing is a usage error.
    """
    for given in paths:
        text = os.fspath(given)
        matches = _glob(text) if glob.has_magic(text) else [Path(text)] if os.path.lexists(text) else []
        if not matches:
            raise UsageError(f"no such file or folder: {text}")
        for path in matches:
            if path.is_dir():
                yield from sorted(p for p in path.rglob("*") if reader_for(p) and not p.is_dir())
            else:
                yield path


def _glob(pattern: str) -> list[Path]:
    """What a glob matches, in sorted order, through pathlib, which does not follow links to folders at ``**``."""
    parts = Path(pattern).parts
    fixed = next(i for i, part in enumerate(parts) if glob.has_magic(part))
    try:
        return sorted(Path(*parts[:fixed] or ".").glob(str(Path(*parts[fixed:]))))
    except ValueError as error:
        raise UsageError(f"{pattern} is not a glob tinkuy can expand: {error}") from None


def read_paths(paths: Iterable[str | os.PathLike[str]], limits: Limits = DEFAULT_LIMITS) -> Iterator[Article | Rejection]:
    """Every article in ``paths``, or a rejection for each item that cannot be read."""
    for path in expand_paths(paths):
        reader = reader_for(path)
        if reader is None:
            yield Rejection(shown(path), "unsupported_format", f"no reader for {path.suffix or 'files without a suffix'}")
            continue
        try:
            yield from reader(path, limits)
        except InputError as error:
            yield Rejection(shown(path), error.reason, str(error), doc_id=base_name(path))
        except OSError as error:
            yield Rejection(shown(path), "unreadable", f"cannot read file: {error.strerror or error}", doc_id=base_name(path))
