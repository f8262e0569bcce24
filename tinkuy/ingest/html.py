"""HTML pages, through trafilatura's article extractor."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import trafilatura
from trafilatura.settings import Document

from ..errors import EmptyArticle
from ..limits import DEFAULT_LIMITS, Limits
from ..model import Article, Rejection
from .deadline import within
from .files import shown
from .metadata import metadata_date
from .text import base_stem, decode, read_whole


def article_from_html(
    html: str, doc_id: str, origin: str, url: str | None = None, max_seconds: float = DEFAULT_LIMITS.max_seconds
) -> Iterator[Article | Rejection]:
    """The article inside a page: its text, title, date and site, without the page around it,
    after the rejection of its metadata date when that holds no date (``metadata_date``).
    ``TooSlow`` when extracting it takes more than ``max_seconds``.

    The id hashes the page as fetched, so re-reading the same page gives the
    same article even if the extractor changes.
    """

    def extract() -> object:
        return trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, include_tables=False)

    document = within(max_seconds, extract, "extracting the article of the page")
    if not isinstance(document, Document) or not (document.text or "").strip():
        raise EmptyArticle("the page has no article text")
    published = metadata_date(document.date, "page metadata date", origin, doc_id)
    article = Article.from_text(
        document.text or "",
        doc_id,
        origin,
        as_read=html,
        title=document.title,
        published=published.day,
        date_source="page metadata" if published.day else None,
        url=url or document.url,
        outlet=document.sitename or document.hostname,
    )
    yield from published.with_article(article)


def read_html(path: Path, limits: Limits) -> Iterator[Article | Rejection]:
    """An ``.html`` file is one page holding one article."""
    html = decode(read_whole(path, limits.max_bytes))
    yield from article_from_html(html, doc_id=base_stem(path), origin=shown(path), max_seconds=limits.max_seconds)
