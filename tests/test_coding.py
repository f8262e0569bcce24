"""The coder on sentences written for these tests: each construction news uses, and what it must yield.

Every test names the construction; the sentences are ours, not from any gold set.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tinkuy.model import Article, CodedArticle, Event

pytestmark = pytest.mark.model

MONDAY = dt.date(2024, 4, 8)


@pytest.fixture(scope="module")
def code(pipeline):
    """The events of one article (a text of one or more sentences) published on a Monday."""

    def events(text: str) -> list[Event]:
        (result,) = pipeline.run([Article.from_text(text, "t", "t", published=MONDAY)])
        assert isinstance(result, CodedArticle)
        return list(result.events)

    return events


def dyads(events: list[Event]) -> set[tuple[str, str, str]]:
    """(source code, target code or '-', CAMEO root) of each event."""
    return {(e.source.code, e.target.code if e.target else "-", e.root) for e in events if e.source}


def only(events: list[Event], root: str) -> Event:
    (event,) = [e for e in events if e.root == root]
    return event


# --- syntax: who acts on whom


def test_passive_voice_takes_the_agent_as_source(code):
    events = code("The Mexican embassy in Quito was stormed by Ecuadorian police on Friday.")
    assert ("ECUCOP", "MEXGOV", "17") in dyads(events)
    assert only(events, "17").date == dt.date(2024, 4, 5)


def test_a_passive_without_agent_takes_it_from_the_act_it_happened_in(code):
    assert ("COLREB", "COLMIL", "19") in dyads(code("Two Colombian soldiers were killed in a raid by FARC rebels."))
    assert ("PERCOP", "PERREB", "19") in dyads(
        code("Four Shining Path guerrillas were shot during an operation by Peruvian police.")
    )


def test_the_possessor_of_what_is_acted_on_is_the_target(code):
    assert ("CHL", "BOL", "05") in dyads(code("Chile praised Bolivia's efforts against drug trafficking."))
    assert ("CHL", "ARG", "11") in dyads(code("Chile condemned Argentina's treatment of Chilean workers."))


def test_a_verb_whose_arguments_the_parser_lost_is_read_left_to_right(code):
    # spaCy parses this sentence as a noun phrase, with "guaranteed" an adjective
    events = code(
        "China for its part guaranteed Laos, together with its regional and European allies, "
        "that the negative impact, both political and economic, would be limited."
    )
    assert dyads(events) == {("CHN", "LAO", "03")}
    assert "linear reading" in " ".join(only(events, "03").evidence.notes)


def test_an_infinitive_describing_a_noun_takes_the_subject_of_the_clause(code):
    events = code("Thousands of Haitians gathered for a rally in Port-au-Prince to protest against the Dominican Republic.")
    assert ("HTI", "DOM", "14") in dyads(events)


def test_coordinated_actors_each_act(code):
    events = code("Peru and Bolivia signed a trade agreement with Chile.")
    assert {("PER", "CHL", "05"), ("BOL", "CHL", "05")} <= dyads(events)


def test_a_plural_subject_of_a_reciprocal_verb_acts_on_itself(code):
    assert {("PER", "BOL", "05"), ("BOL", "PER", "05")} <= dyads(code("Peru and Bolivia signed a trade agreement on Monday."))


def test_coordinated_verbs_share_subject_and_target(code):
    assert {("COL", "VEN", "04"), ("COL", "VEN", "05")} <= dyads(code("Colombia met Venezuela and signed a border accord."))


def test_relative_clause_subject_is_the_noun_it_describes(code):
    events = code("The Ecuadorian government, which granted asylum to Julian Assange in 2012, criticized Britain.")
    granted = [e for e in events if e.cameo == "075"]
    assert granted and granted[0].source.code == "ECUGOV" and granted[0].date == dt.date(2012, 1, 1)
    assert ("ECUGOV", "GBR", "11") in dyads(events)


def test_participial_clause_takes_the_main_subject(code):
    events = code("Blinken spoke with Lasso on Friday, congratulating him on his victory.")
    assert {("USAGOV", "ECUELI", "04"), ("USAGOV", "ECUELI", "05")} <= dyads(events)


@pytest.mark.parametrize(
    ("sentence", "dyad"),
    [
        ("Brazil held talks with Argentina.", ("BRA", "ARG", "04")),
        ("Japan sent aid to the Philippines.", ("JPN", "PHL", "07")),
        ("Pompeo met Saturday with Ecuador's President Lenin Moreno.", ("USAELI", "ECUELI", "04")),
    ],
)
def test_prepositional_targets(code, sentence, dyad):
    assert dyad in dyads(code(sentence))


# --- the code depends on the object, the particle, the preposition


@pytest.mark.parametrize(
    ("sentence", "cameo"),
    [
        ("Ecuador cut diplomatic ties with Mexico.", "161"),
        ("The United States cut aid to Honduras.", "162"),
        ("Peru signed an agreement with Chile.", "057"),
        ("Brazil broke off relations with Paraguay.", "161"),
    ],
)
def test_object_and_particle_decide_the_code(code, sentence, cameo):
    assert cameo in {e.cameo for e in code(sentence)}


def test_call_for_and_call_on_are_different_acts(code):
    called_for = only(code("Colombia called for new elections in Venezuela."), "02")
    called_on = only(code("The European Union called on Russia to withdraw its troops."), "02")
    assert called_for.target.code == "VEN" and called_for.cameo == "0241"  # no one else named: the place
    assert called_on.target.code == "RUS" and called_on.cameo == "0256"


@pytest.mark.parametrize(
    ("sentence", "cameo"),
    [
        ("Thousands of Chilean students marched in Santiago calling for a new constitution.", "1414"),
        ("Peruvian farmers went on strike against the new water law.", "1432"),
        ("Bolivian miners demonstrated on Monday demanding the resignation of the president.", "1411"),
        ("Haiti asked Canada for humanitarian relief.", "0233"),
        ("Colombia and Peru agreed to hold joint military exercises.", "0312"),
        ("Bolivian miners demanded a new constitution.", "1044"),  # a generic demand, refined as 104
        ("Ecuadorian teachers went on strike in protest against the detention of two union leaders.", "1433"),
        ("The European Court convicted Russia of torture.", "116"),  # a ruling against a state, not an arrest
    ],
)
def test_the_topic_of_an_act_picks_its_sub_code(code, sentence, cameo):
    assert cameo in {e.cameo for e in code(sentence)}


def test_an_act_announced_for_the_future_stays_itself_when_it_has_no_intent_code(code):
    (event,) = code("The ICC will investigate war crimes by Sudanese forces.")
    assert (event.cameo, event.modality) == ("094", "future")


# --- events named by nouns


def test_nominal_events(code):
    assert ("ECUCOP", "MEXGOV", "17") in dyads(code("The assault on the Mexican embassy by Ecuadorian police angered Mexico."))
    assert ("USAGOV", "ECUELI", "04") in dyads(code("Blinken's call with Lasso lasted an hour."))


# --- negation, refusal, conditions, promises and threats


def test_refusing_to_meet_is_a_rejection_not_a_meeting(code):
    events = code("Ecuador refused to meet Mexican officials.")
    assert dyads(events) == {("ECU", "MEXGOV", "12")} and only(events, "12").cameo == "125"
    assert only(events, "12").modality == "asserted"


def test_rejecting_a_request_rejects_the_act_asked_for(code):
    event = only(code("Argentina rejected a Chilean request to extradite the former general."), "12")
    assert (event.source.code, event.target.code, event.cameo) == ("ARG", "CHL", "1213")
    event = only(code("Uruguay rejected calls by Brazil for military aid."), "12")
    assert (event.source.code, event.target.code, event.cameo) == ("URY", "BRA", "1222")


def test_a_request_made_in_a_noun_is_an_appeal_of_its_act(code):
    event = only(code("Spain renewed its appeal to Morocco to extradite the suspects."), "02")
    assert (event.source.code, event.target.code, event.cameo) == ("ESP", "MAR", "0213")


def test_a_statement_speaks_for_whoever_issued_it(code):
    assert ("VEN", "GUY", "11") in dyads(code("Venezuela issued a statement condemning Guyana."))
    assert not [e for e in code("Russia vetoed a resolution condemning Syria.") if e.root == "11"]


def test_an_act_its_actor_says_it_will_not_do_is_a_refusal(code):
    event = only(code("Jordan said it will not accept more Syrian refugees."), "12")
    assert (event.cameo, event.modality, event.target.code) == ("1223", "asserted", "SYRREF")
    # told by someone of no country named, as by the actor's own
    assert only(code("Chilean miners will not end their strike, a union official said."), "12").cameo == "1242"
    # told by someone of another country, only a prediction
    assert not [e for e in code("Peru's president said Chilean miners will not end their strike.") if e.root == "12"]
    # a refusal needs an act with a refusal of its own kind; a force posture stays negated
    assert {e.modality for e in code("Peru will not send troops to Haiti.")} == {"negated"}


def test_a_stative_passive_states_what_its_subject_does(code):
    assert ("SRBMIL", "ALBCVL", "20") in dyads(
        code("Serbian forces were engaged in ethnic cleansing against Albanian civilians.")
    )


def test_a_gerund_after_to_or_on_is_the_embedded_act(code):
    event = only(code("Chile is committed to sending aid to Haiti."), "03")
    assert (event.cameo, event.target.code) == ("033", "HTI")


def test_a_verb_that_carries_out_what_its_object_names(code):
    assert "142" in {e.cameo for e in code("Bolivian miners continued their hunger strike.")}
    assert ("ITA", "SRB", "16") in dyads(code("Italy announced a suspension of flights to Serbia."))


def test_releasing_someone_named_is_releasing_a_person(code):
    event = only(code("British police released Julian Assange on Monday."), "08")
    assert event.cameo == "0841"


def test_an_accusation_takes_the_sub_code_of_what_it_is_of(code):
    event = only(code("Sudan accused Chad of violating the ceasefire."), "11")
    assert (event.cameo, event.target.code) == ("1123", "TCD")


def test_urging_others_to_act_on_a_third_party_rallies_for_or_against_it(code):
    assert ("BRA", "BOL", "05") in dyads(code("Brazil urged the European Union to support Bolivia."))
    assert only(code("Brazil urged the European Union to support Bolivia."), "05").cameo == "053"
    assert only(code("Venezuela called on its neighbours to condemn Guyana."), "11").cameo == "113"
    # acting with the one who asks is no third party: an appeal for cooperation
    assert only(code("Cuba called on Mexico to forge closer ties with Havana."), "02").cameo == "022"


def test_not_sending_troops_is_negated(code):
    event = only(code("The United States did not send troops to Haiti."), "15")
    assert event.modality == "negated" and event.target.code == "HTI"


def test_failing_to_agree_is_negated(code):
    assert all(e.modality == "negated" for e in code("Mexico failed to reach an agreement with the United States."))


def test_a_condition_is_hypothetical_and_its_consequence_a_threat(code):
    events = code("If Russia attacks Ukraine, Germany will impose sanctions on Moscow.")
    attack = [e for e in events if e.source.code == "RUS"]
    assert attack and all(e.modality == "hypothetical" for e in attack)
    threat = only(events, "13")
    assert threat.source.code == "DEU" and threat.cameo == "1312" and threat.modality == "asserted"


def test_possibility_is_hypothetical(code):
    assert {e.modality for e in code("China could impose sanctions on Lithuania.")} == {"hypothetical"}


def test_threats_and_promises_are_intent_codes(code):
    threat = only(code("China threatened to impose sanctions on Taiwan."), "13")
    promise = only(code("Mexico promised to send aid to Cuba."), "03")
    assert (threat.cameo, threat.target.code) == ("1312", "TWN")
    assert (promise.cameo, promise.target.code) == ("033", "CUB")


def test_never_asserted_when_denied_negated_or_imagined(code):
    text = "Venezuela did not invade Guyana. Colombia might close its border with Ecuador if Quito refuses."
    events = code(text)
    assert events and all(e.modality != "asserted" for e in events if e.root in ("19", "16"))


# --- who says so


def test_named_and_anonymous_attribution(code):
    office = code("Brazil sent aid to Bolivia, the foreign minister said.")  # an identifiable office holder
    according = code("According to the foreign ministry, Brazil sent aid to Bolivia.")
    anonymous = code("Two officials who spoke on condition of anonymity said Peru had expelled the Mexican ambassador.")
    unnamed = code("Peru expelled the Mexican ambassador, a source familiar with the decision said.")
    assert {(e.attribution.type, e.attribution.text) for e in office} == {("named", "the foreign minister")}
    assert {(e.attribution.type, e.attribution.text) for e in according} == {("named", "the foreign ministry")}
    assert {e.attribution.type for e in anonymous} == {"anonymous"}
    assert {e.attribution.type for e in unnamed} == {"anonymous"}
    assert {e.attribution.type for e in code("Brazil sent aid to Bolivia.")} == {"author"}


def test_a_named_speaker_is_named(code):
    events = code("Ecuador's foreign minister Gabriela Sommerfeld said Ecuador had expelled the Mexican ambassador.")
    assert {e.attribution.type for e in events} == {"named"}


def test_hedges(code):
    assert all(e.hedged for e in code("Russia reportedly shelled Ukrainian positions near Kharkiv."))
    assert all(e.hedged for e in code("Russia allegedly attacked Ukraine, officials said."))
    assert not any(e.hedged for e in code("Russia attacked Ukraine."))


def test_an_anonymous_account_carries_to_later_sentences(code):
    text = (
        "According to sources who asked not to be named, Ecuador planned the raid with help from abroad. "
        "The CIA shared intelligence with Ecuador before the raid."
    )
    shared = only(code(text), "06")
    assert shared.attribution.type == "anonymous" and any("carried from sentence 0" in n for n in shared.evidence.notes)


# --- coreference


def test_pronouns_and_role_nouns(code):
    events = code("Pompeo arrived in Quito on Saturday. He met President Moreno and praised his government.")
    assert {("USAELI", "ECUELI", "04"), ("USAELI", "ECUGOV", "05")} <= dyads(events)
    (met,) = [e for e in events if e.cameo == "040"]
    assert met.source.text == "He" and any("'He' -> Pompeo" in n for n in met.evidence.notes)


def test_a_role_noun_refers_back(code):
    events = code("The president of Peru met Chilean officials on Monday. The president later criticized Bolivia.")
    assert ("PERGOV", "BOL", "11") in dyads(events)


def test_the_two_refers_to_the_pair_just_named(code):
    events = code("Lula met Biden at the White House. The two leaders discussed trade.")
    discussed = [e for e in events if e.sentence_index == 1]
    assert {(e.source.name, e.target.name) for e in discussed} == {
        ("Luiz Inácio Lula da Silva", "Joe Biden"),
        ("Joe Biden", "Luiz Inácio Lula da Silva"),
    }


def test_its_in_an_object_is_its_clause_subjects_even_after_another_country(code):
    events = code("Chile's envoy to the United Nations criticised Bolivia. Bolivia recalled its ambassador in Lima on Monday.")
    assert ("BOL", "PERGOV", "16") in dyads(events)


def test_it_in_reported_speech_is_the_speaker(code):
    assert ("TUR", "IRN", "02") in dyads(code("Turkey said it had asked Iran to release the detained journalists."))


# --- metonymy and embassies


@pytest.mark.parametrize(
    ("sentence", "dyad"),
    [
        ("Washington condemned Havana.", ("USAGOV", "CUBGOV", "11")),
        ("The Kremlin accused Kyiv of shelling civilians.", ("RUSGOV", "UKRGOV", "11")),
        ("Quito recalled its ambassador from Mexico City.", ("ECUGOV", "MEXGOV", "16")),
        ("The Mexican embassy protested to Ecuador.", ("MEXGOV", "ECU", "11")),
    ],
)
def test_capitals_seats_of_power_and_embassies_stand_for_governments(code, sentence, dyad):
    assert dyad in dyads(code(sentence))


# --- dated roles


def test_the_same_name_gets_the_code_of_the_event_date(pipeline):
    def code_of(published: dt.date) -> str:
        (result,) = pipeline.run(
            [Article.from_text("Guillermo Lasso met Colombian officials on Monday.", "t", "t", published=published)]
        )
        return only(list(result.events), "04").source.code

    assert code_of(dt.date(2017, 3, 6)) == "ECUOPP"
    assert code_of(dt.date(2022, 3, 7)) == "ECUGOV"


# --- dates


def test_each_event_takes_the_date_its_clause_states_or_the_day_the_story_has_reached(pipeline):
    text = (
        "LIMA, April 8 (Pacific Wire) - Peru has expelled Bolivia's ambassador, accusing La Paz of meddling in its "
        "elections.\n\nThe foreign ministry declared the envoy persona non grata late on Saturday and gave him 72 hours "
        "to leave the country. Bolivia condemned the decision. Two days earlier, Bolivian President Luis Arce had accused "
        "Peru of harbouring rebels.\n\nPeru's foreign minister will meet his Chilean counterpart on Thursday. Peru "
        "denies the accusations."
    )
    (result,) = pipeline.run([Article.from_text(text, "t", "t", published=MONDAY)])
    assert result.article.dateline == "LIMA, April 8 (Pacific Wire)"
    dated = {(e.sentence_index, e.date, e.evidence.date_source) for e in result.events}
    assert dated == {
        (0, dt.date(2024, 4, 6), "next_sentence"),  # the lead's act, dated in the sentence after it
        (1, dt.date(2024, 4, 6), "sentence"),  # late on Saturday
        (2, dt.date(2024, 4, 6), "earlier_sentence"),  # the story's day: it condemned what was done then
        (3, dt.date(2024, 4, 4), "sentence"),  # two days before Saturday
        (4, dt.date(2024, 4, 11), "sentence"),  # the coming Thursday
        (4, MONDAY, "publication"),  # the meeting announced, on the day of writing
        (5, MONDAY, "publication"),  # the present tense
    }
    lead = next(e for e in result.events if e.sentence_index == 0)
    assert "date: 'Saturday' of sentence 1; the clause states none of its own" in lead.evidence.notes


# --- predicate adjectives


def test_evaluative_adjectives_are_comments(code):
    assert ("BRA", "VEN", "11") in dyads(code("Brazil is critical of the sanctions against Venezuela."))
    optimistic = only(code("Mexico remained optimistic about talks with Ecuador."), "01")
    assert (optimistic.cameo, optimistic.target.code) == ("013", "ECU")
    assert only(code("Germany was not sceptical about the French plan."), "01").modality == "negated"


@pytest.mark.parametrize(
    "sentence",
    [
        "A senior diplomat, who asked not to be named, said the talks would resume.",
        "The minister warned on Tuesday.",
        "The general ordered his men forward.",
    ],
)
def test_an_embedding_verb_that_names_neither_an_act_nor_whom_it_is_aimed_at_is_no_event(code, sentence):
    assert not [e for e in code(sentence) if e.root in ("02", "10", "13")]


def test_two_sides_agreeing_on_something_unnamed_still_agree_with_each_other(code):
    assert ("USA", "JOR", "03") in dyads(code("The United States and Jordan have agreed upon a new pact."))


def test_an_event_noun_that_says_what_something_else_is_states_no_event(code):
    events = code(
        "Peru and Chile broke off ties on Monday. The rupture was the worst clash between the two countries in decades."
    )
    assert not [e for e in events if e.sentence_index == 1]
