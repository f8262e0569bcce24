"""Exact and near-duplicate articles, found before coding: each text is coded once.

A wire story is republished by many sites, each with its own page furniture,
title case, URL and sometimes a paragraph cut or a line added. Coding every
copy would cost a parse each and count one report as many. So before coding,
every article's cleaned text is reduced to a MinHash signature of its word
shingles (``SHINGLE_WORDS`` lower-cased words, 128 permutations, a fixed seed,
so the signature of a text is the same in every process and every run), and
an LSH index finds earlier articles whose estimated Jaccard similarity is at
least ``threshold``. The default, 0.6, keeps a copy with a paragraph of four
cut or a correction line added (a Jaccard similarity of 0.6 to 0.75), while
different articles that share stock phrases ("officials gave no further
details") stay far below it.

- An article whose raw text was already seen (the same ``article_id``) is the
  same article: its original's result is given again (an equal copy).
- A near-duplicate is not coded. It becomes an article of its own (its own id,
  doc id, outlet, URL, title and origin) whose sentences and events are copied
  from its original: the same codes, actors and dates, event ids hashed from
  its own article id and the original's event id, and an evidence note naming
  the original. These copies are the further mentions of the original's events.
- An original that was rejected makes its duplicates rejected for the same reason.

The index is a rolling window of the last ``window`` originals (oldest out
first), so memory is bounded however long the stream: a copy published more
than ``window`` articles after its original is coded as an article of its own.
The original's result is kept exactly as long as the original is in the
window, so it is there when a duplicate needs it.
"""

from __future__ import annotations

import dataclasses
import importlib
import logging
import pickle
import re
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np

from .errors import UsageError
from .ids import content_hash
from .model import Article, CodedArticle, Event, Evidence, Rejection
from .pipeline import Item, Result

if TYPE_CHECKING:
    from datasketch import MinHash, MinHashLSH

log = logging.getLogger(__name__)

SHINGLE_WORDS = 5
PERMUTATIONS = 128
SEED = 1
SCHEME = "affine32"
MAX_THRESHOLD = 0.98
"""Above this the LSH index cannot split 128 permutations into bands; exact repeats are found by id anyway."""
_WORD = re.compile(r"\w+")

StreamCoder = Callable[[Iterable[Item]], Iterator[Result]]
"""Codes a stream of articles into results, one per item, in input order (``Pipeline.run`` or a runner's)."""


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An article found to repeat an earlier one (``original_id``), with their estimated similarity."""

    article: Article
    original_id: str
    similarity: float


def _datasketch() -> ModuleType:
    """datasketch, imported on first use: it loads SciPy, 40 MB that coding processes, which never
    look for duplicates, need not carry."""
    return importlib.import_module("datasketch")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The distinct runs of ``size`` consecutive lower-cased words (the whole text when shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode()}
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


@dataclass(frozen=True)
class NearDuplicates:
    """How near-duplicates are found: the configuration, which pickles; ``Index`` holds a run's state."""

    threshold: float = 0.6
    window: int = 5000

    def __post_init__(self) -> None:
        if not 0 < self.threshold <= MAX_THRESHOLD or self.window < 1:
            raise UsageError(f"near-duplicates need a similarity in (0, {MAX_THRESHOLD}] and a window of at least 1, not {self}")

    @cached_property
    def permutations(self) -> tuple[np.ndarray, np.ndarray]:
        return _datasketch().MinHash(num_perm=PERMUTATIONS, seed=SEED, scheme=SCHEME).permutations  # type: ignore[no-any-return]

    def signature(self, text: str) -> MinHash:
        minhash = _datasketch().MinHash(num_perm=PERMUTATIONS, seed=SEED, permutations=self.permutations, scheme=SCHEME)
        minhash.update_batch(shingles(text))
        return minhash

    def signature_of(self, hashvalues: np.ndarray) -> MinHash:
        """A signature sent elsewhere as its hash values alone (half a kilobyte; the permutations are shared)."""
        return _datasketch().MinHash(
            num_perm=PERMUTATIONS, seed=SEED, hashvalues=hashvalues, permutations=self.permutations, scheme=SCHEME
        )

    def index(self) -> Index:
        return Index(self)


DEFAULT = NearDuplicates()
"""Near-duplicate detection as tinkuy does it unless told otherwise."""


@dataclass
class Index:
    """The rolling window of original articles seen in one run, and their LSH index."""

    config: NearDuplicates
    signatures: OrderedDict[str, tuple[int, MinHash]] = field(default_factory=OrderedDict)
    """Article id -> (arrival number, signature), oldest first."""
    arrivals: int = 0
    lsh: MinHashLSH = field(init=False)

    def __post_init__(self) -> None:
        self.lsh = _datasketch().MinHashLSH(threshold=self.config.threshold, num_perm=PERMUTATIONS)

    def original_of(self, article: Article) -> Duplicate | None:
        """The duplicate record if the cleaned ``article`` repeats one in the window; else remember it as an original."""
        return self.match(article, self.config.signature(article.text))

    def match(self, article: Article, signature: MinHash) -> Duplicate | None:
        """As ``original_of``, with the signature of the article's text already made."""
        if article.article_id in self.signatures:
            return Duplicate(article, article.article_id, 1.0)
        candidates = (
            (signature.jaccard(self.signatures[key][1]), -self.signatures[key][0], key) for key in self.lsh.query(signature)
        )
        best = max(candidates, default=None)  # the most similar; among equals, the earliest
        if best is not None and best[0] >= self.config.threshold:
            return Duplicate(article, best[2], best[0])
        self.arrivals += 1
        self.signatures[article.article_id] = (self.arrivals, signature)
        self.lsh.insert(article.article_id, signature)
        if len(self.signatures) > self.config.window:
            oldest, _ = self.signatures.popitem(last=False)
            self.lsh.remove(oldest)
        return None


def code_once(
    items: Iterable[Item], run: StreamCoder, prepare: Callable[[Item], Item], config: NearDuplicates | None = None
) -> Iterator[Result]:
    """Code a stream with ``run``, coding each near-duplicate group once; results in input order.

    ``prepare`` (``Pipeline.prepared``) gives the text that is compared (the
    cleaned article, without page furniture that differs from site to site);
    ``run`` receives the originals as ``prepare`` gave them, so it codes them
    without preparing them again. An article ``prepare`` refuses (too large,
    not English) is no one's copy: its rejection goes on to ``run``.
    """
    config = config or NearDuplicates()
    index = config.index()
    queue: deque[Duplicate | bool] = deque()  # per input item: a Duplicate, or whether the coded item is an indexed original
    kept: OrderedDict[str, bytes] = OrderedDict()  # the window's results, pickled: a third of their size as objects

    def originals() -> Iterator[Item]:
        for item in map(prepare, items):
            duplicate = _find(index, item)
            queue.append(
                duplicate if duplicate is not None else isinstance(item, Article) and item.article_id in index.signatures
            )
            if duplicate is None:
                yield item

    def drain() -> Iterator[Result]:
        while queue and isinstance(head := queue[0], Duplicate):
            queue.popleft()
            yield copy_result(head, {head.original_id: pickle.loads(kept[head.original_id])})

    for result in run(originals()):
        yield from drain()
        if queue.popleft():
            kept[result_article_id(result)] = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
            if len(kept) > config.window:
                kept.popitem(last=False)
        yield result
    yield from drain()


def _find(index: Index, item: Item) -> Duplicate | None:
    if isinstance(item, Rejection):
        return None
    duplicate = index.original_of(item)
    if duplicate is not None:
        log.debug("%s repeats %s (similarity %.2f)", item.origin, duplicate.original_id, duplicate.similarity)
    return duplicate


def result_article_id(result: Result) -> str:
    return result.article.article_id if isinstance(result, CodedArticle) else result.article_id or ""


def copy_result(duplicate: Duplicate, originals: Mapping[str, Result]) -> Result:
    """The duplicate's own result, copied from its original's (found in ``originals`` by article id)."""
    original = originals[duplicate.original_id]
    if duplicate.original_id == duplicate.article.article_id:
        return original
    article = duplicate.article
    if isinstance(original, Rejection):
        detail = f"{original.detail} (as its near-duplicate {original.origin})"
        return Rejection(article.origin or article.doc_id, original.reason, detail, article.doc_id, article.article_id)
    note = f"coded from the original article {duplicate.original_id} (near-duplicate, similarity {duplicate.similarity:.2f})"
    return CodedArticle(
        dataclasses.replace(article, genre=original.article.genre),
        tuple(dataclasses.replace(s, article_id=article.article_id) for s in original.sentences),
        tuple(copy_event(e, article, note) for e in original.events),
    )


def copy_event(event: Event, article: Article, note: str) -> Event:
    """The original's event as a mention in ``article``: same codes, actors and date, its own id."""
    return dataclasses.replace(
        event,
        event_id=content_hash(article.article_id, event.event_id),
        article_id=article.article_id,
        doc_id=article.doc_id,
        evidence=_noted(event.evidence, note),
    )


def _noted(evidence: Evidence, note: str) -> Evidence:
    return dataclasses.replace(evidence, notes=(*evidence.notes, note))
