"""Reading the data files that hold tinkuy's domain knowledge.

Dictionaries, patterns and codebooks are tab-separated tables under
``tinkuy/data/``: a header row, ``#`` comment lines, ``|`` between the items
of a list field. This module is the one reader for all of them.

Knowledge written in words has a folder per language: English under
``data/``, Spanish under ``data/es/`` with the same file names and columns.
Tables keyed by CAMEO codes alone (which acts need a target, which codes an
embedding verb gives) are shared by all languages.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path

from .errors import DataError

DATA = Path(str(resources.files("tinkuy") / "data"))


def data_path(*parts: str) -> Path:
    """A file shipped in the package's data folder."""
    return DATA.joinpath(*parts)


def language_path(language: str, *parts: str) -> Path:
    """A file of the words of ``language``: ``data/<parts>`` for English, ``data/<language>/<parts>`` otherwise."""
    return data_path(*parts) if language == "en" else data_path(language, *parts)


def read_table(path: Path, columns: Sequence[str], delimiter: str = "\t") -> Iterator[dict[str, str]]:
    """The rows of a data table as dicts, checking that it has the expected columns.

    Extra columns are allowed (they document); missing ones are a ``DataError``
    naming the file, as is a row with more fields than the header. Trailing
    empty fields may be left out.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        reader = csv.reader(lines, delimiter=delimiter, quoting=csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL)
        header = next(reader, None)
        if header is None:
            raise DataError(f"{path}: empty table")
        missing = [c for c in columns if c not in header]
        if missing:
            raise DataError(f"{path}: missing columns {missing}; found {header}")
        for row in reader:
            if len(row) > len(header):
                raise DataError(f"{path}: row {row[:3]} has {len(row)} fields, the header {len(header)}")
            yield dict(zip(header, row + [""] * (len(header) - len(row)), strict=True))


def split_list(field: str) -> list[str]:
    """The items of a ``|``-separated list field."""
    return [item.strip() for item in field.split("|") if item.strip()]
