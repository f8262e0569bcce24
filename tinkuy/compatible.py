"""When two mentions can be one real event: compatible actors, event codes and dates.

Outlets report one act at different grains: "Mexico" or "the Mexican
government", "met" or "held talks", the day the text states or only the day the
article was published. Dedup (``tinkuy.dedup``) merges mentions whose actors,
codes and dates all fit; these are the rules, each a small pure function.

- **Actors**: CAMEO actor codes are built of three-letter parts, country (or
  type) first, so one code more specific than another begins with it: ``ECU``
  fits ``ECUGOV``, ``ECUGOV`` does not fit ``ECUMIL``. A person is coded as the
  role they held on the event's date, so a president and the government they
  led already share a code; two different people named on one side (the
  detention of one minister and of another) are two events.
- **Event codes**: a CAMEO code's parent is its first digits, and a three-digit
  code ending in 0 (``040``) is its root's generic code, the parent of every
  code of the root. Codes fit when one is the other's ancestor: ``040`` fits
  ``043``, ``104`` fits ``1041``; ``042`` does not fit ``043``.
- **Dates**: each mention allows a span of days. A day the text states allows
  that day (and the days of a wider window, when one is asked for); a date
  taken from the publication, because the text states none, allows the days up
  to ``REPORTING_LAG_DAYS`` before it, as news reports what happened the day
  before or the day before that; a month or year allows its days. Mentions fit
  when their spans overlap.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import NamedTuple

REPORTING_LAG_DAYS = 2
"""Days before its publication that an article's undated report of an event may refer to."""

_PART = 3
"""Letters in each part of an actor code."""


class DateSpan(NamedTuple):
    """The first and last day an event may have happened on, both included."""

    start: dt.date
    end: dt.date


def country(code: str | None) -> str:
    """The first part of an actor code: its country, region or type (``IGO``); empty without an actor."""
    return (code or "")[:_PART]


def specificity(code: str | None) -> int:
    """How many parts an actor code has: ``ECU`` 1, ``ECUGOV`` 2; none without an actor."""
    return len(code or "") // _PART


def finer_actor(a: str | None, b: str | None) -> str | None:
    """The more specific of two actor codes when one begins with the other, else None.

    Two missing actors fit (the event has no target); a missing actor fits no code.
    """
    if not a or not b:
        return "" if not a and not b else None
    if b.startswith(a):
        return b
    return a if a.startswith(b) else None


def code_depth(code: str) -> int:
    """How deep a CAMEO code sits in the tree: a root or its generic code 2, ``043`` 3, ``1041`` 4."""
    return len(_stem(code))


def same_person(a: str | None, b: str | None) -> bool:
    """Whether two actors' names (the canonical person or organisation, when the actor is one) may be one actor."""
    return a is None or b is None or a == b


def _stem(code: str) -> str:
    """The digits that place a code in the tree: a root's generic code (``040``) stands for its root."""
    return code[:2] if len(code) == 3 and code.endswith("0") else code


def finer_code(a: str, b: str) -> str | None:
    """The more specific of two CAMEO event codes when one is the other's ancestor, else None."""
    if _stem(b).startswith(_stem(a)):
        return b
    return a if _stem(a).startswith(_stem(b)) else None


def date_span(date: dt.date | None, precision: str, source: str, window_days: int = 1) -> DateSpan | None:
    """The days a mention's date allows (None when it has no date): see the module docstring."""
    if date is None:
        return None
    if precision == "month":
        return DateSpan(date.replace(day=1), date.replace(day=calendar.monthrange(date.year, date.month)[1]))
    if precision == "year":
        return DateSpan(date.replace(month=1, day=1), date.replace(month=12, day=31))
    later = _shifted(date, window_days - 1)
    return DateSpan(_shifted(date, -REPORTING_LAG_DAYS) if source == "publication" else date, later)


def _shifted(date: dt.date, days: int) -> dt.date:
    """A date moved by some days, kept within the calendar Python can write."""
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min
