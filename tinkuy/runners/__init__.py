"""Runners: where the pipeline runs, and the one rule by which a run resumes.

A runner only decides how the input is split and where each part is coded;
the results are the same whatever the runner and however many processes.
Every runner does two things (``Runner``):

- ``code``: the result of every input item, in input order (``tinkuy.code_paths``);
- ``fill``: code the input into a store, one unit of work at a time, each unit
  written in one transaction, yielding what each unit added (``tinkuy.ingest``).

There are two: ``local.LocalRunner`` codes in this process or in a pool of
worker processes on this machine, its unit a batch of articles;
``dask.DaskRunner`` codes partitions of the input on a Dask cluster, its unit
a partition.

The resume rule, the same for both: **an article whose result the store
already holds is not coded again, and where a near-duplicate needs its
original's result, the stored one is taken.** An article's id is a hash of
its text, so this holds whichever run, file or runner stored it.
``tinkuy.ingest`` fills a working copy of the store that replaces the store
only when the run ends (``tinkuy.store_swap``): a run that is killed leaves
the store as it was and its working copy beside it, and the same command run
again fills that copy further, coding only what it lacks, and ends with the
store a run never interrupted would have made.
"""

from __future__ import annotations

import os
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ..model import Rejection
from ..neardup import NearDuplicates, result_article_id
from ..pipeline import Pipeline, Result

if TYPE_CHECKING:
    from ..store import Store

PathLike = str | os.PathLike[str]
REJECTION_EXAMPLES = 20


@dataclass
class Summary:
    """What a run did: articles coded, articles skipped as already stored, events, rejections."""

    articles: int = 0
    skipped: int = 0
    events: int = 0
    rejections: Counter[str] = field(default_factory=Counter)
    examples: list[Rejection] = field(default_factory=list)

    def add(self, result: Result) -> None:
        if isinstance(result, Rejection):
            self.rejections[result.reason] += 1
            if len(self.examples) < REJECTION_EXAMPLES:
                self.examples.append(result)
        else:
            self.articles += 1
            self.events += len(result.events)

    def update(self, other: Summary) -> None:
        """Add what ``other`` counted (another unit of the same run)."""
        self.articles += other.articles
        self.skipped += other.skipped
        self.events += other.events
        self.rejections.update(other.rejections)
        self.examples += other.examples[: max(REJECTION_EXAMPLES - len(self.examples), 0)]

    @property
    def rejected(self) -> int:
        return sum(self.rejections.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "skipped": self.skipped,
            "events": self.events,
            "rejected": self.rejected,
            "rejections": dict(self.rejections),
            "examples": [{"origin": r.origin, "reason": r.reason, "detail": r.detail} for r in self.examples],
        }


class Runner(Protocol):
    """Where the pipeline runs; ``LocalRunner`` and ``DaskRunner`` are the two."""

    def code(self, paths: Sequence[PathLike], pipeline: Pipeline, near_duplicates: NearDuplicates | None) -> Iterator[Result]:
        """The result of every item of the input, in input order.

        Near-duplicate articles are coded once and their copies carry the
        original's events (``tinkuy.neardup``); ``near_duplicates=None`` codes
        every article.
        """
        ...

    def fill(
        self, store: Store, paths: Sequence[PathLike], pipeline: Pipeline, near_duplicates: NearDuplicates | None
    ) -> Iterator[Summary]:
        """Code the input into ``store`` under the resume rule, one unit of work (one transaction) at a time.

        Yields what each unit added to the store (and what it skipped as stored before).
        """
        ...


@dataclass
class StoredIds:
    """The ids of the articles a run has found or put in the store, the latest ``size`` of them: a run
    of repeats (a file holding one record a million times) asks the store nothing after the first."""

    size: int = 100_000
    ids: OrderedDict[str, None] = field(default_factory=OrderedDict)

    def known(self, store: Store, article_ids: Iterable[str]) -> set[str]:
        """Which of these articles the store holds."""
        wanted = set(article_ids) - {""}
        asked = {i for i in wanted if i not in self.ids}
        found = (wanted - asked) | (store.known_articles(asked) if asked else set())
        self.add(found)
        return found

    def add(self, article_ids: Iterable[str]) -> None:
        for article_id in article_ids:
            if article_id:
                self.ids[article_id] = None
                self.ids.move_to_end(article_id)
        while len(self.ids) > self.size:
            self.ids.popitem(last=False)


def write_new(store: Store, results: Sequence[Result], stored: StoredIds | None = None) -> Summary:
    """Store, in one transaction, the results of the articles the store does not hold yet; what was added and skipped.

    ``stored`` remembers what this run found stored or wrote, so a repeat costs no question to the store.
    """
    ids = [result_article_id(r) for r in results]
    known = stored.known(store, ids) if stored is not None else store.known_articles(ids)
    new = [r for r in results if result_article_id(r) not in known]
    if new:
        store.write(new)
    if stored is not None:
        stored.add(result_article_id(r) for r in new)
    summary = Summary(skipped=len(results) - len(new))
    for result in new:
        summary.add(result)
    return summary
