"""Dates in news text: absolute dates, and relative ones resolved against a reference.

News states when things happened relative to the day it was written: "on
Saturday", "last October", "earlier this year", "on April 13". General date
parsers get several of these wrong ("last October" read as October of the
current year), so this small resolver handles the forms news uses, each with
the precision it really has. Spanish expressions ("el pasado 5 de abril",
"hace dos días") are found by the patterns of ``tinkuy.dates_es`` and resolved
by the same code.

``find_dates`` finds expressions in a text; ``resolve`` turns one into a date
given the publication date and whether the clause looks forward (future) or
back (past). Some expressions count from another event rather than from the
publication date ("two days later", "hours earlier", "that same evening", "a day
after police fired"): they are ``offset`` expressions, and ``shift`` resolves
them from the date of the event they count from, which the coder finds
(``tinkuy.coding.dating``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from . import dates_es as es
from .model import DatePrecision

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_MONTH2 = _MONTH.replace("?P<month>", "?P<month2>")
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = _DAY.replace("?P<day>", "?P<day2>")
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_COUNT = r"(?P<count>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)"
_PART_OF_DAY = r"(?P<unit>day|morning|afternoon|evening|night)"

_MONTHS, _WEEKDAYS, _A_YEAR = "<month>", "<weekday>", "<year>"
_UNITS = ("day", "days", "week", "weeks", "month", "months", "year", "years")
_PARTS_OF_DAY = ("day", "morning", "afternoon", "evening", "night")

# Ordered: the first pattern that matches at a position wins, so longer forms come first. Each
# pattern is tried only on a text with one of its cues: a word, or a month or weekday name, or a year.
_PATTERNS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("iso", (_A_YEAR,), r"(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)"),
    ("month_day_year", (_MONTHS,), rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}"),
    ("day_month_year", (_MONTHS,), rf"{_DAY2}\s+(?:of\s+)?{_MONTH2},?\s+{_YEAR}"),
    ("weekday_date", (_WEEKDAYS,), rf"{_WEEKDAY}\s*\(\s*{_MONTH}\s+{_DAY}\s*\)"),
    ("month_year", (_MONTHS,), rf"{_MONTH}(?:\s+of)?,?\s+{_YEAR}"),
    ("month_day", (_MONTHS,), rf"{_MONTH}\s+{_DAY}\b(?!,?\s*(?:19|20)\d\d)"),
    ("day_month", (_MONTHS,), rf"{_DAY2}\s+(?:of\s+)?{_MONTH2}\b(?!,?\s*(?:19|20)\d\d)"),
    (
        "weekday_of_week",
        (_WEEKDAYS,),
        rf"{_WEEKDAY}\s+of\s+(?P<rel>last|this|next|the previous|the following)\s+week\b",
    ),
    ("relative_month", (_MONTHS,), rf"(?P<rel>last|this|next|past|coming)\s+{_MONTH}\b"),
    (
        "part_of_unit",
        _UNITS,
        r"(?P<part>earlier|later|early|late)\s+(?:this|in the|(?P<rel>last|next))\s+(?P<unit>week|month|year)\b",
    ),
    ("relative_unit", _UNITS, r"(?P<rel>last|this|next|past|coming)\s+(?P<unit>week|month|year)\b"),
    ("ago", ("ago",), rf"{_COUNT}\s+(?P<unit>day|week|month|year)s?\s+ago\b"),
    (
        "offset",
        _UNITS,
        r"(?:(?:nearly|almost|about|some|just|barely|more than|less than|over)\s+)?"
        rf"{_COUNT}\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>later|earlier|after|before|afterwards)\b",
    ),
    (
        "offset",
        ("hours", "minutes", "moments", "shortly", "immediately", "just"),
        r"(?:hours|minutes|moments|shortly|immediately|just)\s+(?P<dir>later|earlier|after|before|afterwards)\b",
    ),
    ("offset", ("within",), r"within\s+(?:hours|minutes)(?:\s+(?P<dir>of))?\b"),
    ("offset", _PARTS_OF_DAY, rf"(?:the\s+)?(?P<rel>next|following|previous|same)\s+{_PART_OF_DAY}\b"),
    ("offset", ("day",), r"the\s+(?P<unit>day)\s+(?P<dir>before|after)\b"),
    ("offset", _PARTS_OF_DAY, rf"(?:(?:later|earlier)\s+)?that\s+(?:same\s+)?{_PART_OF_DAY}\b"),
    ("relative_weekday", (_WEEKDAYS,), rf"(?P<rel>last|this|next|past|coming)\s+{_WEEKDAY}"),
    # "Monday, June 3" is month_day
    ("weekday", (_WEEKDAYS,), rf"{_WEEKDAY}(?!\s*,?\s*{_MONTH.replace('?P<month>', '?:')}\s*\d)"),
    (
        "deictic",
        ("yesterday", "today", "tonight", "tomorrow", "night", "overnight", "morning", "afternoon", "evening"),
        r"(?P<word>yesterday|today|tonight|tomorrow|last night|overnight|this (?:morning|afternoon|evening))",
    ),
    ("in_month", (_MONTHS,), rf"(?:in|since|during|by|until|early|late|mid-?)\s+{_MONTH}\b"),
    ("year", (_A_YEAR,), r"(?:in|since|during|of|by|until|early|late|mid-?)\s+" + _YEAR + r"\b"),
)
_COUNTS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_COMPILED = [(kind, frozenset(cues), re.compile(r"\b" + pattern, re.IGNORECASE), False) for kind, cues, pattern in _PATTERNS]
_COMPILED += [(kind, frozenset(cues), re.compile(r"\b" + pattern, re.IGNORECASE), True) for kind, cues, pattern in es.PATTERNS]
"""English patterns, then Spanish ones (``tinkuy.dates_es``), whose parts are translated; their cues never meet."""
_WORD = re.compile(r"[A-Za-z]+")
_SPANISH_WORD = re.compile(r"[^\W\d_]+")
_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True, slots=True)
class DateExpression:
    """A date expression found in text, with its character span."""

    kind: str
    text: str
    start: int
    end: int
    parts: dict[str, str]

    @property
    def absolute(self) -> bool:
        """Whether the expression names its year, so needs no reference date."""
        return "year" in self.parts and self.kind != "relative_unit"

    @property
    def counts_from_an_event(self) -> bool:
        """Whether the expression counts from another event's date ("two days later"), not from publication."""
        return self.kind == "offset"

    @property
    def introduces_an_event(self) -> bool:
        """Whether the expression counts from an event it introduces itself: "a day after police fired",
        "within hours of the raid"; "two days later" counts from one the text dated before."""
        return self.parts.get("dir", "").lower() in ("after", "before", "of")


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    date: dt.date | None
    precision: DatePrecision


UNKNOWN = ResolvedDate(None, "unknown")


def find_dates(text: str) -> list[DateExpression]:
    """Every date expression in ``text``, left to right, without overlaps."""
    found: list[DateExpression] = []
    taken: list[tuple[int, int]] = []
    cues = _cues(text)
    for kind, needs, pattern, spanish in _COMPILED:
        if needs.isdisjoint(cues):
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            parts = {k.rstrip("2"): v for k, v in match.groupdict().items() if v}
            if spanish:
                parts = es.translated(parts)
            elif not _names_capitalised(parts):
                continue
            taken.append((start, end))
            found.append(DateExpression(kind, match.group(0), start, end, parts))
    return sorted(found, key=lambda e: e.start)


def _cues(text: str) -> set[str]:
    """The words of a text, and whether it names a month or a weekday or holds a year: a pattern
    none of whose cues a text holds cannot match it, and is not tried (most sentences hold no date)."""
    words = set(_WORD.findall(text))
    names = {w.lower() for w in words if w[0].isupper()}  # month and day names are capitalised
    cues = {w.lower() for w in words}
    cues |= {_MONTHS} if not names.isdisjoint(MONTHS) else set()
    cues |= {_WEEKDAYS} if not names.isdisjoint(WEEKDAYS) else set()
    cues |= {_A_YEAR} if _YEAR_DIGITS.search(text) else set()
    return cues | es.cues({w.lower() for w in _SPANISH_WORD.findall(text)})


def _names_capitalised(parts: dict[str, str]) -> bool:
    """Month and day names are capitalised in English: "this may" is not a date."""
    names = (parts.get("month", ""), parts.get("weekday", ""))
    return all(not name or name.isdigit() or name[0].isupper() for name in names)


def parse_date(text: str) -> ResolvedDate:
    """An absolute date written out in full ("May 7, 2024", "21 July 2019"), else unknown."""
    for expression in find_dates(text):
        if expression.absolute:
            return resolve(expression, None)
    return UNKNOWN


def resolve(expression: DateExpression, reference: dt.date | None, forward: bool = False) -> ResolvedDate:
    """The date an expression denotes, seen from ``reference`` (the publication date).

    ``forward`` says the clause is about the future ("will meet on Monday"),
    so weekday and month names point ahead rather than back.
    """
    parts = expression.parts
    try:
        if expression.absolute:
            month = _month(parts["month"]) if "month" in parts else None
            if month is None:
                return ResolvedDate(dt.date(int(parts["year"]), 1, 1), "year")
            if "day" not in parts:
                return ResolvedDate(dt.date(int(parts["year"]), month, 1), "month")
            return ResolvedDate(dt.date(int(parts["year"]), month, int(parts["day"])), "day")
        if reference is None:
            return UNKNOWN
        return _relative(expression.kind, parts, reference, forward)
    except (ValueError, OverflowError):
        return UNKNOWN


def _month(value: str) -> int:
    return int(value) if value.isdigit() else MONTHS[value.lower().rstrip(".")]


def _relative(kind: str, parts: dict[str, str], reference: dt.date, forward: bool) -> ResolvedDate:
    step = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(parts.get("rel", "").lower())
    if kind in ("month_day", "day_month", "weekday_date"):
        return ResolvedDate(_nearest_year(reference, _month(parts["month"]), int(parts["day"]), forward), "day")
    if kind == "weekday_of_week":  # "on Thursday of last week": that day of the Monday-to-Sunday week before
        monday = reference - dt.timedelta(days=reference.weekday())
        week = {"last": -1, "the previous": -1, "next": 1, "the following": 1}.get(" ".join(parts["rel"].lower().split()), 0)
        return ResolvedDate(monday + dt.timedelta(weeks=week, days=WEEKDAYS[parts["weekday"].lower()]), "day")
    if kind == "in_month":
        return ResolvedDate(_nearest_year(reference, _month(parts["month"]), 1, forward), "month")
    if kind == "relative_month":
        month = _month(parts["month"])
        year = reference.year
        if step == -1 and month >= reference.month:
            year -= 1
        elif step == 1 and month <= reference.month:
            year += 1
        return ResolvedDate(dt.date(year, month, 1), "month")
    if kind == "relative_unit":
        return _shift_unit(reference, parts["unit"].lower(), step or 0)
    if kind == "part_of_unit":
        return _shift_unit(reference, parts["unit"].lower(), step or 0)
    if kind == "ago":
        count = _COUNTS.get(parts["count"].lower()) or int(parts["count"])
        unit = parts["unit"].lower()
        if unit == "day":
            return ResolvedDate(reference - dt.timedelta(days=count), "day")
        return _shift_unit(reference, unit, -count)
    if kind in ("weekday", "relative_weekday"):
        weekday = WEEKDAYS[parts["weekday"].lower()]
        ahead = forward if step is None else step > 0
        delta = (weekday - reference.weekday()) % 7 if ahead else -((reference.weekday() - weekday) % 7)
        if step is not None and delta == 0:
            delta = 7 * step
        return ResolvedDate(reference + dt.timedelta(days=delta), "day")
    if kind == "deictic":
        word = " ".join(parts["word"].lower().split())
        offset = {"yesterday": -1, "last night": -1, "overnight": -1, "tomorrow": 1}.get(word, 0)
        return ResolvedDate(reference + dt.timedelta(days=offset), "day")
    return UNKNOWN


_SIGNS = {"later": 1, "after": 1, "afterwards": 1, "next": 1, "following": 1, "earlier": -1, "before": -1, "previous": -1}


def shift(expression: DateExpression, origin: ResolvedDate, backwards: bool = False) -> ResolvedDate:
    """The date an ``offset`` expression gives, counted from the date of the event it counts from:
    "two days later" than 26 July is 28 July; a clause "a day after" an event of 26 July, 27 July.
    ``backwards`` counts the other way, from the clause to the event the expression introduces:
    "Ruto spoke on Wednesday, a day after police fired" dates the firing on Tuesday. "Hours
    later", "within hours of", "that same evening" are the same day. A count in months or years
    is known to the month or year; one from an event known only to the month or year, no better
    than that."""
    if origin.date is None or not expression.counts_from_an_event:
        return UNKNOWN
    parts = expression.parts
    sign = _SIGNS.get(parts.get("dir", parts.get("rel", "")).lower(), 0) * (-1 if backwards else 1)
    if "count" not in parts:  # "the next day", "the day before"; "hours later", "that same evening": the same day
        days = sign if "rel" in parts or "unit" in parts else 0
        return ResolvedDate(origin.date + dt.timedelta(days=days), origin.precision)
    count = sign * (_COUNTS.get(parts["count"].lower()) or int(parts["count"]))
    unit = parts["unit"].lower()
    if unit in ("day", "week"):
        days = count * (7 if unit == "week" else 1)
        return ResolvedDate(origin.date + dt.timedelta(days=days), origin.precision)
    shifted = _shift_unit(origin.date, unit, count)
    return shifted if _RANK[shifted.precision] <= _RANK[origin.precision] else ResolvedDate(shifted.date, origin.precision)


_RANK = {"unknown": 0, "year": 1, "month": 2, "day": 3}


def _nearest_year(reference: dt.date, month: int, day: int, forward: bool) -> dt.date:
    """The date with this month and day closest to the reference on the side the clause looks to."""
    candidate = dt.date(reference.year, month, day)
    if forward and candidate < reference - dt.timedelta(days=31):
        return dt.date(reference.year + 1, month, day)
    if not forward and candidate > reference + dt.timedelta(days=31):
        return dt.date(reference.year - 1, month, day)
    return candidate


def _shift_unit(reference: dt.date, unit: str, step: int) -> ResolvedDate:
    if unit == "week":  # no week precision in the record: the week's Monday, known to the month
        monday = reference - dt.timedelta(days=reference.weekday()) + dt.timedelta(weeks=step)
        return ResolvedDate(monday, "month")
    if unit == "month":
        index = reference.year * 12 + reference.month - 1 + step
        return ResolvedDate(dt.date(index // 12, index % 12 + 1, 1), "month")
    return ResolvedDate(dt.date(reference.year + step, 1, 1), "year")
