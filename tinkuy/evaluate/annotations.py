"""Annotated articles: the events a careful coder finds in them, and sentences that state none.

An annotation file holds one JSON line per event an article states::

    {"doc_id", "sentence_contains" (or the whole "sentence"), "source", "target",
     "code" and "alt_codes" (or a two-digit "root"), "modality", "attribution",
     "date", "date_precision", "class": [...], "note"}

or per sentence that must yield no asserted event beyond those annotated in it
(``"expect": "absent"``, or a line with a ``why`` and no code). ``source`` and
``target`` are CAMEO actor codes (a ``null`` or empty target: no addressee); a
two-digit ``root`` accepts every code of that root. The sets of
``tests/golden/`` are in this format (their READMEs say how they were made).

The articles are read as tinkuy reads any input and coded. Each annotated event
is matched to at most one event coded in its sentence (the one that contains
``sentence_contains``, whitespace aside), at three levels:

- ``exact``: the same full actor codes, a code the annotation accepts, the same modality;
- ``dyad``: a root the annotation accepts, the same actors at the level of
  their country (or organisation: ``IGOOAS``, ``NGOUSAHRI``; ``---`` is no
  country), and both asserted or both not;
- ``root``: a root the annotation accepts, and both asserted or both not.

Recall is over the annotated events. Precision is over the events coded in
annotated sentences or, for an annotation that lists every event of every
sentence (``exhaustive``), in every sentence of the annotated articles.
Dates and attributions are scored on the events found at the ``dyad`` level
whose annotation gives them: a date at its annotated precision (day, month,
year). Locations (``tinkuy.evaluate.locations``) are scored on those found at
the ``root`` level, the same act in the same sentence, since where an act
happened does not depend on how its actors are coded. An absence is kept
when its sentence yields no asserted event that matches no annotation. Only the articles tinkuy codes are scored; annotated
articles it rejects, or that are not in the input, are listed apart with the
reasons, so annotating them moves no figure.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from ..ingest import read_paths
from ..model import CodedArticle, Event, Rejection
from ..pipeline import Pipeline
from .gold_records import Counts
from .locations import LocationScore, StatedPlace, stated_place

ROOT_WIDTH = 2
PRECISION_WIDTH = {"day": 10, "month": 7, "year": 4}
"""How much of an ISO date a precision fixes."""


@dataclass(frozen=True, slots=True)
class Annotation:
    """An event an annotated article states in a sentence, or, with no codes, a sentence
    that must yield no asserted event beyond those annotated in it."""

    doc_id: str
    sentence: str
    """A part of the sentence's text (the whole sentence will do)."""
    source: str = ""
    target: str = ""
    codes: tuple[str, ...] = ()
    """The CAMEO codes a careful coder accepts, the preferred first; a two-digit root accepts its root."""
    modality: str = "asserted"
    attribution: str | None = None
    date: str | None = None
    precision: str = "day"
    classes: tuple[str, ...] = ()
    note: str = field(default="", compare=False)
    event: str | None = field(default=None, compare=False)
    """The real-world act it states, when the annotation names it: one key for every mention of that act."""
    location: StatedPlace | None = None
    """Where the event happened, when the annotation says (a line without the key says nothing)."""
    has_location: bool = False
    """Whether the annotation gives a location, a place or ``null``."""

    @property
    def absent(self) -> bool:
        return not self.codes

    @property
    def roots(self) -> frozenset[str]:
        return frozenset(code[:ROOT_WIDTH] for code in self.codes)

    @property
    def part(self) -> str:
        return _spaced(self.sentence)

    def accepts(self, cameo: str) -> bool:
        return any(cameo == code or (len(code) == ROOT_WIDTH and cameo.startswith(code)) for code in self.codes)


def _spaced(text: str) -> str:
    return " ".join(text.split())


def read_annotations(path: Path) -> list[Annotation]:
    """Annotated events and absences from a JSON Lines file."""
    annotations = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            annotations.append(_annotation(json.loads(line)))
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as error:
            raise UsageError(f"{path}:{number}: not an annotated event ({error})") from None
    return annotations


def _annotation(raw: dict[str, object]) -> Annotation:
    sentence = str(raw["sentence_contains"] if "sentence_contains" in raw else raw["sentence"])
    absent = raw.get("expect") == "absent" or ("why" in raw and "code" not in raw)
    if absent:
        codes: tuple[str, ...] = ()
    elif "root" in raw:
        codes = (str(raw["root"]),)
    else:
        codes = (str(raw["code"]), *map(str, raw.get("alt_codes") or ()))  # type: ignore[call-overload]
    return Annotation(
        doc_id=str(raw["doc_id"]),
        sentence=sentence,
        source=str(raw.get("source") or ""),
        target=str(raw.get("target") or ""),
        codes=codes,
        modality=str(raw.get("modality") or "asserted"),
        attribution=str(raw["attribution"]) if raw.get("attribution") else None,
        date=str(raw["date"]) if raw.get("date") else None,
        precision=str(raw.get("date_precision") or "day"),
        classes=tuple(map(str, raw.get("class") or ())),  # type: ignore[call-overload]
        note=str(raw.get("note") or raw.get("why") or ""),
        event=str(raw["event"]) if raw.get("event") else None,
        location=stated_place(raw.get("location")),
        has_location="location" in raw,
    )


def country(code: str) -> str:
    """An actor at the level of its country: ``ECUGOV`` is ``ECU``; an organisation stays itself (``IGOOAS``)."""
    return code[:6] if code[:3] in ("IGO", "NGO") else code[:3]


def _actors(event: Event) -> tuple[str, str]:
    return (event.source.code if event.source else "", event.target.code if event.target else "")


def _same_assertion(annotation: Annotation, event: Event) -> bool:
    return (annotation.modality == "asserted") == (event.modality == "asserted")


def _exact(annotation: Annotation, event: Event) -> bool:
    return (
        _actors(event) == (annotation.source, annotation.target)
        and annotation.accepts(event.cameo)
        and annotation.modality == event.modality
    )


def _dyad(annotation: Annotation, event: Event) -> bool:
    source, target = _actors(event)
    return _root(annotation, event) and (country(source), country(target)) == (
        country(annotation.source),
        country(annotation.target),
    )


def _root(annotation: Annotation, event: Event) -> bool:
    return event.root in annotation.roots and _same_assertion(annotation, event)


LEVELS: dict[str, Callable[[Annotation, Event], bool]] = {"exact": _exact, "dyad": _dyad, "root": _root}


@dataclass(frozen=True, slots=True)
class Miss:
    """An annotated event not found at the ``dyad`` level, and what was coded in its sentence."""

    annotation: Annotation
    coded: tuple[Event, ...]


@dataclass
class AnnotationScore:
    """How the events coded from annotated articles compare with the annotation."""

    articles: int = 0
    events: int = 0
    levels: dict[str, Counts] = field(default_factory=lambda: {level: Counts() for level in LEVELS})
    dates: Counts = field(default_factory=Counts)
    """Found events with an annotated date: right (true positives) or wrong (false negatives)."""
    attributions: Counts = field(default_factory=Counts)
    """Found events with an annotated attribution: the same type, or another."""
    locations: LocationScore = field(default_factory=LocationScore)
    """Events found at the ``root`` level whose annotation gives a location (or none), against where tinkuy locates them."""
    absences: int = 0
    absences_kept: int = 0
    annotated_by_class: Counter[str] = field(default_factory=Counter)
    found_by_class: Counter[str] = field(default_factory=Counter)
    missed: list[Miss] = field(default_factory=list)
    spurious: list[Event] = field(default_factory=list)
    """Asserted events matching no annotated event at the ``dyad`` level."""
    rejected: dict[str, str] = field(default_factory=dict)
    """Annotated articles tinkuy rejects, with the reason; none of their lines is scored."""
    unread: tuple[str, ...] = ()
    """Annotated articles absent from the input."""

    def as_dict(self, with_errors: bool = False) -> dict[str, object]:
        result: dict[str, object] = {
            "articles": self.articles,
            "events": self.events,
            "levels": {name: counts.as_dict() for name, counts in self.levels.items()},
            "dates": {"right": self.dates.true_positives, "scored": _scored(self.dates)},
            "attributions": {"right": self.attributions.true_positives, "scored": _scored(self.attributions)},
            "locations": self.locations.as_dict(),
            "absences": {"kept": self.absences_kept, "annotated": self.absences},
            "classes": {c: {"annotated": n, "found": self.found_by_class[c]} for c, n in sorted(self.annotated_by_class.items())},
            "rejected": self.rejected,
            "unread": list(self.unread),
        }
        if with_errors:
            result["missed"] = [_describe_miss(m) for m in self.missed]
            result["spurious"] = [_describe_event(e) for e in self.spurious]
        return result

    def lines(self, with_errors: bool = False) -> list[str]:
        """The figures as text for a person, with the misses and spurious events when asked."""
        lines = [f"articles scored: {self.articles}, annotated events: {self.events}"]
        lines.append(f"{'level':<8} {'precision':>9} {'recall':>7} {'F1':>6}")
        lines += [f"{n:<8} {c.precision:>9.3f} {c.recall:>7.3f} {c.f1:>6.3f}" for n, c in self.levels.items()]
        for label, counts in (("dates right", self.dates), ("attributions right", self.attributions)):
            lines.append(f"{label}: {counts.true_positives} of {_scored(counts)} found events that have one annotated")
        if self.locations.stated or self.locations.unstated:
            lines.append(self.locations.line())
        lines.append(f"absences kept: {self.absences_kept} of {self.absences}")
        lines.append("class          found / annotated")
        lines += [f"  {c:<14} {self.found_by_class[c]:>4} / {n:<4}" for c, n in sorted(self.annotated_by_class.items())]
        lines += [f"rejected: {doc_id} ({reason})" for doc_id, reason in self.rejected.items()]
        lines += [f"not in the input: {doc_id}" for doc_id in self.unread]
        if with_errors:
            for miss in sorted(self.missed, key=lambda m: m.annotation.classes):
                lines.append(f"missed {_describe_miss(miss)}")
            lines += [f"spurious {_describe_event(e)}" for e in self.spurious]
        return lines


def _scored(counts: Counts) -> int:
    return counts.true_positives + counts.false_negatives


def _describe_event(event: Event) -> str:
    source, target = _actors(event)
    return (
        f"[{event.doc_id}] {source} -{event.cameo}-> {target or '-'} {event.modality} ({event.evidence.rule}) | {event.sentence}"
    )


def _describe_miss(miss: Miss) -> str:
    a = miss.annotation
    coded = "".join(f"\n    coded: {_describe_event(e).split(' | ')[0]}" for e in miss.coded)
    return f"[{', '.join(a.classes)}] [{a.doc_id}] {a.source} -{a.codes[0]}-> {a.target or '-'} {a.modality} | {a.sentence} ({a.note}){coded}"


def score_annotations(
    annotations: Sequence[Annotation], results: Iterable[CodedArticle | Rejection], exhaustive: bool = False
) -> AnnotationScore:
    """Score coded articles against the annotation of their events (see the module docstring)."""
    coded: dict[str, CodedArticle] = {}
    rejected: dict[str, str] = {}
    for result in results:
        if isinstance(result, CodedArticle):
            coded[result.article.doc_id] = result
        elif result.doc_id is not None:
            rejected[result.doc_id] = result.reason
    score = AnnotationScore()
    for doc_id, article in coded.items():
        mine = [a for a in annotations if a.doc_id == doc_id]
        if mine:
            score.articles += 1
            _score_article(score, mine, article.events, exhaustive)
    annotated = {a.doc_id for a in annotations}
    score.rejected = {doc_id: reason for doc_id, reason in sorted(rejected.items()) if doc_id in annotated}
    score.unread = tuple(sorted(annotated - set(coded) - set(rejected)))
    return score


def _score_article(score: AnnotationScore, annotations: list[Annotation], events: Sequence[Event], exhaustive: bool) -> None:
    gold = [a for a in annotations if not a.absent]
    parts = {a.part for a in annotations}
    scored = [e for e in events if exhaustive or any(part in _spaced(e.sentence) for part in parts)]
    score.events += len(gold)
    matches: dict[str, dict[int, Event]] = {}
    for name, fits in LEVELS.items():
        matches[name] = match(gold, scored, fits)
        counts = score.levels[name]
        counts.true_positives += len(matches[name])
        counts.false_negatives += len(gold) - len(matches[name])
        counts.false_positives += len(scored) - len(matches[name])
    found = matches["dyad"]
    for number, annotation in enumerate(gold):
        score.annotated_by_class.update(annotation.classes)
        event = found.get(number)
        if event is None:
            score.missed.append(Miss(annotation, tuple(e for e in events if annotation.part in _spaced(e.sentence))))
            continue
        score.found_by_class.update(annotation.classes)
        if annotation.date is not None:
            width = PRECISION_WIDTH.get(annotation.precision, PRECISION_WIDTH["day"])
            right = event.date is not None and event.date.isoformat()[:width] == annotation.date[:width]
            _count(score.dates, right)
        if annotation.attribution is not None:
            _count(score.attributions, event.attribution.type == annotation.attribution)
    for number, event in matches["root"].items():
        if gold[number].has_location:
            score.locations.add(gold[number].location, event.location)
    matched = {id(e) for e in found.values()}
    unmatched = [e for e in scored if id(e) not in matched and e.modality == "asserted"]
    score.spurious += unmatched
    for absence in (a for a in annotations if a.absent):
        score.absences += 1
        score.absences_kept += not any(absence.part in _spaced(e.sentence) for e in unmatched)


def match(gold: Sequence[Annotation], events: Sequence[Event], fits: Callable[[Annotation, Event], bool]) -> dict[int, Event]:
    """Each annotated event (by its number) with the first coded event of its sentence that fits it and no earlier one."""
    taken: set[int] = set()
    matched: dict[int, Event] = {}
    for number, annotation in enumerate(gold):
        for event in events:
            if id(event) not in taken and annotation.part in _spaced(event.sentence) and fits(annotation, event):
                taken.add(id(event))
                matched[number] = event
                break
    return matched


def _count(counts: Counts, right: bool) -> None:
    if right:
        counts.true_positives += 1
    else:
        counts.false_negatives += 1


def evaluate_annotations(
    annotations: Sequence[Path], inputs: Sequence[Path], pipeline: Pipeline, exhaustive: bool = False
) -> AnnotationScore:
    """Code the articles of ``inputs`` (files or folders) and score them against the annotation files."""
    gold = [a for path in annotations for a in read_annotations(path)]
    return score_annotations(gold, pipeline.run(read_paths(inputs)), exhaustive)
