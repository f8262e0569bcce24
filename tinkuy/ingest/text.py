"""Plain-text articles, and the decoding every reader shares."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path

from ..errors import TooLarge, UnreadableInput
from ..model import Article

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
    """The bytes of a file that holds one article, refused unread when there are more than ``max_bytes``."""
    size = path.stat().st_size
    if size > max_bytes:
        raise TooLarge(f"a file of {size:,} bytes; the limit for one article is {max_bytes:,}")
    return path.read_bytes()


def read_text(path: Path, max_bytes: int) -> Iterator[Article]:
    """A ``.txt`` file is one article; its name without suffix is the doc id."""
    yield Article.from_text(decode(read_whole(path, max_bytes)), doc_id=path.stem, origin=str(path))
