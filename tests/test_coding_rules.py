"""The coder's rules on fixed parses: each construction news uses, parsed as written here.

The parse tables (``tests/parses.py``) are what spaCy's small English model gave for these
sentences when the tests were written, except where a test says otherwise; the coder reads them
directly, so a rule's test does not move when the model does. ``test_coding.py`` runs the same
kinds of sentence through the real model, end to end.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tinkuy.coding.extract import Coder
from tinkuy.model import Article, Attribution, Event

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


def coded(events: list[Event]) -> set[tuple[str, str, str, str]]:
    """(source code, target code or '-', CAMEO code, modality) of each event."""
    return {(e.source.code if e.source else "-", e.target.code if e.target else "-", e.cameo, e.modality) for e in events}


# --- who acts on whom


def test_subject_verb_particle_object_and_the_date_of_the_clause(code):
    events = code("""
        1  Mexico      _          PROPN NNP 2 nsubj
        2  broke       break      VERB  VBD 0 ROOT
        3  off         _          ADP   RP  2 prt
        4  diplomatic  _          ADJ   JJ  5 amod
        5  relations   relation   NOUN  NNS 2 dobj
        6  with        _          ADP   IN  5 prep
        7  Ecuador     _          PROPN NNP 6 pobj
        8  on          _          ADP   IN  2 prep
        9  Friday      _          PROPN NNP 8 pobj
        10 .           _          PUNCT .   2 punct
    """)
    assert coded(events) == {("MEX", "ECU", "161", "asserted")}
    (event,) = events
    assert event.evidence.rule.startswith("verbs.tsv: break off obj=@relation")
    assert (event.date, event.evidence.date_text) == (dt.date(2024, 4, 5), "Friday")


def test_a_second_object_after_a_comma_is_a_phrase_in_apposition_not_a_target(code):
    events = code("""
        1  Peru        _          PROPN NNP 2 nsubj
        2  cut         _          VERB  VBD 0 ROOT
        3  ties        tie        NOUN  NNS 2 dobj
        4  with        _          ADP   IN  3 prep
        5  Bolivia     _          PROPN NNP 4 pobj
        6  ,           _          PUNCT ,   2 punct
        7  the         _          DET   DT  9 det
        8  first       _          ADJ   JJ  9 amod
        9  government  _          NOUN  NN  2 dobj
        10 to          _          PART  TO  11 aux
        11 do          _          VERB  VB  9 relcl
        12 so          _          ADV   RB  11 advmod
        13 .           _          PUNCT .   2 punct
    """)
    assert coded(events) == {("PER", "BOL", "161", "asserted")}


def test_a_passive_takes_its_by_agent_as_source_and_its_subject_as_target(code):
    events = code("""
        1  The         the        DET   DT  3 det
        2  Mexican     mexican    ADJ   JJ  3 amod
        3  embassy     _          NOUN  NN  5 nsubjpass
        4  was         be         AUX   VBD 5 auxpass
        5  stormed     storm      VERB  VBN 0 ROOT
        6  by          _          ADP   IN  5 agent
        7  Ecuadorian  ecuadorian ADJ   JJ  8 amod
        8  police      _          NOUN  NNS 6 pobj
        9  .           _          PUNCT .   5 punct
    """)
    assert coded(events) == {("ECUCOP", "MEXGOV", "171", "asserted")}


def test_a_plural_subject_of_a_reciprocal_act_acts_on_each_member(code):
    events = code("""
        1  Peru        _          PROPN NNP 4 nsubj
        2  and         _          CCONJ CC  1 cc
        3  Bolivia     _          PROPN NNP 1 conj
        4  signed      sign       VERB  VBD 0 ROOT
        5  a           _          DET   DT  7 det
        6  trade       _          NOUN  NN  7 compound
        7  agreement   _          NOUN  NN  4 dobj
        8  .           _          PUNCT .   4 punct
    """)
    assert coded(events) == {("PER", "BOL", "057", "asserted"), ("BOL", "PER", "057", "asserted")}


def test_an_event_noun_takes_its_by_phrase_as_source_and_its_on_phrase_as_target(code):
    events = code("""
        1  The         the        DET   DT  2  det
        2  assault     _          NOUN  NN  10 nsubj
        3  on          _          ADP   IN  2  prep
        4  the         _          DET   DT  6  det
        5  Mexican     mexican    ADJ   JJ  6  amod
        6  embassy     _          NOUN  NN  3  pobj
        7  by          _          ADP   IN  6  prep
        8  Ecuadorian  ecuadorian ADJ   JJ  9  amod
        9  police      _          NOUN  NNS 7  pobj
        10 angered     anger      VERB  VBD 0  ROOT
        11 Mexico      _          PROPN NNP 10 dobj
        12 .           _          PUNCT .   10 punct
    """)
    assert coded(events) == {("ECUCOP", "MEXGOV", "171", "asserted")}
    assert events[0].evidence.rule.startswith("nouns.tsv: assault")


def test_a_headline_without_a_verb_is_read_left_to_right(code):
    events = code("""
        1  Ecuadorian  ecuadorian ADJ   JJ  3 amod
        2  police      _          NOUN  NN  3 compound
        3  storm       _          NOUN  NN  5 compound
        4  Mexican     mexican    ADJ   JJ  5 amod
        5  embassy     _          NOUN  NN  0 ROOT
    """)
    assert coded(events) == {("ECUCOP", "MEXGOV", "171", "asserted")}
    assert any(note.startswith("linear reading") for note in events[0].evidence.notes)


# --- how firmly: negation, possibility, the future


def test_a_negated_act_is_coded_as_negated(code):
    events = code("""
        1  Peru        _          PROPN NNP 4 nsubj
        2  did         do         AUX   VBD 4 aux
        3  not         _          PART  RB  4 neg
        4  send        _          VERB  VB  0 ROOT
        5  troops      troop      NOUN  NNS 4 dobj
        6  to          _          ADP   IN  4 prep
        7  Bolivia     _          PROPN NNP 6 pobj
        8  .           _          PUNCT .   4 punct
    """)
    assert coded(events) == {("PER", "BOL", "154", "negated")}


def test_a_modal_of_possibility_makes_an_act_hypothetical(code):
    events = code("""
        1  Brazil      _          PROPN NNP 3 nsubj
        2  could       _          AUX   MD  3 aux
        3  impose      _          VERB  VB  0 ROOT
        4  sanctions   sanction   NOUN  NNS 3 dobj
        5  on          _          ADP   IN  4 prep
        6  Venezuela   _          PROPN NNP 5 pobj
        7  .           _          PUNCT .   3 punct
    """)
    assert coded(events) == {("BRA", "VEN", "163", "hypothetical")}


def test_an_act_another_country_says_will_happen_is_a_future_act_on_its_word(code):
    events = code("""
        1  Chile       _          PROPN NNP 2 nsubj
        2  said        say        VERB  VBD 0 ROOT
        3  Peru        _          PROPN NNP 5 nsubj
        4  would       _          AUX   MD  5 aux
        5  send        _          VERB  VB  2 ccomp
        6  troops      troop      NOUN  NNS 5 dobj
        7  to          _          ADP   IN  5 prep
        8  Bolivia     _          PROPN NNP 7 pobj
        9  .           _          PUNCT .   2 punct
    """)
    assert coded(events) == {("PER", "BOL", "154", "future")}
    assert events[0].attribution == Attribution("named", "Chile")


def test_an_act_its_own_actor_announces_for_the_future_is_stated_and_is_its_intent(code):
    events = code("""
        1  Finland     _          PROPN NNP 3 nsubj
        2  will        _          AUX   MD  3 aux
        3  give        _          VERB  VB  0 ROOT
        4  Tanzania    _          PROPN NNP 3 dative
        5  a           _          DET   DT  6 det
        6  grant       _          NOUN  NN  3 dobj
        7  .           _          PUNCT .   3 punct
    """)
    assert coded(events) == {("FIN", "TZA", "071", "future"), ("FIN", "TZA", "0331", "asserted")}
    (intent,) = [e for e in events if e.modality == "asserted"]
    assert intent.evidence.rule.endswith("announced by its actor, an intent -> 0331")
    assert intent.evidence.date_source == "publication"  # announced when the article says it, whenever the grant comes


# --- on whose word


@pytest.mark.parametrize(
    ("speaker", "attribution"),
    [
        ("Blinken     _          PROPN NNP", Attribution("named", "Blinken")),
        ("Officials   official   NOUN  NNS", Attribution("anonymous", "Officials")),
    ],
)
def test_the_speaker_of_a_clause_vouches_for_its_act(code, speaker, attribution):
    events = code(f"""
        1  {speaker} 2 nsubj
        2  said        say        VERB  VBD 0 ROOT
        3  Peru        _          PROPN NNP 4 nsubj
        4  expelled    expel      VERB  VBD 2 ccomp
        5  the         _          DET   DT  7 det
        6  Mexican     mexican    ADJ   JJ  7 amod
        7  ambassador  _          NOUN  NN  4 dobj
        8  .           _          PUNCT .   2 punct
    """)
    assert coded(events) == {("PER", "MEXGOV", "161", "asserted")}
    assert events[0].attribution == attribution


# --- acts embedded in appeals, demands and refusals


def test_an_appeal_to_act_is_an_appeal_for_that_act(code):
    events = code("""
        1  The         the        DET   DT   3  det
        2  European    _          PROPN NNP  3  compound
        3  Union       _          PROPN NNP  4  nsubj
        4  called      call       VERB  VBD  0  ROOT
        5  on          _          ADP   IN   4  prep
        6  Russia      _          PROPN NNP  5  pobj
        7  to          _          PART  TO   8  aux
        8  withdraw    _          VERB  VB   4  xcomp
        9  its         _          PRON  PRP$ 10 poss
        10 troops      troop      NOUN  NNS  8  dobj
        11 .           _          PUNCT .    4  punct
    """)
    assert coded(events) == {("IGOEUREEC", "RUS", "0256", "asserted")}
    assert events[0].evidence.rule.startswith("appeal verb 'call' embeds verbs.tsv: withdraw")


def test_a_demand_that_someone_act_is_a_demand_for_that_act_made_of_them(code):
    # the model tags "release" a noun here; the rule is about the verb it is
    events = code("""
        1  Mexico      _          PROPN NNP 2 nsubj
        2  demanded    demand     VERB  VBD 0 ROOT
        3  that        _          SCONJ IN  5 mark
        4  Ecuador     _          PROPN NNP 5 nsubj
        5  release     _          VERB  VB  2 ccomp
        6  Jorge       _          PROPN NNP 7 compound
        7  Glas        _          PROPN NNP 5 dobj
        8  .           _          PUNCT .   2 punct
    """)
    assert coded(events) == {("MEX", "ECU", "1053", "asserted")}  # a demand for a release
    assert events[0].evidence.rule.startswith("demand verb 'demand' embeds verbs.tsv: release")


def test_refusing_to_act_is_a_rejection_of_that_act(code):
    events = code("""
        1  Ecuador     _          PROPN NNP 2 nsubj
        2  refused     refuse     VERB  VBD 0 ROOT
        3  to          _          PART  TO  4 aux
        4  meet        _          VERB  VB  2 xcomp
        5  Mexican     mexican    ADJ   JJ  6 amod
        6  officials   official   NOUN  NNS 4 dobj
        7  .           _          PUNCT .   2 punct
    """)
    assert coded(events) == {("ECU", "MEXGOV", "125", "asserted")}
    assert events[0].evidence.rule.startswith("refusal verb 'refuse' embeds verbs.tsv: meet")
