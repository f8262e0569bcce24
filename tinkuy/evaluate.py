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

Annotated articles (``tests/golden/demo_events.jsonl`` for the demo corpus)
are scored by ``score_annotations``: one JSON line per event an article states
``{doc_id, sentence, source, target, root, modality, attribution, note}``, or
per sentence that must not yield the event it seems to state (``"expect":
"absent"``). Only the articles tinkuy codes are scored; annotated articles it
rejects (a Spanish one) are listed apart with their reasons, so annotating
them moves no figure. A coded event matches an annotated one at two levels,
as multisets per sentence:

- ``exact``: the same article and sentence (whitespace aside), the same source
  and target codes (an absent target is ""), root and modality;
- ``root``: the same article and sentence, root and modality, whatever the actors.

Recall is over the annotated events; precision over the events tinkuy codes in
the annotated sentences (the annotation lists the events of the sentences it
annotates, not every sentence), so a spurious event in an unannotated
sentence is not counted. An absence is kept when every event coded in its
sentence matches an annotated one.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .coding.codebook import Codebook
from .errors import UsageError
from .ingest import read_paths
from .model import Article, CodedArticle, Event, Rejection
from .pipeline import Pipeline

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
    """A gold actor code; "---" alone (no actor) is compared as an absent actor."""
    text = str(code or "")
    return "" if text == "---" else text


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


@dataclass(frozen=True, slots=True)
class Annotation:
    """An event an annotated article states in a sentence, or, with ``root`` None, one
    the sentence must not yield (``"expect": "absent"``)."""

    doc_id: str
    sentence: str
    source: str
    target: str
    root: str | None
    modality: str
    attribution: str
    note: str = field(default="", compare=False)

    @property
    def place(self) -> tuple[str, str]:
        """The article and the sentence, whitespace aside."""
        return self.doc_id, " ".join(self.sentence.split())


def read_annotations(path: Path) -> list[Annotation]:
    """Annotated events from a JSON Lines file."""
    annotations = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            root = None if raw.get("expect") == "absent" else str(raw["root"])
            fields = ("doc_id", "sentence", "source", "target", "modality", "attribution")
            annotations.append(Annotation(**{name: str(raw[name]) for name in fields}, root=root, note=raw.get("note", "")))
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise UsageError(f"{path}:{number}: not an annotated event ({error})") from None
    return annotations


def as_annotation(event: Event) -> Annotation:
    """A coded event as an annotation writes it, an absent actor as ""."""
    source, target = (event.source.code if event.source else ""), (event.target.code if event.target else "")
    return Annotation(event.doc_id, event.sentence, source, target, event.root, event.modality, event.attribution.type)


ANNOTATION_LEVELS: dict[str, Callable[[Annotation], Key]] = {
    "exact": lambda a: (*a.place, a.source, a.target, a.root or "", a.modality),
    "root": lambda a: (*a.place, a.root or "", a.modality),
}


@dataclass
class AnnotationScore:
    """How the events coded from annotated articles compare with the annotation."""

    articles: int = 0
    events: int = 0
    levels: dict[str, Counts] = field(default_factory=lambda: {level: Counts() for level in ANNOTATION_LEVELS})
    attribution_agreed: int = 0
    """Exact matches whose attribution type is the annotated one."""
    absences: int = 0
    absences_kept: int = 0
    rejected: dict[str, str] = field(default_factory=dict)
    """Annotated articles tinkuy rejects, with the reason; none of their lines is scored."""
    unread: tuple[str, ...] = ()
    """Annotated articles absent from the input."""


def score_annotations(annotations: Sequence[Annotation], results: Iterable[CodedArticle | Rejection]) -> AnnotationScore:
    """Score coded articles against the annotation of their events (see the module docstring)."""
    coded: dict[str, CodedArticle] = {}
    rejected: dict[str, str] = {}
    for result in results:
        if isinstance(result, CodedArticle):
            coded[result.article.doc_id] = result
        elif result.doc_id is not None:
            rejected[result.doc_id] = result.reason
    scored = [a for a in annotations if a.doc_id in coded]
    places = {a.place for a in scored}
    found = [as_annotation(e) for doc_id in {a.doc_id for a in scored} for e in coded[doc_id].events]
    found = [f for f in found if f.place in places]
    gold = [a for a in scored if a.root is not None]
    score = AnnotationScore(articles=len({a.doc_id for a in scored}), events=len(gold))
    for name, key in ANNOTATION_LEVELS.items():
        _tally(score.levels[name], map(key, gold), map(key, found))
    exact = ANNOTATION_LEVELS["exact"]
    attributed = Counter((*exact(a), a.attribution) for a in gold) & Counter((*exact(f), f.attribution) for f in found)
    score.attribution_agreed = attributed.total()
    spurious = Counter(map(exact, found)) - Counter(map(exact, gold))
    score.absences = sum(a.root is None for a in scored)
    score.absences_kept = sum(a.root is None and not any(k[:2] == a.place for k in spurious) for a in scored)
    annotated = {a.doc_id for a in annotations}
    score.rejected = {doc_id: reason for doc_id, reason in sorted(rejected.items()) if doc_id in annotated}
    score.unread = tuple(sorted(annotated - set(coded) - set(rejected)))
    return score


def evaluate_annotations(path: Path, inputs: Sequence[Path], pipeline: Pipeline) -> AnnotationScore:
    """Code the articles of ``inputs`` (files or folders) and score them against the annotations in ``path``."""
    return score_annotations(read_annotations(path), pipeline.run(read_paths(inputs)))


@dataclass(frozen=True, slots=True)
class Outcome:
    """Whether one expectation about an article's events holds, and what was found."""

    expectation: dict[str, Any]
    met: bool
    found: tuple[str, ...]


def check_expectation(expectation: dict[str, Any], events: list[dict[str, Any]]) -> Outcome:
    """Check one annotated expectation against event records.

    An expectation names a document and a sentence (by a part of its text) and
    either an event that must be there (``source`` and ``target`` code
    prefixes, acceptable ``roots``, and optionally ``date``, ``attribution``,
    ``modality``), or ``"expect": "absent"`` (no event from that sentence),
    ``"not_asserted"`` (no asserted event), ``"not_asserted_news"`` (no
    asserted event marked as news) or ``"genre"`` (every event of the document
    has the given genre).
    """
    in_doc = [e for e in events if e["doc_id"] == expectation["doc_id"]]
    part = expectation.get("sentence_contains")
    in_sentence = [e for e in in_doc if part is None or part in e["sentence"]]
    kind = expectation.get("expect", "event")
    if kind == "absent":
        bad = in_sentence
    elif kind == "not_asserted":
        bad = [e for e in in_sentence if e["modality"] == "asserted"]
    elif kind == "not_asserted_news":
        bad = [e for e in in_sentence if e["modality"] == "asserted" and e["genre"] == "news"]
    elif kind == "genre":
        bad = [e for e in in_doc if e["genre"] != expectation["genre"]]
    else:
        good = [e for e in in_sentence if _meets(expectation, e)]
        return Outcome(expectation, bool(good), tuple(map(_describe, good or in_sentence)))
    return Outcome(expectation, not bad, tuple(map(_describe, bad)))


def _meets(expectation: dict[str, Any], event: dict[str, Any]) -> bool:
    return (
        event["source"]["code"].startswith(expectation["source"])
        and (event["target"] or {"code": ""})["code"].startswith(expectation["target"])
        and event["root"] in expectation["roots"]
        and str(event["date"] or "").startswith(expectation.get("date", ""))
        and event["attribution"]["type"] == expectation.get("attribution", event["attribution"]["type"])
        and event["modality"] == expectation.get("modality", event["modality"])
    )


def _describe(event: dict[str, Any]) -> str:
    target = event["target"]["code"] if event["target"] else "-"
    return f"{event['source']['code']} -{event['cameo']}-> {target} {event['modality']} {event['attribution']['type']} ({event['evidence']['rule']})"
