"""Actors and targets the context gives: a place, the others of a clause, the dateline, the
article's country, and acts named again by a noun or a passive without its agent.

The sentences are written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tinkuy.model import Article, CodedArticle, Event

pytestmark = pytest.mark.model

FRIDAY = dt.date(2024, 4, 12)


@pytest.fixture(scope="module")
def code(pipeline):
    def events(text: str) -> list[Event]:
        (result,) = pipeline.run([Article.from_text(text, "t", "t", published=FRIDAY)])
        assert isinstance(result, CodedArticle)
        return list(result.events)

    return events


def dyads(events: list[Event]) -> set[tuple[str, str, str]]:
    return {(e.source.code, e.target.code if e.target else "-", e.root) for e in events if e.source}


def notes(events: list[Event]) -> str:
    return " ".join(n for e in events for n in e.evidence.notes)


# --- the country of a role word no name owns


def test_a_place_in_the_clause_gives_a_role_its_country(code):
    events = code("Soldiers opened fire on the crowd in Lima.")
    assert any(e.source and e.source.code == "PERMIL" for e in events)
    assert "country from a place in its clause, 'Lima'" in notes(events)


def test_a_place_elsewhere_in_the_sentence_gives_it_when_the_clause_names_none(code):
    events = code("In Caracas, where the opposition had called a strike, police arrested two union leaders.")
    assert any(e.source and e.source.code == "VENCOP" for e in events)
    assert "a place in its sentence, 'Caracas'" in notes(events)


def test_the_dateline_gives_it_when_the_sentence_names_no_place(code):
    events = code("BOGOTA, March 3 - Police arrested three men suspected of planning an attack on a pipeline.")
    assert any(e.source and e.source.code == "COLCOP" for e in events)
    assert "the dateline 'BOGOTA'" in notes(events)


def test_the_forces_of_a_state_take_the_country_of_those_they_act_on(code):
    events = code("Police detained Jorge Glas on Friday night.")
    assert any(e.source and e.source.code == "ECUCOP" for e in events)
    assert "the others its clause names" in notes(events)


def test_the_country_an_article_names_most_gives_it_last(code):
    text = (
        "Kenya's parliament passed a contested finance bill on Tuesday. Kenyan opposition leaders called for "
        "protests across Kenya, and the Kenyan Red Cross said it was ready. Police fired tear gas at students."
    )
    events = code(text)
    assert any(e.source and e.source.code == "KENCOP" for e in events)
    assert "the country the article names most" in notes(events)


def test_places_of_several_countries_decide_nothing(code):
    events = code("Police patrolled the border between Quito and Lima.")
    assert all(e.source is None or e.source.code.startswith("---") for e in events)


def test_the_others_of_several_countries_give_a_force_none(code):
    assert ("BRA", "---MIL", "11") in dyads(code("Brazil, Chile and Mexico condemned the coup attempt by the army."))


def test_an_envoy_recalled_with_no_place_named_serves_on_the_other_side_of_the_story(code):
    events = code(
        "Peru and Chile have been at odds over Chile's new border fence. Peruvian officials called the fence "
        "illegal, and Lima asked Santiago to halt the work. On Monday Peru recalled the ambassador for consultations."
    )
    assert ("PER", "CHL", "16") in dyads(events)
    assert "target: country from the other country the article names most" in notes(events)


def test_an_envoy_of_no_country_named_is_the_other_sides(code):
    events = code(
        "Peru expelled Chile's consul on Monday, and Chilean officials called the move hostile. "
        "Peru's foreign ministry gave Ambassador Julio Fiol 72 hours to leave the country."
    )
    assert ("PERGOV", "CHLGOV", "16") in dyads(events)


def test_its_neighbour_is_the_other_side_of_the_story(code):
    events = code("Peru closed its border with Bolivia on Monday, accusing its neighbour of harbouring smugglers.")
    assert ("PER", "BOL", "11") in dyads(events)
    assert "target: country from the other country the article names most" in notes(events)


def test_envoys_take_no_country_from_where_they_are(code):
    events = code("QUITO, April 6 - The ambassador condemned the arrest of the activists by Ecuadorian police.")
    (event,) = [e for e in events if e.root == "11"]
    assert event.source is not None and event.source.code == "---GOV"


# --- acts named again: their actor is the one acted on


def test_an_act_judging_an_act_named_with_its_agent_targets_the_agent(code):
    events = code("Uruguay denounced the detention of the journalists by Paraguayan police.")
    assert ("URY", "PRYCOP", "11") in dyads(events)


def test_an_act_named_again_by_a_noun_is_traced_to_its_actor(code):
    events = code(
        "Peruvian police raided the offices of an opposition newspaper on Tuesday. Argentina and Uruguay condemned the raid."
    )
    assert {("ARG", "PERCOP", "11"), ("URY", "PERCOP", "11")} <= dyads(events)
    assert "'raid' recalls an act told by the same word" in notes(events)


def test_a_coup_condemned_is_the_act_of_whoever_seized_power(code):
    events = code("Mutinous troops stormed the parliament in Bamako. Senegal and Ghana condemned the coup.")
    assert {("SEN", "MLIMIL", "11"), ("GHA", "MLIMIL", "11")} <= dyads(events)


def test_a_denial_of_accusations_is_toward_whoever_made_them(code):
    events = code("Chile accused Bolivia of arming smugglers on Monday. Bolivia denied the accusations.")
    assert ("BOL", "CHL", "01") in dyads(events)


def test_a_denial_that_names_no_accuser_is_no_event(code):
    assert not [e for e in code("Bolivia denied that its troops had crossed the border.") if e.cameo == "016"]


def test_a_noun_for_any_act_is_traced_to_the_latest_act_of_another_actor(code):
    events = code("Chile expelled two Bolivian diplomats on Monday. Bolivia condemned the decision.")
    assert ("BOL", "CHL", "11") in dyads(events)


def test_a_passive_without_agent_recalls_who_did_the_same_act_before(code):
    events = code("Nicaraguan police arrested a bishop on Monday. A second priest was arrested on Tuesday.")
    second = [e for e in events if e.root == "17" and "second priest" in e.sentence]
    assert second and second[0].source is not None and second[0].source.code == "NICCOP"
    assert second[0].date == dt.date(2024, 4, 9)


def test_an_arrest_no_one_is_said_to_have_made_is_by_the_detainees_police(code):
    events = code("Bolivian general Juan José Zúñiga was arrested on Wednesday.")
    assert ("BOLCOP", "BOLMIL", "17") in dyads(events)
    assert "source: by default, the police of its target's country" in notes(events)


def test_an_act_on_a_gathering_acts_on_those_who_held_it(code):
    events = code("Thousands of students protested outside parliament in Caracas. Riot police broke up the protest.")
    assert ("VENCOP", "VENEDU", "17") in dyads(events)
    assert "'protest' recalls an act told by the same word" in notes(events)


def test_an_act_on_a_gathering_no_one_was_said_to_hold_acts_on_protesters(code):
    assert ("VENCOP", "VENOPP", "17") in dyads(code("Riot police broke up a rally in Caracas."))


def test_talks_between_two_sides_are_each_side_meeting_the_other(code):
    assert {("ARM", "AZE", "04"), ("AZE", "ARM", "04")} <= dyads(
        code("Talks between Armenia and Azerbaijan resumed in Washington.")
    )


# --- whom an act with no target named is done to


def test_a_protest_with_no_target_named_is_against_its_own_government(code):
    events = code("Thousands of Kenyan students marched against the new tax.")
    assert any(e.root == "14" and e.target is not None and e.target.code == "KENGOV" for e in events)
    assert "by default, the government of its source's country" in notes(events)


def test_a_curfew_with_no_target_named_is_on_its_own_population(code):
    assert ("ECUGOV", "ECUCVL", "17") in dyads(code("Ecuador's government imposed a nightly curfew on Saturday."))


def test_an_act_with_no_target_and_no_country_stays_without_target(code):
    assert ("---OPP", "-", "14") in dyads(code("Protesters marched against the new tax."))


def test_who_is_in_the_state_an_event_noun_names_is_its_source(code):
    assert ("MEX", "ECU", "04") in dyads(code("Mexico remained in contact with Ecuador throughout the crisis."))
    assert ("PER", "CHL", "04") in dyads(code("Peru was in constant communication with Chile."))
