"""The vocabulary of diplomatic and security reporting, end to end with the real model.

The sentences are written for these tests; ``test_coding_phrases.py`` holds the rules on fixed
parses. Each test names a class of language and checks several wordings of it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tinkuy.model import Article, CodedArticle

pytestmark = pytest.mark.model

MONDAY = dt.date(2024, 4, 8)


@pytest.fixture(scope="module")
def code(pipeline):
    """(source, target or '-', CAMEO code) of each asserted event of a one-sentence article."""

    def events(text: str) -> set[tuple[str, str, str]]:
        (result,) = pipeline.run([Article.from_text(text, "t", "t", published=MONDAY)])
        assert isinstance(result, CodedArticle)
        return {(e.source.code, e.target.code if e.target else "-", e.cameo) for e in result.events if e.modality == "asserted"}

    return events


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("Peru declared Bolivia's envoy unwelcome on Monday.", ("PER", "BOLGOV", "161")),
        ("Ghana ordered Togo's chargé d'affaires to leave within 72 hours.", ("GHA", "TGO", "161")),
        ("Chile ordered the expulsion of two Argentine diplomats.", ("CHL", "ARGGOV", "161")),
        ("Kenya gave Somalia's diplomats a week to leave.", ("KEN", "SOMGOV", "161")),
        ("Mexican diplomats left Quito on Sunday.", ("MEXGOV", "ECUGOV", "161")),
        ("Spain was downgrading its representation in Buenos Aires to chargé d'affaires level.", ("ESP", "ARGGOV", "161")),
        ("Brazil recalled its ambassador in Caracas for consultations over the election.", ("BRA", "VENGOV", "161")),
    ],
)
def test_envoys_recalled_expelled_and_declared_unwelcome(code, sentence, event):
    assert event in code(sentence)


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("Panama ordered two Colombian journalists to leave the country.", ("PAN", "COLMED", "174")),
        ("Uganda gave the British journalists 24 hours to leave the country.", ("UGA", "GBRMED", "174")),
    ],
)
def test_other_people_ordered_out_are_expelled_individuals(code, sentence, event):
    assert event in code(sentence)


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("Saudi Arabia froze all new trade and investment with Canada.", ("SAU", "CAN", "163")),
        ("Russia suspended flights to Georgia.", ("RUS", "GEO", "163")),
        ("Venezuela shut the bridges to Colombia.", ("VEN", "COL", "160")),
        ("Maduro ordered the border with Brazil closed.", ("VENGOV", "BRA", "160")),
        ("Ecuador ordered a 30% increase in tariffs on Colombian goods.", ("ECU", "COL", "163")),
    ],
)
def test_sanctions_embargoes_and_closures(code, sentence, event):
    assert event in code(sentence)


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("Nicaragua filed a case against Germany at the International Court of Justice.", ("NIC", "DEU", "115")),
        ("Mexico took Ecuador to the International Court of Justice.", ("MEX", "ECU", "115")),
        ("Argentina regretted Spain's decision to withdraw its ambassador.", ("ARG", "ESP", "110")),
    ],
)
def test_legal_acts_are_against_the_party_not_the_court(code, sentence, event):
    events = code(sentence)
    assert event in events
    assert not any(target.startswith("IGOUNOJUD") for _, target, _ in events)


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("Washington prohibited all aid to the Nicaraguan government.", ("USAGOV", "NICGOV", "162")),
        ("The United Nations withdrew its weapons inspectors from Iraq.", ("IGOUNO", "IRQ", "1662")),
        ("Bolivia forced the Israeli ambassador out of the country.", ("BOL", "ISRGOV", "161")),
        ("Venezuela deported 50 Colombian migrants.", ("VEN", "COLREF", "174")),
        ("A batch of Nepalese peacekeeping troops arrived in Lebanon.", ("NPLMIL", "LBN", "074")),
    ],
)
def test_aid_withdrawn_people_expelled_and_peacekeepers_sent(code, sentence, event):
    assert event in code(sentence)


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("Chile brought charges against three Peruvian officials.", ("CHL", "PERGOV", "115")),
        ("A Peruvian court convicted Alberto Fujimori of human rights abuses.", ("PERJUD", "PERELI", "116")),
        ("A court in The Hague found Serbia guilty of failing to prevent genocide.", ("NLDJUD", "SRB", "116")),
    ],
)
def test_charges_are_lawsuits_and_a_conviction_a_finding_of_guilt(code, sentence, event):
    assert event in code(sentence)


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("Denmark accepted a plan to end its dispute with Norway.", ("DNK", "NOR", "037")),
        ("The government met the strikers' demands.", ("---GOV", "---LAB", "080")),
        ("Bolivia took the decision to break relations with Israel.", ("BOL", "ISR", "161")),
    ],
)
def test_settling_yielding_and_decisions_taken(code, sentence, event):
    assert event in code(sentence)


def test_a_decision_judged_by_someone_else_is_not_theirs(code):
    assert ("PER", "FRAGOV", "161") not in code("Peru criticised the decision to expel the French ambassador.")


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("Rebels wounded three Colombian soldiers in a bomb attack.", ("COLREB", "COLMIL", "183")),
        ("Turkish jets killed five Kurdish fighters in an air strike on Monday.", ("TURMIL", "TURUAF", "195")),
        ("Soldiers took up positions around the presidential palace in Naypyitaw.", ("MMRMIL", "MMRGOV", "150")),
        ("Russia deployed troops to the border with Ukraine.", ("RUS", "UKR", "154")),
        ("Brazil called on Israel to withdraw from Gaza.", ("BRA", "ISR", "0256")),
        ("Mutinous soldiers seized the parliament in Bamako on Tuesday.", ("MLIMIL", "MLILEG", "192")),
        ("Rebel troops captured the presidential palace in Khartoum.", ("SDNMIL", "SDNGOV", "192")),
    ],
)
def test_force_and_its_appeals(code, sentence, event):
    assert event in code(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Peru called the vote a farce.",
        "Soldiers took over the square, in what President Luis Arce called an attempted coup.",
        "Officials in Rabat declined to comment further.",
        "His lawyer would not comment on where he was being held.",
        "Ecuador's foreign ministry justified its decision to enter the embassy.",
        "Kenyan President William Ruto called the mission one of the most important in the history of international solidarity.",
    ],
)
def test_naming_declining_to_comment_and_justifying_are_no_appeal_refusal_or_defence(code, sentence):
    codes = {c for _, _, c in code(sentence)}
    assert not codes & {"020", "120", "052"}
    assert not any(c.startswith("01") for c in codes)


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("Venezuela called Duque a criminal and a liar.", ("VEN", "COLELI", "111")),
        ("The minister described the Colombian raid as a crime.", ("COLGOV", "COL", "111")),
        ("China welcomed what it called Nicaragua's right choice.", ("CHN", "NIC", "051")),
        ("Colombia declined to comment on Venezuela's accusations.", ("COL", "VEN", "011")),
        ("Russia justified its decision to cut gas supplies to Ukraine.", ("RUS", "UKR", "163")),
    ],
)
def test_what_naming_commenting_and_justifying_say_of_others(code, sentence, event):
    assert event in code(sentence)


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("South American governments closed ranks behind Peru's president.", ("SAMGOV", "PERGOV", "051")),
        ("Colombian opposition parties rallied around President Gustavo Petro.", ("COLOPP", "COLGOV", "051")),
        ("Kenya stood behind Haiti's transitional council.", ("KEN", "HTI", "051")),
    ],
)
def test_standing_behind_someone_is_support(code, sentence, event):
    assert event in code(sentence)


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("Brazil hosted Argentina's president on Monday.", ("BRA", "ARGGOV", "043")),
        ("Lula hosted Petro in Brasilia.", ("BRAGOV", "COLGOV", "043")),
    ],
)
def test_hosting_someone_is_a_visit(code, sentence, event):
    assert event in code(sentence)


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("The OAS called on Guyana and Venezuela to settle their dispute through dialogue.", ("IGOOAS", "GUY", "027")),
        ("Peru and Chile agreed to resolve the border dispute.", ("PER", "CHL", "037")),
    ],
)
def test_settling_a_dispute_asked_or_promised(code, sentence, event):
    assert event in code(sentence)


def test_a_joint_communique_signed_by_two_sides_is_an_agreement_of_each_with_the_other(code):
    events = code("Officials from Panama and China signed a joint communiqué in Beijing.")
    assert {("PANGOV", "CHNGOV", "057"), ("CHNGOV", "PANGOV", "057")} <= events


def test_guardsmen_are_soldiers(code):
    assert any(source == "VENMIL" for source, _, _ in code("Venezuelan guardsmen fired tear gas at Colombian officials."))
