"""Spanish date expressions, read as the English ones they say.

Spanish news dates things the way English news does ("el viernes", "el
pasado 5 de abril", "la semana pasada", "hace dos días", "anoche", "dos días
después"), in other words. Each pattern here yields an expression of one of
the kinds of ``tinkuy.dates`` with its parts put in the English words that
module resolves ("pasado" is "last", "abril" is 4), so Spanish and English
dates are resolved by the same code. Month and day names come from CLDR
through ``babel``; they are lowercase in Spanish, so no capital is required.
"""

from __future__ import annotations

import calendar

from babel.dates import get_day_names, get_month_names

MONTH_NAMES = {str(name).lower(): number for number, name in get_month_names("wide", locale="es").items()}
WEEKDAY_NAMES = {
    str(name).lower(): calendar.day_name[number].lower() for number, name in get_day_names("wide", locale="es").items()
}
ABBREVIATIONS = {str(name).lower().rstrip("."): number for number, name in get_month_names("abbreviated", locale="es").items()}
"""Months as wire datelines write them after the day: "QUITO, 6 abr (EFE)"."""
_MONTH = r"(?P<month>" + "|".join(sorted(MONTH_NAMES, key=len, reverse=True)) + r")"
_ABBREVIATED = r"(?P<month>" + "|".join(sorted(ABBREVIATIONS, key=len, reverse=True)) + r")\.?(?!\w)"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAY_NAMES) + r")"
_COUNT = r"(?P<count>\d+|una?|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)"
_UNIT = r"(?P<unit>días?|semanas?|mes(?:es)?|años?)"
_LAST = r"pasad[oa]"
_NEXT = r"próxim[oa]|que viene|siguiente"

WORDS = {
    "un": "1",
    "una": "1",
    "dos": "2",
    "tres": "3",
    "cuatro": "4",
    "cinco": "5",
    "seis": "6",
    "siete": "7",
    "ocho": "8",
    "nueve": "9",
    "diez": "10",
    "pasado": "last",
    "pasada": "last",
    "anterior": "previous",
    "próximo": "next",
    "próxima": "next",
    "que viene": "next",
    "siguiente": "next",
    "este": "this",
    "esta": "this",
    "día": "day",
    "días": "day",
    "semana": "week",
    "semanas": "week",
    "mes": "month",
    "meses": "month",
    "año": "year",
    "años": "year",
    "después": "later",
    "más tarde": "later",
    "antes": "earlier",
    "ayer": "yesterday",
    "hoy": "today",
    "anoche": "last night",
    "mañana": "tomorrow",
    "esta mañana": "this morning",
    "esta tarde": "this afternoon",
    "esta noche": "tonight",
    **{name: str(number) for name, number in MONTH_NAMES.items()},
    **{name: str(number) for name, number in ABBREVIATIONS.items()},
    **WEEKDAY_NAMES,
}
"""Each Spanish word a pattern captures, as the English word (or number) ``tinkuy.dates`` resolves."""

MONTHS, WEEKDAYS, YEAR = "<es-month>", "<es-weekday>", "<year>"
PATTERNS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("day_month_year", (MONTHS,), rf"(?P<day>[0-3]?\d)\s+de\s+{_MONTH}\s+(?:de|del)\s+(?P<year>(?:19|20)\d\d)"),
    ("day_month", (MONTHS,), rf"(?:(?:{_LAST})\s+)?(?P<day>[0-3]?\d)\s+de\s+{_MONTH}\b"),
    ("day_month", (MONTHS,), rf"(?P<day>[0-3]?\d)\s+{_ABBREVIATED}"),
    ("month_year", (MONTHS,), rf"{_MONTH}\s+(?:de|del)\s+(?P<year>(?:19|20)\d\d)"),
    ("relative_weekday", (WEEKDAYS,), rf"(?:el\s+)?{_WEEKDAY}\s+(?P<rel>{_LAST}|{_NEXT})"),
    ("relative_weekday", (WEEKDAYS,), rf"(?:el\s+)?(?P<rel>{_LAST}|{_NEXT})\s+{_WEEKDAY}"),
    ("weekday", (WEEKDAYS,), rf"(?:el|este|del)\s+{_WEEKDAY}\b"),
    ("relative_unit", ("semana", "mes", "año"), rf"(?:la|el)\s+(?P<unit>semana|mes|año)\s+(?P<rel>{_LAST}|{_NEXT})"),
    ("relative_unit", ("semana", "mes", "año"), rf"(?:la|el)\s+(?P<rel>{_LAST}|{_NEXT})\s+(?P<unit>semana|mes|año)"),
    ("relative_unit", ("semana", "mes", "año"), r"(?P<rel>este|esta)\s+(?P<unit>semana|mes|año)\b"),
    ("ago", ("hace",), rf"hace\s+{_COUNT}\s+{_UNIT}"),
    ("offset", ("después", "antes"), rf"{_COUNT}\s+{_UNIT}\s+(?P<dir>después|antes|más tarde)"),
    ("offset", ("siguiente", "anterior"), r"(?:al|el)\s+(?P<unit>día)\s+(?P<rel>siguiente|anterior)"),
    ("offset", ("horas", "minutos", "poco"), r"(?:horas|minutos|poco)\s+(?P<dir>después|antes|más tarde)"),
    (
        "deictic",
        ("ayer", "hoy", "anoche", "mañana", "tarde", "noche"),
        r"(?P<word>esta (?:mañana|tarde|noche)|ayer|hoy|anoche|(?<!la )mañana)",
    ),
    ("in_month", (MONTHS,), rf"(?:en|desde|durante|hasta|principios de|finales de|mediados de)\s+{_MONTH}\b(?!\s+de)"),
    ("year", (YEAR,), r"(?:en|desde|durante|hasta)\s+(?:el\s+)?(?P<year>(?:19|20)\d\d)\b"),
)
"""As ``tinkuy.dates._PATTERNS``: kind, the cues one of which a text must hold, and the pattern."""


def translated(parts: dict[str, str]) -> dict[str, str]:
    """The parts of a Spanish expression in the words ``tinkuy.dates`` resolves."""
    return {key: WORDS.get(" ".join(value.lower().split()), value) for key, value in parts.items()}


def cues(words: set[str]) -> set[str]:
    """The cues of a text's lowercased words: themselves, and whether they name a Spanish month or weekday."""
    found = set(words)
    found |= {MONTHS} if not (words.isdisjoint(MONTH_NAMES) and words.isdisjoint(ABBREVIATIONS)) else set()
    found |= {WEEKDAYS} if not words.isdisjoint(WEEKDAY_NAMES) else set()
    return found
