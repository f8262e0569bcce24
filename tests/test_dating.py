"""The date of each clause, on fixed parses: the clause's own date expression, one it shares or
counts from, or the day the article's story has reached (``tinkuy.coding.dating``, ``story``).

The parse tables (``tests/parses.py``) are what spaCy's small English model gave for these
sentences, except where a test says otherwise. Every article here is published on Saturday
9 March 2024 unless the test says otherwise.
"""

from __future__ import annotations

import datetime as dt

from tinkuy.coding.dating import EventDate
from tinkuy.coding.story import ArticleDates
from tinkuy.model import Article, Modality

from .parses import parse

SATURDAY = dt.date(2024, 3, 9)


def dates(table: str, published: dt.date = SATURDAY, dateline: str | None = None) -> dict[str, EventDate]:
    """The date of the clause each verb heads, by the verb, as the coder would date its event."""
    doc = parse(table)
    article = Article("t", "t", doc.text, published=published, dateline=dateline)
    story = ArticleDates([s for s in doc.sents if s.text.strip()], article)
    found = {}
    for number, sentence in enumerate(story.sentences):
        for token in sentence:
            if token.pos_ == "VERB":
                modality: Modality = (
                    "future" if any(c.tag_ == "MD" and c.lower_ == "will" for c in token.children) else "asserted"
                )
                found[token.text] = story.date_of(number, token, modality)
    return found


def day(date: EventDate) -> tuple[dt.date | None, str]:
    return date.date, date.source


# --- the clause's own date


def test_a_date_inside_an_after_clause_dates_that_clause_alone():
    found = dates("""
        1  Chile        _          PROPN NNP  2  nsubj
        2  recalled     recall     VERB  VBD  0  ROOT
        3  its          _          PRON  PRP$ 4  poss
        4  ambassador   _          NOUN  NN   2  dobj
        5  after        _          SCONJ IN   7  mark
        6  protesters   protester  NOUN  NNS  7  nsubj
        7  attacked     attack     VERB  VBD  2  advcl
        8  the          _          DET   DT   9  det
        9  embassy      _          NOUN  NN   7  dobj
        10 on           _          ADP   IN   7  prep
        11 Tuesday      _          PROPN NNP  10 pobj
        12 .            _          PUNCT .    2  punct
    """)
    assert day(found["attacked"]) == (dt.date(2024, 3, 5), "sentence")
    assert day(found["recalled"]) == (SATURDAY, "publication")


def test_an_after_clause_without_a_date_shares_the_date_of_its_main_clause():
    found = dates("""
        1  Chile        _          PROPN NNP  2  nsubj
        2  recalled     recall     VERB  VBD  0  ROOT
        3  its          _          PRON  PRP$ 4  poss
        4  ambassador   _          NOUN  NN   2  dobj
        5  late         _          ADV   RB   6  advmod
        6  on           _          ADP   IN   2  prep
        7  Thursday     _          PROPN NNP  6  pobj
        8  after        _          SCONJ IN   10 mark
        9  protesters   protester  NOUN  NNS  10 nsubj
        10 attacked     attack     VERB  VBD  2  advcl
        11 the          _          DET   DT   12 det
        12 embassy      _          NOUN  NN   10 dobj
        13 .            _          PUNCT .    2  punct
    """)
    assert found["recalled"].date == found["attacked"].date == dt.date(2024, 3, 7)
    assert found["attacked"].text == "Thursday"


def test_a_deadline_dates_nothing():
    found = dates(
        """
        1  Niger        _          PROPN NNP  2  nsubj
        2  closed       close      VERB  VBD  0  ROOT
        3  its          _          PRON  PRP$ 4  poss
        4  airspace     _          NOUN  NN   2  dobj
        5  until        _          ADP   IN   2  prep
        6  Sunday       _          PROPN NNP  5  pobj
        7  .            _          PUNCT .    2  punct
        """,
        published=dt.date(2024, 3, 6),
    )
    assert day(found["closed"]) == (dt.date(2024, 3, 6), "publication")


def test_what_a_speaker_said_on_a_day_takes_that_day_though_the_parser_hangs_it_on_what_was_said():
    found = dates("""
        1  Brazil       _          PROPN NNP  2  nsubj
        2  said         say        VERB  VBD  0  ROOT
        3  on           _          ADP   IN   7  prep
        4  Thursday     _          PROPN NNP  3  pobj
        5  it           _          PRON  PRP  7  nsubj
        6  would        _          AUX   MD   7  aux
        7  send         _          VERB  VB   2  ccomp
        8  aid          _          NOUN  NN   7  dobj
        9  .            _          PUNCT .    2  punct
    """)
    assert day(found["said"]) == day(found["send"]) == (dt.date(2024, 3, 7), "sentence")


def test_a_future_act_looks_ahead():
    found = dates("""
        1  The          the        DET   DT   2  det
        2  ministers    minister   NOUN  NNS  4  nsubj
        3  will         _          AUX   MD   4  aux
        4  meet         _          VERB  VB   0  ROOT
        5  on           _          ADP   IN   4  prep
        6  Monday       _          PROPN NNP  5  pobj
        7  .            _          PUNCT .    4  punct
    """)
    assert found["meet"].date == dt.date(2024, 3, 11)


def test_the_occasion_of_an_act_dates_it():
    found = dates("""
        1  The          the        DET   DT   3  det
        2  foreign      _          ADJ   JJ   3  amod
        3  minister     _          NOUN  NN   4  nsubj
        4  said         say        VERB  VBD  0  ROOT
        5  in           _          ADP   IN   4  prep
        6  a            _          DET   DT   8  det
        7  radio        _          NOUN  NN   8  compound
        8  interview    _          NOUN  NN   5  pobj
        9  on           _          ADP   IN   8  prep
        10 Tuesday      _          PROPN NNP  9  pobj
        11 that         _          SCONJ IN   14 mark
        12 talks        talk       NOUN  NNS  14 nsubj
        13 would        _          AUX   MD   14 aux
        14 resume       _          VERB  VB   4  ccomp
        15 .            _          PUNCT .    4  punct
    """)
    assert day(found["said"]) == (dt.date(2024, 3, 5), "sentence")


def test_a_date_between_the_subject_and_its_verb_dates_the_verb():
    # Parsed by hand with "on Monday" on the subject, as the model does in some sentences.
    found = dates("""
        1  The          the        DET   DT   3  det
        2  interim      _          ADJ   JJ   3  amod
        3  government   _          NOUN  NN   6  nsubj
        4  on           _          ADP   IN   3  prep
        5  Monday       _          PROPN NNP  4  pobj
        6  expelled     expel      VERB  VBD  0  ROOT
        7  two          _          NUM   CD   8  nummod
        8  diplomats    diplomat   NOUN  NNS  6  dobj
        9  .            _          PUNCT .    6  punct
    """)
    assert day(found["expelled"]) == (dt.date(2024, 3, 4), "sentence")


def test_a_when_clause_happened_on_the_day_it_describes():
    found = dates("""
        1  The          the        DET   DT   2  det
        2  crisis       _          NOUN  NN   3  nsubj
        3  began        begin      VERB  VBD  0  ROOT
        4  on           _          ADP   IN   3  prep
        5  Tuesday      _          PROPN NNP  4  pobj
        6  ,            _          PUNCT ,    5  punct
        7  when         _          SCONJ WRB  9  advmod
        8  soldiers     soldier    NOUN  NNS  9  nsubj
        9  occupied     occupy     VERB  VBD  5  relcl
        10 the          _          DET   DT   12 det
        11 main         _          ADJ   JJ   12 amod
        12 square       _          NOUN  NN   9  dobj
        13 .            _          PUNCT .    3  punct
    """)
    assert day(found["occupied"]) == (dt.date(2024, 3, 5), "sentence")


def test_what_happened_in_a_dated_event_happened_on_its_date():
    # "Monday" of the model's parse written as "March 4", a date the story does not carry to others
    found = dates(
        """
        1  Police       _          NOUN  NNS  2  nsubj
        2  fired        fire       VERB  VBD  0  ROOT
        3  on           _          ADP   IN   2  prep
        4  protesters   protester  NOUN  NNS  3  pobj
        5  during       _          ADP   IN   2  prep
        6  clashes      clash      NOUN  NNS  5  pobj
        7  on           _          ADP   IN   6  prep
        8  March        _          PROPN NNP  7  pobj
        9  4            _          NUM   CD   8  nummod
        10 in           _          ADP   IN   15 prep
        11 which        _          PRON  WDT  10 pobj
        12 17           _          NUM   CD   13 nummod
        13 people       _          NOUN  NNS  15 nsubjpass
        14 were         be         AUX   VBD  15 auxpass
        15 killed       kill       VERB  VBN  6  relcl
        16 .            _          PUNCT .    2  punct
        """,
        published=dt.date(2024, 3, 20),
    )
    assert found["fired"].date == found["killed"].date == dt.date(2024, 3, 4)
    assert found["killed"].text == "March 4"


def test_an_act_takes_the_date_of_the_participle_that_describes_it():
    found = dates("""
        1  Soldiers     soldier    NOUN  NNS  2  nsubj
        2  fired        fire       VERB  VBD  0  ROOT
        3  on           _          ADP   IN   2  prep
        4  the          _          DET   DT   5  det
        5  crowd        _          NOUN  NN   3  pobj
        6  ,            _          PUNCT ,    2  punct
        7  killing      kill       VERB  VBG  2  advcl
        8  three        _          NUM   CD   9  nummod
        9  people       _          NOUN  NNS  7  dobj
        10 on           _          ADP   IN   7  prep
        11 Friday       _          PROPN NNP  10 pobj
        12 .            _          PUNCT .    2  punct
    """)
    assert found["fired"].date == found["killing"].date == dt.date(2024, 3, 8)


def test_the_dateline_dates_no_event():
    # Parsed by hand with the dateline's date on the verb, as the model does in some leads.
    table = """
        1  QUITO        _          PROPN NNP  7  npadvmod
        2  ,            _          PUNCT ,    1  punct
        3  March        _          PROPN NNP  7  npadvmod
        4  9            _          NUM   CD   3  nummod
        5  -            _          PUNCT :    7  punct
        6  Ecuador      _          PROPN NNP  7  nsubj
        7  expelled     expel      VERB  VBD  0  ROOT
        8  the          _          DET   DT   9  det
        9  envoy        _          NOUN  NN   7  dobj
        10 .            _          PUNCT .    7  punct
    """
    assert day(dates(table, dateline="QUITO, March 9")["expelled"]) == (SATURDAY, "publication")
    assert day(dates(table)["expelled"]) == (SATURDAY, "sentence")


# --- dates counted from another event


def test_a_day_after_dates_the_event_it_introduces_the_day_before():
    found = dates("""
        1  The          the        DET   DT   2  det
        2  president    _          NOUN  NN   3  nsubj
        3  resigned     resign     VERB  VBD  0  ROOT
        4  on           _          ADP   IN   3  prep
        5  Wednesday    _          PROPN NNP  4  pobj
        6  ,            _          PUNCT ,    5  punct
        7  a            _          DET   DT   8  det
        8  day          _          NOUN  NN   11 npadvmod
        9  after        _          SCONJ IN   11 mark
        10 soldiers     soldier    NOUN  NNS  11 nsubj
        11 surrounded   surround   VERB  VBD  3  advcl
        12 the          _          DET   DT   13 det
        13 palace       _          NOUN  NN   11 dobj
        14 .            _          PUNCT .    3  punct
    """)
    assert found["resigned"].date == dt.date(2024, 3, 6)
    assert (found["surrounded"].date, found["surrounded"].text) == (dt.date(2024, 3, 5), "a day after")
    assert found["surrounded"].note == "date: 'a day after' counted from 'Wednesday'"


def test_days_after_counts_back_from_the_day_the_story_has_reached():
    found = dates("""
        1  The          the        DET   DT   2  det
        2  minister     _          NOUN  NN   3  nsubj
        3  arrived      arrive     VERB  VBD  0  ROOT
        4  in           _          ADP   IN   3  prep
        5  Lima         _          PROPN NNP  4  pobj
        6  on           _          ADP   IN   3  prep
        7  Thursday     _          PROPN NNP  6  pobj
        8  .            _          PUNCT .    3  punct

        1  The          the        DET   DT   2  det
        2  visit        _          NOUN  NN   3  nsubj
        3  came         come       VERB  VBD  0  ROOT
        4  two          _          NUM   CD   5  nummod
        5  days         day        NOUN  NNS  10 npadvmod
        6  after        _          SCONJ IN   10 mark
        7  the          _          DET   DT   9  det
        8  two          _          NUM   CD   9  nummod
        9  governments  government NOUN  NNS  10 nsubj
        10 signed       sign       VERB  VBD  3  advcl
        11 a            _          DET   DT   13 det
        12 trade        _          NOUN  NN   13 compound
        13 pact         _          NOUN  NN   10 dobj
        14 .            _          PUNCT .    3  punct
    """)
    assert day(found["came"]) == (dt.date(2024, 3, 7), "earlier_sentence")
    assert found["signed"].date == dt.date(2024, 3, 5)


def test_days_later_counts_from_the_last_date_stated():
    found = dates("""
        1  Guards       _          PROPN NNPS 2  nsubj
        2  detained     detain     VERB  VBD  0  ROOT
        3  the          _          DET   DT   5  det
        4  opposition   _          NOUN  NN   5  compound
        5  leader       _          NOUN  NN   2  dobj
        6  on           _          ADP   IN   2  prep
        7  Monday       _          PROPN NNP  6  pobj
        8  of           _          ADP   IN   7  prep
        9  last         _          ADJ   JJ   10 amod
        10 week         _          NOUN  NN   8  pobj
        11 .            _          PUNCT .    2  punct

        1  Two          two        NUM   CD   2  nummod
        2  days         day        NOUN  NNS  3  npadvmod
        3  later        _          ADV   RB   7  advmod
        4  ,            _          PUNCT ,    7  punct
        5  a            _          DET   DT   6  det
        6  judge        _          NOUN  NN   7  nsubj
        7  ordered      order      VERB  VBD  0  ROOT
        8  his          _          PRON  PRP$ 9  poss
        9  release      _          NOUN  NN   7  dobj
        10 .            _          PUNCT .    7  punct
    """)
    assert found["detained"].date == dt.date(2024, 2, 26)
    assert day(found["ordered"]) == (dt.date(2024, 2, 28), "sentence")
    assert found["ordered"].note == "date: 'Two days later' counted from 'Monday of last week' (sentence 0)"


def test_hours_later_is_the_same_day():
    found = dates("""
        1  Mexico       _          PROPN NNP  2  nsubj
        2  granted      grant      VERB  VBD  0  ROOT
        3  the          _          DET   DT   7  det
        4  former       _          ADJ   JJ   6  amod
        5  vice         _          NOUN  NN   6  compound
        6  president    _          NOUN  NN   7  compound
        7  asylum       _          NOUN  NN   2  dobj
        8  on           _          ADP   IN   2  prep
        9  Friday       _          PROPN NNP  8  pobj
        10 .            _          PUNCT .    2  punct

        1  Hours        hour       NOUN  NNS  2  npadvmod
        2  later        _          ADV   RB   5  advmod
        3  ,            _          PUNCT ,    5  punct
        4  police       _          NOUN  NNS  5  nsubj
        5  stormed      storm      VERB  VBD  0  ROOT
        6  the          _          DET   DT   7  det
        7  embassy      _          NOUN  NN   5  dobj
        8  .            _          PUNCT .    5  punct
    """)
    assert found["stormed"].date == dt.date(2024, 3, 8)


# --- clauses that state no date


def test_an_undated_past_clause_takes_the_day_the_story_has_reached():
    found = dates("""
        1  Police       _          NOUN  NNS  2  nsubj
        2  raided       raid       VERB  VBD  0  ROOT
        3  the          _          DET   DT   4  det
        4  offices      office     NOUN  NNS  2  dobj
        5  of           _          ADP   IN   4  prep
        6  the          _          DET   DT   7  det
        7  newspaper    _          NOUN  NN   5  pobj
        8  late         _          ADV   RB   9  advmod
        9  on           _          ADP   IN   2  prep
        10 Thursday     _          PROPN NNP  9  pobj
        11 .            _          PUNCT .    2  punct

        1  Witnesses    witness    NOUN  NNS  2  nsubj
        2  said         say        VERB  VBD  0  ROOT
        3  officers     officer    NOUN  NNS  4  nsubj
        4  seized       seize      VERB  VBD  2  ccomp
        5  computers    computer   NOUN  NNS  4  dobj
        6  .            _          PUNCT .    2  punct
    """)
    assert day(found["seized"]) == (dt.date(2024, 3, 7), "earlier_sentence")
    assert found["seized"].note == "date: 'Thursday' of sentence 0; the clause states none of its own"


def test_the_present_and_the_future_are_the_day_of_writing():
    found = dates("""
        1  Troops       troop      NOUN  NNS  2  nsubj
        2  fired        fire       VERB  VBD  0  ROOT
        3  on           _          ADP   IN   2  prep
        4  protesters   protester  NOUN  NNS  3  pobj
        5  on           _          ADP   IN   2  prep
        6  Friday       _          PROPN NNP  5  pobj
        7  .            _          PUNCT .    2  punct

        1  The          the        DET   DT   2  det
        2  government   _          NOUN  NN   3  nsubj
        3  denies       deny       VERB  VBZ  0  ROOT
        4  any          _          DET   DT   5  det
        5  wrongdoing   _          NOUN  NN   3  dobj
        6  .            _          PUNCT .    3  punct

        1  Police       _          NOUN  NNS  3  nsubj
        2  have         _          AUX   VBP  3  aux
        3  detained     detain     VERB  VBN  0  ROOT
        4  twelve       _          NUM   CD   5  nummod
        5  people       _          NOUN  NNS  3  dobj
        6  .            _          PUNCT .    3  punct

        1  The          the        DET   DT   2  det
        2  ministers    minister   NOUN  NNS  4  nsubj
        3  will         _          AUX   MD   4  aux
        4  meet         _          VERB  VB   0  ROOT
        5  again        _          ADV   RB   4  advmod
        6  .            _          PUNCT .    4  punct
    """)
    assert found["fired"].date == dt.date(2024, 3, 8)
    assert day(found["denies"]) == day(found["detained"]) == day(found["meet"]) == (SATURDAY, "publication")


def test_a_flashback_in_the_past_perfect_does_not_move_the_story():
    found = dates("""
        1  Troops       troop      NOUN  NNS  2  nsubj
        2  fired        fire       VERB  VBD  0  ROOT
        3  on           _          ADP   IN   2  prep
        4  protesters   protester  NOUN  NNS  3  pobj
        5  on           _          ADP   IN   2  prep
        6  Friday       _          PROPN NNP  5  pobj
        7  .            _          PUNCT .    2  punct

        1  The          the        DET   DT   2  det
        2  army         _          NOUN  NN   4  nsubj
        3  had          have       AUX   VBD  4  aux
        4  warned       warn       VERB  VBN  0  ROOT
        5  on           _          ADP   IN   4  prep
        6  Wednesday    _          PROPN NNP  5  pobj
        7  that         _          SCONJ IN   10 mark
        8  it           _          PRON  PRP  10 nsubj
        9  would        _          AUX   MD   10 aux
        10 act          _          VERB  VB   4  ccomp
        11 .            _          PUNCT .    4  punct

        1  Officials    official   NOUN  NNS  2  nsubj
        2  said         say        VERB  VBD  0  ROOT
        3  two          _          NUM   CD   4  nummod
        4  people       _          NOUN  NNS  5  nsubj
        5  died         die        VERB  VBD  2  ccomp
        6  .            _          PUNCT .    2  punct
    """)
    assert found["warned"].date == dt.date(2024, 3, 6)
    assert day(found["died"]) == (dt.date(2024, 3, 8), "earlier_sentence")


def test_a_story_that_moves_to_its_background_leaves_undated_clauses_the_publication_date():
    found = dates(
        """
        1  Castillo     _          PROPN NNP  3  nsubjpass
        2  was          be         AUX   VBD  3  auxpass
        3  detained     detain     VERB  VBN  0  ROOT
        4  on           _          ADP   IN   3  prep
        5  December     _          PROPN NNP  4  pobj
        6  7            _          NUM   CD   5  nummod
        7  .            _          PUNCT .    3  punct

        1  Officials    official   NOUN  NNS  2  nsubj
        2  said         say        VERB  VBD  0  ROOT
        3  he           _          PRON  PRP  4  nsubj
        4  tried        try        VERB  VBD  2  ccomp
        5  to           _          PART  TO   6  aux
        6  dissolve     _          VERB  VB   4  xcomp
        7  Congress     _          PROPN NNP  6  dobj
        8  .            _          PUNCT .    2  punct
        """,
        published=dt.date(2023, 1, 10),
    )
    assert found["detained"].date == dt.date(2022, 12, 7)
    assert day(found["tried"]) == (dt.date(2023, 1, 10), "publication")


def test_a_lead_in_the_present_perfect_takes_the_day_the_next_sentence_gives():
    lead = """
        1  Kenya        _          PROPN NNP  3  nsubj
        2  has          have       AUX   VBZ  3  aux
        3  suspended    suspend    VERB  VBN  0  ROOT
        4  flights      flight     NOUN  NNS  3  dobj
        5  to           _          ADP   IN   4  prep
        6  Somalia      _          PROPN NNP  5  pobj
        7  .            _          PUNCT .    3  punct

        1  The          the        DET   DT   3  det
        2  aviation     _          NOUN  NN   3  compound
        3  authority    _          NOUN  NN   4  nsubj
        4  announced    announce   VERB  VBD  0  ROOT
        5  the          _          DET   DT   6  det
        6  decision     _          NOUN  NN   4  dobj
        7  on           _          ADP   IN   6  prep
        8  Tuesday      _          PROPN NNP  7  pobj
        9  .            _          PUNCT .    4  punct
    """
    assert day(dates(lead)["suspended"]) == (dt.date(2024, 3, 5), "next_sentence")
    later = """
        1  Somalia      _          PROPN NNP  2  nsubj
        2  protested    protest    VERB  VBD  0  ROOT
        3  .            _          PUNCT .    2  punct
    """
    assert day(dates(later + "\n" + lead)["suspended"]) == (SATURDAY, "publication")  # not the lead
