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


def test_a_phrase_that_reads_into_a_complement_codes_the_verb_not_an_embedding(code):
    events = code("""
        1  Ghana       _          PROPN NNP 2 nsubj
        2  ordered     order      VERB  VBD 0 ROOT
        3  Togo        _          PROPN NNP 5 poss
        4  's          _          PART  POS 3 case
        5  ambassador  _          NOUN  NN  2 dobj
        6  to          _          PART  TO  7 aux
        7  leave       _          VERB  VB  2 xcomp
        8  .           _          PUNCT .   2 punct
    """)
    assert coded(events) == {("GHA", "TGOGOV", "161")}  # an expulsion, not a demand (100)
    assert rules(events) == ["phrases.tsv: * @diplomat to leave (order) -> 161"]


def test_a_deadline_to_leave_is_an_expulsion_and_a_deadline_to_act_an_ultimatum(code):
    assert coded(
        code("""
        1  Kenya      _          PROPN NNP 2 nsubj
        2  gave       give       VERB  VBD 0 ROOT
        3  Somalia    _          PROPN NNP 5 poss
        4  's         _          PART  POS 3 case
        5  diplomats  diplomat   NOUN  NNS 2 dobj
        6  a          _          DET   DT  7 det
        7  week       _          NOUN  NN  2 npadvmod
        8  to         _          PART  TO  9 aux
        9  leave      _          VERB  VB  7 relcl
        10 .          _          PUNCT .   2 punct
    """)
    ) == {("KEN", "SOMGOV", "161")}
    assert coded(
        code("""
        1  Ghana      _          PROPN NNP 2 nsubj
        2  gave       give       VERB  VBD 0 ROOT
        3  Mali       _          PROPN NNP 5 poss
        4  's         _          PART  POS 3 case
        5  junta      _          NOUN  NN  2 dobj
        6  a          _          DET   DT  7 det
        7  week       _          NOUN  NN  2 npadvmod
        8  to         _          PART  TO  9 aux
        9  hold       _          VERB  VB  7 relcl
        10 elections  election   NOUN  NNS 9 dobj
        11 .          _          PUNCT .   2 punct
    """)
    ) == {("GHA", "MLIGOV", "139")}


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


def test_a_particle_counts_as_the_first_word_after_the_verb_wherever_it_stands(code):
    events = code("""
        1  Israel  _      PROPN NNP  2 nsubj
        2  pulled  pull   VERB  VBD  0 ROOT
        3  its     _      PRON  PRP$ 4 poss
        4  troops  troop  NOUN  NNS  2 dobj
        5  out     _      ADP   RP   2 prt
        6  .       _      PUNCT .    2 punct
    """)
    assert rules(events) == ["phrases.tsv: * out @troop (pull) -> 0874"]


def test_a_subject_naming_several_actors_holds_joint_war_games_with_each(code):
    events = code("""
        1  Peruvian  peruvian  ADJ   JJ  4 amod
        2  and       _         CCONJ CC  1 cc
        3  Chilean   chilean   ADJ   JJ  1 conj
        4  warships  warship   NOUN  NNS 5 nsubj
        5  launched  launch    VERB  VBD 0 ROOT
        6  war       _         NOUN  NN  7 compound
        7  games     game      NOUN  NNS 5 dobj
        8  off       _         ADP   IN  5 prep
        9  Arica     _         PROPN NNP 8 pobj
        10 .         _         PUNCT .   5 punct
    """)
    assert coded(events) == {("PERMIL", "CHLMIL", "062"), ("CHLMIL", "PERMIL", "062")}  # one subject head, two actors


def test_a_return_event_needs_someone_to_return_it_to(code):
    # relief arriving is 073, and the host's 0863 in return: not when no sender is named
    assert (
        code("""
        1  Relief    relief  NOUN  NN  2 compound
        2  supplies  supply  NOUN  NNS 3 nsubj
        3  arrived   arrive  VERB  VBD 0 ROOT
        4  in        _       ADP   IN  3 prep
        5  Haiti     _       PROPN NNP 4 pobj
        6  .         _       PUNCT .   3 punct
    """)
        == []
    )


# --- whom the act is on


def test_the_source_s_own_envoy_is_recalled_from_where_it_serves(code):
    events = code("""
        1  Algeria     _       PROPN NNP  2 nsubj
        2  recalled    recall  VERB  VBD  0 ROOT
        3  its         _       PRON  PRP$ 4 poss
        4  ambassador  _       NOUN  NN   2 dobj
        5  in          _       ADP   IN   4 prep
        6  Rabat       _       PROPN NNP  5 pobj
        7  over        _       ADP   IN   2 prep
        8  a           _       DET   DT   9 det
        9  report      _       NOUN  NN   7 pobj
        10 by          _       ADP   IN   9 prep
        11 the         _       DET   DT   13 det
        12 United      _       PROPN NNP  13 compound
        13 Nations     _       PROPN NNP  10 pobj
        14 .           _       PUNCT .    2 punct
    """)
    assert coded(events) == {("DZA", "MARGOV", "161")}  # where it serves, not who wrote the report


def test_a_lawsuit_is_against_the_party_sued_not_the_court_it_is_filed_at(code):
    events = code("""
        1  Nicaragua      _       PROPN NNP 2 nsubj
        2  filed          file    VERB  VBD 0 ROOT
        3  a              _       DET   DT  4 det
        4  case           _       NOUN  NN  2 dobj
        5  against        _       ADP   IN  4 prep
        6  Germany        _       PROPN NNP 5 pobj
        7  at             _       ADP   IN  2 prep
        8  the            _       DET   DT  10 det
        9  International  _       PROPN NNP 10 compound
        10 Court          _       PROPN NNP 7 pobj
        11 of             _       ADP   IN  10 prep
        12 Justice        _       PROPN NNP 11 pobj
        13 .              _       PUNCT .   2 punct
    """)
    assert coded(events) == {("NIC", "DEU", "115")}


def test_a_lawsuit_naming_only_the_court_has_no_target_and_no_event(code):
    events = code("""
        1  Mexico         _       PROPN NNP 2 nsubj
        2  took           take    VERB  VBD 0 ROOT
        3  the            _       DET   DT  4 det
        4  case           _       NOUN  NN  2 dobj
        5  to             _       ADP   IN  2 prep
        6  the            _       DET   DT  8 det
        7  International  _       PROPN NNP 8 compound
        8  Court          _       PROPN NNP 5 pobj
        9  of             _       ADP   IN  8 prep
        10 Justice        _       PROPN NNP 9 pobj
        11 .              _       PUNCT .   2 punct
    """)
    assert events == []


def test_an_order_naming_an_act_carries_it_out(code):
    events = code("""
        1  Ecuador   _         PROPN NNP 2 nsubj
        2  ordered   order     VERB  VBD 0 ROOT
        3  tariffs   tariff    NOUN  NNS 2 dobj
        4  on        _         ADP   IN  3 prep
        5  Colombian colombian ADJ   JJ  6 amod
        6  imports   import    NOUN  NNS 4 pobj
        7  .         _         PUNCT .   2 punct
    """)
    assert coded(events) == {("ECU", "COL", "163")}  # imposed, not demanded (100)


# --- verbs that look like acts and are not


def test_a_name_given_as_a_judgement_of_someone_is_a_criticism(code):
    events = code("""
        1  Venezuela  _     PROPN NNP 2 nsubj
        2  called     call  VERB  VBD 0 ROOT
        3  Duque      _     PROPN NNP 2 dobj
        4  a          _     DET   DT  5 det
        5  criminal   _     NOUN  NN  2 oprd
        6  .          _     PUNCT .   2 punct
    """)
    assert coded(events) == {("VEN", "COLELI", "111")}
    assert rules(events) == ["phrases.tsv: * as @disparaging (call) -> 111"]


def test_a_name_given_to_no_one_is_no_event_and_no_appeal(code):
    assert (
        code("""
        1  Peru    _     PROPN NNP 2 nsubj
        2  called  call  VERB  VBD 0 ROOT
        3  the     _     DET   DT  4 det
        4  vote    _     NOUN  NN  2 dobj
        5  a       _     DET   DT  6 det
        6  farce   _     NOUN  NN  2 oprd
        7  .       _     PUNCT .   2 punct
    """)
        == []
    )


def test_what_an_actor_calls_something_only_qualifies_the_act_it_names(code):
    events = code("""
        1  China      _        PROPN NNP 2 nsubj
        2  welcomed   welcome  VERB  VBD 0 ROOT
        3  what       _        PRON  WP  5 dobj
        4  it         _        PRON  PRP 5 nsubj
        5  called     call     VERB  VBD 2 ccomp
        6  Nicaragua  _        PROPN NNP 9 poss
        7  's         _        PART  POS 6 case
        8  right      _        ADJ   JJ  9 amod
        9  choice     _        NOUN  NN  5 oprd
        10 .          _        PUNCT .   2 punct
    """)
    assert coded(events) == {("CHN", "NIC", "051")}  # the welcome, of what it names; no appeal (020)


def test_declining_to_comment_is_an_event_only_toward_what_it_is_about(code):
    assert (
        code("""
        1  Colombia  _        PROPN NNP 2 nsubj
        2  declined  decline  VERB  VBD 0 ROOT
        3  to        _        PART  TO  4 aux
        4  comment   _        VERB  VB  2 xcomp
        5  .         _        PUNCT .   2 punct
    """)
        == []
    )
    events = code("""
        1  Colombia     _           PROPN NNP 2 nsubj
        2  declined     decline     VERB  VBD 0 ROOT
        3  to           _           PART  TO  4 aux
        4  comment      _           VERB  VB  2 xcomp
        5  on           _           ADP   IN  4 prep
        6  Venezuela    _           PROPN NNP 8 poss
        7  's           _           PART  POS 6 case
        8  accusations  accusation  NOUN  NNS 5 pobj
        9  .            _           PUNCT .   2 punct
    """)
    assert coded(events) == {("COL", "VEN", "011")}


def test_justifying_a_decision_to_act_is_the_act_by_whoever_decided(code):
    events = code("""
        1  Russia     _          PROPN NNP  2 nsubj
        2  justified  justify    VERB  VBD  0 ROOT
        3  its        _          PRON  PRP$ 4 poss
        4  decision   _          NOUN  NN   2 dobj
        5  to         _          PART  TO   6 aux
        6  cut        _          VERB  VB   4 acl
        7  gas        _          NOUN  NN   8 compound
        8  supplies   supply     NOUN  NNS  6 dobj
        9  to         _          ADP   IN   6 prep
        10 Ukraine    _          PROPN NNP  9 pobj
        11 .          _          PUNCT .    2 punct
    """)
    assert coded(events) == {("RUS", "UKR", "163")}  # the cut; no verbal defence (052)


def test_phrase_words_match_in_order_with_other_words_between():
    phrase = tuple(frozenset({w}) for w in ("its", "ambassador", "in", "rabat", "for", "consultation"))
    assert in_order((frozenset({"ambassador"}), frozenset({"consultation"})), phrase)
    assert in_order((frozenset({"envoy", "ambassador"}),), phrase)  # a position names the words that may stand there
    assert not in_order((frozenset({"consultation"}), frozenset({"ambassador"})), phrase)
    assert in_order((), phrase)
