"""Opening record files as text streams: gzip by suffix, encoding by byte-order mark.

Record files (JSONL, CSV) can be far larger than memory, so they are read as
streams, line by line, never whole. A ``.gz`` file is decompressed on the fly.
The encoding rules are those of ``decode``: UTF-8, or UTF-16/32 when a
byte-order mark says so; binary content is refused. A decoding error or a
compressed stream cut short surfaces as ``UnreadableInput`` when it is met, so
the records before the damaged block (of a few kilobytes) are still read.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TypeVar

from ..errors import TooLarge, UnreadableInput
from .files import open_input, shown
from .text import _BOMS

_SNIFF = 8192
T = TypeVar("T")


def base_name(path: Path) -> str:
    """The file name without its format suffix or compression: ``feed`` for ``feed.jsonl.gz`` (as ``shown``)."""
    name = shown(Path(path.name))
    return Path(name[:-3] if name.lower().endswith(".gz") else name).stem


@contextlib.contextmanager
def open_binary(path: Path) -> Iterator[io.BufferedReader | gzip.GzipFile]:
    """The regular file's bytes (``open_input``), decompressed when its name ends in ``.gz``."""
    with open_input(path) as raw:
        if not path.name.lower().endswith(".gz"):
            yield raw
            return
        with gzip.GzipFile(fileobj=raw, mode="rb") as unzipped:
            yield unzipped


@contextlib.contextmanager
def open_text(path: Path) -> Iterator[IO[str]]:
    """The file as text with universal line endings left alone (``newline=""``, as csv wants)."""
    with open_binary(path) as raw:
        head = guarded(lambda: raw.peek(_SNIFF)[:_SNIFF])
        encoding = next((name for bom, name in _BOMS if head.startswith(bom)), None)
        if encoding is None and b"\x00" in head:
            raise UnreadableInput("binary content (NUL bytes), not text")
        yield io.TextIOWrapper(raw, encoding=encoding or "utf-8", errors="strict", newline="")


def guarded(read: Callable[[], T]) -> T:
    """Run one read, turning a decoding error or a damaged compressed stream into ``UnreadableInput``."""
    try:
        return read()
    except UnicodeDecodeError as error:
        raise UnreadableInput(f"not valid {error.encoding} (byte {error.start} of a block); convert the file to UTF-8") from None
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise UnreadableInput(f"damaged or cut-short compressed data: {error}") from None


def lines(stream: IO[str], max_chars: int) -> Iterator[str | TooLarge]:
    """The lines of a text stream, with decoding errors as ``UnreadableInput``.

    A line longer than ``max_chars`` is never held whole: it is read past in
    pieces and stands in the output as ``TooLarge``.
    """
    while line := guarded(lambda: stream.readline(max_chars + 1)):
        if len(line) <= max_chars or line.endswith("\n"):
            yield line
            continue
        length = len(line)
        while (piece := guarded(lambda: stream.readline(max_chars))) and not piece.endswith("\n"):
            length += len(piece)
        yield TooLarge(f"a line of {length + len(piece):,} characters; the limit for one article is {max_chars:,}")
