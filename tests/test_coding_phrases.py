"""Phrases and the vocabulary of diplomatic and security reporting, on fixed parses.

Each sentence is written for these tests and parsed as spaCy's small English model parsed it
(``tests/parses.py``); the coder reads the table directly. The phrase patterns are in
``tinkuy/data/coding/phrases.tsv``; ``test_coding_vocabulary.py`` runs sentences of the same
kinds through the real model.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tinkuy.coding.extract import Coder
from tinkuy.coding.patterns import in_order
from tinkuy.model import Article, Event

from .parses import parse

MONDAY = dt.date(2024, 4, 8)


@pytest.fixture(scope="module")
def code(knowledge):
    """The events the coder finds in a parse, as an article published on a Monday."""
    coder = Coder(knowledge)

    def events(table: str) -> list[Event]:
        doc = parse(table)
        return list(coder.code(Article("t", "t", doc.text, published=MONDAY), doc).events)

    return events


def coded(events: list[Event]) -> set[tuple[str, str, str]]:
    """(source code, target code or '-', CAMEO code) of each asserted event."""
    return {(e.source.code, e.target.code if e.target else "-", e.cameo) for e in events if e.modality == "asserted"}


def rules(events: list[Event]) -> list[str]:
    return [e.evidence.rule for e in events]


# --- phrases: words in order around the verb


def test_words_before_the_verb_are_read_in_its_subject(code):
    events = code("""
        1  Israeli  israeli  ADJ   JJ  2 amod
        2  troops   troop    NOUN  NNS 3 nsubj
        3  entered  enter    VERB  VBD 0 ROOT
        4  the      _        DET   DT  5 det
        5  town     _        NOUN  NN  3 dobj
        6  .        _        PUNCT .   3 punct
    """)
    assert coded(events) == {("ISRMIL", "-", "192")}
    assert rules(events) == ["phrases.tsv: @troop * @town (enter) -> 192"]


def test_phrase_words_match_in_order_with_other_words_between():
    phrase = tuple(frozenset({w}) for w in ("its", "ambassador", "in", "rabat", "for", "consultation"))
    assert in_order((frozenset({"ambassador"}), frozenset({"consultation"})), phrase)
    assert in_order((frozenset({"envoy", "ambassador"}),), phrase)  # a position names the words that may stand there
    assert not in_order((frozenset({"consultation"}), frozenset({"ambassador"})), phrase)
    assert in_order((), phrase)
