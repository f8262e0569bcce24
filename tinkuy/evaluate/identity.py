"""Event identity: whether dedup puts the mentions of one real event, and only those, into one merged event.

The annotated news sets name the real-world act each annotated event states
(its ``event`` key, shared by every mention of the act in any article). A
clustering of mentions is scored against them with B-cubed precision and
recall (Bagga and Baldwin 1998): for each mention, the share of its merged
event that states the same act (precision), and the share of the act's
mentions that its merged event holds (recall), averaged over the mentions.

Event data has one row per *directed* dyad, so by default an act is split by
the countries on each side (``dyadic``): talks between two governments, or one
order expelling the envoys of seven countries, are one act for the annotation
and one row per direction or target for any event dataset. ``dyadic=False``
scores against the bare keys.

Two measures:

- ``score_store``: the coder's mentions in a deduplicated store (end to end).
  Each annotated event is matched to at most one event coded in its sentence
  at the ``dyad`` level of ``tinkuy.evaluate.annotations``; the matched
  mentions are scored, with their merged events as the clustering.
- ``score_merge``: the annotated events themselves, as mentions dated as
  annotated, merged by ``tinkuy.dedup.merge``: the merge rule alone, whatever
  the coder finds.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import duckdb

from ..dedup import WINDOW_DAYS, EventMention, merge
from ..model import Event
from ..shapes import from_row
from .annotations import LEVELS, Annotation, country, match


@dataclass(frozen=True, slots=True)
class BCubed:
    """B-cubed precision and recall of a clustering, over ``items`` mentions."""

    precision: float
    recall: float
    items: int
    gold_clusters: int
    clusters: int

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "items": self.items,
            "gold_clusters": self.gold_clusters,
            "clusters": self.clusters,
        }


def bcubed(gold: Mapping[Hashable, Hashable], system: Mapping[Hashable, Hashable]) -> BCubed:
    """B-cubed precision and recall of ``system`` (item -> cluster) against ``gold`` (item -> cluster),
    over the items both place."""
    items = [item for item in gold if item in system]
    gold_members: defaultdict[Hashable, set[Hashable]] = defaultdict(set)
    system_members: defaultdict[Hashable, set[Hashable]] = defaultdict(set)
    for item in items:
        gold_members[gold[item]].add(item)
        system_members[system[item]].add(item)
    precision = recall = 0.0
    for item in items:
        mine, theirs = system_members[system[item]], gold_members[gold[item]]
        shared = len(mine & theirs)
        precision += shared / len(mine)
        recall += shared / len(theirs)
    n = len(items)
    return BCubed(precision / n if n else 0.0, recall / n if n else 0.0, n, len(gold_members), len(system_members))


def gold_identity(annotation: Annotation, dyadic: bool = True) -> Hashable:
    """The act an annotated event states: its key, and with ``dyadic`` the countries on each side."""
    if not dyadic:
        return annotation.event
    return (annotation.event, country(annotation.source), country(annotation.target))


def _keyed(annotations: Sequence[Annotation]) -> dict[str, list[Annotation]]:
    """The annotated events that name their act, by article."""
    by_doc: defaultdict[str, list[Annotation]] = defaultdict(list)
    for annotation in annotations:
        if not annotation.absent and annotation.event:
            by_doc[annotation.doc_id].append(annotation)
    return by_doc


def score_store(con: duckdb.DuckDBPyConnection, annotations: Sequence[Annotation], dyadic: bool = True) -> BCubed:
    """Score the merged events of a deduplicated store on the annotated articles it holds (see the module docstring)."""
    rows = con.sql("SELECT e.*, m.merged_id FROM events e JOIN merged_mentions m USING (event_id)").to_arrow_table().to_pylist()
    merged_of = {row["event_id"]: row.pop("merged_id") for row in rows}
    coded: defaultdict[str, list[Event]] = defaultdict(list)
    for row in rows:
        coded[row["doc_id"]].append(from_row(Event, row))
    gold: dict[Hashable, Hashable] = {}
    system: dict[Hashable, Hashable] = {}
    for doc_id, annotated in _keyed(annotations).items():
        for number, event in match(annotated, coded[doc_id], LEVELS["dyad"]).items():
            gold[doc_id, number] = gold_identity(annotated[number], dyadic)
            system[doc_id, number] = merged_of[event.event_id]
    return bcubed(gold, system)


def score_merge(
    annotations: Sequence[Annotation], outlets: Mapping[str, str | None], window_days: int = WINDOW_DAYS, dyadic: bool = True
) -> BCubed:
    """Merge the annotated events themselves, as mentions of the articles' ``outlets`` (doc_id -> outlet), and score that."""
    mentions: dict[tuple[str, int], EventMention] = {}
    identities: dict[Hashable, Hashable] = {}
    for doc_id, annotated in _keyed(annotations).items():
        for number, annotation in enumerate(annotated):
            mentions[doc_id, number] = _as_mention(annotation, f"{doc_id}#{number}", outlets.get(doc_id))
            identities[f"{doc_id}#{number}"] = gold_identity(annotation, dyadic)
    merged = merge(mentions.values(), window_days)
    system: dict[Hashable, Hashable] = {event_id: event.merged_id for event in merged for event_id in event.event_ids}
    return bcubed(identities, system)


def _as_mention(annotation: Annotation, event_id: str, outlet: str | None) -> EventMention:
    """An annotated event as dedup would read it from the store: dated as annotated, as if the text stated the date."""
    code = annotation.codes[0]
    return EventMention(
        event_id=event_id,
        article_id=annotation.doc_id,
        outlet=outlet,
        source_code=annotation.source or None,
        target_code=annotation.target or None,
        source_name=None,
        target_name=None,
        root=code[:2],
        modality=annotation.modality,
        date_precision=annotation.precision if annotation.date else "unknown",
        date=dt.date.fromisoformat(annotation.date) if annotation.date else None,
        date_source="sentence" if annotation.date else "none",
        cameo=code,
        quad_class=0,
        goldstein=0.0,
        attribution=annotation.attribution or "author",
        hedged=False,
    )
