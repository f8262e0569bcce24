"""Plain-text articles, and the decoding every reader shares."""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from pathlib import Path

from ..errors import TooLarge, UnreadableInput
from ..limits import Limits
from ..model import Article
from .files import open_input, read_at_most, shown

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8, or UTF-16/32 when a byte-order mark says so.

    Anything else is refused rather than guessed: a wrong guess would code
    garbage as if it were the article.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise UnreadableInput(f"invalid {encoding} after its byte-order mark at byte {error.start}") from None
    if b"\x00" in data[:8192]:
        raise UnreadableInput("binary content (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableInput(f"not valid UTF-8 (byte {error.start}); convert the file to UTF-8") from None


def read_whole(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file that holds one article; ``TooLarge`` when it holds more than ``max_bytes``,
    unread when its size says so, else as soon as that many are read (a size can be wrong)."""
    with open_input(path) as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > max_bytes:
            raise TooLarge(f"a file of {size:,} bytes; the limit for one article is {max_bytes:,}")
        return read_at_most(stream, max_bytes, "a file")


def read_text(path: Path, limits: Limits) -> Iterator[Article]:
    """A ``.txt`` file is one article; its name without suffix is the doc id."""
    yield Article.from_text(decode(read_whole(path, limits.max_bytes)), doc_id=base_stem(path), origin=shown(path))


def base_stem(path: Path) -> str:
    """A file's name without its suffix, as ``shown``: the doc id of a file that is one article."""
    return Path(shown(Path(path.name))).stem
