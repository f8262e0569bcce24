"""Evaluation against gold event data: precision, recall and F1, and the errors behind them.

Gold records are JSON lines ``{id, date, text, events: [{source, target, code}]}``
(the format of the PETRARCH2 unit tests). Each record's text is coded as one
article published on its date, and its events are compared with the gold
events at three levels:

- ``exact``: the same source, target and CAMEO code;
- ``root_dyad``: the same source and target, and the same two-digit root;
- ``root``: the same root, whatever the actors.

Events are compared as multisets per record: an event found twice counts
twice. Every event counts whatever its modality, as the gold sets do not
code modality. Actor codes are compared as strings, so with the PETRARCH test
dictionaries the codes are theirs ("ARNGOVFRM"); a gold actor "---"
(none) matches an absent actor.

A record is scored when all its gold codes are CAMEO codes in the codebook
(the unit tests also use codes of their own test dictionaries), and, for
PETRARCH unit-test records, when the test is active, expects no parser error
and belongs to the suite's include list.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..coding.codebook import Codebook
from ..errors import UsageError
from ..model import Article, CodedArticle, Event
from ..pipeline import Pipeline

Key = tuple[str, ...]
LEVELS: dict[str, Callable[[str, str, str], Key]] = {
    "exact": lambda source, target, code: (source, target, code),
    "root_dyad": lambda source, target, code: (source, target, code[:2]),
    "root": lambda source, target, code: (code[:2],),
}


@dataclass(frozen=True, slots=True)
class GoldEvent:
    source: str
    target: str
    code: str


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    date: dt.date | None
    text: str
    events: tuple[GoldEvent, ...]
    notes: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


def _gold_date(value: object) -> dt.date | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8])) if text.isdigit() else dt.date.fromisoformat(text[:10])
    except ValueError:
        raise UsageError(f"gold date {text!r} is neither YYYYMMDD nor YYYY-MM-DD") from None


def _actor(code: object) -> str:
    """A gold actor code; "---" alone (no actor) is compared as an absent actor, and
    UniversalPetrarch's "~REB" (a role of no known country) as tinkuy writes it, "---REB"."""
    text = str(code or "")
    return "" if text == "---" else "---" + text[1:] if text.startswith("~") else text


def read_gold(path: Path) -> list[GoldRecord]:
    """Gold records from a JSON Lines file."""
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            events = tuple(
                GoldEvent(_actor(e.get("source")), _actor(e.get("target")), str(e["code"])) for e in raw.get("events", [])
            )
            records.append(GoldRecord(str(raw["id"]), _gold_date(raw.get("date")), raw["text"], events, raw.get("notes") or {}))
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise UsageError(f"{path}:{number}: not a gold record ({error})") from None
    return records


def scorable(record: GoldRecord, codebook: Codebook) -> bool:
    """Whether a record can be scored: CAMEO codes only; for unit tests, active and included."""
    notes = record.notes
    if notes.get("active") is False or notes.get("expected_error") or notes.get("in_include_list") is False:
        return False
    return bool(record.text.strip()) and all(e.code in codebook for e in record.events)


@dataclass
class Counts:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        gold = self.true_positives + self.false_negatives
        return self.true_positives / gold if gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
        }


@dataclass(frozen=True, slots=True)
class Error:
    """A gold event not found (missed) or an event found that the gold lacks (spurious)."""

    kind: str
    record: str
    sentence: str
    source: str
    target: str
    code: str
    rule: str | None


@dataclass
class Evaluation:
    records: int = 0
    levels: dict[str, Counts] = field(default_factory=lambda: {level: Counts() for level in LEVELS})
    missed: Counter[str] = field(default_factory=Counter)
    spurious: Counter[str] = field(default_factory=Counter)
    errors: list[Error] = field(default_factory=list)

    def as_dict(self, with_errors: bool = False) -> dict[str, Any]:
        roots = sorted(set(self.missed) | set(self.spurious))
        result: dict[str, Any] = {
            "records": self.records,
            "levels": {name: counts.as_dict() for name, counts in self.levels.items()},
            "by_root": {root: {"missed": self.missed[root], "spurious": self.spurious[root]} for root in roots},
        }
        if with_errors:
            result["errors"] = [{name: getattr(e, name) for name in Error.__slots__} for e in self.errors]
        return result


def _found(event: Event) -> tuple[str, str, str]:
    return (event.source.code if event.source else "", event.target.code if event.target else "", event.cameo)


def code_records(records: Iterable[GoldRecord], pipeline: Pipeline) -> Iterator[tuple[GoldRecord, tuple[Event, ...]]]:
    """Each record with the events coded from its text, dated by the record."""
    records = list(records)
    articles = (Article.from_text(r.text, r.id, r.id, published=r.date, date_source="input") for r in records)
    for record, result in zip(records, pipeline.run(articles), strict=True):
        yield record, result.events if isinstance(result, CodedArticle) else ()


def evaluate(records: Iterable[GoldRecord], pipeline: Pipeline) -> Evaluation:
    """Score the pipeline on gold records."""
    evaluation = Evaluation()
    for record, events in code_records(records, pipeline):
        evaluation.records += 1
        gold = [(e.source, e.target, e.code) for e in record.events]
        found = [_found(e) for e in events]
        for name, key in LEVELS.items():
            _tally(evaluation.levels[name], (key(*g) for g in gold), (key(*f) for f in found))
        _record_errors(evaluation, record, gold, events)
    return evaluation


def _tally(counts: Counts, gold: Iterable[Key], found: Iterable[Key]) -> None:
    """Add the matches of found keys against gold keys, each key counted as often as it occurs."""
    gold_keys, found_keys = Counter(gold), Counter(found)
    hits = (gold_keys & found_keys).total()
    counts.true_positives += hits
    counts.false_positives += found_keys.total() - hits
    counts.false_negatives += gold_keys.total() - hits


def _record_errors(
    evaluation: Evaluation, record: GoldRecord, gold: list[tuple[str, str, str]], events: tuple[Event, ...]
) -> None:
    """Misses and spurious events at the root-with-dyad level, each with its sentence and rule."""
    key = LEVELS["root_dyad"]
    unmatched_gold = Counter(key(*g) for g in gold)
    spurious: list[Event] = []
    for event in events:
        k = key(*_found(event))
        if unmatched_gold[k] > 0:
            unmatched_gold[k] -= 1
        else:
            spurious.append(event)
    for source, target, code in gold:
        if unmatched_gold[key(source, target, code)] > 0:
            unmatched_gold[key(source, target, code)] -= 1
            evaluation.missed[code[:2]] += 1
            evaluation.errors.append(Error("missed", record.id, record.text, source, target, code, None))
    for event in spurious:
        source, target, code = _found(event)
        evaluation.spurious[code[:2]] += 1
        evaluation.errors.append(Error("spurious", record.id, event.sentence, source, target, code, event.evidence.rule))
