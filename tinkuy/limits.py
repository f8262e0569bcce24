"""Bounds on what one article may cost, and on the dates an input may claim.

An article over a bound is rejected and the run goes on. Every bound has a
default that no news article comes near, and each can be set from the command
line (``--max-bytes``, ``--max-chars``, ``--max-seconds``).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

FIRST_DAY = dt.date(1900, 1, 1)
"""The earliest publication date an input may give: no news tinkuy reads is older."""
YEARS_AHEAD = 10
"""How far past today a date may lie: a date further ahead is a typing or a conversion error."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 10_000_000
    """One article as read (a text or HTML file, a JSONL line, a CSV record, a WARC
    record, a page as decompressed) larger than this is refused once this many bytes
    are read, so a dump cannot exhaust memory."""
    max_chars: int = 300_000
    """Cleaned text longer than this (some 50,000 words, far beyond any news article) is
    refused as a dump; it also bounds the time the parser can spend on one article."""
    max_seconds: float = 10.0
    """Extracting one page's article, and coding one article after parsing, may each take
    this long: the extraction is stopped when it is over, coding is checked between sentences."""
    max_sentence_tokens: int = 200
    """Longer "sentences" are tables or lists flattened into text, not prose: they are not coded,
    and an article made mostly of them, or of lines without a verb, is refused."""


DEFAULT_LIMITS = Limits()


def last_day(today: dt.date | None = None) -> dt.date:
    """The latest date an input may give: ``YEARS_AHEAD`` years after today."""
    today = today or dt.date.today()
    return dt.date(today.year + YEARS_AHEAD, 12, 31)


def sane_date(day: dt.date) -> bool:
    """Whether a date given by an input or a caller lies between ``FIRST_DAY`` and ``last_day()``
    (as of the day this process first asked: a run that crosses a new year keeps its range)."""
    return FIRST_DAY <= day <= _last_day_of_process()


@functools.cache
def _last_day_of_process() -> dt.date:
    return last_day()
