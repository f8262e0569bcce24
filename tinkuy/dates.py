"""Dates in news text: absolute dates, and relative ones resolved against a reference.

News states when things happened relative to the day it was written: "on
Saturday", "last October", "earlier this year", "on April 13". General date
parsers get several of these wrong ("last October" read as October of the
current year), so this small resolver handles the forms news uses, each with
the precision it really has.

``find_dates`` finds expressions in a text; ``resolve`` turns one into a date
given the publication date and whether the clause looks forward (future) or
back (past).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

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

# Ordered: the first pattern that matches at a position wins, so longer forms come first.
_PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", r"(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)"),
    ("month_day_year", rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}"),
    ("day_month_year", rf"{_DAY2}\s+(?:of\s+)?{_MONTH2},?\s+{_YEAR}"),
    ("month_year", rf"{_MONTH}(?:\s+of)?,?\s+{_YEAR}"),
    ("month_day", rf"{_MONTH}\s+{_DAY}\b(?!,?\s*(?:19|20)\d\d)"),
    ("day_month", rf"{_DAY2}\s+(?:of\s+)?{_MONTH2}\b(?!,?\s*(?:19|20)\d\d)"),
    ("relative_month", rf"(?P<rel>last|this|next|past|coming)\s+{_MONTH}\b"),
    ("part_of_unit", r"(?P<part>earlier|later|early|late)\s+(?:this|in the)\s+(?P<unit>week|month|year)\b"),
    ("relative_unit", r"(?P<rel>last|this|next|past|coming)\s+(?P<unit>week|month|year)\b"),
    ("ago", r"(?P<count>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>day|week|month|year)s?\s+ago\b"),
    ("relative_weekday", rf"(?P<rel>last|this|next|past|coming)\s+{_WEEKDAY}"),
    ("weekday", rf"{_WEEKDAY}(?!\s*,?\s*{_MONTH.replace('?P<month>', '?:')})"),
    ("deictic", r"(?P<word>yesterday|today|tonight|tomorrow|last night)"),
    ("in_month", rf"(?:in|since|during|by|until|early|late|mid-?)\s+{_MONTH}\b"),
    ("year", r"(?:in|since|during|of|by|until|early|late|mid-?)\s+" + _YEAR + r"\b"),
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
_COMPILED = [(kind, re.compile(r"\b" + pattern, re.IGNORECASE)) for kind, pattern in _PATTERNS]


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


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    date: dt.date | None
    precision: DatePrecision


UNKNOWN = ResolvedDate(None, "unknown")


def find_dates(text: str) -> list[DateExpression]:
    """Every date expression in ``text``, left to right, without overlaps."""
    found: list[DateExpression] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _COMPILED:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            parts = {k.rstrip("2"): v for k, v in match.groupdict().items() if v}
            if not _names_capitalised(parts):
                continue
            taken.append((start, end))
            found.append(DateExpression(kind, match.group(0), start, end, parts))
    return sorted(found, key=lambda e: e.start)


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
    if kind in ("month_day", "day_month"):
        return ResolvedDate(_nearest_year(reference, _month(parts["month"]), int(parts["day"]), forward), "day")
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
        return _shift_unit(reference, parts["unit"].lower(), 0)
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
        offset = {"yesterday": -1, "last night": -1, "today": 0, "tonight": 0, "tomorrow": 1}[parts["word"].lower()]
        return ResolvedDate(reference + dt.timedelta(days=offset), "day")
    return UNKNOWN


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
