"""Cleaning: strip page furniture from an article and find its publication date.

Scraped and pasted articles carry donation appeals, share buttons, breadcrumbs,
related-link teasers, captions and comment notices. None of it is the article,
and coding it invents events ("Galapagos Islands Will Now Serve US Military as
Airfield" is a teaser for another story). The cleaner works line by line:

- lines matching a rule in ``data/cleaning/boilerplate.tsv`` are dropped;
  a ``tail`` rule (a donation appeal, the comment section) also drops all that
  follows, once the article body has started;
- short lines without closing punctuation inside the body are headings,
  bylines or teasers, not sentences, and are dropped (the first line, the
  title, is kept);
- a line repeated verbatim, or repeating a caption, is dropped.

Odd white space (no-break and thin spaces) is made plain first and format
characters (zero-width spaces, direction marks, soft hyphens) are removed, so a
text made only of them is empty; link labels left in the text ("[Spanish]")
are dropped: the parser and the dictionaries expect plain prose. A title is
cut to some 300 characters.

The dateline that opens the body ("QUITO, April 8 (Andes Wire) -", "CARACAS,
Venezuela, Jan. 23 -", "MEXICO CITY -", "April 6, 2024 -") is kept, as written,
as the article's ``dateline``: its place is where the story was filed, and its
date is the publication date, which dates no event of the text.

The publication date comes from the input when it has one, else from a date
line, a byline or the dateline near the top ("Published 21 July 2019", "May 7,
2024", "By Jane Doe | May 7, 2024", "QUITO, April 6, 2024 -"), never from a note
added after publication nor outside 1900 to ten years from now; a
dateline without a year ("MANAGUA, Dec 10 -") gives the day nearest before the
date the caller says to assume, and failing all these, that date is taken.

The outlet comes from the input when it names one (a page's site name, a
record's ``source``), else from the article's URL: the name listed for its host
or a parent domain in ``data/cleaning/outlets.tsv``, else the host itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from .datafiles import data_path, read_table
from .dates import find_dates, parse_date, resolve
from .errors import EmptyArticle
from .limits import sane_date
from .model import Article

HEADING_MAX_WORDS = 12
DATE_SEARCH_LINES = 25
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]+")
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
"""The format characters (Unicode category Cf: zero-width spaces and joiners, direction marks, soft
hyphens, byte-order marks): they show nothing and only split words the dictionaries would match."""
TITLE_CHARS = 300
"""A longer title (a first line that is a whole paragraph, a record's title field of a megabyte) is cut
at a word near this many characters."""
_BULLET = re.compile(r"^[\s•·*\-–—>|#]+|[\s|]+$")
_CLOSING = re.compile(r"[\"'”’»)\]\s]+$")
_DATE_LINE = re.compile(
    r"^(?:(?P<label>published|posted|updated|last updated|date|dated)\b[\s:]*(?:on\s+)?|by\b[^|·•]{2,60}[|·•]\s*)?"
    r"(?P<rest>.{6,60})$",
    re.IGNORECASE,
)
"""A line that holds the date and nothing else, after a label or a byline ("By Jane Doe | 7 May 2024")."""
DATELINE_LINES = 3
"""How many lines from the top of the body (the title included) may open with the dateline."""
_CAPITAL = "A-ZÀ-ÖØ-Þ"
_DAY_OF_MONTH = (
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}(?:,? \d{4})?|\d{1,2} [A-Z][a-z]{2,8}\.?(?: \d{4})?"
    r"|\d{1,2} (?:de )?[a-zé]{3,10}\.?(?: de \d{4})?)"  # Spanish: 8 de abril (de 2024), 8 abr
)
_DATELINE = re.compile(
    rf"^(?P<dateline>(?:[{_CAPITAL}][{_CAPITAL}'’.\- ]+[{_CAPITAL}.]"  # QUITO, MEXICO CITY, CÚCUTA
    r"(?:,\s*[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|and|the|of|de|del|la)){0,5})?"  # , Venezuela / , St Vincent and the Grenadines
    rf"(?:,\s*(?P<date>{_DAY_OF_MONTH}))?"
    rf"|(?P<date_only>{_DAY_OF_MONTH}))"
    r"(?:\s*\((?P<outlet>[^)]{1,40})\))?)"  # (Andes Wire)
    r"\s*(?:[-–—]+|\.[-–—]+)\s*(?=[A-Z\"“‘'])"
)
"""A dateline: a place in capitals with its country or state, a day, the agency; or a full date alone."""
_LINK_LABEL = re.compile(r" ?\[(?:[A-Z][a-z]+|[A-Z]{2,})\](?!\()")
"""A link's label left in the text ("[Spanish]", "[TWEETS]"): not part of any sentence."""
_CAPTION_CREDIT = re.compile(r"\s*\|\s*(?:photo|image|picture|video)(?: credit)?\s*:.*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class BoilerplateRule:
    kind: str
    pattern: re.Pattern[str]
    note: str


def load_rules(path: Path | None = None) -> tuple[BoilerplateRule, ...]:
    """The boilerplate rules from a table (by default the bundled one)."""
    rows = read_table(path or data_path("cleaning", "boilerplate.tsv"), ("kind", "pattern", "note"))
    return tuple(BoilerplateRule(r["kind"], re.compile(r["pattern"], re.IGNORECASE), r["note"]) for r in rows)


@cache
def known_outlets() -> dict[str, str]:
    """Host name -> outlet name, from ``data/cleaning/outlets.tsv``."""
    return {row["host"]: row["outlet"] for row in read_table(data_path("cleaning", "outlets.tsv"), ("host", "outlet"))}


def outlet_from_url(url: str) -> str | None:
    """The outlet of a URL: the name listed for its host or a parent domain, else the host itself."""
    host = (urlsplit(url.strip()).hostname or "").removeprefix("www.")
    if not host:
        return None
    labels = host.split(".")
    names = known_outlets()
    return next((names[".".join(labels[i:])] for i in range(len(labels) - 1) if ".".join(labels[i:]) in names), host)


@dataclass(frozen=True, slots=True)
class Cleaner:
    """Removes boilerplate, dates articles and names their outlet; holds only its rules, so it pickles."""

    rules: tuple[BoilerplateRule, ...] = dataclasses.field(default_factory=load_rules)
    assumed_date: dt.date | None = None

    def clean(self, article: Article) -> Article:
        """The article with only its text, its title, its publication date and its outlet."""
        text = unicodedata.normalize("NFC", article.text)
        lines = [_LINK_LABEL.sub("", _SPACES.sub(" ", _INVISIBLE.sub("", line))) for line in text.splitlines()]
        kept = self._body_lines(lines)
        if not kept:
            raise EmptyArticle("nothing left once page furniture is removed")
        dateline = next(filter(None, map(_DATELINE.match, kept[:DATELINE_LINES])), None)
        published, date_source = article.published, article.date_source
        if published is None:
            published = self._date_in_text(lines) or (self._dateline_date(dateline) if dateline else None)
            date_source = "text" if published else None
        if published is None and self.assumed_date is not None:
            published, date_source = self.assumed_date, "assumed"
        return dataclasses.replace(
            article,
            text="\n\n".join(kept),
            title=_short(_INVISIBLE.sub("", article.title or "").strip() or kept[0]),
            published=published,
            date_source=date_source,
            outlet=article.outlet or (outlet_from_url(article.url) if article.url else None),
            dateline=dateline.group("dateline") if dateline else None,
        )

    def _dateline_date(self, dateline: re.Match[str]) -> dt.date | None:
        """The day a dateline gives: its full date, else its month and day in the year of the assumed date."""
        expressions = find_dates(dateline.group("date") or dateline.group("date_only") or "")
        day = resolve(expressions[0], self.assumed_date).date if expressions else None
        return day if day and sane_date(day) else None

    def _match(self, line: str) -> BoilerplateRule | None:
        return next((rule for rule in self.rules if rule.pattern.fullmatch(line)), None)

    def _body_lines(self, lines: list[str]) -> list[str]:
        total = sum(len(line) for line in lines) or 1
        seen: set[str] = set()
        kept: list[str] = []
        position = 0
        for line in (_BULLET.sub("", raw) for raw in lines):
            position += len(line)
            if not line:
                continue
            rule = self._match(line)
            if rule is not None:
                if rule.kind == "tail" and kept and position > total / 3:
                    break
                caption = _CAPTION_CREDIT.sub("", line)
                if caption != line:
                    seen.add(caption)
                    kept = [k for k in kept if k != caption]
                continue
            if kept and _is_heading(line):
                continue
            if line in seen:
                continue
            seen.add(line)
            kept.append(line)
        return kept

    def _date_in_text(self, lines: list[str]) -> dt.date | None:
        """A publication date stated near the top, preferring 'published' over 'updated'."""
        candidates: list[tuple[int, dt.date]] = []
        for bare in (_BULLET.sub("", line) for line in lines[:DATE_SEARCH_LINES]):
            if not bare or self._match(bare) is not None:
                continue
            date_line = _DATE_LINE.match(bare)
            if date_line and _only_date(date_line.group("rest")):
                rank = 1 if (date_line.group("label") or "").lower().endswith("updated") else 0
                resolved = parse_date(date_line.group("rest"))
                if resolved.date and sane_date(resolved.date):
                    candidates.append((rank, resolved.date))
        return min(candidates, key=lambda c: c[0])[1] if candidates else None


def _short(title: str) -> str:
    """The title, cut at the last space before ``TITLE_CHARS`` characters when it is longer, and marked so."""
    if len(title) <= TITLE_CHARS:
        return title
    head = title[:TITLE_CHARS]
    return (head.rsplit(" ", 1)[0] if " " in head else head).rstrip() + "…"


def _is_heading(line: str) -> bool:
    """A short line that does not end like a sentence: a heading, byline or teaser."""
    end = _CLOSING.sub("", line)[-1:]
    return len(line.split()) <= HEADING_MAX_WORDS and end not in ".!?:;"


_DATE_WORDS = re.compile(
    r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?(?P<date>.*?)(?:\s*[-|,]?\s*\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?)?\.?$",
    re.IGNORECASE,
)


def _only_date(text: str) -> bool:
    """Whether a line holds a full date and nothing else but a weekday or a time."""
    match = _DATE_WORDS.match(text.strip())
    core = match.group("date") if match else text
    return parse_date(core).precision == "day" and len(core.split()) <= 4
