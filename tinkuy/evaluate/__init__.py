"""Evaluation against gold data: how many of the events a careful coder finds tinkuy finds, and how many it gets wrong.

Three kinds of gold, one module each:

- ``gold_records``: sentences with their gold events (the PETRARCH2 unit tests'
  format), scored at the levels exact, root with dyad, and root;
- ``annotations``: whole articles with every event a careful coder finds in
  them, their dates and sourcing, and sentences that state none (the demo
  corpus and the development and held-out news sets of ``tests/golden/``);
- ``expectations``: what a reader must or must not get from messy pages (the seed articles);

and ``identity``: B-cubed precision and recall of dedup against the acts the news sets annotate.
"""

from __future__ import annotations

from .annotations import Annotation, AnnotationScore, Miss, evaluate_annotations, read_annotations, score_annotations
from .expectations import Outcome, check_expectation
from .gold_records import Counts, Error, Evaluation, GoldEvent, GoldRecord, evaluate, read_gold, scorable
from .identity import BCubed, bcubed, score_merge, score_store

__all__ = [
    "Annotation",
    "AnnotationScore",
    "BCubed",
    "Counts",
    "Error",
    "Evaluation",
    "GoldEvent",
    "GoldRecord",
    "Miss",
    "Outcome",
    "bcubed",
    "check_expectation",
    "evaluate",
    "evaluate_annotations",
    "read_annotations",
    "read_gold",
    "scorable",
    "score_annotations",
    "score_merge",
    "score_store",
]
