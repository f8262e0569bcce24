"""HTML pages, through trafilatura's article extractor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import trafilatura
from trafilatura.settings import Document

from ..errors import EmptyArticle
from ..model import Article
from .text import content_id, decode, read_whole


def article_from_html(html: str, doc_id: str, origin: str, url: str | None = None) -> Article:
    """The article inside a page: its text, title, date and site, without the page around it.

    The id hashes the page as fetched, so re-reading the same page gives the
    same article even if the extractor changes.
    """
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, include_tables=False)
    if not isinstance(document, Document) or not (document.text or "").strip():
        raise EmptyArticle("the page has no article text")
    published = _iso_date(document.date)
    return Article(
        article_id=content_id(html),
        doc_id=doc_id,
        text=document.text or "",
        title=document.title,
        published=published,
        date_source="page metadata" if published else None,
        url=url or document.url,
        outlet=document.sitename or document.hostname,
        origin=origin,
    )


def _iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def read_html(path: Path, max_bytes: int) -> Iterator[Article]:
    """An ``.html`` file is one page holding one article."""
    yield article_from_html(decode(read_whole(path, max_bytes)), doc_id=path.stem, origin=str(path))
