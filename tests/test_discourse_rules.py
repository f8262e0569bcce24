"""Discourse on fixed parses: quotations and their speakers, people an article introduces,
descriptions that refer back ("the bloc", "both governments"), whoever made the request a
response answers, and who vouches for each event.

The parse tables are what spaCy's small English model gave for these sentences (see
``tests/parses.py``); ``test_discourse.py`` runs whole articles through the model.
"""

from __future__ import annotations

from tinkuy.actors.quotes import Quotations
from tinkuy.model import Event

from . import test_coding_rules
from .parses import parse

code = test_coding_rules.code
"""The fixture: the events coded from a parse table, as an article published on a Monday."""


def dyads(events: list[Event]) -> set[tuple[str, str, str]]:
    """(source code, target code or '-', CAMEO code) of each event."""
    return {(e.source.code if e.source else "-", e.target.code if e.target else "-", e.cameo) for e in events}


def noted(event: Event, text: str) -> bool:
    return any(text in note for note in event.evidence.notes)


# --- quotations


ORDER_QUOTED = """
    1   "          _         PUNCT  ``    14  punct
    2   I          _         PRON   PRP   3   nsubj
    3   order      _         VERB   VBP   14  ccomp
    4   you        _         PRON   PRP   6   nsubj
    5   to         _         PART   TO    6   aux
    6   withdraw   _         VERB   VB    3   xcomp
    7   your       _         PRON   PRP$  8   poss
    8   soldiers   soldier   NOUN   NNS   6   dobj
    9   ,          _         PUNCT  ,     14  punct
    10  "          _         PUNCT  ''    14  punct
    11  the        _         DET    DT    13  det
    12  Bolivian   bolivian  ADJ    JJ    13  amod
    13  president  _         NOUN   NN    14  nsubj
    14  told       tell      VERB   VBD   0   ROOT
    15  the        _         DET    DT    16  det
    16  general    _         NOUN   NN    14  dobj
    17  .          _         PUNCT  .     14  punct
"""


def test_inside_a_quotation_i_is_its_speaker_and_you_its_addressee(code):
    (event,) = code(ORDER_QUOTED)
    assert (event.source.code, event.target.code, event.cameo) == ("BOLGOV", "BOLMIL", "1056")
    assert noted(event, "'I' -> 'the Bolivian president', who speaks the quotation")
    assert noted(event, "'you' -> 'the general', addressed in the quotation")
    # the order is the president's own speech act: the article vouches that it was given
    assert event.attribution.type == "author" and noted(event, "said by the Bolivian president")


QUOTED_PARAGRAPH = """
    1   "           _           PUNCT  ``    11  punct
    2   Ecuadorian  ecuadorian  ADJ    JJ    3   amod
    3   police      _           NOUN   NNS   4   nsubj
    4   stormed     storm       VERB   VBD   11  ccomp
    5   our         _           PRON   PRP$  6   poss
    6   embassy     _           NOUN   NN    4   dobj
    7   ,           _           PUNCT  ,     11  punct
    8   "           _           PUNCT  ''    11  punct
    9   Alicia      _           PROPN  NNP   10  compound
    10  Bárcena     _           PROPN  NNP   11  nsubj
    11  said        say         VERB   VBD   0   ROOT
    12  .           _           PUNCT  .     11  punct

    1  "         _       PUNCT  ``   3  punct
    2  They      they    PRON   PRP  3  nsubj
    3  arrested  arrest  VERB   VBD  0  ROOT
    4  Jorge     _       PROPN  NNP  5  compound
    5  Glas      _       PROPN  NNP  3  dobj
    6  .         _       PUNCT  .    3  punct
    7  "         _       PUNCT  ''   3  punct
"""


def test_a_quoted_sentence_with_no_speech_verb_rests_on_the_speaker_of_its_quotation(code):
    events = code(QUOTED_PARAGRAPH)
    assert dyads(events) == {("ECUCOP", "MEXGOV", "171"), ("ECUCOP", "ECUELI", "173")}
    # "our embassy" is the speaker's: Bárcena is Mexico's foreign minister
    assert {e.attribution.text for e in events} == {"Alicia Bárcena"}
    assert {e.attribution.type for e in events} == {"named"}


def test_a_quoted_phrase_in_the_writers_own_sentence_has_no_speaker(knowledge):
    doc = parse("""
        1   Mexico     _        PROPN  NNP   2   nsubj
        2   expressed  express  VERB   VBD   0   ROOT
        3   its        _        PRON   PRP$  6   poss
        4   "          _        PUNCT  ``    6   punct
        5   deepest    deep     ADJ    JJS   6   amod
        6   concern    _        NOUN   NN    2   dobj
        7   "          _        PUNCT  ''    6   punct
        8   about      _        ADP    IN    6   prep
        9   our        _        PRON   PRP$  10  poss
        10  region     _        NOUN   NN    8   pobj
        11  .          _        PUNCT  .     2   punct
    """)
    quotes = Quotations(doc, knowledge.cues.speech)
    assert quotes.around(doc[4]) is None and quotes.around(doc[8]) is None
    spoken = parse(QUOTED_PARAGRAPH)
    quotes = Quotations(spoken, knowledge.cues.speech)
    they = next(t for t in spoken if t.text == "They")
    quote = quotes.around(they)
    assert quote is not None and quote.speaker is not None and quote.speaker.text == "Bárcena"


# --- people the article introduces


def test_a_surname_is_the_person_the_article_introduced_with_a_role(code):
    events = code("""
        1  Peru        _      PROPN  NNP  2  nsubj
        2  expelled    expel  VERB   VBD  0  ROOT
        3  Mexico      _      PROPN  NNP  5  poss
        4  's          _      PART   POS  3  case
        5  ambassador  _      NOUN   NN   2  dobj
        6  ,           _      PUNCT  ,    5  punct
        7  Raquel      _      PROPN  NNP  8  compound
        8  Serur       _      PROPN  NNP  5  appos
        9  .           _      PUNCT  .    2  punct

        1  Serur       _          PROPN  NNP  2  nsubj
        2  criticised  criticise  VERB   VBD  0  ROOT
        3  Peru        _          PROPN  NNP  2  dobj
        4  .           _          PUNCT  .    2  punct
    """)
    assert dyads(events) == {("PER", "MEXGOV", "161"), ("MEXGOV", "PER", "111")}
    criticism = next(e for e in events if e.cameo == "111")
    assert criticism.source.name == "Raquel Serur" and noted(criticism, "'Serur' -> Raquel Serur (introduced in sentence 0)")


def test_a_pronoun_refers_to_a_person_introduced_by_title(code):
    events = code("""
        1  General  _     PROPN  NNP  3  compound
        2  Juan     _     PROPN  NNP  3  compound
        3  Zúñiga   _     PROPN  NNP  4  nsubj
        4  met      meet  VERB   VBD  0  ROOT
        5  Luis     _     PROPN  NNP  6  compound
        6  Arce     _     PROPN  NNP  4  dobj
        7  on       _     ADP    IN   4  prep
        8  Monday   _     PROPN  NNP  7  pobj
        9  .        _     PUNCT  .    4  punct

        1  He       he      PRON   PRP  2  nsubj
        2  accused  accuse  VERB   VBD  0  ROOT
        3  Peru     _       PROPN  NNP  2  dobj
        4  of       _       ADP    IN   2  prep
        5  treason  _       NOUN   NN   4  pobj
        6  .        _       PUNCT  .    2  punct
    """)
    accusation = next(e for e in events if e.root == "11")
    assert (accusation.source.code, accusation.source.name, accusation.target.code) == ("BOLMIL", "Juan Zúñiga", "PER")


def test_it_refers_to_a_country_not_to_a_person_named_by_role(code):
    events = code("""
        1   Peru      _      PROPN  NNP  4  poss
        2   's        _      PART   POS  1  case
        3   prime     _      ADJ    JJ   4  amod
        4   minister  _      NOUN   NN   9  nsubj
        5   ,         _      PUNCT  ,    4  punct
        6   Alberto   _      PROPN  NNP  7  compound
        7   Otárola   _      PROPN  NNP  4  appos
        8   ,         _      PUNCT  ,    4  punct
        9   visited   visit  VERB   VBD  0  ROOT
        10  Chile     _      PROPN  NNP  9  dobj
        11  .         _      PUNCT  .    9  punct

        1  It         it       PRON   PRP  2  nsubj
        2  condemned  condemn  VERB   VBD  0  ROOT
        3  Bolivia    _        PROPN  NNP  2  dobj
        4  .          _        PUNCT  .    2  punct
    """)
    assert dyads(events) == {("PERGOV", "CHL", "042"), ("CHL", "BOL", "111")}


# --- descriptions that refer back


def test_the_bloc_is_the_organisation_named_before(code):
    events = code("""
        1  ECOWAS     _        PROPN  NNP  0  ROOT
        2  suspended  suspend  VERB   VBD  3  amod
        3  trade      _        NOUN   NN   1  dobj
        4  with       _        ADP    IN   3  prep
        5  Niger      _        PROPN  NNP  4  pobj
        6  .          _        PUNCT  .    1  punct

        1  The         the       DET    DT   2  det
        2  bloc        _         NOUN   NN   3  nsubj
        3  threatened  threaten  VERB   VBD  0  ROOT
        4  Niger       _         PROPN  NNP  3  dobj
        5  with        _         ADP    IN   3  prep
        6  force       _         NOUN   NN   5  pobj
        7  .           _         PUNCT  .    3  punct
    """)
    assert ("IGOWAFWAS", "NER", "138") in dyads(events)


def test_the_kingdom_is_the_kingdom_the_article_names(code):
    events = code("""
        1  Algeria    _         PROPN  NNP  2  nsubj
        2  broke      break     VERB   VBD  0  ROOT
        3  off        _         ADP    RP   2  prt
        4  relations  relation  NOUN   NNS  2  dobj
        5  with       _         ADP    IN   4  prep
        6  Morocco    _         PROPN  NNP  5  pobj
        7  .          _         PUNCT  .    2  punct

        1  Algeria    _       PROPN  NNP  2  nsubj
        2  accused    accuse  VERB   VBD  0  ROOT
        3  the        _       DET    DT   4  det
        4  kingdom    _       NOUN   NN   2  dobj
        5  of         _       ADP    IN   4  prep
        6  hostility  _       NOUN   NN   5  pobj
        7  .          _       PUNCT  .    2  punct
    """)
    assert ("DZA", "MAR", "112") in dyads(events)


def test_both_governments_are_the_two_countries_named_together_with_the_role_of_the_noun(code):
    events = code("""
        1  Mexico   _      PROPN  NNP  4  nsubj
        2  and      _      CCONJ  CC   1  cc
        3  Ecuador  _      PROPN  NNP  1  conj
        4  clashed  clash  VERB   VBD  0  ROOT
        5  over     _      ADP    IN   4  prep
        6  the      _      DET    DT   7  det
        7  raid     _      NOUN   NN   5  pobj
        8  .        _      PUNCT  .    4  punct

        1  Brazil       _           PROPN  NNP  2  nsubj
        2  urged        urge        VERB   VBD  0  ROOT
        3  both         _           DET    DT   4  det
        4  governments  government  NOUN   NNS  2  dobj
        5  to           _           PART   TO   6  aux
        6  talk         _           VERB   VB   2  xcomp
        7  .            _           PUNCT  .    2  punct
    """)
    assert {d for d in dyads(events) if d[0] == "BRA"} == {("BRA", "MEXGOV", "020"), ("BRA", "ECUGOV", "020")}

    named_with_roles = code("""
        1  Ecuadorian  ecuadorian  ADJ    JJ   2  amod
        2  police      _           NOUN   NNS  3  nsubj
        3  raided      raid        VERB   VBD  0  ROOT
        4  the         _           DET    DT   6  det
        5  Mexican     mexican     ADJ    JJ   6  amod
        6  embassy     _           NOUN   NN   3  dobj
        7  in          _           ADP    IN   6  prep
        8  Quito       _           PROPN  NNP  7  pobj
        9  .           _           PUNCT  .    3  punct

        1  Mexico     _        PROPN  NNP  2  nsubj
        2  protested  protest  VERB   VBD  0  ROOT
        3  .          _        PUNCT  .    2  punct

        1  Brazil     _        PROPN  NNP  2  nsubj
        2  urged      urge     VERB   VBD  0  ROOT
        3  both       _        DET    DT   4  det
        4  countries  country  NOUN   NNS  2  dobj
        5  to         _        PART   TO   6  aux
        6  talk       _        VERB   VB   2  xcomp
        7  .          _        PUNCT  .    2  punct
    """)
    # the two the article names most, each as the country, not as the police it was named with
    assert {d for d in dyads(named_with_roles) if d[0] == "BRA"} == {("BRA", "MEX", "020"), ("BRA", "ECU", "020")}


TWO_NATIONS = """
    1  Maduro     _         PROPN  NNP  2  nsubj
    2  praised    praise    VERB   VBD  0  ROOT
    3  relations  relation  NOUN   NNS  2  dobj
    4  between    _         ADP    IN   3  prep
    5  the        _         DET    DT   7  det
    6  two        _         NUM    CD   7  nummod
    7  nations    nation    NOUN   NNS  4  pobj
    8  .          _         PUNCT  .    2  punct
"""


def test_a_pair_acted_on_leaves_out_the_actors_own_country(code):
    events = code(
        """
        1  Colombia   _       PROPN  NNP  4  nsubj
        2  and        _       CCONJ  CC   1  cc
        3  Venezuela  _       PROPN  NNP  1  conj
        4  reopened   reopen  VERB   VBD  0  ROOT
        5  the        _       DET    DT   6  det
        6  border     _       NOUN   NN   4  dobj
        7  .          _       PUNCT  .    4  punct
        """
        + TWO_NATIONS
    )
    assert {d for d in dyads(events) if d[2] == "051"} == {("VENGOV", "COL", "051")}
    assert not code(TWO_NATIONS)  # no two nations named before: no one to praise


def test_the_troops_are_the_forces_of_the_same_sector_named_before(code):
    events = code("""
        1  Bolivian  bolivian  ADJ    JJ   2  amod
        2  soldiers  soldier   NOUN   NNS  3  nsubj
        3  stormed   storm     VERB   VBD  0  ROOT
        4  the       _         DET    DT   5  det
        5  palace    _         NOUN   NN   3  dobj
        6  .         _         PUNCT  .    3  punct

        1  The       the     DET    DT   2  det
        2  troops    troop   NOUN   NNS  3  nsubj
        3  attacked  attack  VERB   VBD  0  ROOT
        4  the       _       DET    DT   5  det
        5  guards    guard   NOUN   NNS  3  dobj
        6  .         _       PUNCT  .    3  punct
    """)
    attack = next(e for e in events if e.cameo == "190")
    assert attack.source.code == "BOLMIL" and noted(attack, "'The troops' -> sentence 0, same sector")


def test_a_description_more_specific_than_the_mention_or_of_a_successor_refers_to_no_one_before(code):
    coup = code("""
        1  West     west     ADJ    JJ   2  amod
        2  African  african  ADJ    JJ   3  amod
        3  leaders  leader   NOUN   NNS  4  nsubj
        4  met      meet     VERB   VBD  0  ROOT
        5  in       _        ADP    IN   4  prep
        6  Abuja    _        PROPN  NNP  5  pobj
        7  .        _        PUNCT  .    4  punct

        1   The       the     DET    DT   3  det
        2   coup      _       NOUN   NN   3  compound
        3   leaders   leader  NOUN   NNS  4  nsubj
        4   accused   accuse  VERB   VBD  0  ROOT
        5   France    _       PROPN  NNP  4  dobj
        6   of        _       ADP    IN   4  prep
        7   plotting  plot    VERB   VBG  6  pcomp
        8   an        _       DET    DT   9  det
        9   invasion  _       NOUN   NN   7  dobj
        10  .         _       PUNCT  .    4  punct
    """)
    assert next(e for e in coup if e.root == "11").source.code == "---GOV"  # not the West African leaders
    successor = code("""
        1  Bolivia    _     PROPN  NNP  4  poss
        2  's         _     PART   POS  1  case
        3  army       _     NOUN   NN   4  compound
        4  commander  _     NOUN   NN   5  nsubj
        5  led        lead  VERB   VBD  0  ROOT
        6  the        _     DET    DT   7  det
        7  revolt     _     NOUN   NN   5  dobj
        8  .          _     PUNCT  .    5  punct

        1  The        the      DET    DT   4  det
        2  new        _        ADJ    JJ   4  amod
        3  army       _        NOUN   NN   4  compound
        4  chief      _        NOUN   NN   5  nsubj
        5  condemned  condemn  VERB   VBD  0  ROOT
        6  Peru       _        PROPN  NNP  5  dobj
        7  .          _        PUNCT  .    5  punct
    """)
    # not Bolivia's commander named before: the country is the one its clause names (``context``)
    assert dyads(successor) == {("PERMIL", "PER", "111")}


def test_the_caribbean_nations_government_is_the_government_of_the_country_the_article_names(code):
    events = code("""
        1  Haiti   _     PROPN  NNP  3  nsubj
        2  has     have  AUX    VBZ  3  aux
        3  been    be    AUX    VBN  0  ROOT
        4  in      _     ADP    IN   3  prep
        5  crisis  _     NOUN   NN   4  pobj
        6  for     _     ADP    IN   3  prep
        7  years   year  NOUN   NNS  6  pobj
        8  .       _     PUNCT  .    3  punct

        1   The            the        DET    DT   3  det
        2   Caribbean      caribbean  ADJ    JJ   3  amod
        3   nation         _          NOUN   NN   5  poss
        4   's             _          PART   POS  3  case
        5   government     _          NOUN   NN   6  nsubj
        6   appealed       appeal     VERB   VBD  0  ROOT
        7   for            _          ADP    IN   6  prep
        8   international  _          ADJ    JJ   9  amod
        9   help           _          NOUN   NN   7  pobj
        10  .              _          PUNCT  .    6  punct
    """)
    assert {e.source.code for e in events} == {"HTIGOV"}


def test_some_of_the_protesters_are_protesters(code):
    events = code("""
        1  Some        some       PRON   DT   5  nsubj
        2  of          _          ADP    IN   1  prep
        3  the         _          DET    DT   4  det
        4  protesters  protester  NOUN   NNS  2  pobj
        5  attacked    attack     VERB   VBD  0  ROOT
        6  Peruvian    peruvian   ADJ    JJ   7  amod
        7  police      _          NOUN   NNS  5  dobj
        8  .           _          PUNCT  .    5  punct
    """)
    assert dyads(events) == {("PEROPP", "PERCOP", "190")}


def test_a_relative_pronoun_object_is_the_phrase_its_clause_describes(code):
    events = code("""
        1   Ecuador   _       PROPN  NNP  2  nsubj
        2   arrested  arrest  VERB   VBD  0  ROOT
        3   Jorge     _       PROPN  NNP  4  compound
        4   Glas      _       PROPN  NNP  2  dobj
        5   ,         _       PUNCT  ,    4  punct
        6   whom      _       PRON   WP   9  dobj
        7   Mexico    _       PROPN  NNP  9  nsubj
        8   had       have    AUX    VBD  9  aux
        9   granted   grant   VERB   VBN  4  relcl
        10  asylum    _       NOUN   NN   9  dobj
        11  .         _       PUNCT  .    2  punct
    """)
    assert dyads(events) == {("ECU", "ECUELI", "173"), ("MEX", "ECUELI", "075")}


# --- whoever made the request a response answers


def test_a_response_to_a_request_answers_whoever_made_it(code):
    relative = code("""
        1   Ecuador    _       PROPN  NNP  2   nsubj
        2   turned     turn    VERB   VBD  0   ROOT
        3   down       _       ADP    RP   2   prt
        4   the        _       DET    DT   5   det
        5   request    _       NOUN   NN   2   dobj
        6   for        _       ADP    IN   5   prep
        7   safe       _       ADJ    JJ   8   amod
        8   conduct    _       NOUN   NN   6   pobj
        9   that       _       PRON   WDT  11  dobj
        10  Mexico     _       PROPN  NNP  11  nsubj
        11  submitted  submit  VERB   VBD  8   relcl
        12  .          _       PUNCT  .    2   punct
    """)
    assert ("ECU", "MEX", "120") in dyads(relative)
    earlier = code("""
        1  Russia     _        PROPN  NNP  2  nsubj
        2  proposed   propose  VERB   VBD  0  ROOT
        3  a          _        DET    DT   4  det
        4  ceasefire  _        NOUN   NN   2  dobj
        5  .          _        PUNCT  .    2  punct

        1  Ukraine   _       PROPN  NNP  2  nsubj
        2  rejected  reject  VERB   VBD  0  ROOT
        3  the       _       DET    DT   4  det
        4  proposal  _       NOUN   NN   2  dobj
        5  .         _       PUNCT  .    2  punct
    """)
    rejection = next(e for e in earlier if e.root == "12")
    assert rejection.target.code == "RUS" and noted(rejection, "'the proposal' -> whoever made it, 'Russia' of 'proposed'")
    alone = code("""
        1  Ukraine   _       PROPN  NNP  2  nsubj
        2  rejected  reject  VERB   VBD  0  ROOT
        3  the       _       DET    DT   4  det
        4  proposal  _       NOUN   NN   2  dobj
        5  .         _       PUNCT  .    2  punct
    """)
    assert dyads(alone) == {("UKR", "-", "120")}


# --- who vouches for an event


REPORTED = """
    1   The        the      DET    DT   4  det
    2   Mexican    mexican  ADJ    JJ   4  amod
    3   foreign    _        ADJ    JJ   4  amod
    4   minister   _        NOUN   NN   5  nsubj
    5   said       say      VERB   VBD  0  ROOT
    6   Mexico     _        PROPN  NNP  8  nsubj
    7   strongly   _        ADV    RB   8  advmod
    8   condemned  condemn  VERB   VBD  5  ccomp
    9   Ecuador    _        PROPN  NNP  8  dobj
    10  .          _        PUNCT  .    5  punct

    1   The         the         DET    DT   4   det
    2   Mexican     mexican     ADJ    JJ   4   amod
    3   foreign     _           ADJ    JJ   4   amod
    4   minister    _           NOUN   NN   5   nsubj
    5   said        say         VERB   VBD  0   ROOT
    6   Ecuadorian  ecuadorian  ADJ    JJ   7   amod
    7   police      _           NOUN   NNS  9   nsubj
    8   had         have        AUX    VBD  9   aux
    9   arrested    arrest      VERB   VBN  5   ccomp
    10  two         _           NUM    CD   12  nummod
    11  Mexican     mexican     ADJ    JJ   12  amod
    12  diplomats   diplomat    NOUN   NNS  9   dobj
    13  .           _           PUNCT  .    5   punct
"""


def test_a_speakers_own_verbal_act_is_vouched_for_by_the_article_and_an_act_they_report_by_them(code):
    events = {e.cameo: e for e in code(REPORTED)}
    condemnation, arrest = events["111"], events["173"]
    assert condemnation.attribution.type == "author" and noted(condemnation, "said by The Mexican foreign minister")
    assert (arrest.attribution.type, arrest.attribution.text) == ("named", "The Mexican foreign minister")


def test_a_pronoun_speaker_is_named_by_the_phrase_it_stands_for(code):
    events = code("""
        1  Foreign   _       PROPN  NNP  2  compound
        2  Minister  _       PROPN  NNP  4  compound
        3  Alicia    _       PROPN  NNP  4  compound
        4  Bárcena   _       PROPN  NNP  5  nsubj
        5  arrived   arrive  VERB   VBD  0  ROOT
        6  in        _       ADP    IN   5  prep
        7  Lima      _       PROPN  NNP  6  pobj
        8  .         _       PUNCT  .    5  punct

        1  She         she         PRON   PRP  2  nsubj
        2  said        say         VERB   VBD  0  ROOT
        3  Ecuadorian  ecuadorian  ADJ    JJ   4  amod
        4  police      _           NOUN   NNS  6  nsubj
        5  had         have        AUX    VBD  6  aux
        6  arrested    arrest      VERB   VBN  2  ccomp
        7  Jorge       _           PROPN  NNP  8  compound
        8  Glas        _           PROPN  NNP  6  dobj
        9  .           _           PUNCT  .    2  punct
    """)
    arrest = next(e for e in events if e.cameo == "173")
    assert (arrest.attribution.type, arrest.attribution.text) == ("named", "Alicia Bárcena")
    assert noted(arrest, "speaker 'She' -> Bárcena")


def test_a_named_speaker_stays_named_when_the_sentence_grants_someone_else_anonymity(code):
    events = code("""
        1   Interior   _         PROPN  NNP  2   compound
        2   Minister   _         PROPN  NNP  4   compound
        3   Carlos     _         PROPN  NNP  4   compound
        4   Ruiz       _         PROPN  NNP  5   nsubj
        5   said       say       VERB   VBD  0   ROOT
        6   Peruvian   peruvian  ADJ    JJ   7   amod
        7   police     _         NOUN   NNS  9   nsubj
        8   had        have      AUX    VBD  9   aux
        9   arrested   arrest    VERB   VBN  5   ccomp
        10  two        _         NUM    CD   12  nummod
        11  Mexican    mexican   ADJ    JJ   12  amod
        12  diplomats  diplomat  NOUN   NNS  9   dobj
        13  ,          _         PUNCT  ,    9   punct
        14  while      _         SCONJ  IN   21  mark
        15  officials  official  NOUN   NNS  21  nsubj
        16  speaking   speak     VERB   VBG  15  acl
        17  on         _         ADP    IN   16  prep
        18  condition  _         NOUN   NN   17  pobj
        19  of         _         ADP    IN   18  prep
        20  anonymity  _         NOUN   NN   19  pobj
        21  said       say       VERB   VBD  9   advcl
        22  talks      talk      NOUN   NNS  24  nsubj
        23  would      _         AUX    MD   24  aux
        24  continue   _         VERB   VB   21  ccomp
        25  .          _         PUNCT  .    5   punct
    """)
    arrest = next(e for e in events if e.cameo == "173")
    assert (arrest.attribution.type, arrest.attribution.text) == ("named", "Interior Minister Carlos Ruiz")


ARREST_REPORTED_BY = """
    1  {speaker}
    2  said        say         VERB   VBD  0  ROOT
    3  Ecuadorian  ecuadorian  ADJ    JJ   4  amod
    4  police      _           NOUN   NNS  6  nsubj
    5  had         have        AUX    VBD  6  aux
    6  arrested    arrest      VERB   VBN  2  ccomp
    7  Jorge       _           PROPN  NNP  8  compound
    8  Glas        _           PROPN  NNP  6  dobj
    9  .           _           PUNCT  .    2  punct
"""


def test_unnamed_speakers_are_anonymous_but_not_an_agency_called_official(code):
    (analysts,) = code(ARREST_REPORTED_BY.format(speaker="Analysts  analyst  NOUN  NNS  2  nsubj"))
    assert analysts.attribution.type == "anonymous"
    (agency,) = code("""
        1   The         the         DET    DT   4   det
        2   official    _           ADJ    JJ   4   amod
        3   news        _           NOUN   NN   4   compound
        4   agency      _           NOUN   NN   5   nsubj
        5   said        say         VERB   VBD  0   ROOT
        6   Ecuadorian  ecuadorian  ADJ    JJ   7   amod
        7   police      _           NOUN   NNS  9   nsubj
        8   had         have        AUX    VBD  9   aux
        9   arrested    arrest      VERB   VBN  5   ccomp
        10  Jorge       _           PROPN  NNP  11  compound
        11  Glas        _           PROPN  NNP  9   dobj
        12  .           _           PUNCT  .    5   punct
    """)
    assert (agency.attribution.type, agency.attribution.text) == ("named", "The official news agency")


def test_an_act_conjoined_with_a_speech_verb_is_the_speakers_own_not_reported(code):
    (expulsion,) = code("""
        1   Bolivia     _         PROPN  NNP  2  nsubj
        2   announced   announce  VERB   VBD  0  ROOT
        3   new         _         ADJ    JJ   4  amod
        4   measures    measure   NOUN   NNS  2  dobj
        5   and         _         CCONJ  CC   2  cc
        6   expelled    expel     VERB   VBD  2  conj
        7   Mexico      _         PROPN  NNP  9  poss
        8   's          _         PART   POS  7  case
        9   ambassador  _         NOUN   NN   6  dobj
        10  .           _         PUNCT  .    2  punct
    """)
    assert (expulsion.cameo, expulsion.attribution.type) == ("161", "author")


def test_a_participle_continuing_a_speech_verb_reports_for_its_speaker(code):
    events = code("""
        1   Colombia   _    PROPN  NNP   4   poss
        2   's         _    PART   POS   1   case
        3   foreign    _    PROPN  NNP   4   amod
        4   ministry   _    PROPN  NNP   5   nsubj
        5   said       say  VERB   VBD   0   ROOT
        6   that       _    SCONJ  IN    9   mark
        7   it         _    PRON   PRP   9   nsubj
        8   would      _    AUX    MD    9   aux
        9   pull       _    VERB   VB    5   ccomp
        10  its        _    PRON   PRP$  11  poss
        11  staff      _    NOUN   NN    9   dobj
        12  out        _    ADP    IN    9   prep
        13  of         _    ADP    IN    12  prep
        14  Venezuela  _    PROPN  NNP   13  pobj
        15  ,          _    PUNCT  ,     9   punct
        16  adding     add  VERB   VBG   5   advcl
        17  that       _    SCONJ  IN    21  mark
        18  it         _    PRON   PRP   21  nsubj
        19  did        do   AUX    VBD   21  aux
        20  not        _    PART   RB    21  neg
        21  recognise  _    VERB   VB    16  ccomp
        22  Maduro     _    PROPN  NNP   21  dobj
        23  as         _    ADP    IN    21  prep
        24  president  _    NOUN   NN    23  pobj
        25  .          _    PUNCT  .     5   punct
    """)
    recognition = next(e for e in events if e.cameo == "054")
    assert (recognition.modality, recognition.attribution.type) == ("negated", "named")
    assert recognition.attribution.text == "Colombia's foreign ministry"
