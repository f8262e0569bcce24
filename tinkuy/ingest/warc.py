"""Web archives (``.warc``, ``.warc.gz``): how news crawls such as CC-NEWS are published.

Each HTML response record is one page, taken through the same article
extractor as an ``.html`` file, with the record's target URL and crawl date.
The page's own publication date (from its metadata) comes first; without one
the crawl date stands in for it (``date_source = "crawl"``), since a news crawl
fetches pages within hours of publication.

A response's page is decoded as its HTTP headers say (chunked transfer, gzip or
deflate content encoding), and the size limit applies to the page decoded, not
only to the record as stored: 2 MB of gzip can hold 2 GB of page.

Requests, metadata records and responses other than ``200 OK`` (redirects,
errors) are not articles and are passed over; a successful response that is
not HTML becomes an ``unsupported_format`` rejection, and a page without
article text an ``empty`` one. ``doc_id`` is the record's WARC-Record-ID (the
UUID without its ``urn:uuid:`` prefix); ``origin`` is the file and the
record's byte offset, where it can be found again.

A file cut short (a download stopped half way) ends with an ``unreadable``
rejection after the pages of its whole records, whether the cut falls in a
record's header or in its page.
"""

from __future__ import annotations

import dataclasses
import logging
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from trafilatura.utils import decode_file
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from ..errors import InputError, TooLarge, UnreadableInput
from ..limits import Limits
from ..model import Article, Rejection
from .files import open_input, read_at_most, shown
from .html import article_from_html
from .metadata import metadata_date
from .streams import base_name

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
_TAIL = 1024
T = TypeVar("T")


def read_warc(path: Path, limits: Limits) -> Iterator[Article | Rejection]:
    """Every HTML page in the responses of a WARC file, compressed or not; a record over ``max_bytes`` is skipped unread,
    and a page that decodes to more is read no further."""
    max_bytes = limits.max_bytes
    end = 0  # where the last whole record ends
    with open_input(path) as stream:
        records = ArchiveIterator(stream)
        while (record := _damaged_as_unreadable(lambda: next(records, None))) is not None:
            if record.format != "warc":  # warcio reads anything else as an old ARC record
                raise UnreadableInput("not WARC data")
            if record.length is None:
                raise UnreadableInput("damaged WARC data: a record without a Content-Length")
            page = _is_page(record, path)
            content = _content(record, max_bytes) if page else b""
            offset = _damaged_as_unreadable(records.get_record_offset)  # known once the record is read: reads what is left of it
            if getattr(record.raw_stream, "limit", 0):
                raise UnreadableInput(f"damaged WARC data: the file ends inside the record at byte {offset:,}")
            end = offset + records.get_record_length()
            origin = f"{shown(path)}:{offset}"
            if isinstance(content, TooLarge):
                yield Rejection(origin, content.reason, str(content), doc_id=_record_id(record, path))
            elif page:
                try:
                    yield from _page(record, content, origin, path, limits.max_seconds)
                except InputError as error:
                    yield Rejection(origin, error.reason, str(error), doc_id=_record_id(record, path))
        stream.seek(end)  # warcio ends quietly at a record header cut short: what follows the last record must be blank
        if stream.read(_TAIL).strip():
            raise UnreadableInput(f"damaged WARC data: the file ends inside a record after byte {end:,}")


def _content(record: ArcWarcRecord, max_bytes: int) -> bytes | TooLarge:
    """The page of a response record as its server meant it (chunks joined, gzip or deflate undone), or ``TooLarge``
    when the record is larger than ``max_bytes`` (left unread) or its page grows larger once decoded (read no further)."""
    if record.length > max_bytes:
        return TooLarge(f"a record of {record.length:,} bytes; the limit for one article is {max_bytes:,}")
    try:
        return _damaged_as_unreadable(lambda: read_at_most(record.content_stream(), max_bytes, "a page decoded"))
    except TooLarge as error:
        return error


def _damaged_as_unreadable(read: Callable[[], T]) -> T:
    """One step of warcio, its failures on damaged data as ``UnreadableInput`` (some cut headers make it
    fail with an ``AttributeError``)."""
    try:
        return read()
    except (ArchiveLoadFailed, EOFError, ValueError, AttributeError, zlib.error) as error:
        raise UnreadableInput(f"damaged WARC data: {error}") from None


def _is_page(record: ArcWarcRecord, path: Path) -> bool:
    """Whether a record is a successful response, one page; requests, metadata, redirects and errors are not."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode()
    if status != "200":
        log.debug("%s: HTTP %s at %s, not a page", path, status, record.rec_headers.get_header("WARC-Target-URI"))
    return bool(status == "200")


def _page(record: ArcWarcRecord, payload: bytes, origin: str, path: Path, max_seconds: float) -> Iterator[Article | Rejection]:
    """The article of one successful response record, after the rejection of a date field that holds no date."""
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if content_type and content_type not in HTML_TYPES:
        raise _NotHtml(f"a {content_type} response, not an HTML page")
    url = record.rec_headers.get_header("WARC-Target-URI")
    html = decode_file(payload)
    for item in article_from_html(html, doc_id=_record_id(record, path), origin=origin, url=url, max_seconds=max_seconds):
        yield from _crawl_dated(item, record, origin) if isinstance(item, Article) else (item,)


def _crawl_dated(article: Article, record: ArcWarcRecord, origin: str) -> Iterator[Article | Rejection]:
    """The article, dated by the crawl when its page gives no date (see ``metadata_date``)."""
    if article.published is not None:
        yield article
        return
    crawled = metadata_date(record.rec_headers.get_header("WARC-Date"), "WARC-Date", origin, article.doc_id)
    dated = dataclasses.replace(article, published=crawled.day, date_source="crawl") if crawled.day else article
    yield from crawled.with_article(dated)


class _NotHtml(InputError):
    reason = "unsupported_format"


def _record_id(record: ArcWarcRecord, path: Path) -> str:
    value = record.rec_headers.get_header("WARC-Record-ID") or ""
    return value.strip("<>").removeprefix("urn:uuid:") or base_name(path)
