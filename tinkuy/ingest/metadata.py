"""Dates in an input's metadata, and the one policy for a date that is not one.

A record's ``date`` (or ``published``) field, a page's metadata date and a web
archive's crawl date are read by ``metadata_date``, under one rule: the value
is an ISO date (``YYYY-MM-DD``, or as the start of a timestamp,
``2024-04-06T23:59:00Z``), or a date a Parquet column holds, between 1900 and
ten years from now (``tinkuy.limits.sane_date``). A value that is not such a
date (text that is no date, a date outside that range, a stored date no
calendar holds) is rejected as a field,
not as an article: the article is kept, with no date from that field (cleaning
may still find one in its text, or ``--date`` assume one), and the field's
rejection, reason ``bad_date``, is logged and goes into the stream before the
article, so the summary counts it and the store keeps it. It names the record
(origin and doc id) but not the article, whose own coding it does not change.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from dataclasses import dataclass

from ..limits import FIRST_DAY, last_day, sane_date
from ..model import Article, Rejection

log = logging.getLogger(__name__)

BAD_DATE = "bad_date"
"""The reason of a metadata field rejected because it holds no date."""


@dataclass(frozen=True, slots=True)
class FarDate:
    """A date an input stores that Python's calendar cannot hold (a Parquet date past the year 9999)."""

    description: str


@dataclass(frozen=True, slots=True)
class MetadataDate:
    """A metadata field read as a date: the day it gives, or the rejection of the field."""

    day: dt.date | None
    rejection: Rejection | None = None

    def with_article(self, article: Article) -> Iterator[Article | Rejection]:
        """The field's rejection, logged, if it was rejected, then the article it belongs to."""
        if self.rejection is not None:
            log.info("rejected a field of %s: %s", self.rejection.origin, self.rejection.detail)
            yield self.rejection
        yield article


def metadata_date(value: object, field: str, origin: str, doc_id: str | None) -> MetadataDate:
    """The date in the metadata field ``field`` of the item at ``origin``; no value gives no date,
    and a value that is not a date between 1900 and ten years from now no date and the field's rejection."""
    if value is None or value == "":
        return MetadataDate(None)
    day, problem = _day(value)
    if day is not None:
        if sane_date(day):
            return MetadataDate(day)
        problem = f"{day} is not between {FIRST_DAY} and {last_day()}"
    detail = f"the {field} field: {problem}; the article is kept without it"
    return MetadataDate(None, Rejection(origin, BAD_DATE, detail, doc_id=doc_id))


def _day(value: object) -> tuple[dt.date | None, str]:
    """The date a field's value gives, or None and why it gives none."""
    if isinstance(value, dt.datetime):
        return value.date(), ""
    if isinstance(value, dt.date):
        return value, ""
    if isinstance(value, FarDate):
        return None, f"{value.description}, not a date between {FIRST_DAY} and {last_day()}"
    if isinstance(value, str | int) and not isinstance(value, bool):
        try:
            return dt.date.fromisoformat(str(value).strip()[:10]), ""
        except ValueError:
            return None, f"{value!r} is not an ISO date (YYYY-MM-DD)"
    return None, f"a {type(value).__name__}, not a date"
