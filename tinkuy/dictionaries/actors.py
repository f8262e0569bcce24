"""Actor dictionaries in the PETRARCH/TABARI format: names with their codes, dated or not.

::

    GOLLUM  # pas 27 Apr 03          a name; words joined by _ or spaces
    +SMEAGOL                         a synonym of the name above
        [HOB < 950601]               a code before a date (YYMMDD or YYYYMMDD)
        [HOBGOV 19950601 - 19990815] a code between two dates
        [HOBREB > 990816]            a code after a date
    ARNOR_  [ARN]                    a code on the name's line; no date: the default

A word ending in ``_`` must match whole; any other last word is a stem
("ARGENTIN" matches "Argentina"). A code that cannot be read is skipped with a
warning: one bad code in a dictionary of thousands should not stop a run.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError
from .syntax import CODE_BLOCK, NULL_CODES, read_dictionary, strip_comments

log = logging.getLogger(__name__)

_DATE_RANGE = re.compile(r"^(?P<code>\S+)\s*(?:(?P<op>[<>])\s*(?P<date>\d{6,8})|(?P<start>\d{6,8})\s*-\s*(?P<end>\d{6,8}))?$")


@dataclass(frozen=True, slots=True)
class DictionaryName:
    """A name as a dictionary writes it: its words, and whether the last is a stem."""

    words: tuple[str, ...]
    stem: bool


@dataclass(frozen=True, slots=True)
class DictionaryCode:
    """A code an actor carries from ``start`` (inclusive) to ``end`` (exclusive); no dates: always."""

    code: str
    start: dt.date | None
    end: dt.date | None


@dataclass
class ActorEntry:
    """A name, its synonyms and its codes (built line by line as the file is read)."""

    primary: DictionaryName
    names: list[DictionaryName] = field(default_factory=list)
    codes: list[DictionaryCode] = field(default_factory=list)


def _name(text: str) -> DictionaryName:
    """A dictionary name: ``_`` and spaces separate words; a final ``_`` makes the last word whole."""
    raw = text.strip()
    stem = not raw.endswith("_")
    words = tuple(w for w in re.split(r"[_\s]+", raw) if w)
    return DictionaryName(words, stem and len(words[-1]) > 1 if words else False)


def _date(text: str, where: str) -> dt.date:
    """YYMMDD (years before 40 are 20xx) or YYYYMMDD."""
    try:
        if len(text) == 6:
            year = int(text[:2])
            return dt.date(2000 + year if year < 40 else 1900 + year, int(text[2:4]), int(text[4:6]))
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise DataError(f"{where}: {text!r} is not a date") from None


def _code(block: str, where: str) -> DictionaryCode | None:
    match = _DATE_RANGE.match(block.strip())
    if match is None:
        raise DataError(f"{where}: cannot read the code [{block}]")
    code = match["code"].upper()
    if code in NULL_CODES:
        return None
    if match["op"] == "<":
        return DictionaryCode(code, None, _date(match["date"], where))
    if match["op"] == ">":
        return DictionaryCode(code, _date(match["date"], where), None)
    if match["start"]:
        return DictionaryCode(code, _date(match["start"], where), _date(match["end"], where))
    return DictionaryCode(code, None, None)


def read_actor_dictionary(path: Path) -> list[ActorEntry]:
    """The entries of a PETRARCH actor dictionary, in file order."""
    entries: list[ActorEntry] = []
    current: ActorEntry | None = None
    for number, line in enumerate(strip_comments(read_dictionary(path)), 1):
        where = f"{path.name}:{number}"
        stripped = line.strip()
        if not stripped:
            continue
        head = CODE_BLOCK.sub("", stripped).strip()
        if stripped.startswith("+"):
            if current is None:
                raise DataError(f"{where}: a synonym with no name before it")
            current.names.append(_name(head[1:]))
        elif head and not line[:1].isspace():
            current = ActorEntry(_name(head))
            current.names.append(current.primary)
            entries.append(current)
        elif current is None:
            raise DataError(f"{where}: a code with no name before it")
        for block in CODE_BLOCK.findall(stripped):
            try:
                code = _code(block, where)
            except DataError as error:  # one bad code in a dictionary of thousands: skip it, say so
                log.warning("skipped: %s", error)
                continue
            if code is not None and current is not None:
                current.codes.append(code)
    return [e for e in entries if e.codes and e.primary.words]
