"""The day an article's story has reached, for the clauses that state no date of their own.

News tells a story a few days long in the past tense, and dates it once in a
while: "Mexico broke off relations with Ecuador late on Friday ... Television
images showed officers climbing over the embassy's wall". A clause that states
no date (``tinkuy.coding.dating``) takes, in this order (``EventDate.source``):

- ``publication`` when it is about the future, is hypothetical, or is in the
  present tense or the present perfect ("will meet", "could extend", "Western
  governments accuse", "police have detained"): announced, or true, on the day
  of writing;
- ``sentence`` for a clause in the past whose sentence's main clause states a day
  ("Police fired tear gas on Tuesday, and rights groups said ...");
- ``earlier_sentence`` for a clause in the past in a sentence whose main clause
  states no date: the date of the last sentence before it whose main clause did.
  A flashback in the past perfect ("Zúñiga had said on Monday that ...") and a
  future act do not move the story;
- ``next_sentence`` for a lead in the present perfect ("Saudi Arabia has expelled
  Canada's ambassador") when the sentence after it dates its main clause ("The
  foreign ministry declared the ambassador persona non grata late on Sunday"):
  wire copy names the act first and its day next;
- ``publication`` otherwise, and ``none`` when the article has no date.

A day carries only when it falls in the week before publication
(``STORY_DAYS``): a story that moves to its background ("Castillo was detained
on December 7") leaves its undated clauses with the publication date, the
honest default.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from spacy.tokens import Span, Token

from ..model import Article, DateSource, Modality
from .dating import Dated, EventDate, SentenceDates, chain_of, publication_date, taken_from, tense_of_chain

STORY_DAYS = 7
"""How far before publication a day stated in a main clause still dates the undated clauses after it."""


class ArticleDates:
    """The dates of an article's events, sentence by sentence, with the day its story has reached."""

    def __init__(self, sentences: Sequence[Span], article: Article) -> None:
        """``sentences`` are the article's, numbered as the coder numbers them."""
        self.published = article.published
        self.sentences = sentences
        text = sentences[0].doc.text if sentences else ""
        start = text.find(article.dateline) if article.dateline else -1
        self.after_char = start + len(article.dateline or "") if start >= 0 else 0
        """Where the text starts after its dateline, whose date is the article's and dates no event."""
        body = self.after_char or (len(article.title) if article.title and text.startswith(article.title) else 0)
        self.lead = next((n for n, s in enumerate(self.sentences) if any(t.is_alpha and t.idx >= body for t in s)), 0)
        """The first sentence after the title: the one that names the story's main act."""
        self._dates: dict[int, SentenceDates] = {}
        self._mains: list[Dated | None] = []
        self._stories: list[Dated | None] = [None]
        """The story's day before each sentence: the last main-clause day stated before it."""

    def date_of(self, number: int, anchor: Token, modality: Modality) -> EventDate:
        """The date of the event of sentence ``number`` whose clause ``anchor`` heads (see the module docstring)."""
        story = self._story_before(number)
        context = self._context(number)
        stated = self._sentence(number).date_of(anchor, modality == "future", story, context[0] if context else None)
        if stated is not None:
            return stated
        if self.published is None:
            return publication_date(None)
        when = tense_of_chain(chain_of(anchor))
        if modality not in ("future", "hypothetical") and when not in ("future", "present", "perfect") and context:
            return taken_from(*context)
        if modality == "asserted" and when == "perfect" and number == self.lead and number + 1 < len(self.sentences):
            self._story_before(number + 1)
            following = self._mains[number + 1]
            if following is not None and self._recent(following):
                return taken_from(following, "next_sentence")
        return publication_date(self.published)

    def _context(self, number: int) -> tuple[Dated, DateSource] | None:
        """The day an undated past clause of sentence ``number`` takes: the day its main clause
        states, else the day the story reached before it, when that is a recent day."""
        here, before = self._mains[number], self._stories[number]
        if here is not None:
            return (here, "sentence") if self._recent(here) else None
        return (before, "earlier_sentence") if before is not None and self._recent(before) else None

    def _recent(self, dated: Dated) -> bool:
        """Whether a stated date is a day of the week before publication, the days a news story tells."""
        day, published = dated.resolved.date, self.published
        if dated.resolved.precision != "day" or day is None or published is None:
            return False
        return published - dt.timedelta(days=STORY_DAYS) <= day <= published

    def _sentence(self, number: int) -> SentenceDates:
        if number not in self._dates:
            self._dates[number] = SentenceDates(self.sentences[number], number, self.published, self.after_char)
        return self._dates[number]

    def _story_before(self, number: int) -> Dated | None:
        """The day the last sentence before ``number`` that dates its main clause states, read
        sentence by sentence up to ``number`` (and the main date of ``number`` itself)."""
        while len(self._mains) <= min(number, len(self.sentences) - 1):
            n = len(self._mains)
            self._mains.append(self._sentence(n).main_date(self._stories[n]))
            self._stories.append(self._mains[n] or self._stories[n])
        return self._stories[number]
