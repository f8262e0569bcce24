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
details") stay far below it. As the shingles are a set, a text that repeats
them (a story followed by one line of a table a thousand times) would look like
its story: so a copy also holds, in words, at least ``threshold`` of its
original and at most as much more.

- An article whose raw text was already seen (the same ``article_id``) is the
  same article: its original's result is given again (an equal copy).
- A near-duplicate is not coded. It becomes an article of its own (its own id,
  doc id, outlet, URL, title and origin) whose sentences and events are copied
  from its original: the same codes, actors and dates, event ids hashed from
  its own article id and the original's event id, and an evidence note naming
  the original. These copies are the further mentions of the original's events.
- A rejected article is never the original of a copy nor a mention of anything:
  a copy whose original is rejected once parsed (a page that is not prose) is
  coded on its own, and an article refused before the comparison (too large,
  not English) is no one's original. Only an equal copy, the very same text,
  shares its original's rejection.

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


def words(text: str) -> int:
    """How many words a text holds, as ``shingles`` reads them."""
    return sum(1 for _ in _WORD.finditer(text))


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

    def comparable(self, words: int, other: int) -> bool:
        """Whether texts of these many words can be copies: the shorter holds at least ``threshold`` of the longer."""
        return min(words, other) >= self.threshold * max(words, other)

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
    signatures: OrderedDict[str, tuple[int, MinHash, int]] = field(default_factory=OrderedDict)
    """Article id -> (arrival number, signature, words), oldest first."""
    arrivals: int = 0
    lsh: MinHashLSH = field(init=False)

    def __post_init__(self) -> None:
        self.lsh = _datasketch().MinHashLSH(threshold=self.config.threshold, num_perm=PERMUTATIONS)

    def original_of(self, article: Article) -> Duplicate | None:
        """The duplicate record if the cleaned ``article`` repeats one in the window; else remember it as an original."""
        return self.match(article, self.config.signature(article.text), words(article.text))

    def match(self, article: Article, signature: MinHash, length: int) -> Duplicate | None:
        """As ``original_of``, with the signature and the ``words`` of the article's text already counted."""
        if article.article_id in self.signatures:
            return Duplicate(article, article.article_id, 1.0)
        candidates = (
            (signature.jaccard(found[1]), -found[0], key)
            for key in self.lsh.query(signature)
            if self.config.comparable(length, (found := self.signatures[key])[2])
        )
        best = max(candidates, default=None)  # the most similar; among equals, the earliest
        if best is not None and best[0] >= self.config.threshold:
            return Duplicate(article, best[2], best[0])
        self.arrivals += 1
        self.signatures[article.article_id] = (self.arrivals, signature, length)
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
    not English) is no one's copy: its rejection goes on to ``run``. A copy
    whose original ``run`` rejects (a page that is not prose) is coded on its
    own, its place in the output kept for it; an equal copy, the same text,
    shares its original's rejection. An equal copy of an original is known by
    its id before it is prepared, so a file repeating one record costs little
    per repeat, and after ``FLUSH_AFTER`` copies in a row a pass token goes
    through ``run`` so their results come out before the input is read further.
    """
    config = config or NearDuplicates()
    index = config.index()
    pending: deque[_Slot] = deque()  # every input item's place, in input order
    sent: deque[_Slot | None] = deque()  # the place of each item sent to ``run``, in the order sent; None for a pass token
    retries: deque[tuple[_Slot, Article]] = deque()  # copies of rejected originals, to send to ``run``
    kept = _Kept(config.window)

    def originals() -> Iterator[Item]:
        copies = 0
        for read in items:
            yield from _sent(retries, sent)
            slot = _Slot(duplicate=_equal_copy(index, read))
            if slot.duplicate is None:
                item = prepare(read)
                slot.duplicate = _find(index, item)
            pending.append(slot)
            if slot.duplicate is None:
                slot.keep = isinstance(item, Article) and item.article_id in index.signatures
                sent.append(slot)
                copies = 0
                yield item
            elif (copies := copies + 1) % FLUSH_AFTER == 0:
                sent.append(None)
                yield _PASS

    def settled() -> Iterator[Result]:
        while pending and (result := pending[0].settle(kept, retries)) is not None:
            pending.popleft()
            yield result

    for result in run(originals()):
        if (slot := sent.popleft()) is not None:
            slot.result = result
            kept.add(slot, result)
        yield from settled()
    yield from settled()  # the copies after the last item sent
    while retries:  # copies of originals found rejected once the input had all been sent: one more pass
        for result in run(_sent(retries, sent)):
            slot = sent.popleft()
            if slot is not None:
                slot.result = result
            yield from settled()


FLUSH_AFTER = 256
"""Copies in a row after which a pass token goes through the coder, so that their results come out."""
_PASS = Rejection("", "pass", "a token that lets the results of the copies before it out")


@dataclass(eq=False)
class _Slot:
    """One input item's place in the output: its result once known, or the copy it is."""

    duplicate: Duplicate | None = None
    keep: bool = False
    """Whether its result is kept for its copies (it is an indexed original)."""
    result: Result | None = None
    retried: bool = False

    def settle(self, kept: _Kept, retries: deque[tuple[_Slot, Article]]) -> Result | None:
        """The result, made from the original's for a copy; None while it is not known (a copy of a rejected
        original goes to ``retries`` to be coded on its own)."""
        if self.result is not None or self.duplicate is None or self.retried:
            return self.result
        original = kept.result(self.duplicate.original_id)
        if isinstance(original, Rejection) and self.duplicate.original_id != self.duplicate.article.article_id:
            self.retried = True
            retries.append((self, self.duplicate.article))
            return None
        self.result = copy_result(self.duplicate, {self.duplicate.original_id: original})
        return self.result


class _Kept:
    """The results of the window's originals, pickled (a third of their size as objects), the last one used unpickled."""

    def __init__(self, window: int) -> None:
        self.window = window
        self.pickled: OrderedDict[str, bytes] = OrderedDict()
        self.last: tuple[str, Result] | None = None

    def add(self, slot: _Slot, result: Result) -> None:
        if slot.keep:
            self.pickled[result_article_id(result)] = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
            if len(self.pickled) > self.window:
                self.pickled.popitem(last=False)

    def result(self, article_id: str) -> Result:
        if self.last is None or self.last[0] != article_id:
            self.last = (article_id, pickle.loads(self.pickled[article_id]))
        return self.last[1]


def _sent(retries: deque[tuple[_Slot, Article]], sent: deque[_Slot | None]) -> Iterator[Article]:
    """The copies waiting to be coded on their own, each noted as sent."""
    while retries:
        slot, article = retries.popleft()
        sent.append(slot)
        yield article


def _equal_copy(index: Index, item: Item) -> Duplicate | None:
    """An article of the very text of an original in the window: an equal copy, known without preparing it."""
    if isinstance(item, Article) and item.article_id in index.signatures:
        return Duplicate(item, item.article_id, 1.0)
    return None


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
    if isinstance(original, Rejection):
        raise ValueError(f"{duplicate.article.origin}: a copy of a rejected article is coded on its own, not copied")
    article = duplicate.article
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
