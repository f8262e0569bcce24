"""Converting PETRARCH actor dictionaries into tinkuy's people table, once.

A PETRARCH actor dictionary writes names in capitals with underscores and
gives people dated codes (``[USAGOV 810120-890120]``). This turns the entries
that carry dated codes, which are people, into rows of ``people/*.tsv``:
names in title case (with the lowercase particles news uses: "Osama bin
Laden"), one row per code, a default row for an undated code.

Dictionaries stop at some date; a code left open ("after 2011") would claim
the person still holds it today. ``until`` closes such codes at the
dictionary's last date, after which the person's default code applies.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from ..dictionaries.actors import ActorEntry, DictionaryCode, read_actor_dictionary
from .gazetteer import Gazetteer, name_key

COLUMNS = ("name", "aliases", "code", "start", "end", "role", "source")
PARTICLES = frozenset(
    {
        "al",
        "bin",
        "ibn",
        "da",
        "das",
        "de",
        "del",
        "della",
        "der",
        "di",
        "do",
        "dos",
        "du",
        "el",
        "la",
        "las",
        "le",
        "los",
        "van",
        "von",
    }
)
_CODE = re.compile(r"^[A-Z]{3}([A-Z]{3})*$")


def title_case(words: Iterable[str]) -> str:
    """ "OSAMA BIN LADEN" -> "Osama Bin Laden"; hyphenated parts each capitalised."""
    return " ".join("-".join(part.capitalize() for part in word.split("-")) for word in words)


def with_particles(name: str) -> str:
    """The same name with its inner particles in lowercase: "Osama bin Laden"."""
    words = name.split()
    return " ".join(w.lower() if i and w.lower() in PARTICLES else w for i, w in enumerate(words))


def _is_person(entry: ActorEntry, prefixes: frozenset[str]) -> bool:
    """People are the entries with a dated code, named in two words or more, coded under a known actor."""
    dated = any(c.start or c.end for c in entry.codes)
    return dated and len(entry.primary.words) >= 2 and all(c.code[:3] in prefixes for c in entry.codes if _CODE.match(c.code))


def people_rows(paths: Iterable[Path], known: Gazetteer, until: dt.date | None) -> Iterator[dict[str, str]]:
    """Rows of the people table for the people in PETRARCH actor dictionaries.

    People the gazetteer already knows, by any of their names, are left out:
    tinkuy's own rows for them are kept as they are.
    """
    prefixes = frozenset(r.code[:3] for refs in known.names.values() for r in refs if r.code) | {"IGO", "NGO", "MNC"}
    for path in paths:
        for entry in read_actor_dictionary(path):
            if not _is_person(entry, prefixes):
                continue
            names = list(dict.fromkeys(title_case(n.words) for n in entry.names))
            if any(name_key(n) in known.names or name_key(with_particles(n)) in known.names for n in names):
                continue
            aliases = sorted({variant for n in names for variant in (n, with_particles(n))} - {names[0]})
            rows = [_row(names[0], [], code, until, path.name) for code in entry.codes if _CODE.match(code.code)]
            rows = [r for r in rows if not (r["start"] and r["end"] and r["start"] >= r["end"])]
            if rows:
                rows[0]["aliases"] = "|".join(aliases)
                yield from rows


def _row(name: str, aliases: list[str], code: DictionaryCode, until: dt.date | None, source: str) -> dict[str, str]:
    end = code.end
    if until is not None and code.start is not None and (end is None or end > until):
        end = until
    role = "dictionary code" if code.start or code.end else "dictionary default code"
    return {
        "name": name,
        "aliases": "|".join(aliases),
        "code": code.code,
        "start": code.start.isoformat() if code.start else "",
        "end": end.isoformat() if end else "",
        "role": role,
        "source": source,
    }


def write_people(rows: Iterable[dict[str, str]], stream: IO[str], provenance: str) -> int:
    """Write people rows as a tinkuy people table, with a provenance comment; returns the row count."""
    stream.write("".join(f"# {line}\n" for line in provenance.splitlines()))
    writer = csv.DictWriter(
        stream, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\"
    )
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count
